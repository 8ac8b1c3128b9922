from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .meeting import Meeting


class ProgrammeVersionQuerySet(models.QuerySet["ProgrammeVersion"]):
    def latest_first(self):
        return self.order_by("-number")


class ProgrammeVersion(models.Model):
    """A released "Organization of work": the programme as build_programme made it when staff
    published (or re-published) the meeting, numbered 1, 2, 3… within the meeting.

    `snapshot` holds plain data, so a version reads back without the rows it was made from.
    """

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="programme_versions",
    )
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("Shown with the version, e.g. “Session 3 moved to the afternoon”."),
    )
    snapshot = models.JSONField(_("snapshot"))

    objects = ProgrammeVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme version")
        verbose_name_plural = _("programme versions")
        ordering = ["meeting", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="programme_version_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return _("Version %(number)d") % {"number": self.number}
