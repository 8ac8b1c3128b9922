"""The secretariat's decisions on a document: publish, return for changes, reject.

Publishing makes exactly one version public, the one the person publishing looked at; a later
version reaches the public only when it is published in turn. Every decision runs in one
transaction on a locked document row, records who took it and when (on the document and in its
admin history) and mails the submitters once it has committed. A document whose current file
raised review reasons (a PDF with JavaScript, say) is never published unless a person says they
have looked at it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from papers.models import Document, DocumentStatus, DocumentVersion
from papers.services import mail
from papers.services.history import decision_log, history_record

# Which statuses each decision may start from. A withdrawn document stays withdrawn: its
# organization took it back.
PUBLISH_FROM = {DocumentStatus.SUBMITTED, DocumentStatus.RETURNED, DocumentStatus.REJECTED}
# A document whose file is being checked may be returned or rejected (its check then leaves its
# status alone), never published: being_checked_error().
RETURN_FROM = {
    DocumentStatus.CHECKING,
    DocumentStatus.SUBMITTED,
    DocumentStatus.PUBLISHED,
    DocumentStatus.REJECTED,
}
REJECT_FROM = {
    DocumentStatus.CHECKING,
    DocumentStatus.SUBMITTED,
    DocumentStatus.RETURNED,
    DocumentStatus.PUBLISHED,
}


def _locked(document: Document) -> Document:
    return Document.objects.select_for_update().get(pk=document.pk)


def _check_status(document: Document, allowed: set[DocumentStatus], message: str) -> None:
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


def being_checked_error(document: Document) -> ValidationError:
    return ValidationError(
        _(
            "“%(title)s” cannot be published yet: its file is being checked. It can be "
            "published once the check is done, in a minute or two."
        ),
        code="being_checked",
        params={"title": document.title},
    )


def decision_mark(
    document: Document,
    *,
    status: DocumentStatus,
    by: User,
    public: DocumentVersion | None = None,
) -> list[str]:
    """Set the new status, who decided it and when (now), and the `public` version when
    publishing (none otherwise); returns the fields to save."""
    document.status = status
    document.decided_by = by
    document.decided_at = timezone.now()
    published = status == DocumentStatus.PUBLISHED
    document.published_at = document.decided_at if published else None
    document.published_version = public if published else None
    return ["status", "decided_by", "decided_at", "published_at", "published_version", "updated_at"]


def document_publish(
    *,
    document: Document,
    by: User,
    acknowledge_review_reasons: bool = False,
    expected_version: int | None = None,
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
        if document.status == DocumentStatus.CHECKING:
            raise being_checked_error(document)
        if not document.newer_version_waiting:
            _check_status(
                document, PUBLISH_FROM, _("“%(title)s” cannot be published: it is %(status)s.")
            )
        current = document.current_version
        if current is not None and current.is_being_checked:
            raise being_checked_error(document)
        if document.review_reasons.strip() and not acknowledge_review_reasons:
            raise review_reasons_error(document)
        current_number = current.number if current is not None else None
        if expected_version is not None and current_number != expected_version:
            raise ValidationError(
                _(
                    "Version %(current)s of “%(title)s” arrived after you looked at version "
                    "%(expected)s: look at it before publishing."
                ),
                code="version_changed",
                params={
                    "current": current_number,
                    "expected": expected_version,
                    "title": document.title,
                },
            )
        if not (document.external_url or current is not None):
            raise ValidationError(
                _("“%(title)s” has neither a file nor an external link to publish."),
                code="nothing_to_publish",
                params={"title": document.title},
            )
        fields = decision_mark(document, status=DocumentStatus.PUBLISHED, by=by, public=current)
        document.save(update_fields=fields)
        message = _("Published.")
        if current is not None:
            message = _("Published version %(number)s.") % {"number": current.number}
        history_record(document=document, by=by, message=message)
        decision_log(document=document, by=by, decision="published")
        mail.submitters_notify(document=document, template="published")
    return document


def _decide_with_comment(
    document: Document,
    *,
    status: DocumentStatus,
    allowed: set[DocumentStatus],
    not_allowed_message: str,
    comment: str,
    history_message: str,
    template: str,
    by: User,
) -> Document:
    comment = comment.strip()
    if not comment:
        raise ValidationError(
            _("Write a comment: the submitter reads it to know what to do."), code="no_comment"
        )
    with transaction.atomic():
        document = _locked(document)
        _check_status(document, allowed, not_allowed_message)
        document.review_comment = comment
        fields = decision_mark(document, status=status, by=by)
        document.save(update_fields=[*fields, "review_comment"])
        history_record(document=document, by=by, message=history_message % {"comment": comment})
        decision_log(document=document, by=by, decision=template)
        mail.submitters_notify(document=document, template=template)
    return document


def document_return(*, document: Document, comment: str, by: User) -> Document:
    """Send a document back for changes, with a comment mailed to its submitters.

    A published document returned this way leaves the public pages until it is published again.
    """
    return _decide_with_comment(
        document,
        status=DocumentStatus.RETURNED,
        allowed=RETURN_FROM,
        not_allowed_message=_("“%(title)s” cannot be returned: it is %(status)s."),
        comment=comment,
        history_message=_("Returned to the submitter: %(comment)s"),
        template="returned",
        by=by,
    )


def document_reject(*, document: Document, comment: str, by: User) -> Document:
    """Refuse a document, with a comment mailed to its submitters."""
    return _decide_with_comment(
        document,
        status=DocumentStatus.REJECTED,
        allowed=REJECT_FROM,
        not_allowed_message=_("“%(title)s” cannot be rejected: it is %(status)s."),
        comment=comment,
        history_message=_("Rejected: %(comment)s"),
        template="rejected",
        by=by,
    )
