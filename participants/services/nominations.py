"""Nominating, changing and withdrawing: what focal points do, and staff on their behalf."""

from __future__ import annotations

import dataclasses
import unicodedata

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Organization, User
from accounts.text import is_control
from config.dates import long_date
from meetings.models import Honorific, Meeting, Person
from participants.models import (
    Nomination,
    NominationEvent,
    NominationEventKind,
    NominationStatus,
    Registration,
)
from participants.services.places import place_check, registration_locked
from uploads.storing import files_removed_on_failure

LETTER_NAME_LENGTH = Nomination._meta.get_field("letter_name").max_length or 255


@dataclasses.dataclass
class Nominee:
    """What a nomination form says about the person."""

    family_name: str
    given_name: str = ""
    honorific: Honorific | None = None
    position: str = ""
    email: str = ""
    phone: str = ""
    listed: bool = False
    head_of_delegation: bool = False
    requirements: str = ""

    def fields(self) -> dict[str, object]:
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}


def event_record(
    nomination: Nomination, kind: NominationEventKind, by: User | None, message: str = ""
) -> NominationEvent:
    return NominationEvent.objects.create(
        nomination=nomination, kind=kind, by=by if by and by.pk else None, message=message
    )


def _registration_open_check(registration: Registration) -> None:
    if registration.is_open():
        return
    if registration.has_closed() and registration.closes_on:
        raise ValidationError(
            _("Registration for this meeting closed on %(date)s.")
            % {"date": long_date(registration.closes_on)},
            code="registration_closed",
        )
    if registration.opens_on:
        raise ValidationError(
            _("Registration for this meeting opens on %(date)s.")
            % {"date": long_date(registration.opens_on)},
            code="registration_not_open",
        )
    raise ValidationError(
        _("Registration for this meeting is not open."), code="registration_not_open"
    )


def _membership_check(user: User, organization: Organization) -> None:
    if not Membership.objects.filter(
        user=user, organization=organization, user__is_active=True
    ).exists():
        raise PermissionDenied("Not a focal point of this organization.")


def _described(
    nomination: Nomination, organization: Organization, field: str | None, *, full: bool
) -> str:
    """Why a nomination is refused beside `nomination`. Another organization's nomination is
    not described to a focal point (its delegate may not be on the public list, nor want to
    be): they learn only that the address, or the person, is taken. The Secretariat (`full`)
    reads every detail."""
    if nomination.organization_id != organization.pk and not full:
        if field == "email":
            return _(
                "This e-mail address is already used for this meeting. If it is right, write "
                "to the Secretariat."
            )
        return _(
            "This person is already nominated for this meeting. If that is right, write to "
            "the Secretariat."
        )
    return _("%(name)s is already nominated by %(organization)s (%(status)s, since %(date)s).") % {
        "name": nomination.display_name,
        "organization": nomination.organization.short_name,
        "status": nomination.get_status_display().lower(),
        "date": long_date(nomination.created_at),
    }


def duplicate_check(
    meeting: Meeting,
    organization: Organization,
    nominee: Nominee,
    *,
    person: Person | None = None,
    excluding: Nomination | None = None,
    full: bool = False,
) -> None:
    """Refuse a second active nomination of the same person, naming the one that stands when
    it is the organization's own (or to the Secretariat, `full`): the same e-mail address (any
    case) in the meeting, the same names (accents, case and invisible characters aside) in the
    organization, or the same person."""
    active = Nomination.objects.for_meeting(meeting).active().with_details()
    if excluding is not None:
        active = active.exclude(pk=excluding.pk)
    key = Nomination.key_for(nominee.given_name, nominee.family_name)
    checks: list[tuple[str | None, QuerySet[Nomination]]] = []
    if nominee.email:
        checks.append(("email", active.filter(email__iexact=nominee.email)))
    checks.append(("family_name", active.filter(organization=organization, name_key=key)))
    if person is not None:
        checks.append((None, active.filter(person=person)))
    for field, queryset in checks:
        existing = queryset.order_by("pk").first()
        if existing is not None:
            message = _described(existing, organization, field, full=full)
            raise ValidationError({field: message} if field else message, code="duplicate")


