"""A published meeting of a chosen size, with its programme released, for query-count tests of
the programme's exports (10 and 1,000 presentations ask the same number of queries).

Built with bulk_create, so that 1,000 presentations take a second, not a minute.
"""

import datetime

from meetings.models import (
    AgendaItem,
    Appearance,
    Honorific,
    Meeting,
    MeetingStatus,
    Person,
    Role,
    Segment,
    Session,
)
from meetings.versions.services import programme_release

PRESENTATIONS_PER_ITEM = 5


def meeting_with_presentations(count: int, *, slug: str = "") -> Meeting:
    """A three-day meeting, two sessions a day, with `count` presentations of one speaker each
    (five to an item, each item with a moderator), released as version 1."""
    slug = slug or f"sized-{count}"
    meeting = Meeting.objects.create(
        title=f"Meeting of {count} presentations",
        slug=slug,
        start_date=datetime.date(2013, 2, 11),
        end_date=datetime.date(2013, 2, 13),
        time_zone="America/New_York",
        city="New York",
        venue="United Nations Headquarters",
        status=MeetingStatus.PUBLISHED,
    )
    sessions = [
        Session.objects.create(
            meeting=meeting,
            date=meeting.start_date + datetime.timedelta(days=day),
            start_time=datetime.time(start),
            end_time=datetime.time(start + 3),
            name="Morning session" if start == 10 else "Afternoon session",
            room="Conference Room 2",
        )
        for day in range(3)
        for start in (10, 15)
    ]
    honorific, _created = Honorific.objects.get_or_create(name="Ms.")
    item_count = max(1, -(-count // PRESENTATIONS_PER_ITEM))
    items = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, order=number, title=f"Agenda item {number}")
        for number in range(1, item_count + 1)
    )
    links = AgendaItem.sessions.through
    links.objects.bulk_create(
        links(agendaitem_id=item.pk, session_id=sessions[index % len(sessions)].pk)
        for index, item in enumerate(items)
    )
    people = Person.objects.bulk_create(
        Person(
            honorific=honorific,
            given_name=f"Speaker{number}",
            family_name=f"Family{number}",
            slug=f"{slug}-speaker-{number}",
        )
        for number in range(count + item_count)
    )
    segments = Segment.objects.bulk_create(
        Segment(
            agenda_item=items[number // PRESENTATIONS_PER_ITEM],
            order=number,
            title=f"Talk {number}",
        )
        for number in range(count)
    )
    Appearance.objects.bulk_create(
        [
            *(
                Appearance(
                    agenda_item=segment.agenda_item,
                    segment=segment,
                    person=people[number],
                    role=Role.SPEAKER,
                    affiliation="International Organization for Migration",
                )
                for number, segment in enumerate(segments)
            ),
            *(
                Appearance(agenda_item=item, person=people[count + number], role=Role.MODERATOR)
                for number, item in enumerate(items)
            ),
        ]
    )
    programme_release(meeting=meeting, by=None, note="")
    meeting.refresh_from_db()
    return meeting
