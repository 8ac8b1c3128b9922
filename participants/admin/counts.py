"""What the queue shows above its list for one meeting: places held per organization against
its capacity, and the places free that a wait-listed nomination could take.

A fixed number of queries, however many nominations: the registration with its meeting, the
places held (Nomination.objects.places_taken), the wait-listed counts, the organizations named,
and the offers (participants.services.decisions.places_offered).
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.collation import collation_key
from accounts.models import Organization
from participants.models import Nomination, NominationStatus, Registration
from participants.services.decisions import places_offered


def places_line(taken: int, limit: int | None) -> str:
    """ "2 of 3 places", or "14 places" where there is no limit."""
    if limit is None:
        return ngettext(
            "%(taken)d place held (no limit)", "%(taken)d places held (no limit)", taken
        ) % {"taken": taken}
    return ngettext("%(taken)d of %(limit)d place", "%(taken)d of %(limit)d places", limit) % {
        "taken": taken,
        "limit": limit,
    }


@dataclass
class OrganizationPlaces:
    organization: Organization
    taken: int
    limit: int | None
    waiting: int

    @property
    def label(self) -> str:
        return places_line(self.taken, self.limit)

    @property
    def full(self) -> bool:
        return self.limit is not None and self.taken >= self.limit

    @property
    def waiting_label(self) -> str:
        if not self.waiting:
            return ""
        return ngettext("%(count)d wait-listed", "%(count)d wait-listed", self.waiting) % {
            "count": self.waiting
        }


@dataclass
class PlacesSummary:
    registration: Registration
    taken: int
    organizations: list[OrganizationPlaces] = field(default_factory=list)
    offers: list[Nomination] = field(default_factory=list)

    @property
    def label(self) -> str:
        return places_line(self.taken, self.registration.capacity)

    @property
    def full(self) -> bool:
        capacity = self.registration.capacity
        return capacity is not None and self.taken >= capacity


def places_summary(meeting_id: int) -> PlacesSummary | None:
    """The counts for the queue filtered to one meeting; None if it takes no nominations."""
    registration = (
        Registration.objects.select_related("meeting").filter(meeting_id=meeting_id).first()
    )
    if registration is None:
        return None
    meeting = registration.meeting
    taken = Nomination.objects.places_taken(meeting)
    waiting = dict(
        Nomination.objects.for_meeting(meeting)
        .filter(status=NominationStatus.WAITLISTED)
        .order_by()
        .values_list("organization")
        .annotate(count=Count("pk"))
    )
    named = {pk for pk in taken if pk is not None} | set(waiting)
    organizations = Organization.objects.filter(pk__in=named)
    return PlacesSummary(
        registration=registration,
        taken=taken[None],
        organizations=[
            OrganizationPlaces(
                organization=organization,
                taken=taken.get(organization.pk, 0),
                limit=registration.places_per_organization,
                waiting=waiting.get(organization.pk, 0),
            )
            for organization in sorted(organizations, key=lambda o: collation_key(o.short_name))
        ],
        offers=places_offered(meeting),
    )


def offer_question(nomination: Nomination) -> str:
    """ "A place is free for IOM: accept Ms. María López, first on the waiting list?" """
    return _(
        "A place is free for %(organization)s: accept %(name)s, first on the waiting list?"
    ) % {
        "organization": nomination.organization.short_name,
        "name": nomination.display_name,
    }
