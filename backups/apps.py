from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    """`manage.py backup` and `manage.py restore`: the whole installation in one archive."""

    name = "backups"
    verbose_name = _("Backups")
