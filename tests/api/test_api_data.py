"""Each endpoint read back as JSON, checked against its own schema and compared with the
database: what is published, and nothing else."""

import datetime
import zoneinfo

import pytest
from django.urls import NoReverseMatch, reverse
from lxml import html

from accounts.models import Organization
from meetings.formatting import roman
from meetings.models import (
    AgendaItem,
    Appearance,
    Meeting,
    MeetingStatus,
    Person,
    ProgrammeVersion,
    Session,
)
from meetings.programme import build_programme
from meetings.versions.services import programme_release
from meetings.versions.snapshot import snapshot_of
from papers.models import DocumentStatus
from participants.models import Registration
from tests.conftest import SITE_URL
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    DocumentFactory,
    MeetingFactory,
    OrganizationFactory,
    PersonFactory,
    SegmentFactory,
    SeriesFactory,
    SessionFactory,
    VersionFactory,
)

pytestmark = pytest.mark.django_db


def people_in(body: dict) -> list[dict]:
    items = [i for d in body["days"] for s in d["sessions"] for i in s["items"]]
    items += body["unscheduled"]
    found = []
    for item in items:
        found += item["people"]
        for segment in item["segments"]:
            found += segment["people"]
    return found


def test_meetings_list_holds_the_published_meetings_only(api, conforms, tenth):
    draft = MeetingFactory(status=MeetingStatus.DRAFT, slug="draft-meeting")
    body = api("/api/v1/meetings/")
    conforms("/api/v1/meetings/", body)
    published = Meeting.objects.published().order_by("-start_date")
    assert [m["slug"] for m in body["results"]] == [m.slug for m in published]
    assert body["count"] == published.count() == 2
    assert draft.slug not in {m["slug"] for m in body["results"]}


def test_meeting_detail_says_what_the_database_holds(api, conforms, tenth):
    body = api(f"/api/v1/meetings/{tenth.slug}/")
    conforms("/api/v1/meetings/{slug}/", body)
    assert body["title"] == tenth.title
    assert (body["start_date"], body["end_date"]) == ("2012-02-09", "2012-02-10")
    assert body["time_zone"] == "America/New_York"
    assert body["utc_offset"] == "UTC−05:00"
    assert (body["venue"], body["city"], body["country"]) == (
        tenth.venue,
        tenth.city,
        tenth.country,
    )
    assert body["series"]["slug"] == tenth.series.slug
    assert body["edition"] == tenth.edition
    assert body["organizer"]["name"] == tenth.organizer.name
    assert body["organizer"]["url"] == f"{SITE_URL}/api/v1/organizations/{tenth.organizer_id}/"
    assert body["objectives"] == [o.text for o in tenth.objectives.order_by("order", "pk")]
    assert (body["mandate"], body["expected_outcome"]) == (tenth.mandate, tenth.expected_outcome)
    assert body["page_url"] == f"{SITE_URL}/meetings/{tenth.slug}/"
    assert body["programme_url"] == f"{SITE_URL}/meetings/{tenth.slug}/programme/"
    latest = ProgrammeVersion.objects.filter(meeting=tenth).order_by("-number").first()
    assert body["programme_version"]["number"] == latest.number == 2
    assert body["programme_version"]["published_at"] == latest.published_at.isoformat()
    assert body["api"]["programme"] == f"{SITE_URL}/api/v1/meetings/{tenth.slug}/programme/"


def test_meeting_exports_are_linked_only_where_their_address_exists(api, tenth):
    exports = api(f"/api/v1/meetings/{tenth.slug}/")["exports"]
    names = {
        "calendar": "meetings:programme_ics",
        "schedule_xml": "meetings:schedule_xml",
        "schedule_json": "meetings:schedule_json",
        "pdf": "meetings:programme_pdf",
    }
    for key, name in names.items():
        try:
            path = reverse(name, kwargs={"slug": tenth.slug})
        except NoReverseMatch:  # not built yet
            assert key not in exports
        else:
            assert exports[key] == SITE_URL + path


