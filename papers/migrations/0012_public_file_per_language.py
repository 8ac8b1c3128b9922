"""The public files are marked on the versions now (0011): the document's single public version
goes, and the database allows one public file per language."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("papers", "0011_files_per_language"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="document",
            name="published_version",
        ),
        migrations.RemoveField(
            model_name="historicaldocument",
            name="published_version",
        ),
        migrations.AddConstraint(
            model_name="documentversion",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_public", True)),
                fields=("document", "language"),
                name="papers_version_one_public_per_language",
            ),
        ),
    ]
