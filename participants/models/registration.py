import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from config.dates import long_date
from meetings.models import Meeting


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def list_published(self):
        return self.filter(list_published=True, meeting__status="published")


class Registration(models.Model):
    """How a meeting takes nominations: when, how many, with which papers; and its public list.

    The dates are days in the venue's time zone: registration opens at the start of `opens_on`
    and closes at the end of `closes_on` there, wherever the focal point is.
    """

    meeting = models.OneToOneField(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="registration",
    )
    opens_on = models.DateField(
        _("registration opens on"),
        null=True,
        blank=True,
        help_text=_("From the start of this day in the venue's time zone. Blank: not open yet."),
    )
    closes_on = models.DateField(
        _("registration closes on"),
        null=True,
        blank=True,
        help_text=_(
            "At the end of this day in the venue's time zone. Blank: open until further notice."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("places in all"),
        null=True,
        blank=True,
        help_text=_("The most participants the meeting takes by nomination. Blank: no limit."),
    )
    places_per_organization = models.PositiveSmallIntegerField(
        _("places per organization"),
        null=True,
        blank=True,
        help_text=_("The most participants one organization may nominate. Blank: no limit."),
    )
    letter_required = models.BooleanField(
        _("nomination letter required"),
        default=False,
        help_text=_("Each nomination comes with a PDF: a note verbale or nomination letter."),
    )
    note = models.TextField(
        _("note on the form"),
        max_length=1000,
        blank=True,
        help_text=_("Shown to focal points above the nomination form."),
    )
    list_published = models.BooleanField(
        _("publish the list of participants"),
        default=False,
        help_text=_(
            "Shows the list of participants on the meeting's page: accepted participants who "
            "agreed to appear, and the programme's people. Never an e-mail, phone or requirement."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-meeting__start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on"))
                | Q(opens_on__isnull=True)
                | Q(closes_on__isnull=True),
                name="participants_registration_closes_after_opening",
                violation_error_message=_("Registration cannot close before it opens."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Registration for %(meeting)s") % {"meeting": self.meeting})

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError(
                {"closes_on": _("Registration cannot close before it opens.")},
                code="closes_before_opening",
            )
        meeting = self.meeting if self.meeting_id else None
        if meeting is not None and meeting.end_date:
            for name in ("opens_on", "closes_on"):
                day = getattr(self, name)
                if day and day > meeting.end_date:
                    raise ValidationError(
                        {
                            name: _(
                                "The meeting ends on %(end)s: registration cannot open or close "
                                "after that."
                            )
                            % {"end": long_date(meeting.end_date)}
                        },
                        code="after_the_meeting",
                    )

    def today(self, now: datetime.datetime | None = None) -> datetime.date:
        """The date at the venue now."""
        return self.meeting.local_today(now)

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        if self.opens_on is None:
            return False
        today = self.today(now)
        return self.opens_on <= today and (self.closes_on is None or today <= self.closes_on)

    def has_closed(self, now: datetime.datetime | None = None) -> bool:
        return self.closes_on is not None and self.today(now) > self.closes_on

    @property
    def closes_at(self) -> datetime.datetime | None:
        """The moment registration closes: midnight after `closes_on` at the venue."""
        if self.closes_on is None:
            return None
        midnight = datetime.datetime.combine(
            self.closes_on + datetime.timedelta(days=1), datetime.time(), tzinfo=self.meeting.zone
        )
        return midnight
