from typing import override

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Message, MessageStatus
from .services import message_send

# The back office's first page warns when mail failed (outbox/templates/outbox/admin/).
admin.site.index_template = "outbox/admin/index.html"


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Every message Plenary sent or tried to send; read-only, failed ones can be retried."""

    list_display = ["subject", "recipient_list", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    fields = [
        "to",
        "subject",
        "body",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "last_attempt_at",
        "sent_at",
    ]
    readonly_fields = fields
    actions = ["retry"]
    change_list_template = "outbox/admin/change_list.html"

    @admin.display(description=_("to"))
    def recipient_list(self, obj: Message) -> str:
        return ", ".join(obj.recipients)

    @override
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @override
    def has_change_permission(self, request: HttpRequest, obj: Message | None = None) -> bool:
        return False

    @override
    def has_delete_permission(self, request: HttpRequest, obj: Message | None = None) -> bool:
        return False

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("outbox.change_message")

    @admin.action(description=_("Retry sending"), permissions=["retry"])
    def retry(self, request: HttpRequest, queryset: QuerySet[Message]) -> None:
        sent = failed = 0
        for message in queryset.exclude(status=MessageStatus.SENT):
            if message_send(message=message):
                sent += 1
            else:
                failed += 1
        if sent:
            self.message_user(
                request,
                ngettext("Sent %(count)d message.", "Sent %(count)d messages.", sent)
                % {"count": sent},
                messages.SUCCESS,
            )
        if failed:
            self.message_user(
                request,
                ngettext(
                    "%(count)d message could not be sent; its last error says why.",
                    "%(count)d messages could not be sent; their last error says why.",
                    failed,
                )
                % {"count": failed},
                messages.ERROR,
            )
