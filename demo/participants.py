"""The demo meetings' registration and their accepted delegates, loaded after the meetings.

The Tenth took nominations from December 2011 until 27 January 2012 and published its list of
participants; the Eleventh takes them now (see demo/eleventh.py), with two delegates accepted
already and none yet from IOM, whose demo focal point nominates on `make run`. Every delegate is
accepted by the demo superuser, as the Secretariat adds a participant directly.

The names are invented, the e-mail addresses are on reserved example domains and the phone
numbers in ranges set aside for fiction: +1 212 555 01xx, +46 8 465 004 xx, +46 70 174 06 xx,
+33 1 99 00 xx xx.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import formats, timezone

from accounts.models import Organization, User
from demo import eleventh
from demo.sync import DemoLoad, row_sync
from meetings.models import Honorific, Meeting, Person
from participants.models import (
    Nomination,
    NominationEvent,
    NominationEventKind,
    NominationStatus,
    Registration,
)

# slug: honorific, given name, family name, position, organization's name
PEOPLE = {
    "ana-lucia-ferreira": (
        "Ms.",
        "Ana Lucía",
        "Ferreira",
        "Population Affairs Officer",
        "Population Division",
    ),
    "ngozi-okafor-adeyemi": (
        "Dr.",
        "Ngozi",
        "Okafor-Adeyemi",
        "Director, IOM Office to the United Nations",
        "International Organization for Migration",
    ),
    "jiri-novak": (
        "Mr.",
        "Jiří",
        "Novák",
        "Migration Policy Officer",
        "International Organization for Migration",
    ),
    "mariana-quispe-huaman": (
        "Ms.",
        "Mariana",
        "Quispe Huamán",
        "Population Affairs Officer, Latin American and Caribbean Demographic Centre (CELADE)",
        "Economic Commission for Latin America and the Caribbean",
    ),
    "nguyen-thi-lan": (
        "Ms.",
        "Thị Lan",
        "Nguyễn",
        "Statistician, Statistical Division",
        "Economic Commission for Europe",
    ),
    "aicha-benali": (
        "Ms.",
        "Aïcha",
        "Benali",
        "Policy Officer",
        "International Catholic Migration Commission",
    ),
    "lars-oberg": (
        "Mr.",
        "Lars",
        "Öberg",
        "Deputy Director, Division for Migration and Asylum Policy",
        "Ministry of Justice",
    ),
    "ingrid-lindqvist": (
        "Ms.",
        "Ingrid",
        "Lindqvist",
        "Senior Adviser, Division for Migration and Asylum Policy",
        "Ministry of Justice",
    ),
}


@dataclass(frozen=True)
class Delegate:
    """A person's accepted nomination: the contact data only the Secretariat and their own
    organization's focal points read."""

    person: str
    email: str
    phone: str = ""
    listed: bool = True
    head_of_delegation: bool = False
    requirements: str = ""


TENTH_REGISTRATION = {
    "opens_on": datetime.date(2011, 12, 1),
    "closes_on": datetime.date(2012, 1, 27),
    "capacity": 60,
    "places_per_organization": 3,
    "letter_required": False,
    "note": "",
    "list_published": True,
}
# When the Secretariat accepted the Tenth's delegates: the Monday after registration closed.
TENTH_DECIDED_AT = datetime.datetime(2012, 1, 30, 10, 0, tzinfo=ZoneInfo("America/New_York"))
TENTH_DELEGATES = [
    Delegate("ana-lucia-ferreira", "ana.ferreira@un.example", "+12125550143"),
    Delegate(
        "ngozi-okafor-adeyemi",
        "n.okafor-adeyemi@iom.example",
        "+12125550178",
        head_of_delegation=True,
    ),
    # The one who did not agree to appear on the public list.
    Delegate(
        "jiri-novak",
        "j.novak@iom.example",
        "+12125550186",
        listed=False,
        requirements="Vegetarian meals.",
    ),
    Delegate("mariana-quispe-huaman", "mariana.quispe@eclac.example", "+12125550121"),
    Delegate("nguyen-thi-lan", "lan.nguyen@unece.example"),
    Delegate(
        "aicha-benali",
        "benali@icmc.example",
        "+33199001234",
        requirements="Step-free access to the meeting room: I use a wheelchair.",
    ),
    Delegate("lars-oberg", "lars.oberg@regeringskansliet.example", "+46846500412"),
]

