"""What participants adds to a meeting's public pages (meetings.extensions).

On the overview, a "Participants" section when the meeting has a registration: its dates in the
venue's time zone, the places left, the note, and what the reader can do: nominate (a focal
point, while registration is open), log in to nominate, or read the list of participants once
staff publish it. Among the meeting's tabs, "Participants" once the list is published.

The panel runs one query (the registration with the places it has taken) and, for a logged-in
reader while registration is open, a second (their organizations). It leaves the registration
on the meeting, so the tab, which the same page shows, reads it without a query of its own.
"""

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.models import Organization
from meetings.extensions import MeetingPanel, MeetingTab, meeting_panel, meeting_tab
from meetings.models import Meeting
from meetings.translation_status import Content, translatable_content
from participants.models import NominationStatus, Registration

_REGISTRATION = Meeting._meta.get_field("registration")


def _registration(meeting: Meeting) -> Registration | None:
    """The meeting's registration, with `places_taken` (nominations holding a place), cached on
    the meeting as `meeting.registration` is."""
    if _REGISTRATION.is_cached(meeting):
        registration = _REGISTRATION.get_cached_value(meeting)
        if registration is None or hasattr(registration, "places_taken"):
            return registration
    registration = (
        Registration.objects.filter(meeting=meeting)
        .annotate(
            places_taken=Count(
                "meeting__nominations",
                filter=Q(meeting__nominations__status__in=NominationStatus.holding_a_place()),
            )
        )
        .first()
    )
    if registration is not None:
        registration.meeting = meeting
    _REGISTRATION.set_cached_value(meeting, registration)
    return registration


def _nominate_url(meeting: Meeting, organizations: list[Organization]) -> str:
    if len(organizations) == 1:
        return reverse("participants:delegation", args=[meeting.slug, organizations[0].pk])
    return reverse("participants:delegation_choice", args=[meeting.slug])


@meeting_panel
def participants_panel(request: HttpRequest, meeting: Meeting) -> MeetingPanel | None:
    registration = _registration(meeting)
    if registration is None:
        return None
    is_open = registration.is_open()
    places_left = None
    if registration.capacity is not None:
        places_left = max(0, registration.capacity - registration.places_taken)
    organizations: list[Organization] = []
    if is_open and request.user.is_authenticated:
        organizations = list(Organization.objects.for_user(request.user).order_by("name"))
    return MeetingPanel(
        template="participants/meeting_panel.html",
        context={
            "registration": registration,
            "is_open": is_open,
            "has_closed": registration.has_closed(),
            "places_left": places_left,
            "nominate_url": _nominate_url(meeting, organizations) if organizations else "",
        },
    )


@meeting_tab
def participants_tab(meeting: Meeting) -> MeetingTab | None:
    registration = getattr(meeting, "registration", None)
    if registration is None or not registration.list_published:
        return None
    return MeetingTab(
        key="participants",
        label=_("Participants"),
        url=reverse("participants:list", args=[meeting.slug]),
    )


@translatable_content
def registration_note(meeting: Meeting) -> list[Content]:
    """The registration's note, on the admin's "Translation status" page."""
    return [
        Content(
            _lazy("Registration"),
            Registration.objects.filter(meeting=meeting),
            ("note",),
            "note",
            lambda row: reverse("admin:participants_registration_change", args=[row["pk"]]),
        )
    ]
