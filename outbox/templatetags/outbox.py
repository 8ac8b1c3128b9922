from typing import Any

from django import template
from django.urls import reverse

from outbox.models import Message, MessageStatus

register = template.Library()


@register.inclusion_tag("outbox/admin/failed_warning.html", takes_context=True)
def outbox_failed_warning(context: dict[str, Any]) -> dict[str, Any]:
    """How many messages failed, for staff who may see the outbox; nothing for others."""
    request = context.get("request")
    if request is None or not request.user.has_perm("outbox.view_message"):
        return {"failed": 0}
    url = reverse("admin:outbox_message_changelist")
    return {
        "failed": Message.objects.failed().count(),
        "url": f"{url}?status__exact={MessageStatus.FAILED}",
    }
