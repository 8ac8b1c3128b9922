"""When the database is down, every page says "temporarily unavailable" (503), not "error" (500).

``DatabaseUnavailableMiddleware`` answers a view's (or its template's) OperationalError or
InterfaceError; ``server_error``, the 500 handler, does the same for one raised in a middleware.
The page is templates/503.html rendered with a plain context: no context processor, no user, no
session, so rendering it never touches the database that just failed.
"""

import logging
import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views import defaults

from config.views import site_headers

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
# Seconds a client (or a crawler) is asked to wait before trying again.
RETRY_AFTER = 30


def unavailable_response() -> HttpResponse:
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.error(
            "Database unavailable: %s %s answered 503",
            request.method,
            request.path,
            exc_info=exception,
        )
        return unavailable_response()


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database error raised outside a view is a 503 too; anything else a 500."""
    if isinstance(sys.exception(), DATABASE_ERRORS):
        return site_headers(unavailable_response())
    return site_headers(defaults.server_error(request))
