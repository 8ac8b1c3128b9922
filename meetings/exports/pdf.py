"""The printable "Organization of work": the released programme on A4, made with WeasyPrint.

It is made from public_programme(meeting), the data the programme page renders, so the PDF
reads like the page: day and session headings, Roman numerals, "(continued)", presentations
with their speakers, moderators and chairs, "Name withheld" for an erased person. The page's
print stylesheet (static/css/print.css) prints the page itself just as well.

The template (meetings/programme_pdf.html) carries its own CSS: a running header with the
meeting's title and the day, "Page 3 of 12" in the footer, headings kept with what follows,
PDF bookmarks for days and sessions, the documents filed under each item. Rendering asks only
for those documents: the meeting comes from exportable_meeting() with its latest version, and
the released programme is read from it.
"""

from typing import Any

from django.urls import reverse
from django.utils.translation import get_language

from config.links import absolute_url
from config.pdf import html_to_pdf, page_number_content, pdf_html
from meetings.extensions import item_links_for
from meetings.models import Meeting
from meetings.models.versions import latest_version_of
from meetings.programme import Programme

from .source import public_programme

TEMPLATE = "meetings/programme_pdf.html"
# Part of the cache's key: raise it when the template changes, so that no PDF made by the
# previous one is served until its meeting next changes.
LAYOUT = 2


def programme_pdf_kind() -> str:
    """The cache's name for this export: one PDF per layout and language it is read in."""
    return f"programme-pdf:{LAYOUT}:{get_language()}"


def programme_pdf_filename(meeting: Meeting) -> str:
    return f"{meeting.slug}-programme.pdf"


def numeral_hang(programme: Programme) -> str:
    """How far an item's title stands in from its numeral ("XXXVIII." needs more than "IV."):
    in the item's bold 10 pt type a numeral's capital takes up to 7 pt, and its point 3."""
    entries = [item for day in programme.days for s in day.sessions for item in s.items]
    longest = max((len(entry.numeral) for entry in [*entries, *programme.unscheduled]), default=0)
    return f"{max(30, 7 * longest + 9)}pt"


def programme_pdf_context(meeting: Meeting) -> dict[str, Any]:
    version = latest_version_of(meeting)
    programme = public_programme(meeting)
    # The documents filed under each item, as the page lists them (one or two queries).
    programme.add_item_links(item_links_for(meeting))
    page = reverse("meetings:programme", kwargs={"slug": meeting.slug})
    return {
        "meeting": meeting,
        "programme": programme,
        "hang": numeral_hang(programme),
        "version": version,
        "programme_url": absolute_url(page),
        "page_number_content": page_number_content(),
    }


def programme_pdf(meeting: Meeting) -> bytes:
    """The PDF of a meeting from exportable_meetings() (no query when it has a version)."""
    return html_to_pdf(programme_pdf_html(meeting), base_url=pdf_base_url())


def programme_pdf_html(meeting: Meeting) -> str:
    """The HTML the programme's PDF is made from."""
    return pdf_html(TEMPLATE, programme_pdf_context(meeting))


def pdf_base_url() -> str:
    # Relative links (a speaker's page) are made absolute: the PDF is read away from the site.
    return absolute_url("/")
