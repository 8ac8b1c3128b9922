"""The programme as the editor reads it: every row of a meeting's sessions, agenda items, their
links, presentations (segments) and people, in five queries whatever the programme's size, and a
fingerprint of it that tells a page opened before someone else saved from a current one."""

import hashlib
from dataclasses import dataclass, field

from ..models import AgendaItem, Appearance, Meeting, Segment, Session


@dataclass
class StoredProgramme:
    meeting: Meeting
    sessions: dict[int, Session]
    items: dict[int, AgendaItem]
    item_sessions: dict[int, list[int]]
    segments: dict[int, Segment]
    appearances: dict[int, Appearance]
    segments_of_item: dict[int, list[Segment]] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        """Changes whenever a row of the programme does, whoever changed it and however."""
        rows = [
            *(
                ("s", s.pk, s.date, s.start_time, s.end_time, s.name, s.room)
                for s in self.sessions.values()
            ),
            *(
                ("i", i.pk, i.order, i.title, i.description, tuple(self.item_sessions[i.pk]))
                for i in self.items.values()
            ),
            *(
                ("g", g.pk, g.agenda_item_id, g.order, g.title, g.session_id)
                for g in self.segments.values()
            ),
            *(
                (
                    "a",
                    a.pk,
                    a.agenda_item_id,
                    a.segment_id,
                    a.person_id,
                    a.role,
                    a.affiliation,
                    a.order,
                )
                for a in self.appearances.values()
            ),
        ]
        return hashlib.sha256(repr(rows).encode()).hexdigest()


def load_programme(meeting: Meeting) -> StoredProgramme:
    sessions = {session.pk: session for session in meeting.sessions.chronological()}
    items = {item.pk: item for item in meeting.agenda_items.order_by("order", "pk")}
    item_sessions: dict[int, list[int]] = {pk: [] for pk in items}
    links = (
        AgendaItem.sessions.through.objects.filter(agendaitem__meeting=meeting)
        .order_by("session_id")
        .values_list("agendaitem_id", "session_id")
    )
    for item_id, session_id in links:
        item_sessions[item_id].append(session_id)
    segments = {}
    segments_of_item: dict[int, list[Segment]] = {pk: [] for pk in items}
    for segment in Segment.objects.filter(agenda_item__meeting=meeting).order_by("order", "pk"):
        # Known already: set, so that validating a row asks the database nothing more.
        segment.agenda_item = items[segment.agenda_item_id]
        segment.session = sessions.get(segment.session_id) if segment.session_id else None
        segments[segment.pk] = segment
        segments_of_item[segment.agenda_item_id].append(segment)
    appearances = {}
    for appearance in (
        Appearance.objects.filter(agenda_item__meeting=meeting)
        .select_related("person__honorific", "person__organization__parent")
        .order_by("order", "pk")
    ):
        appearance.agenda_item = items[appearance.agenda_item_id]
        appearance.segment = segments.get(appearance.segment_id) if appearance.segment_id else None
        appearances[appearance.pk] = appearance
    return StoredProgramme(
        meeting=meeting,
        sessions=sessions,
        items=items,
        item_sessions=item_sessions,
        segments=segments,
        appearances=appearances,
        segments_of_item=segments_of_item,
    )
