"""Publishing a meeting from the admin: a confirmation page that says what becomes public.

The list's "Publish selected meetings" action and the "Publish…" button of a meeting's page both
lead to the confirmation; nothing changes before staff confirm. Publishing and returning to draft
go through meetings_set_status and leave a line in each meeting's history (the admin log).
"""

from dataclasses import dataclass, field
from typing import override

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from .extensions import publish_summary_for
from .models import Meeting, MeetingStatus
from .services import meetings_set_status

# The history's lines, stored in English like Django's own and shown translated.
PUBLISHED_MESSAGE = gettext_noop("Published.")
RETURNED_MESSAGE = gettext_noop("Returned to draft.")


def meetings_set_status_logged(
    *, meetings: QuerySet[Meeting], status: MeetingStatus, by: User | AnonymousUser
) -> int:
    """meetings_set_status, with a line in the history of each meeting that changed."""
    changing = list(meetings.exclude(status=status))
    count = meetings_set_status(
        meetings=Meeting.objects.filter(pk__in=[meeting.pk for meeting in changing]), status=status
    )
    if changing and by.pk is not None:
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=changing,
            action_flag=CHANGE,
            change_message=PUBLISHED_MESSAGE
            if status == MeetingStatus.PUBLISHED
            else RETURNED_MESSAGE,
        )
    return count


@dataclass
class PublishSummary:
    """What publishing one meeting makes public, and what changed since it last was."""

    meeting: Meeting
    lines: list[str]
    last_published: LogEntry | None = None
    changes: list[LogEntry] = field(default_factory=list)


def publish_summaries(meetings: QuerySet[Meeting]) -> list[PublishSummary]:
    counted = meetings.annotate(
        session_count=Count("sessions", distinct=True),
        item_count=Count("agenda_items", distinct=True),
        people_count=Count("agenda_items__appearances__person", distinct=True),
    ).order_by("start_date", "pk")
    meetings_list = list(counted)
    history: dict[str, list[LogEntry]] = {}
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Meeting),
        object_id__in=[str(meeting.pk) for meeting in meetings_list],
    ).select_related("user")
    for entry in entries.order_by("action_time", "pk"):
        history.setdefault(entry.object_id or "", []).append(entry)
    summaries = []
    for meeting in meetings_list:
        lines = [
            ngettext("%(count)d session", "%(count)d sessions", meeting.session_count)
            % {"count": meeting.session_count},
            ngettext("%(count)d agenda item", "%(count)d agenda items", meeting.item_count)
            % {"count": meeting.item_count},
            ngettext(
                "%(count)d person in the programme",
                "%(count)d people in the programme",
                meeting.people_count,
            )
            % {"count": meeting.people_count},
            *publish_summary_for(meeting),
        ]
        summary = PublishSummary(meeting=meeting, lines=lines)
        for entry in history.get(str(meeting.pk), []):
            if entry.change_message == PUBLISHED_MESSAGE:
                summary.last_published, summary.changes = entry, []
            elif summary.last_published and entry.change_message != RETURNED_MESSAGE:
                summary.changes.append(entry)
        summaries.append(summary)
    return summaries


class PublishingAdminMixin(admin.ModelAdmin):  # type: ignore[type-arg]
    """MeetingAdmin's publish and return-to-draft actions, the confirmation page and its URLs."""

    @override
    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("publish/", view(self.publish_view), name="meetings_meeting_publish_selected"),
            path(
                "<path:object_id>/publish/",
                view(self.publish_view),
                name="meetings_meeting_publish",
            ),
            *super().get_urls(),
        ]

    def publish_view(self, request: HttpRequest, object_id: str | None = None) -> HttpResponse:
        if not self.has_change_permission(request):
            raise PermissionDenied
        source = request.POST if request.method == "POST" else request.GET
        ids = [object_id] if object_id else source.get("ids", "").split(",")
        meetings = Meeting.objects.filter(pk__in=[pk for pk in ids if pk.isdigit()])
        if not meetings.exists():
            self.message_user(request, gettext("No meeting to publish."), messages.WARNING)
            return HttpResponseRedirect(reverse("admin:meetings_meeting_changelist"))
        back = (
            reverse("admin:meetings_meeting_change", args=[object_id])
            if object_id
            else reverse("admin:meetings_meeting_changelist")
        )
        if request.method == "POST":
            count = meetings_set_status_logged(
                meetings=meetings, status=MeetingStatus.PUBLISHED, by=request.user
            )
            message = ngettext(
                "%(count)d meeting was published.", "%(count)d meetings were published.", count
            )
            self.message_user(request, message % {"count": count}, messages.SUCCESS)
            return HttpResponseRedirect(back)
        summaries = publish_summaries(meetings)
        context = {
            **self.admin_site.each_context(request),
            "opts": Meeting._meta,
            "title": ngettext("Publish this meeting?", "Publish these meetings?", len(summaries)),
            "summaries": summaries,
            "drafts": [s for s in summaries if s.meeting.status == MeetingStatus.DRAFT],
            "ids": ",".join(str(s.meeting.pk) for s in summaries),
            "action_url": request.path,
            "back": back,
        }
        return TemplateResponse(request, "admin/meetings/meeting/publish_confirm.html", context)

    @admin.action(description=_("Publish selected meetings…"), permissions=["change"])
    def publish(self, _request: HttpRequest, queryset: QuerySet[Meeting]) -> HttpResponse:
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        url = reverse("admin:meetings_meeting_publish_selected")
        return HttpResponseRedirect(f"{url}?{urlencode({'ids': ids})}")

    @admin.action(description=_("Return selected meetings to draft"), permissions=["change"])
    def return_to_draft(self, request: HttpRequest, queryset: QuerySet[Meeting]) -> None:
        count = meetings_set_status_logged(
            meetings=queryset, status=MeetingStatus.DRAFT, by=request.user
        )
        message = ngettext(
            "%(count)d meeting was returned to draft.",
            "%(count)d meetings were returned to draft.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)
