from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings and programme")

    def ready(self) -> None:
        # The change records kept true to erasures, merges and services (meetings.history).
        import_module(f"{self.name}.history.receivers")
        # Released programme versions withhold a deleted person's name (meetings.versions).
        import_module(f"{self.name}.versions.receivers")
        # Meeting.content_changed_at follows every change the public pages show.
        import_module(f"{self.name}.freshness")
