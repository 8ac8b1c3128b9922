"""The security log's line for an upload the file checks refused, whichever form it came by."""

from __future__ import annotations

import hashlib

from django.core.files.uploadedfile import UploadedFile

from accounts.models import Organization, User
from config.security_log import security_log


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
