from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("Open data API")

    def ready(self) -> None:
        # "Open data (JSON API)" beside the programme's PDF, calendar and schedule links.
        import_module(f"{self.name}.links")
