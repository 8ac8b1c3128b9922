"""What every export of a meeting reads, and how it is answered.

- `exportable_meeting(slug)`: a published meeting, or a 404 for everyone, staff included: a
  draft is never exported (its pages are previewed, its files are not).
- `public_programme(meeting)`: the programme the public reads on the meeting's page: its latest
  released version, or the live programme of a meeting published before versions existed.
- `cached_export(meeting, kind, make)`: the bytes of an export, made once per change of the
  meeting (keyed on Meeting.content_changed_at, meetings.freshness, and on its latest version).
- `appearance_places(programme)`: where each appearance is shown (day, session, item, segment),
  with the anchor of that place on the programme page.
- `export_response(...)`: the answer, with its Content-Type, file name, ETag and Last-Modified,
  and a 304 for a conditional request that already holds it.
"""

import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, http_date
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from meetings.models import Appearance, Meeting, MeetingStatus
from meetings.models.versions import latest_version_of, with_latest_version
from meetings.programme import (
    Day,
    ItemEntry,
    PeopleBlock,
    Programme,
    SegmentEntry,
    SessionEntry,
    build_programme,
)
from meetings.versions.snapshot import programme_from_snapshot

# A cached export stays until the meeting changes; this only bounds what an unused one occupies.
CACHE_SECONDS = 24 * 60 * 60
# While one request makes an export, others wait for it this long, looking every step; the
# mark that it is being made lapses after MAKING_SECONDS should its maker die.
WAIT_SECONDS = 60
WAIT_STEP_SECONDS = 0.1
MAKING_SECONDS = 120
# How long a browser or proxy may reuse an export before asking again (with its ETag).
MAX_AGE_SECONDS = 5 * 60


def export_view[**P](view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """An export's view: GET and HEAD only, anything else a 405. No CSRF check: it writes
    nothing, and a POST should read "method not allowed", not "the form could not be sent"."""
    return csrf_exempt(require_safe(view))


def exportable_meetings(*, snapshot: bool = True) -> QuerySet[Meeting]:
    """Published meetings, with what every export shows of them, in one query (`snapshot=False`:
    all but their programme's snapshot, read when first used)."""
    return with_latest_version(
        Meeting.objects.filter(status=MeetingStatus.PUBLISHED).select_related(
            "series", "organizer__parent"
        ),
        snapshot=snapshot,
    )


def exportable_meeting(slug: str) -> Meeting:
    """One published meeting, without its programme's snapshot: an export served from the
    cache needs only the version's number, and one that is made reads the snapshot then (one
    query more)."""
    meeting: Meeting | None = exportable_meetings(snapshot=False).filter(slug=slug).first()
    if meeting is None:
        raise Http404("No published meeting with this address.")
    return meeting


def public_programme(meeting: Meeting) -> Programme:
    """The released programme of a meeting from exportable_meetings(); no query when it has a
    version read with its snapshot, one when without, build_programme's five when it has none."""
    version = latest_version_of(meeting)
    if version is None:
        return build_programme(meeting)
    return programme_from_snapshot(version.snapshot)


def export_key(meeting: Meeting, kind: str) -> str:
    version = latest_version_of(meeting)
    stamp = meeting.content_changed_at.timestamp()
    return f"export:{kind}:{meeting.pk}:{stamp}:{version.number if version else 0}"


def cached_export(meeting: Meeting, kind: str, make: Callable[[], bytes]) -> bytes:
    """`make()`'s bytes, from the cache while nothing of the meeting has changed since."""
    return cached_bytes(export_key(meeting, kind), make)


def cached_bytes(key: str, make: Callable[[], bytes]) -> bytes:
    """`make()`'s bytes under `key` in the cache, made once.

    One request makes them at a time: others asking meanwhile wait for its bytes (up to
    WAIT_SECONDS) rather than make them too, so a crowd opening a large meeting's PDF right
    after a change costs one rendering, not one each (per server with a local cache, once in
    all with a shared one)."""
    content: bytes | None = cache.get(key)
    if content is not None:
        return content
    lock = f"{key}:making"
    if not cache.add(lock, True, MAKING_SECONDS):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(WAIT_STEP_SECONDS)
            content = cache.get(key)
            if content is not None:
                return content
    try:
        content = make()
        cache.set(key, content, CACHE_SECONDS)
    finally:
        cache.delete(lock)
    return content


def export_response(
    request: HttpRequest,
    content: bytes,
    *,
    content_type: str,
    filename: str,
    meeting: Meeting | None = None,
    attachment: bool = False,
) -> HttpResponse:
    """`content` as a file named `filename`, public and revalidated by its ETag (and by the
    meeting's Last-Modified when the export is one meeting's)."""
    etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
    last_modified = int(meeting.content_changed_at.timestamp()) if meeting else None
    response: HttpResponse | None = get_conditional_response(
        request, etag=etag, last_modified=last_modified
    )
    if response is None:
        response = HttpResponse(content, content_type=content_type)
        disposition = content_disposition_header(as_attachment=attachment, filename=filename)
        response.headers["Content-Disposition"] = disposition or "inline"
    response.headers["ETag"] = etag
    if last_modified is not None:
        response.headers["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=MAX_AGE_SECONDS)
    return response


@dataclass(frozen=True)
class Place:
    """Where an appearance is shown in a programme: its day and session (None for an item not
    yet scheduled), its item entry and, for a presentation's people, the segment entry."""

    day: Day | None
    session: SessionEntry | None
    item: ItemEntry
    segment: SegmentEntry | None
    # The appearance as the programme shows it (role, affiliation, person).
    appearance: Appearance | None = None

    @property
    def anchor(self) -> str:
        return self.segment.anchor if self.segment else self.item.anchor


def _blocks(entry: ItemEntry) -> Iterator[tuple[SegmentEntry | None, PeopleBlock]]:
    if entry.people is not None:
        yield None, entry.people
    for segment_entry in entry.segments:
        yield segment_entry, segment_entry.people


def appearance_places(programme: Programme) -> dict[int, Place]:
    """Each appearance's place in `programme`, by appearance id (no query)."""
    found: dict[int, Place] = {}
    scheduled = [
        (day, session_entry, item)
        for day in programme.days
        for session_entry in day.sessions
        for item in session_entry.items
    ]
    unscheduled = [(None, None, item) for item in programme.unscheduled]
    for day, session_entry, item in [*scheduled, *unscheduled]:
        for segment_entry, block in _blocks(item):
            appearances = [*block.presenters, *(a for g in block.groups for a in g.appearances)]
            for appearance in appearances:
                found[appearance.pk] = Place(day, session_entry, item, segment_entry, appearance)
    return found
