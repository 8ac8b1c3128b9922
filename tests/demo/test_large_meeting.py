import io

import pytest
from django.core.management import call_command

from meetings.models import Appearance, Meeting, Person, Role, Segment, Session
from papers.models import Document, DocumentStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def large() -> Meeting:
    out = io.StringIO()
    call_command("load_large_meeting", stdout=out)
    assert out.getvalue() == "Global Conference on Migration Data: /meetings/large-meeting/\n"
    return Meeting.objects.get(slug="large-meeting")


def test_large_meeting_has_five_days_of_three_parallel_sessions(large):
    sessions = Session.objects.filter(meeting=large)
    assert (large.start_date.isoformat(), large.end_date.isoformat()) == (
        "2027-03-08",
        "2027-03-12",
    )
    assert large.status == "published"
    assert sessions.count() == 30
    assert sorted(set(sessions.values_list("room", flat=True))) == [
        "Conference Room 1",
        "Conference Room 2",
        "Conference Room 3",
    ]
    assert sessions.filter(date=large.start_date, start_time="09:30").count() == 3


def test_large_meeting_has_300_presentations_by_260_people(large):
    appearances = Appearance.objects.filter(agenda_item__meeting=large)
    people = Person.objects.filter(appearances__agenda_item__meeting=large).distinct()
    assert Segment.objects.filter(agenda_item__meeting=large).count() == 300
    assert appearances.filter(role=Role.SPEAKER).count() == 300
    assert appearances.filter(role=Role.MODERATOR).count() == 60
    assert people.count() == 260
    assert people.filter(organization__isnull=False, honorific__isnull=False).count() == 260
    assert people.filter(family_name="Åkerman", given_name="Amélie").exists()
    assert Person.objects.get(given_name="Amélie", family_name="Åkerman").name_key == (
        "akerman amelie"
    )


def test_large_meeting_programme_is_released_and_shows_every_presentation(client, large):
    response = client.get("/meetings/large-meeting/programme/")
    page = response.content.decode()
    assert response.status_code == 200
    assert large.programme_versions.count() == 1
    assert "evidence from case study 1<" in page
    assert "evidence from case study 300<" in page
    assert "Åkerman" in page


def test_large_meeting_has_200_published_papers_to_download(client, large):
    documents = Document.objects.filter(meeting=large, status=DocumentStatus.PUBLISHED)
    assert documents.filter(versions__is_public=True).distinct().count() == 200
    version = documents.order_by("pk").first().public_version
    response = client.get(version.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_loading_the_large_meeting_twice_changes_nothing(large):
    call_command("load_large_meeting", stdout=io.StringIO())
    assert Meeting.objects.filter(slug="large-meeting").count() == 1
    assert Document.objects.filter(meeting=large).count() == 200
