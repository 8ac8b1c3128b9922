"""The "Organization of work": a meeting's days, sessions, agenda items and their people.

Built from five queries whatever the size of the meeting, then shaped in Python: numerals and
"(continued)" are derived here, never stored.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from .extensions import ItemLink
from .formatting import day_heading, join_names, roman
from .models import AgendaItem, Appearance, Meeting, Role, Segment, Session

# Anchors on the programme page (meetings/programme.html): stable across edits and versions, since
# they hold ids, not positions. A continued item's later appearances have their own.


def day_anchor(date: datetime.date) -> str:
    return f"day-{date.isoformat()}"


def session_anchor(session_pk: int) -> str:
    return f"session-{session_pk}"


def item_anchor(item_pk: int, continued_in_session_pk: int | None = None) -> str:
    if continued_in_session_pk is None:
        return f"item-{item_pk}"
    return f"item-{item_pk}-session-{continued_in_session_pk}"


def segment_anchor(segment_pk: int) -> str:
    return f"presentation-{segment_pk}"


@dataclass
class RoleGroup:
    """People sharing a role: shown as "Moderators: A and B"."""

    role: str
    appearances: list[Appearance]

    @property
    def heading(self) -> str:
        return Role.heading(self.role, len(self.appearances))

    @property
    def names(self) -> str:
        return join_names([appearance.label for appearance in self.appearances])


@dataclass
class PeopleBlock:
    presenters: list[Appearance] = field(default_factory=list)
    groups: list[RoleGroup] = field(default_factory=list)

    def add(self, appearance: Appearance) -> None:
        if appearance.role in Role.presenting():
            self.presenters.append(appearance)
            return
        for group in self.groups:
            if group.role == appearance.role:
                group.appearances.append(appearance)
                return
        self.groups.append(RoleGroup(appearance.role, [appearance]))

    @property
    def presenter_names(self) -> str:
        return join_names([appearance.label for appearance in self.presenters])


@dataclass
class SegmentEntry:
    segment: Segment
    people: PeopleBlock

    @property
    def anchor(self) -> str:
        return segment_anchor(self.segment.pk)


@dataclass
class ItemEntry:
    item: AgendaItem
    number: int
    continued: bool
    people: PeopleBlock | None = None
    segments: list[SegmentEntry] = field(default_factory=list)
    # The session it is shown in here (None: not yet scheduled).
    session_pk: int | None = None
    # What the apps above list under the item where it is first shown (meetings.extensions).
    links: list[ItemLink] = field(default_factory=list)

    @property
    def numeral(self) -> str:
        return roman(self.number)

    @property
    def anchor(self) -> str:
        return item_anchor(self.item.pk, self.session_pk if self.continued else None)

    @property
    def is_empty(self) -> bool:
        return not self.segments and not (
            self.people and (self.people.presenters or self.people.groups)
        )


@dataclass
class SessionEntry:
    session: Session
    items: list[ItemEntry] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return session_anchor(self.session.pk)


@dataclass
class Day:
    date: datetime.date
    sessions: list[SessionEntry] = field(default_factory=list)

    @cached_property
    def heading(self) -> str:
        """Formatted once: the page writes it in every session's label too."""
        return day_heading(self.date)

    @property
    def anchor(self) -> str:
        return day_anchor(self.date)


@dataclass
class Programme:
    days: list[Day]
    unscheduled: list[ItemEntry]

    @property
    def is_empty(self) -> bool:
        return not self.days and not self.unscheduled

    def entries(self) -> list[ItemEntry]:
        """Every item entry, in the page's order: continued ones again, unscheduled ones last."""
        shown = [i for day in self.days for session in day.sessions for i in session.items]
        return [*shown, *self.unscheduled]

    def add_item_links(self, links: dict[int, list[ItemLink]]) -> None:
        """Put each item's links (meetings.extensions.item_links_for) under its first showing."""
        for entry in self.entries():
            if not entry.continued:
                entry.links = links.get(entry.item.pk, [])


def build_programme(meeting: Meeting) -> Programme:
    sessions = list(meeting.sessions.chronological())
    items = list(meeting.agenda_items.order_by("order", "pk"))
    links = AgendaItem.sessions.through.objects.filter(agendaitem__meeting=meeting).values_list(
        "agendaitem_id", "session_id"
    )
    segments = list(Segment.objects.filter(agenda_item__meeting=meeting).order_by("order", "pk"))
    appearances = list(
        Appearance.objects.filter(agenda_item__meeting=meeting)
        .with_people()
        .order_by("order", "pk")
    )

    session_ids_of_item: dict[int, set[int]] = {item.pk: set() for item in items}
    for item_id, session_id in links:
        session_ids_of_item[item_id].add(session_id)
    for segment in segments:
        if segment.session_id:
            session_ids_of_item[segment.agenda_item_id].add(segment.session_id)

    item_people = {item.pk: PeopleBlock() for item in items}
    segment_people = {segment.pk: PeopleBlock() for segment in segments}
    for appearance in appearances:
        if appearance.segment_id:
            segment_people[appearance.segment_id].add(appearance)
        else:
            item_people[appearance.agenda_item_id].add(appearance)

    session_position = {session.pk: index for index, session in enumerate(sessions)}
    first_session_of_item = {
        item_id: min(ids, key=session_position.__getitem__)
        for item_id, ids in session_ids_of_item.items()
        if ids
    }
    segments_by_place: dict[tuple[int, int | None], list[SegmentEntry]] = {}
    for segment in segments:
        item_id = segment.agenda_item_id
        place = segment.session_id or first_session_of_item.get(item_id)
        segment_entry = SegmentEntry(segment, segment_people[segment.pk])
        segments_by_place.setdefault((item_id, place), []).append(segment_entry)

    numbers = {item.pk: index for index, item in enumerate(items, start=1)}

    def entry(item: AgendaItem, session_id: int | None) -> ItemEntry:
        first = first_session_of_item.get(item.pk)
        is_first = session_id == first
        return ItemEntry(
            item=item,
            number=numbers[item.pk],
            continued=not is_first,
            people=item_people[item.pk] if is_first else None,
            segments=segments_by_place.get((item.pk, session_id), []),
            session_pk=session_id,
        )

    days: list[Day] = []
    for session in sessions:
        if not days or days[-1].date != session.date:
            days.append(Day(session.date))
        session_entry = SessionEntry(session)
        for item in items:
            if session.pk in session_ids_of_item[item.pk]:
                session_entry.items.append(entry(item, session.pk))
        days[-1].sessions.append(session_entry)

    unscheduled = [entry(item, None) for item in items if not session_ids_of_item[item.pk]]
    return Programme(days=days, unscheduled=unscheduled)
