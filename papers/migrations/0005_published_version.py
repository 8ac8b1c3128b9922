"""Each document names the version the public reads; today's published documents keep showing
their newest file, which is what the public saw until now."""

import django.db.models.deletion
from django.db import migrations, models


def newest_is_public(apps, schema_editor):
    Document = apps.get_model("papers", "Document")
    DocumentVersion = apps.get_model("papers", "DocumentVersion")
    for document in Document.objects.filter(status="published").iterator():
        newest = DocumentVersion.objects.filter(document=document).order_by("-number").first()
        if newest is not None:
            document.published_version = newest
            document.save(update_fields=["published_version"])


class Migration(migrations.Migration):
    dependencies = [
        ("papers", "0004_remove_document_review_reasons"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="published_version",
            field=models.ForeignKey(
                blank=True,
                help_text="The file the public reads: the version the secretariat published. A later version reaches the public only when it is published in turn.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="papers.documentversion",
                verbose_name="public version",
            ),
        ),
        migrations.RunPython(newest_is_public, migrations.RunPython.noop),
    ]
