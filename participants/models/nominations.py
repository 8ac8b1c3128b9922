import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Organization
from accounts.text import SingleLineTextModel, folded
from meetings.models import Honorific, Meeting, Person


class NominationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting decision")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("Wait-listed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def holding_a_place(cls) -> tuple[str, ...]:
        """A nomination awaiting a decision keeps its place, as an accepted one does."""
        return (cls.PENDING, cls.ACCEPTED)

    @classmethod
    def active(cls) -> tuple[str, ...]:
        """Nominations that still stand: the same person cannot be nominated again beside them."""
        return (cls.PENDING, cls.ACCEPTED, cls.WAITLISTED)


def sees_every_nomination(user) -> bool:
    """The Secretariat's staff: every nomination with its contact data, the exports, the badges."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("participants.view_nomination")
    )


def letter_path(nomination: "Nomination", _filename: str) -> str:
    """Where a nomination letter is stored: never under a name someone typed."""
    return f"participants/letters/{nomination.meeting_id}/{uuid.uuid4().hex}.pdf"


class NominationQuerySet(models.QuerySet["Nomination"]):
    def with_details(self):
        return self.select_related("honorific", "organization__parent", "person", "meeting")

    def for_meeting(self, meeting: Meeting):
        return self.filter(meeting=meeting)

    def active(self) -> "NominationQuerySet":
        return self.filter(status__in=NominationStatus.active())

    def holding_a_place(self):
        return self.filter(status__in=NominationStatus.holding_a_place())

    def accepted(self):
        return self.filter(status=NominationStatus.ACCEPTED)

    def visible_to(self, user):
        """The nominations whose contact data `user` may read: the Secretariat's staff see all,
        a focal point those of their own organizations, anybody else none."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if sees_every_nomination(user):
            return self
        return self.filter(organization__memberships__user=user)

    def places_taken(self, meeting: Meeting) -> dict[int | None, int]:
        """Places held per organization id, and in all under the key None."""
        rows = (
            self.filter(meeting=meeting, status__in=NominationStatus.holding_a_place())
            .order_by()
            .values("organization")
            .annotate(count=Count("pk"))
        )
        taken: dict[int | None, int] = {row["organization"]: row["count"] for row in rows}
        taken[None] = sum(taken.values())
        return taken


class Nomination(SingleLineTextModel):
    """An organization puts a person forward as a participant of a meeting.

    The names and position are kept as the organization gave them for this meeting; `person`
    is who it is across meetings and programmes (a speaker nominated is the same person). E-mail,
    phone and requirements are personal data: the Secretariat and the organization's own focal
    points read them, nobody else, and they never appear on a public page.
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="nominations"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="nominations"
    )
    honorific = models.ForeignKey(
        Honorific,
        verbose_name=_("honorific"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
    )
    given_name = models.CharField(_("given name(s)"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100)
    position = models.CharField(
        _("position or title"),
        max_length=200,
        blank=True,
        help_text=_('As the list of participants shows it, e.g. "Director, Migration Policy".'),
    )
    name_key = models.CharField(max_length=210, editable=False, db_index=True)
    head_of_delegation = models.BooleanField(
        _("head of delegation"),
        default=False,
        help_text=_("Listed first among the organization's participants."),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(
        _("phone"),
        max_length=20,
        blank=True,
        help_text=_("Stored in international form: +41 22 917 12 34 is +41229171234."),
    )
    listed = models.BooleanField(
        _("agrees to appear on the public list"),
        default=False,
        help_text=_("Only then are their honorific, name and position on the public list."),
    )
    requirements = models.TextField(
        _("special requirements"),
        max_length=2000,
        blank=True,
        help_text=_("Accessibility, dietary or other needs. Seen by the Secretariat only."),
    )
    letter = models.FileField(
        _("nomination letter"), upload_to=letter_path, blank=True, max_length=200
    )
    letter_name = models.CharField(_("letter's file name"), max_length=255, blank=True)
    earlier_letters = models.JSONField(
        _("earlier letters"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("Stored names of the letters this one replaced: kept, never overwritten."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=NominationStatus,
        default=NominationStatus.PENDING,
    )
    decision_message = models.TextField(_("message with the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="nominations_made",
    )
    erased_at = models.DateTimeField(
        _("personal data erased"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("nominated at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NominationQuerySet.as_manager()
    # Field by field (participants.history); erasure and the retention purge scrub it.
    history = HistoricalRecords(excluded_fields=["name_key", "created_at", "updated_at"])

    single_line_fields = ("given_name", "family_name", "position")

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["meeting", "organization", "-head_of_delegation", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "meeting",
                Lower("email"),
                condition=Q(status__in=NominationStatus.active()) & ~Q(email=""),
                name="participants_nomination_one_per_email",
                violation_error_message=_("Someone with this e-mail address is already nominated."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "organization", "name_key"],
                condition=Q(status__in=NominationStatus.active()) & ~Q(name_key=""),
                name="participants_nomination_one_per_name",
                violation_error_message=_(
                    "This organization already nominated someone of this name."
                ),
            ),
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(status__in=NominationStatus.active()),
                name="participants_nomination_one_per_person",
                violation_error_message=_("This person is already nominated for this meeting."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=NominationStatus.values),
                name="participants_nomination_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.organization.short_name})"

    def save(self, *args, **kwargs) -> None:
        self.name_key = self.key_for(self.given_name, self.family_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("participants:delegation", args=[self.meeting.slug, self.organization_id])

    @staticmethod
    def key_for(given_name: str, family_name: str) -> str:
        """The names as they compare for duplicates: accents, case and spacing don't count."""
        if not (given_name or family_name):
            return ""
        return folded(f"{given_name} | {family_name}")

    @property
    def full_name(self) -> str:
        if self.erased_at:
            return str(_("Name withheld"))
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    @property
    def display_name(self) -> str:
        if self.honorific_id and not self.erased_at:
            return f"{self.honorific.name} {self.full_name}"
        return self.full_name

    @property
    def holds_a_place(self) -> bool:
        return self.status in NominationStatus.holding_a_place()

    @property
    def is_active(self) -> bool:
        return self.status in NominationStatus.active()


class NominationEventKind(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    ADDED = "added", _("Added by the Secretariat")
    CHANGED = "changed", _("Changed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("Wait-listed")
    DECLINED = "declined", _("Declined")
    MERGED = "merged", _("Person merged")
    ERASED = "erased", _("Personal data erased")
    PURGED = "purged", _("Contact data purged after the retention period")


class NominationEvent(models.Model):
    """One line of a nomination's history: who did what, when, with which message."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("what"), max_length=12, choices=NominationEventKind)
    message = models.TextField(_("message"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("nomination event")
        verbose_name_plural = _("nomination history")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d %H:%M})"
