"""The reference meeting, loaded as the page reads: `python manage.py load_demo`.

The Tenth Coordination Meeting on International Migration (New York, 9 and 10 February 2012),
with its organizations, people, sessions and "Organization of work", a demo superuser and a demo
focal point of IOM. Every row is found by a natural key (a name, a slug, an order) and saved only
when a field differs (`row_sync`, which the demo documents use too), so a second run changes
nothing.
"""

import os
import secrets
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.contrib.auth import password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models, transaction

from accounts.models import Membership, Organization, User
from demo import data
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

ADMIN_EMAIL = "admin@example.org"
ADMIN_PASSWORD_VARIABLE = "DEMO_ADMIN_PASSWORD"  # noqa: S105 (a variable's name)
# A member of IOM, who logs in on the public site to send the organization's papers.
FOCAL_POINT_EMAIL = "focal@iom.example"
FOCAL_POINT_ORGANIZATION = ("International Organization for Migration", "")  # name, country
FOCAL_POINT_PASSWORD_VARIABLE = "DEMO_USER_PASSWORD"  # noqa: S105 (a variable's name)


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

    def count_lines(self) -> list[str]:
        """One line per kind of row: how many were created, updated or found unchanged."""
        return [
            f"  {label}  {counter['created']} created, {counter['updated']} updated, "
            f"{counter['unchanged']} unchanged"
            for label, counter in self.counts.items()
        ]

    def lines(self) -> list[str]:
        totals = self.totals
        return [
            f"{data.MEETING['title']}: {totals['created']} created, {totals['updated']} updated, "
            f"{totals['unchanged']} unchanged.",
            *self.count_lines(),
            self.admin_note,
            self.focal_point_note,
        ]


def _differs(instance: models.Model, name: str, value: Any) -> bool:
    model_field = instance._meta.get_field(name)
    if model_field.is_relation:
        return getattr(instance, model_field.attname) != (value.pk if value else None)
    return getattr(instance, name) != value


def _is_empty(instance: models.Model, name: str) -> bool:
    return getattr(instance, instance._meta.get_field(name).attname) is None


def row_sync[M: models.Model](
    result: DemoLoad,
    model: type[M],
    lookup: dict[str, Any],
    values: dict[str, Any],
    *,
    defaults: dict[str, Any] | None = None,
) -> M:
    """Find the row by its natural key; create it, or save it only if a field differs.

    `defaults` fill a field the row has no value for (every field of a new row, a null one of an
    existing row) and never replace a value: staff may have changed it since.
    """
    defaults = defaults or {}
    instance = model._default_manager.filter(**lookup).order_by("pk").first()
    label = str(model._meta.verbose_name_plural)
    if instance is None:
        instance = model(**lookup, **defaults, **values)
        outcome = "created"
    else:
        changed = {name: value for name, value in values.items() if _differs(instance, name, value)}
        changed |= {name: value for name, value in defaults.items() if _is_empty(instance, name)}
        if not changed:
            result.tally(label, "unchanged")
            return instance
        for name, value in changed.items():
            setattr(instance, name, value)
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

    series = row_sync(
        result, MeetingSeries, {"slug": data.SERIES["slug"]}, {"name": data.SERIES["name"]}
    )
    meeting_values = {key: value for key, value in data.MEETING.items() if key != "slug"}
    meeting = row_sync(
        result,
        Meeting,
        {"slug": data.MEETING["slug"]},
        {**meeting_values, "series": series, "organizer": organizations["Population Division"]},
    )

    for order, text in enumerate(data.OBJECTIVES, start=1):
        row_sync(result, Objective, {"meeting": meeting, "order": order}, {"text": text})

    sessions = {
        key: row_sync(
            result,
            Session,
            {"meeting": meeting, "date": day, "start_time": start},
            {"end_time": end, "name": name},
        )
        for key, (day, start, end, name) in data.SESSIONS.items()
    }

    for item_order, spec in enumerate(data.AGENDA, start=1):
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
    return meeting


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


def _load_admin(result: DemoLoad, password: str | None) -> None:
    result.admin, result.admin_password, result.admin_note = _load_demo_user(
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
    if secretariat is not None and result.admin is not None:
        result.admin.groups.add(secretariat)


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
