"""The 400, 403 and CSRF failure pages are the site's own, under its CSP; /favicon.ico answers."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views import defaults
from PIL import Image

from config.settings import BASE_DIR

pytestmark = pytest.mark.django_db


def assert_in_site_style(html: str) -> None:
    assert '<header class="site-header">' in html
    assert '<footer class="site-footer">' in html
    assert "/static/css/plenary.css" in html
    assert "<style" not in html
    assert "style=" not in html


def test_bad_request_page_is_the_sites(client):
    response = client.get(reverse("meetings:home"), headers={"host": "unknown.example"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Bad request</h1>" in html
    assert "<title>Bad request · Plenary</title>" in html
    assert_in_site_style(html)
    # Refused by the Host check, before the middleware that adds these: handler400 adds them.
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_permission_denied_page_is_the_sites():
    request = RequestFactory().get("/documents/1/")
    request.user = type("Anonymous", (), {"is_authenticated": False, "is_staff": False})()

    response = defaults.permission_denied(request, PermissionDenied())

    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Access denied</h1>" in html
    assert '<a href="/accounts/login/?next=/documents/1/">Log in</a>' in html
    assert_in_site_style(html)


def test_csrf_failure_page_is_the_sites_and_keeps_the_csp():
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("accounts:login"), {"username": "a@example.org"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>The form could not be sent</h1>" in html
    assert "Go back, reload the page and send the form again." in html
    assert "CSRF verification failed" not in html
    assert "style-src 'self'" in response.headers["Content-Security-Policy"]
    assert_in_site_style(html)


def test_favicon_is_linked_from_every_page_and_answers_at_favicon_ico(client):
    html = client.get(reverse("meetings:home")).content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="icon" href="/static/favicon.png" sizes="32x32" type="image/png">' in html

    response = client.get("/favicon.ico")
    assert (response.status_code, response.headers["Location"]) == (302, "/static/favicon.png")

    with Image.open(BASE_DIR / "static" / "favicon.png") as icon:
        assert (icon.format, icon.size) == ("PNG", (32, 32))
    assert (BASE_DIR / "static" / "favicon.svg").read_text().startswith("<svg ")
