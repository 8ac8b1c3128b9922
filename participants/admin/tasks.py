"""The back office's first page: how many nominations await a decision (config/admin_tasks.py).

Imported by ParticipantsConfig.ready()."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import ngettext

from config.admin_tasks import AdminTask, task_register
from participants.models import Nomination, NominationStatus


@task_register
def nominations_to_decide(request: HttpRequest) -> AdminTask | None:
    """Nominations awaiting a decision, for staff who may accept, wait-list or decline them."""
    if not request.user.has_perm("participants.change_nomination"):
        return None
    count = Nomination.objects.filter(status=NominationStatus.PENDING).count()
    label = ngettext("%(count)d nomination to decide", "%(count)d nominations to decide", count) % {
        "count": count
    }
    url = reverse("admin:participants_nomination_changelist")
    return AdminTask(
        label=label,
        count=count,
        url=f"{url}?{urlencode({'status__exact': NominationStatus.PENDING})}",
    )
