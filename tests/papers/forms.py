"""What the papers forms post, as a browser fills them: one place for every test to start from."""

import uuid

from papers.models import DocumentCategory


def submission_data(**overrides) -> dict:
    """The focal point's submit form, filled in for a contributed paper (add `file=`)."""
    return {
        "category": DocumentCategory.objects.get(slug="contributed-papers").pk,
        "title": "Migration and development",
        "authors_text": "Ana Lopes",
        "language": "en",
        "agenda_item": "",
        "submission_key": str(uuid.uuid4()),
        **overrides,
    }


def document_form(document, **data) -> dict:
    """The admin's change page of `document`, as it was loaded (add `new_file=`); the English
    title is `title_en`, as the admin's language tabs name it."""
    return {
        "title_en": document.title_en,
        "meeting": document.meeting_id,
        "category": document.category_id,
        "organization": document.organization_id or "",
        "language": document.language,
        "authors_text": document.authors_text,
        "symbol": document.symbol,
        "external_url": document.external_url,
        "agenda_item": "",
        "versions-TOTAL_FORMS": "0",
        "versions-INITIAL_FORMS": str(document.versions.count()),
        "versions-MIN_NUM_FORMS": "0",
        "versions-MAX_NUM_FORMS": "1000",
        **data,
    }