ELEVENTH_REGISTRATION = {
    "capacity": 80,
    "places_per_organization": 3,
    "letter_required": False,
    "note": (
        "Mark the head of your delegation. The Secretariat confirms each participant by e-mail "
        "to the focal point."
    ),
    "list_published": True,
}
# Accepted already, so the public list shows a delegate at once; nobody yet from IOM.
ELEVENTH_DELEGATES = [
    Delegate(
        "mariana-quispe-huaman",
        "mariana.quispe@eclac.example",
        "+12125550121",
        head_of_delegation=True,
    ),
    Delegate("ingrid-lindqvist", "ingrid.lindqvist@regeringskansliet.example", "+46701740605"),
]


def _load_people(
    result: DemoLoad, organizations: dict[str, Organization], honorifics: dict[str, Honorific]
) -> dict[str, Person]:
    return {
        slug: row_sync(
            result,
            Person,
            {"slug": slug},
            {
                "honorific": honorifics[honorific],
                "given_name": given,
                "family_name": family,
                "position": position,
                "organization": organizations[organization],
            },
        )
        for slug, (honorific, given, family, position, organization) in PEOPLE.items()
    }


def _load_delegation(
    result: DemoLoad,
    meeting: Meeting,
    delegates: list[Delegate],
    people: dict[str, Person],
    *,
    admin: User,
    decided_at: datetime.datetime | None,
) -> None:
    """Each delegate's nomination, accepted by `admin` (at `decided_at`, or when first loaded)
    with the one line of history the Secretariat's direct addition leaves."""
    for delegate in delegates:
        person = people[delegate.person]
        values = {
            "organization": person.organization,
            "honorific": person.honorific,
            "given_name": person.given_name,
            "family_name": person.family_name,
            "position": person.position,
            "email": delegate.email,
            "phone": delegate.phone,
            "listed": delegate.listed,
            "head_of_delegation": delegate.head_of_delegation,
            "requirements": delegate.requirements,
            "status": NominationStatus.ACCEPTED,
            "nominated_by": admin,
            "decided_by": admin,
        }
        if decided_at is None:
            when = {"defaults": {"decided_at": timezone.now()}}
        else:
            values["decided_at"] = decided_at
            when = {}
        nomination = row_sync(
            result, Nomination, {"meeting": meeting, "person": person}, values, **when
        )
        row_sync(
            result,
            NominationEvent,
            {"nomination": nomination, "kind": NominationEventKind.ADDED},
            {"by": admin},
        )


def _note(registration: Registration) -> str:
    """What the command prints about a meeting's registration."""
    meeting = registration.meeting
    accepted = Nomination.objects.for_meeting(meeting).accepted().count()
    if registration.is_open():
        state = "open until"
    elif registration.has_closed():
        state = "closed on"
    else:
        state = "not open; closes on"
    closes = formats.date_format(registration.closes_on, "j F Y")
    published = "published" if registration.list_published else "not published"
    return (
        f"{meeting.title}, {meeting.dates_display}: registration {state} {closes}, "
        f"{accepted} accepted; list of participants {published}."
    )


def demo_participants_load(
    result: DemoLoad,
    *,
    tenth: Meeting,
    second: Meeting,
    admin: User,
    organizations: dict[str, Organization],
    honorifics: dict[str, Honorific],
    today: datetime.date,
) -> None:
    """Registration and accepted delegates for the Tenth and the Eleventh (`second`).

    The Eleventh's registration closes three weeks before it opens; it opened a month before the
    first run, a date later runs keep.
    """
    people = _load_people(result, organizations, honorifics)
    registrations = [
        row_sync(result, Registration, {"meeting": tenth}, TENTH_REGISTRATION),
    ]
    _load_delegation(
        result, tenth, TENTH_DELEGATES, people, admin=admin, decided_at=TENTH_DECIDED_AT
    )
    closes_on = second.start_date - eleventh.CLOSES_BEFORE
    registrations.append(
        row_sync(
            result,
            Registration,
            {"meeting": second},
            {**ELEVENTH_REGISTRATION, "closes_on": closes_on},
            defaults={"opens_on": min(today - eleventh.OPENED_AGO, closes_on)},
        )
    )
    _load_delegation(result, second, ELEVENTH_DELEGATES, people, admin=admin, decided_at=None)
    result.notes += [_note(registration) for registration in registrations]
