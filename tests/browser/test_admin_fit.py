"""Every admin page a staff member uses fits the screen: no sideways scrolling at 1280 px, neither
of the page nor inside an inline's box, and none of the page at 768 px (a tablet), with the demo
loaded and the demo admin logged in. Screenshots of each page are kept in $ADMIN_FIT_SHOTS when
it is set, to look at."""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page
from pytest_django.asserts import assertContains, assertNotContains

from accounts.models import Organization, User
from meetings.models import AgendaItem, Meeting, Person, Segment
from papers.services.previews import version_previews_make
from participants.models import Nomination, Registration
from tests.browser.test_admin_accessibility import log_in
from tests.factories import DocumentFactory, VersionFactory
from tests.papers import samples

MEETING_SLUG = "tenth-coordination-meeting"
ADMIN_PASSWORD = "plenary-Admin-demo-91"

# What scrolls sideways: the page, and each inline's or list's table inside its box.
OVERFLOWS = """() => {
    const found = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth) {
        found.push(`page: ${root.scrollWidth} > ${window.innerWidth}`);
    }
    for (const box of document.querySelectorAll(
        '.inline-group .tabular, .inline-group .wrapper, .inline-group fieldset.module, '
        + '#changelist .results, '
        + '#content-main .module table, .results'
    )) {
        if (box.scrollWidth > box.clientWidth + 1) {
            const group = box.closest('.inline-group, #changelist, .module');
            const name = (group && group.id) || box.className || box.tagName;
            found.push(`${name}: ${box.scrollWidth} > ${box.clientWidth}`);
        }
    }
    return found;
}"""


COLUMNS = """() => Array.from(document.querySelectorAll('#result_list thead th, .tabular thead th'))
    .map(th => `${th.textContent.trim()}=${Math.round(th.getBoundingClientRect().width)}`)"""


@pytest.fixture
def demo(monkeypatch) -> Meeting:
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.delenv("DEMO_USER_PASSWORD", raising=False)
    call_command("load_demo", verbosity=0)
    return Meeting.objects.get(slug=MEETING_SLUG)


def staff_pages(meeting: Meeting) -> dict[str, str]:
    item = AgendaItem.objects.filter(meeting=meeting, appearances__isnull=False).earliest("pk")
    segment = Segment.objects.filter(agenda_item__meeting=meeting).earliest("pk")
    person = Person.objects.filter(appearances__isnull=False).earliest("pk")
    # A paper with a PDF of several pages, so its page shows the reviewer's pictures.
    document = DocumentFactory(
        meeting=meeting,
        title="International migration and development: the role of the regional commissions",
        organization=Organization.objects.filter(memberships__isnull=False).first(),
    )
    version = VersionFactory(document=document, file_data=samples.pdf(pages=4, mark=True))
    # Made now, as an upload makes them: the live server's threads share one SQLite connection,
    # so a page that writes while its pictures are fetched is a test's race, not a user's.
    version_previews_make(version=version)
    nomination = Nomination.objects.filter(meeting=meeting).earliest("pk")
    registration = Registration.objects.get(meeting=meeting)
    return {
        "index": reverse("admin:index"),
        "meetings": reverse("admin:meetings_meeting_changelist"),
        "meeting": reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        "plan the next edition": reverse("admin:meetings_meeting_clone", args=[meeting.pk]),
        "agenda item": reverse("admin:meetings_agendaitem_change", args=[item.pk]),
        "presentation": reverse("admin:meetings_segment_change", args=[segment.pk]),
        "people": reverse("admin:meetings_person_changelist"),
        "person": reverse("admin:meetings_person_change", args=[person.pk]),
        "documents": reverse("admin:papers_document_changelist"),
        "document": reverse("admin:papers_document_change", args=[document.pk]),
        "nominations": reverse("admin:participants_nomination_changelist"),
        "nomination": reverse("admin:participants_nomination_change", args=[nomination.pk]),
        "registration": reverse("admin:participants_registration_change", args=[registration.pk]),
        "check-in": reverse("participants:checkin", args=[meeting.slug]),
    }


def _screenshots(page: Page, folder: Path, stem: str) -> None:
    """The top of the page, and each inline (the part that used to scroll) on its own."""
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{stem}.png")
    for index, group in enumerate(page.locator(".inline-group").all()):
        if group.is_visible():
            group.screenshot(path=folder / f"{stem}-inline{index}.png")


