"""A snapshot as rows by id, the way two versions are compared, and how a change names them."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from meetings.formatting import day_heading
from meetings.models import Role

from .snapshot import Snapshot, person_back, session_back, text_of

type Row = dict[str, Any]


@dataclass
class Flat:
    """A snapshot as rows by id, the way two versions are compared."""

    sessions: dict[int, Row] = field(default_factory=dict)
    items: dict[int, Row] = field(default_factory=dict)
    segments: dict[int, Row] = field(default_factory=dict)
    appearances: dict[int, Row] = field(default_factory=dict)


def _people_rows(block: Row | None) -> Iterator[Row]:
    if block is None:
        return
    yield from block["presenters"]
    for group in block["groups"]:
        yield from group["people"]


def _add_entry(flat: Flat, entry: Row, session_id: int | None) -> None:
    item = flat.items.setdefault(
        entry["id"], {"number": entry["number"], "title": text_of(entry, "title"), "sessions": []}
    )
    if session_id is not None:
        item["sessions"].append(session_id)
    for appearance in _people_rows(entry["people"]):
        flat.appearances[appearance["id"]] = {**appearance, "item": entry["id"], "segment": None}
    for segment in entry["segments"]:
        flat.segments[segment["id"]] = {
            "item": entry["id"],
            "title": text_of(segment, "title"),
            "session": session_id,
        }
        for appearance in _people_rows(segment["people"]):
            flat.appearances[appearance["id"]] = {
                **appearance,
                "item": entry["id"],
                "segment": segment["id"],
            }


def flatten(snapshot: Snapshot) -> Flat:
    flat = Flat()
    for day in snapshot["days"]:
        for session in day["sessions"]:
            flat.sessions[session["id"]] = {
                **{k: v for k, v in session.items() if k not in ("items", "translations")},
                "name": text_of(session, "name"),
            }
            for entry in session["items"]:
                _add_entry(flat, entry, session["id"])
    for entry in snapshot["unscheduled"]:
        _add_entry(flat, entry, None)
    return flat


def when(session: Row) -> str:
    shown = session_back(session)
    return f"{day_heading(shown.date)}, {shown.times_display}"


def times(session: Row) -> tuple[str, str, str]:
    return session["date"], session["start"], session["end"]


def name_of(person: Row) -> str:
    return person_back(person).display_name


def label_of(appearance: Row) -> str:
    name = name_of(appearance["person"])
    return f"{name}, {appearance['affiliation']}" if appearance["affiliation"] else name


def role_of(appearance: Row) -> str:
    return Role.heading(appearance["role"], 1)


def pair(
    removed: dict[int, Row], added: dict[int, Row], key: Callable[[Row], Any]
) -> list[tuple[Row, Row]]:
    """Match rows removed with rows added that `key` says are the same; both dicts shrink."""
    pairs = []
    for old_id, old in list(removed.items()):
        for new_id, new in list(added.items()):
            if key(old) == key(new):
                pairs.append((old, new))
                del removed[old_id], added[new_id]
                break
    return pairs
