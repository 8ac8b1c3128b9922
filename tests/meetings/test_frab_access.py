"""Who gets the conference-app schedules, how they are answered and cached, and what they cost."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree

from meetings.exports import frab
from meetings.models import AgendaItem, Meeting, MeetingStatus
from meetings.versions.services import programme_release
from tests.conftest import SITE_URL
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    SecretariatFactory,
    SessionFactory,
)
from tests.meetings.sized import meeting_with_presentations

pytestmark = pytest.mark.django_db

NAMES = ("meetings:schedule_xml", "meetings:schedule_json")


def url(name: str, meeting: Meeting) -> str:
    return reverse(name, kwargs={"slug": meeting.slug})


@pytest.fixture
def organizer():
    return OrganizationFactory()


def published_and_draft(organizer) -> tuple[Meeting, Meeting]:
    meetings = []
    for status in (MeetingStatus.PUBLISHED, MeetingStatus.DRAFT):
        meeting = MeetingFactory(status=status, organizer=organizer)
        AgendaItemFactory(meeting=meeting).sessions.add(SessionFactory(meeting=meeting))
        programme_release(meeting=meeting, by=None)
        meetings.append(Meeting.objects.get(pk=meeting.pk))
    return meetings[0], meetings[1]


def visitors(organizer) -> dict:
    return {
        "anonymous": None,
        "another organization": MembershipFactory().user,
        "the organizer's member": MembershipFactory(organization=organizer).user,
        "secretariat staff": SecretariatFactory(),
    }


def test_the_files_have_their_type_and_name(client, organizer):
    published, _draft = published_and_draft(organizer)
    xml = client.get(url("meetings:schedule_xml", published))
    assert xml.status_code == 200
    assert xml["Content-Type"] == "application/xml; charset=utf-8"
    assert xml["Content-Disposition"] == f'inline; filename="{published.slug}-schedule.xml"'
    assert etree.fromstring(xml.content).tag == "schedule"
    json_response = client.get(url("meetings:schedule_json", published))
    assert json_response["Content-Type"] == "application/json"
    assert json_response["Content-Disposition"] == (
        f'inline; filename="{published.slug}-schedule.json"'
    )
    assert json_response.json()["schedule"]["conference"]["title"] == published.title


def test_everyone_gets_the_same_schedule_and_no_one_a_drafts(client, organizer):
    published, draft = published_and_draft(organizer)
    for name in NAMES:
        anonymous = client.get(url(name, published)).content
        for who, user in visitors(organizer).items():
            client.logout()
            if user is not None:
                client.force_login(user)
            assert client.get(url(name, published)).content == anonymous, who
            assert client.get(url(name, draft)).status_code == 404, who
        client.logout()


def test_a_missing_meeting_is_not_found(client):
    for name in NAMES:
        assert client.get(reverse(name, kwargs={"slug": "no-such-meeting"})).status_code == 404


def test_links_come_from_the_sites_address_whatever_host_was_asked(client, organizer, settings):
    settings.ALLOWED_HOSTS = ["testserver", "mirror.example"]
    published, _draft = published_and_draft(organizer)
    for name in NAMES:
        first = client.get(url(name, published), HTTP_HOST="mirror.example").content
        assert b"mirror.example" not in first
        assert SITE_URL.encode() in first
        cache.clear()
        assert client.get(url(name, published)).content == first


def test_a_second_request_is_answered_from_the_cache(client, monkeypatch):
    meeting = MeetingFactory()  # published without a released version: the live programme
    AgendaItemFactory(meeting=meeting).sessions.add(SessionFactory(meeting=meeting))
    for name in NAMES:
        with CaptureQueriesContext(connection) as first:
            body = client.get(url(name, meeting)).content
        with CaptureQueriesContext(connection) as second:
            assert client.get(url(name, meeting)).content == body
        assert len(second.captured_queries) < len(first.captured_queries)
        assert len(second.captured_queries) == 1  # the meeting, with its latest version
    # From the cache indeed: the schedule is not built again.
    monkeypatch.setattr(frab, "public_programme", lambda meeting: pytest.fail("built again"))
    for name in NAMES:
        assert client.get(url(name, meeting)).status_code == 200


def test_a_cached_file_of_a_large_released_programme_does_not_read_its_snapshot(client):
    """A cache hit needs the version's number, not the programme: the snapshot of 1,000
    presentations is read when the file is made, never to answer from the cache."""
    meeting = meeting_with_presentations(1000)
    for name in NAMES:
        with CaptureQueriesContext(connection) as first:
            body = client.get(url(name, meeting)).content
        with CaptureQueriesContext(connection) as second:
            assert client.get(url(name, meeting)).content == body
        assert any('"snapshot"' in query["sql"] for query in first.captured_queries)
        assert len(second.captured_queries) == 1
        assert '"snapshot"' not in second.captured_queries[0]["sql"]


def test_an_edit_shows_once_released(client, organizer):
    published, _draft = published_and_draft(organizer)
    item = AgendaItem.objects.get(meeting=published)
    before = {name: client.get(url(name, published)).content for name in NAMES}
    item.title = "Retitled item"
    item.save()
    for name in NAMES:  # not released yet: the public schedule is the released one
        assert client.get(url(name, published)).content == before[name]
    programme_release(meeting=published, by=None)
    xml = client.get(url("meetings:schedule_xml", published)).content
    root = etree.fromstring(xml)
    assert root.findtext("version") == "Version 2"
    assert root.findtext("day/room/event/title") == "I. Retitled item"
    data = client.get(url("meetings:schedule_json", published)).json()
    (room,) = data["schedule"]["conference"]["days"][0]["rooms"].values()
    assert room[0]["title"] == "I. Retitled item"


def test_a_conditional_request_for_the_same_file_is_a_304(client, organizer):
    published, _draft = published_and_draft(organizer)
    for name in NAMES:
        response = client.get(url(name, published))
        assert response["ETag"]
        assert "public" in response["Cache-Control"]
        again = client.get(url(name, published), HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304
        assert again.content == b""
        other = client.get(url(name, published), HTTP_IF_NONE_MATCH='"something-else"')
        assert other.status_code == 200


@pytest.mark.parametrize("name", NAMES)
def test_the_query_count_does_not_grow_with_the_meeting(client, django_assert_num_queries, name):
    small = meeting_with_presentations(10)
    with CaptureQueriesContext(connection) as counted:
        assert client.get(url(name, small)).status_code == 200
    count = len(counted.captured_queries)
    assert count <= 2
    large = meeting_with_presentations(1000)
    with django_assert_num_queries(count):
        response = client.get(url(name, large))
    assert response.status_code == 200
    assert response.content.count(b"Talk 999") == 2  # in the abstract and the description
