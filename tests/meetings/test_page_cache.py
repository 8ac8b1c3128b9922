"""The public page cache (meetings/pagecache.py): a hit comes from the cache in at most two
queries, conditional requests get a 304, and nobody logged in is ever served or stored."""

import datetime
from unittest import mock

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date

from meetings import views
from meetings.models import MeetingStatus, Role
from meetings.pagecache import PageVersion, page_key
from meetings.versions.services import programme_release
from papers.models import DocumentCategory, DocumentStatus
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    DocumentFactory,
    HonorificFactory,
    MeetingFactory,
    MembershipFactory,
    NominationFactory,
    ObjectiveFactory,
    OrganizationFactory,
    PersonFactory,
    RegistrationFactory,
    SecretariatFactory,
    SegmentFactory,
    SeriesFactory,
    SessionFactory,
    VersionFactory,
)

pytestmark = pytest.mark.django_db


class World:
    """A published meeting with everything its public pages show: series, objective, session,
    item, presentation, a speaker (honorific, organization), a released programme, a published
    document and a published list of participants with one accepted delegate."""

    def __init__(self) -> None:
        self.series = SeriesFactory(name="Coordination Meeting on Migration", slug="coordination")
        self.organizer = OrganizationFactory(name="Population Division", acronym="UNPD")
        self.meeting = MeetingFactory(
            title="Tenth Coordination Meeting",
            slug="tenth",
            series=self.series,
            edition=10,
            organizer=self.organizer,
        )
        self.objective = ObjectiveFactory(meeting=self.meeting, text="Review the trends")
        self.session = SessionFactory(meeting=self.meeting, name="Opening session")
        self.item = AgendaItemFactory(meeting=self.meeting, title="Trends in migration")
        self.item.sessions.add(self.session)
        self.segment = SegmentFactory(
            agenda_item=self.item, session=self.session, title="Global figures"
        )
        self.honorific = HonorificFactory(name="Amb.")
        self.speaker_org = OrganizationFactory(name="Migration Institute", acronym="MI")
        self.person = PersonFactory(
            given_name="Bela",
            family_name="Hovy",
            slug="bela-hovy",
            honorific=self.honorific,
            organization=self.speaker_org,
        )
        self.appearance = AppearanceFactory(
            agenda_item=self.item, segment=self.segment, person=self.person, role=Role.SPEAKER
        )
        self.category = DocumentCategory.objects.get(slug="contributed-papers")
        self.document = DocumentFactory(
            meeting=self.meeting,
            title="Migration and development",
            organization=self.speaker_org,
            status=DocumentStatus.PUBLISHED,
        )
        self.version = VersionFactory(document=self.document)
        self.registration = RegistrationFactory(meeting=self.meeting, list_published=True)
        self.delegation = OrganizationFactory(name="Ministry of Foreign Affairs", kind="government")
        self.nomination = NominationFactory(
            meeting=self.meeting,
            organization=self.delegation,
            given_name="Ana",
            family_name="Delegada",
            position="Counsellor",
        )
        self.staff = SecretariatFactory(email="secretariat@un.example")
        self.release()

    def release(self) -> None:
        programme_release(meeting=self.meeting, by=self.staff)

    @property
    def urls(self) -> dict[str, str]:
        slug = self.meeting.slug
        return {
            "home": reverse("meetings:home"),
            "series": reverse("meetings:series_detail", args=[self.series.slug]),
            "meeting": reverse("meetings:meeting_detail", args=[slug]),
            "programme": reverse("meetings:programme", args=[slug]),
            "changes": reverse("meetings:programme_changes", args=[slug]),
            "person": reverse("meetings:person_detail", args=[self.person.slug]),
            "document": reverse("papers:document_detail", args=[self.document.pk]),
            "participants": reverse("participants:list", args=[slug]),
        }


