"""The released programme as a conference-app schedule: the "frab" format that Giggity,
ConfClerk and EventFahrplan read, written as schedule.xml (frab_xml) and schedule.json
(frab_json) from the one `Schedule` built here.

What an event is. Our sessions have times and a room; the agenda items shown in them have no
times of their own. So each agenda item shown in a session is one event, over the whole session
(no times are invented inside it): its title is the item's numeral and title ("III. The 2013
High-level Dialogue…", "(continued)" in a later session), its track the item (so an app groups its
showings), its subtitle the session's name. A session without items is one event of its own.
Items not yet scheduled have no time, and no event.

Identifiers. An event's guid comes from Meeting.export_uid: ("item", pk) for an item's first
showing, so it stays the same when the item moves to another session; ("item:<pk>:session",
session pk) for a later showing; ("session", pk) for a session shown alone. Its integer id, which
apps key their favourites on, comes from the item's id (times ID_STEP, plus one for each later
showing), so it stays with the item through edits and versions. Apps such as ConfClerk order
events that start together by id: they show a session's items in the order they were created,
which is their numerals' order unless staff reorder them later (stable favourites come first).
The next free number is taken in the unlikely case of a clash, so ids are unique.

People. Every presenter, moderator, chair and discussant of the event is a person, named
without honorific (apps sort and search speakers by name: "Amb." and "Mr." would sort them by
title), with the person's id (and in schedule.json a guid: the earlier XSD has no place for
one). The format's person has no role, so the description says who does what, with honorifics
and affiliations as the programme page shows them; schedule.json adds a `role` in the vocabulary
of the maintainers' newer schema. A person whose data was erased is left out of `persons` (an app
would otherwise gather every erased person into one speaker called "Name withheld", with their
events under it) and reads "Name withheld" in the description, as on the page.

Days. A day runs from 04:00 to 03:59 the next morning, local time (or from an earlier session's
start), as frab counts a conference day: EventFahrplan reads the time of a day's `end` (in UTC)
as its day change and puts an event starting earlier in the day after midnight, so a day ending
with its last session would put an afternoon before the morning east of Greenwich.
"""

import datetime
import uuid

from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from config.links import absolute_url
from meetings.formatting import join_names
from meetings.models import Appearance, Meeting, Role, Session
from meetings.models.versions import latest_version_of
from meetings.programme import ItemEntry, PeopleBlock, SessionEntry

from .frab_schedule import (
    Schedule,
    ScheduleDay,
    ScheduleEvent,
    ScheduleLink,
    SchedulePerson,
    ScheduleRoom,
)
from .source import public_programme

# A conference day starts at this local time and ends a minute before it, the next morning.
DAY_CHANGE = datetime.time(4)
# The steps a timeslot may take, largest first, in minutes.
TIMESLOTS = (60, 30, 15, 10, 5)
ID_LIMIT = 2**31 - 1  # ids stay in a signed 32-bit integer, as apps store them
# An item's event id is its id times this, plus one for each later showing; a session shown alone
# takes its id times this, plus ID_STEP - 1.
ID_STEP = 100

# Our roles in the vocabulary of the maintainers' schema for a person's role at an event.
READER_ROLES: dict[str, str] = {
    Role.SPEAKER: "speaker",
    Role.PRESENTER: "speaker",
    Role.MODERATOR: "moderator",
    Role.CHAIR: "host",
    Role.DISCUSSANT: "contributor",
}


def acronym_of(meeting: Meeting) -> str:
    """ "tenth_coordination_meeting": the slug in the acronym's alphabet (lower-case letters,
    digits and underscores, at least four), so that event slugs can start with it."""
    acronym = meeting.slug.lower().replace("-", "_")
    if len(acronym) < 4:
        acronym = f"{acronym}_{meeting.start_date.year}"
    return acronym


def version_label(meeting: Meeting) -> str:
    """ "Version 2" of the released programme; the day it last changed when it has none."""
    version = latest_version_of(meeting)
    if version is not None:
        return str(version)
    return meeting.content_changed_at.astimezone(meeting.zone).date().isoformat()


