"""Meetings, their programme, documents and list of participants."""

import json
from typing import Any, override

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from config.links import absolute_url
from meetings.exports.source import (
    cached_export,
    exportable_meeting,
    exportable_meetings,
    public_programme,
)
from meetings.models import Meeting, MeetingSeries
from papers.models import Document
from participants.listing import public_list
from participants.views.public import meeting_with_published_list

from .. import examples
from ..programme import programme_data
from ..serializers import (
    DocumentListSerializer,
    MeetingDetailSerializer,
    MeetingSerializer,
    ParticipantListSerializer,
    ProgrammeSerializer,
)
from .base import ERRORS, NOT_FOUND, SLUG, ApiListView, ApiView


class MeetingFilters(serializers.Serializer):
    series = serializers.SlugField(
        required=False, help_text=gettext_lazy("A series' slug: its meetings only.")
    )
    year = serializers.IntegerField(
        required=False,
        min_value=1900,
        max_value=2200,
        help_text=gettext_lazy("Meetings held (in part) in this year."),
    )
    status = serializers.ChoiceField(
        choices=[("upcoming", "upcoming"), ("past", "past")],
        required=False,
        help_text=gettext_lazy(
            "upcoming: not ended yet (soonest first); past: ended (latest first)."
        ),
    )

    def validate_series(self, slug: str) -> str:
        if not MeetingSeries.objects.filter(slug=slug, meetings__status="published").exists():
            raise serializers.ValidationError(
                _("No series with the slug “%(slug)s” has a published meeting.") % {"slug": slug}
            )
        return slug


@extend_schema(
    summary=gettext_lazy("Published meetings"),
    tags=["Meetings"],
    parameters=[MeetingFilters],
    responses={200: MeetingSerializer(many=True), **ERRORS},
    examples=[examples.MEETING_LIST],
)
class MeetingListView(ApiListView):
    """Every published meeting, latest first, with filters. Lists carry an ETag and no
    Last-Modified: a meeting withdrawn from a list would not move a date taken from the others."""

    serializer_class = MeetingSerializer

    @override
    def get_queryset(self) -> QuerySet[Meeting]:
        filters = MeetingFilters(data=self.request.query_params.dict())
        if not filters.is_valid():
            raise ValidationError(filters.errors)
        wanted = filters.validated_data
        meetings = exportable_meetings()
        if "series" in wanted:
            meetings = meetings.filter(series__slug=wanted["series"])
        if "year" in wanted:
            meetings = meetings.filter(
                start_date__year__lte=wanted["year"], end_date__year__gte=wanted["year"]
            )
        today = timezone.localdate()
        if wanted.get("status") == "upcoming":
            return meetings.upcoming(today).order_by("start_date", "title", "pk")
        if wanted.get("status") == "past":
            return meetings.past(today).order_by("-start_date", "title", "pk")
        return meetings.order_by("-start_date", "title", "pk")

    @override
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class MeetingScopedView(ApiView):
    def get_meeting(self, slug: str) -> Meeting:
        meeting = exportable_meeting(slug)
        self.last_modified = meeting.content_changed_at
        return meeting


@extend_schema(
    summary=gettext_lazy("A published meeting"),
    tags=["Meetings"],
    parameters=[SLUG],
    responses={200: MeetingDetailSerializer, **NOT_FOUND},
    examples=[examples.MEETING_DETAIL],
)
class MeetingDetailView(MeetingScopedView):
    """A published meeting: what its page says, and the addresses of its programme and files."""

    def get(self, _request: Request, slug: str) -> Response:
        return Response(MeetingDetailSerializer(self.get_meeting(slug)).data)


@extend_schema(
    summary=gettext_lazy("A meeting's programme"),
    tags=["Meetings"],
    parameters=[SLUG],
    responses={200: ProgrammeSerializer, **NOT_FOUND},
    examples=[examples.PROGRAMME],
)
class ProgrammeView(MeetingScopedView):
    """The "Organization of work" the public reads: the latest released version (or, for a
    meeting published before versions existed, the live programme). Days, sessions with local
    and ISO times, agenda items with numerals and "continued" flags, segments and people."""

    def get(self, _request: Request, slug: str) -> HttpResponse:
        meeting = self.get_meeting(slug)

        def make() -> bytes:
            data = ProgrammeSerializer(programme_data(meeting)).data
            return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()

        content = cached_export(meeting, "api-programme", make)
        return HttpResponse(content, content_type="application/json")


@extend_schema(
    summary=gettext_lazy("A meeting's published documents"),
    tags=["Meetings"],
    parameters=[SLUG],
    responses={200: DocumentListSerializer, **NOT_FOUND},
    examples=[examples.DOCUMENTS],
)
class DocumentListView(MeetingScopedView):
    """The documents published on the meeting's page, in its order (by category, then title),
    with the address of each public file."""

    def get(self, _request: Request, slug: str) -> Response:
        meeting = self.get_meeting(slug)
        documents = list(Document.objects.for_meeting_page(meeting))
        data = DocumentListSerializer(
            {"meeting": meeting.slug, "count": len(documents), "results": documents},
            context={"released_items": released_items(meeting)},
        ).data
        return Response(data)


def released_items(meeting: Meeting) -> dict[int, dict[str, Any]]:
    """Agenda item id -> its number, numeral and title as the released programme shows them
    (no query): a document names its item as the programme does."""
    programme = public_programme(meeting)
    entries = [
        *(item for day in programme.days for session in day.sessions for item in session.items),
        *programme.unscheduled,
    ]
    return {
        entry.item.pk: {"number": entry.number, "numeral": entry.numeral, "title": entry.item.title}
        for entry in entries
    }


@extend_schema(
    summary=gettext_lazy("A meeting's list of participants"),
    tags=["Meetings"],
    parameters=[SLUG],
    responses={200: ParticipantListSerializer, **NOT_FOUND},
    examples=[examples.PARTICIPANTS],
)
class ParticipantListView(ApiView):
    """The public list of participants, once staff publish it (a 404 before): what the list's
    page shows (honorific, name, position and, under a country, the ministry or mission),
    grouped as UN lists of participants are. Never an e-mail, a phone or a requirement."""

    def get(self, _request: Request, slug: str) -> Response:
        try:
            meeting = meeting_with_published_list(slug)
        except Http404 as error:
            raise NotFound(_("No published list of participants at this address.")) from error
        # No Last-Modified: a nomination's change does not move the meeting's content_changed_at.
        groups = public_list(meeting)
        page_url = absolute_url(reverse("participants:list", kwargs={"slug": meeting.slug}))
        data = {
            "meeting": meeting.slug,
            "count": sum(group.count for group in groups),
            "page_url": page_url,
            "groups": groups,
        }
        return Response(ParticipantListSerializer(data).data)
