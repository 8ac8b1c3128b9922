"""What every response to a logged-in user gets: a session that ends on time, and no caching."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .sessions import session_expired


class SessionLifetimeMiddleware:
    """Logs out a user whose session is past its lifetime or idle timeout (accounts.sessions);
    the page asked for then answers as to anyone logged out, with a note to log in again."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and session_expired(request):
            logout(request)
            messages.info(request, _("Your session has ended. Log in again to continue."))
        return self.get_response(request)


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` on every response to a logged-in user: their pages
    (submissions, forms, the back office) stay out of shared caches and the browser's history."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
