"""People with a public page, and the organizations public pages name."""

from typing import Any, override

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import Organization
from config.links import absolute_url
from meetings.models import Person
from meetings.views import places_of

from .. import examples
from ..public import public_organizations, public_people
from ..serializers import (
    OrganizationSerializer,
    PersonDetailSerializer,
    PersonSerializer,
)
from .base import ERRORS, NOT_FOUND, ApiListView, ApiView


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
        appearances = person_appearances(person) if person is not None else []
        if not appearances:  # in no released programme of a published meeting: no public page
            raise NotFound(_("No person with a public page at this address."))
        context = {"appearances": appearances}
        return Response(PersonDetailSerializer(person, context=context).data)


def person_appearances(person: Person) -> list[dict[str, Any]]:
    """Where the person appears, as their page shows it: each published meeting's released
    programme (meetings.views.places_of), never an edit not yet published."""
    found = []
    for meeting, places in places_of(person):
        programme_url = absolute_url(reverse("meetings:programme", kwargs={"slug": meeting.slug}))
        for place in places:
            appearance = place.appearance
            session = place.session.session if place.session else None
            found.append(
                {
                    "meeting": meeting,
                    "item_number": place.item.number,
                    "item_numeral": place.item.numeral,
                    "item_title": place.item.item.title,
                    "continued": place.item.continued,
                    "segment_title": place.segment.segment.title if place.segment else None,
                    "role": appearance.role,
                    "role_label": appearance.get_role_display(),
                    "affiliation": appearance.affiliation,
                    "date": session.date if session else None,
                    "start_time": f"{session.start_time:%H:%M}" if session else None,
                    "end_time": f"{session.end_time:%H:%M}" if session else None,
                    "session_name": session.name if session else None,
                    "programme_url": f"{programme_url}#{place.anchor}",
                }
            )
    return found


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
        return Response(OrganizationSerializer(organization).data)