def person_for(
    organization: Organization, nominee: Nominee, *, excluding: Nomination | None = None
) -> Person:
    """The Person the nominee is: one the organization nominated before with the same e-mail
    address, or one of the organization's people (a speaker, say) with the same names, accents
    and case aside; a new Person otherwise. Another organization's nominations and people are
    never linked: an address typed by mistake (or on purpose) must not make the nominee someone
    another organization put forward. `excluding`: the nomination being changed."""
    if nominee.email:
        earlier_nominations = Nomination.objects.filter(
            organization=organization,
            email__iexact=nominee.email,
            person__withheld_at__isnull=True,
        )
        if excluding is not None:
            earlier_nominations = earlier_nominations.exclude(pk=excluding.pk)
        earlier = earlier_nominations.select_related("person").order_by("-created_at").first()
        if earlier is not None:
            return earlier.person
    same_name: Person | None = (
        Person.objects.same_name_as(nominee.given_name, nominee.family_name)
        .filter(organization=organization)
        .order_by("pk")
        .first()
    )
    if same_name is not None:
        return same_name
    person = Person(
        honorific=nominee.honorific,
        given_name=nominee.given_name,
        family_name=nominee.family_name,
        position=nominee.position,
        organization=organization,
    )
    person.save()
    return person


def letter_download_name(sent_name: str) -> str:
    """The name a letter is offered under: the name it was sent with, ending in ".pdf" whatever
    it ended in (the file passed as a PDF, and a browser saves it by this name: "note.html"
    would be opened as a page). The stem keeps no path, control or invisible characters;
    "letter.pdf" when nothing is left."""
    name = unicodedata.normalize("NFC", sent_name.replace("\\", "/").rpartition("/")[2])
    name = "".join(
        char for char in name if not (is_control(char) or unicodedata.category(char) == "Cf")
    )
    stem, dot, _extension = name.rpartition(".")
    stem = (stem if dot else name).strip(" .")
    stem = stem[: LETTER_NAME_LENGTH - len(".pdf")].strip(" .") or "letter"
    return f"{stem}.pdf"


def _store_letter(nomination: Nomination, letter: UploadedFile[bytes], written: list[str]) -> None:
    name = nomination.letter.field.generate_filename(nomination, "letter.pdf")
    written.append(name)
    nomination.letter.save(name, letter, save=False)
    written[-1] = nomination.letter.name or name
    nomination.letter_name = letter_download_name(
        getattr(letter, "sent_name", None) or letter.name or ""
    )


def _integrity_refusal() -> ValidationError:
    """A constraint caught what the checks could not see yet: a nomination committed meanwhile."""
    return ValidationError(
        _("This person was nominated for this meeting a moment ago. Reload My delegation."),
        code="duplicate",
    )


def nomination_create(
    *,
    meeting: Meeting,
    organization: Organization,
    nominee: Nominee,
    by: User,
    letter: UploadedFile[bytes] | None = None,
    by_staff: bool = False,
) -> Nomination:
    """A focal point nominates someone (`by_staff`: the Secretariat adds a participant, who is
    accepted at once, and the registration dates do not apply).

    Refused with a ValidationError, storing nothing, when registration is not open, when there
    is no place left, when the person is nominated already or when the meeting requires a letter
    and none came. A focal point of another organization gets PermissionDenied.
    """
    if not by_staff:
        _membership_check(by, organization)
    try:
        with files_removed_on_failure() as written, transaction.atomic():
            registration = registration_locked(meeting)
            if not by_staff:
                _registration_open_check(registration)
                if registration.letter_required and letter is None:
                    raise ValidationError(
                        {"letter": _("This meeting asks for a nomination letter (a PDF).")},
                        code="letter_required",
                    )
            place_check(registration, organization)
            duplicate_check(meeting, organization, nominee, full=by_staff)
            person = person_for(organization, nominee)
            duplicate_check(meeting, organization, nominee, person=person, full=by_staff)
            nomination = Nomination(
                meeting=meeting,
                organization=organization,
                person=person,
                nominated_by=by,
                **nominee.fields(),
            )
            if letter is not None:
                _store_letter(nomination, letter, written)
            if by_staff:
                nomination.status = NominationStatus.ACCEPTED
                nomination.decided_by = by
                nomination.decided_at = timezone.now()
            nomination.save()
            event_record(
                nomination,
                NominationEventKind.ADDED if by_staff else NominationEventKind.NOMINATED,
                by,
            )
    except IntegrityError as error:
        raise _integrity_refusal() from error
    return nomination