def room_name(meeting: Meeting, session: Session) -> str:
    return session.room or meeting.venue or _("Plenary")


def _timeslot(sessions: list[Session]) -> str:
    minutes = {t.hour * 60 + t.minute for s in sessions for t in (s.start_time, s.end_time)}
    step = next((step for step in TIMESLOTS if all(m % step == 0 for m in minutes)), TIMESLOTS[-1])
    return f"{step // 60:02d}:{step % 60:02d}"


def _at(meeting: Meeting, date: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(date, time, tzinfo=meeting.zone)


class _Ids:
    """Event ids: the number asked for (from the item's id), or the next free one."""

    def __init__(self) -> None:
        self.used: set[int] = set()

    def of(self, wanted: int) -> int:
        number = wanted % ID_LIMIT or 1
        while number in self.used:
            number = number % ID_LIMIT + 1
        self.used.add(number)
        return number


def _sections(entry: ItemEntry) -> list[tuple[str, list[Appearance]]]:
    """The item's people in the page's order, each section with the presentation's title ("" for
    the item's own): its presenters (at its first showing), each presentation with its people,
    then its own moderators, chairs and discussants."""
    own = entry.people or PeopleBlock()
    sections = [("", list(own.presenters))]
    for segment_entry in entry.segments:
        block = segment_entry.people
        appearances = [*block.presenters, *(a for g in block.groups for a in g.appearances)]
        sections.append((segment_entry.segment.title or _("Presentation"), appearances))
    sections.append(("", [a for group in own.groups for a in group.appearances]))
    return sections


def _role_lines(appearances: list[Appearance]) -> list[str]:
    """ "Speaker: Amb. Eva Åkerman-Börje, Ministry of Justice, Sweden", one line a role."""
    by_role: dict[str, list[Appearance]] = {}
    for appearance in appearances:
        by_role.setdefault(appearance.role, []).append(appearance)
    return [
        f"{Role.heading(role, len(people))}: {join_names([a.label for a in people])}"
        for role, people in by_role.items()
    ]


def _abstract(entry: ItemEntry) -> str:
    """Its presentations, one a line, with their presenters: "Title — Name, Name"."""
    lines = []
    for title, appearances in _sections(entry):
        presenting = [a for a in appearances if a.role in Role.presenting()]
        names = join_names([a.person.display_name for a in presenting])
        if title and names:
            lines.append(f"{title} — {names}")
        elif title or names:
            lines.append(title or names)
    return "\n".join(lines)


def _description(entry: ItemEntry) -> str:
    """Who does what, with affiliations, in the page's order; a paragraph a presentation."""
    paragraphs = ["\n".join([title, *_role_lines(people)]) for title, people in _sections(entry)]
    return "\n\n".join(paragraph.strip("\n") for paragraph in paragraphs if paragraph)


def _persons(meeting: Meeting, entry: ItemEntry) -> list[SchedulePerson]:
    found: dict[int, SchedulePerson] = {}
    for _title, appearances in _sections(entry):
        for appearance in appearances:
            person = appearance.person
            if person.withheld_at is not None or person.pk in found:
                continue
            found[person.pk] = SchedulePerson(
                id=person.pk,
                guid=meeting.export_uid("person", person.pk),
                name=person.full_name,
                role=READER_ROLES[appearance.role],
            )
    return list(found.values())


def _slug(acronym: str, event_id: int, title: str, kind: str) -> str:
    """ "tenth_coordination_meeting-123-iii-the-2013-high-level-dialogue": unique by the id."""
    words = slugify(title)
    if len(words) > 60:  # at a word's end
        words = words[:61].rsplit("-", 1)[0]
    words = words.strip("-_") or kind
    return f"{acronym}-{event_id}-{words}"


class _Builder:
    def __init__(self, meeting: Meeting) -> None:
        self.meeting = meeting
        self.acronym = acronym_of(meeting)
        self.programme_url = absolute_url(
            reverse("meetings:programme", kwargs={"slug": meeting.slug})
        )
        self.ids = _Ids()
        self.continued: dict[int, int] = {}  # later showings of each item so far

    def place(self, anchor: str) -> str:
        return f"{self.programme_url}#{anchor}"

    def event(
        self,
        session_entry: SessionEntry,
        *,
        guid: uuid.UUID,
        wanted_id: int,
        kind: str,
        title: str,
        track: str = "",
        entry: ItemEntry | None = None,
    ) -> ScheduleEvent:
        session = session_entry.session
        event_id = self.ids.of(wanted_id)
        session_link = ScheduleLink(
            self.place(session_entry.anchor), _("This session in the Organization of work")
        )
        links = [session_link]
        url = session_link.url
        if entry is not None:
            url = self.place(entry.anchor)
            links.insert(0, ScheduleLink(url, _("This item in the Organization of work")))
        start = _at(self.meeting, session.date, session.start_time)
        end = _at(self.meeting, session.date, session.end_time)
        return ScheduleEvent(
            id=event_id,
            guid=guid,
            start=start,
            end=end,
            room=room_name(self.meeting, session),
            slug=_slug(self.acronym, event_id, title, kind),
            title=title,
            subtitle=session.name if entry is not None else "",
            type=_("Agenda item") if entry is not None else _("Session"),
            track=track,
            abstract=_abstract(entry) if entry is not None else "",
            description=_description(entry) if entry is not None else "",
            persons=_persons(self.meeting, entry) if entry is not None else [],
            links=links,
            url=url,
        )

    def events(self, session_entry: SessionEntry) -> list[ScheduleEvent]:
        session = session_entry.session
        if not session_entry.items:
            guid = self.meeting.export_uid("session", session.pk)
            title = session.name or _("Session")
            wanted = session.pk * ID_STEP + ID_STEP - 1
            return [
                self.event(session_entry, guid=guid, wanted_id=wanted, kind="session", title=title)
            ]
        events = []
        for entry in session_entry.items:
            track = f"{entry.numeral}. {entry.item.title}"
            title = f"{track} {_('(continued)')}" if entry.continued else track
            wanted = entry.item.pk * ID_STEP
            if entry.continued:
                guid = self.meeting.export_uid(f"item:{entry.item.pk}:session", session.pk)
                self.continued[entry.item.pk] = self.continued.get(entry.item.pk, 0) + 1
                wanted += self.continued[entry.item.pk]
            else:
                guid = self.meeting.export_uid("item", entry.item.pk)
            event = self.event(
                session_entry,
                guid=guid,
                wanted_id=wanted,
                kind="item",
                title=title,
                track=track,
                entry=entry,
            )
            events.append(event)
        return events

    def day(self, index: int, date: datetime.date, entries: list[SessionEntry]) -> ScheduleDay:
        rooms: dict[str, list[ScheduleEvent]] = {}
        for session_entry in entries:
            name = room_name(self.meeting, session_entry.session)
            rooms.setdefault(name, []).extend(self.events(session_entry))
        first = min((e.session.start_time for e in entries), default=DAY_CHANGE)
        return ScheduleDay(
            index=index,
            date=date,
            start=_at(self.meeting, date, min(first, DAY_CHANGE)),
            end=_at(self.meeting, date + datetime.timedelta(days=1), datetime.time(3, 59)),
            rooms=[ScheduleRoom(name, events) for name, events in rooms.items()],
        )


def build_schedule(meeting: Meeting) -> Schedule:
    """The schedule of a meeting from source.exportable_meetings(): its released programme
    (no query when it has a version)."""
    programme = public_programme(meeting)
    builder = _Builder(meeting)
    days = [
        builder.day(index, day.date, day.sessions)
        for index, day in enumerate(programme.days, start=1)
    ]
    if not days:  # the format wants a day: the meeting's first, empty
        days = [builder.day(1, meeting.start_date, [])]
    sessions = [entry.session for day in programme.days for entry in day.sessions]
    return Schedule(
        version=version_label(meeting),
        acronym=builder.acronym,
        title=meeting.title,
        start=meeting.start_date,
        end=meeting.end_date,
        time_zone_name=meeting.time_zone,
        timeslot_duration=_timeslot(sessions),
        base_url=absolute_url("/"),
        url=builder.programme_url,
        language=(get_language() or "en").split("-")[0],
        days=days,
    )
