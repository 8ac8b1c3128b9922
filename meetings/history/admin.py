"""The admin's History page, field by field: a mixin for each model admin whose model keeps
change records (django-simple-history), with the admin log's own lines in the same timeline.

Only staff who may view or change the object read it, as Django's own History page.
"""

from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Subquery
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from meetings.models import AgendaItem, Appearance, Objective, Segment, Session
from meetings.services import admin_log_of

from .timeline import Source, timeline

PER_PAGE = 100


class HistoryMixin:
    """A History page that says who changed what, field by field, and when."""

    object_history_template = "admin/plenary_object_history.html"

    def history_sources(self, obj) -> list[Source]:
        """The change records shown: the object's own; a subclass adds its parts'."""
        return [Source(self.model.history.filter(id=obj.pk))]

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        sources = self.history_sources(obj)
        entries = timeline(sources, admin_log_of(self.model, [obj.pk]))
        paginator = Paginator(entries, PER_PAGE)
        page = paginator.get_page(request.GET.get(PAGE_VAR, 1))
        context = {
            **self.admin_site.each_context(request),
            "title": _("History of “%(object)s”") % {"object": obj},
            "subtitle": None,
            "entries": page,
            "page_range": paginator.get_elided_page_range(page.number),
            "page_var": PAGE_VAR,
            "pagination_required": paginator.count > PER_PAGE,
            "module_name": str(capfirst(self.opts.verbose_name_plural)),
            "object": obj,
            "opts": self.opts,
            "shows_parts": any(source.subject for source in sources),
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)


def _programme_sources(items, omit_item: bool = True) -> list[Source]:
    """Segments and people of these agenda items (a subquery of item ids, deleted ones too)."""
    omit = ("agenda_item",) if omit_item else ()
    return [
        Source(Segment.history.filter(agenda_item_id__in=items), subject=True, omit=omit),
        Source(Appearance.history.filter(agenda_item_id__in=items), subject=True, omit=omit),
    ]


class MeetingHistoryMixin(HistoryMixin):
    """A meeting's History page also has its programme's changes: objectives, sessions, agenda
    items with their sessions, segments and people, in one timeline."""

    def history_sources(self, obj) -> list[Source]:
        items = Subquery(AgendaItem.history.filter(meeting_id=obj.pk).values("id"))
        omit = ("meeting",)
        return [
            *super().history_sources(obj),
            Source(Objective.history.filter(meeting_id=obj.pk), subject=True, omit=omit),
            Source(Session.history.filter(meeting_id=obj.pk), subject=True, omit=omit),
            Source(AgendaItem.history.filter(meeting_id=obj.pk), subject=True, omit=omit),
            *_programme_sources(items),
        ]


class AgendaItemHistoryMixin(HistoryMixin):
    def history_sources(self, obj) -> list[Source]:
        return [*super().history_sources(obj), *_programme_sources([obj.pk])]


class SegmentHistoryMixin(HistoryMixin):
    def history_sources(self, obj) -> list[Source]:
        return [
            *super().history_sources(obj),
            Source(Appearance.history.filter(segment_id=obj.pk), subject=True, omit=("segment",)),
        ]