def test_programme_is_the_released_one_with_its_sessions_items_and_people(api, conforms, tenth):
    version = ProgrammeVersion.objects.filter(meeting=tenth).order_by("-number").first()
    assert snapshot_of(build_programme(tenth)) == version.snapshot  # the demo's live = released
    body = api(f"/api/v1/meetings/{tenth.slug}/programme/")
    conforms("/api/v1/meetings/{slug}/programme/", body)
    assert body["version"]["number"] == version.number

    zone = zoneinfo.ZoneInfo("America/New_York")
    sessions = [s for d in body["days"] for s in d["sessions"]]
    rows = list(Session.objects.filter(meeting=tenth).order_by("date", "start_time"))
    assert len(sessions) == len(rows) == 4
    for data, row in zip(sessions, rows, strict=True):
        assert data["date"] == row.date.isoformat()
        assert (data["start_time"], data["end_time"]) == (
            row.start_time.strftime("%H:%M"),
            row.end_time.strftime("%H:%M"),
        )
        start = datetime.datetime.fromisoformat(data["start"])
        assert start == datetime.datetime.combine(row.date, row.start_time, tzinfo=zone)
        assert start.utcoffset() == datetime.timedelta(hours=-5)
        assert data["uid"] == str(tenth.export_uid("session", row.pk))
        assert data["url"] == f"{SITE_URL}/meetings/{tenth.slug}/programme/#session-{row.pk}"
    assert [s["start_time"] for s in sessions] == ["10:00", "15:00", "10:00", "15:00"]

    items = AgendaItem.objects.filter(meeting=tenth).order_by("order", "pk")
    first_shown = {}
    for session in sessions:
        for item in session["items"]:
            first_shown.setdefault(item["title"], item)
    for number, item in enumerate(items, start=1):
        shown = first_shown[item.title]
        assert (shown["number"], shown["numeral"]) == (number, roman(number))
        assert shown["continued"] is False
        assert shown["url"].endswith(f"/programme/#item-{item.pk}")
        assert shown["uid"] == str(tenth.export_uid("item", item.pk))

    shown_people = {(p["slug"], p["role"], p["affiliation"]) for p in people_in(body)}
    in_db = {
        (a.person.slug, a.role, a.affiliation)
        for a in Appearance.objects.filter(agenda_item__meeting=tenth).select_related("person")
    }
    assert shown_people == in_db
    for person in people_in(body):
        assert person["url"] == f"{SITE_URL}/api/v1/people/{person['slug']}/"
        assert person["page_url"] == f"{SITE_URL}/people/{person['slug']}/"


