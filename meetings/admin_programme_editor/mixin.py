"""MeetingAdmin's "Edit the Organization of work": one page for the whole programme."""

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from ..models import AgendaItem, Meeting
from ..programme import build_programme
from .editor import ProgrammeEditor
from .forms import NewPersonForm
from .layout import items_by_session, session_days, template_rows
from .loading import StoredProgramme, load_programme
from .services import programme_save

FINGERPRINT = "programme_fingerprint"
OPENED_AT = "programme_opened_at"
MOVE = "programme_move"  # a "Move up"/"Move down" button sent without JavaScript


class ProgrammeEditorMixin:
    """Adds admin/meetings/meeting/<pk>/programme/ (admin:meetings_meeting_programme)."""

    def get_urls(self) -> list:
        own = [
            path(
                "<path:object_id>/programme/",
                self.admin_site.admin_view(self.programme_editor_view),  # type: ignore[attr-defined]
                name="meetings_meeting_programme",
            )
        ]
        return own + super().get_urls()  # type: ignore[misc]

    def programme_editor_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        meeting = self.get_object(request, unquote(object_id))  # type: ignore[attr-defined]
        if meeting is None:
            raise Http404(_("No such meeting."))
        if not self.has_change_permission(request, meeting):  # type: ignore[attr-defined]
            raise PermissionDenied
        honorifics = list(NewPersonForm.base_fields["honorific"].choices)
        here = reverse("admin:meetings_meeting_programme", args=[meeting.pk])
        if request.method == "POST":
            with transaction.atomic():
                meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
                stored = load_programme(meeting)
                if request.POST.get(FINGERPRINT) != stored.fingerprint:
                    opened = parse_datetime(request.POST.get(OPENED_AT) or "")
                    messages.error(request, _stale_message(stored, opened))
                    return HttpResponseRedirect(here)
                site = self.admin_site  # type: ignore[attr-defined]
                editor = ProgrammeEditor(
                    stored, request.POST, admin_site=site, honorifics=honorifics
                )
                if order := request.POST.get(MOVE):
                    editor.move(order)
                    editor.mark_used()
                    return self._programme_page(request, meeting, editor, moved=True)
                if editor.is_valid(request.user):
                    changes = programme_save(meeting=meeting, edit=editor.edit(), by=request.user)
                    if changes:
                        message = _("The Organization of work was saved: %(changes)s.") % {
                            "changes": changes.summary()
                        }
                    else:
                        message = _("Nothing was changed.")
                    messages.success(request, message)
                    return HttpResponseRedirect(here)
        else:
            stored = load_programme(meeting)
            site = self.admin_site  # type: ignore[attr-defined]
            editor = ProgrammeEditor(stored, admin_site=site, honorifics=honorifics)
        return self._programme_page(request, meeting, editor)

    def _programme_page(
        self, request: HttpRequest, meeting: Meeting, editor: ProgrammeEditor, moved: bool = False
    ) -> TemplateResponse:
        row_errors = editor.row_errors() if editor.data is not None and not moved else []
        templates = template_rows(editor)
        taken_up = items_by_session(build_programme(meeting))
        for row in editor.sessions:
            row.taken_up = taken_up.get(row.form.instance.pk, [])
        media = templates["person"].form.media + templates["person"].person_form.media
        media += forms.Media(
            js=["vendor/sortablejs/Sortable.min.js", "programme-editor/editor.js"],
            css={"all": ["admin/css/forms.css", "programme-editor/editor.css"]},
        )
        context: dict[str, Any] = {
            **self.admin_site.each_context(request),  # type: ignore[attr-defined]
            "opts": self.opts,  # type: ignore[attr-defined]
            "title": _("Organization of work"),
            "subtitle": meeting.title,
            "meeting": meeting,
            "editor": editor,
            "days": session_days(editor),
            "new_sessions": [row for row in editor.sessions if row.is_new],
            "templates": templates,
            "fingerprint": editor.stored.fingerprint,
            "fingerprint_name": FINGERPRINT,
            "opened_at": timezone.now().isoformat(),
            "opened_at_name": OPENED_AT,
            "move_name": MOVE,
            "moved": moved,
            "page_errors": editor.errors,
            "row_errors": row_errors,
            "has_errors": bool(editor.errors or row_errors),
            "error_count": len(editor.errors) + len(row_errors),
            "media": media,
            "public_url": reverse("meetings:programme", kwargs={"slug": meeting.slug}),
        }
        request.current_app = self.admin_site.name  # type: ignore[attr-defined]
        return TemplateResponse(request, "admin/meetings/meeting/programme_editor.html", context)


def _stale_message(stored: StoredProgramme, opened: datetime.datetime | None) -> str:
    """Who changed the programme since the page was opened, as the history says: the
    meeting's or one of its agenda items' (the editor, the item's page)."""
    meeting = stored.meeting
    entries = LogEntry.objects.filter(
        Q(content_type=ContentType.objects.get_for_model(Meeting), object_id=str(meeting.pk))
        | Q(
            content_type=ContentType.objects.get_for_model(AgendaItem),
            object_id__in=[str(pk) for pk in stored.items],
        )
    )
    entry = (
        entries.filter(action_time__gt=opened)
        .select_related("user")
        .order_by("-action_time")
        .first()
        if opened is not None
        else None
    )
    if entry is None:
        return _(
            "The Organization of work was changed by someone else after you opened this page. "
            "Nothing you sent was saved: make your changes again on this page, which shows theirs."
        )
    return _(
        "The Organization of work was changed by %(who)s at %(when)s, after you opened this "
        "page. Nothing you sent was saved: make your changes again on this page, which shows "
        "theirs."
    ) % {"who": entry.user, "when": date_format(localtime(entry.action_time), "DATETIME_FORMAT")}
