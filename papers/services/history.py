"""The admin log of papers: who did what to a document, written by the service that did it;
and the security log's lines about papers: decisions and refused uploads.

Every write of papers/services records itself here, so a decision taken from the admin, a public
page, a command or a test leaves the same trace in the document's history in the back office.
The client's address is added to every security line by the logging setup (config/logs.py).
"""

from __future__ import annotations

import hashlib

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.files.uploadedfile import UploadedFile

from accounts.models import Organization, User
from config.security_log import security_log
from papers.models import Document


def history_record(
    *, document: Document, by: User | None, message: str, added: bool = False
) -> None:
    """One line of the document's history ("Published.", "Returned: …"), by `by`."""
    if by is None or by.pk is None:
        return  # nobody to name: the admin log needs a user
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[document],
        action_flag=ADDITION if added else CHANGE,
        change_message=message,
    )


def decision_log(*, document: Document, by: User, decision: str) -> None:
    """A security line for a publish, return or reject: who, which document, what."""
    security_log.info(
        "document %s document=%s title=%r user=%s",
        decision,
        document.pk,
        document.title[:120],
        by.email,
    )


def upload_refusal_record(
    *,
    upload: UploadedFile[bytes],
    reasons: list[str],
    by: User | None,
    organization: Organization | None,
) -> None:
    """A security line for an upload the checks refused: who, for whom, why, and which file
    (its size and SHA-256, so the same file sent again can be recognised)."""
    digest = hashlib.sha256()
    if not upload.closed:  # a line is logged whatever happened to the file; never an error
        upload.seek(0)
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
    security_log.warning(
        "upload refused user=%s organization=%s reason=%r size=%s sha256=%s",
        by.email if by is not None and by.is_authenticated else "-",
        organization.pk if organization is not None else "-",
        " ".join(reasons)[:300],
        upload.size,
        digest.hexdigest(),
    )
