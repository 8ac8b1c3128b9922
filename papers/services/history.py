"""The admin log of papers: who did what to a document, written by the service that did it.

Every write of papers/services records itself here, so a decision taken from the admin, a public
page, a command or a test leaves the same trace in the document's history in the back office.
"""

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry

from accounts.models import User
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
