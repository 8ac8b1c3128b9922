"""The API's answers: read-only (GET, HEAD, OPTIONS; anything else is a 405), published data
only, the same for everyone (staff read what the public reads: a draft is a 404 for all).

base.py holds what they share; meetings.py and people.py the answers."""

from .base import RootView, not_found
from .meetings import (
    DocumentListView,
    MeetingDetailView,
    MeetingListView,
    ParticipantListView,
    ProgrammeView,
)
from .people import (
    OrganizationDetailView,
    OrganizationListView,
    PersonDetailView,
    PersonListView,
    person_appearances,
)

__all__ = [
    "DocumentListView",
    "MeetingDetailView",
    "MeetingListView",
    "OrganizationDetailView",
    "OrganizationListView",
    "ParticipantListView",
    "PersonDetailView",
    "PersonListView",
    "ProgrammeView",
    "RootView",
    "not_found",
    "person_appearances",
]
