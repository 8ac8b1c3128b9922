import datetime
import uuid as uuid_module
import zoneinfo
from typing import Self

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.text import SingleLineTextModel
from config.content_languages import Text, comma, text_in
from config.countries import country_text
from meetings.formatting import date_range, time_range


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as America/New_York or Europe/Zurich."),
            params={"value": value},
            code="invalid_time_zone",
        )


class MeetingSeriesQuerySet(models.QuerySet):
    def with_published_meetings(self):
        """Series that have a published meeting, each with `published_meetings`, latest first."""
        published = Meeting.objects.published().order_by("-start_date")
        return (
            self.filter(meetings__status=MeetingStatus.PUBLISHED)
            .distinct()
            .prefetch_related(
                models.Prefetch("meetings", queryset=published, to_attr="published_meetings")
            )
        )


class MeetingSeries(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    objects = MeetingSeriesQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("meetings:series_detail", kwargs={"slug": self.slug})


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=MeetingStatus.PUBLISHED)

    def upcoming(self, today: datetime.date | None = None):
        """Meetings that have not ended yet, soonest first."""
        today = today or timezone.localdate()
        return self.filter(end_date__gte=today).order_by("start_date", "title")

    def open_for_submissions(self, now: datetime.datetime | None = None):
        """Meetings whose submission window is open now; the soonest to close first."""
        now = now or timezone.now()
        return (
            self.filter(submissions_open__lte=now)
            .filter(Q(submissions_close__isnull=True) | Q(submissions_close__gt=now))
            .order_by(F("submissions_close").asc(nulls_last=True), "title")
        )

    def past(self, today: datetime.date | None = None):
        """Meetings that have ended, latest first."""
        today = today or timezone.localdate()
        return self.filter(end_date__lt=today).order_by("-start_date", "title")


