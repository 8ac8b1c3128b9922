"""A person's calendar and a series' feed (meetings/exports/calendar.py makes the meeting's).

- `person_calendar(person, meetings)`: one event per session in which the person appears, with
  their roles and items, each linked to the exact place of the programme.
- `series_calendar(series, meetings)`: a feed of a series' published meetings, one all-day
  event each.
"""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from icalendar import Event

from config.links import absolute_url
from meetings.formatting import join_names
from meetings.models import Appearance, Meeting, MeetingSeries, Person
from meetings.programme import SessionEntry

from .calendar import (
    item_heading,
    local_times,
    new_calendar,
    programme_address,
    revision_of,
    session_name,
    timed_event,
    with_time_zones,
)
from .calendar_revisions import Revision, session_revisions
from .source import Place, appearance_places, public_programme

# A person's file.


@dataclass
class _Showing:
    """A session in which a person appears, with each of their appearances and its place."""

    meeting: Meeting
    entry: SessionEntry
    appearances: list[tuple[Appearance, Place]] = field(default_factory=list)


def _people_at(place: Place) -> list[Appearance]:
    block = place.segment.people if place.segment else place.item.people
    if block is None:
        return []
    return [*block.presenters, *(a for group in block.groups for a in group.appearances)]


def _showings(person: Person, meeting: Meeting) -> list[_Showing]:
    """The sessions of the meeting's released programme in which the person appears."""
    showings: dict[int, _Showing] = {}
    for appearance_id, place in appearance_places(public_programme(meeting)).items():
        if place.session is None:
            continue  # an item not yet scheduled has no time to put in a calendar
        for appearance in _people_at(place):
            if appearance.pk == appearance_id and appearance.person.pk == person.pk:
                showing = showings.setdefault(
                    place.session.session.pk, _Showing(meeting, place.session)
                )
                showing.appearances.append((appearance, place))
    return list(showings.values())


def _appearance_lines(appearance: Appearance, place: Place, programme_url: str) -> list[str]:
    lines = [f"{appearance.get_role_display()}, {item_heading(place.item)}"]
    if place.segment is not None and place.segment.segment.title:
        lines.append(place.segment.segment.title)
    lines.append(f"{programme_url}#{place.anchor}")
    return lines


def _person_event(person: Person, showing: _Showing, revision: Revision) -> Event:
    meeting, entry = showing.meeting, showing.entry
    programme_url = programme_address(meeting)
    event = timed_event(meeting, entry, revision, uid_kind=f"person-{person.pk}-session")
    roles = list(dict.fromkeys(a.get_role_display() for a, _place in showing.appearances))
    numerals = list(dict.fromkeys(place.item.numeral for _a, place in showing.appearances))
    items = ngettext("item %(numerals)s", "items %(numerals)s", len(numerals)) % {
        "numerals": join_names(numerals)
    }
    event.summary = _("%(roles)s, %(items)s · %(meeting)s") % {
        "roles": join_names(roles),
        "items": items,
        "meeting": meeting.title,
    }
    paragraphs = [
        "\n".join(_appearance_lines(appearance, place, programme_url))
        for appearance, place in showing.appearances
    ]
    paragraphs.append(
        "\n".join(
            [
                f"{session_name(entry)} · {meeting.title}",
                local_times(meeting, entry),
                _("Organization of work: %(url)s") % {"url": programme_url},
            ]
        )
    )
    event.description = "\n\n".join(paragraphs)
    event.url = f"{programme_url}#{showing.appearances[0][1].anchor}"
    return event


def person_calendar(person: Person, meetings: list[Meeting]) -> bytes:
    """Every session of these meetings' released programmes (from exportable_meetings()) in
    which the person appears: one query (the versions) beyond those of meetings never
    released."""
    showings = [showing for meeting in meetings for showing in _showings(person, meeting)]
    showings.sort(key=lambda s: (s.entry.session.date, s.entry.session.start_time, s.meeting.pk))
    found = session_revisions(meetings)
    events = [
        _person_event(
            person,
            showing,
            revision_of(showing.meeting, found, showing.entry.session.pk),
        )
        for showing in showings
    ]
    page = person.get_absolute_url()
    source = absolute_url(reverse("meetings:person_ics", kwargs={"slug": person.slug}))
    calendar = new_calendar(
        name=_("%(name)s in the programme") % {"name": person.display_name},
        description=_("The sessions in which %(name)s takes part.") % {"name": person.display_name},
        url=absolute_url(page),
        source=source,
    )
    return with_time_zones(calendar, events)


# A series' feed.


def _meeting_event(meeting: Meeting) -> Event:
    event = Event()
    event.uid = str(meeting.uuid)
    event.stamp = meeting.content_changed_at
    event.last_modified = meeting.content_changed_at
    event.start = meeting.start_date
    event.end = meeting.end_date + datetime.timedelta(days=1)  # DTEND is exclusive
    event.summary = meeting.title
    if location := ", ".join(part for part in (meeting.city, meeting.country) if part):
        event.location = location
    url = absolute_url(meeting.get_absolute_url())
    event.description = "\n\n".join(part for part in (meeting.summary, url) if part)
    event.url = url
    return event


def series_calendar(series: MeetingSeries, meetings: list[Meeting]) -> bytes:
    """A series' published meetings (no query)."""
    calendar = new_calendar(
        name=series.name,
        description=_("The meetings of the %(series)s.") % {"series": series.name},
        url=absolute_url(series.get_absolute_url()),
        source=absolute_url(reverse("meetings:series_ics", kwargs={"slug": series.slug})),
    )
    return with_time_zones(calendar, [_meeting_event(meeting) for meeting in meetings])
