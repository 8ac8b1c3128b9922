import datetime

import pytest
from django.urls import reverse

from meetings.models import MeetingStatus, Role
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    HonorificFactory,
    MeetingFactory,
    PersonFactory,
    SegmentFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def programme_url(meeting):
    return reverse("meetings:programme", kwargs={"slug": meeting.slug})


def make_meeting(presentations: int):
    """A two-day meeting with four sessions, seven items and `presentations` speakers."""
    meeting = MeetingFactory(
        start_date=datetime.date(2030, 3, 4), end_date=datetime.date(2030, 3, 5)
    )
    sessions = [
        SessionFactory(meeting=meeting, date=day, start_time=start, end_time=end)
        for day in (meeting.start_date, meeting.end_date)
        for start, end in (
            (datetime.time(10), datetime.time(13)),
            (datetime.time(15), datetime.time(18)),
        )
    ]
    items = [AgendaItemFactory(meeting=meeting, order=n) for n in range(1, 8)]
    for index, item in enumerate(items):
        item.sessions.add(sessions[index % len(sessions)])
    items[4].sessions.add(sessions[-1])
    honorific = HonorificFactory(name="Dr.")
    for n in range(presentations):
        item = items[n % len(items)]
        segment = SegmentFactory(agenda_item=item, order=n)
        AppearanceFactory(
            agenda_item=item,
            segment=segment,
            person=PersonFactory(honorific=honorific),
        )
        if n % 10 == 0:
            AppearanceFactory(agenda_item=item, segment=segment, role=Role.MODERATOR)
    return meeting


def test_programme_query_count_does_not_grow_with_presentations(client, django_assert_num_queries):
    small, large = make_meeting(10), make_meeting(1000)
    # The programme's own six, the documents under its items (their authors too when there are
    # some), and the meeting's registration (for the "Participants" tab); and first the page
    # cache's version.
    with django_assert_num_queries(9) as small_queries:
        small_page = client.get(programme_url(small))
    with django_assert_num_queries(len(small_queries.captured_queries)):
        large_page = client.get(programme_url(large))
    assert small_page.status_code == large_page.status_code == 200
    assert large_page.content.decode().count('class="presentation-title"') == 1000


def test_programme_numbers_items_and_marks_later_sessions_continued(client):
    meeting = make_meeting(0)
    page = client.get(programme_url(meeting)).content.decode()
    assert '<span class="numeral"><bdi dir="ltr">VII.</bdi></span>' in page
    # Item V runs in the first session of day two and again in the last session.
    assert page.count("(continued)") == 1
    assert page.index("Monday, 4 March 2030") < page.index("Tuesday, 5 March 2030")
    assert "10.00 – 13.00" in page


def test_draft_meeting_is_a_404_for_everyone_public(client):
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)
    assert client.get(programme_url(meeting)).status_code == 404
    assert client.get(meeting.get_absolute_url()).status_code == 404
