from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models import Meeting, Person


def checked_in_by(*, instance: "CheckIn", request=None, **_kwargs):
    """Who the change record names: the staff member at the desk, also outside a request."""
    return request.user if request is not None else instance.by


class CheckInQuerySet(models.QuerySet["CheckIn"]):
    def for_day(self, meeting: Meeting, day):
        return self.filter(meeting=meeting, day=day)


class CheckIn(models.Model):
    """A participant was at the meeting on a day: marked once, at the door."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="check_ins"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="check_ins"
    )
    day = models.DateField(_("day"))
    at = models.DateTimeField(_("checked in at"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CheckInQuerySet.as_manager()
    history = HistoricalRecords(get_user=checked_in_by)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["meeting", "day", "at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person", "day"],
                name="participants_checkin_once_per_day",
                violation_error_message=_("This participant is already checked in for this day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} \N{EM DASH} {self.day.isoformat()}"
