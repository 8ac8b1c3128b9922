"""The programme as calendar files (RFC 5545, written with the icalendar package).

- `programme_calendar(meeting)`: the whole meeting, one event per session of its released
  programme: the session's agenda items with their numerals, presentations and people in the
  description, and its place on the programme page as URL.
- `session_calendar(meeting, session_pk)`: that one session's event (the same UID).
- A person's calendar and a series' feed are in calendar_feeds.py, built from the parts here.

Times are the venue's local times with their TZID and a VTIMEZONE, so a calendar anywhere
shows 10:00 in New York as 16:00 in Geneva. UIDs come from Meeting.export_uid, the same in
every version and on every server; SEQUENCE, LAST-MODIFIED and DTSTAMP from the released
versions (calendar_revisions). Nothing here reads the clock, so a file is the same bytes until
the meeting changes. Links are absolute, from SITE_URL (config.links).
"""

import datetime
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from config.links import absolute_url
from meetings.formatting import time_range
from meetings.models import Meeting
from meetings.programme import ItemEntry, PeopleBlock, SessionEntry

from .calendar_revisions import Revision, session_revisions, unreleased_revision
from .source import public_programme

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//Plenary//Programme calendar//EN"
# How often a subscribed calendar should fetch the file again (RFC 7986 and its older
# X-PUBLISHED-TTL): a programme changes on the days of a meeting too; a fetch of an unchanged
# file is answered 304 from its ETag.
REFRESH = datetime.timedelta(hours=1)
REFRESH_TEXT = f"PT{REFRESH // datetime.timedelta(minutes=1)}M"  # as X-PUBLISHED-TTL writes it


# The calendar and its time zones.


def new_calendar(*, name: str, description: str, url: str, source: str) -> Calendar:
    calendar = Calendar()
    calendar.prodid = PRODID
    calendar.version = "2.0"
    calendar.calscale = "GREGORIAN"
    calendar.method = "PUBLISH"
    calendar.calendar_name = name  # NAME and X-WR-CALNAME
    calendar.description = description
    calendar.url = url
    calendar.source = source
    calendar.refresh_interval = REFRESH
    calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"  # RFC 7986, 5.7: required
    calendar.add("X-PUBLISHED-TTL", REFRESH_TEXT)
    return calendar


def with_time_zones(calendar: Calendar, events: Iterable[Event]) -> bytes:
    """The calendar with its events, after a VTIMEZONE for each time zone they use, covering
    the whole years they fall in (UTC needs none: its times end in Z)."""
    events = list(events)
    years: dict[str, list[int]] = {}
    for event in events:
        start = event.start
        if isinstance(start, datetime.datetime) and start.tzinfo is not None:
            tzid = getattr(start.tzinfo, "key", None)
            if tzid and tzid not in ("UTC", "Etc/UTC"):
                years.setdefault(tzid, []).append(start.year)
    for tzid, found in sorted(years.items()):
        calendar.add_component(
            Timezone.from_tzid(
                tzid,
                first_date=datetime.date(min(found), 1, 1),
                last_date=datetime.date(max(found) + 1, 1, 1),
            )
        )
    for event in events:
        calendar.add_component(event)
    content: bytes = calendar.to_ical()
    return content


# The text of a session's event.


def programme_address(meeting: Meeting) -> str:
    return absolute_url(reverse("meetings:programme", kwargs={"slug": meeting.slug}))


def session_name(entry: SessionEntry) -> str:
    return entry.session.name or _("Session")


def item_heading(entry: ItemEntry) -> str:
    heading = f"{entry.numeral}. {entry.item.title}"
    return f"{heading} {_('(continued)')}" if entry.continued else heading


def _groups(block: PeopleBlock, indent: str = "") -> list[str]:
    return [f"{indent}{group.heading}: {group.names}" for group in block.groups]


def _item_lines(entry: ItemEntry) -> list[str]:
    """An agenda item as the programme page lists it, in plain text."""
    lines = [item_heading(entry)]
    if entry.people is not None:
        lines += [f"• {appearance.label}" for appearance in entry.people.presenters]
    for segment_entry in entry.segments:
        title, block = segment_entry.segment.title, segment_entry.people
        if block.presenters:
            lines.append(f"• {block.presenter_names}. {title}" if title else block.presenter_names)
        elif title:
            lines.append(f"• {title}")
        lines += _groups(block, indent="  ")
    if entry.people is not None:
        lines += _groups(entry.people)
    return lines


