"""A programme as plain JSON, and back.

The snapshot mirrors what build_programme builds: days, their sessions, the items shown in each
(number, title, "(continued)"), their segments and the people with role and affiliation as
shown. Ids of sessions, items, segments, appearances and people are kept so that two versions can
be compared. A person's display name is not stored: it is derived again from the honorific and
names on reading, as the live page derives it, so "Name withheld" reads in the reader's language.

Content entered in several languages (README, "Languages") is kept in all of them: each titled
object keeps its English text where format 1 kept the only one ("title", "name", "honorific"),
and the others under "translations" ({"fr": "…"}; format 2). A snapshot is therefore the same
whatever language the person releasing it works in, and each reader reads it in their own.

Reading a snapshot back rebuilds *unsaved* model instances (no query is made) inside the same
dataclasses, so meetings/programme.html renders a released version as it renders the live one.
"""

import datetime
from collections.abc import Iterator
from typing import Any

from django.db import models
from django.db.models.base import ModelState

from config.content_languages import (
    DEFAULT,
    active_content_language,
    codes,
    column,
    english_text,
    fallback_order,
)
from meetings.models import AgendaItem, Appearance, Honorific, Person, Segment, Session
from meetings.programme import (
    Day,
    ItemEntry,
    PeopleBlock,
    Programme,
    SegmentEntry,
    SessionEntry,
)

FORMAT = 2

type Snapshot = dict[str, Any]


def _translations(obj: models.Model, field: str) -> dict[str, str]:
    """The texts of obj.field in the languages other than English that have one."""
    values = {code: getattr(obj, column(field, code), None) for code in codes() if code != DEFAULT}
    return {code: value for code, value in values.items() if value}


def _columns(field: str, english: str, translations: dict[str, str] | None) -> dict[str, Any]:
    """Back from a snapshot: the keyword arguments for each language's column of `field`."""
    values = {field: english, column(field, DEFAULT): english}
    for code, value in (translations or {}).items():
        values[column(field, code)] = value
    return values


def _person(person: Person) -> dict[str, Any]:
    withheld = person.withheld_at is not None
    honorific = None if withheld else person.honorific
    return {
        "id": person.pk,
        "honorific_id": honorific.pk if honorific else None,
        "honorific": english_text(honorific, "name") if honorific else "",
        "honorific_translations": _translations(honorific, "name") if honorific else {},
        "given_name": "" if withheld else person.given_name,
        "family_name": "" if withheld else person.family_name,
        "slug": "" if withheld else person.slug,
        "withheld": withheld,
    }


def _appearance(appearance: Appearance) -> dict[str, Any]:
    return {
        "id": appearance.pk,
        "role": appearance.role,
        "affiliation": appearance.affiliation,
        "person": _person(appearance.person),
    }


def _people(block: PeopleBlock | None) -> dict[str, Any] | None:
    if block is None:
        return None
    return {
        "presenters": [_appearance(appearance) for appearance in block.presenters],
        "groups": [
            {"role": group.role, "people": [_appearance(a) for a in group.appearances]}
            for group in block.groups
        ],
    }


def _item(entry: ItemEntry) -> dict[str, Any]:
    return {
        "id": entry.item.pk,
        "number": entry.number,
        "title": english_text(entry.item, "title"),
        "translations": _translations(entry.item, "title"),
        "continued": entry.continued,
        "people": _people(entry.people),
        "segments": [
            {
                "id": segment_entry.segment.pk,
                "title": english_text(segment_entry.segment, "title"),
                "translations": _translations(segment_entry.segment, "title"),
                "people": _people(segment_entry.people),
            }
            for segment_entry in entry.segments
        ],
    }


def _session(entry: SessionEntry) -> dict[str, Any]:
    session = entry.session
    return {
        "id": session.pk,
        "date": session.date.isoformat(),
        "start": session.start_time.isoformat(),
        "end": session.end_time.isoformat(),
        "name": english_text(session, "name"),
        "translations": _translations(session, "name"),
        "room": session.room,
        "items": [_item(item) for item in entry.items],
    }


def snapshot_of(programme: Programme) -> Snapshot:
    """The programme as plain data, ready for a JSONField."""
    return {
        "format": FORMAT,
        "days": [
            {"date": day.date.isoformat(), "sessions": [_session(s) for s in day.sessions]}
            for day in programme.days
        ],
        "unscheduled": [_item(entry) for entry in programme.unscheduled],
    }


def text_of(data: dict[str, Any], key: str) -> str:
    """A snapshot's title or name in the reader's language, else in English (as the page reads
    it; "What changed" compares versions in the reader's language)."""
    language = active_content_language()
    if language != DEFAULT:
        for code in fallback_order(language):
            if code == DEFAULT:
                break
            if text := data.get("translations", {}).get(code):
                return str(text)
    return str(data[key])


# Reading back: unsaved instances, with their related objects set, so nothing queries.

