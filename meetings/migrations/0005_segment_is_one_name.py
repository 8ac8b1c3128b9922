"""The model is named Segment in code; the admin calls it a segment too, not "presentation or segment"."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0004_submissions_open_until_further_notice"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="segment",
            options={
                "ordering": ["agenda_item", "order", "pk"],
                "verbose_name": "segment",
                "verbose_name_plural": "segments",
            },
        ),
    ]
