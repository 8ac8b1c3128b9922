"""The reference meeting, loaded as the page reads: `python manage.py load_demo`.

The Tenth Coordination Meeting on International Migration (New York, 9 and 10 February 2012),
with its organizations, people, sessions and "Organization of work", a demo superuser and a demo
focal point of IOM. Every
row is found by a natural key (a name, a slug, an order) and saved only when a field differs, so a
second run changes nothing.
"""

import datetime
import os
import secrets
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import models, transaction

from accounts.models import Membership, Organization, OrganizationKind, User

from .models import (
    AgendaItem,
    Appearance,
    Honorific,
    Meeting,
    MeetingSeries,
    MeetingStatus,
    Objective,
    Person,
    Role,
    Segment,
    Session,
)

ADMIN_EMAIL = "admin@example.org"
ADMIN_PASSWORD_VARIABLE = "DEMO_ADMIN_PASSWORD"  # noqa: S105 (a variable's name)
# A member of IOM, who logs in on the public site to send the organization's papers.
FOCAL_POINT_EMAIL = "focal@iom.example"
FOCAL_POINT_ORGANIZATION = ("International Organization for Migration", "")  # name, country
FOCAL_POINT_PASSWORD_VARIABLE = "DEMO_USER_PASSWORD"  # noqa: S105 (a variable's name)

