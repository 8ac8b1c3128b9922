"""Site-wide answers that belong to no app: the CSRF failure page and the browsers' /favicon.ico."""

from typing import override

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.generic import RedirectView


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:  # noqa: ARG001 (Django passes it)
    """CSRF_FAILURE_VIEW: templates/403_csrf.html, in the site's style and under its CSP.

    Django's own page styles itself inline, which the Content Security Policy blocks. The reason
    Django gives is for developers; the page tells the reader what to do instead.
    """
    return render(request, "403_csrf.html", status=403)


class FaviconView(RedirectView):
    """/favicon.ico, which browsers ask for unprompted: the site's icon, wherever it is served."""

    permanent = False  # the static file's address changes with its content (hashed names)

    @override
    def get_redirect_url(self, *args: object, **kwargs: object) -> str:
        return static("favicon.png")
