"""Name badges: one per participant, four to an A4 sheet (cut along the lines) or one per A6 page.

A badge shows the honorific and name large, the organization (or the country of someone who
came for one), the meeting with its dates, and a coloured band with the participant's role at
the meeting: the strongest of their programme roles, "Secretariat" for the organizer's staff,
else "Participant" (Participant.band). The badges come in the order of the list of
participants, so that a delegation's badges lie together.
"""

import unicodedata
from dataclasses import dataclass
from itertools import batched

from accounts.models import OrganizationKind
from config.countries import country_name
from meetings.models import Meeting
from participants.listing import arrange, in_order
from participants.pdf import render_pdf
from participants.roster import Participant, meeting_roster

SHEET = "a4"  # four A6 badges on an A4 sheet
SINGLE = "a6"  # one badge per A6 page
SIZES = (SHEET, SINGLE)
PER_SHEET = 4


@dataclass(frozen=True)
class Badge:
    honorific: str
    name: str
    organization: str
    band: str
    band_key: str
    name_size: str  # "large", "medium" or "small": long names get a smaller type


def _width(text: str) -> int:
    """How wide a text prints, in Latin letters: a CJK character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


# Type sizes for the name, largest first, with about how many Latin letters fit on a line.
NAME_SIZES = (("large", 16), ("medium", 20), ("small", 26))


def name_size(name: str) -> str:
    """The largest type at which the name takes at most two lines and no word is cut."""
    longest = max((_width(word) for word in name.split()), default=0)
    for size, letters in NAME_SIZES:
        if longest <= letters and _width(name) <= 2 * letters - 2:
            return size
    return NAME_SIZES[-1][0]


def affiliation_of(participant: Participant) -> str:
    """What the badge says under the name: a government's delegate represents the country
    ("Sweden · Ministry of Justice"), anyone else their organization, or their country."""
    organization = participant.organization
    if organization is None:
        return country_name(participant.country)
    country = country_name(organization.country or participant.country)
    if organization.kind == OrganizationKind.GOVERNMENT and country:
        return f"{country} · {organization.label}"
    return organization.label


def badge_for(participant: Participant) -> Badge:
    return Badge(
        honorific=participant.honorific,
        name=participant.name,
        organization=affiliation_of(participant),
        band=participant.band,
        band_key=participant.band_key,
        name_size=name_size(participant.name),
    )


def meeting_badges(meeting: Meeting) -> list[Badge]:
    """A badge for every participant, in the list's order (the roster's two queries)."""
    roster = arrange(meeting_roster(meeting))
    return [badge_for(participant) for *_where, participant in in_order(roster)]


def render_badges(meeting: Meeting, badges: list[Badge], *, size: str = SHEET) -> bytes:
    pages = list(batched(badges, PER_SHEET)) if size == SHEET else [(badge,) for badge in badges]
    return render_pdf(
        "participants/badges.html", {"meeting": meeting, "pages": pages, "size": size}
    )
