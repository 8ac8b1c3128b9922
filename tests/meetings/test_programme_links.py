"""Links into the programme: every day, session, agenda item (each of its showings) and
presentation has a stable anchor; a person's page links to the exact place where they appear;
documents filed under an agenda item are listed under it."""

import datetime

import lxml.html
import pytest
from django.core.management import call_command
from django.urls import reverse

from meetings.models import AgendaItem, Appearance, Meeting, Person, Segment, Session
from meetings.versions.services import programme_release
from papers.models import DocumentStatus
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    DocumentFactory,
    MeetingFactory,
    OrganizationFactory,
    PersonFactory,
    SegmentFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

SLUG = "tenth-coordination-meeting"


@pytest.fixture
def tenth() -> Meeting:
    call_command("load_demo", verbosity=0)
    return Meeting.objects.get(slug=SLUG)


def page(client, url: str) -> lxml.html.HtmlElement:
    response = client.get(url)
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def programme_page(client, meeting: Meeting) -> lxml.html.HtmlElement:
    return page(client, reverse("meetings:programme", kwargs={"slug": meeting.slug}))


def text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_every_day_session_item_and_presentation_of_the_tenth_has_its_anchor(client, tenth):
    root = programme_page(client, tenth)
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids)), "an id is used twice on the page"

    days = root.xpath('//section[@class="programme-day"]/h3')
    assert [(day.get("id"), text(day)) for day in days] == [
        ("day-2012-02-09", "Thursday, 9 February 2012"),
        ("day-2012-02-10", "Friday, 10 February 2012"),
    ]
    sessions = list(tenth.sessions.chronological())
    assert [
        s.get("id") for s in root.xpath('//section[contains(@class, "programme-session")]')
    ] == [f"session-{session.pk}" for session in sessions]
    headings = root.xpath('//h5[@class="agenda-item"]')
    items = {item.pk: item for item in tenth.agenda_items.all()}
    continued = [h for h in headings if "(continued)" in text(h)]
    assert len(continued) == 1
    item_v = AgendaItem.objects.get(meeting=tenth, title__startswith="Migration and development")
    assert continued[0].get("id") == f"item-{item_v.pk}-session-{sessions[2].pk}"
    first_showings = [h.get("id") for h in headings if h not in continued]
    assert sorted(first_showings) == sorted(f"item-{pk}" for pk in items)
    for segment in Segment.objects.filter(agenda_item__meeting=tenth):
        (entry,) = root.xpath(f'//li[@id="presentation-{segment.pk}"]')
        if segment.title:
            assert segment.title in text(entry)


def test_anchors_hold_through_an_edit_and_a_new_version(client, tenth):
    before = {e.get("id") for e in programme_page(client, tenth).iter() if e.get("id")}
    closing = AgendaItem.objects.get(meeting=tenth, title="Closing of the meeting")
    for item in tenth.agenda_items.exclude(pk=closing.pk):
        item.order += 1
        item.save()
    closing.order = 1  # now item I: every numeral changes
    closing.title = "Closing"
    closing.save()
    programme_release(meeting=tenth, by=None)
    root = programme_page(client, tenth)
    after = {e.get("id") for e in root.iter() if e.get("id")}
    assert {
        i for i in before if i.startswith(("day-", "session-", "item-", "presentation-"))
    } <= after
    (heading,) = root.xpath(f'//h5[@id="item-{closing.pk}"]')
    assert text(heading) == "I. Closing"


def test_a_speakers_page_links_to_the_exact_place_where_they_speak(client, tenth):
    crepeau = Person.objects.get(family_name="Crépeau")
    programme_url = reverse("meetings:programme", kwargs={"slug": SLUG})
    root = page(client, crepeau.get_absolute_url())
    (heading,) = root.xpath(f'//h3[a[@href="{programme_url}"]]')
    (entry,) = heading.getnext().xpath("./li")
    appearance = Appearance.objects.get(person=crepeau, agenda_item__meeting=tenth)
    (link,) = entry.xpath(".//a")
    assert link.get("href") == f"{programme_url}#presentation-{appearance.segment_id}"
    assert text(link) == (
        "item III. The 2013 High-level Dialogue on International Migration and Development"
    )
    assert "Thursday, 9 February 2012, 10.00 – 13.00, Morning session" in text(entry)
    assert "Preparing for the 2013 High-level Dialogue: A human rights perspective" in text(entry)
    # The place exists on the programme page.
    target = link.get("href").split("#")[1]
    assert programme_page(client, tenth).xpath(f'//*[@id="{target}"]')


def test_every_link_of_every_person_page_of_the_tenth_finds_its_place(client, tenth):
    programme = programme_page(client, tenth)
    ids = {element.get("id") for element in programme.iter() if element.get("id")}
    people = Person.objects.filter(appearances__agenda_item__meeting=tenth).distinct()
    checked = 0
    for person in people:
        root = page(client, person.get_absolute_url())
        for link in root.xpath('//ul[@class="person-places"]//a'):
            path, _hash, anchor = link.get("href").partition("#")
            if path == reverse("meetings:programme", kwargs={"slug": SLUG}):
                assert anchor in ids, (person, anchor)
                checked += 1
    assert checked >= Appearance.objects.filter(agenda_item__meeting=tenth).count() - 1


