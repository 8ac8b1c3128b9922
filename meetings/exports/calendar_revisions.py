"""How often, and when last, each session changed in a meeting's released programme versions.

A calendar that subscribes to a meeting's file replaces an event when its SEQUENCE goes up
(RFC 5545, 3.8.7.4): the SEQUENCE of a session is the number of released versions, after the
one that first showed it, that changed it (its date, times, name, room, items or the people
in them). Its LAST-MODIFIED is when the version that last changed it was published; the file
uses the same time for DTSTAMP, so it stays byte for byte the same until something changes.

The comparison reads each session's dict in the versions' snapshots (meetings.versions.snapshot),
oldest first, in one query for every version of every meeting asked about.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from meetings.models import Meeting, ProgrammeVersion


@dataclass(frozen=True)
class Revision:
    """A session as a calendar tells its changes: how many times it changed, and when last."""

    sequence: int
    changed_at: datetime.datetime


def session_revisions(meetings: Iterable[Meeting]) -> dict[int, dict[int, Revision]]:
    """For each of these meetings that has released versions, each released session's
    Revision, by session id (one query). Meetings never released are left out: their live
    programme is what the public reads, see unreleased_revision()."""
    versions = (
        ProgrammeVersion.objects.filter(meeting__in=[meeting.pk for meeting in meetings])
        .order_by("meeting_id", "number")
        .values_list("meeting_id", "published_at", "snapshot")
    )
    found: dict[int, dict[int, Revision]] = {}
    shown_before: dict[tuple[int, int], dict[str, Any]] = {}
    for meeting_id, published_at, snapshot in versions.iterator():
        revisions = found.setdefault(meeting_id, {})
        for day in snapshot["days"]:
            for session in day["sessions"]:
                key = (meeting_id, session["id"])
                before = shown_before.get(key)
                if before is None:
                    revisions[session["id"]] = Revision(0, published_at)
                elif before != session:
                    revisions[session["id"]] = Revision(
                        revisions[session["id"]].sequence + 1, published_at
                    )
                shown_before[key] = session
    return found


def unreleased_revision(meeting: Meeting) -> Revision:
    """A session of a meeting published before versions existed: never counted as changed,
    last changed when the meeting was."""
    return Revision(0, meeting.content_changed_at)
