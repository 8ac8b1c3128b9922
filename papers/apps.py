from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PapersConfig(AppConfig):
    name = "papers"
    verbose_name = _("Documents and papers")

    def ready(self) -> None:
        # What papers does when meetings merges or erases a person (meetings.signals).
        import_module(f"{self.name}.receivers")
        # What the publish confirmation of a meeting says papers makes public (meetings.extensions).
        import_module(f"{self.name}.publishing")
        # A document's change is its meeting's change (meetings.freshness).
        import_module(f"{self.name}.freshness")
