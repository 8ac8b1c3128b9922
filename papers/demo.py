"""The reference meeting's documents, loaded by `python manage.py load_demo` after the meeting.

The two General Assembly resolutions the meeting answers to, published and linked to the UN
Official Document System. A document is found by its meeting and symbol and saved only when a
field differs, so a second run changes nothing.

The document categories come with papers' migration 0002; they are made again here when missing
(a flushed test database has none), and left alone when present: staff may have renamed them.
"""

from collections import Counter
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from meetings.demo import MEETING
from meetings.models import Meeting

from .models import UN_DOCUMENTS_URL, Document, DocumentCategory, DocumentStatus, Language

RESOLUTIONS_CATEGORY = "general-assembly-resolutions"

# The headings of the reference meeting's page, as papers' migration 0002 makes them:
# slug: name, order, open to submissions.
CATEGORIES = {
    "contributed-papers": ("Contributed papers", 10, True),
    "other-presentations": ("Other presentations", 20, True),
    "background-documents": ("Background documents", 30, False),
    "general-assembly-documents": ("General Assembly documents", 40, False),
    "general-assembly-resolutions": ("General Assembly resolutions", 50, False),
}

# symbol, title
RESOLUTIONS = [
    ("A/RES/58/208", "International migration and development"),
    ("A/RES/65/170", "International migration and development"),
]


def _categories_load() -> Counter:
    counts: Counter = Counter()
    for slug, (name, order, open_to_submissions) in CATEGORIES.items():
        _category, created = DocumentCategory.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "order": order, "open_to_submissions": open_to_submissions},
        )
        counts["created" if created else "unchanged"] += 1
    return counts


def _line(label: str, counts: Counter) -> str:
    return (
        f"  {label}  {counts['created']} created, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged\n"
    )


def demo_documents_load(*, stdout: TextIO | None = None) -> Counter:
    """Load the demo documents of the reference meeting (load it first); report to `stdout`.

    Returns what happened to the documents: how many were created, updated or unchanged.
    """
    counts: Counter = Counter()
    with transaction.atomic():
        category_counts = _categories_load()
        meeting = Meeting.objects.get(slug=MEETING["slug"])
        category = DocumentCategory.objects.get(slug=RESOLUTIONS_CATEGORY)
        for symbol, title in RESOLUTIONS:
            values = {
                "category": category,
                "title": title,
                "language": Language.ENGLISH,
                "external_url": UN_DOCUMENTS_URL.format(symbol=symbol),
                "status": DocumentStatus.PUBLISHED,
            }
            document = Document.objects.filter(meeting=meeting, symbol=symbol).first()
            if document is None:
                document = Document(meeting=meeting, symbol=symbol, **values)
                outcome = "created"
            else:
                changed = {
                    name: value
                    for name, value in values.items()
                    if getattr(document, name) != value
                }
                if not changed:
                    counts["unchanged"] += 1
                    continue
                for name, value in changed.items():
                    setattr(document, name, value)
                outcome = "updated"
            document.published_at = document.published_at or timezone.now()
            document.full_clean()
            document.save()
            counts[outcome] += 1
    if stdout is not None:
        stdout.write(_line(str(DocumentCategory._meta.verbose_name_plural), category_counts))
        stdout.write(_line(str(Document._meta.verbose_name_plural), counts))
    return counts
