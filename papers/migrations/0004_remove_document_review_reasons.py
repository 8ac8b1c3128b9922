"""The document's own copy of the review reasons goes: 0003 moved them to the file versions."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("papers", "0003_review_reasons_on_versions_decisions"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="document",
            name="review_reasons",
        ),
    ]
