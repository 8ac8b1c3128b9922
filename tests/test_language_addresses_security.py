"""What an attacker tries on the language addresses (config/languages.py): a path or a `next`
that a browser reads as another site ("//evil.example/"), a link on another site that would
change a user's e-mail language, and numbers too large for the database in an address."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SWITCH = "/language/{code}/"


def assert_on_this_site(location: str) -> None:
    """What a browser opens on this site: "/x", never "//host/x", "/\\host" or "http://host"."""
    parts = urlsplit(location)
    assert (parts.scheme, parts.netloc) == ("", ""), location
    assert location.startswith("/"), location
    assert not location.startswith(("//", "/\\")), location


def test_a_guessed_en_address_cannot_send_a_reader_elsewhere(client):
    for path in ("/en//evil.example", "/en/%2Fevil.example", "/en///evil.example/x", "/en/%5Cx"):
        response = client.get(path, {"q": "1"})
        assert response.status_code == 302, path
        assert_on_this_site(response["Location"])
    assert client.get("/en//evil.example")["Location"] == "/evil.example"


@pytest.mark.parametrize("preference", ["accept-language", "cookie"])
def test_negotiating_a_language_cannot_send_a_reader_elsewhere(client, preference):
    headers = {"HTTP_ACCEPT_LANGUAGE": "fr"} if preference == "accept-language" else {}
    if preference == "cookie":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    # The test client decodes %2F as a server does: the path the app sees is "//evil.example/…".
    for path in ("/%2Fevil.example/", "/%2Fevil.example/meetings/x/", "/%5Cevil.example/"):
        response = client.get(path, **headers)
        if response.status_code == 302:
            assert_on_this_site(response["Location"])
        else:
            assert response.status_code == 404, path


def test_the_switcher_s_next_cannot_send_a_reader_elsewhere(client):
    targets = [
        "http://testserver//evil.example/",
        "http://testserver/%2F/evil.example/",
        "/%252Fevil.example/",
        "///evil.example/",
        "/\\evil.example/",
        "https://evil.example/",
        "javascript:alert(1)",
    ]
    for target in targets:
        response = client.get(SWITCH.format(code="fr"), {"next": target})
        assert response.status_code == 302, target
        location = response["Location"]
        assert_on_this_site(location)
        # Where that leads, with the French cookie just set, stays here too.
        second = client.get(location)
        if second.status_code == 302:
            assert_on_this_site(second["Location"])


def test_only_a_click_on_our_own_pages_changes_a_user_s_e_mail_language(client):
    user = UserFactory(email="focal@iom.example", language="en")
    client.force_login(user)
    switch = SWITCH.format(code="ru")

    # A link on another site: the reader's pages change, their account does not.
    for headers in (
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_REFERER": "https://evil.example/page"},
        {},  # no word of where it came from
    ):
        response = client.get(switch, {"next": "/"}, **headers)
        assert response["Location"] == "/ru/"
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
        user.refresh_from_db()
        assert user.language == "en", headers

    # The switcher on one of our pages, in a browser that says so or by its Referer.
    client.get(switch, {"next": "/"}, HTTP_SEC_FETCH_SITE="same-origin")
    user.refresh_from_db()
    assert user.language == "ru"
    client.get(SWITCH.format(code="ar"), {"next": "/"}, HTTP_REFERER="http://testserver/ru/")
    user.refresh_from_db()
    assert user.language == "ar"


def _patterns(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.pattern.converters


def test_no_address_takes_a_number_without_bound():
    unbounded = [
        route
        for route, converters in _patterns(get_resolver())
        if any(isinstance(converter, IntConverter) for converter in converters.values())
    ]
    assert unbounded == []


def test_a_number_too_large_for_the_database_is_not_found(client, admin_client):
    huge = "9" * 20
    paths = [
        f"/documents/{huge}/",
        f"/fr/documents/{huge}/",
        f"/documents/{huge}/versions/1/download/",
        f"/documents/1/versions/{huge}/download/",
        f"/documents/1/versions/1/preview/{huge}/",
        f"/nominations/{huge}/letter/",
        f"/accounts/organizations/{huge}/logo/",
        f"/api/v1/organizations/{huge}/",
        f"/meetings/x/sessions/{huge}.ics",
    ]
    for path in paths:
        assert client.get(path).status_code == 404, path
    # The admin answers an unknown object as it always does: back to a list, saying so.
    for name in ("admin:meetings_meeting_translations", "admin:meetings_meeting_change"):
        url = reverse(name, args=[1]).replace("/1/", f"/{huge}/")
        response = admin_client.get(url, follow=True)
        assert response.status_code == 200, url
        assert "doesn\N{RIGHT SINGLE QUOTATION MARK}t exist" in response.content.decode(), url
    # The largest number a column holds is still an address, answered "not found" by the view.
    assert client.get(f"/documents/{'9' * 18}/").status_code == 404
