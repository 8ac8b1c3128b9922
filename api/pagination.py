"""Pages of a list: `?page=2&page_size=100`, a 400 for a page or size that is not a number in
range, a 404 past the last page."""

from typing import Any, override

from django.core.paginator import InvalidPage
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from config.links import absolute_url

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def _whole_number(request: Request, name: str, default: int, maximum: int | None) -> int:
    value = request.query_params.get(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1 or (maximum is not None and number > maximum) or not value.isdigit():
        if maximum is None:
            message = _("A whole number of at least 1 is required.")
        else:
            message = _("A whole number from 1 to %(maximum)d is required.") % {"maximum": maximum}
        raise ValidationError({name: [message]})
    return number


class ApiPagination(PageNumberPagination):
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    @override
    def paginate_queryset(
        self, queryset: QuerySet[Any], request: Request, view: APIView | None = None
    ) -> list[Any]:
        self.request = request
        number = _whole_number(request, self.page_query_param, 1, None)
        size = _whole_number(request, self.page_size_query_param, self.page_size, MAX_PAGE_SIZE)
        paginator = self.django_paginator_class(queryset, size)
        try:
            self.page = paginator.page(number)  # an empty list has one, empty, page
        except InvalidPage as error:
            raise NotFound(_("There is no page %(number)d.") % {"number": number}) from error
        return list(self.page)

    def _link(self, number: int) -> str:
        # From SITE_URL, as every absolute link (config.links), not from the request's host.
        url = absolute_url(self.request.get_full_path())
        if number == 1:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, number)

    def get_next_link(self) -> str | None:
        return self._link(self.page.next_page_number()) if self.page.has_next() else None

    def get_previous_link(self) -> str | None:
        if not self.page.has_previous():
            return None
        return self._link(self.page.previous_page_number())

    def get_paginated_response(self, data: Any) -> Response:
        return Response(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        def link(number: int) -> dict[str, Any]:
            return {
                "type": ["string", "null"],
                "format": "uri",
                "example": f"https://plenary.example.org/api/v1/meetings/?page={number}",
            }

        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "example": 120, "description": _("In all pages.")},
                "next": {**link(3), "description": _("The next page; null on the last.")},
                "previous": {**link(1), "description": _("The page before; null on the first.")},
                "results": schema,
            },
        }

    @override
    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": _("The page to read, from 1."),
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": _(
                    "How many results a page holds: %(default)d unless asked, at most %(maximum)d."
                )
                % {"default": DEFAULT_PAGE_SIZE, "maximum": MAX_PAGE_SIZE},
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]
