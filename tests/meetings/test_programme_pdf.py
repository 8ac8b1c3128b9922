"""The printable programme (/meetings/<slug>/programme.pdf), read back with pypdf and compared
with the database and with the programme page it is made from."""

import datetime
import io
import re

import pypdf
import pytest
from django.core.management import call_command
from django.urls import reverse
from lxml import html as lxml_html

from meetings.models import (
    AgendaItem,
    Appearance,
    Meeting,
    MeetingStatus,
    Person,
    ProgrammeVersion,
    Role,
)
from meetings.services import person_erase
from meetings.versions.services import programme_release
from papers.models import DocumentStatus
from tests.conftest import SITE_URL
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    SecretariatFactory,
    SegmentFactory,
    SessionFactory,
)
from tests.meetings.sized import meeting_with_presentations

pytestmark = pytest.mark.django_db

TENTH = "tenth-coordination-meeting"
# Written out here rather than taken from meetings.formatting, so that a wrong numeral shows.
NUMERALS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@pytest.fixture
def tenth() -> Meeting:
    call_command("load_demo", verbosity=0)
    return Meeting.objects.get(slug=TENTH)


def pdf_url(meeting: Meeting) -> str:
    return reverse("meetings:programme_pdf", kwargs={"slug": meeting.slug})


def page_url(meeting: Meeting) -> str:
    return reverse("meetings:programme", kwargs={"slug": meeting.slug})


def read(content: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(content))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pages_text(content: bytes) -> list[str]:
    return [squeeze(page.extract_text()) for page in read(content).pages]


def pdf_text(content: bytes) -> str:
    return " ".join(pages_text(content))


def day_heading(date: datetime.date) -> str:
    return f"{date:%A}, {date.day} {date:%B %Y}"


def times(start: datetime.time, end: datetime.time) -> str:
    return f"{start:%H.%M} – {end:%H.%M}"


def display_name(person: Person) -> str:
    names = " ".join(part for part in (person.given_name, person.family_name) if part)
    return f"{person.honorific.name} {names}" if person.honorific_id else names


def in_order(text: str, parts: list[str]) -> None:
    """Each part is in the text, after the one before it."""
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} missing after position {position}"
        position = found + len(part)


def test_the_tenths_pdf_reads_like_the_database(client, tenth):
    response = client.get(pdf_url(tenth))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'inline; filename="tenth-coordination-meeting-programme.pdf"'
    )
    text = pdf_text(response.content)
    start, end = tenth.start_date, tenth.end_date
    assert tenth.title in text
    assert f"{start.day}–{end.day} {end:%B %Y}" in text
    assert "Organization of work" in text
    assert f"{tenth.venue}, {tenth.city}, {tenth.country}" in text
    assert "All times are local time at the venue (America/New_York, UTC−05:00)." in text
    version = ProgrammeVersion.objects.filter(meeting=tenth).order_by("-number").first()
    published = version.published_at.astimezone(tenth.zone)
    assert f"Version {version.number}, {published.day} {published:%B %Y}" in text

    sessions = list(tenth.sessions.order_by("date", "start_time"))
    items = list(AgendaItem.objects.filter(meeting=tenth).order_by("order", "pk"))
    numeral = {item.pk: NUMERALS[index] for index, item in enumerate(items)}
    expected = []
    for session in sessions:
        if day_heading(session.date) not in expected:
            expected.append(day_heading(session.date))
        expected.append(f"{times(session.start_time, session.end_time)} {session.name}")
        for item in items:
            if session in item.sessions.all():
                first = item.sessions.order_by("date", "start_time").first() == session
                heading = f"{numeral[item.pk]}. {item.title}"
                expected.append(heading if first else f"{heading} (continued)")
    assert len(sessions) == 4
    in_order(text, expected)
    continued = sum(item.sessions.count() - 1 for item in items)
    assert text.count("(continued)") == continued > 0

    appearances = Appearance.objects.filter(agenda_item__meeting=tenth).select_related(
        "person__honorific", "segment"
    )
    assert len(appearances) > 5
    for appearance in appearances:
        shown = display_name(appearance.person)
        if appearance.affiliation:
            shown += f", {appearance.affiliation}"
        assert shown in text
        if appearance.segment and appearance.segment.title and appearance.role == Role.SPEAKER:
            assert f"{shown}. {appearance.segment.title}" in text
    moderators = [a for a in appearances if a.role == Role.MODERATOR]
    assert moderators
    for moderator in moderators:
        assert re.search(rf"Moderators?: [^:]*{re.escape(display_name(moderator.person))}", text)


