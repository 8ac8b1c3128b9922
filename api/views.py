"""The API's answers: read-only (GET, HEAD, OPTIONS; anything else is a 405), published data
only, the same for everyone (staff read what the public reads: a draft is a 404 for all)."""

import datetime
import json
from typing import Any, override

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Organization
from config.links import absolute_url
from meetings.exports.source import (
    cached_export,
    exportable_meeting,
    exportable_meetings,
    public_programme,
)
from meetings.models import Appearance, Meeting, MeetingSeries, Person
from meetings.views import released_only
from papers.models import Document
from participants.listing import public_list
from participants.views.public import meeting_with_published_list

from . import examples
from .conditional import ConditionalMixin
from .pagination import ApiPagination
from .programme import programme_data
from .public import last_published_change, public_organizations, public_people
from .serializers import (
    DocumentListSerializer,
    MeetingDetailSerializer,
    MeetingSerializer,
    OrganizationSerializer,
    ParticipantListSerializer,
    PersonDetailSerializer,
    PersonSerializer,
    ProgrammeSerializer,
)

ERRORS = {
    400: OpenApiResponse(examples.ErrorSerializer, description=gettext_lazy("A bad parameter.")),
    404: OpenApiResponse(examples.NotFoundSerializer, description=gettext_lazy("Not found.")),
}
NOT_FOUND = {404: ERRORS[404]}
SLUG = OpenApiParameter(
    "slug",
    str,
    OpenApiParameter.PATH,
    description=gettext_lazy("The meeting's slug, the last part of its page's address."),
    pattern=r"^[-a-zA-Z0-9_]+$",
)


class ApiView(ConditionalMixin, APIView):
    http_method_names = ["get", "head", "options"]


class ApiListView(ConditionalMixin, generics.ListAPIView):
    http_method_names = ["get", "head", "options"]
    pagination_class = ApiPagination


def latest(stamps: list[datetime.datetime]) -> datetime.datetime | None:
    return max(stamps) if stamps else None


class RootSerializer(serializers.Serializer):
    meetings = serializers.URLField()
    meeting = serializers.CharField(help_text=gettext_lazy("With {slug} for a meeting's slug."))
    programme = serializers.CharField()
    documents = serializers.CharField()
    participants = serializers.CharField()
    people = serializers.URLField()
    organizations = serializers.URLField()
    schema = serializers.URLField()
    docs = serializers.URLField()


@extend_schema(summary=gettext_lazy("The endpoints"), tags=["API"], responses={200: RootSerializer})
class RootView(ApiView):
    """Where everything is: the addresses of the API's endpoints."""

    def get(self, _request: Request) -> Response:
        def url(name: str) -> str:
            return absolute_url(reverse(f"api:{name}"))

        slug = "{slug}"
        return Response(
            {
                "meetings": url("meeting_list"),
                "meeting": url("meeting_list") + slug + "/",
                "programme": url("meeting_list") + slug + "/programme/",
                "documents": url("meeting_list") + slug + "/documents/",
                "participants": url("meeting_list") + slug + "/participants/",
                "people": url("person_list"),
                "organizations": url("organization_list"),
                "schema": url("schema"),
                "docs": url("docs"),
            }
        )


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
    """Every published meeting, latest first, with filters; `Last-Modified` is the latest change
    among the meetings listed."""

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
        self.last_modified = latest([meeting.content_changed_at for meeting in page])
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
        self.last_modified = meeting.content_changed_at
        groups = public_list(meeting)
        page_url = absolute_url(reverse("participants:list", kwargs={"slug": meeting.slug}))
        data = {
            "meeting": meeting.slug,
            "count": sum(group.count for group in groups),
            "page_url": page_url,
            "groups": groups,
        }
        return Response(ParticipantListSerializer(data).data)


@extend_schema(
    summary=gettext_lazy("People in released programmes"),
    tags=["People"],
    responses={200: PersonSerializer(many=True), **ERRORS},
    examples=[examples.PERSON_LIST],
)
class PersonListView(ApiListView):
    """Everyone with a public page: in the released programme of a published meeting, their
    name not withheld. By family name."""

    serializer_class = PersonSerializer

    @override
    def get_queryset(self) -> QuerySet[Person]:
        self.last_modified = last_published_change()
        return public_people().order_by("name_key", "pk")


@extend_schema(
    summary=gettext_lazy("A person"),
    tags=["People"],
    parameters=[
        OpenApiParameter(
            "slug",
            str,
            OpenApiParameter.PATH,
            description=gettext_lazy("The person's slug, as in their page's address."),
            pattern=r"^[-a-zA-Z0-9_]+$",
        )
    ],
    responses={200: PersonDetailSerializer, **NOT_FOUND},
    examples=[examples.PERSON_DETAIL],
)
class PersonDetailView(ApiView):
    """A person with a public page, and their appearances in released programmes."""

    def get(self, _request: Request, slug: str) -> Response:
        person = Person.objects.named().with_details().filter(slug=slug).first()
        appearances = []
        if person is not None:
            shown = Appearance.objects.for_person_page(person).select_related("segment")
            appearances = released_only(list(shown))
        if not appearances:  # in no released programme of a published meeting: no public page
            raise NotFound(_("No person with a public page at this address."))
        self.last_modified = latest(
            [appearance.agenda_item.meeting.content_changed_at for appearance in appearances]
        )
        context = {"appearances": appearances}
        return Response(PersonDetailSerializer(person, context=context).data)


@extend_schema(
    summary=gettext_lazy("Organizations on public pages"),
    tags=["Organizations"],
    responses={200: OrganizationSerializer(many=True), **ERRORS},
    examples=[examples.ORGANIZATION_LIST],
)
class OrganizationListView(ApiListView):
    """The organizations public pages name: organizers of published meetings, the organizations
    of people with a public page and of published documents, and the bodies they belong to.
    No members, no users, no contact data."""

    serializer_class = OrganizationSerializer

    @override
    def get_queryset(self) -> QuerySet[Organization]:
        self.last_modified = last_published_change()
        return public_organizations().order_by("name", "pk")


@extend_schema(
    summary=gettext_lazy("An organization"),
    tags=["Organizations"],
    parameters=[
        OpenApiParameter(
            "id", int, OpenApiParameter.PATH, description=gettext_lazy("Its number in this API.")
        )
    ],
    responses={200: OrganizationSerializer, **NOT_FOUND},
    examples=[examples.ORGANIZATION],
)
class OrganizationDetailView(ApiView):
    def get(self, _request: Request, id: int) -> Response:
        organization = public_organizations().filter(pk=id).first()
        if organization is None:
            raise NotFound(_("No organization named on a public page has this number."))
        self.last_modified = last_published_change()
        return Response(OrganizationSerializer(organization).data)


def not_found(_request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any other address under /api/v1/: a 404 in JSON, as the API's own are."""
    body = json.dumps({"detail": _("There is no such address in this API.")})
    return HttpResponse(body, status=404, content_type="application/json")
