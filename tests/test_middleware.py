"""A NUL byte anywhere a request carries text answers 400 with the site's page, not a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def assert_refused(response):
    assertContains(response, "<h1>Bad request</h1>", status_code=400, html=True)
    # The site's page, with the site's headers.
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory(is_superuser=True))
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/meetings/meeting/?q=a%00b",
        "/admin/meetings/meeting/?status__exact=%00",
        "/admin/meetings/meeting/?series__id__exact=1%00",
        "/admin/meetings/meeting/?%00=1",
        "/admin/autocomplete/?term=%00&app_label=meetings&model_name=meeting&field_name=series",
        "/admin/meetings/meeting/%00/change/",
    ],
)
def test_a_nul_in_the_back_offices_filters_search_and_paths_is_a_400(staff_client, url):
    assert_refused(staff_client.get(url))


@pytest.mark.parametrize("url", ["/%00/", "/meetings/a%00b/", "/?page=%00"])
def test_a_nul_in_a_public_address_is_a_400(client, url):
    assert_refused(client.get(url))


def test_a_nul_in_a_login_form_field_is_a_400(client):
    """Multipart, as browsers send forms with files and as the test client posts."""
    response = client.post(reverse("accounts:login"), {"username": "ana\x00@example.org"})
    assert_refused(response)


def test_a_nul_in_an_url_encoded_form_field_is_a_400(client):
    response = client.post(
        reverse("accounts:password_reset"),
        "email=ana%00%40example.org",
        content_type="application/x-www-form-urlencoded",
    )
    assert_refused(response)


def test_a_nul_in_an_admin_form_is_a_400(staff_client):
    response = staff_client.post(
        reverse("admin:meetings_meetingseries_add"), {"name": "Series\x00", "slug": "s"}
    )
    assert_refused(response)


def test_the_files_content_is_not_read_for_nuls(staff_client):
    """A file's bytes may hold NULs (every PDF does); only the other fields are checked."""
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n\x00\x00\x00binary")
    response = staff_client.post(
        reverse("admin:meetings_meetingseries_add"), {"name": "", "slug": "", "file": upload}
    )

    assert response.status_code == 200
    assertContains(response, "This field is required.")


def test_text_without_nul_passes(client):
    assert client.get("/?q=%01plain").status_code == 200