_WITHHELD_AT = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
_BLANKS: dict[type[models.Model], dict[str, Any]] = {}


def _unsaved[M: models.Model](model: type[M], /, **values: Any) -> M:
    """What model(**values) makes (an unsaved instance, every other field at its default),
    without Model.__init__'s walk over every field: the defaults are read once per model and
    copied. A 300-presentation programme reads back 1,500 instances on every page view, and
    that walk was half the view's time (issue 11). A related object is given by its field's
    name (person=...): its id is set and the object cached, as assigning it would."""
    blank = _BLANKS.get(model)
    if blank is None:
        blank = {k: v for k, v in vars(model()).items() if k != "_state"}
        _BLANKS[model] = blank
    instance = model.__new__(model)
    state = ModelState()
    fields = {**blank, "_state": state}
    for name, value in values.items():
        if isinstance(value, models.Model):
            fields[f"{name}_id"] = value.pk
            state.fields_cache[name] = value
        else:
            fields[model._meta.pk.attname if name == "pk" else name] = value
    instance.__dict__ = fields
    return instance


def person_back(data: dict[str, Any]) -> Person:
    values: dict[str, Any] = {}
    if data["honorific_id"]:
        values["honorific"] = _unsaved(
            Honorific,
            pk=data["honorific_id"],
            **_columns("name", data["honorific"], data.get("honorific_translations")),
        )
    return _unsaved(
        Person,
        pk=data["id"],
        given_name=data["given_name"],
        family_name=data["family_name"],
        slug=data["slug"],
        withheld_at=_WITHHELD_AT if data["withheld"] else None,
        **values,
    )


class _Reader:
    """Reads one snapshot back. A person shown many times (a moderator of every session, a
    speaker in several items) becomes one Person instance, shared by their appearances: a
    large programme shows about 260 people in 1,800 places."""

    def __init__(self) -> None:
        self.people: dict[tuple[Any, ...], Person] = {}

    def person(self, data: dict[str, Any]) -> Person:
        key = tuple(
            tuple(sorted(value.items())) if isinstance(value, dict) else value
            for value in data.values()
        )
        person = self.people.get(key)
        if person is None:
            person = self.people[key] = person_back(data)
        return person

    def appearance(self, data: dict[str, Any]) -> Appearance:
        return _unsaved(
            Appearance,
            pk=data["id"],
            role=data["role"],
            affiliation=data["affiliation"],
            person=self.person(data["person"]),
        )

    def people_block(self, data: dict[str, Any] | None) -> PeopleBlock | None:
        if data is None:
            return None
        block = PeopleBlock(presenters=[self.appearance(a) for a in data["presenters"]])
        for group in data["groups"]:
            for appearance in group["people"]:
                block.add(self.appearance(appearance))
        return block

    def item(self, data: dict[str, Any], session_pk: int | None = None) -> ItemEntry:
        return ItemEntry(
            item=_unsaved(
                AgendaItem,
                pk=data["id"],
                **_columns("title", data["title"], data.get("translations")),
            ),
            number=data["number"],
            continued=data["continued"],
            people=self.people_block(data["people"]),
            segments=[
                SegmentEntry(
                    _unsaved(
                        Segment,
                        pk=segment["id"],
                        **_columns("title", segment["title"], segment.get("translations")),
                    ),
                    self.people_block(segment["people"]) or PeopleBlock(),
                )
                for segment in data["segments"]
            ],
            session_pk=session_pk,
        )


def session_back(data: dict[str, Any]) -> Session:
    return _unsaved(
        Session,
        pk=data["id"],
        date=datetime.date.fromisoformat(data["date"]),
        start_time=datetime.time.fromisoformat(data["start"]),
        end_time=datetime.time.fromisoformat(data["end"]),
        room=data["room"],
        **_columns("name", data["name"], data.get("translations")),
    )


def programme_from_snapshot(snapshot: Snapshot) -> Programme:
    """The Programme a snapshot was made from, as meetings/programme.html renders it."""
    reader = _Reader()
    days = []
    for day in snapshot["days"]:
        sessions = [
            SessionEntry(
                session_back(session),
                [reader.item(item, session["id"]) for item in session["items"]],
            )
            for session in day["sessions"]
        ]
        days.append(Day(datetime.date.fromisoformat(day["date"]), sessions))
    unscheduled = [reader.item(item) for item in snapshot["unscheduled"]]
    return Programme(days=days, unscheduled=unscheduled)


def appearances_in(snapshot: Snapshot) -> Iterator[dict[str, Any]]:
    """Every appearance's dict in the snapshot, wherever it is shown (for erase and merge)."""
    items = [item for day in snapshot["days"] for s in day["sessions"] for item in s["items"]]
    for item in [*items, *snapshot["unscheduled"]]:
        blocks = [item["people"], *(segment["people"] for segment in item["segments"])]
        for block in blocks:
            if block is None:
                continue
            yield from block["presenters"]
            for group in block["groups"]:
                yield from group["people"]
