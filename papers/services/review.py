"""The secretariat's decisions on a document: publish, return for changes, reject.

Publishing makes exactly one version public per language, the newest file of each language, which
the person publishing looked at; a later version reaches the public only when it is published in
turn. Every decision runs in one
transaction on a locked document row, records who took it and when (on the document and in its
admin history) and mails the submitters once it has committed. A document whose current file
raised review reasons (a PDF with JavaScript, say) is never published unless a person says they
have looked at it.
"""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from papers.models import Document, DocumentStatus, DocumentVersion
from papers.models.documents import files_label
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
    """The document, its row locked (no version is added meanwhile: versions.version_create
    locks it too), with its versions."""
    return Document.objects.select_for_update().with_versions().get(pk=document.pk)


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


def public_files_set(
    document: Document, versions: Sequence[DocumentVersion], *, by: User | None
) -> None:
    """Make `versions` (at most one per language) the document's public files, and no other.

    Each changed version is saved on its own, so its history shows when it became public and
    when it stopped being, by `by` (outside a request too, where nothing else names them); the
    ones that stop come first, as the database allows one public file per language."""
    keep = {version.pk for version in versions}
    stopping = list(document.versions.filter(is_public=True).exclude(pk__in=keep))
    starting = [version for version in versions if not version.is_public]
    for version in [*stopping, *starting]:
        version.is_public = version.pk in keep
        version._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
        version.save(update_fields=["is_public"])
    for listed in getattr(document, "version_list", []):
        listed.is_public = listed.pk in keep


def decision_mark(
    document: Document,
    *,
    status: DocumentStatus,
    by: User,
    public: Sequence[DocumentVersion] = (),
) -> list[str]:
    """Set the new status, who decided it and when (now), and the `public` files when
    publishing (none otherwise); returns the document's fields to save."""
    document.status = status
    document.decided_by = by
    document.decided_at = timezone.now()
    published = status == DocumentStatus.PUBLISHED
    document.published_at = document.decided_at if published else None
    public_files_set(document, public if published else (), by=by)
    return ["status", "decided_by", "decided_at", "published_at", "updated_at"]


def published_message(versions: Sequence[DocumentVersion]) -> str:
    """ "Published version 3.", or "Published: English version 1, French version 3." """
    if not versions:
        return _("Published.")
    if len(versions) == 1:
        return _("Published version %(number)s.") % {"number": versions[0].number}
    return _("Published: %(files)s.") % {"files": files_label(list(versions))}


def document_publish(
    *,
    document: Document,
    by: User,
    acknowledge_review_reasons: bool = False,
    expected_version: int | None = None,
) -> Document:
    """Publish a document, and tell its submitters with the public link once committed.

    What becomes public is the newest file of each language. `expected_version` is the newest
    version number the person publishing looked at (numbers count across languages): when a
    newer file has arrived since, in any language, nothing is published (ValidationError), so no
    file goes out unseen.

    A document whose files to publish have review reasons needs
    `acknowledge_review_reasons=True`: the person publishing has looked at them. Raises
    ValidationError otherwise, or when the document is already published or was withdrawn.
    """
    with transaction.atomic():
        document = _locked(document)
        if document.status == DocumentStatus.CHECKING:
            raise being_checked_error(document)
        if not document.newer_version_waiting:
            _check_status(
                document, PUBLISH_FROM, _("“%(title)s” cannot be published: it is %(status)s.")
            )
        if document.file_being_checked:
            raise being_checked_error(document)
        if document.review_reasons.strip() and not acknowledge_review_reasons:
            raise review_reasons_error(document)
        newest = document.current_version
        current_number = newest.number if newest is not None else None
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
        if not (document.external_url or newest is not None):
            raise ValidationError(
                _("“%(title)s” has neither a file nor an external link to publish."),
                code="nothing_to_publish",
                params={"title": document.title},
            )
        # The newest file of each language: what the page the person publishing read showed.
        current = document.current_versions
        fields = decision_mark(document, status=DocumentStatus.PUBLISHED, by=by, public=current)
        document.save(update_fields=fields)
        history_record(document=document, by=by, message=published_message(current))
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
