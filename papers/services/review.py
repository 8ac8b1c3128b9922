"""The secretariat's side of papers: publish, return, reject, add several at once, and the mail.

Every write runs in one transaction on a locked document row; mail leaves only once it has
committed. A document whose file raised review reasons (a PDF with JavaScript, say) is never
published unless a person says they have looked at it.
"""

from collections.abc import Iterable, Sequence
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Organization, User
from meetings.models import Meeting
from papers.filetypes import Inspection, inspect_upload, max_upload_size
from papers.models import Document, DocumentCategory, DocumentStatus, DocumentVersion
from papers.services.submission import version_add

SECRETARIAT_GROUP = "Secretariat"

# Which statuses each decision may start from. A withdrawn document stays withdrawn: its
# organization took it back.
PUBLISH_FROM = {DocumentStatus.SUBMITTED, DocumentStatus.RETURNED, DocumentStatus.REJECTED}
RETURN_FROM = {DocumentStatus.SUBMITTED, DocumentStatus.PUBLISHED, DocumentStatus.REJECTED}
REJECT_FROM = {DocumentStatus.SUBMITTED, DocumentStatus.RETURNED, DocumentStatus.PUBLISHED}


# Mail ------------------------------------------------------------------------------------------


def _absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path if base_url else path


def _send(template: str, context: dict, recipients: Sequence[str]) -> None:
    """Render papers/email/<template>_subject.txt and <template>.txt and send one message."""
    if not recipients:
        return
    subject = render_to_string(f"papers/email/{template}_subject.txt", context)
    subject = " ".join(subject.split())
    body = render_to_string(f"papers/email/{template}.txt", context)
    EmailMessage(subject, body, to=list(recipients)).send()


def submitter_addresses(document: Document) -> list[str]:
    """Who hears about a decision: the person who submitted, else the organization's members."""
    submitter = document.submitted_by
    if submitter is not None and submitter.is_active and submitter.email:
        return [submitter.email]
    if document.organization_id is None:
        return []
    members = Membership.objects.members_of(document.organization).order_by("email")
    return list(members.values_list("email", flat=True))


def secretariat_addresses() -> list[str]:
    """PAPERS_SECRETARIAT_EMAIL when set (an address or a list), else the group's active members."""
    configured = getattr(settings, "PAPERS_SECRETARIAT_EMAIL", None)
    if configured:
        return [configured] if isinstance(configured, str) else list(configured)
    members = User.objects.filter(groups__name=SECRETARIAT_GROUP, is_active=True).exclude(email="")
    return list(members.order_by("email").values_list("email", flat=True).distinct())


def _mail_submitters(template: str, document: Document, request_base_url: str) -> None:
    document = Document.objects.select_related("meeting", "organization", "submitted_by").get(
        pk=document.pk
    )
    context = {
        "document": document,
        "meeting": document.meeting,
        "comment": document.review_comment,
        "document_url": _absolute(request_base_url, document.get_absolute_url()),
        "submissions_url": _absolute(request_base_url, reverse("papers:my_submissions")),
    }
    _send(template, context, submitter_addresses(document))


def _mail_secretariat(document: Document, request_base_url: str) -> None:
    document = Document.objects.select_related(
        "meeting", "category", "organization", "submitted_by"
    ).get(pk=document.pk)
    context = {
        "document": document,
        "meeting": document.meeting,
        "version": document.current_version,
        "review_url": _absolute(
            request_base_url, reverse("admin:papers_document_change", args=[document.pk])
        ),
    }
    _send("submitted", context, secretariat_addresses())


def notify_secretariat_of_submission(*, document: Document, request_base_url: str = "") -> None:
    """Tell the secretariat a paper waits for review, once the current transaction commits.

    `request_base_url` is the site's root ("https://host/"); without it the link is a path.
    """
    transaction.on_commit(partial(_mail_secretariat, document, request_base_url), robust=True)


# Decisions -------------------------------------------------------------------------------------


def _locked(document: Document) -> Document:
    return Document.objects.select_for_update().get(pk=document.pk)


def _check_status(document: Document, allowed: set[str], message: str) -> None:
    if document.status not in allowed:
        raise ValidationError(
            message,
            code="status",
            params={"title": document.title, "status": document.get_status_display().lower()},
        )


def review_reasons_error(document: Document) -> ValidationError:
    return ValidationError(
        _(
            "“%(title)s” needs a careful look before it is published: %(reasons)s Confirm that "
            "you have checked the file to publish it anyway."
        ),
        code="review_reasons",
        params={"title": document.title, "reasons": " ".join(document.review_reasons.split())},
    )


def document_publish(
    *,
    document: Document,
    by: User,
    acknowledge_review_reasons: bool = False,
    expected_version: int | None = None,
    request_base_url: str = "",
) -> Document:
    """Publish a document, and tell its submitters with the public link once committed.

    `expected_version` is the version number the person publishing looked at: when a newer file
    has arrived since, nothing is published (ValidationError), so no file goes out unseen.

    A document with review reasons needs `acknowledge_review_reasons=True`: the person publishing
    has looked at the file. Raises ValidationError otherwise, or when the document is already
    published or was withdrawn.
    """
    with transaction.atomic():
        document = _locked(document)
        _check_status(
            document, PUBLISH_FROM, _("“%(title)s” cannot be published: it is %(status)s.")
        )
        if document.review_reasons.strip() and not acknowledge_review_reasons:
            raise review_reasons_error(document)
        current = document.versions.order_by("-number").values_list("number", flat=True).first()
        if expected_version is not None and current != expected_version:
            raise ValidationError(
                _(
                    "Version %(current)s of “%(title)s” arrived after you looked at version "
                    "%(expected)s: look at it before publishing."
                ),
                code="version_changed",
                params={"current": current, "expected": expected_version, "title": document.title},
            )
        if not (document.external_url or document.versions.exists()):
            raise ValidationError(
                _("“%(title)s” has neither a file nor an external link to publish."),
                code="nothing_to_publish",
                params={"title": document.title},
            )
        document.status = DocumentStatus.PUBLISHED
        document.published_at = timezone.now()
        document.save(update_fields=["status", "published_at", "updated_at"])
        transaction.on_commit(
            partial(_mail_submitters, "published", document, request_base_url), robust=True
        )
    return document


