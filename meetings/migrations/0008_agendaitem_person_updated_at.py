"""Agenda items and people note when they were last saved, so a stale admin page can tell."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0007_pictures_checked_and_without_metadata"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="updated"),
        ),
        migrations.AddField(
            model_name="person",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="updated"),
        ),
    ]
