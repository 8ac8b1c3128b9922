"""Publishing a meeting from the admin: a confirmation page that says what becomes public.

The list's "Publish selected meetings" action and the "Publish…" button of a meeting's page both
lead to the confirmation; nothing changes before staff confirm. Publishing and returning to draft
go through meetings_set_status and leave a line in each meeting's history (the admin log).

Publishing also releases the programme as its next version (meetings/versions/): the public reads
the latest version. An already published meeting is published again ("Publish a new version…")
to release the edits made since; the confirmation lists them, as the "What changed" page will.
"""

from dataclasses import dataclass, field
from typing import override

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.text import validate_no_bidi_controls

from .extensions import publish_summary_for
from .models import Meeting, MeetingStatus, ProgrammeVersion
from .services import meetings_set_status
from .versions.changes import ChangeGroup, programme_changes
from .versions.services import RELEASED_PREFIX, live_snapshot, programme_release
from .versions.snapshot import Snapshot

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
    latest_version: ProgrammeVersion | None = None
    programme_changes: list[ChangeGroup] = field(default_factory=list)
    snapshot: Snapshot | None = None

    @property
    def releases(self) -> bool:
        """Whether publishing releases a new programme version: there is none yet, or the
        programme changed since the latest."""
        return self.latest_version is None or self.snapshot != self.latest_version.snapshot

    @property
    def next_number(self) -> int:
        return self.latest_version.number + 1 if self.latest_version else 1

    @property
    def publishes_anything(self) -> bool:
        return self.meeting.status == MeetingStatus.DRAFT or self.releases


def _is_publication(entry: LogEntry) -> bool:
    return entry.change_message == PUBLISHED_MESSAGE or entry.change_message.startswith(
        RELEASED_PREFIX
    )


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
    latest: dict[int, ProgrammeVersion] = {}
    versions = ProgrammeVersion.objects.filter(meeting__in=meetings_list).order_by("number")
    for version in versions:
        latest[version.meeting_id] = version
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
        snapshot = live_snapshot(meeting)
        summary = PublishSummary(meeting=meeting, lines=lines, snapshot=snapshot)
        summary.latest_version = latest.get(meeting.pk)
        if summary.latest_version is not None:
            summary.latest_version.meeting = meeting
            summary.programme_changes = programme_changes(summary.latest_version.snapshot, snapshot)
        for entry in history.get(str(meeting.pk), []):
            if _is_publication(entry):
                summary.last_published, summary.changes = entry, []
            elif summary.last_published and entry.change_message != RETURNED_MESSAGE:
                summary.changes.append(entry)
        summaries.append(summary)
    return summaries


class VersionNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note for this version"),
        max_length=ProgrammeVersion._meta.get_field("note").max_length,
        required=False,
        widget=forms.TextInput(attrs={"class": "vTextField"}),
        validators=[validate_no_bidi_controls],
        help_text=_(
            "Shown with the version on the “What changed” page, e.g. “Session 3 moved to the "
            "afternoon”. Optional."
        ),
    )


def meetings_publish(
    *, summaries: list[PublishSummary], by: User | AnonymousUser, note: str = ""
) -> tuple[int, list[ProgrammeVersion]]:
    """Publish the drafts among the summaries' meetings and release the programme of each
    meeting whose programme changed since its latest version (or has none)."""
    with transaction.atomic():
        drafts = [s.meeting.pk for s in summaries if s.meeting.status == MeetingStatus.DRAFT]
        count = meetings_set_status_logged(
            meetings=Meeting.objects.filter(pk__in=drafts), status=MeetingStatus.PUBLISHED, by=by
        )
        released = [
            programme_release(meeting=s.meeting, by=by, note=note, only_if_changed=True)
            for s in summaries
            if s.releases
        ]
    return count, [version for version in released if version is not None]


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
        summaries = publish_summaries(meetings)
        form = VersionNoteForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            count, released = meetings_publish(
                summaries=summaries, by=request.user, note=form.cleaned_data["note"]
            )
            self._report(request, summaries, count, released)
            return HttpResponseRedirect(back)
        title = (
            ngettext("Publish this meeting?", "Publish these meetings?", len(summaries))
            if any(s.meeting.status == MeetingStatus.DRAFT for s in summaries)
            else ngettext(
                "Publish a new version of this programme?",
                "Publish a new version of these programmes?",
                len(summaries),
            )
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": Meeting._meta,
            "title": title,
            "summaries": summaries,
            "drafts": [s for s in summaries if s.publishes_anything],
            "form": form,
            "ids": ",".join(str(s.meeting.pk) for s in summaries),
            "action_url": request.path,
            "back": back,
        }
        return TemplateResponse(request, "admin/meetings/meeting/publish_confirm.html", context)

    def _report(
        self,
        request: HttpRequest,
        summaries: list[PublishSummary],
        count: int,
        released: list[ProgrammeVersion],
    ) -> None:
        if count:
            message = ngettext(
                "%(count)d meeting was published.", "%(count)d meetings were published.", count
            )
            self.message_user(request, message % {"count": count}, messages.SUCCESS)
        for version in released:
            self.message_user(
                request,
                gettext("“%(meeting)s”: programme version %(number)d released.")
                % {"meeting": version.meeting.title, "number": version.number},
                messages.SUCCESS,
            )
        for summary in summaries:
            if not summary.releases and summary.latest_version is not None:
                self.message_user(
                    request,
                    gettext(
                        "“%(meeting)s”: no change to the programme since version %(number)d, "
                        "so no new version."
                    )
                    % {"meeting": summary.meeting.title, "number": summary.latest_version.number},
                    messages.INFO,
                )

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
