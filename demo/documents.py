"""The reference meeting's documents, loaded by `python manage.py load_demo` after the meeting.

The two General Assembly resolutions the meeting answers to, published and linked to the UN
Official Document System. A document is found by its meeting and symbol and saved only when a
field differs, as every row of the meeting is, so a second run changes nothing.

The document categories come with papers' migrations; they are made again here when missing (a
flushed test database has none), and left alone when present: staff may have renamed them.
"""

from typing import TextIO

from django.db import transaction
from django.utils import timezone

from demo.data import MEETING
from demo.loader import DemoLoad, row_sync
from meetings.models import Meeting
from papers.models import UN_DOCUMENTS_URL, Document, DocumentCategory, DocumentStatus, Language

RESOLUTIONS_CATEGORY = "general-assembly-resolutions"

# The headings of the reference meeting's page, as papers' migrations 0002 and 0003 make them.
CATEGORIES = {
    "contributed-papers": {
        "name": "Contributed papers",
        "order": 10,
        "open_to_submissions": True,
        "notes_unedited": True,
    },
    "other-presentations": {
        "name": "Other presentations",
        "order": 20,
        "open_to_submissions": True,
    },
    "background-documents": {"name": "Background documents", "order": 30},
    "general-assembly-documents": {"name": "General Assembly documents", "order": 40},
    "general-assembly-resolutions": {"name": "General Assembly resolutions", "order": 50},
}

# symbol, title. Both resolutions bear the same title, so each names itself as the UN cites a
# resolution: by number and the date of its adoption (not the later date the document was issued,
# 13 February 2004 for 58/208, which the meeting's own page happens to quote).
RESOLUTIONS = [
    (
        "A/RES/58/208",
        "International migration and development (resolution 58/208 of 23 December 2003)",
    ),
    (
        "A/RES/65/170",
        "International migration and development (resolution 65/170 of 20 December 2010)",
    ),
]


def demo_documents_load(*, stdout: TextIO | None = None) -> DemoLoad:
    """Load the demo documents of the reference meeting (load it first); report to `stdout`.

    Returns what happened to the categories and the documents: how many were created, updated or
    unchanged.
    """
    result = DemoLoad()
    with transaction.atomic():
        categories = {
            slug: row_sync(result, DocumentCategory, {"slug": slug}, {}, defaults=values)
            for slug, values in CATEGORIES.items()
        }
        result.meeting = Meeting.objects.get(slug=MEETING["slug"])
        for symbol, title in RESOLUTIONS:
            row_sync(
                result,
                Document,
                {"meeting": result.meeting, "symbol": symbol},
                {
                    "category": categories[RESOLUTIONS_CATEGORY],
                    "title": title,
                    "language": Language.ENGLISH,
                    "external_url": UN_DOCUMENTS_URL.format(symbol=symbol),
                    "status": DocumentStatus.PUBLISHED,
                },
                defaults={"published_at": timezone.now()},
            )
    if stdout is not None:
        for line in result.count_lines():
            stdout.write(line + "\n")
    return result
