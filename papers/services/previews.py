"""The reviewer's pictures of a version's first pages (DocumentVersion.preview_pages).

They are made once per version: when the version is stored (papers.services.versions), or, for a
version stored before they existed, the first time a reviewer opens its document in the back
office (version_previews_make, also run by `make_review_previews`). Making them never fails an
upload: a file PDFium cannot draw, or a storage that refuses them, is logged and the version is
stored without them. They are written through the default storage, under generated names, and
go when their version goes.
"""

from __future__ import annotations

import logging
import uuid
from functools import partial

from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import transaction

from papers.models import DocumentVersion, FileCheck
from uploads.filetypes import ALLOWED_KINDS, FileKind
from uploads.pictures import make_review_pages
from uploads.storing import files_removed_on_failure

logger = logging.getLogger(__name__)

# The kinds of file that have pictures: PDFs and images. Office documents have none.
PREVIEW_KINDS = {
    kind.content_type: kind for key, kind in ALLOWED_KINDS.items() if key in ("pdf", "png", "jpeg")
}


def has_review_pages(version: DocumentVersion) -> bool:
    """Whether pictures can be made of the version's file (a PDF or an image)."""
    return version.content_type in PREVIEW_KINDS


def review_pages(
    upload: File[bytes] | str, kind: FileKind, *, name: str
) -> list[ContentFile[bytes]]:
    """The pictures of the first pages, or [] (and a log line) when they cannot be made."""
    try:
        return make_review_pages(upload, kind)
    except Exception:  # a paper PDFium cannot draw is still a paper: the upload goes on
        logger.warning("No review pages for %s", name, exc_info=True)
        return []


def _preview_name() -> str:
    return f"papers/previews/{uuid.uuid4().hex}.png"


def review_pages_store(pages: list[ContentFile[bytes]], written: list[str]) -> list[str]:
    """Store `pages` through the default storage; their names, or [] if the storage refused one
    (then none of them is kept). Each name is noted in `written` before it is written, for
    files_removed_on_failure()."""
    names: list[str] = []
    try:
        for page in pages:
            name = _preview_name()
            written.append(name)
            names.append(name)
            stored = default_storage.save(name, page)
            if stored != name:
                written.append(stored)
                names[-1] = stored
    except OSError:
        logger.warning("Review pages not stored", exc_info=True)
        for name in names:
            _delete_quietly(name)
            written.remove(name)
        return []
    return names


def _delete_quietly(name: str) -> None:
    try:
        default_storage.delete(name)
    except OSError:
        logger.exception("Could not delete %s", name)


def version_previews_make(*, version: DocumentVersion) -> list[str]:
    """The version's pictures, made and saved now if it has none yet; made once, however many
    reviewers open the page at the same time. [] for an Office file or a file that cannot be
    drawn."""
    if version.preview_pages or not has_review_pages(version):
        return list(version.preview_pages)
    if version.check_state != FileCheck.CHECKED:
        # Being checked (its pictures are on their way) or a file that crashed the check: it
        # is never drawn here, in the reviewer's request.
        return []
    kind = PREVIEW_KINDS[version.content_type]
    with files_removed_on_failure() as written, transaction.atomic():
        locked = DocumentVersion.objects.select_for_update().get(pk=version.pk)
        if not locked.preview_pages:
            try:
                with version.file.open("rb") as opened:
                    pages = review_pages(opened, kind, name=version.original_name)
            except OSError:  # the file is missing from the storage
                logger.warning("No file for %s", version, exc_info=True)
                pages = []
            locked.preview_pages = review_pages_store(pages, written)
            if locked.preview_pages:
                locked.save(update_fields=["preview_pages"])
    version.preview_pages = locked.preview_pages
    return list(version.preview_pages)


def version_previews_delete(*, version: DocumentVersion) -> None:
    """Forget the version's pictures and delete their files once the transaction commits (a
    rollback keeps them, as it keeps the row that names them)."""
    names, version.preview_pages = version.preview_pages, []
    if version.pk is not None and DocumentVersion.objects.filter(pk=version.pk).exists():
        version.save(update_fields=["preview_pages"])
    for name in names:
        transaction.on_commit(partial(_delete_quietly, name), robust=True)