def read(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def warm(client, world: World) -> dict[str, str]:
    """Every page read once by an anonymous reader, so the cache holds it."""
    return {name: read(client, url) for name, url in world.urls.items()}


@pytest.fixture
def world() -> World:
    return World()


def test_every_page_is_answered_from_the_cache_in_at_most_two_queries(
    client, world, django_assert_max_num_queries
):
    first = warm(client, world)
    for name, url in world.urls.items():
        with django_assert_max_num_queries(1, info=name):
            again = read(client, url)
        assert again == first[name], name


def test_a_hit_does_not_call_the_view(client, world):
    url = world.urls["meeting"]
    first = read(client, url)
    with mock.patch.object(
        views.MeetingDetailView, "get_context_data", side_effect=AssertionError("rendered")
    ):
        assert read(client, url) == first


def test_a_miss_costs_the_version_query_and_the_page_s_own(
    client, world, settings, django_assert_max_num_queries, django_assert_num_queries
):
    settings.PUBLIC_PAGE_CACHE = False
    url = world.urls["meeting"]
    with django_assert_max_num_queries(20) as uncached:
        read(client, url)
    settings.PUBLIC_PAGE_CACHE = True
    with django_assert_num_queries(len(uncached.captured_queries) + 1):
        read(client, url)


def test_the_cached_page_is_the_same_as_the_uncached_one(client, world, settings):
    cached = warm(client, world)
    settings.PUBLIC_PAGE_CACHE = False
    for name, url in world.urls.items():
        assert read(client, url) == cached[name], name


def test_an_etag_answers_304_on_every_page(client, world):
    for name, url in world.urls.items():
        first = client.get(url)
        assert first.headers["ETag"].startswith('"'), name
        assert first.headers["Cache-Control"] == "public, no-cache", name
        assert "Cookie" in first.headers["Vary"], name
        again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304, name
        assert again.content == b""
        assert again.headers["ETag"] == first.headers["ETag"]


def test_the_etag_is_the_same_before_and_after_the_page_is_cached(client, world):
    url = world.urls["programme"]
    assert client.get(url).headers["ETag"] == client.get(url).headers["ETag"]


def venue_midnight(meeting, now: datetime.datetime) -> datetime.datetime:
    return datetime.datetime.combine(meeting.local_today(now), datetime.time(), tzinfo=meeting.zone)


def test_a_meeting_s_pages_carry_its_last_change(client, world):
    world.meeting.refresh_from_db()
    changed = max(world.meeting.content_changed_at, venue_midnight(world.meeting, timezone.now()))
    stamp = http_date(int(changed.timestamp()))
    earlier = http_date(int(changed.timestamp()) - 60)
    for name in ("meeting", "programme", "changes", "document", "participants"):
        response = client.get(world.urls[name])
        assert response.headers["Last-Modified"] == stamp, name
        again = client.get(world.urls[name], headers={"If-Modified-Since": stamp})
        assert again.status_code == 304, name
        assert (
            client.get(world.urls[name], headers={"If-Modified-Since": earlier}).status_code == 200
        )


def test_site_wide_pages_carry_only_an_etag(client, world):
    for name in ("home", "series", "person"):
        response = client.get(world.urls[name])
        assert "ETag" in response.headers, name
        assert "Last-Modified" not in response.headers, name


def test_an_old_etag_gets_the_new_page_after_an_edit(client, world):
    url = world.urls["meeting"]
    etag = client.get(url).headers["ETag"]
    world.meeting.title = "Eleventh Coordination Meeting"
    world.meeting.save()
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert "Eleventh Coordination Meeting" in response.content.decode()
    assert response.headers["ETag"] != etag


def test_a_logged_in_focal_point_is_never_served_nor_stored(client, world):
    focal = MembershipFactory(organization=world.speaker_org, user__email="focal@mi.example").user
    client.force_login(focal)
    for name, url in world.urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert "My submissions" in response.content.decode(), name
        assert response.headers["Cache-Control"] == "private, no-store", name
        assert "ETag" not in response.headers, name
    client.logout()
    for name, url in world.urls.items():
        page = read(client, url)
        assert "My submissions" not in page, name
        assert "Log in" in page, name


def test_staff_are_never_served_a_cached_page(client, world):
    anonymous = warm(client, world)
    client.force_login(world.staff)
    for name, url in world.urls.items():
        page = read(client, url)
        assert "Back office" in page, name
        assert page != anonymous[name], name


def test_a_staff_preview_of_a_draft_is_never_stored(client, world):
    world.meeting.status = MeetingStatus.DRAFT
    world.meeting.save()
    client.force_login(world.staff)
    for name in ("meeting", "programme", "changes"):
        page = read(client, world.urls[name])
        assert "Draft: not public" in page, name
    client.logout()
    for name in ("meeting", "programme", "changes", "participants", "document"):
        assert client.get(world.urls[name]).status_code == 404, name


def test_a_draft_is_a_404_for_the_public_even_once_warmed(client, world):
    warm(client, world)
    world.meeting.status = MeetingStatus.DRAFT
    world.meeting.save()
    for name in ("meeting", "programme", "changes", "participants", "document", "person"):
        assert client.get(world.urls[name]).status_code == 404, name
    assert world.meeting.title not in read(client, world.urls["home"])


def test_a_reader_with_a_message_waiting_is_not_served_from_the_cache(client, world):
    url = world.urls["meeting"]
    read(client, url)
    client.cookies["messages"] = "anything"
    with (
        mock.patch.object(
            views.MeetingDetailView, "get_context_data", side_effect=AssertionError("rendered")
        ),
        pytest.raises(AssertionError, match="rendered"),
    ):
        client.get(url)


def test_the_setting_off_renders_every_time(client, world, settings):
    settings.PUBLIC_PAGE_CACHE = False
    url = world.urls["meeting"]
    read(client, url)
    response = client.get(url)
    assert "ETag" not in response.headers
    with (
        mock.patch.object(
            views.MeetingDetailView, "get_context_data", side_effect=AssertionError("rendered")
        ),
        pytest.raises(AssertionError, match="rendered"),
    ):
        client.get(url)


def test_a_404_is_not_stored(client, world):
    url = reverse("meetings:meeting_detail", args=["nowhere"])
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404


def test_two_languages_never_share_an_entry():
    request = RequestFactory().get("/meetings/tenth/", {"b": "2", "a": "1"})
    version = PageVersion(key="meeting:1:x")
    with translation.override("en"):
        english = page_key(request, version)
    with translation.override("fr"):
        french = page_key(request, version)
    assert english != french
    reordered = RequestFactory().get("/meetings/tenth/?a=1&b=2")
    with translation.override("en"):
        assert page_key(reordered, version) == english
    other = RequestFactory().get("/meetings/tenth/", {"a": "2"})
    with translation.override("en"):
        assert page_key(other, version) != english


def test_the_query_string_is_part_of_the_key(client, world):
    url = world.urls["meeting"]
    read(client, url)
    with (
        mock.patch.object(
            views.MeetingDetailView, "get_context_data", side_effect=AssertionError("rendered")
        ),
        pytest.raises(AssertionError, match="rendered"),
    ):
        client.get(url + "?utm_source=mail")


def test_a_new_day_at_the_venue_is_a_new_version(client, world, monkeypatch):
    """Registration opens and closes with the venue's days: the meeting page follows the date,
    and its Last-Modified is at least that day's start at the venue."""
    url = world.urls["meeting"]
    first = client.get(url)
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: tomorrow)
    response = client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert response.status_code == 200
    assert response.headers["ETag"] != first.headers["ETag"]
    midnight = venue_midnight(world.meeting, tomorrow)
    assert response.headers["Last-Modified"] == http_date(int(midnight.timestamp()))


def test_head_is_answered_like_get(client, world):
    url = world.urls["programme"]
    get = client.get(url)
    head = client.head(url)
    assert head.status_code == 200
    assert head.headers["ETag"] == get.headers["ETag"]


def test_a_post_is_never_answered_from_the_cache(client, world):
    url = world.urls["participants"]
    read(client, url)
    assert client.post(url).status_code == 405
