"""With the database down, pages say "temporarily unavailable" (503, Retry-After), not 500."""

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from accounts.models import User
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def database_down(*args, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")


@pytest.fixture
def no_database(monkeypatch):
    monkeypatch.setattr(connection, "ensure_connection", database_down)


class QueryingMiddleware:
    """A middleware that reads the database before the view, as a session or lockout check may."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        User.objects.exists()
        return self.get_response(request)


def assert_unavailable(response):
    assertContains(response, "<h1>Temporarily unavailable</h1>", status_code=503)
    assertContains(response, "Please try again in a minute", status_code=503)
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"


def test_a_public_page_with_the_database_down_is_a_503(client, no_database):
    response = client.get(reverse("meetings:home"))

    assert_unavailable(response)
    assertContains(response, 'href="/static/css/plenary.css"', status_code=503)
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_a_logged_in_focal_point_gets_the_503_page_too(monkeypatch):
    # Reading the session may fail in a middleware, before any view: the 500 handler answers.
    client = Client(raise_request_exception=False)
    client.force_login(MembershipFactory().user)
    monkeypatch.setattr(connection, "ensure_connection", database_down)

    assert_unavailable(client.get(reverse("papers:my_submissions")))


def test_a_database_error_in_a_middleware_is_a_503_too(settings, no_database):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.config.test_faults.QueryingMiddleware"]

    response = Client(raise_request_exception=False).get(reverse("meetings:home"))

    assert_unavailable(response)


def test_other_errors_are_still_500(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.config.test_faults.BrokenMiddleware"]

    response = Client(raise_request_exception=False).get(reverse("meetings:home"))

    assertContains(response, "Something went wrong", status_code=500)


class BrokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise ValueError("a bug")
