"""The reference meeting as its page reads: organizations, people, sessions and the agenda."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from accounts.models import OrganizationKind
from meetings.models import MeetingStatus, Role

# name, acronym, kind, parent's name, country; a name and country find the row.
ORGANIZATIONS = [
    (
        "Department of Economic and Social Affairs",
        "DESA",
        OrganizationKind.UN_SECRETARIAT,
        None,
        "",
    ),
    (
        "Population Division",
        "",
        OrganizationKind.UN_SECRETARIAT,
        "Department of Economic and Social Affairs",
        "",
    ),
    (
        "Economic Commission for Latin America and the Caribbean",
        "ECLAC",
        OrganizationKind.UN_REGIONAL,
        None,
        "",
    ),
    ("Economic Commission for Europe", "ECE", OrganizationKind.UN_REGIONAL, None, ""),
    (
        "International Organization for Migration",
        "IOM",
        OrganizationKind.UN_RELATED,
        None,
        "",
    ),
    (
        "International Catholic Migration Commission",
        "ICMC",
        OrganizationKind.CIVIL_SOCIETY,
        None,
        "Switzerland",
    ),
    ("Ministry of Justice", "", OrganizationKind.GOVERNMENT, None, "Sweden"),
]

HONORIFICS = ["Mr.", "Ms.", "Amb.", "H.E. Mr.", "H.E. Ms.", "Professor", "Dr."]

# slug: honorific, given name, family name, position, organization's name, country
PEOPLE = {
    "bela-hovy": ("Mr.", "Bela", "Hovy", "", "Population Division", ""),
    "eva-akerman-borje": ("Amb.", "Eva", "Åkerman-Börje", "", "Ministry of Justice", "Sweden"),
    "francois-crepeau": (
        "Professor",
        "François",
        "Crépeau",
        "Special Rapporteur on the human rights of migrants",
        None,
        "",
    ),
    "john-bingham": (
        "Mr.",
        "John",
        "Bingham",
        "",
        "International Catholic Migration Commission",
        "",
    ),
    "luis-alfonso-de-alba": (
        "Amb.",
        "Luis Alfonso",
        "de Alba",
        "Permanent Representative of Mexico to the United Nations",
        None,
        "Mexico",
    ),
    "paulo-saad": (
        "Mr.",
        "Paulo",
        "Saad",
        "",
        "Economic Commission for Latin America and the Caribbean",
        "",
    ),
    "andres-vikat": ("Mr.", "Andres", "Vikat", "", "Economic Commission for Europe", ""),
    "michele-klein-solomon": (
        None,
        "Michele",
        "Klein Solomon",
        "",
        "International Organization for Migration",
        "",
    ),
}

SERIES = {
    "slug": "coordination-meeting-on-international-migration",
    "name": "Coordination Meeting on International Migration",
}

MEETING = {
    "slug": "tenth-coordination-meeting",
    "edition": 10,
    "title": "Tenth Coordination Meeting on International Migration",
    "venue": "United Nations Headquarters",
    "city": "New York",
    "country": "United States",
    "start_date": datetime.date(2012, 2, 9),
    "end_date": datetime.date(2012, 2, 10),
    "time_zone": "America/New_York",
    "status": MeetingStatus.PUBLISHED,
    # Open until further notice, so that the demo's focal point can try submitting a paper.
    "submissions_open": datetime.datetime(2012, 1, 9, 9, 0, tzinfo=ZoneInfo("America/New_York")),
    "submissions_close": None,
    "summary": (
        "The Population Division of DESA brings together entities of the United Nations system, "
        "other intergovernmental organizations and civil society to coordinate their work on "
        "international migration and prepare the 2013 High-level Dialogue."
    ),
    "description": "\n\n".join(
        [
            "The Population Division of the Department of Economic and Social Affairs of the "
            "United Nations is organizing the Tenth Coordination Meeting on International "
            "Migration. The meeting is being held in response to General Assembly resolution "
            "58/208 of 13 February 2004, which requests the Secretary-General to continue "
            "convening meetings to coordinate international migration activities.",
            "By bringing together entities of the United Nations system, other relevant "
            "intergovernmental organizations and civil society, the coordination meeting "
            "provides a unique opportunity to enhance interagency coherence, in particular in "
            "responding to the growing demand from Member States for activities and support on "
            "issues relating to multidimensional aspects of international migration and "
            "development.",
        ]
    ),
    "mandate": (
        "General Assembly resolution 58/208 of 13 February 2004, which requests the "
        "Secretary-General to continue convening meetings to coordinate international migration "
        "activities."
    ),
    "expected_outcome": (
        "The outcomes of the meeting will contribute to the report of the Secretary-General on "
        "international migration and development for the sixty-seventh session of the General "
        "Assembly."
    ),
}

OBJECTIVES = [
    "Pursuant to resolution 65/170, to discuss the contributions of relevant entities of the "
    "United Nations system and other organizations to the preparations of the High-level Dialogue "
    "on International Migration and Development, which will be organized by the General Assembly "
    "during its sixty-eighth session in 2013.",
    "To examine the cooperation between international organizations and the 2011 and 2012 "
    "editions of the Global Forum on Migration and Development.",
    "To allow international organizations to exchange information on current activities and to "
    "present major new initiatives in the area of international migration.",
]

THURSDAY, FRIDAY = datetime.date(2012, 2, 9), datetime.date(2012, 2, 10)
MORNING, AFTERNOON = (datetime.time(10), datetime.time(13)), (datetime.time(15), datetime.time(18))
SESSIONS = {
    "thu-am": (THURSDAY, *MORNING, "Morning session"),
    "thu-pm": (THURSDAY, *AFTERNOON, "Afternoon session"),
    "fri-am": (FRIDAY, *MORNING, "Morning session"),
    "fri-pm": (FRIDAY, *AFTERNOON, "Afternoon session"),
}


@dataclass(frozen=True)
class Who:
    """A person as the programme shows them; under an item directly, or inside a `Segment`."""

    person: str
    affiliation: str
    role: str = Role.SPEAKER


@dataclass(frozen=True)
class Segment:
    """A segment of an agenda item (a presentation, say), with its people."""

    title: str
    people: tuple[Who, ...] = ()


@dataclass(frozen=True)
class Item:
    """An agenda item; `entries` are its segments and its own people, as the page orders them."""

    title: str
    sessions: tuple[str, ...]
    entries: tuple[Who | Segment, ...] = ()


HOVY = Who("bela-hovy", "Population Division, DESA")
AGENDA = [
    Item("Opening of the meeting", ("thu-am",), (HOVY,)),
    Item("The Global Forum on Migration and Development", ("thu-am",)),
    Item(
        "The 2013 High-level Dialogue on International Migration and Development",
        ("thu-am",),
        (
            Segment(
                "Reflections on the role and contribution of the Global Forum on Migration and "
                "Development to the 2013 High-level Dialogue",
                (Who("eva-akerman-borje", "Ministry of Justice, Sweden"),),
            ),
            Segment(
                "Preparing for the 2013 High-level Dialogue: A human rights perspective",
                (Who("francois-crepeau", "Special Rapporteur on the human rights of migrants"),),
            ),
            Segment(
                "Reflections on the role and contribution of civil society to the 2013 "
                "High-level Dialogue",
                (Who("john-bingham", "International Catholic Migration Commission, Switzerland"),),
            ),
            Who(
                "luis-alfonso-de-alba",
                "Permanent Representative of Mexico to the United Nations",
                Role.MODERATOR,
            ),
        ),
    ),
    Item(
        "International migration and development: regional dimensions and interagency coordination",
        ("thu-pm",),
        (
            Segment(
                "Strengthening national capacities to deal with international migration: "
                "Outcomes of a development account project",
                (
                    Who(
                        "paulo-saad",
                        "Economic Commission for Latin America and the Caribbean (ECLAC)",
                        Role.MODERATOR,
                    ),
                ),
            ),
            Segment(
                "Regional preparations for the 2013 High-level Dialogue: Towards a common agenda",
                (
                    Who("andres-vikat", "Economic Commission for Europe (ECE)", Role.MODERATOR),
                    Who(
                        "michele-klein-solomon",
                        "International Organization for Migration (IOM)",
                        Role.MODERATOR,
                    ),
                ),
            ),
        ),
    ),
    Item(
        "Migration and development: Recent contributions to the evidence base",
        ("thu-pm", "fri-am"),
    ),
    Item(
        "New initiatives on international migration and development",
        ("fri-pm",),
        (Segment("Selected presentations"),),
    ),
    Item("Closing of the meeting", ("fri-pm",), (HOVY,)),
]
