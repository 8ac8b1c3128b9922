"""The admin log of papers: who did what to a document, written by the service that did it;
and the security log's lines about papers' decisions (refused uploads: uploads/refusals.py).

Every write of papers/services records itself here, so a decision taken from the admin, a public
page, a command or a test leaves the same trace in the document's history in the back office.
The client's address is added to every security line by the logging setup (config/logs.py).
"""

from __future__ import annotations

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.utils.translation import gettext as _

from accounts.models import User
from config.security_log import security_log
from papers.models import Document, DocumentVersion


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


def new_file_message(document: Document, version: DocumentVersion) -> str:
    """ "New file, version 3." and, when it is not in the document's own language, which
    language it adds: "New file, version 3, in French." """
    number = {"number": version.number}
    if version.language == document.language:
        return _("New file, version %(number)s.") % number
    return _("New file, version %(number)s, in %(language)s.") % {
        **number,
        "language": version.language_label,
    }
