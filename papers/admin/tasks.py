"""The back office's first page: how many papers await review (config/admin_tasks.py)."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import ngettext

from config.admin_tasks import AdminTask, task_register
from papers.models import Document


@task_register
def papers_awaiting_review(request: HttpRequest) -> AdminTask | None:
    """Submitted papers, and published ones with a newer file: for staff who may decide."""
    if not request.user.has_perm("papers.change_document"):
        return None
    count = Document.objects.awaiting_review().count()
    label = ngettext(
        "%(count)d paper awaiting review", "%(count)d papers awaiting review", count
    ) % {"count": count}
    return AdminTask(
        label=label,
        count=count,
        url=reverse("admin:papers_document_changelist") + "?review=waiting",
    )
