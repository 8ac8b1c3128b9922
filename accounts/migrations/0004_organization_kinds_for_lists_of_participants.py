"""Organization kinds fine enough to order a list of participants as UN documents do.

"UN entity" keeps its stored value for the Secretariat's departments and offices; the regional
commissions and IOM (a related organization of the UN system since 2016) move to their own kinds.
"""

from django.db import migrations, models

REGIONAL_COMMISSION_NAMES = ("Economic Commission", "Economic and Social Commission")
RELATED_ORGANIZATION_NAMES = (
    "International Organization for Migration",
    "International Atomic Energy Agency",
    "World Trade Organization",
)


def refine(apps, _schema_editor):
    organization = apps.get_model("accounts", "Organization")
    for prefix in REGIONAL_COMMISSION_NAMES:
        organization.objects.filter(kind="un", name__startswith=prefix).update(kind="un_regional")
    organization.objects.filter(name__in=RELATED_ORGANIZATION_NAMES).exclude(
        kind__in=["civil_society", "academic"]
    ).update(kind="un_related")


def coarsen(apps, _schema_editor):
    organization = apps.get_model("accounts", "Organization")
    organization.objects.filter(kind__in=["un_fund", "un_agency", "un_regional"]).update(kind="un")
    organization.objects.filter(kind="un_related").update(kind="igo")
    organization.objects.filter(kind="observer").update(kind="government")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_logos_checked_and_without_metadata")]

    operations = [
        migrations.AlterField(
            model_name="organization",
            name="kind",
            field=models.CharField(
                choices=[
                    ("government", "Member State (government)"),
                    ("observer", "Observer State or entity"),
                    ("un", "UN Secretariat department or office"),
                    ("un_fund", "UN fund or programme"),
                    ("un_agency", "UN specialized agency"),
                    ("un_related", "Related organization of the UN system"),
                    ("un_regional", "UN regional commission"),
                    ("igo", "Other intergovernmental organization"),
                    ("civil_society", "Civil society"),
                    ("academic", "Academic"),
                    ("other", "Other"),
                ],
                default="other",
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.RunPython(refine, coarsen),
    ]