def test_programme_marks_continued_items_and_withholds_erased_names(api, conforms):
    meeting = MeetingFactory(time_zone="Europe/Zurich")
    morning = SessionFactory(meeting=meeting)
    afternoon = SessionFactory(
        meeting=meeting, start_time=datetime.time(15), end_time=datetime.time(18)
    )
    item = AgendaItemFactory(meeting=meeting, title="Migration data")
    item.sessions.set([morning, afternoon])
    segment = SegmentFactory(agenda_item=item, title="Census rounds", session=afternoon)
    erased = PersonFactory(withheld_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    AppearanceFactory(agenda_item=item, segment=segment, person=erased)

    body = api(f"/api/v1/meetings/{meeting.slug}/programme/")
    conforms("/api/v1/meetings/{slug}/programme/", body)
    assert body["version"] is None  # never released: the live programme
    first, later = (s["items"][0] for s in body["days"][0]["sessions"])
    assert (first["continued"], later["continued"]) == (False, True)
    assert first["numeral"] == later["numeral"] == "I"
    assert later["url"].endswith(f"#item-{item.pk}-session-{afternoon.pk}")
    assert body["days"][0]["sessions"][0]["start"] == "2012-02-09T10:00:00+01:00"
    [person] = later["segments"][0]["people"]
    assert person == {
        "name": "Name withheld",
        "slug": None,
        "withheld": True,
        "role": "speaker",
        "role_label": "Speaker",
        "affiliation": person["affiliation"],
        "url": None,
        "page_url": None,
    }
    assert erased.family_name not in str(body)


def test_people_are_those_with_a_public_page(api, conforms, client, tenth):
    draft = MeetingFactory(status=MeetingStatus.DRAFT)
    only_in_draft = PersonFactory(family_name="Draftonly")
    AppearanceFactory(agenda_item=AgendaItemFactory(meeting=draft), person=only_in_draft)
    # Added to the Tenth after its release: not public until the next release.
    unreleased = PersonFactory(family_name="Unreleased")
    AppearanceFactory(agenda_item=tenth.agenda_items.first(), person=unreleased)

    body = api("/api/v1/people/?page_size=200")
    conforms("/api/v1/people/", body)
    slugs = [p["slug"] for p in body["results"]]
    for person in Person.objects.all():
        has_page = client.get(f"/people/{person.slug}/").status_code == 200
        assert (person.slug in slugs) == has_page, person.slug
    assert only_in_draft.slug not in slugs
    assert unreleased.slug not in slugs
    api(f"/api/v1/people/{only_in_draft.slug}/", status=404)
    api(f"/api/v1/people/{unreleased.slug}/", status=404)
    assert slugs == [p.slug for p in Person.objects.filter(slug__in=slugs).order_by("name_key")]


def test_person_detail_lists_their_released_appearances(api, conforms, tenth):
    person = Person.objects.get(slug="bela-hovy")
    body = api(f"/api/v1/people/{person.slug}/")
    conforms("/api/v1/people/{slug}/", body)
    assert body["name"] == person.display_name
    assert (body["given_name"], body["family_name"]) == (person.given_name, person.family_name)
    assert body["organization"]["id"] == person.organization_id
    assert body["page_url"] == f"{SITE_URL}/people/bela-hovy/"
    rows = Appearance.objects.filter(person=person, agenda_item__meeting__status="published")
    assert len(body["appearances"]) == rows.count() > 0
    for appearance in body["appearances"]:
        row = rows.get(agenda_item__title=appearance["item_title"], role=appearance["role"])
        assert appearance["meeting"]["slug"] == row.agenda_item.meeting.slug
        assert appearance["item_numeral"] == roman(appearance["item_number"])
        assert appearance["programme_url"].startswith(
            f"{SITE_URL}/meetings/{row.agenda_item.meeting.slug}/programme/#"
        )
    assert "email" not in body
    assert "bio" in body


def test_organizations_are_those_public_pages_name(api, conforms):
    parent = OrganizationFactory(name="Parent body", acronym="PB")
    organizer = OrganizationFactory(name="Organizer", parent=parent)
    draft_organizer = OrganizationFactory(name="Draft organizer")
    speaker_org = OrganizationFactory(name="Speaker's", website="https://speaker.example")
    author = OrganizationFactory(name="Author")
    unpublished_author = OrganizationFactory(name="Unpublished author")
    stranger = OrganizationFactory(name="Stranger")
    meeting = MeetingFactory(organizer=organizer)
    MeetingFactory(organizer=draft_organizer, status=MeetingStatus.DRAFT)
    AppearanceFactory(
        agenda_item=AgendaItemFactory(meeting=meeting),
        person=PersonFactory(organization=speaker_org),
    )
    DocumentFactory(meeting=meeting, organization=author, status=DocumentStatus.PUBLISHED)
    DocumentFactory(meeting=meeting, organization=unpublished_author)

    body = api("/api/v1/organizations/")
    conforms("/api/v1/organizations/", body)
    names = [o["name"] for o in body["results"]]
    assert names == ["Author", "Organizer", "Parent body", "Speaker's"]
    by_name = {o["name"]: o for o in body["results"]}
    assert by_name["Organizer"]["parent"]["id"] == parent.pk
    assert by_name["Speaker's"]["website"] == "https://speaker.example"
    assert by_name["Author"]["website"] is None
    for hidden in (draft_organizer, unpublished_author, stranger):
        api(f"/api/v1/organizations/{hidden.pk}/", status=404)
    detail = api(f"/api/v1/organizations/{organizer.pk}/")
    conforms("/api/v1/organizations/{id}/", detail)
    assert detail == by_name["Organizer"]
    assert set(detail) == {
        "id", "name", "acronym", "url", "label", "kind", "kind_label", "country", "parent",
        "website", "logo_url",
    }  # fmt: skip
    assert Organization.objects.count() == 7


def test_documents_are_the_published_ones_with_their_download_address(api, conforms, client):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, title="Data")
    programme_release(meeting=meeting, by=None)
    published = DocumentFactory(
        meeting=meeting, status=DocumentStatus.PUBLISHED, agenda_item=item, symbol="A/67/254"
    )
    version = VersionFactory(document=published)
    DocumentFactory(meeting=meeting, title="Still in review")
    VersionFactory(document=DocumentFactory(meeting=meeting, status=DocumentStatus.RETURNED))

    body = api(f"/api/v1/meetings/{meeting.slug}/documents/")
    conforms("/api/v1/meetings/{slug}/documents/", body)
    assert body["count"] == 1
    [document] = body["results"]
    assert (document["id"], document["title"]) == (published.pk, published.title)
    assert document["symbol"] == "A/67/254"
    assert document["symbol_url"] == "https://docs.un.org/en/A/67/254"
    assert document["category"]["slug"] == "contributed-papers"
    assert document["language"] == "en"
    assert document["organization"]["id"] == published.organization_id
    assert document["agenda_item"] == {"number": 1, "numeral": "I", "title": "Data"}
    version.refresh_from_db()
    path = f"/documents/{published.pk}/versions/{version.number}/download/"
    assert document["file"]["download_url"] == SITE_URL + path
    assert document["file"]["size"] == version.size
    assert document["file"]["sha256"] == version.sha256
    download = client.get(path)
    assert download.status_code == 200  # anyone may download it
    assert b"".join(download.streaming_content)[:5] == b"%PDF-"
    download.close()
    assert document["page_url"] == f"{SITE_URL}/documents/{published.pk}/"


