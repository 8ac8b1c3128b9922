"""The background check of a version's file: what uploads.isolation finds, stored on the version.

A PDF or an image is stored at once, "being checked" (FileCheck.CHECKING), and a task
(papers.tasks.check_version) checks it in a child process with limits: for a PDF, what its
objects do (the review reasons) and its page count; for both, the thumbnail and the reviewer's
pictures of the first pages. Office documents are checked in the request (their checks are
cheap) and have no pictures: they never wait. A check that crashes or runs out of time or memory
leaves the version with the review reason "could not be checked": a person looks at it before
anyone publishes it. A document that was "being checked" is then submitted, awaiting review.
"""

from __future__ import annotations

import datetime
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.tasks import TaskResultStatus
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks_db.models import DBTaskResult

from accounts.models import User
from papers.models import Document, DocumentStatus, DocumentVersion, FileCheck
from papers.services.history import history_record
from papers.services.previews import PREVIEW_KINDS, review_pages_store
from papers.services.review import decision_mark
from uploads.filetypes import FileKind
from uploads.filetypes.pdf import reasons_display
from uploads.isolation import CheckFailed, file_check
from uploads.isolation import FileCheck as Found
from uploads.storing import files_removed_on_failure

logger = logging.getLogger(__name__)

COULD_NOT_BE_CHECKED = gettext_lazy(
    "The file could not be checked (the check crashed or took too long): open it with care."
)


def needs_check(kind: FileKind) -> bool:
    """Whether a file of this kind is checked in the background: PDFs and images."""
    return kind.content_type in PREVIEW_KINDS


@contextmanager
def _local_copy(version: DocumentVersion) -> Iterator[str]:
    """The stored file on local disk (the storage may be S3), for the child process to read."""
    with (
        tempfile.NamedTemporaryFile(suffix=".check") as copy,
        version.file.open("rb") as stored,
    ):
        for chunk in stored.chunks():
            copy.write(chunk)
        copy.flush()
        os.fsync(copy.fileno())
        yield copy.name


def _found(version: DocumentVersion) -> Found | None:
    """What the isolated check found, or None when it could not say (logged)."""
    kind = PREVIEW_KINDS[version.content_type]
    try:
        with _local_copy(version) as path:
            found = file_check(path, kind.key)
    except (CheckFailed, OSError) as error:
        logger.warning("%s could not be checked: %s", version, error)
        return None
    if found.error:
        logger.warning("%s could not be opened by the check: %s", version, found.error)
        return None
    return found


def version_check(*, version_id: int, publish_by_id: int | None = None) -> str:
    """Check the version's file and store what was found; returns its check state.

    A version that is no longer being checked (checked already, by another worker) is left as
    it is. `publish_by_id`: the staff member who asked for the document to be published at once
    (documents_add_many); it is, if the check passes and finds nothing worth a look.
    """
    version = DocumentVersion.objects.filter(pk=version_id).first()
    if version is None or not version.is_being_checked:
        return version.check_state if version is not None else ""
    found = _found(version)  # outside the transaction: it may take PAPERS_CHECK_SECONDS
    with files_removed_on_failure() as written, transaction.atomic():
        document = Document.objects.select_for_update().get(pk=version.document_id)
        locked = DocumentVersion.objects.select_for_update().get(pk=version_id)
        if not locked.is_being_checked:
            return locked.check_state
        if found is None:
            locked.check_state = FileCheck.FAILED
            locked.review_reasons = str(COULD_NOT_BE_CHECKED)
        else:
            _store_found(locked, found, written)
            locked.check_state = FileCheck.CHECKED
        locked.save()
        _after_check(document, locked, publish_by_id)
    return locked.check_state


def _store_found(version: DocumentVersion, found: Found, written: list[str]) -> None:
    if found.page_count is not None:
        version.page_count = found.page_count
    version.review_reasons = "\n".join(reasons_display(list(found.reasons)))
    if found.thumbnail is not None:
        version.thumbnail.save("thumbnail.png", ContentFile(found.thumbnail), save=False)
        written.append(str(version.thumbnail.name))
    pages = [ContentFile(page, name=f"page-{n}.png") for n, page in enumerate(found.pages, 1)]
    version.preview_pages = review_pages_store(pages, written)


