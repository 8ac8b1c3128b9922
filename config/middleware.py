"""Requests with a NUL byte in them are refused before anything stores or looks them up.

No text Plenary keeps or searches may hold U+0000 (PostgreSQL refuses it in text, which made the
admin's filters and autocomplete answer 500), so a NUL in the path, the query string or a form
field answers 400 with the site's 400 page (under /api/, in the API's JSON).
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.views.defaults import bad_request

NUL = "\x00"


def _holds_nul(data: QueryDict) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in data.lists())


class NulByteMiddleware:
    """Path and query string are checked as the request arrives; form fields once the view is
    known, as CSRF checks them: a multipart body is parsed by the upload handlers in settings,
    and its files' content is never read here (request.POST holds only the other fields). A view
    exempt from CSRF parses its own body, with handlers it may choose: it is left to do so."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if NUL in request.path or _holds_nul(request.GET):
            return self._refuse(request)
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        *args: Any,  # the view's arguments
    ) -> HttpResponse | None:
        if request.method != "POST":
            return None
        multipart = request.content_type == "multipart/form-data"
        if multipart and getattr(view_func, "csrf_exempt", False) and not hasattr(request, "_post"):
            return None
        if _holds_nul(request.POST):
            return self._refuse(request)
        return None

    def _refuse(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": "The request holds a NUL byte."}, status=400)
        return bad_request(request, BadRequest("NUL byte in the request"))