def test_the_pdf_has_page_numbers_headers_metadata_and_bookmarks(client, tenth):
    content = client.get(pdf_url(tenth)).content
    reader = read(content)
    pages = pages_text(content)
    count = len(reader.pages)

    assert count > 1
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4
    assert reader.pages[0].mediabox.height == pytest.approx(841.89, abs=0.1)
    for number, text in enumerate(pages, start=1):
        assert text.endswith(f"Page {number} of {count}")
    # From the second page on, the running header names the meeting.
    assert all(tenth.title in text for text in pages[1:])

    assert reader.metadata.title == f"Organization of work · {tenth.title}"
    assert reader.metadata.author == tenth.organizer.label
    assert reader.metadata.creator == "Plenary"
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en"
    assert bool(catalog["/MarkInfo"]["/Marked"])  # a tagged PDF
    assert "/StructTreeRoot" in catalog

    sessions = list(tenth.sessions.order_by("date", "start_time"))
    outline = reader.outline
    days = [entry for entry in outline if not isinstance(entry, list)]
    assert [day.title for day in days] == [
        day_heading(date) for date in sorted({s.date for s in sessions})
    ]
    nested = [entry.title for group in outline if isinstance(group, list) for entry in group]
    assert nested == [f"{times(s.start_time, s.end_time)} {s.name}" for s in sessions]

    # Names link to the speakers' pages on the site, and the header to the programme page.
    links = {
        annotation.get_object()["/A"]["/URI"]
        for sheet in reader.pages
        for annotation in sheet.get("/Annots", [])
    }
    people = Person.objects.filter(appearances__agenda_item__meeting=tenth).distinct()
    assert links == {
        SITE_URL + page_url(tenth),
        *(SITE_URL + person.get_absolute_url() for person in people),
    }


def test_the_pdf_shows_what_the_programme_page_shows(client, tenth):
    page = lxml_html.fromstring(client.get(page_url(tenth)).content)
    text = pdf_text(client.get(pdf_url(tenth)).content)

    def texts(xpath: str) -> list[str]:
        with_classes = re.sub(
            r"\.([a-z-]+)", r"[contains(concat(' ', @class, ' '), ' \1 ')]", xpath
        )
        return [squeeze(element.text_content()) for element in page.xpath(with_classes)]

    headings = texts("//section.programme-day/h3") + texts("//section.programme-session/h4")
    items = texts("//h5.agenda-item")
    entries = texts("//ul.agenda-entries/li")
    assert len(headings) == 6
    assert len(items) == 8  # seven items, one of them continued
    for part in [*headings, *items, *entries]:
        assert part in text
    in_order(text, items)
    in_order(text, entries)


def test_arabic_chinese_and_cyrillic_names_print_as_themselves(client, tenth):
    item = AgendaItem.objects.filter(meeting=tenth).order_by("order").first()
    names = {"arabic": ("سارة", "الحسيني"), "chinese": ("明", "王"), "cyrillic": ("Зоя", "Петрова")}
    for given, family in names.values():
        AppearanceFactory(
            agenda_item=item,
            person=PersonFactory(given_name=given, family_name=family),
            affiliation="Permanent Mission",
        )
    programme_release(meeting=tenth, by=None, note="")

    content = client.get(pdf_url(tenth)).content
    text = pdf_text(content)
    for given, family in names.values():
        assert f"{given} {family}" in text
    fonts = {
        str(font["/BaseFont"])
        for page in read(content).pages
        for font in page["/Resources"]["/Font"].values()
    }
    # The glyphs come from the Noto fonts that cover each script (not boxes from a fallback).
    assert any("Arabic" in font for font in fonts), fonts
    assert any("CJK" in font for font in fonts), fonts


def test_a_withheld_person_reads_name_withheld_as_on_the_page(client, tenth):
    appearance = (
        Appearance.objects.filter(agenda_item__meeting=tenth, role=Role.SPEAKER)
        .select_related("person__honorific")
        .first()
    )
    person = appearance.person
    name = display_name(person)
    assert name in pdf_text(client.get(pdf_url(tenth)).content)

    person_erase(person=person, by=None)
    text = pdf_text(client.get(pdf_url(tenth)).content)

    assert name not in text
    assert person.family_name not in text
    assert f"Name withheld, {appearance.affiliation}" in text
    assert "Name withheld" in client.get(page_url(tenth)).content.decode()


def test_a_meeting_without_versions_prints_its_live_programme(client):
    meeting = MeetingFactory(title="Expert group meeting", venue="Conference Room 4")
    session = SessionFactory(meeting=meeting, name="Opening", room="Conference Room 4")
    first = AgendaItemFactory(meeting=meeting, order=1, title="Adoption of the agenda")
    first.sessions.add(session)
    AgendaItemFactory(meeting=meeting, order=2, title="Other matters")  # in no session
    segment = SegmentFactory(agenda_item=first, title="Welcome")
    speaker = AppearanceFactory(agenda_item=first, segment=segment, affiliation="DESA")
    for _ in range(2):
        AppearanceFactory(agenda_item=first, role=Role.CHAIR, affiliation="UNFPA")

    text = pdf_text(client.get(pdf_url(meeting)).content)

    assert "Version" not in text
    in_order(
        text,
        [
            "Expert group meeting",
            day_heading(session.date),
            f"{times(session.start_time, session.end_time)} Opening · Conference Room 4",
            "I. Adoption of the agenda",
            f"{display_name(speaker.person)}, DESA. Welcome",
            "Chairs: ",
            " and ",
            "Not yet scheduled",
            "II. Other matters",
        ],
    )