def _decide(
    document: Document,
    *,
    status: str,
    allowed: set[str],
    refusal: str,
    comment: str,
    template: str,
    request_base_url: str,
) -> Document:
    comment = comment.strip()
    if not comment:
        raise ValidationError(
            _("Write a comment: the submitter reads it to know what to do."), code="no_comment"
        )
    with transaction.atomic():
        document = _locked(document)
        _check_status(document, allowed, refusal)
        document.status = status
        document.review_comment = comment
        document.published_at = None
        document.save(update_fields=["status", "review_comment", "published_at", "updated_at"])
        transaction.on_commit(
            partial(_mail_submitters, template, document, request_base_url), robust=True
        )
    return document


def document_return(
    *, document: Document, comment: str, by: User, request_base_url: str = ""
) -> Document:
    """Send a document back for changes, with a comment mailed to its submitters.

    A published document returned this way leaves the public pages until it is published again.
    """
    return _decide(
        document,
        status=DocumentStatus.RETURNED,
        allowed=RETURN_FROM,
        refusal=_("“%(title)s” cannot be returned: it is %(status)s."),
        comment=comment,
        template="returned",
        request_base_url=request_base_url,
    )


def document_reject(
    *, document: Document, comment: str, by: User, request_base_url: str = ""
) -> Document:
    """Refuse a document, with a comment mailed to its submitters."""
    return _decide(
        document,
        status=DocumentStatus.REJECTED,
        allowed=REJECT_FROM,
        refusal=_("“%(title)s” cannot be rejected: it is %(status)s."),
        comment=comment,
        template="rejected",
        request_base_url=request_base_url,
    )


def document_file_replace(
    *,
    document: Document,
    upload: UploadedFile,
    by: User,
    inspection: Inspection | None = None,
) -> DocumentVersion:
    """Staff put a new file on a document: the next version, earlier ones kept.

    The document's review reasons become the new file's. A published document whose new file
    needs a careful look goes back to review: it is not published unchecked.
    """
    inspection = inspection or inspect_upload(upload, max_size=max_upload_size())
    with transaction.atomic():
        locked = _locked(document)
        version = version_add(document=locked, upload=upload, by=by, inspection=inspection)
        locked.review_reasons = "\n".join(inspection.review_reasons)
        if inspection.review_reasons and locked.is_published:
            locked.status = DocumentStatus.SUBMITTED
            locked.published_at = None
        locked.save(update_fields=["review_reasons", "status", "published_at", "updated_at"])
    document.review_reasons, document.status = locked.review_reasons, locked.status
    document.published_at = locked.published_at
    return version


# Several at once -------------------------------------------------------------------------------


def title_from_file_name(name: str) -> str:
    """ "Report on migration.final.pdf" gives "Report on migration.final"."""
    stem, dot, _suffix = name.rpartition(".")
    return (stem if dot and stem.strip() else name).strip()


def _inspect_all(files: Iterable[UploadedFile]) -> list[tuple[UploadedFile, Inspection]]:
    """Every file checked before anything is stored; one error lists each refused file."""
    checked, errors = [], []
    max_size = max_upload_size()
    for upload in files:
        try:
            checked.append((upload, inspect_upload(upload, max_size=max_size)))
        except ValidationError as error:
            for message in error.messages:
                errors.append(
                    ValidationError(
                        _("%(name)s: %(message)s"),
                        code="file_refused",
                        params={"name": upload.name or _("(no name)"), "message": message},
                    )
                )
    if errors:
        raise ValidationError(errors)
    if not checked:
        raise ValidationError(_("Choose at least one file."), code="no_files")
    return checked


def _delete_stored(versions: list[DocumentVersion]) -> None:
    for version in versions:
        for field_file in (version.file, version.thumbnail):
            if field_file:
                field_file.storage.delete(field_file.name)


def documents_add_many(
    *,
    meeting: Meeting,
    category: DocumentCategory,
    organization: Organization | None,
    language: str,
    files: Sequence[UploadedFile],
    by: User,
    publish: bool,
) -> list[Document]:
    """One document per file, titled after the file's name; all of them, or none.

    Each file passes inspect_upload(); a refused file raises ValidationError naming it and
    nothing is stored. With `publish`, documents are published at once, except those whose file
    needs a careful look: they stay submitted, for review. Nobody is mailed: staff added them.
    """
    checked = _inspect_all(files)
    stored: list[DocumentVersion] = []
    documents: list[Document] = []
    try:
        with transaction.atomic():
            for upload, inspection in checked:
                document = Document(
                    meeting=meeting,
                    category=category,
                    organization=organization,
                    language=language,
                    title=title_from_file_name(inspection.original_name)[:300],
                    status=DocumentStatus.SUBMITTED,
                    review_reasons="\n".join(inspection.review_reasons),
                )
                document.full_clean()
                document.save()
                stored.append(
                    version_add(document=document, upload=upload, by=by, inspection=inspection)
                )
                if publish and not inspection.review_reasons:
                    document.status = DocumentStatus.PUBLISHED
                    document.published_at = timezone.now()
                    document.save(update_fields=["status", "published_at", "updated_at"])
                documents.append(document)
    except BaseException:
        _delete_stored(stored)
        raise
    return documents
