"""Copying a meeting's documents to its next edition, when the staff member planning it asks.

What is copied is the Secretariat's own documents (those of no organization: the concept note,
the agenda, the programme, the mandates), which the next edition starts from and updates. The
papers organizations contributed belong to the edition they were written for and stay there;
rejected and withdrawn documents stay too. Each copy is an unpublished draft waiting for
review, with its title in every language and the current file of each language stored again
under a new name (deleting one file never touches the other), with its own thumbnail and review
pictures.
"""

from __future__ import annotations

import logging

from django.core.files.base import File
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from config.content_languages import every_language
from meetings.models import Meeting
from papers.models import Document, DocumentStatus, DocumentVersion
from papers.services.history import history_record
from papers.services.versions import version_create
from uploads.filetypes import ALLOWED_KINDS, Inspection
from uploads.storing import files_removed_on_failure

logger = logging.getLogger(__name__)

KINDS = {kind.content_type: kind for kind in ALLOWED_KINDS.values()}


def documents_to_copy(meeting: Meeting) -> QuerySet[Document]:
    """The documents of `meeting` its next edition may start from: the Secretariat's own."""
    return (
        Document.objects.filter(meeting=meeting, organization__isnull=True)
        .exclude(status__in=[DocumentStatus.REJECTED, DocumentStatus.WITHDRAWN])
        .select_related("category", "agenda_item")
        .prefetch_related("authors")
        .with_versions()
        .order_by("pk")
    )


def _version_copy(
    *, document: Document, version: DocumentVersion, by: User | None, written: list[str]
) -> DocumentVersion | None:
    """The file of `version` stored again as `document`'s next version, in its language, with
    what its check found; None (and a log line) when the file is missing from the storage."""
    inspection = Inspection(
        kind=KINDS[version.content_type],
        size=version.size,
        sha256=version.sha256,
        page_count=version.page_count,
        review_reasons=tuple(version.review_reasons.splitlines()),
        original_name=version.original_name,
    )
    try:
        opened = version.file.open("rb")
    except FileNotFoundError:
        logger.warning("Not copied, the file is missing: %s", version, exc_info=True)
        return None
    with opened:
        return version_create(
            document=document,
            upload=File(opened, name=version.original_name),
            inspection=inspection,
            by=by,
            written=written,
            language=version.language,
        )


def documents_copy(*, original: Meeting, copy: Meeting, by: User | None) -> list[str]:
    """Copy the Secretariat's documents of `original` to `copy` (its next edition, whose agenda
    items were copied in the same order) as drafts; the lines say what was copied, for the
    copy's record."""
    items = dict(
        zip(
            original.agenda_items.order_by("order", "pk").values_list("pk", flat=True),
            copy.agenda_items.order_by("order", "pk"),
            strict=False,
        )
    )
    copied = 0
    with files_removed_on_failure() as written, transaction.atomic():
        for document in documents_to_copy(original):
            new = Document.objects.create(
                meeting=copy,
                category=document.category,
                **{field: getattr(document, field) for field in every_language("title")},
                authors_text=document.authors_text,
                organization=None,
                language=document.language,
                agenda_item=items.get(document.agenda_item_id),
                symbol=document.symbol,
                external_url=document.external_url,
                status=DocumentStatus.SUBMITTED,
            )
            new.authors.set(document.authors.all())
            for version in document.current_versions:
                _version_copy(document=new, version=version, by=by, written=written)
            history_record(
                document=new,
                by=by,
                message=_("Copied from “%(meeting)s” as a draft to update.")
                % {"meeting": original.title},
                added=True,
            )
            copied += 1
    if not copied:
        return [_("No documents to copy.")]
    return [
        ngettext(
            "%(count)d document copied as a draft.", "%(count)d documents copied as drafts.", copied
        )
        % {"count": copied}
    ]
