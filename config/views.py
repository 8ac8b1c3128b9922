"""Site-wide answers that belong to no app: the CSRF failure page, the browsers' /favicon.ico and
the crawlers' /robots.txt."""

from typing import override

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.csp import CSP, build_policy
from django.views import defaults
from django.views.decorators.http import require_safe
from django.views.generic import RedirectView


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:  # noqa: ARG001 (Django passes it)
    """CSRF_FAILURE_VIEW: templates/403_csrf.html, in the site's style and under its CSP.

    Django's own page styles itself inline, which the Content Security Policy blocks. The reason
    Django gives is for developers; the page tells the reader what to do instead.
    """
    return render(request, "403_csrf.html", status=403)


def site_headers(response: HttpResponse) -> HttpResponse:
    """The site's CSP and framing headers on an error page made outside the middleware that
    adds them (a bad Host header, a failing middleware); left as they are when already set."""
    response.headers.setdefault(str(CSP.HEADER_ENFORCE), build_policy(settings.SECURE_CSP))
    response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
    return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: templates/400.html, with the site's headers whichever layer refused."""
    return site_headers(defaults.bad_request(request, exception))


class FaviconView(RedirectView):
    """/favicon.ico, which browsers ask for unprompted: the site's icon, wherever it is served."""

    permanent = False  # the static file's address changes with its content (hashed names)

    @override
    def get_redirect_url(self, *args: object, **kwargs: object) -> str:
        return static("favicon.png")


# The back office and the account pages are no search result; everything public may be indexed.
ROBOTS_TXT = "User-agent: *\nDisallow: /admin/\nDisallow: /accounts/\n"


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:  # noqa: ARG001 (Django passes it)
    """/robots.txt: fixed text, no query and no template, through the whole middleware stack
    like every page, so `make bench` measures the floor every other page is compared with."""
    return HttpResponse(ROBOTS_TXT, content_type="text/plain; charset=utf-8")
