from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("Participants")

    def ready(self) -> None:
        # What participants does when meetings merges or erases a person (meetings.signals), and
        # what it adds to a meeting's page (meetings.extensions).
        import_module(f"{self.name}.receivers")
        import_module(f"{self.name}.admin.tasks")  # its count on the admin's first page
        # What the public list and the meeting's panel show is the meeting's change
        # (meetings.freshness), so the cached pages follow it.
        import_module(f"{self.name}.freshness")
