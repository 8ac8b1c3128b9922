"""The mail papers sends: who hears of what, rendered from papers/email/ and sent after commit.

Below every service that mails, so none of them imports another for it. Links in the messages
are absolute, built from ``SITE_URL``, and in each recipient's language (accounts.mail.link).
"""

from collections.abc import Mapping, Sequence

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.mail import link, send_in_languages
from accounts.models import User
from papers.models import Document

# The group meetings' migration 0002 creates: who reviews papers when no address is configured.
SECRETARIAT_GROUP = "Secretariat"


def submitter_addresses(document: Document) -> list[str]:
    """Who hears about a decision: the person who submitted, else the organization's members."""
    submitter = document.submitted_by
    if submitter is not None and submitter.is_active and submitter.email:
        return [submitter.email]
    if document.organization is None:
        return []
    members = User.objects.members_of(document.organization).order_by("email")
    return list(members.values_list("email", flat=True))


def secretariat_addresses() -> list[str]:
    """PAPERS_SECRETARIAT_EMAIL when set (an address or a list), else the group's active members."""
    configured = getattr(settings, "PAPERS_SECRETARIAT_EMAIL", None)
    if configured:
        return [configured] if isinstance(configured, str) else list(configured)
    members = User.objects.filter(groups__name=SECRETARIAT_GROUP, is_active=True).exclude(email="")
    return list(members.order_by("email").values_list("email", flat=True).distinct())


def _send(template: str, context: Mapping[str, object], recipients: Sequence[str]) -> None:
    """Render papers/email/<template>_subject.txt and <template>.txt and send it, once per
    language of the recipients (accounts/mail.py).

    Through the outbox: a message the mail server refuses is kept there as "failed" for staff.
    """
    if not recipients:
        return

    def compose() -> tuple[str, str]:
        subject = render_to_string(f"papers/email/{template}_subject.txt", context)
        return " ".join(subject.split()), render_to_string(f"papers/email/{template}.txt", context)

    send_in_languages(recipients, compose)


def _mail_submitters(template: str, document_pk: int) -> None:
    document = Document.objects.select_related("meeting", "organization", "submitted_by").get(
        pk=document_pk
    )
    context = {
        "document": document,
        "meeting": document.meeting,
        "comment": document.comment_for_submitter,
        "document_url": link(document.get_absolute_url),
        "submissions_url": link(lambda: reverse("papers:my_submissions")),
    }
    _send(template, context, submitter_addresses(document))


def _mail_secretariat(document_pk: int) -> None:
    document = (
        Document.objects.select_related("meeting", "category", "organization", "submitted_by")
        .with_versions()
        .get(pk=document_pk)
    )
    context = {
        "document": document,
        "meeting": document.meeting,
        "version": document.current_version,
        "review_url": link(lambda: reverse("admin:papers_document_change", args=[document.pk])),
    }
    _send("submitted", context, secretariat_addresses())


def submitters_notify(*, document: Document, template: str) -> None:
    """Mail papers/email/<template> to the document's submitters once the transaction commits."""
    # Recorded in the outbox inside the caller's transaction, with the decision it reports:
    # both are stored or neither is. It is sent once the transaction commits.
    _mail_submitters(template, document.pk)


def secretariat_notify(*, document: Document) -> None:
    """Tell the secretariat a paper waits for review, once the current transaction commits."""
    _mail_secretariat(document.pk)
