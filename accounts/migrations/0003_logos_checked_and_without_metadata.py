"""Organization logos are checked by content and stored under generated names without metadata."""

import accounts.images
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_memberships_invitations"),
    ]

    operations = [
        migrations.AlterField(
            model_name="organization",
            name="logo",
            field=accounts.images.PictureField(
                blank=True,
                folder="organizations/logos",
                help_text="A PNG or JPEG of at most 5 MB, stored without its metadata.",
                verbose_name="logo",
            ),
        ),
    ]
