"""Files the secretariat adds itself: a new version of a document, or several documents at once.

Files pass the same checks and the same version store as the focal points' uploads
(papers.services.versions). Nobody is mailed: staff added them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from meetings.models import Meeting
from papers.models import Document, DocumentCategory, DocumentStatus, DocumentVersion
from papers.services.checking import needs_check
from papers.services.history import history_record, new_file_message
from papers.services.review import decision_mark
from papers.services.versions import inspected, version_create
from uploads.filetypes import Inspection, inspect_upload, max_upload_size
from uploads.refusals import upload_refusal_record
from uploads.storing import files_removed_on_failure


def document_file_replace(
    *,
    document: Document,
    upload: UploadedFile[bytes],
    by: User,
    inspection: Inspection | None = None,
    language: str | None = None,
) -> DocumentVersion:
    """Staff put a new file on a document, in `language` (by default the document's own): the
    next version, earlier ones kept. A file in another language adds that language.

    What the public reads does not change: on a published document the new version waits until
    someone publishes it (papers.services.review.document_publish).
    """
    inspection = inspected(upload, inspection)
    with files_removed_on_failure() as written, transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        version = version_create(
            document=locked,
            upload=upload,
            inspection=inspection,
            by=by,
            written=written,
            language=language,
        )
        message = new_file_message(locked, version)
        if locked.is_published:
            message += " " + _("It waits for review; the published version stays public.")
        history_record(document=locked, by=by, message=message)
    return version


def title_from_file_name(name: str) -> str:
    """ "Report on migration.final.pdf" gives "Report on migration.final"."""
    stem, dot, _suffix = name.rpartition(".")
    return (stem if dot and stem.strip() else name).strip()


def _inspect_all(
    files: Iterable[UploadedFile[bytes]], by: User
) -> list[tuple[UploadedFile[bytes], Inspection]]:
    """Every file checked before anything is stored; one error lists each refused file."""
    checked: list[tuple[UploadedFile[bytes], Inspection]] = []
    errors: list[ValidationError] = []
    max_size = max_upload_size()
    for upload in files:
        try:
            checked.append((upload, inspect_upload(upload, max_size=max_size, deep=False)))
        except ValidationError as error:
            upload_refusal_record(upload=upload, reasons=error.messages, by=by, organization=None)
            errors.extend(
                ValidationError(
                    _("%(name)s: %(message)s"),
                    code="file_refused",
                    params={"name": upload.name or _("(no name)"), "message": message},
                )
                for message in error.messages
            )
    if errors:
        raise ValidationError(errors)
    if not checked:
        raise ValidationError(_("Choose at least one file."), code="no_files")
    return checked


def documents_add_many(
    *,
    meeting: Meeting,
    category: DocumentCategory,
    organization: Organization | None,
    language: str,
    files: Sequence[UploadedFile[bytes]],
    by: User,
    publish: bool,
) -> list[Document]:
    """One document per file, titled after the file's name; all of them, or none.

    Each file passes inspect_upload(); a refused file raises ValidationError naming it and
    nothing is stored. With `publish`, documents are published once their file is checked (at
    once for Office files), except those whose file needs a careful look: they stay submitted,
    for review.
    """
    checked = _inspect_all(files, by)
    documents: list[Document] = []
    with files_removed_on_failure() as written, transaction.atomic():
        for upload, inspection in checked:
            document = Document(
                meeting=meeting,
                category=category,
                organization=organization,
                language=language,
                title=title_from_file_name(inspection.original_name)[:300],
                status=DocumentStatus.SUBMITTED,
            )
            document.full_clean()
            document.save()
            history_record(
                document=document,
                by=by,
                message=_("Added with others from “%(name)s”.")
                % {"name": inspection.original_name},
                added=True,
            )
            # A file checked in the background is published by its check, if that finds nothing
            # to look at (papers.services.checking); until then it is "being checked".
            version = version_create(
                document=document,
                upload=upload,
                inspection=inspection,
                by=by,
                written=written,
                publish_by=by if publish else None,
            )
            if publish and not needs_check(inspection.kind) and not inspection.review_reasons:
                fields = decision_mark(
                    document, status=DocumentStatus.PUBLISHED, by=by, public=[version]
                )
                document.save(update_fields=fields)
                history_record(document=document, by=by, message=_("Published."))
            documents.append(document)
    return documents