@pytest.mark.parametrize(
    "who", ["anonymous", "another organization", "the organizer's member", "secretariat"]
)
def test_a_drafts_pdf_is_a_404_for_everyone(client, who):
    organizer = OrganizationFactory()
    draft = MeetingFactory(status=MeetingStatus.DRAFT, organizer=organizer)
    item = AgendaItemFactory(meeting=draft)
    item.sessions.add(SessionFactory(meeting=draft))
    AppearanceFactory(agenda_item=item)
    programme_release(meeting=draft, by=None, note="")
    if who == "another organization":
        client.force_login(MembershipFactory().user)
    elif who == "the organizer's member":
        client.force_login(MembershipFactory(organization=organizer).user)
    elif who == "secretariat":
        client.force_login(SecretariatFactory(is_superuser=True))

    assert client.get(pdf_url(draft)).status_code == 404


def test_everyone_gets_the_same_public_pdf(client, tenth):
    anonymous = client.get(pdf_url(tenth))
    etags = {anonymous["ETag"]}
    for user in [
        MembershipFactory().user,
        MembershipFactory(organization=tenth.organizer).user,
        SecretariatFactory(is_superuser=True),
    ]:
        client.force_login(user)
        response = client.get(pdf_url(tenth))
        assert response.status_code == 200
        assert response.content == anonymous.content
        etags.add(response["ETag"])
    assert len(etags) == 1
    assert "public" in anonymous["Cache-Control"]


def test_a_second_request_renders_nothing_and_a_release_shows_at_once(client, tenth):
    first = client.get(pdf_url(tenth))
    again = client.get(pdf_url(tenth))

    assert first.templates[0].name == "meetings/programme_pdf.html"
    assert again.templates == []  # from the cache
    assert again.content == first.content

    item = AgendaItem.objects.filter(meeting=tenth).order_by("order").first()
    old_title = item.title
    item.title = "Opening of the meeting and adoption of the agenda"
    item.save()
    edited = client.get(pdf_url(tenth))
    # Like the page, the PDF shows the released programme: the edit waits for a release.
    assert old_title in pdf_text(edited.content)
    assert item.title not in pdf_text(edited.content)

    version = programme_release(meeting=tenth, by=None, note="Item I renamed.")
    released = client.get(pdf_url(tenth))
    text = pdf_text(released.content)
    assert f"I. {item.title}" in text
    assert f"Version {version.number}, " in text
    assert released["ETag"] != first["ETag"]


def test_a_second_request_asks_fewer_queries_for_a_live_programme(
    client, django_assert_num_queries
):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting)
    item.sessions.add(SessionFactory(meeting=meeting))
    AppearanceFactory(agenda_item=item)

    # The meeting, build_programme's five, the documents filed under its items.
    with django_assert_num_queries(7) as made:
        first = client.get(pdf_url(meeting))
    with django_assert_num_queries(1):  # the meeting: its PDF comes from the cache
        again = client.get(pdf_url(meeting))
    assert len(made.captured_queries) > 1
    assert first.status_code == again.status_code == 200
    assert again.templates == []


def test_a_conditional_request_gets_a_304(client, tenth):
    first = client.get(pdf_url(tenth))

    again = client.get(pdf_url(tenth), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert first["Last-Modified"]


def test_query_count_does_not_grow_with_presentations(client, django_assert_num_queries):
    small, large = meeting_with_presentations(10), meeting_with_presentations(1000)

    # The meeting with its latest version's number, that version's snapshot (read only when the
    # file is made), and the documents filed under its items.
    with django_assert_num_queries(3) as small_queries:
        small_pdf = client.get(pdf_url(small))
    with django_assert_num_queries(len(small_queries.captured_queries)):
        large_pdf = client.get(pdf_url(large))

    assert small_pdf.status_code == large_pdf.status_code == 200
    text = pdf_text(large_pdf.content)
    talks = set(re.findall(r"\bTalk (\d+)\b", text))
    assert talks == {str(number) for number in range(1000)}
    assert len(read(large_pdf.content).pages) > len(read(small_pdf.content).pages)


def test_documents_filed_under_an_item_are_listed_under_it(client, tenth):
    item = AgendaItem.objects.get(meeting=tenth, title__startswith="Migration and development")
    DocumentFactory(
        meeting=tenth,
        agenda_item=item,
        title="Remittances and development: new evidence",
        status=DocumentStatus.PUBLISHED,
    )
    DocumentFactory(meeting=tenth, agenda_item=item, title="A paper still in review")
    text = " ".join(pdf_text(client.get(pdf_url(tenth)).content).split())
    heading = text.index("V. Migration and development")
    listed = text.index("Document: Remittances and development: new evidence")
    assert heading < listed < text.index("VI. New initiatives")
    assert "A paper still in review" not in text
