"""The focal points' side of papers: submit, edit, replace the file, withdraw.

Each write runs in one transaction. Files are written through the default storage; when anything
fails after a file was written, the file is deleted again, so a failed upload leaves neither a
half record nor a stray file. The secretariat hears of a submission once it has committed.
"""

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from accounts.models import Membership, Organization, User
from meetings.models import AgendaItem, Meeting
from papers.filetypes import Inspection, inspect_upload, max_upload_size
from papers.models import Document, DocumentCategory, DocumentStatus, DocumentVersion
from papers.thumbnails import make_thumbnail

logger = logging.getLogger(__name__)


class DuplicateSubmission(Exception):
    """The form was sent twice: `document` is what the first send created."""

    def __init__(self, document: Document) -> None:
        super().__init__(document.pk)
        self.document = document


# Checks ----------------------------------------------------------------------------------------


def _check_acts_for(by: User, organization: Organization) -> None:
    if not Membership.objects.filter(user=by, organization=organization).exists():
        raise PermissionDenied(
            _("You are not a focal point of %(organization)s.") % {"organization": organization}
        )


def _check_window(meeting: Meeting) -> None:
    if not (meeting.is_published and meeting.submissions_are_open()):
        raise ValidationError(
            _("Submissions for %(meeting)s are closed."),
            code="submissions_closed",
            params={"meeting": meeting.title},
        )


def _check_editable(document: Document) -> None:
    if not document.is_editable_by_submitter:
        raise ValidationError(
            _("“%(title)s” is %(status)s: it can no longer be changed."),
            code="not_editable",
            params={"title": document.title, "status": document.get_status_display().lower()},
        )


def _check_choices(
    meeting: Meeting,
    category: DocumentCategory,
    agenda_item: AgendaItem | None,
    *,
    current: Document | None = None,
) -> None:
    """A category open to organizations (or the one the secretariat already gave the document)."""
    kept = current is not None and current.category_id == category.pk
    if not (category.open_to_submissions or kept):
        raise ValidationError(
            {"category": _("Organizations cannot submit “%(category)s”.") % {"category": category}}
        )
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Choose an agenda item of this meeting.")})


# Files -----------------------------------------------------------------------------------------


@contextmanager
def _files_removed_on_failure() -> Iterator[list[str]]:
    """Collects the names of files written; deletes them if the block does not complete."""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        for name in written:
            try:
                default_storage.delete(name)
            except OSError:  # the original error matters more
                logger.exception("Could not delete %s after a failed upload", name)
        raise


def _thumbnail(upload: UploadedFile, inspection: Inspection):
    """A PNG preview, or None: a file PDFium cannot draw is still a valid paper."""
    try:
        return make_thumbnail(upload, inspection.kind)
    except ValidationError:
        logger.warning("No thumbnail for %s", inspection.original_name, exc_info=True)
        return None


def _version_create(
    document: Document, upload: UploadedFile, inspection: Inspection, by: User, written: list[str]
) -> DocumentVersion:
    """Store the file (and its thumbnail) as the document's next version; call inside atomic()."""
    thumbnail = _thumbnail(upload, inspection)  # before the file is stored: storing may move it
    Document.objects.select_for_update().only("pk").get(pk=document.pk)  # one number at a time
    last = document.versions.aggregate(last=Max("number"))["last"] or 0
    version = DocumentVersion(
        document=document,
        number=last + 1,
        original_name=inspection.original_name,
        content_type=inspection.kind.content_type,
        size=inspection.size,
        sha256=inspection.sha256,
        page_count=inspection.page_count,
        uploaded_by=by,
    )
    upload.seek(0)
    # Only the extension of this name is used: the stored name is random (version_upload_to).
    version.file.save(f"paper{inspection.kind.extension}", upload, save=False)
    written.append(version.file.name)
    if thumbnail is not None:
        version.thumbnail.save("thumbnail.png", thumbnail, save=False)
        written.append(version.thumbnail.name)
    version.save()
    return version


def _inspected(upload: UploadedFile, inspection: Inspection | None) -> Inspection:
    return inspection or inspect_upload(upload, max_size=max_upload_size())


# Writes ----------------------------------------------------------------------------------------


