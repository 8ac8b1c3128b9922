"""The programme's rows as a reader sees them, now that meetings/templatetags/programme_rows.py
writes them in Python: person links equal their pages' addresses (built from one reversed
prefix), names and affiliations are escaped, several people read "A, B and C", an erased person
has no link, role groups read "Moderators: A and B"."""

import datetime

import lxml.html
import pytest
from django.urls import reverse, set_script_prefix
from django.utils import timezone

from meetings.models import Meeting, Role
from meetings.versions.services import programme_release
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

ENTRY_LINKS = "//ul[@class='agenda-entries']//a[@href]"
ROLE_HEADINGS = "//ul[@class='agenda-entries']//span[@class='role-heading']"
UNUSUAL_SLUGS = ["o_brien--2", "123", "_", "Mixed-Case_Slug", "a" * 120]


def programme_page(client, meeting: Meeting, prefix: str = "/") -> lxml.html.HtmlElement:
    url = reverse("meetings:programme", kwargs={"slug": meeting.slug})
    response = client.get("/" + url.removeprefix(prefix), SCRIPT_NAME=prefix.rstrip("/"))
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def meeting_with_people(slugs: list[str]) -> Meeting:
    meeting = MeetingFactory(
        start_date=datetime.date(2030, 3, 4), end_date=datetime.date(2030, 3, 4)
    )
    session = SessionFactory(meeting=meeting)
    item = AgendaItemFactory(meeting=meeting, order=1)
    item.sessions.add(session)
    for order, slug in enumerate(slugs):
        segment = SegmentFactory(agenda_item=item, order=order, title=f"Talk {order}")
        AppearanceFactory(agenda_item=item, segment=segment, person=PersonFactory(slug=slug))
    return meeting


@pytest.mark.parametrize("released", [True, False], ids=["released", "live"])
def test_person_links_equal_reverse_for_unusual_slugs(client, released):
    meeting = meeting_with_people(UNUSUAL_SLUGS)
    if released:
        programme_release(meeting=meeting, by=None)

    links = programme_page(client, meeting).xpath(ENTRY_LINKS)

    assert [link.get("href") for link in links] == [
        reverse("meetings:person_detail", kwargs={"slug": slug}) for slug in UNUSUAL_SLUGS
    ]


@pytest.fixture
def script_prefix():
    """The site served under /plenary/, as WSGIHandler sets it from SCRIPT_NAME (the test
    client does not), then put back for the next test."""
    set_script_prefix("/plenary/")
    yield "/plenary/"
    set_script_prefix("/")


def test_person_links_keep_the_script_prefix(client, script_prefix):
    meeting = meeting_with_people(["ana-lopez"])
    programme_release(meeting=meeting, by=None)

    page = programme_page(client, meeting, prefix=script_prefix)

    hrefs = [link.get("href") for link in page.xpath(ENTRY_LINKS)]
    assert hrefs == [f"{script_prefix}people/ana-lopez/"]


def test_presenters_read_a_b_and_c_escaped_and_erased_person_unlinked(client):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, order=1)
    item.sessions.add(SessionFactory(meeting=meeting))
    segment = SegmentFactory(agenda_item=item, order=1, title="Water & <borders>")
    honorific = HonorificFactory(name="Ms.")
    first = PersonFactory(honorific=honorific, given_name="Ana", family_name="López", slug="ana")
    second = PersonFactory(given_name="Bo", family_name="<Chen>", slug="bo", position="")
    erased = PersonFactory(given_name="Cy", family_name="Doe", slug="cy")
    erased.withheld_at = timezone.now()
    erased.save()
    for order, (person, affiliation) in enumerate(
        [(first, "Ministry of <Justice> & Co"), (second, ""), (erased, "UNHCR")]
    ):
        AppearanceFactory(
            agenda_item=item, segment=segment, person=person, order=order, affiliation=affiliation
        )
    programme_release(meeting=meeting, by=None)

    page = programme_page(client, meeting)

    (row,) = page.xpath(f"//li[@id='presentation-{segment.pk}']")
    assert row.text_content() == (
        "Ms. Ana López, Ministry of <Justice> & Co, Bo <Chen> and Name withheld, UNHCR. "
        "Water & <borders>"
    )
    assert [a.text_content() for a in row.xpath(".//a")] == ["Ms. Ana López", "Bo <Chen>"]
    assert [a.get("dir") for a in row.xpath(".//a")] == ["auto", "auto"]
    assert [s.text_content() for s in row.xpath(".//span[@class='name-withheld']")] == [
        "Name withheld"
    ]
    assert [b.text_content() for b in row.xpath("./bdi")] == [
        "Ministry of <Justice> & Co",
        "UNHCR",
    ]
    # A name after an honorific is isolated from it (a Latin name after "السيدة" in Arabic).
    assert [b.text_content() for b in row.xpath(".//a/bdi")] == ["Ana López"]
    assert (
        row.xpath(".//span[@class='presentation-title']")[0].text_content() == "Water & <borders>"
    )


def test_role_groups_read_heading_and_names(client):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, order=1)
    item.sessions.add(SessionFactory(meeting=meeting))
    segment = SegmentFactory(agenda_item=item, order=1, title="")
    for order, name in enumerate(["Ann", "Ben"]):
        person = PersonFactory(given_name=name, family_name="Moderator", slug=name.lower())
        AppearanceFactory(agenda_item=item, person=person, role=Role.MODERATOR, order=order)
    discussant = PersonFactory(given_name="Dee", family_name="Discussant", slug="dee")
    AppearanceFactory(agenda_item=item, segment=segment, person=discussant, role=Role.DISCUSSANT)
    programme_release(meeting=meeting, by=None)

    page = programme_page(client, meeting)

    rows = [li.text_content() for li in page.xpath("//ul[@class='agenda-entries']/li")]
    assert rows == [
        "Discussant: Dee Discussant, Director",
        "Moderators: Ann Moderator, Director and Ben Moderator, Director",
    ]
    headings = [span.text_content() for span in page.xpath(ROLE_HEADINGS)]
    assert headings == ["Discussant:", "Moderators:"]