def overflows(
    page: Page, live_url: str, pages: dict[str, str], width: int, check=None
) -> dict[str, list]:
    """What scrolls sideways on each page at `width` px; screenshots when asked; `check(page)`
    on each page when given (axe-core)."""
    shots = os.environ.get("ADMIN_FIT_SHOTS")
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    for name, path in pages.items():
        response = page.goto(live_url + path)
        assert response is not None
        assert response.status == 200, path
        page.wait_for_load_state("load")
        if check is not None:
            check(page)
        if shots:
            _screenshots(page, Path(shots), f"{name.replace(' ', '-')}-{width}")
        if scrolling := page.evaluate(OVERFLOWS):
            found[name] = scrolling
            if shots:
                print(name, width, page.evaluate(COLUMNS))
    return found


@pytest.mark.browser
def test_admin_pages_fit_1280_pixels_without_sideways_scrolling(
    live_server, page: Page, demo, assert_accessible
):
    log_in(page, live_server.url)
    pages = staff_pages(demo)
    assert overflows(page, live_server.url, pages, 1280, check=assert_accessible) == {}


@pytest.mark.browser
def test_admin_pages_fit_a_768_pixel_tablet(live_server, page: Page, demo):
    """The page never scrolls sideways; an inline's table may scroll inside its own box."""
    log_in(page, live_server.url)
    found = overflows(page, live_server.url, staff_pages(demo), 768)
    if os.environ.get("ADMIN_FIT_SHOTS"):
        print("768:", found)  # what scrolls inside its box, to look at
    whole_pages = {
        name for name, lines in found.items() if any(x.startswith("page") for x in lines)
    }
    assert whole_pages == set()
    # Only the agenda item's people (presentation, person search, role, affiliation, order)
    # and the meeting's sessions (whose name has a tab per language, README "Languages") need
    # more than a tablet's width: their tables scroll inside their own box.
    assert set(found) <= {"agenda item", "meeting"}
    for line in found.get("meeting", []):  # by a few pixels at most
        wide, room = (int(n) for n in re.findall(r"\d+", line))
        assert wide - room <= 16, line


@pytest.mark.browser
@pytest.mark.skipif(not os.environ.get("ADMIN_FIT_SHOTS"), reason="screenshots to look at")
def test_admin_pages_on_a_phone_screenshots(live_server, page: Page, demo):
    """At 390 px only screenshots: a phone is not a place to plan a meeting, but must not break."""
    log_in(page, live_server.url)
    overflows(page, live_server.url, staff_pages(demo), 390)


@pytest.mark.django_db
def test_lists_show_what_decides_and_call_a_segment_a_presentation(client, demo):
    client.force_login(User.objects.get(email="admin@example.org"))
    iom = Organization.objects.get(acronym="IOM")
    paper = DocumentFactory(meeting=demo, organization=iom, title="IOM paper")
    documents = reverse("admin:papers_document_changelist")

    response = client.get(documents)
    assertContains(
        response,
        '<td class="field-organization_name"><span title="International Organization for '
        'Migration" dir="auto">IOM</span></td>',
        html=True,
    )
    assertContains(response, f"{paper.created_at:%-d %b %Y}</time>")
    assertContains(response, 'class="field-meeting')
    filtered = client.get(documents, {"meeting__id__exact": demo.pk})
    assertNotContains(filtered, 'class="field-meeting')

    nominations = client.get(reverse("admin:participants_nomination_changelist"))
    assertContains(nominations, 'class="field-created_at')
    assertNotContains(nominations, 'class="field-decided_at')

    segment = Segment.objects.filter(agenda_item__meeting=demo).earliest("pk")
    page = client.get(reverse("admin:meetings_segment_change", args=[segment.pk]))
    assertContains(page, "<h1>Change presentation</h1>", html=True)
    item = client.get(reverse("admin:meetings_agendaitem_change", args=[segment.agenda_item_id]))
    assertContains(item, "Add another Presentation")
    assertContains(item, '<th class="column-segment">Presentation', count=1)
    assertNotContains(item, 'id="change_id_appearances-0-segment"')  # no popup links
    listing = client.get(reverse("admin:meetings_segment_changelist"))
    assertContains(listing, "Select presentation to change")
