"""The public list of participants, as a page and as a PDF: who may read it, who is on it, and
what is never on it (an e-mail, a phone, a requirement)."""

import re

import pypdfium2 as pdfium
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import MeetingStatus, Role
from participants.models import NominationStatus
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    HonorificFactory,
    NominationFactory,
    OrganizationFactory,
    PersonFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(meeting):
    """Registration of the meeting with its list of participants published."""
    return RegistrationFactory(meeting=meeting, list_published=True)


def page_url(meeting):
    return reverse("participants:list", args=[meeting.slug])


def pdf_url(meeting):
    return reverse("participants:list_pdf", args=[meeting.slug])


def text_of(html: str) -> str:
    """The page's main content as a reader sees it: tags out, spaces collapsed."""
    main = html[html.index("<main") : html.index("</main>")]
    text = " ".join(re.sub(r"<[^>]+>", " ", main).split())
    return re.sub(r" ([,.])", r"\1", text)


def pdf_text(content: bytes) -> str:
    document = pdfium.PdfDocument(content)
    text = " ".join(page.get_textpage().get_text_range() for page in document)
    return " ".join(text.split())


def nominate(meeting, organization, **fields):
    fields.setdefault("requirements", "Vegetarian meals, step-free access")
    return NominationFactory(meeting=meeting, organization=organization, **fields)


def speaker(meeting, *, role=Role.SPEAKER, **person):
    appearance = AppearanceFactory(
        agenda_item=AgendaItemFactory(meeting=meeting), person=PersonFactory(**person), role=role
    )
    return appearance.person


@pytest.mark.parametrize("url_of", [page_url, pdf_url])
class TestAccess:
    def test_anonymous_reads_a_published_list(self, client, meeting, published, url_of):
        assert client.get(url_of(meeting)).status_code == 200

    def test_an_unpublished_list_is_a_404(self, client, meeting, registration, url_of):
        assert not registration.list_published
        assert client.get(url_of(meeting)).status_code == 404

    def test_a_draft_meeting_s_list_is_a_404_even_if_published(
        self, client, meeting, published, url_of
    ):
        meeting.status = MeetingStatus.DRAFT
        meeting.save()
        assert client.get(url_of(meeting)).status_code == 404

    def test_a_meeting_without_registration_has_no_list(self, client, meeting, url_of):
        assert client.get(url_of(meeting)).status_code == 404

    def test_an_unknown_meeting_is_a_404(self, client, url_of, meeting, published):
        meeting.slug = "no-such-meeting"
        assert client.get(url_of(meeting)).status_code == 404

    @pytest.mark.parametrize("who", ["focal_point", "other_focal_point", "staff", "other_staff"])
    def test_everyone_logged_in_reads_it_as_the_public_does(
        self, client, meeting, published, url_of, who, request
    ):
        client.force_login(request.getfixturevalue(who))
        assert client.get(url_of(meeting)).status_code == 200

    def test_it_is_only_read(self, client, meeting, published, url_of):
        assert client.post(url_of(meeting)).status_code == 405


@pytest.fixture
def crowd(meeting, published, organization, other_organization, honorific):
    """Nominees in every status, listed or not, the programme's people, and one erased."""
    people = {
        "accepted": nominate(
            meeting,
            organization,
            honorific=honorific,
            given_name="María José",
            family_name="López Peña",
            position="Senior Migration Policy Officer",
            email="mj.lopez@iom.example",
            phone="+41227179111",
            requirements="Wheelchair access",
            head_of_delegation=True,
        ),
        "unlisted": nominate(
            meeting, organization, given_name="Private", family_name="Person", listed=False
        ),
        "erased": nominate(meeting, organization, given_name="Gone", family_name="Erased"),
    }
    for status in ("pending", "waitlisted", "declined", "withdrawn"):
        people[status] = nominate(
            meeting,
            other_organization,
            given_name=status.title(),
            family_name="Nominee",
            status=status,
        )
    people["erased"].person.withheld_at = timezone.now()
    people["erased"].person.save()
    people["speaker"] = speaker(
        meeting,
        honorific=HonorificFactory(name="Amb."),
        given_name="Luis Alfonso",
        family_name="de Alba",
        position="Permanent Representative of Mexico to the United Nations",
        country="Mexico",
    )
    people["moderator"] = speaker(
        meeting,
        role=Role.MODERATOR,
        given_name="Michele",
        family_name="Klein Solomon",
        position="",
        organization=organization,
    )
    # Someone of another meeting's list is not on this one.
    nominate(
        NominationFactory().meeting,
        organization,
        given_name="Other",
        family_name="Meeting",
    )
    return people


def test_the_list_shows_accepted_listed_nominees_and_the_programme_s_people(client, meeting, crowd):
    text = text_of(client.get(page_url(meeting)).content.decode())
    assert "Ms. María José López Peña, Senior Migration Policy Officer" in text
    assert (
        "Amb. Luis Alfonso de Alba, Permanent Representative of Mexico to the United Nations"
        in text
    )
    assert "Michele Klein Solomon" in text
    for absent in ("Private Person", "Gone Erased", "Other Meeting", "Nominee"):
        assert absent not in text
    assert "3 participants, grouped as in United Nations lists of participants." in text


