"""Review reasons move from the document to the file version they describe; who decided is kept.

Each document's reasons go to its newest version, the file they were found in. The category of
contributed papers is the one that may say "reproduced without formal editing", as the page did
by its slug until now.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


CONTRIBUTED_PAPERS = "contributed-papers"


def reasons_to_versions(apps, schema_editor):
    Document = apps.get_model("papers", "Document")
    DocumentVersion = apps.get_model("papers", "DocumentVersion")
    for document in Document.objects.exclude(review_reasons="").iterator():
        newest = DocumentVersion.objects.filter(document=document).order_by("-number").first()
        if newest is not None:
            newest.review_reasons = document.review_reasons
            newest.save(update_fields=["review_reasons"])


def reasons_to_documents(apps, schema_editor):
    Document = apps.get_model("papers", "Document")
    DocumentVersion = apps.get_model("papers", "DocumentVersion")
    for document in Document.objects.iterator():
        newest = DocumentVersion.objects.filter(document=document).order_by("-number").first()
        if newest is not None and newest.review_reasons:
            document.review_reasons = newest.review_reasons
            document.save(update_fields=["review_reasons"])


def contributed_papers_note_unedited(apps, schema_editor):
    DocumentCategory = apps.get_model("papers", "DocumentCategory")
    DocumentCategory.objects.filter(slug=CONTRIBUTED_PAPERS).update(notes_unedited=True)


class Migration(migrations.Migration):
    dependencies = [
        ("papers", "0002_categories_and_secretariat"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="decided_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="decided"),
        ),
        migrations.AddField(
            model_name="document",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                help_text="Who last published, returned or rejected the document.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="decided_documents",
                to=settings.AUTH_USER_MODEL,
                verbose_name="decided by",
            ),
        ),
        migrations.AddField(
            model_name="documentcategory",
            name="notes_unedited",
            field=models.BooleanField(
                default=False,
                help_text="Under this heading, a meeting that says its papers are unedited shows “These papers were reproduced without formal editing”.",
                verbose_name="may say “reproduced without formal editing”",
            ),
        ),
        migrations.AddField(
            model_name="documentversion",
            name="review_reasons",
            field=models.TextField(
                blank=True,
                help_text="Found when the file was checked, e.g. a PDF that contains JavaScript.",
                verbose_name="why it needs a careful look",
            ),
        ),
        migrations.RunPython(reasons_to_versions, reasons_to_documents),
        migrations.RunPython(contributed_papers_note_unedited, migrations.RunPython.noop),
    ]