class Meeting(SingleLineTextModel):
    series = models.ForeignKey(
        MeetingSeries,
        verbose_name=_("series"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    edition = models.PositiveSmallIntegerField(
        _("edition"), null=True, blank=True, help_text=_("10 for the tenth meeting of a series.")
    )
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("The last part of the meeting's address on the site, after /meetings/."),
        error_messages={"unique": _("Another meeting already has this slug.")},
    )
    organizer = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organizer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organized_meetings",
    )
    venue = models.CharField(
        _("venue"), max_length=200, blank=True, help_text=_("e.g. United Nations Headquarters")
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("The venue's time zone, e.g. America/New_York. Session times are in it."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for lists and search engines."),
    )
    description = models.TextField(_("description"), blank=True)
    mandate = models.TextField(
        _("mandate"), blank=True, help_text=_("The resolution or decision the meeting responds to.")
    )
    expected_outcome = models.TextField(_("expected outcome"), blank=True)
    submissions_open = models.DateTimeField(
        _("submissions open"),
        null=True,
        blank=True,
        help_text=_("When organizations may start submitting papers and presentations."),
    )
    submissions_close = models.DateTimeField(
        _("submissions close"),
        null=True,
        blank=True,
        help_text=_(
            "After this, organizations can no longer submit or replace files. Leave blank to "
            "keep submissions open until further notice."
        ),
    )
    papers_per_organization = models.PositiveSmallIntegerField(
        _("papers per organization"),
        default=20,
        help_text=_("The most documents one organization may submit to this meeting."),
    )
    megabytes_per_organization = models.PositiveIntegerField(
        _("megabytes per organization"),
        default=250,
        help_text=_(
            "The most one organization's files for this meeting may take in all, every version "
            "counted, in MB."
        ),
    )
    papers_unedited_note = models.BooleanField(
        _("say papers are unedited"),
        default=True,
        help_text=_(
            "Show “These papers were reproduced without formal editing” under contributed papers."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MeetingStatus,
        default=MeetingStatus.DRAFT,
        help_text=_("Only published meetings are shown to the public."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The root of the identifiers its exports give sessions and items (calendar UIDs, the frab
    # schedule's guids): stable across edits and re-publications, new for a planned edition.
    uuid = models.UUIDField(_("UUID"), default=uuid_module.uuid4, unique=True, editable=False)
    # When the meeting or anything shown under it last changed (meetings.freshness): the key of
    # its cached exports and their Last-Modified.
    content_changed_at = models.DateTimeField(
        _("content changed"), default=timezone.now, editable=False
    )

    objects = MeetingQuerySet.as_manager()
    # What staff change, field by field (meetings.history): shown on the admin's History page.
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at", "content_changed_at"])

    single_line_fields = ("title",)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="meetings_meeting_ends_after_start",
                violation_error_message=_("The meeting cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(submissions_close__gt=F("submissions_open"))
                | Q(submissions_open__isnull=True)
                | Q(submissions_close__isnull=True),
                name="meetings_meeting_submissions_close_after_open",
                violation_error_message=_("Submissions must close after they open."),
            ),
            models.UniqueConstraint(
                fields=["series", "edition"],
                name="meetings_meeting_unique_edition",
                violation_error_message=_("This series already has a meeting with that edition."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting_detail", kwargs={"slug": self.slug})

    def export_uid(self, kind: str, pk: int) -> uuid_module.UUID:
        """A stable UUID for one of its sessions, items or segments in every export ("session",
        42): the same in every version, on every server, and in no other meeting."""
        return uuid_module.uuid5(self.uuid, f"{kind}:{pk}")

    def clean(self) -> None:
        if (
            self.submissions_open
            and self.submissions_close
            and self.submissions_close <= self.submissions_open
        ):
            raise ValidationError(
                {"submissions_close": _("Submissions must close after they open.")},
                code="submissions_close_before_open",
            )
        if self.start_date and self.end_date:
            if self.end_date < self.start_date:
                raise ValidationError(
                    {"end_date": _("The meeting cannot end before it starts.")},
                    code="ends_before_start",
                )
            if self.pk:
                outside = self.sessions.exclude(
                    date__range=(self.start_date, self.end_date)
                ).order_by("date")
                if outside.exists():
                    raise ValidationError(
                        _(
                            "The session on %(date)s falls outside these dates: move or delete "
                            "it first."
                        ),
                        params={"date": outside.first().date.isoformat()},
                        code="sessions_outside_dates",
                    )

    def submissions_are_open(self, now: datetime.datetime | None = None) -> bool:
        """True from the opening time until the closing time, if any; never without an opening."""
        if not self.submissions_open:
            return False
        now = now or timezone.now()
        return self.submissions_open <= now and (
            self.submissions_close is None or now < self.submissions_close
        )

    @property
    def is_published(self) -> bool:
        return self.status == MeetingStatus.PUBLISHED

    @property
    def dates_display(self) -> str:
        return date_range(self.start_date, self.end_date)

    @property
    def place_texts(self) -> list[Text]:
        """Venue, city and country in the reader's language, each with the language it is in:
        the venue and city as staff entered them (English where not translated), the country
        as CLDR names it (config/countries.py)."""
        texts = [text_in(self, "venue"), text_in(self, "city"), country_text(self.country)]
        return [text for text in texts if text.value]

    @property
    def place_display(self) -> str:
        return comma().join(text.value for text in self.place_texts)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def local_today(self, now: datetime.datetime | None = None) -> datetime.date:
        """The date at the venue now (or at `now`), whatever the server's time zone."""
        return (now or timezone.now()).astimezone(self.zone).date()

    def utc_offset_display(self) -> str:
        """ "UTC−05:00" for the meeting's first day, so readers elsewhere can convert."""
        noon = datetime.datetime.combine(self.start_date, datetime.time(12), tzinfo=self.zone)
        offset = noon.utcoffset() or datetime.timedelta()
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "−"
        hours, minutes = divmod(abs(minutes), 60)
        return f"UTC{sign}{hours:02d}:{minutes:02d}"


class Objective(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="objectives"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("objective"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class SessionQuerySet(models.QuerySet["Session"]):
    def chronological(self) -> Self:
        return self.order_by("date", "start_time", "pk")


class Session(SingleLineTextModel):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="sessions"
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"), help_text=_("In the venue's time zone."))
    end_time = models.TimeField(_("ends"), help_text=_("In the venue's time zone."))
    name = models.CharField(
        _("name"), max_length=150, blank=True, help_text=_('e.g. "Morning session"')
    )
    room = models.CharField(_("room"), max_length=150, blank=True)

    objects = SessionQuerySet.as_manager()
    history = HistoricalRecords()

    single_line_fields = ("name", "room")

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="meetings_session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        label = self.name or _("Session")
        return f"{label}, {self.date.isoformat()} {self.times_display}"

    def clean(self) -> None:
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("A session must end after it starts.")
        meeting = self.meeting if self.meeting_id else None
        if (
            meeting
            and self.date
            and meeting.start_date
            and meeting.end_date
            and not meeting.start_date <= self.date <= meeting.end_date
        ):
            errors["date"] = _(
                "The meeting runs from %(start)s to %(end)s; this date is outside it."
            ) % {"start": meeting.start_date.isoformat(), "end": meeting.end_date.isoformat()}
        if errors:
            raise ValidationError(errors)

    @property
    def times_display(self) -> str:
        return time_range(self.start_time, self.end_time)
