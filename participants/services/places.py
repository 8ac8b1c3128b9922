"""Places: how many a meeting and an organization have left, checked under a row lock.

Every write that takes a place (a nomination, an acceptance, a staff addition) first locks the
meeting's Registration row with SELECT … FOR UPDATE, so of two focal points racing for the last
place the second waits for the first to commit, then counts again and is refused. On SQLite,
where a write takes the database's lock, the same code serialises through that lock.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Organization
from meetings.models import Meeting
from participants.models import Nomination, Registration


@dataclass(frozen=True)
class Places:
    """Places held and left, in all and for one organization; None where there is no limit."""

    taken: int
    capacity: int | None
    organization_taken: int
    per_organization: int | None

    @property
    def left(self) -> int | None:
        """What the organization can still nominate: the smaller of its and the meeting's."""
        left = [
            limit - taken
            for limit, taken in (
                (self.capacity, self.taken),
                (self.per_organization, self.organization_taken),
            )
            if limit is not None
        ]
        return max(0, min(left)) if left else None


def places_for(registration: Registration, organization: Organization) -> Places:
    taken = Nomination.objects.places_taken(registration.meeting)
    return Places(
        taken=taken[None],
        capacity=registration.capacity,
        organization_taken=taken.get(organization.pk, 0),
        per_organization=registration.places_per_organization,
    )


def registration_locked(meeting: Meeting) -> Registration:
    """The meeting's registration, locked until the transaction ends; a ValidationError if the
    meeting takes no nominations."""
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("meeting")
        .filter(meeting=meeting)
    ).first()
    if registration is None:
        raise ValidationError(
            _("%(meeting)s takes no nominations.") % {"meeting": meeting.title},
            code="no_registration",
        )
    return registration


def place_check(
    registration: Registration, organization: Organization, *, leaving: Nomination | None = None
) -> None:
    """Refuse, with the reason, when the organization or the meeting has no place left.

    `leaving` is a nomination that already holds a place and is being counted again (an
    acceptance of a pending nomination): its own place is free for it.
    """
    places = places_for(registration, organization)
    own = 1 if leaving is not None and leaving.holds_a_place else 0
    if (
        places.per_organization is not None
        and places.organization_taken - own >= places.per_organization
    ):
        raise ValidationError(
            ngettext(
                "%(organization)s has used its %(count)d place for this meeting.",
                "%(organization)s has used all %(count)d of its places for this meeting.",
                places.per_organization,
            )
            % {"organization": organization.short_name, "count": places.per_organization},
            code="organization_full",
        )
    if places.capacity is not None and places.taken - own >= places.capacity:
        raise ValidationError(
            ngettext(
                "The meeting is full: its %(count)d place is taken.",
                "The meeting is full: all %(count)d places are taken.",
                places.capacity,
            )
            % {"count": places.capacity},
            code="meeting_full",
        )
