"""The demo meetings, loaded as their pages read: `python manage.py load_demo`.

The Tenth Coordination Meeting on International Migration (New York, 9 and 10 February 2012),
with its organizations, people, sessions and "Organization of work"; the Eleventh, next February
(demo/eleventh.py), with a small programme; their registration and accepted delegates
(demo/participants.py); a demo superuser and a demo focal point of IOM. Every row is found by a
natural key (a name, a slug, an order) and saved only when a field differs (`row_sync`, which the
demo documents use too), so a second run changes nothing.
"""

import datetime
import os
import secrets
from typing import TextIO
from zoneinfo import ZoneInfo

from django.contrib.auth import password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Organization, User
from demo import data, eleventh
from demo.languages import load_translations
from demo.participants import demo_participants_load
from demo.sync import DemoLoad, row_sync
from demo.versions import demo_versions_load
from meetings.models import (
    AgendaItem,
    Appearance,
    Honorific,
    Meeting,
    MeetingSeries,
    Objective,
    Person,
    Segment,
    Session,
)

# demo/documents.py and the tests take these from here.
__all__ = ["DemoLoad", "demo_load", "row_sync"]

ADMIN_EMAIL = "admin@example.org"
ADMIN_PASSWORD_VARIABLE = "DEMO_ADMIN_PASSWORD"  # noqa: S105 (a variable's name)
# A member of IOM, who logs in on the public site to send the organization's papers.
FOCAL_POINT_EMAIL = "focal@iom.example"
FOCAL_POINT_ORGANIZATION = ("International Organization for Migration", "")  # name, country
FOCAL_POINT_PASSWORD_VARIABLE = "DEMO_USER_PASSWORD"  # noqa: S105 (a variable's name)

type SessionSpec = tuple[datetime.date, datetime.time, datetime.time, str]


def _sync_sessions(result: DemoLoad, item: AgendaItem, wanted: set[int]) -> None:
    current = set(item.sessions.values_list("pk", flat=True))
    if current == wanted:
        result.tally("agenda item sessions", "unchanged")
        return
    item.sessions.remove(*(current - wanted))
    item.sessions.add(*(wanted - current))
    result.tally("agenda item sessions", "updated" if current else "created")