def local_times(meeting: Meeting, entry: SessionEntry) -> str:
    session = entry.session
    times = time_range(session.start_time, session.end_time)
    return _("%(times)s, local time at the venue (%(zone)s)") % {
        "times": times,
        "zone": meeting.time_zone,
    }


def _location(meeting: Meeting, entry: SessionEntry) -> str:
    parts = (entry.session.room, meeting.venue, meeting.city)
    return ", ".join(part for part in parts if part)


def timed_event(
    meeting: Meeting, entry: SessionEntry, revision: Revision, *, uid_kind: str
) -> Event:
    """An event at the session's time, in the meeting's time zone, with its revision."""
    session = entry.session
    event = Event()
    event.uid = str(meeting.export_uid(uid_kind, session.pk))
    event.stamp = revision.changed_at
    event.start = datetime.datetime.combine(session.date, session.start_time, meeting.zone)
    event.end = datetime.datetime.combine(session.date, session.end_time, meeting.zone)
    event.sequence = revision.sequence
    event.last_modified = revision.changed_at
    if location := _location(meeting, entry):
        event.location = location
    return event


def session_event(meeting: Meeting, entry: SessionEntry, revision: Revision) -> Event:
    """A session with its agenda items and their people, linked to its place on the page."""
    programme_url = programme_address(meeting)
    event = timed_event(meeting, entry, revision, uid_kind="session")
    event.summary = f"{session_name(entry)} · {meeting.title}"
    paragraphs = [local_times(meeting, entry)]
    paragraphs += ["\n".join(_item_lines(item)) for item in entry.items]
    paragraphs.append(_("Organization of work: %(url)s") % {"url": programme_url})
    event.description = "\n\n".join(paragraphs)
    event.url = f"{programme_url}#{entry.anchor}"
    return event


def revision_of(
    meeting: Meeting, found: dict[int, dict[int, Revision]], session_pk: int
) -> Revision:
    """The session's Revision from session_revisions(), or a never-released meeting's."""
    return found.get(meeting.pk, {}).get(session_pk) or unreleased_revision(meeting)


# A meeting's file and a session's.


def _meeting_calendar(meeting: Meeting, *, name: str, source: str) -> Calendar:
    calendar = new_calendar(
        name=name,
        description=_("Programme of the %(title)s, %(dates)s.")
        % {"title": meeting.title, "dates": meeting.dates_display},
        url=programme_address(meeting),
        source=source,
    )
    calendar.add("X-WR-TIMEZONE", meeting.time_zone)
    return calendar


def programme_calendar(meeting: Meeting) -> bytes:
    """The whole released programme of a meeting from exportable_meetings(): one query (the
    versions) when it has a version, six when it has none."""
    programme = public_programme(meeting)
    revisions = session_revisions([meeting])
    source = absolute_url(reverse("meetings:programme_ics", kwargs={"slug": meeting.slug}))
    calendar = _meeting_calendar(meeting, name=meeting.title, source=source)
    events = [
        session_event(meeting, entry, revision_of(meeting, revisions, entry.session.pk))
        for day in programme.days
        for entry in day.sessions
    ]
    return with_time_zones(calendar, events)


def session_calendar(meeting: Meeting, session_pk: int) -> bytes | None:
    """One session's event, the same as in the meeting's file; None when the released
    programme has no such session."""
    programme = public_programme(meeting)
    entries = [entry for day in programme.days for entry in day.sessions]
    entry = next((entry for entry in entries if entry.session.pk == session_pk), None)
    if entry is None:
        return None
    revisions = session_revisions([meeting])
    event = session_event(meeting, entry, revision_of(meeting, revisions, session_pk))
    source = absolute_url(
        reverse("meetings:session_ics", kwargs={"slug": meeting.slug, "session_pk": session_pk})
    )
    calendar = _meeting_calendar(meeting, name=str(event.summary), source=source)
    return with_time_zones(calendar, [event])