# name, acronym, kind, parent's name, country; a name and country find the row.
ORGANIZATIONS = [
    ("Department of Economic and Social Affairs", "DESA", OrganizationKind.UN_ENTITY, None, ""),
    (
        "Population Division",
        "",
        OrganizationKind.UN_ENTITY,
        "Department of Economic and Social Affairs",
        "",
    ),
    (
        "Economic Commission for Latin America and the Caribbean",
        "ECLAC",
        OrganizationKind.UN_ENTITY,
        None,
        "",
    ),
    ("Economic Commission for Europe", "ECE", OrganizationKind.UN_ENTITY, None, ""),
    (
        "International Organization for Migration",
        "IOM",
        OrganizationKind.INTERGOVERNMENTAL,
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
    """A person as the programme shows them; under an item directly, or inside a `Part`."""

    person: str
    affiliation: str
    role: str = Role.SPEAKER


@dataclass(frozen=True)
class Part:
    """A segment of an agenda item, with its people."""

    title: str
    people: tuple[Who, ...] = ()


@dataclass(frozen=True)
class Item:
    """An agenda item; `entries` are its segments and its own people, as the page orders them."""

    title: str
    sessions: tuple[str, ...]
    entries: tuple[Who | Part, ...] = ()


HOVY = Who("bela-hovy", "Population Division, DESA")
AGENDA = [
    Item("Opening of the meeting", ("thu-am",), (HOVY,)),
    Item("The Global Forum on Migration and Development", ("thu-am",)),
    Item(
        "The 2013 High-level Dialogue on International Migration and Development",
        ("thu-am",),
        (
            Part(
                "Reflections on the role and contribution of the Global Forum on Migration and "
                "Development to the 2013 High-level Dialogue",
                (Who("eva-akerman-borje", "Ministry of Justice, Sweden"),),
            ),
            Part(
                "Preparing for the 2013 High-level Dialogue: A human rights perspective",
                (Who("francois-crepeau", "Special Rapporteur on the human rights of migrants"),),
            ),
            Part(
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
            Part(
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
            Part(
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
        (Part("Selected presentations"),),
    ),
    Item("Closing of the meeting", ("fri-pm",), (HOVY,)),
]


@dataclass
class DemoLoad:
    """What a run did: rows created, updated or found unchanged per kind, and the demo users."""

    counts: dict[str, Counter] = field(default_factory=dict)
    meeting: Meeting | None = None
    admin: User | None = None
    admin_password: str | None = None
    admin_note: str = ""
    focal_point: User | None = None
    focal_point_password: str | None = None
    focal_point_note: str = ""

    def tally(self, label: str, outcome: str) -> None:
        self.counts.setdefault(label, Counter())[outcome] += 1

    @property
    def totals(self) -> Counter:
        return sum(self.counts.values(), Counter())

    def lines(self) -> list[str]:
        totals = self.totals
        lines = [
            f"{MEETING['title']}: {totals['created']} created, {totals['updated']} updated, "
            f"{totals['unchanged']} unchanged."
        ]
        width = max(len(label) for label in self.counts)
        for label, counter in self.counts.items():
            lines.append(
                f"  {label:<{width}}  {counter['created']} created, {counter['updated']} "
                f"updated, {counter['unchanged']} unchanged"
            )
        lines.append(self.admin_note)
        lines.append(self.focal_point_note)
        return lines


def _differs(instance: models.Model, name: str, value: Any) -> bool:
    model_field = instance._meta.get_field(name)
    if model_field.is_relation:
        return getattr(instance, model_field.attname) != (value.pk if value else None)
    return getattr(instance, name) != value


def _sync[M: models.Model](
    result: DemoLoad, model: type[M], lookup: dict[str, Any], values: dict[str, Any]
) -> M:
    """Find the row by its natural key; create it, or save it only if a field differs."""
    instance = model._default_manager.filter(**lookup).order_by("pk").first()
    label = str(model._meta.verbose_name_plural)
    if instance is None:
        instance = model(**lookup, **values)
        outcome = "created"
    else:
        changed = [name for name, value in values.items() if _differs(instance, name, value)]
        if not changed:
            result.tally(label, "unchanged")
            return instance
        for name in changed:
            setattr(instance, name, values[name])
        outcome = "updated"
    instance.full_clean()
    instance.save()
    result.tally(label, outcome)
    return instance


def _sync_sessions(result: DemoLoad, item: AgendaItem, wanted: set[int]) -> None:
    current = set(item.sessions.values_list("pk", flat=True))
    if current == wanted:
        result.tally("agenda item sessions", "unchanged")
        return
    item.sessions.remove(*(current - wanted))
    item.sessions.add(*(wanted - current))
    result.tally("agenda item sessions", "updated" if current else "created")


def _load_meeting(result: DemoLoad) -> Meeting:
    organizations: dict[str, Organization] = {}
    for name, acronym, kind, parent, country in ORGANIZATIONS:
        organizations[name] = _sync(
            result,
            Organization,
            {"name": name, "country": country},
            {
                "acronym": acronym,
                "kind": kind,
                "parent": organizations[parent] if parent else None,
            },
        )

    honorifics = {
        name: _sync(result, Honorific, {"name": name}, {"order": order})
        for order, name in enumerate(HONORIFICS, start=1)
    }

    people: dict[str, Person] = {}
    for slug, (honorific, given, family, position, organization, country) in PEOPLE.items():
        people[slug] = _sync(
            result,
            Person,
            {"slug": slug},
            {
                "honorific": honorifics[honorific] if honorific else None,
                "given_name": given,
                "family_name": family,
                "position": position,
                "organization": organizations[organization] if organization else None,
                "country": country,
            },
        )

    series = _sync(result, MeetingSeries, {"slug": SERIES["slug"]}, {"name": SERIES["name"]})
    meeting_values = {key: value for key, value in MEETING.items() if key != "slug"}
    meeting = _sync(
        result,
        Meeting,
        {"slug": MEETING["slug"]},
        {**meeting_values, "series": series, "organizer": organizations["Population Division"]},
    )

    for order, text in enumerate(OBJECTIVES, start=1):
        _sync(result, Objective, {"meeting": meeting, "order": order}, {"text": text})

    sessions = {
        key: _sync(
            result,
            Session,
            {"meeting": meeting, "date": day, "start_time": start},
            {"end_time": end, "name": name},
        )
        for key, (day, start, end, name) in SESSIONS.items()
    }

    for item_order, spec in enumerate(AGENDA, start=1):
        item = _sync(
            result, AgendaItem, {"meeting": meeting, "order": item_order}, {"title": spec.title}
        )
        _sync_sessions(result, item, {sessions[key].pk for key in spec.sessions})
        segment_order = appearance_order = 0
        for entry in spec.entries:
            segment, people_here = None, (entry,)
            if isinstance(entry, Part):
                segment_order += 1
                segment = _sync(
                    result,
                    Segment,
                    {"agenda_item": item, "order": segment_order},
                    {"title": entry.title, "session": None},
                )
                people_here = entry.people
            for who in people_here:
                appearance_order += 1
                _sync(
                    result,
                    Appearance,
                    {"agenda_item": item, "segment": segment, "order": appearance_order},
                    {
                        "person": people[who.person],
                        "role": who.role,
                        "affiliation": who.affiliation,
                    },
                )
    return meeting


def _load_admin(result: DemoLoad, password: str | None) -> None:
    label = str(User._meta.verbose_name_plural)
    admin = User.objects.filter(email__iexact=ADMIN_EMAIL).first()
    if admin is None:
        generated = password is None
        password = password or secrets.token_urlsafe(16)
        admin = User.objects.create_superuser(email=ADMIN_EMAIL, password=password)
        result.tally(label, "created")
        if generated:
            result.admin_password = password
            result.admin_note = f"Demo superuser: {ADMIN_EMAIL} / {password}"
        else:
            result.admin_note = (
                f"Demo superuser: {ADMIN_EMAIL}, password from {ADMIN_PASSWORD_VARIABLE}."
            )
    elif not (admin.is_staff and admin.is_superuser):
        # Promoting an existing account would hand the back office to whoever holds it.
        raise ValidationError(
            f"{ADMIN_EMAIL} exists but is not a staff superuser; it was left as it is."
        )
    elif password is not None and not admin.check_password(password):
        admin.set_password(password)
        admin.save(update_fields=["password"])
        result.tally(label, "updated")
        result.admin_note = (
            f"Demo superuser {ADMIN_EMAIL} exists; password set from {ADMIN_PASSWORD_VARIABLE}."
        )
    else:
        result.tally(label, "unchanged")
        result.admin_note = f"Demo superuser {ADMIN_EMAIL} exists; its password is kept."
    result.admin = admin


def _load_focal_point(result: DemoLoad, password: str | None) -> None:
    label = str(User._meta.verbose_name_plural)
    focal_point = User.objects.filter(email__iexact=FOCAL_POINT_EMAIL).first()
    if focal_point is None:
        generated = password is None
        password = password or secrets.token_urlsafe(16)
        focal_point = User.objects.create_user(email=FOCAL_POINT_EMAIL, password=password)
        result.tally(label, "created")
        if generated:
            result.focal_point_password = password
            result.focal_point_note = f"Demo focal point: {FOCAL_POINT_EMAIL} / {password}"
        else:
            result.focal_point_note = (
                f"Demo focal point: {FOCAL_POINT_EMAIL}, password from "
                f"{FOCAL_POINT_PASSWORD_VARIABLE}."
            )
    elif password is not None and not focal_point.check_password(password):
        focal_point.set_password(password)
        focal_point.save(update_fields=["password"])
        result.tally(label, "updated")
        result.focal_point_note = (
            f"Demo focal point {FOCAL_POINT_EMAIL} exists; password set from "
            f"{FOCAL_POINT_PASSWORD_VARIABLE}."
        )
    else:
        result.tally(label, "unchanged")
        result.focal_point_note = (
            f"Demo focal point {FOCAL_POINT_EMAIL} exists; its password is kept."
        )
    name, country = FOCAL_POINT_ORGANIZATION
    organization = Organization.objects.get(name=name, country=country)
    _sync(result, Membership, {"user": focal_point, "organization": organization}, {})
    result.focal_point = focal_point


def demo_load(*, stdout: TextIO | None = None) -> DemoLoad:
    """Load the reference meeting and the demo users; report to `stdout` once committed.

    The superuser's password is DEMO_ADMIN_PASSWORD when set (and it must pass the password
    validators); otherwise a new superuser gets a generated one, and an existing one keeps its own.
    The focal point of IOM, focal@iom.example, gets DEMO_USER_PASSWORD the same way.
    """
    password = os.environ.get(ADMIN_PASSWORD_VARIABLE) or None
    if password is not None:
        password_validation.validate_password(password, User(email=ADMIN_EMAIL))
    focal_point_password = os.environ.get(FOCAL_POINT_PASSWORD_VARIABLE) or None
    if focal_point_password is not None:
        password_validation.validate_password(focal_point_password, User(email=FOCAL_POINT_EMAIL))

    result = DemoLoad()
    with transaction.atomic():
        result.meeting = _load_meeting(result)
        _load_admin(result, password)
        _load_focal_point(result, focal_point_password)

    if stdout is not None:
        for line in result.lines():
            stdout.write(line + "\n")
    return result
