"""MeetingAdmin's "Plan the next edition": a form asking the new edition's number and start date,
then the review page listing what the copy's texts still say about the old edition."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .cloning import meeting_clone, next_edition, next_start, old_edition_mentions
from .models import Meeting


class NextEditionForm(forms.Form):
    edition = forms.IntegerField(label=gettext_lazy("Edition"), min_value=1, max_value=32767)
    start_date = forms.DateField(
        label=gettext_lazy("Start date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy(
            "The copy starts on the same weekday as this meeting nearest this date, so every "
            "session keeps its weekday."
        ),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean_edition(self) -> int:
        edition = self.cleaned_data["edition"]
        taken = Meeting.objects.filter(series=self.meeting.series, edition=edition)
        if self.meeting.series_id and taken.exists():
            raise forms.ValidationError(
                _("This series already has a meeting with edition %(edition)d.")
                % {"edition": edition}
            )
        return edition


class CloningMixin:
    """For MeetingAdmin: the action, the button's page and the review page."""

    @admin.action(description=gettext_lazy("Plan the next edition"), permissions=["add"])
    def plan_next_edition(self, request: HttpRequest, queryset):
        meetings = list(queryset[:2])
        if len(meetings) != 1:
            self.message_user(
                request, _("Choose one meeting to plan its next edition."), messages.WARNING
            )
            return None
        return HttpResponseRedirect(reverse("admin:meetings_meeting_clone", args=[meetings[0].pk]))

    def get_urls(self):
        own = [
            path(
                "<int:pk>/clone/",
                self.admin_site.admin_view(self.clone_view),
                name="meetings_meeting_clone",
            ),
            path(
                "<int:pk>/clone/review/<int:original>/",
                self.admin_site.admin_view(self.clone_review_view),
                name="meetings_meeting_clone_review",
            ),
        ]
        return own + super().get_urls()

    def _page(self, request, template: str, **context):
        context = {**self.admin_site.each_context(request), "opts": self.opts, **context}
        request.current_app = self.admin_site.name
        return TemplateResponse(request, f"admin/meetings/meeting/{template}", context)

    def clone_view(self, request: HttpRequest, pk: int):
        if not self.has_add_permission(request):
            raise PermissionDenied
        meeting = get_object_or_404(Meeting.objects.select_related("series"), pk=pk)
        initial = {"edition": next_edition(meeting), "start_date": next_start(meeting)}
        form = NextEditionForm(request.POST or None, initial=initial, meeting=meeting)
        if request.method == "POST" and form.is_valid():
            copy = meeting_clone(
                meeting=meeting,
                edition=form.cleaned_data["edition"],
                start_date=form.cleaned_data["start_date"],
                by=request.user,
            )
            self.message_user(
                request,
                _("“%(title)s” was created as a draft.") % {"title": copy.title},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:meetings_meeting_clone_review", args=[copy.pk, meeting.pk])
            )
        return self._page(
            request,
            "clone_form.html",
            title=_("Plan the next edition of “%(title)s”") % {"title": meeting.title},
            meeting=meeting,
            form=form,
            counts=[
                (_("sessions"), meeting.sessions.count()),
                (_("agenda items"), meeting.agenda_items.count()),
                (_("objectives"), meeting.objectives.count()),
            ],
        )

    def clone_review_view(self, request: HttpRequest, pk: int, original: int):
        if not self.has_change_permission(request):
            raise PermissionDenied
        copy = get_object_or_404(Meeting, pk=pk)
        old = get_object_or_404(Meeting, pk=original)

        def edit_url(kind: str, pk: int) -> str:
            return reverse(f"admin:meetings_{kind}_change", args=[pk])

        return self._page(
            request,
            "clone_review.html",
            title=_("Review “%(title)s”") % {"title": copy.title},
            meeting=copy,
            original=old,
            offset_days=(copy.start_date - old.start_date).days,
            mentions=old_edition_mentions(copy=copy, original=old, edit_url=edit_url),
        )
