"""Releasing a programme version, and keeping released snapshots true to erased and merged people.

A snapshot records what the public was shown; a person whose personal data is erased vanishes
from it all the same (their name reads "Name withheld", without a page), and a person merged into
another points at the kept record.
"""

from typing import Any

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from accounts.models import User
from meetings.models import Meeting, Person, ProgrammeVersion
from meetings.models.versions import latest_version_of, with_latest_version
from meetings.programme import build_programme

from .snapshot import Snapshot, appearances_in, snapshot_of

# The history's line, stored in English like Django's own.
RELEASED_MESSAGE = gettext_noop("Programme version %(number)d released.")
RELEASED_PREFIX = "Programme version "


def live_snapshot(meeting: Meeting) -> Snapshot:
    """The programme as it stands now, as a version would keep it (five queries)."""
    return snapshot_of(build_programme(meeting))


@transaction.atomic
def programme_release(
    *,
    meeting: Meeting,
    by: User | AnonymousUser | None,
    note: str = "",
    only_if_changed: bool = False,
) -> ProgrammeVersion | None:
    """Keep the meeting's programme as it stands as its next version, numbered 1, 2, 3…

    The meeting's row is locked first, so two staff publishing at once take two numbers; with
    `only_if_changed`, the second finds the programme as the first released it and releases
    nothing (None).
    """
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    latest = locked.programme_versions.latest_first().first()
    snapshot = live_snapshot(locked)
    if only_if_changed and latest is not None and latest.snapshot == snapshot:
        return None
    user = by if by is not None and by.pk is not None else None
    version = ProgrammeVersion.objects.create(
        meeting=locked,
        number=(latest.number if latest else 0) + 1,
        published_at=timezone.now(),
        published_by=user,
        note=note,
        snapshot=snapshot,
    )
    if user is not None:
        message = RELEASED_MESSAGE % {"number": version.number}
        LogEntry.objects.log_actions(
            user_id=user.pk,
            queryset=[locked],
            action_flag=CHANGE,
            change_message=f"{message} {note}".strip(),
        )
    return version


def _naming(person_pk: int) -> list[tuple[ProgrammeVersion, list[dict[str, Any]]]]:
    """The versions whose snapshot shows the person, each with the person's entries in it."""
    found = []
    for version in ProgrammeVersion.objects.only("pk", "snapshot").order_by("pk").iterator():
        rows = [
            appearance["person"]
            for appearance in appearances_in(version.snapshot)
            if appearance["person"]["id"] == person_pk
        ]
        if rows:
            found.append((version, rows))
    return found


def versions_withhold_person(*, person: Person, apply: bool) -> int:
    """Versions that show the person; with apply=True their name there reads "Name withheld",
    with no honorific and no page. The affiliation as shown stays, as on the live page."""
    found = _naming(person.pk)
    if apply:
        for version, rows in found:
            for row in rows:
                row.update(
                    honorific_id=None,
                    honorific="",
                    given_name="",
                    family_name="",
                    slug="",
                    withheld=True,
                )
            version.save(update_fields=["snapshot"])
    return len(found)


def versions_merge_person(*, kept: Person, merged: Person) -> int:
    """Versions that showed `merged` now point at `kept` (its id and page); the names stay as
    the version showed them."""
    found = _naming(merged.pk)
    for version, rows in found:
        for row in rows:
            row.update(id=kept.pk, slug=kept.slug)
        version.save(update_fields=["snapshot"])
    return len(found)


def released_appearances(meeting_ids: set[int]) -> dict[int, dict[int, dict[str, Any]]]:
    """For each of these meetings that has a released version: its appearances as the latest
    version shows them, by appearance id. One query; meetings never released are left out (their
    live programme is what the public reads)."""
    meetings = with_latest_version(Meeting.objects.filter(pk__in=meeting_ids)).only("pk")
    released: dict[int, dict[int, dict[str, Any]]] = {}
    for meeting in meetings:
        version = latest_version_of(meeting)
        if version is not None:
            released[meeting.pk] = {row["id"]: row for row in appearances_in(version.snapshot)}
    return released
