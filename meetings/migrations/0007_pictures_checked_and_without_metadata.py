"""Speaker photos are checked by content and stored under generated names without metadata."""

import accounts.images
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0006_submission_limits_per_organization"),
    ]

    operations = [
        migrations.AlterField(
            model_name="person",
            name="photo",
            field=accounts.images.PictureField(
                blank=True,
                folder="people/photos",
                help_text="A PNG or JPEG of at most 5 MB. It is stored without its metadata (camera, GPS position) and shown on the person's public page.",
                verbose_name="photo",
            ),
        ),
    ]
