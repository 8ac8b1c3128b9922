"""Papers' background work, run by the worker (`manage.py db_worker`; `make run` starts one).

check_version checks a stored file in a child process with limits (papers.services.checking).
It is enqueued inside the transaction that stores the version: with the database backend the
task's row commits with the version or not at all, so a failed upload leaves no task behind.
"""

from __future__ import annotations

from django.tasks import task

from accounts.models import User
from papers.models import DocumentVersion
from papers.services.checking import version_check


@task
def check_version(version_id: int, publish_by_id: int | None = None) -> str:
    """Check the version's file; returns its check state ("checked" or "failed")."""
    return version_check(version_id=version_id, publish_by_id=publish_by_id)


def version_check_enqueue(*, version: DocumentVersion, publish_by: User | None = None) -> bool:
    """Queue the check of `version` (call inside the transaction that stores it); True when it
    already ran (the immediate backend, in tests and tiny installs), and `version` is then
    read again with what the check found."""
    result = check_version.enqueue(
        version_id=version.pk, publish_by_id=publish_by.pk if publish_by is not None else None
    )
    if not result.is_finished:
        return False
    version.refresh_from_db()
    return True
