"""Printing the public pages (static/css/print.css): Chromium prints the programme page to A4
the way the PDF programme reads, numerals and "(continued)" included, without the site's chrome.
The printed PDF is read back with pypdf."""

import io
import re

import pypdf
import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page

from meetings.models import AgendaItem, Appearance, Meeting
from papers.models import Document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TENTH = "tenth-coordination-meeting"
NUMERALS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
# What the site shows around a page's content, none of which belongs on paper.
CHROME = [
    "Skip to main content",
    "Log in",
    "Published with Plenary",
    "Overview",
    "What changed",
    "Read the programme",
    "Submit a paper",
]


@pytest.fixture
def tenth() -> Meeting:
    call_command("load_demo", verbosity=0)
    return Meeting.objects.get(slug=TENTH)


def printed_pages(page: Page, url: str) -> list[str]:
    """The page at `url` printed on A4: the text of each sheet, whitespace squeezed."""
    page.goto(url)
    page.emulate_media(media="print")
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [re.sub(r"\s+", " ", sheet.extract_text()).strip() for sheet in reader.pages]


def printed(page: Page, url: str) -> tuple[str, int]:
    """The printed text of all sheets, and how many there are."""
    sheets = printed_pages(page, url)
    return " ".join(sheets), len(sheets)


def test_the_printed_programme_keeps_numerals_and_drops_the_chrome(
    live_server, page, assert_accessible, tenth
):
    url = live_server.url + reverse("meetings:programme", kwargs={"slug": tenth.slug})
    page.goto(url)
    assert_accessible(page)

    sheets = printed_pages(page, url)
    text, pages = " ".join(sheets), len(sheets)

    assert pages > 1
    # Page numbers in a margin box of each sheet, from print.css's @page rules.
    for number, sheet in enumerate(sheets, start=1):
        assert sheet.startswith(f"{number} / {pages} ") or sheet.endswith(f" {number} / {pages}")
    assert tenth.title in sheets[0]
    for chrome in CHROME:
        assert chrome not in text
    assert "Organization of work" in text
    assert re.search(r"Version \d+, \d+ \w+ 20\d\d", text)
    position = 0
    for date in sorted(set(tenth.sessions.values_list("date", flat=True))):
        heading = f"{date:%A}, {date.day} {date:%B %Y}"
        position = text.index(heading, position)
    items = AgendaItem.objects.filter(meeting=tenth).order_by("order", "pk")
    for numeral, item in zip(NUMERALS, items, strict=False):
        assert f"{numeral}. {item.title}" in text
    continued = sum(item.sessions.count() - 1 for item in items)
    assert text.count("(continued)") == continued > 0
    for appearance in Appearance.objects.filter(agenda_item__meeting=tenth):
        assert appearance.person.display_name in text
    # Links print as text, with no address after them.
    assert "/people/" not in text
    assert "http" not in text


def test_printed_text_is_black_on_white(live_server, page, tenth):
    page.goto(live_server.url + reverse("meetings:programme", kwargs={"slug": tenth.slug}))
    page.emulate_media(media="print")

    styles = page.evaluate(
        """() => [".programme-version", ".agenda-entries a", ".session-room, .session-name",
                  "h1", "body"].map(selector => {
            const style = getComputedStyle(document.querySelector(selector));
            return [style.color, style.backgroundColor];
        })"""
    )
    for color, background in styles:
        assert color == "rgb(0, 0, 0)"
        assert background in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    hidden = page.evaluate(
        """() => [".site-header", ".site-footer", ".meeting-tabs", ".skip-link"].map(
            selector => getComputedStyle(document.querySelector(selector)).display)"""
    )
    assert hidden == ["none"] * 4


def test_the_other_public_pages_print_their_content_only(live_server, page, tenth):
    person = Appearance.objects.filter(agenda_item__meeting=tenth).first().person
    document = Document.objects.filter(meeting=tenth).order_by("pk").first()
    pages = {
        tenth.get_absolute_url(): tenth.title,
        person.get_absolute_url(): person.display_name,
        reverse("papers:document_detail", kwargs={"pk": document.pk}): document.title,
    }
    for path, heading in pages.items():
        text, _count = printed(page, live_server.url + path)
        assert heading in text, path
        for chrome in CHROME:
            assert chrome not in text, (path, chrome)
    meeting_text, _count = printed(page, live_server.url + tenth.get_absolute_url())
    assert "Documents" in meeting_text
    assert document.title in meeting_text