def test_a_moderator_of_a_continued_item_links_to_its_first_showing(client):
    """A meeting published before versions existed: its live programme is what the public
    reads, and the person page places each appearance in it too."""
    meeting = MeetingFactory()
    first = SessionFactory(meeting=meeting, start_time=datetime.time(10))
    later = SessionFactory(
        meeting=meeting,
        date=meeting.end_date,
        start_time=datetime.time(15),
        end_time=datetime.time(18),
        name="Afternoon",
    )
    item = AgendaItemFactory(meeting=meeting, order=1, title="Regional dimensions")
    item.sessions.set([first, later])
    segment = SegmentFactory(agenda_item=item, session=later, title="A later presentation")
    person = PersonFactory(given_name="Ana", family_name="Ruiz")
    AppearanceFactory(agenda_item=item, person=person, role="moderator")
    AppearanceFactory(agenda_item=item, segment=segment, person=person)
    root = page(client, person.get_absolute_url())
    entries = root.xpath('//ul[@class="person-places"]/li')
    hrefs = [entry.xpath(".//a")[0].get("href").split("#")[1] for entry in entries]
    assert hrefs == [f"item-{item.pk}", f"presentation-{segment.pk}"]
    assert "Friday, 10 February 2012, 15.00 – 18.00, Afternoon" in text(entries[1])
    ids = {e.get("id") for e in programme_page(client, meeting).iter() if e.get("id")}
    assert set(hrefs) <= ids
    assert f"item-{item.pk}-session-{later.pk}" in ids


def test_an_unpublished_edit_does_not_move_the_person_page(client, tenth):
    crepeau = Person.objects.get(family_name="Crépeau")
    appearance = Appearance.objects.get(person=crepeau, agenda_item__meeting=tenth)
    segment = appearance.segment
    segment.title = "A title not yet published"
    segment.save()
    shown = text(page(client, crepeau.get_absolute_url()))
    assert "A title not yet published" not in shown
    assert "A human rights perspective" in shown


def test_documents_filed_under_an_item_are_listed_under_it(client, tenth):
    item = AgendaItem.objects.get(meeting=tenth, title__startswith="Migration and development")
    paper = DocumentFactory(
        meeting=tenth,
        agenda_item=item,
        title="Remittances and development: new evidence",
        status=DocumentStatus.PUBLISHED,
    )
    DocumentFactory(meeting=tenth, agenda_item=item, title="A submitted paper")
    root = programme_page(client, tenth)
    (heading,) = root.xpath(f'//h5[@id="item-{item.pk}"]')
    listed = heading.getnext()
    while listed is not None and "item-documents" not in (listed.get("class") or ""):
        assert listed.tag != "h5", "the documents come before the next item"
        listed = listed.getnext()
    assert listed is not None
    (link,) = listed.xpath(".//a")
    assert text(link) == paper.title
    assert link.get("href") == paper.get_absolute_url()
    assert "A submitted paper" not in text(root)
    # Listed once: not again under the item's continued showing.
    assert len(root.xpath(f'//a[@href="{paper.get_absolute_url()}"]')) == 1


def test_a_document_under_an_item_names_its_authors_and_organization_once(client, tenth):
    """The programme reads the authors as plain names (issue 11): they come in the order of the
    people's names, a withheld one as "Name withheld", then the organization's label, which a
    division gives with its parent; a free-text author naming the organization gives way to it."""
    item = AgendaItem.objects.get(meeting=tenth, title__startswith="Migration and development")
    parent = OrganizationFactory(name="Department of Sample Affairs", acronym="DSA")
    division = OrganizationFactory(name="Sample Division", parent=parent)
    paper = DocumentFactory(
        meeting=tenth,
        agenda_item=item,
        organization=division,
        authors_text="Sample Division",
        status=DocumentStatus.PUBLISHED,
    )
    withheld = PersonFactory(given_name="Zora", family_name="Zeller")
    withheld.withheld_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    withheld.save()
    people = [PersonFactory(given_name="Bela", family_name="Hovy"), withheld]
    paper.authors.set([people[1], people[0]])
    other = DocumentFactory(
        meeting=tenth,
        agenda_item=item,
        organization=parent,
        authors_text="Clare Menozzi, DSA",
        status=DocumentStatus.PUBLISHED,
    )

    root = programme_page(client, tenth)

    bylines = {
        text(li.xpath(".//a")[0]): text(li.xpath(".//bdi")[0])
        for li in root.xpath('//div[contains(@class, "item-documents")]//li')
    }
    assert (
        bylines[paper.title]
        == ("Bela Hovy, Name withheld · Sample Division, DSA")
        == " · ".join(paper.byline)
    )
    assert bylines[other.title] == "Clare Menozzi, DSA" == " · ".join(other.byline)


def test_the_session_of_a_presentation_places_it_on_its_day(client, tenth):
    session = Session.objects.filter(meeting=tenth).chronological().last()
    root = programme_page(client, tenth)
    (section,) = root.xpath(f'//section[@id="session-{session.pk}"]')
    assert section.getparent().xpath("./h3")[0].get("id") == "day-2012-02-10"
