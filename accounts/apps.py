from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and organizations")

    def ready(self) -> None:
        # The receivers of login, failure and lockout signals (the security log, the slow-down).
        # Loaded once every app's models are: django-axes' signals module imports its models.
        import_module(f"{self.name}.signals")
