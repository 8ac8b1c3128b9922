"""How long a login lasts, and what a logged-in user's pages tell caches."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from tests.factories import MembershipFactory, StaffFactory, UserFactory, VersionFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent
MY_SUBMISSIONS = reverse("papers:my_submissions")
ENDED = "Your session has ended. Log in again to continue."


def logged_in_user(client):
    return client.get(reverse("meetings:home")).wsgi_request.user


@pytest.mark.parametrize(
    ("make_user", "idle", "just_within"),
    [
        (StaffFactory, {"minutes": 30, "seconds": 1}, {"minutes": 29}),
        (UserFactory, {"days": 2, "seconds": 1}, {"days": 1, "hours": 23}),
    ],
    ids=["staff: 30 minutes", "focal point: 2 days"],
)
def test_a_session_ends_after_its_idle_timeout(client, clock, make_user, idle, just_within):
    user = make_user()
    client.force_login(user)

    clock.advance(**just_within)
    assert logged_in_user(client) == user  # a request: the idle clock starts again

    clock.advance(**idle)
    response = client.get(MY_SUBMISSIONS, follow=True)

    assertRedirects(response, f"{reverse('accounts:login')}?next={MY_SUBMISSIONS}")
    assertContains(response, ENDED)
    assert not logged_in_user(client).is_authenticated


@pytest.mark.parametrize(
    ("make_user", "step", "lifetime_hours"),
    [(StaffFactory, {"minutes": 20}, 8), (UserFactory, {"days": 1}, 14 * 24)],
    ids=["staff: 8 hours", "focal point: 14 days"],
)
def test_a_session_ends_after_its_lifetime_however_busy(
    client, clock, make_user, step, lifetime_hours
):
    user = make_user()
    client.force_login(user)
    spent = 0.0
    step_hours = step.get("minutes", 0) / 60 + step.get("days", 0) * 24
    while spent + step_hours <= lifetime_hours:
        clock.advance(**step)
        spent += step_hours
        assert logged_in_user(client) == user

    clock.advance(**step)

    assertContains(client.get(reverse("meetings:home")), ENDED)
    assert not logged_in_user(client).is_authenticated


def test_the_session_cookie_ends_with_the_nearer_limit(client):
    client.force_login(StaffFactory())

    response = client.get(reverse("meetings:home"))

    assert client.session.get_expiry_age() == 30 * 60
    assert response.wsgi_request.session.get_expire_at_browser_close() is False


@pytest.fixture
def submission(client):
    membership = MembershipFactory()
    version = VersionFactory(document__organization=membership.organization)
    client.force_login(membership.user)
    return version.document


@pytest.mark.parametrize(
    "page",
    [
        lambda document: MY_SUBMISSIONS,
        lambda document: reverse("papers:submission_edit", args=[document.pk]),
        lambda document: reverse("accounts:password_change"),
        lambda document: reverse("meetings:home"),
    ],
    ids=["my submissions", "edit", "password", "home"],
)
def test_every_page_to_a_logged_in_user_is_private_and_not_stored(client, submission, page):
    response = client.get(page(submission))

    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert "public" not in directives


def test_the_back_office_is_not_stored_either(client):
    client.force_login(StaffFactory(is_superuser=True))

    response = client.get(reverse("admin:index"))

    assert {"private", "no-store"} <= {d.strip() for d in response["Cache-Control"].split(",")}


def test_public_pages_to_anonymous_readers_are_not_made_private(client):
    response = client.get(reverse("meetings:home"))

    assert "no-store" not in response.get("Cache-Control", "")


def production_cookies() -> list[str]:
    """The cookie settings Django runs with when DJANGO_DEBUG is off."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.SESSION_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_PATH, "
            "s.SESSION_COOKIE_DOMAIN, s.CSRF_COOKIE_NAME, s.CSRF_COOKIE_SECURE, "
            "s.CSRF_COOKIE_PATH, s.CSRF_COOKIE_DOMAIN)",
        ],
        cwd=ROOT,
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "x" * 60,
            "DJANGO_ALLOWED_HOSTS": "plenary.example.org",
            "DJANGO_SITE_URL": "https://plenary.example.org",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_with_debug_off_the_cookies_are_host_only_and_secure():
    # __Host- cookies are kept by browsers only when Secure, for Path=/ and with no Domain.
    assert production_cookies() == [
        "__Host-sessionid",
        "True",
        "/",
        "None",
        "__Host-csrftoken",
        "True",
        "/",
        "None",
    ]