def test_participants_are_what_the_public_list_shows(api, conforms, client, tenth):
    body = api(f"/api/v1/meetings/{tenth.slug}/participants/")
    conforms("/api/v1/meetings/{slug}/participants/", body)
    page = html.fromstring(client.get(f"/meetings/{tenth.slug}/participants/").content)
    lines = [
        " ".join(li.text_content().split())
        for li in page.xpath("//ul[contains(@class, 'participants-lines')]/li")
    ]
    shown = []
    for group in body["groups"]:
        for part in group["parts"]:
            for entry in part["entries"]:
                for line in entry["participants"]:
                    assert set(line) == {"honorific", "name", "position", "affiliation"}
                    name = f"{line['honorific']} {line['name']}".strip()
                    text = ", ".join(p for p in (name, line["position"], line["affiliation"]) if p)
                    shown.append(text)
    assert shown == lines
    assert body["count"] == len(lines) > 0
    headings = [" ".join(h.text_content().split()) for h in page.xpath("//section/h2")]
    assert [g["heading"] for g in body["groups"]] == headings


def test_participants_are_a_404_until_the_list_is_published(api, tenth):
    Registration.objects.filter(meeting=tenth).update(list_published=False)
    api(f"/api/v1/meetings/{tenth.slug}/participants/", status=404)
    api(f"/api/v1/meetings/{MeetingFactory().slug}/participants/", status=404)


def test_a_draft_meeting_is_absent_everywhere(api, tenth):
    tenth.status = MeetingStatus.DRAFT
    tenth.save()
    for tail in ("", "programme/", "documents/", "participants/"):
        body = api(f"/api/v1/meetings/{tenth.slug}/{tail}", status=404)
        assert set(body) == {"detail"}
    slugs = {m["slug"] for m in api("/api/v1/meetings/")["results"]}
    assert tenth.slug not in slugs


def test_series_filter(api, tenth):
    other = MeetingFactory(series=SeriesFactory(), slug="other-series-meeting")
    body = api(f"/api/v1/meetings/?series={tenth.series.slug}")
    assert {m["slug"] for m in body["results"]} == {
        m.slug for m in Meeting.objects.published().filter(series=tenth.series)
    }
    assert other.slug not in {m["slug"] for m in body["results"]}
    assert api(f"/api/v1/meetings/?series={other.series.slug}")["count"] == 1


def test_session_times_carry_the_offset_of_their_own_day_across_a_clock_change(api, conforms):
    # New York moved to daylight time on Sunday 10 March 2013.
    meeting = MeetingFactory(
        start_date=datetime.date(2013, 3, 8), end_date=datetime.date(2013, 3, 11)
    )
    before = SessionFactory(meeting=meeting, date=datetime.date(2013, 3, 8))
    after = SessionFactory(meeting=meeting, date=datetime.date(2013, 3, 11))
    for session in (before, after):
        AgendaItemFactory(meeting=meeting).sessions.add(session)
    body = api(f"/api/v1/meetings/{meeting.slug}/programme/")
    conforms("/api/v1/meetings/{slug}/programme/", body)
    starts = [s["start"] for d in body["days"] for s in d["sessions"]]
    assert starts == ["2013-03-08T10:00:00-05:00", "2013-03-11T10:00:00-04:00"]
    assert [s["start_time"] for d in body["days"] for s in d["sessions"]] == ["10:00", "10:00"]


def test_person_detail_shows_the_released_programme_not_later_edits(api, client, tenth):
    """An edit not yet published (a renamed item, a new role, items reordered) stays out of the
    API as it stays out of the person's page, until the next release."""
    saad = Person.objects.get(family_name="Saad")
    appearance = Appearance.objects.get(person=saad, agenda_item__meeting=tenth)
    item = appearance.agenda_item
    before = api(f"/api/v1/people/{saad.slug}/")["appearances"]
    (shown,) = [a for a in before if a["meeting"]["slug"] == tenth.slug]
    assert (shown["item_numeral"], shown["role"]) == ("IV", "moderator")
    assert shown["date"] == "2012-02-09"
    assert (shown["start_time"], shown["end_time"]) == ("15:00", "18:00")
    item.title = "Renamed, not yet published"
    item.order = 0
    item.save()
    appearance.role = "chair"
    appearance.save()
    after = api(f"/api/v1/people/{saad.slug}/")["appearances"]
    assert after == before
    assert "Renamed" not in client.get(saad.get_absolute_url()).content.decode()
    programme_release(meeting=tenth, by=None)
    (released,) = [
        a
        for a in api(f"/api/v1/people/{saad.slug}/")["appearances"]
        if a["meeting"]["slug"] == tenth.slug
    ]
    assert released["item_title"] == "Renamed, not yet published"
    assert released["role"] == "chair"
