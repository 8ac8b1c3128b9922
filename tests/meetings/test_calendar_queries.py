"""The calendar files ask as many queries for 1,000 presentations as for 10, and are made once
per change: a second request is answered from the cache, and an edit released shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from meetings.models import Appearance, Meeting, Person, Role
from meetings.versions.services import programme_release
from tests.meetings.sized import meeting_with_presentations

pytestmark = pytest.mark.django_db


def programme_ics(meeting: Meeting) -> str:
    return reverse("meetings:programme_ics", kwargs={"slug": meeting.slug})


def session_ics(meeting: Meeting) -> str:
    session = meeting.sessions.chronological().first()
    return reverse("meetings:session_ics", kwargs={"slug": meeting.slug, "session_pk": session.pk})


def person_ics(person: Person) -> str:
    return reverse("meetings:person_ics", kwargs={"slug": person.slug})


def queries_of(client, url: str) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries), response.content


@pytest.mark.parametrize("url_of", [programme_ics, session_ics], ids=["programme", "session"])
def test_a_meetings_files_ask_no_more_queries_for_a_larger_meeting(
    client, url_of, django_assert_num_queries
):
    small = meeting_with_presentations(10)
    large = meeting_with_presentations(1000)
    count, content = queries_of(client, url_of(small))
    # The meeting with its latest version's number, that version's snapshot (read only when the
    # file is made), then all its versions.
    assert count <= 3
    url = url_of(large)
    with django_assert_num_queries(count):
        response = client.get(url)
    events = Calendar.from_ical(response.content).events
    expected = 6 if url_of is programme_ics else 1
    assert len(events) == len(Calendar.from_ical(content).events) == expected
    described = sum(event.description.count("• Ms. Speaker") for event in events)
    assert described == (1000 if url_of is programme_ics else 170)


def test_a_persons_file_asks_no_more_queries_for_more_sessions(client, django_assert_num_queries):
    small = meeting_with_presentations(10)
    one = Appearance.objects.filter(agenda_item__meeting=small, role=Role.SPEAKER).first().person
    count, content = queries_of(client, person_ics(one))
    assert len(Calendar.from_ical(content).events) == 1

    large = meeting_with_presentations(1000)
    everywhere = Person.objects.get(slug="sized-1000-speaker-0")
    Appearance.objects.filter(agenda_item__meeting=large).update(person=everywhere)
    programme_release(meeting=large, by=None)
    with django_assert_num_queries(count):
        response = client.get(person_ics(everywhere))
    assert len(Calendar.from_ical(response.content).events) == 6


def test_a_second_request_is_served_from_the_cache_until_a_release(client):
    meeting = meeting_with_presentations(10)
    session = meeting.sessions.chronological().first()
    for url in (programme_ics(meeting), session_ics(meeting)):
        made, content = queries_of(client, url)
        cached, again = queries_of(client, url)
        assert cached < made
        assert again == content
        etag = client.get(url)["ETag"]
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304

    session.name = "Opening session"
    session.save()
    programme_release(meeting=meeting, by=None)
    [event] = Calendar.from_ical(client.get(session_ics(meeting)).content).events
    assert event.summary == f"Opening session · {meeting.title}"
    assert event.sequence == 1
    first = Calendar.from_ical(client.get(programme_ics(meeting)).content).events[0]
    assert first.summary == event.summary


def test_a_persons_file_is_served_from_the_cache(client):
    meeting = meeting_with_presentations(10)
    person = Appearance.objects.filter(agenda_item__meeting=meeting).first().person
    made, content = queries_of(client, person_ics(person))
    cached, again = queries_of(client, person_ics(person))
    assert cached < made
    assert again == content
