"""/robots.txt: what crawlers may index, answered through the whole middleware stack."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROBOTS = "User-agent: *\nDisallow: /admin/\nDisallow: /accounts/\n"


def test_robots_txt_keeps_crawlers_out_of_the_back_office_and_the_accounts(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == ROBOTS
    # The site's headers, as on every page: the middleware stack ran.
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response


def test_robots_txt_reads_the_same_logged_in_and_is_not_stored_for_them(client):
    client.force_login(UserFactory())

    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response.content.decode() == ROBOTS
    assert response["Cache-Control"] == "private, no-store"


def test_robots_txt_answers_head_and_refuses_a_post(client):
    assert client.head("/robots.txt").status_code == 200
    response = client.post("/robots.txt")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