def version_add(
    *,
    document: Document,
    upload: UploadedFile,
    by: User | None,
    inspection: Inspection | None = None,
) -> DocumentVersion:
    """Add `upload` as the document's next version; earlier versions are kept.

    `inspection` is what inspect_upload() found, when the caller already checked the file;
    otherwise it is checked here (ValidationError if refused).
    """
    inspection = _inspected(upload, inspection)
    with _files_removed_on_failure() as written, transaction.atomic():
        return _version_create(document, upload, inspection, by, written)


def document_submit(
    *,
    meeting: Meeting,
    organization: Organization,
    category: DocumentCategory,
    title: str,
    authors_text: str,
    language: str,
    agenda_item: AgendaItem | None,
    upload: UploadedFile,
    by: User,
    submission_key: uuid.UUID | None,
    inspection: Inspection | None = None,
    request_base_url: str = "",
) -> Document:
    """A focal point submits a paper for their organization while the meeting's window is open.

    Raises PermissionDenied when `by` does not act for `organization`, ValidationError when the
    window is closed or a choice or the file is refused, and DuplicateSubmission when a document
    with `submission_key` exists already (the same form sent twice).
    """
    from papers.services.review import notify_secretariat_of_submission  # review imports us

    _check_acts_for(by, organization)
    _check_window(meeting)
    _check_choices(meeting, category, agenda_item)
    if submission_key is not None:
        earlier = Document.objects.filter(submission_key=submission_key).first()
        if earlier is not None:
            raise DuplicateSubmission(earlier)
    inspection = _inspected(upload, inspection)
    document = Document(
        meeting=meeting,
        organization=organization,
        category=category,
        title=title,
        authors_text=authors_text,
        language=language,
        agenda_item=agenda_item,
        status=DocumentStatus.SUBMITTED,
        review_reasons="\n".join(inspection.review_reasons),
        submitted_by=by,
        submission_key=submission_key,
    )
    document.full_clean(validate_unique=False)
    try:
        with _files_removed_on_failure() as written, transaction.atomic():
            document.save()
            _version_create(document, upload, inspection, by, written)
            notify_secretariat_of_submission(document=document, request_base_url=request_base_url)
    except IntegrityError:
        # Sent twice at the same moment: the other request saved first.
        earlier = Document.objects.filter(submission_key=submission_key).first()
        if submission_key is None or earlier is None:
            raise
        raise DuplicateSubmission(earlier) from None
    return document


def document_update(
    *,
    document: Document,
    by: User,
    category: DocumentCategory,
    title: str,
    authors_text: str,
    language: str,
    agenda_item: AgendaItem | None,
    upload: UploadedFile | None = None,
    inspection: Inspection | None = None,
    request_base_url: str = "",
) -> Document:
    """Change a document's details and/or replace its file, until it is published.

    A new file becomes the next version, and while the submission window is open or when the
    secretariat returned the document for changes. A returned document goes back to submitted,
    and the secretariat hears of it.
    """
    from papers.services.review import notify_secretariat_of_submission  # review imports us

    _check_acts_for(by, document.organization)
    _check_choices(document.meeting, category, agenda_item, current=document)
    if upload is not None:
        inspection = _inspected(upload, inspection)
    with _files_removed_on_failure() as written, transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        _check_editable(document)
        if upload is not None and document.status != DocumentStatus.RETURNED:
            _check_window(document.meeting)
        document.category = category
        document.title = title
        document.authors_text = authors_text
        document.language = language
        document.agenda_item = agenda_item
        if upload is not None:
            _version_create(document, upload, inspection, by, written)
            document.review_reasons = "\n".join(inspection.review_reasons)
        resubmitted = document.status == DocumentStatus.RETURNED
        document.status = DocumentStatus.SUBMITTED
        document.full_clean(validate_unique=False)
        document.save()
        if resubmitted:
            notify_secretariat_of_submission(document=document, request_base_url=request_base_url)
    return document


def document_withdraw(*, document: Document, by: User) -> Document:
    """The organization takes its document back before it is published."""
    _check_acts_for(by, document.organization)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        _check_editable(document)
        document.status = DocumentStatus.WITHDRAWN
        document.save(update_fields=["status", "updated_at"])
    return document
