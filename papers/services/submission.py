"""The focal points' side of papers: submit, edit, replace the file, withdraw.

Each write runs in one transaction; files are stored through papers.services.versions, which
removes them again when the write fails. The secretariat hears of a submission once it has
committed.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from accounts.models import Membership, Organization, User
from meetings.models import AgendaItem, Meeting
from papers.models import Document, DocumentCategory, DocumentStatus, DocumentVersion
from papers.services import mail
from papers.services.history import history_record, new_file_message
from papers.services.versions import inspected, version_create
from uploads.filetypes import MB, Inspection
from uploads.filetypes.reading import size_display
from uploads.storing import files_removed_on_failure


class DuplicateSubmission(Exception):
    """The form was sent twice: `document` is what the first send created."""

    def __init__(self, document: Document) -> None:
        super().__init__(document.pk)
        self.document = document


# Checks ----------------------------------------------------------------------------------------


def _check_acts_for(by: User, organization: Organization | None) -> None:
    if (
        organization is None
        or not Membership.objects.filter(user=by, organization=organization).exists()
    ):
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


def _check_quota(
    meeting: Meeting, organization: Organization, *, adding: int, new_document: bool
) -> None:
    """The meeting's limits per organization: papers submitted, and megabytes stored in all.

    Call inside atomic(): the organization's row is locked, so two uploads at once cannot both
    pass the last place.
    """
    Organization.objects.select_for_update().only("pk").get(pk=organization.pk)
    documents = Document.objects.filter(meeting=meeting, organization=organization)
    if new_document:
        count = documents.exclude(status=DocumentStatus.WITHDRAWN).count()
        if count >= meeting.papers_per_organization:
            raise ValidationError(
                _(
                    "%(organization)s has submitted %(count)s papers to this meeting, the most "
                    "one organization may. Withdraw one, or write to the secretariat."
                ),
                code="too_many_papers",
                params={"organization": organization.label, "count": count},
            )
    stored = DocumentVersion.objects.filter(document__in=documents).aggregate(
        total=Coalesce(Sum("size"), 0)
    )["total"]
    limit = meeting.megabytes_per_organization * MB
    if stored + adding > limit:
        raise ValidationError(
            _(
                "With this file, the papers of %(organization)s for this meeting would take "
                "%(total)s; the limit is %(limit)s. Send a smaller file, or write to the "
                "secretariat."
            ),
            code="too_much_storage",
            params={
                "organization": organization.label,
                "total": size_display(stored + adding, rounding="up"),
                "limit": size_display(limit, rounding="down"),
            },
        )


# Writes ----------------------------------------------------------------------------------------


def document_submit(
    *,
    meeting: Meeting,
    organization: Organization,
    category: DocumentCategory,
    title: str,
    authors_text: str,
    language: str,
    agenda_item: AgendaItem | None,
    upload: UploadedFile[bytes],
    by: User,
    submission_key: uuid.UUID | None,
    inspection: Inspection | None = None,
) -> Document:
    """A focal point submits a paper for their organization while the meeting's window is open.

    Raises PermissionDenied when `by` does not act for `organization`, ValidationError when the
    window is closed or a choice or the file is refused, and DuplicateSubmission when a document
    with `submission_key` exists already (the same form sent twice).
    """
    _check_acts_for(by, organization)
    _check_window(meeting)
    _check_choices(meeting, category, agenda_item)
    if submission_key is not None:
        earlier = Document.objects.filter(submission_key=submission_key).first()
        if earlier is not None:
            raise DuplicateSubmission(earlier)
    inspection = inspected(upload, inspection)
    document = Document(
        meeting=meeting,
        organization=organization,
        category=category,
        title=title,
        authors_text=authors_text,
        language=language,
        agenda_item=agenda_item,
        status=DocumentStatus.SUBMITTED,
        submitted_by=by,
        submission_key=submission_key,
    )
    document.full_clean(validate_unique=False)
    try:
        with files_removed_on_failure() as written, transaction.atomic():
            _check_quota(meeting, organization, adding=inspection.size, new_document=True)
            document.save()
            version_create(
                document=document, upload=upload, inspection=inspection, by=by, written=written
            )
            history_record(document=document, by=by, message=_("Submitted."), added=True)
            mail.secretariat_notify(document=document)
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
    upload: UploadedFile[bytes] | None = None,
    inspection: Inspection | None = None,
    file_language: str | None = None,
) -> Document:
    """Change a document's details and/or replace its file, until it is published.

    A new file becomes the next version, in `file_language` (by default the document's): a
    file in another language adds that language, the others kept. Files are accepted while the
    submission window is open or when the secretariat returned the document for changes. A
    returned document goes back to submitted, and the secretariat hears of it.

    A document whose files are all in one language and whose language is corrected has its
    files' language corrected with it: they were the same paper, labelled wrongly.
    """
    _check_acts_for(by, document.organization)
    _check_choices(document.meeting, category, agenda_item, current=document)
    if upload is not None:
        inspection = inspected(upload, inspection)
    with files_removed_on_failure() as written, transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        _check_editable(document)
        if upload is not None and document.status != DocumentStatus.RETURNED:
            _check_window(document.meeting)
        document.category = category
        document.title = title
        document.authors_text = authors_text
        relabelled = language != document.language and set(
            document.versions.values_list("language", flat=True)
        ) == {document.language}
        document.language = language
        document.agenda_item = agenda_item
        resubmitted = document.status == DocumentStatus.RETURNED
        if document.status != DocumentStatus.CHECKING:  # its file is still being checked
            document.status = DocumentStatus.SUBMITTED
        document.full_clean(validate_unique=False)
        if upload is not None and inspection is not None and document.organization is not None:
            _check_quota(
                document.meeting, document.organization, adding=inspection.size, new_document=False
            )
        # Saved before the new file: its check (papers.services.versions) starts from this.
        document.save()
        if relabelled:
            for version in document.versions.all():
                version.language = language
                version.save(update_fields=["language"])
        if upload is not None and inspection is not None:
            version = version_create(
                document=document,
                upload=upload,
                inspection=inspection,
                by=by,
                written=written,
                language=file_language,
            )
            history_record(document=document, by=by, message=new_file_message(document, version))
        if resubmitted:
            history_record(document=document, by=by, message=_("Submitted again."))
            mail.secretariat_notify(document=document)
    return document


def document_withdraw(*, document: Document, by: User) -> Document:
    """The organization takes its document back before it is published."""
    _check_acts_for(by, document.organization)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        _check_editable(document)
        document.status = DocumentStatus.WITHDRAWN
        document.save(update_fields=["status", "updated_at"])
        history_record(document=document, by=by, message=_("Withdrawn by its organization."))
    return document
