"""The reference meeting's documents, loaded by `python manage.py load_demo` after the meeting.

The two General Assembly resolutions the meeting answers to, published and linked to the UN
Official Document System; and its "Organization of work" as a document with a file in English and
one in French, each the programme's own PDF in that language, so a newcomer sees a document in
two languages on `make run`. A document is found by its meeting and symbol and saved only when a
field differs, as every row of the meeting is, so a second run changes nothing.

The document categories come with papers' migrations; they are made again here when missing (a
flushed test database has none), and left alone when present: staff may have renamed them.
"""

import hashlib
from typing import TextIO

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone, translation

from config.pdf import html_to_pdf
from demo.data import MEETING
from demo.loader import DemoLoad, row_sync
from meetings.exports.pdf import pdf_base_url, programme_pdf_html
from meetings.exports.source import exportable_meetings
from meetings.models import Meeting
from papers.models import (
    UN_DOCUMENTS_URL,
    Document,
    DocumentCategory,
    DocumentStatus,
    DocumentVersion,
    FileCheck,
    Language,
)
from uploads.filetypes import inspect_upload, max_upload_size

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


PROGRAMME_CATEGORY = "background-documents"
# "Organization of work" by the UN's terms (UNTERM), in the six languages, named as the printable
# programme: the meeting's page links its programme as "Organization of work" already, and two
# links of one name to different places would confuse a reader.
PROGRAMME_TITLES = {
    "ar": "تنظيم الأعمال (نسخة للطباعة)",
    "zh_hans": "工作安排（打印版）",  # noqa: RUF001 (Chinese takes fullwidth parentheses)
    "en": "Organization of work (printable)",
    "fr": "Organisation des travaux (version imprimable)",
    "ru": "Организация работы (версия для печати)",
    "es": "Organización de los trabajos (versión para imprimir)",
}
PROGRAMME_FILE_LANGUAGES = ("en", "fr")


# The programme PDFs made in this process, by their HTML: loading the demo again (every test
# that needs it does) makes the same programme, whose PDF WeasyPrint takes most of a second to set.
_PDFS: dict[str, bytes] = {}


def _pdf_of(html: str) -> bytes:
    key = hashlib.sha256(f"{pdf_base_url()}\n{html}".encode()).hexdigest()
    if key not in _PDFS:
        if len(_PDFS) >= 2 * len(PROGRAMME_FILE_LANGUAGES):
            _PDFS.clear()  # the last programmes' only: changed ones leave nothing behind
        _PDFS[key] = html_to_pdf(html, base_url=pdf_base_url())
    return _PDFS[key]


def _programme_document(result: DemoLoad, meeting: Meeting, category: DocumentCategory) -> None:
    """The programme as a published document with its PDF in English and in French, made once:
    a document that has files already keeps them (staff may have replaced them)."""
    document = row_sync(
        result,
        Document,
        {"meeting": meeting, "title": PROGRAMME_TITLES["en"]},
        {
            **{f"title_{code}": title for code, title in PROGRAMME_TITLES.items()},
            "category": category,
            "language": Language.ENGLISH,
        },
        defaults={"status": DocumentStatus.PUBLISHED, "published_at": timezone.now()},
    )
    if document.versions.exists():
        return
    exportable = exportable_meetings().filter(pk=meeting.pk).first()
    if exportable is None:  # staff unpublished the meeting: its programme is not exported
        return
    for number, code in enumerate(PROGRAMME_FILE_LANGUAGES, 1):
        with translation.override(code):
            data = _pdf_of(programme_pdf_html(exportable))
        name = f"{meeting.slug}-programme-{code}.pdf"
        upload = SimpleUploadedFile(name, data, content_type="application/pdf")
        inspection = inspect_upload(upload, max_size=max_upload_size(), deep=False)
        # Our own PDF, made here: checked as it is made, public at once.
        version = DocumentVersion(
            document=document,
            number=number,
            language=code,
            is_public=True,
            original_name=name,
            content_type=inspection.kind.content_type,
            size=inspection.size,
            sha256=inspection.sha256,
            page_count=inspection.page_count,
            check_state=FileCheck.CHECKED,
        )
        version.file.save(name, ContentFile(data), save=False)
        version.save()


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
                    "external_url": UN_DOCUMENTS_URL.format(language="en", symbol=symbol),
                    "status": DocumentStatus.PUBLISHED,
                },
                defaults={"published_at": timezone.now()},
            )
        _programme_document(result, result.meeting, categories[PROGRAMME_CATEGORY])
    if stdout is not None:
        for line in result.count_lines():
            stdout.write(line + "\n")
    return result
