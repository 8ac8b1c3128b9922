"""The second demo meeting: the Eleventh, held next February, with registration open now.

The real Eleventh Coordination Meeting on International Migration met at United Nations
Headquarters on Thursday 21 and Friday 22 February 2013, the third Thursday of February and the
day after. The demo holds it on the same days of a February still ahead, so that a newcomer can
nominate delegates on `make run`: the first February whose registration, closing three weeks
before the meeting, has not closed yet. The dates follow from today's date only through that
year, so a rerun changes nothing until the year moves on.
"""

import datetime

from demo.data import Item, Segment, Who
from meetings.models import MeetingStatus, Role

SLUG = "eleventh-coordination-meeting"
TIME_ZONE = "America/New_York"
# Registration closes this long before the meeting opens, and opened this long before the first
# run (a blank opening date only: a later run keeps the one stored).
CLOSES_BEFORE = datetime.timedelta(weeks=3)
OPENED_AGO = datetime.timedelta(days=30)

MEETING = {
    "edition": 11,
    "title": "Eleventh Coordination Meeting on International Migration",
    "venue": "United Nations Headquarters",
    "city": "New York",
    "country": "United States",
    "time_zone": TIME_ZONE,
    "status": MeetingStatus.PUBLISHED,
    # Papers are tried on the Tenth, which takes them until further notice.
    "submissions_open": None,
    "submissions_close": None,
    "summary": (
        "The Population Division of DESA convenes the United Nations system, other "
        "intergovernmental organizations and civil society to coordinate their follow-up to the "
        "High-level Dialogue on International Migration and Development."
    ),
    "description": "\n\n".join(
        [
            "The Population Division of the Department of Economic and Social Affairs of the "
            "United Nations is organizing the Eleventh Coordination Meeting on International "
            "Migration, in response to General Assembly resolution 58/208, which requests the "
            "Secretary-General to continue convening meetings to coordinate international "
            "migration activities.",
            "The meeting will review the contributions of the United Nations system and other "
            "organizations to the High-level Dialogue on International Migration and "
            "Development, discuss the regional dimensions of migration and development, and "
            "allow participants to exchange information on their current activities.",
        ]
    ),
    "mandate": (
        "General Assembly resolution 58/208 of 23 December 2003, which requests the "
        "Secretary-General to continue convening meetings to coordinate international migration "
        "activities."
    ),
    "expected_outcome": (
        "The outcomes of the meeting will contribute to the report of the Secretary-General on "
        "international migration and development."
    ),
}


def third_thursday_of_february(year: int) -> datetime.date:
    first = datetime.date(year, 2, 1)
    return first + datetime.timedelta(days=(3 - first.weekday()) % 7 + 14)


def eleventh_dates(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The meeting's first and last day: the third Thursday of the first February whose
    registration is still open on `today`, and the Friday after."""
    start = third_thursday_of_february(today.year)
    if today > start - CLOSES_BEFORE:
        start = third_thursday_of_february(today.year + 1)
    return start, start + datetime.timedelta(days=1)


MORNING = (datetime.time(10), datetime.time(13))
# key: day of the meeting (0 for the first), start, end, name
SESSIONS = {
    "thu-am": (0, *MORNING, "Morning session"),
    "fri-am": (1, *MORNING, "Morning session"),
}

AGENDA = [
    Item(
        "Opening of the meeting",
        ("thu-am",),
        (Who("bela-hovy", "Population Division, DESA", Role.CHAIR),),
    ),
    Item(
        "The High-level Dialogue on International Migration and Development: contributions of "
        "the United Nations system and other organizations",
        ("thu-am",),
        (
            Segment(
                "The Global Forum on Migration and Development and the High-level Dialogue",
                (Who("eva-akerman-borje", "Ministry of Justice, Sweden"),),
            ),
            Segment(
                "Migrants' rights at the heart of the High-level Dialogue",
                (Who("francois-crepeau", "Special Rapporteur on the human rights of migrants"),),
            ),
            Who(
                "michele-klein-solomon",
                "International Organization for Migration (IOM)",
                Role.MODERATOR,
            ),
        ),
    ),
    Item(
        "International migration and development: regional dimensions",
        ("fri-am",),
        (
            Segment(
                "Migration in Latin America and the Caribbean: recent trends",
                (
                    Who(
                        "paulo-saad",
                        "Economic Commission for Latin America and the Caribbean (ECLAC)",
                    ),
                ),
            ),
            Segment(
                "Measuring international migration in the ECE region",
                (Who("andres-vikat", "Economic Commission for Europe (ECE)"),),
            ),
        ),
    ),
]
