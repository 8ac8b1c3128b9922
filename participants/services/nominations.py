"""Nominating, changing and withdrawing: what focal points do, and staff on their behalf."""

from __future__ import annotations

import dataclasses

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Organization, User
from accounts.text import folded
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
            % {"date": formats.date_format(registration.closes_on, "j F Y")},
            code="registration_closed",
        )
    if registration.opens_on:
        raise ValidationError(
            _("Registration for this meeting opens on %(date)s.")
            % {"date": formats.date_format(registration.opens_on, "j F Y")},
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


def _described(nomination: Nomination, organization: Organization) -> str:
    if nomination.organization_id != organization.pk:
        return _("%(name)s is already nominated for this meeting by another organization.") % {
            "name": nomination.full_name
        }
    return _("%(name)s is already nominated by %(organization)s (%(status)s, since %(date)s).") % {
        "name": nomination.display_name,
        "organization": organization.short_name,
        "status": nomination.get_status_display().lower(),
        "date": formats.date_format(nomination.created_at, "j F Y"),
    }


def duplicate_check(
    meeting: Meeting,
    organization: Organization,
    nominee: Nominee,
    *,
    person: Person | None = None,
    excluding: Nomination | None = None,
) -> None:
    """Refuse a second active nomination of the same person, naming the one that stands:
    the same e-mail address (any case) in the meeting, the same names (accents and case aside)
    in the organization, or the same person."""
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
            message = _described(existing, organization)
            raise ValidationError({field: message} if field else message, code="duplicate")


def person_for(organization: Organization, nominee: Nominee) -> Person:
    """The Person the nominee is: one nominated before with the same e-mail address, or one of
    the organization's people (a speaker, say) with the same names, accents and case aside; a
    new Person otherwise."""
    if nominee.email:
        earlier = (
            Nomination.objects.filter(email__iexact=nominee.email, person__withheld_at__isnull=True)
            .select_related("person")
            .order_by("-created_at")
            .first()
        )
        if earlier is not None:
            return earlier.person
    key = (folded(nominee.given_name), folded(nominee.family_name))
    candidates = Person.objects.named().filter(organization=organization).order_by("pk")
    same_spelling = list(candidates.filter(family_name__iexact=nominee.family_name))
    for candidate in same_spelling or candidates:  # the others only when accents differ
        if (folded(candidate.given_name), folded(candidate.family_name)) == key:
            found: Person = candidate
            return found
    person = Person(
        honorific=nominee.honorific,
        given_name=nominee.given_name,
        family_name=nominee.family_name,
        position=nominee.position,
        organization=organization,
    )
    person.save()
    return person


def _store_letter(nomination: Nomination, letter: UploadedFile[bytes], written: list[str]) -> None:
    name = nomination.letter.field.generate_filename(nomination, "letter.pdf")
    written.append(name)
    nomination.letter.save(name, letter, save=False)
    written[-1] = nomination.letter.name or name
    nomination.letter_name = (getattr(letter, "sent_name", None) or letter.name or "letter.pdf")[
        :255
    ]


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
            duplicate_check(meeting, organization, nominee)
            person = person_for(organization, nominee)
            duplicate_check(meeting, organization, nominee, person=person)
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


def _locked_for_change(nomination: Nomination, by: User) -> Nomination:
    """The nomination, locked after its meeting's registration (the order every write takes the
    two locks in), once its organization's focal point may still change it."""
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
    return nomination


def nomination_update(
    *,
    nomination: Nomination,
    nominee: Nominee,
    by: User,
    letter: UploadedFile[bytes] | None = None,
) -> Nomination:
    """A focal point changes their nomination while registration is open. A replaced letter
    stays stored: the history names the earlier file."""
    try:
        with files_removed_on_failure() as written, transaction.atomic():
            nomination = _locked_for_change(nomination, by)
            duplicate_check(
                nomination.meeting, nomination.organization, nominee, excluding=nomination
            )
            changed = [
                str(getattr(Nomination._meta.get_field(name), "verbose_name", name))
                for name, value in nominee.fields().items()
                if getattr(nomination, name) != value
            ]
            for name, value in nominee.fields().items():
                setattr(nomination, name, value)
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
            nomination.save()
            event_record(nomination, NominationEventKind.CHANGED, by, ", ".join(changed))
    except IntegrityError as error:
        raise _integrity_refusal() from error
    return nomination


@transaction.atomic
def nomination_withdraw(*, nomination: Nomination, by: User) -> Nomination:
    """A focal point withdraws a nomination while registration is open: its place is free."""
    nomination = _locked_for_change(nomination, by)
    nomination.status = NominationStatus.WITHDRAWN
    nomination.save(update_fields=["status", "updated_at"])
    event_record(nomination, NominationEventKind.WITHDRAWN, by)
    return nomination