def test_the_page_reads_as_a_un_list_of_participants(client, meeting, crowd):
    html = client.get(page_url(meeting)).content.decode()
    headings = re.findall(r"<h([1-4])[^>]*>(.*?)</h\1>", html)
    assert headings == [
        ("1", "Eleventh Coordination Meeting"),
        ("2", "Member States"),
        ("3", "Mexico"),
        ("2", "United Nations system"),
        ("3", "Related organizations"),
        ("4", "International Organization for Migration (IOM)"),
    ]
    # The head of delegation before the moderator, whose family name comes first.
    assert html.index("López Peña") < html.index("Klein Solomon")
    assert '<span class="participant-name" dir="auto">Ms. María José López Peña</span>' in html


def test_the_page_is_the_meeting_s_participants_tab_and_links_the_pdf(client, meeting, crowd):
    html = client.get(page_url(meeting)).content.decode()
    assert f'<a href="{page_url(meeting)}" aria-current="page">Participants</a>' in html
    assert f'href="{pdf_url(meeting)}">Download the list as PDF</a>' in html
    assert "<title>List of participants · Eleventh Coordination Meeting · Plenary</title>" in html


def contact_data(crowd) -> list[str]:
    nominations = [value for value in crowd.values() if hasattr(value, "requirements")]
    found = []
    for nomination in nominations:
        found += [nomination.email, nomination.phone, nomination.phone[1:], nomination.requirements]
    return [value for value in found if value]


def test_no_e_mail_phone_or_requirement_on_the_page(client, meeting, crowd):
    html = client.get(page_url(meeting)).content.decode()
    for secret in contact_data(crowd):
        assert secret not in html
    assert "@" not in text_of(html)
    assert "mailto:" not in html
    assert "tel:" not in html


def test_no_e_mail_phone_or_requirement_in_the_pdf(client, meeting, crowd):
    content = client.get(pdf_url(meeting)).content
    text = pdf_text(content)
    assert "María José López Peña" in text
    for secret in contact_data(crowd):
        assert secret not in text
        assert secret.encode() not in content
    assert "@" not in text


def test_the_pdf_is_the_same_list_with_title_meeting_and_dates(client, meeting, crowd):
    response = client.get(pdf_url(meeting))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="eleventh-participants.pdf"'
    text = pdf_text(response.content)
    assert "Eleventh Coordination Meeting" in text
    assert meeting.dates_display in text
    assert "LIST OF PARTICIPANTS" in text  # printed in capitals, as UN lists are
    order = [
        "MEMBER STATES",
        "Mexico",
        "Amb. Luis Alfonso de Alba",
        "UNITED NATIONS SYSTEM",
        "Related organizations",
        "International Organization for Migration (IOM)",
        "Ms. María José López Peña",
        "Michele Klein Solomon",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    for absent in ("Private Person", "Gone Erased", "Nominee"):
        assert absent not in text


def test_the_pdf_shows_in_the_browser_s_viewer(client, meeting, published):
    response = client.get(pdf_url(meeting))
    # The site's strict policy holds for the PDF too: Chromium's viewer shows it all the same.
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_empty_list_says_so(client, meeting, published):
    html = client.get(page_url(meeting)).content.decode()
    assert "No participants are on the list yet." in text_of(html)
    assert "No participants are on the list yet." in pdf_text(client.get(pdf_url(meeting)).content)


def test_names_are_printed_escaped(client, meeting, published, organization):
    nominate(meeting, organization, given_name="<b>Bold</b>", family_name="<script>x</script>")
    html = client.get(page_url(meeting)).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; &lt;script&gt;x&lt;/script&gt;" in html
    assert "<script>x</script>" not in html
    assert "<b>Bold</b> <script>x</script>" in pdf_text(client.get(pdf_url(meeting)).content)


def many(meeting, count):
    organizations = [
        OrganizationFactory(kind=kind)
        for kind in ("government", "un", "un_agency", "igo", "civil_society")
    ]
    for index in range(count):
        nominate(meeting, organizations[index % len(organizations)])
        if index % 10 == 0:
            speaker(meeting, organization=organizations[index % len(organizations)])


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_page_s_queries_do_not_grow_with_the_list(client, meeting, published):
    many(meeting, 10)
    small = queries_for(client, page_url(meeting))
    many(meeting, 490)
    large = queries_for(client, page_url(meeting))
    assert text_of(client.get(page_url(meeting)).content.decode()).count("Adviser") == 500
    # The page cache's version, the meeting with its registration, then the roster's
    # nominations and appearances.
    assert small == large == 4


def test_the_pdf_s_queries_do_not_grow_with_the_list(client, meeting, published):
    many(meeting, 10)
    small = queries_for(client, pdf_url(meeting))
    many(meeting, 490)
    large = queries_for(client, pdf_url(meeting))
    assert small == large == 3


def test_the_pdf_follows_changes_to_the_list(client, meeting, published, organization):
    nominate(meeting, organization, given_name="First", family_name="Delegate")
    assert "First Delegate" in pdf_text(client.get(pdf_url(meeting)).content)
    late = nominate(meeting, organization, given_name="Late", family_name="Comer")
    assert "Late Comer" in pdf_text(client.get(pdf_url(meeting)).content)
    late.status = NominationStatus.WITHDRAWN
    late.save()
    assert "Late Comer" not in pdf_text(client.get(pdf_url(meeting)).content)
