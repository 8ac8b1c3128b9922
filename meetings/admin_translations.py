"""MeetingAdmin's "Translation status": per language, how many of the meeting's texts are
translated, and a link to each one that is not (meetings/translation_status.py)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from .models import Meeting
from .translation_status import translation_status


class TranslationStatusMixin(admin.ModelAdmin):  # type: ignore[type-arg]
    def get_urls(self):
        own = [
            path(
                "<id:pk>/translations/",
                self.admin_site.admin_view(self.translation_status_view),
                name="meetings_meeting_translations",
            ),
        ]
        return own + super().get_urls()

    def translation_status_view(self, request: HttpRequest, pk: int) -> TemplateResponse:
        meeting = get_object_or_404(Meeting, pk=pk)
        if not self.has_view_permission(request, meeting):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Translation status of “%(title)s”") % {"title": meeting.title},
            "meeting": meeting,
            "languages": translation_status(meeting),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/meetings/meeting/translation_status.html", context)