def _after_check(document: Document, version: DocumentVersion, publish_by_id: int | None) -> None:
    """A document that waited for its current file goes to review, or is published when staff
    asked for that and the file needs no careful look. The history says so, in the name of the
    person whose upload was checked; a check that failed is in it whatever the status.

    (With the immediate backend the document never waited: it is still "submitted", and only a
    publication or a failed check is worth a line.)
    """
    number = {"number": version.number}
    current = document.current_versions
    in_review = document.status in (DocumentStatus.CHECKING, DocumentStatus.SUBMITTED)
    # A newer file of its language arrived, or the document was decided on, or (in another
    # language) a file is still being checked: the last check to end moves the document on.
    others_checking = any(other.is_being_checked for other in current if other.pk != version.pk)
    if version not in current or not in_review or others_checking:
        if version.check_state == FileCheck.FAILED:
            message = _("The file of version %(number)s could not be checked.") % number
            history_record(document=document, by=version.uploaded_by, message=message)
        return
    publisher = User.objects.filter(pk=publish_by_id).first() if publish_by_id else None
    passed = all(
        other.check_state == FileCheck.CHECKED and not other.review_reasons for other in current
    )
    if publisher is not None and passed:
        fields = decision_mark(
            document, status=DocumentStatus.PUBLISHED, by=publisher, public=current
        )
        document.save(update_fields=fields)
        message = _("The file of version %(number)s was checked. Published.") % number
        history_record(document=document, by=publisher, message=message)
        return
    failed = version.check_state == FileCheck.FAILED
    if document.status == DocumentStatus.CHECKING:
        document.status = DocumentStatus.SUBMITTED
        document.save(update_fields=["status", "updated_at"])
        if failed:
            message = _(
                "The file of version %(number)s could not be checked; submitted, awaiting review."
            )
        else:
            message = _("The file of version %(number)s was checked; submitted, awaiting review.")
    elif failed:
        message = _("The file of version %(number)s could not be checked.")
    else:
        return
    history_record(document=document, by=version.uploaded_by, message=message % number)


def stalled_checks_fail(*, now: datetime.datetime | None = None) -> int:
    """Versions whose check will never finish are marked "could not be checked"; returns how many.

    A worker killed in the middle of a check (a restart, the machine's memory running out)
    leaves its task "running" for ever and the paper "being checked". A check has a hard time
    limit (PAPERS_CHECK_SECONDS), so a version still being checked well after that, with no
    task for it waiting in the queue or started since, is stalled: like a check that crashed,
    it goes to review with the reason "could not be checked", and a person looks at it.
    `manage.py fail_stalled_checks` runs this (cron, every few minutes; `make run` at start).
    """
    now = now or timezone.now()
    limit = now - datetime.timedelta(seconds=2 * settings.PAPERS_CHECK_SECONDS + 60)
    checking = list(
        DocumentVersion.objects.filter(check_state=FileCheck.CHECKING, uploaded_at__lt=limit)
    )
    if not checking:
        return 0
    alive = DBTaskResult.objects.filter(task_path="papers.tasks.check_version").filter(
        Q(status=TaskResultStatus.READY) | Q(status=TaskResultStatus.RUNNING, started_at__gte=limit)
    )
    awaited = {result.args_kwargs.get("kwargs", {}).get("version_id") for result in alive}
    failed = 0
    for version in checking:
        if version.pk in awaited:
            continue
        with transaction.atomic():
            document = Document.objects.select_for_update().get(pk=version.document_id)
            locked = DocumentVersion.objects.select_for_update().get(pk=version.pk)
            if not locked.is_being_checked:
                continue
            locked.check_state = FileCheck.FAILED
            locked.review_reasons = str(COULD_NOT_BE_CHECKED)
            locked.save(update_fields=["check_state", "review_reasons"])
            _after_check(document, locked, None)
        logger.warning(
            "%s was still being checked after its time limit: could not be checked", version
        )
        failed += 1
    return failed
