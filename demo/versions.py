"""The demo meetings' released programme versions, so "What changed" reads something on `make run`.

The Tenth was first published on 12 January 2012 without the civil society presentation of item
III, and with its moderator under his mission's name; version 2, on 3 February, added the one and
corrected the other, and is the programme as the demo has it. The Eleventh has its version 1.

Like the rest of the demo, a rerun finds the versions as it left them and puts back one that
differs; once staff have released a version of their own, the meeting's versions are theirs and
left alone.
"""

import copy
import datetime
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.models import User
from meetings.models import Meeting, ProgrammeVersion
from meetings.versions.services import live_snapshot
from meetings.versions.snapshot import Snapshot, appearances_in

NEW_YORK = ZoneInfo("America/New_York")
ADDED_LATER = "Reflections on the role and contribution of civil society"
MODERATOR_FIRST = (
    "Permanent Representative of Mexico to the United Nations",
    "Permanent Mission of Mexico to the United Nations",
)
TENTH_SECOND_NOTE = (
    "Civil society presentation added under item III; the title of the moderator corrected."
)


@dataclass
class Wanted:
    number: int
    published_at: datetime.datetime | None  # None: when first loaded, kept afterwards
    note: str
    snapshot: Snapshot


def _tenth_first(snapshot: Snapshot) -> Snapshot:
    """Version 1 of the Tenth: the programme without what version 2 brought."""
    first = copy.deepcopy(snapshot)
    for day in first["days"]:
        for session in day["sessions"]:
            for item in session["items"]:
                item["segments"] = [
                    segment
                    for segment in item["segments"]
                    if not segment["title"].startswith(ADDED_LATER)
                ]
    for appearance in appearances_in(first):
        if appearance["affiliation"] == MODERATOR_FIRST[0]:
            appearance["affiliation"] = MODERATOR_FIRST[1]
    return first


def _wanted(tenth: Meeting, eleventh: Meeting) -> dict[Meeting, list[Wanted]]:
    live = live_snapshot(tenth)
    return {
        tenth: [
            Wanted(
                1,
                datetime.datetime(2012, 1, 12, 16, tzinfo=NEW_YORK),
                "",
                _tenth_first(live),
            ),
            Wanted(2, datetime.datetime(2012, 2, 3, 11, tzinfo=NEW_YORK), TENTH_SECOND_NOTE, live),
        ],
        eleventh: [Wanted(1, None, "", live_snapshot(eleventh))],
    }


def demo_versions_load(*, tenth: Meeting, eleventh: Meeting, admin: User) -> None:
    for meeting, versions in _wanted(tenth, eleventh).items():
        stored = {version.number: version for version in meeting.programme_versions.all()}
        if any(number > len(versions) for number in stored):
            continue  # staff released a version since: the meeting's versions are theirs
        for wanted in versions:
            version = stored.get(wanted.number)
            if version is None:
                ProgrammeVersion.objects.create(
                    meeting=meeting,
                    number=wanted.number,
                    published_at=wanted.published_at or timezone.now(),
                    published_by=admin,
                    note=wanted.note,
                    snapshot=wanted.snapshot,
                )
                continue
            values: dict[str, Any] = {"note": wanted.note, "snapshot": wanted.snapshot}
            if wanted.published_at is not None:
                values["published_at"] = wanted.published_at
            if any(getattr(version, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(version, name, value)
                version.save(update_fields=list(values))
