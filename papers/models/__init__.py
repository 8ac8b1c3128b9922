"""Papers' models, one module each; Django and the rest of Plenary import them from here."""

from papers.models.categories import DocumentCategory
from papers.models.choices import DocumentStatus, FileCheck, Language, can_see_all_documents
from papers.models.documents import (
    UN_DOCUMENTS_URL,
    Document,
    DocumentQuerySet,
    validate_un_symbol,
)
from papers.models.versions import DocumentVersion, thumbnail_upload_to, version_upload_to

__all__ = [
    "UN_DOCUMENTS_URL",
    "Document",
    "DocumentCategory",
    "DocumentQuerySet",
    "DocumentStatus",
    "DocumentVersion",
    "FileCheck",
    "Language",
    "can_see_all_documents",
    "thumbnail_upload_to",
    "validate_un_symbol",
    "version_upload_to",
]
