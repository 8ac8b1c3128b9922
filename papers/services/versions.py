"""File versions: every stored file of a document passes here, the admin's and the public's alike.

A version is stored with what the check of its file found (kind, size, checksum, pages, review
reasons), so a fact about a file lives on the file's own row. Files are written through the
default storage; when anything fails after a file was written, it is deleted again, so a failed
upload leaves neither a half record nor a stray file.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.db.models.fields.files import FieldFile

from accounts.models import User
from papers.models import Document, DocumentStatus, DocumentVersion, FileCheck
from papers.services.checking import needs_check
from papers.tasks import version_check_enqueue
from uploads.filetypes import Inspection, inspect_upload, max_upload_size
from uploads.filetypes.images import image_without_metadata
from uploads.storing import files_removed_on_failure

logger = logging.getLogger(__name__)

# What the check of a version may change on its document (status, and a publication).
DECISION_FIELDS = ("status", "decided_by", "decided_at", "published_at")


def inspected(upload: UploadedFile[bytes], inspection: Inspection | None) -> Inspection:
    """What inspect_upload() finds, unless the caller's form already checked the file. The deep
    check of a PDF is left to the background check (papers.services.checking)."""
    return inspection or inspect_upload(upload, max_size=max_upload_size(), deep=False)


def _store(field_file: FieldFile, filename: str, content: File[bytes], written: list[str]) -> None:
    """Save `content` under the field's generated name. The name is noted in `written` before
    the storage is called, so a storage that fails half-way (a full disk) leaves no partial
    file behind: files_removed_on_failure() deletes it."""
    name = field_file.field.generate_filename(field_file.instance, filename)
    while field_file.storage.exists(name):  # a generated name is random: this never loops twice
        name = field_file.field.generate_filename(field_file.instance, filename)
    written.append(name)
    content.seek(0)
    stored = field_file.storage.save(name, content, max_length=field_file.field.max_length)
    if stored != name:
        written.append(stored)
    field_file.name = stored


def _stored_content(upload: File[bytes], inspection: Inspection) -> File[bytes]:
    """What is stored of an upload: the file itself, or for an image the image without its
    metadata (EXIF, XMP, IPTC: GPS position, author, camera)."""
    if inspection.kind.key in ("png", "jpeg"):
        return ContentFile(image_without_metadata(upload, inspection.kind))
    return upload


def version_create(
    *,
    document: Document,
    upload: File[bytes],
    inspection: Inspection,
    by: User | None,
    written: list[str],
    language: str | None = None,
    publish_by: User | None = None,
) -> DocumentVersion:
    """Store the file as the document's next version, its file in `language` (by default the
    document's own); call inside atomic(), with `document` saved (its check starts from what
    is stored). Version numbers count across the document's languages.

    A PDF or an image is stored "being checked": its check, thumbnail and the reviewer's
    pictures of its first pages are made by the background task (papers.tasks), queued here in
    the same transaction. A document submitted, awaiting review, is then "being checked" until
    the task is done. `publish_by`: publish it when the check passes with nothing to look at.

    The names of the files stored are added to `written`, for files_removed_on_failure().
    """
    checking = needs_check(inspection.kind)
    content = _stored_content(upload, inspection)
    size, sha256 = inspection.size, inspection.sha256
    if content is not upload:  # the facts of the file as stored, which is what is downloaded
        data = content.read()
        size, sha256 = len(data), hashlib.sha256(data).hexdigest()
    Document.objects.select_for_update().only("pk").get(pk=document.pk)  # one number at a time
    last = document.versions.aggregate(last=Max("number"))["last"] or 0
    version = DocumentVersion(
        document=document,
        number=last + 1,
        language=language or document.language,
        original_name=inspection.original_name,
        content_type=inspection.kind.content_type,
        size=size,
        sha256=sha256,
        page_count=inspection.page_count,
        # A file checked in the background gets its review reasons from that check alone.
        review_reasons="" if checking else "\n".join(inspection.review_reasons),
        check_state=FileCheck.CHECKING if checking else FileCheck.CHECKED,
        uploaded_by=by,
    )
    # Only the extension of this name is used: the stored name is random (version_upload_to).
    _store(version.file, f"paper{inspection.kind.extension}", content, written)
    version.save()
    if checking:
        if version_check_enqueue(version=version, publish_by=publish_by):
            # Checked already (the immediate backend): the caller sees what it changed, and
            # the pictures it stored go if this transaction fails after all.
            written.extend(version.preview_pages)
            if version.thumbnail:
                written.append(str(version.thumbnail.name))
            document.refresh_from_db(fields=[*DECISION_FIELDS])
            if hasattr(document, "version_list"):  # a publication changed which are public
                public = set(document.versions.filter(is_public=True).values_list("pk", flat=True))
                for listed in document.version_list:
                    listed.is_public = listed.pk in public
        elif document.status == DocumentStatus.SUBMITTED:
            # Queued: it waits for the worker. (The task runs once this transaction commits.)
            document.status = DocumentStatus.CHECKING
            Document.objects.filter(pk=document.pk).update(status=DocumentStatus.CHECKING)
    # A document read with with_versions() now has this one as its current version.
    if hasattr(document, "version_list"):
        document.version_list = [version, *document.version_list]
    return version


def version_add(
    *,
    document: Document,
    upload: UploadedFile[bytes],
    by: User | None,
    inspection: Inspection | None = None,
    language: str | None = None,
) -> DocumentVersion:
    """Add `upload` as the document's next version, its file in `language` (by default the
    document's own); earlier versions are kept.

    `inspection` is what inspect_upload() found, when the caller already checked the file;
    otherwise it is checked here (ValidationError if refused). What the check found, review
    reasons included, is stored on the version.
    """
    inspection = inspected(upload, inspection)
    with files_removed_on_failure() as written, transaction.atomic():
        return version_create(
            document=document,
            upload=upload,
            inspection=inspection,
            by=by,
            written=written,
            language=language,
        )
