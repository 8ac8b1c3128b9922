"""How much one organization may submit to a meeting: a number of papers and a total size."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0005_segment_is_one_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="megabytes_per_organization",
            field=models.PositiveIntegerField(
                default=250,
                help_text="The most one organization's files for this meeting may take in all, every version counted, in MB.",
                verbose_name="megabytes per organization",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="papers_per_organization",
            field=models.PositiveSmallIntegerField(
                default=20,
                help_text="The most documents one organization may submit to this meeting.",
                verbose_name="papers per organization",
            ),
        ),
    ]
