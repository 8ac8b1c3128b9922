"""What every API view shares: read-only, conditional answers, the error responses the
schema names, and the root listing the endpoints."""

import json
from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.links import absolute_url

from .. import examples
from ..conditional import ConditionalMixin
from ..pagination import ApiPagination

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


def not_found(_request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any other address under /api/v1/: a 404 in JSON, as the API's own are."""
    body = json.dumps({"detail": _("There is no such address in this API.")})
    return HttpResponse(body, status=404, content_type="application/json")