def _locked_for_change(nomination: Nomination, by: User) -> tuple[Registration, Nomination]:
    """The meeting's registration and the nomination, locked in that order (the order every
    write takes the two locks in), once its organization's focal point may still change it."""
    _membership_check(by, nomination.organization)
    registration = registration_locked(nomination.meeting)
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if not nomination.is_active:
        raise ValidationError(
            _("This nomination was %(status)s: it can no longer be changed.")
            % {"status": nomination.get_status_display().lower()},
            code="not_active",
        )
    if not registration.is_open():
        raise ValidationError(
            _("Registration has closed: write to the Secretariat to change a nomination."),
            code="registration_closed",
        )
    return registration, nomination


def _names_changed(nomination: Nomination, nominee: Nominee) -> bool:
    """Other names, not just other accents, case, spacing or invisible characters."""
    return Nomination.key_for(nominee.given_name, nominee.family_name) != Nomination.key_for(
        nomination.given_name, nomination.family_name
    )


def _place_for_new_decision(registration: Registration, nomination: Nomination) -> None:
    """A wait-listed nomination that goes back to awaiting a decision takes a place again."""
    try:
        place_check(registration, nomination.organization)
    except ValidationError as error:
        raise ValidationError(
            _(
                "%(reason)s With other names or another e-mail address, this nomination "
                "awaits a new decision and needs a place: keep them, or withdraw another "
                "nomination first."
            )
            % {"reason": " ".join(error.messages)},
            code=error.code,
        ) from error


def nomination_update(
    *,
    nomination: Nomination,
    nominee: Nominee,
    by: User,
    letter: UploadedFile[bytes] | None = None,
) -> Nomination:
    """A focal point changes their nomination while registration is open. A replaced letter
    stays stored: the history names the earlier file.

    Other names or another e-mail address may be another person: an accepted or wait-listed
    nomination then awaits a new decision (status pending, holding a place: a wait-listed one
    needs a place free). Other names are looked up again (person_for), so the Person of the
    names before (a speaker, say) is neither renamed nor carried along; another e-mail address
    alone keeps the Person.
    """
    try:
        with files_removed_on_failure() as written, transaction.atomic():
            registration, nomination = _locked_for_change(nomination, by)
            names_changed = _names_changed(nomination, nominee)
            email_changed = nominee.email.lower() != nomination.email.lower()
            person = nomination.person
            if names_changed:
                person = person_for(nomination.organization, nominee, excluding=nomination)
            duplicate_check(
                nomination.meeting,
                nomination.organization,
                nominee,
                person=person,
                excluding=nomination,
            )
            decided = nomination.status in (NominationStatus.ACCEPTED, NominationStatus.WAITLISTED)
            redecided = decided and (names_changed or email_changed)
            if redecided and not nomination.holds_a_place:
                _place_for_new_decision(registration, nomination)
            changed = [
                str(getattr(Nomination._meta.get_field(name), "verbose_name", name))
                for name, value in nominee.fields().items()
                if getattr(nomination, name) != value
            ]
            for name, value in nominee.fields().items():
                setattr(nomination, name, value)
            nomination.person = person
            if letter is not None:
                earlier = nomination.letter.name
                if earlier:
                    nomination.earlier_letters = [*nomination.earlier_letters, earlier]
                _store_letter(nomination, letter, written)
                changed.append(
                    _("nomination letter (the earlier one is kept as %(name)s)") % {"name": earlier}
                    if earlier
                    else _("nomination letter")
                )
            if not changed:
                return nomination
            message = ", ".join(changed)
            if redecided:
                message += ". " + _(
                    "It was %(status)s; with other names or another e-mail address it awaits "
                    "a new decision."
                ) % {"status": nomination.get_status_display().lower()}
                nomination.status = NominationStatus.PENDING
                nomination.decided_by = None
                nomination.decided_at = None
                nomination.decision_message = ""
            nomination.save()
            event_record(nomination, NominationEventKind.CHANGED, by, message)
    except IntegrityError as error:
        raise _integrity_refusal() from error
    return nomination


@transaction.atomic
def nomination_withdraw(*, nomination: Nomination, by: User) -> Nomination:
    """A focal point withdraws a nomination while registration is open: its place is free."""
    _registration, nomination = _locked_for_change(nomination, by)
    nomination.status = NominationStatus.WITHDRAWN
    nomination.save(update_fields=["status", "updated_at"])
    event_record(nomination, NominationEventKind.WITHDRAWN, by)
    return nomination
