"""The meeting's exports as the API names them, and the API as the pages name it: each link
answers with the file it says."""

from urllib.parse import urlsplit

import lxml.html
import pytest
from django.urls import reverse

from .conftest import TENTH_SLUG

pytestmark = pytest.mark.django_db

CONTENT_TYPES = {
    "calendar": "text/calendar",
    "schedule_xml": "application/xml",
    "schedule_json": "application/json",
    "pdf": "application/pdf",
}


def test_every_export_the_api_names_is_there(api, client, tenth):
    exports = api(f"/api/v1/meetings/{TENTH_SLUG}/")["exports"]
    assert set(exports) == set(CONTENT_TYPES)
    for kind, url in exports.items():
        response = client.get(urlsplit(url).path)
        assert response.status_code == 200, kind
        assert response["Content-Type"].startswith(CONTENT_TYPES[kind]), kind
        assert TENTH_SLUG in response["Content-Disposition"], kind


def test_the_meeting_and_programme_pages_link_to_the_api(client, tenth):
    for name in ("meetings:meeting_detail", "meetings:programme"):
        page = client.get(reverse(name, kwargs={"slug": TENTH_SLUG})).content.decode()
        root = lxml.html.fromstring(page)
        (link,) = root.xpath('//nav[contains(@class, "programme-exports")]//a[contains(., "API")]')
        response = client.get(link.get("href"))
        assert response.status_code == 200
        assert response.json()["meeting"] == TENTH_SLUG
        (docs,) = root.xpath("//footer//a")
        assert client.get(docs.get("href")).status_code == 200
