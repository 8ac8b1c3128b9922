from typing import override

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, TemplateView

from accounts.images import picture_response
from accounts.models import Organization
from papers.models import Document

from .extensions import panels_for
from .models import Appearance, Meeting, MeetingSeries, MeetingStatus, Person
from .programme import build_programme


class HomeView(TemplateView):
    template_name = "meetings/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        published = Meeting.objects.published().select_related("series")
        context["upcoming"] = list(published.upcoming(today))
        context["past"] = list(published.past(today))
        context["series_list"] = MeetingSeries.objects.with_published_meetings()
        return context


class SeriesDetailView(DetailView):
    template_name = "meetings/series_detail.html"
    context_object_name = "series"

    def get_queryset(self):
        return MeetingSeries.objects.with_published_meetings()


class PublishedMeetingMixin(DetailView):
    """Only published meetings exist for the public: a draft's address is a 404. Staff who may
    change meetings preview a draft's pages, under a "Draft: not public" banner; those pages
    never go into a shared cache."""

    context_object_name = "meeting"

    def get_queryset(self):
        meetings = Meeting.objects.all()
        if not self.request.user.has_perm("meetings.change_meeting"):
            meetings = meetings.published()
        return meetings.select_related("series", "organizer__parent")

    @override
    def render_to_response(self, context, **response_kwargs) -> HttpResponse:
        response = super().render_to_response(context, **response_kwargs)
        if self.object.status == MeetingStatus.DRAFT:
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["Cookie"])
        return response


class MeetingDetailView(PublishedMeetingMixin):
    template_name = "meetings/meeting_detail.html"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("objectives")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["documents"] = list(Document.objects.for_meeting_page(self.object))
        user = self.request.user
        context["can_submit"] = (
            self.object.submissions_are_open() and Organization.objects.for_user(user).exists()
        )
        context["panels"] = panels_for(self.request, self.object)
        return context


class ProgrammeView(PublishedMeetingMixin):
    template_name = "meetings/programme.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["programme"] = build_programme(self.object)
        return context


class PersonDetailView(DetailView):
    template_name = "meetings/person_detail.html"
    context_object_name = "person"

    @override
    def get_object(self, queryset=None):
        person = get_object_or_404(Person.objects.named().with_details(), slug=self.kwargs["slug"])
        self.appearances = list(Appearance.objects.for_person_page(person))
        if not self.appearances:
            # Someone who is in no published programme has no public page.
            raise Http404("No published appearances.")
        return person

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["appearances"] = self.appearances
        return context


@require_safe
def person_photo(_request, slug: str) -> FileResponse:
    """/people/<slug>/photo/: the photo of someone with a public page, as it was stored."""
    person = get_object_or_404(Person.objects.named(), slug=slug)
    if not person.photo or not Appearance.objects.published().filter(person=person).exists():
        raise Http404("No public photo.")
    return picture_response(person.photo)
