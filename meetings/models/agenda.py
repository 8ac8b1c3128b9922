from typing import Self

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from accounts.text import SingleLineTextModel
from meetings.formatting import roman

from .meeting import Meeting, MeetingStatus, Session
from .people import Person


class Role(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    PRESENTER = "presenter", _("Presenter")
    MODERATOR = "moderator", _("Moderator")
    CHAIR = "chair", _("Chair")
    DISCUSSANT = "discussant", _("Discussant")

    @classmethod
    def presenting(cls) -> tuple[str, ...]:
        """Roles shown as "Name, affiliation. Title of the presentation"."""
        return (cls.SPEAKER, cls.PRESENTER)

    @classmethod
    def heading(cls, role: str, count: int) -> str:
        """ "Moderator" or "Moderators", as a programme labels a list of people."""
        labels = {
            cls.SPEAKER: ngettext("Speaker", "Speakers", count),
            cls.PRESENTER: ngettext("Presenter", "Presenters", count),
            cls.MODERATOR: ngettext("Moderator", "Moderators", count),
            cls.CHAIR: ngettext("Chair", "Chairs", count),
            cls.DISCUSSANT: ngettext("Discussant", "Discussants", count),
        }
        return labels[role]


class AgendaItemQuerySet(models.QuerySet):
    def with_number(self):
        """Annotate `number`: the item's rank in its meeting's agenda (1 for item I)."""
        earlier = (
            AgendaItem.objects.filter(meeting=OuterRef("meeting"))
            .filter(
                Q(order__lt=OuterRef("order")) | Q(order=OuterRef("order"), pk__lte=OuterRef("pk"))
            )
            .order_by()
            .values("meeting")
            .annotate(rank=Count("pk"))
            .values("rank")
        )
        return self.annotate(number=Subquery(earlier))


class AgendaItem(SingleLineTextModel):
    """An agenda item, numbered I, II, III… by its order; it may run over several sessions."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Items are numbered I, II, III… in this order; the numeral is not typed."),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    sessions = models.ManyToManyField(
        Session,
        verbose_name=_("sessions"),
        blank=True,
        related_name="agenda_items",
        help_text=_(
            "Every session the item is taken up in; later ones are shown as “(continued)”."
        ),
    )

    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AgendaItemQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=["sessions"])

    single_line_fields = ("title",)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        number = getattr(self, "number", None)
        if number:
            return f"{roman(number)}. {self.title}"
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self.order and self.meeting_id:
            last = (
                AgendaItem.objects.filter(meeting_id=self.meeting_id)
                .exclude(pk=self.pk)
                .aggregate(models.Max("order"))["order__max"]
            )
            self.order = (last or 0) + 1
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return self.meeting.get_absolute_url() + "programme/"

    @property
    def numeral(self) -> str:
        number = getattr(self, "number", None)
        if number is None:
            number = AgendaItem.objects.filter(pk=self.pk).with_number().get().number
        return roman(number)


class Segment(SingleLineTextModel):
    """A segment of an agenda item (a presentation, a panel, remarks), with its people in order.

    The programme, the admin and the demo data all call it a segment.
    """

    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="segments"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(
        _("title"),
        max_length=400,
        blank=True,
        help_text=_("The presentation's title; may stay blank for a speaker's remarks."),
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="segments",
        help_text=_("Only for an item over several sessions: blank means its first session."),
    )

    history = HistoricalRecords()

    single_line_fields = ("title",)

    class Meta:
        verbose_name = _("presentation")
        verbose_name_plural = _("presentations")
        ordering = ["agenda_item", "order", "pk"]

    def __str__(self) -> str:
        return self.title or _("Untitled presentation of “%(item)s”") % {
            "item": self.agenda_item.title
        }

    def get_absolute_url(self) -> str:
        return self.agenda_item.get_absolute_url()

    def clean(self) -> None:
        if (
            self.session_id
            and self.agenda_item_id
            and self.session.meeting_id != self.agenda_item.meeting_id
        ):
            raise ValidationError(
                {"session": _("Choose a session of this item's own meeting.")},
                code="session_of_other_meeting",
            )


class AppearanceQuerySet(models.QuerySet["Appearance"]):
    def with_people(self) -> Self:
        return self.select_related("person__honorific")

    def published(self):
        return self.filter(agenda_item__meeting__status=MeetingStatus.PUBLISHED)

    def for_person_page(self, person: Person):
        item_number = (
            AgendaItem.objects.filter(pk=OuterRef("agenda_item")).with_number().values("number")
        )
        return (
            self.published()
            .filter(person=person)
            .select_related("agenda_item__meeting", "segment__session")
            .annotate(item_number=Subquery(item_number))
            .order_by(
                "-agenda_item__meeting__start_date",
                "agenda_item__order",
                "agenda_item__pk",
                "order",
                "pk",
            )
        )


class Appearance(SingleLineTextModel):
    """A person in a role under an agenda item, or under one of its segments.

    The affiliation is kept as the programme showed it at that meeting: a person's position changes
    over the years, the programme of an earlier meeting does not.
    """

    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="appearances",
    )
    segment = models.ForeignKey(
        Segment,
        verbose_name=_("presentation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="appearances",
        help_text=_("Blank for the item's own moderators, chairs or speakers."),
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="appearances"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.SPEAKER)
    affiliation = models.CharField(
        _("affiliation as shown"),
        max_length=300,
        blank=True,
        help_text=_(
            "Shown after the name at this meeting; filled from the person's position or "
            "organization when left blank."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = AppearanceQuerySet.as_manager()
    history = HistoricalRecords()

    single_line_fields = ("affiliation",)

    class Meta:
        verbose_name = _("person in the programme")
        verbose_name_plural = _("people in the programme")
        ordering = ["agenda_item", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=Role.values),
                name="meetings_appearance_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"

    def save(self, *args, **kwargs) -> None:
        if self.pk and self.person_id and self._affiliation_was_derived_from_another_person():
            self.affiliation = ""
        if not self.affiliation and self.person_id:
            self.affiliation = self.person.default_affiliation("en")
        if self.segment_id and not self.agenda_item_id:
            self.agenda_item_id = self.segment.agenda_item_id
        super().save(*args, **kwargs)

    def _affiliation_was_derived_from_another_person(self) -> bool:
        """Whether the person changed and the affiliation is the one Plenary gave the previous
        person, so that it is derived again from the new one.

        The rule: the stored affiliation was derived if it is what the previous person's record
        gives now (`default_affiliation()`). One staff typed by hand for this appearance (anything
        else), or typed in the same edit that changes the person, is kept.
        """
        stored = (
            Appearance.objects.filter(pk=self.pk)
            .select_related("person__organization__parent")
            .first()
        )
        if stored is None or stored.person_id == self.person_id:
            return False
        if self.affiliation not in ("", stored.affiliation):
            return False  # typed in this very edit
        return stored.affiliation == stored.person.default_affiliation("en")

    def clean(self) -> None:
        if (
            self.segment_id
            and self.agenda_item_id
            and self.segment.agenda_item_id != self.agenda_item_id
        ):
            raise ValidationError(
                {"segment": _("This presentation belongs to another agenda item.")},
                code="segment_of_other_item",
            )

    @property
    def item_numeral(self) -> str:
        """The agenda item's numeral, from the `item_number` that for_person_page() annotates."""
        return roman(self.item_number)

    @property
    def label(self) -> str:
        """ "Amb. Eva Åkerman-Börje, Ministry of Justice, Sweden"."""
        name = self.person.display_name
        return f"{name}, {self.affiliation}" if self.affiliation else name
