import datetime

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from meetings.models import MeetingStatus, Objective, Role
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    MeetingFactory,
    PersonFactory,
    SegmentFactory,
    SeriesFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

HOME = reverse("meetings:home")


@pytest.fixture
def today(monkeypatch):
    day = datetime.date(2026, 11, 29)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)
    return day


def test_home_lists_upcoming_and_past_meetings_and_series(client, today):
    series = SeriesFactory(name="Coordination Meeting on International Migration")
    past = MeetingFactory(title="Tenth Coordination Meeting", series=series, edition=10)
    upcoming = MeetingFactory(
        title="Twenty-fifth Coordination Meeting",
        series=series,
        edition=25,
        start_date=datetime.date(2027, 2, 11),
        end_date=datetime.date(2027, 2, 12),
    )
    MeetingFactory(title="Secret draft", status=MeetingStatus.DRAFT, series=series, edition=26)
    page = client.get(HOME).content.decode()
    upcoming_section = page[
        page.index("Upcoming and current meetings") : page.index("Past meetings")
    ]
    past_section = page[page.index("Past meetings") : page.index("Meeting series")]
    assert upcoming.title in upcoming_section
    assert past.title not in upcoming_section
    assert past.title in past_section
    assert "9–10 February 2012" in past_section
    assert "Coordination Meeting on International Migration" in page
    assert "Secret draft" not in page


def test_home_query_count_does_not_grow_with_meetings(client, django_assert_num_queries, today):
    series = SeriesFactory()
    MeetingFactory(series=series, edition=1)
    # The page cache's version, then the page's own four.
    with django_assert_num_queries(5) as few:
        client.get(HOME)
    added = [MeetingFactory(series=series, edition=edition) for edition in range(2, 30)]
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(HOME)
    assert response.status_code == 200
    for meeting in added:
        assert f'href="{meeting.get_absolute_url()}"' in response.content.decode()


def test_series_page_lists_its_published_editions(client):
    series = SeriesFactory(name="Coordination Meeting on International Migration")
    MeetingFactory(title="Ninth", series=series, edition=9)
    MeetingFactory(title="Draft edition", series=series, edition=11, status=MeetingStatus.DRAFT)
    page = client.get(series.get_absolute_url()).content.decode()
    assert '<h1 dir="auto">Coordination Meeting on International Migration</h1>' in page
    assert "Ninth" in page
    assert "Draft edition" not in page


def test_series_with_only_drafts_is_a_404(client):
    series = SeriesFactory()
    MeetingFactory(series=series, status=MeetingStatus.DRAFT)
    assert client.get(series.get_absolute_url()).status_code == 404


def test_meeting_page_shows_its_facts_and_objectives(client):
    meeting = MeetingFactory(
        title="Tenth Coordination Meeting on International Migration",
        venue="United Nations Headquarters",
        city="New York",
        country="United States",
        description="First paragraph.\n\nSecond paragraph.",
        mandate="General Assembly resolution 58/208.",
        expected_outcome="A report of the Secretary-General.",
    )
    Objective.objects.create(meeting=meeting, order=2, text="Examine cooperation.")
    Objective.objects.create(meeting=meeting, order=1, text="Discuss contributions.")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert '<h1 dir="auto">Tenth Coordination Meeting on International Migration</h1>' in page
    # As a reader sees it: each part of the place isolated (bdi), none marked another language.
    assert "9–10 February 2012 · United Nations Headquarters, New York, United States" in (
        strip_tags(page)
    )
    assert (
        "<bdi>United Nations Headquarters</bdi>, <bdi>New York</bdi>, <bdi>United States</bdi>"
        in page
    )
    assert "<p>First paragraph.</p>\n\n<p>Second paragraph.</p>" in page
    assert page.index("Discuss contributions.") < page.index("Examine cooperation.")
    assert "General Assembly resolution 58/208." in page
    assert "A report of the Secretary-General." in page
    assert reverse("meetings:programme", kwargs={"slug": meeting.slug}) in page


def test_text_is_escaped_everywhere(client):
    meeting = MeetingFactory(title="<script>alert(1)</script>")
    item = AgendaItemFactory(meeting=meeting, title="<b>bold</b>")
    item.sessions.add(SessionFactory(meeting=meeting))
    person = PersonFactory(family_name="<img src=x onerror=alert(1)>")
    AppearanceFactory(agenda_item=item, person=person)
    for url in (
        meeting.get_absolute_url(),
        reverse("meetings:programme", kwargs={"slug": meeting.slug}),
        person.get_absolute_url(),
    ):
        page = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "<img src=x" not in page
        assert "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_person_page_lists_what_they_speak_at_and_moderate(client):
    meeting = MeetingFactory(title="Tenth Coordination Meeting")
    opening = AgendaItemFactory(meeting=meeting, order=1, title="Opening of the meeting")
    debate = AgendaItemFactory(meeting=meeting, order=2, title="The High-level Dialogue")
    person = PersonFactory(given_name="François", family_name="Crépeau")
    AppearanceFactory(agenda_item=opening, person=person, affiliation="Special Rapporteur")
    segment = SegmentFactory(agenda_item=debate, title="A human rights perspective")
    AppearanceFactory(agenda_item=debate, segment=segment, person=person, role=Role.MODERATOR)
    draft_item = AgendaItemFactory(
        meeting=MeetingFactory(status=MeetingStatus.DRAFT, title="Hidden")
    )
    AppearanceFactory(agenda_item=draft_item, person=person)
    page = client.get(person.get_absolute_url()).content.decode()
    assert '<h1 dir="auto">François Crépeau</h1>' in page
    assert 'item <bdi dir="ltr">I.</bdi> <bdi>Opening of the meeting</bdi>' in page
    assert 'item <bdi dir="ltr">II.</bdi> <bdi>The High-level Dialogue</bdi>' in page
    assert "A human rights perspective" in page
    assert "Moderator" in page
    assert "as <bdi>Special Rapporteur</bdi>" in page
    assert "Hidden" not in page


def test_person_only_in_draft_meetings_has_no_public_page(client):
    person = PersonFactory()
    AppearanceFactory(
        agenda_item=AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.DRAFT)),
        person=person,
    )
    assert client.get(person.get_absolute_url()).status_code == 404
    assert client.get(PersonFactory().get_absolute_url()).status_code == 404


def test_person_page_query_count_does_not_grow(client, django_assert_num_queries):
    person = PersonFactory()
    AppearanceFactory(person=person)
    # The page cache's version; the person, their appearances, those items' sessions, and the
    # meetings with their versions.
    with django_assert_num_queries(5) as few:
        client.get(person.get_absolute_url())
    added = [AppearanceFactory(person=person) for _ in range(20)]
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    for appearance in added:
        assert appearance.agenda_item.title in response.content.decode()


def test_unscheduled_items_are_listed_apart(client):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, title="Any other business")
    page = client.get(reverse("meetings:programme", kwargs={"slug": meeting.slug})).content.decode()
    assert "Not yet scheduled" in page
    numeral = '<span class="numeral"><bdi dir="ltr">I.</bdi></span>'
    assert f"{numeral} <bdi>Any other business</bdi>" in page


def test_pages_carry_a_strict_content_security_policy(client):
    meeting = MeetingFactory()
    response = client.get(meeting.get_absolute_url())
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_unknown_address_gets_a_helpful_404_page(client):
    response = client.get("/meetings/no-such-meeting/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()
