from typing import override

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, TemplateView

from accounts.images import picture_response
from accounts.models import Organization
from papers.models import Document

from .exports.source import Place, appearance_places, exportable_meetings, public_programme
from .extensions import export_links_for, item_links_for, panels_for
from .models import Appearance, Meeting, MeetingSeries, MeetingStatus, Person
from .models.versions import latest_version_of, with_latest_version
from .pagecache import cached_page, meeting_page_version, person_version, site_version
from .programme import Day, ItemEntry, PeopleBlock, SegmentEntry, SessionEntry, build_programme
from .versions.changes import programme_changes
from .versions.services import released_appearances
from .versions.snapshot import programme_from_snapshot, snapshot_of


@method_decorator(cached_page(site_version), name="dispatch")
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


@method_decorator(cached_page(site_version), name="dispatch")
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


@method_decorator(cached_page(meeting_page_version), name="dispatch")
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
        context["export_links"] = export_links_for(self.object)
        return context


@method_decorator(cached_page(meeting_page_version), name="dispatch")
class ProgrammeView(PublishedMeetingMixin):
    """The "Organization of work". The public reads the latest released version (edits after
    publishing become public with the next publish); a published meeting with no version yet
    shows its live programme. Staff who may change meetings read the live programme, told
    whether it holds changes not yet published."""

    template_name = "meetings/programme.html"

    def get_queryset(self):
        return with_latest_version(super().get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        version = latest_version_of(meeting)
        self.staff_view = self.request.user.has_perm("meetings.change_meeting")
        if version is None or self.staff_view or not meeting.is_published:
            context["programme"] = build_programme(meeting)
        else:
            context["programme"] = programme_from_snapshot(version.snapshot)
        context["programme"].add_item_links(item_links_for(meeting))
        context["export_links"] = export_links_for(meeting)
        context["version"] = version
        if self.staff_view and meeting.is_published:
            context["staff_live"] = True
            context["unpublished"] = (
                version is None or snapshot_of(context["programme"]) != version.snapshot
            )
        return context

    @override
    def render_to_response(self, context, **response_kwargs) -> HttpResponse:
        response = super().render_to_response(context, **response_kwargs)
        if self.staff_view:
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["Cookie"])
        return response


@method_decorator(cached_page(meeting_page_version), name="dispatch")
class ProgrammeChangesView(PublishedMeetingMixin):
    """ "What changed": every released version, newest first, with what changed since the one
    before. Staff also read what the live programme changes since the latest version."""

    template_name = "meetings/programme_changes.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        versions = list(meeting.programme_versions.latest_first().select_related("published_by"))
        entries = []
        for index, version in enumerate(versions):
            version.meeting = meeting
            previous = versions[index + 1] if index + 1 < len(versions) else None
            changes = programme_changes(previous.snapshot, version.snapshot) if previous else []
            entries.append({"version": version, "first": previous is None, "changes": changes})
        context["entries"] = entries
        context["staff_view"] = self.request.user.has_perm("meetings.change_meeting")
        if context["staff_view"] and versions:
            live = snapshot_of(build_programme(meeting))
            context["pending"] = programme_changes(versions[0].snapshot, live)
        return context


class ProgrammeVersionView(PublishedMeetingMixin):
    """An earlier (or the latest) released version, as the public read it then: staff only.

    The public has "What changed", which says what each version changed; superseded programmes
    stay out of search engines and out of reach of anyone quoting an outdated time or speaker.
    """

    template_name = "meetings/programme.html"

    def get_queryset(self):
        if not self.request.user.has_perm("meetings.change_meeting"):
            return Meeting.objects.none()
        return super().get_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        version = get_object_or_404(
            self.object.programme_versions.all(), number=self.kwargs["number"]
        )
        version.meeting = self.object
        context["programme"] = programme_from_snapshot(version.snapshot)
        context["shown_version"] = version
        context["latest_number"] = (
            self.object.programme_versions.latest_first().values_list("number", flat=True).first()
        )
        return context

    @override
    def render_to_response(self, context, **response_kwargs) -> HttpResponse:
        response = super().render_to_response(context, **response_kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response


def released_only(appearances: list[Appearance]) -> list[Appearance]:
    """The appearances the public has been shown: in a meeting with a released programme, those
    its latest version shows, with the affiliation it shows; an edit not yet published stays out
    of the person's page as it stays out of the programme."""
    meeting_ids = {appearance.agenda_item.meeting_id for appearance in appearances}
    released = released_appearances(meeting_ids)
    shown = []
    for appearance in appearances:
        rows = released.get(appearance.agenda_item.meeting_id)
        if rows is None:
            shown.append(appearance)
        elif (row := rows.get(appearance.pk)) is not None:
            appearance.affiliation = row["affiliation"]
            shown.append(appearance)
    return shown


def _live_place(appearance: Appearance) -> Place:
    """Where the live programme shows an appearance (a meeting published before versions
    existed), from its own rows: the segment's session, else the item's first session."""
    item = appearance.agenda_item
    first = min(item.sessions.all(), key=lambda s: (s.date, s.start_time, s.pk), default=None)
    segment = appearance.segment
    session = (segment.session if segment else None) or first
    entry = ItemEntry(
        item=item,
        number=appearance.item_number,
        continued=session is not None and first is not None and session.pk != first.pk,
        session_pk=session.pk if session else None,
    )
    return Place(
        day=Day(session.date) if session else None,
        session=SessionEntry(session) if session else None,
        item=entry,
        segment=SegmentEntry(segment, PeopleBlock()) if segment else None,
        appearance=appearance,
    )


def places_of(person: Person) -> list[tuple[Meeting, list[Place]]]:
    """Where the person appears in the programmes the public reads (each published meeting's
    released version, or its live programme before its first), latest meeting first, each
    meeting's places in the programme's order. Four queries, whatever the person's record."""
    appearances = list(
        Appearance.objects.for_person_page(person).prefetch_related("agenda_item__sessions")
    )
    meeting_ids = {appearance.agenda_item.meeting_id for appearance in appearances}
    meetings = exportable_meetings().filter(pk__in=meeting_ids).order_by("-start_date", "pk")
    found = []
    for meeting in meetings:
        if latest_version_of(meeting) is None:
            places = [
                _live_place(appearance)
                for appearance in appearances
                if appearance.agenda_item.meeting_id == meeting.pk
            ]
        else:
            places = [
                place
                for place in appearance_places(public_programme(meeting)).values()
                if place.appearance is not None and place.appearance.person.pk == person.pk
            ]
        if places:
            found.append((meeting, places))
    return found


@method_decorator(cached_page(person_version), name="dispatch")
class PersonDetailView(DetailView):
    template_name = "meetings/person_detail.html"
    context_object_name = "person"

    @override
    def get_object(self, queryset=None):
        person = get_object_or_404(Person.objects.named().with_details(), slug=self.kwargs["slug"])
        self.places = places_of(person)
        if not self.places:
            # Someone who is in no published programme has no public page.
            raise Http404("No published appearances.")
        return person

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["places"] = self.places
        return context


@require_safe
def person_photo(_request, slug: str) -> FileResponse:
    """/people/<slug>/photo/: the photo of someone with a public page, as it was stored."""
    person = get_object_or_404(Person.objects.named(), slug=slug)
    appearances = list(
        Appearance.objects.published().filter(person=person).select_related("agenda_item")
    )
    if not person.photo or not released_only(appearances):
        raise Http404("No public photo.")
    return picture_response(person.photo)