def _load_directory(
    result: DemoLoad,
) -> tuple[dict[str, Organization], dict[str, Honorific], dict[str, Person]]:
    """The organizations, honorifics and programme people both meetings draw on."""
    organizations: dict[str, Organization] = {}
    for name, acronym, kind, parent, country in data.ORGANIZATIONS:
        organizations[name] = row_sync(
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
        name: row_sync(result, Honorific, {"name": name}, {"order": order})
        for order, name in enumerate(data.HONORIFICS, start=1)
    }

    people: dict[str, Person] = {}
    for slug, (honorific, given, family, position, organization, country) in data.PEOPLE.items():
        people[slug] = row_sync(
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
    return organizations, honorifics, people


def _load_programme(
    result: DemoLoad,
    meeting: Meeting,
    sessions_wanted: dict[str, SessionSpec],
    agenda: list[data.Item],
    people: dict[str, Person],
) -> None:
    """The meeting's sessions and its agenda: items, their segments and their people."""
    sessions = {
        key: row_sync(
            result,
            Session,
            {"meeting": meeting, "date": day, "start_time": start},
            {"end_time": end, "name": name},
        )
        for key, (day, start, end, name) in sessions_wanted.items()
    }

    for item_order, spec in enumerate(agenda, start=1):
        item = row_sync(
            result, AgendaItem, {"meeting": meeting, "order": item_order}, {"title": spec.title}
        )
        _sync_sessions(result, item, {sessions[key].pk for key in spec.sessions})
        segment_order = appearance_order = 0
        for entry in spec.entries:
            segment, people_here = None, (entry,)
            if isinstance(entry, data.Segment):
                segment_order += 1
                segment = row_sync(
                    result,
                    Segment,
                    {"agenda_item": item, "order": segment_order},
                    {"title": entry.title, "session": None},
                )
                people_here = entry.people
            for who in people_here:
                appearance_order += 1
                row_sync(
                    result,
                    Appearance,
                    {"agenda_item": item, "segment": segment, "order": appearance_order},
                    {
                        "person": people[who.person],
                        "role": who.role,
                        "affiliation": who.affiliation,
                    },
                )


def _move_eleventh(result: DemoLoad, start_date: datetime.date) -> None:
    """A run in a later year holds the Eleventh a February later: its sessions move first, by
    as many days, so that the meeting's new dates hold them."""
    meeting = Meeting.objects.filter(slug=eleventh.SLUG).first()
    if meeting is None or meeting.start_date == start_date:
        return
    shift = start_date - meeting.start_date
    for session in meeting.sessions.order_by("pk"):
        session.date += shift
        session.save(update_fields=["date"])
        result.tally(str(Session._meta.verbose_name_plural), "updated")


def _load_meetings(
    result: DemoLoad, today: datetime.date
) -> tuple[Meeting, Meeting, dict[str, Organization], dict[str, Honorific]]:
    """The Tenth and the Eleventh, and the organizations and honorifics their people have."""
    organizations, honorifics, people = _load_directory(result)
    series = row_sync(
        result, MeetingSeries, {"slug": data.SERIES["slug"]}, {"name": data.SERIES["name"]}
    )
    organizer = organizations["Population Division"]

    meeting_values = {key: value for key, value in data.MEETING.items() if key != "slug"}
    tenth = row_sync(
        result,
        Meeting,
        {"slug": data.MEETING["slug"]},
        {**meeting_values, "series": series, "organizer": organizer},
    )
    for order, text in enumerate(data.OBJECTIVES, start=1):
        row_sync(result, Objective, {"meeting": tenth, "order": order}, {"text": text})
    _load_programme(result, tenth, data.SESSIONS, data.AGENDA, people)

    start, end = eleventh.eleventh_dates(today)
    _move_eleventh(result, start)
    second = row_sync(
        result,
        Meeting,
        {"slug": eleventh.SLUG},
        {
            **eleventh.MEETING,
            "start_date": start,
            "end_date": end,
            "series": series,
            "organizer": organizer,
        },
    )
    sessions = {
        key: (start + datetime.timedelta(days=day), begins, ends, name)
        for key, (day, begins, ends, name) in eleventh.SESSIONS.items()
    }
    _load_programme(result, second, sessions, eleventh.AGENDA, people)
    return tenth, second, organizations, honorifics


def _load_demo_user(
    result: DemoLoad, *, email: str, password: str | None, variable: str, title: str, **flags
) -> tuple[User, str | None, str]:
    """Find or create a demo user; returns it, its generated password (if any) and a note.

    `password` (from `variable`) is set when given; otherwise a new user gets a generated one and
    an existing user keeps its own. `flags` are is_staff/is_superuser for a new user.
    """
    label = str(User._meta.verbose_name_plural)
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        generated = None if password else secrets.token_urlsafe(16)
        user = User.objects.create_user(email=email, password=password or generated, **flags)
        result.tally(label, "created")
        if generated:
            return user, generated, f"{title}: {email} / {generated}"
        return user, None, f"{title}: {email}, password from {variable}."
    if any(getattr(user, flag) != value for flag, value in flags.items()):
        # Promoting an existing account would hand the back office to whoever holds it.
        raise ValidationError(f"{email} exists but is not a staff superuser; it was left as it is.")
    if password is not None and not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
        result.tally(label, "updated")
        return user, None, f"{title} {email} exists; password set from {variable}."
    result.tally(label, "unchanged")
    return user, None, f"{title} {email} exists; its password is kept."


def _load_admin(result: DemoLoad, password: str | None) -> User:
    admin, result.admin_password, result.admin_note = _load_demo_user(
        result,
        email=ADMIN_EMAIL,
        password=password,
        variable=ADMIN_PASSWORD_VARIABLE,
        title="Demo superuser",
        is_staff=True,
        is_superuser=True,
    )
    # In the Secretariat group, so the "To review" mail of a demo submission reaches someone.
    secretariat = Group.objects.filter(name="Secretariat").first()
    if secretariat is not None:
        admin.groups.add(secretariat)
    result.admin = admin
    return admin


def _load_focal_point(result: DemoLoad, password: str | None) -> None:
    focal_point, result.focal_point_password, result.focal_point_note = _load_demo_user(
        result,
        email=FOCAL_POINT_EMAIL,
        password=password,
        variable=FOCAL_POINT_PASSWORD_VARIABLE,
        title="Demo focal point",
    )
    name, country = FOCAL_POINT_ORGANIZATION
    organization = Organization.objects.get(name=name, country=country)
    row_sync(result, Membership, {"user": focal_point, "organization": organization}, {})
    result.focal_point = focal_point


def demo_load(*, stdout: TextIO | None = None, today: datetime.date | None = None) -> DemoLoad:
    """Load the demo meetings and the demo users; report to `stdout` once committed.

    `today` (the date in New York, by default) places the Eleventh in the February ahead.
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
    today = today or timezone.localdate(timezone=ZoneInfo(eleventh.TIME_ZONE))

    result = DemoLoad()
    with transaction.atomic():
        tenth, second, organizations, honorifics = _load_meetings(result, today)
        load_translations(result, tenth)
        result.meeting, result.eleventh = tenth, second
        admin = _load_admin(result, password)
        _load_focal_point(result, focal_point_password)
        demo_participants_load(
            result,
            tenth=tenth,
            second=second,
            admin=admin,
            organizations=organizations,
            honorifics=honorifics,
            today=today,
        )
        demo_versions_load(tenth=tenth, eleventh=second, admin=admin)

    if stdout is not None:
        for line in result.lines():
            stdout.write(line + "\n")
    return result
