from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from config.dates import long_date

from .meeting import Meeting


class ProgrammeVersionQuerySet(models.QuerySet["ProgrammeVersion"]):
    def latest_first(self):
        return self.order_by("-number")


# What with_latest_version() annotates a meeting with: annotation name -> ProgrammeVersion field.
_LATEST = {
    "latest_version_pk": "id",
    "latest_version_number": "number",
    "latest_version_published_at": "published_at",
    "latest_version_note": "note",
    "latest_version_snapshot": "snapshot",
}


def with_latest_version(
    meetings: models.QuerySet[Meeting], *, snapshot: bool = True
) -> models.QuerySet[Meeting]:
    """Meetings with their latest programme version in the same query (read it back with
    latest_version_of): the public programme page then needs no query beyond the meeting.

    `snapshot=False` leaves out the snapshot, the one large field: the version's number says
    whether a cached export is still right, and the snapshot is read (one query, by the
    version's pk) only when the export has to be made again."""
    latest = ProgrammeVersion.objects.filter(meeting=OuterRef("pk")).order_by("-number")
    fields = _LATEST if snapshot else {k: v for k, v in _LATEST.items() if v != "snapshot"}
    return meetings.annotate(
        **{
            name: Subquery(
                latest.values(field)[:1],
                output_field=ProgrammeVersion._meta.get_field(field),
            )
            for name, field in fields.items()
        }
    )


def latest_version_of(meeting: Meeting) -> "ProgrammeVersion | None":
    """The version with_latest_version() read with `meeting` (unsaved copy), or None. Read
    without its snapshot, the version loads it from the database when it is first used."""
    if getattr(meeting, "latest_version_pk", None) is None:
        return None
    values = {
        field: getattr(meeting, name) for name, field in _LATEST.items() if hasattr(meeting, name)
    }
    version = ProgrammeVersion(meeting=meeting, **values)
    version._state.adding = False
    if "snapshot" not in values:
        del version.__dict__["snapshot"]  # deferred: Django reads it on first access
    return version


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

    @property
    def date_display(self) -> str:
        """ "12 January 2013": the day it was published, at the venue."""
        return long_date(self.published_at.astimezone(self.meeting.zone))
