"""The API over HTTP: read-only for everyone alike, no contact data, parameters checked,
conditional GET, CORS for reading, throttling, and the schema and documentation pages."""

import json
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils.http import http_date

from accounts.models import Invitation, User
from meetings.models import MeetingStatus
from participants.models import Nomination
from tests.conftest import SITE_URL
from tests.factories import (
    MeetingFactory,
    MembershipFactory,
    NominationFactory,
    RegistrationFactory,
    SecretariatFactory,
    SeriesFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def endpoints(slug: str) -> list[str]:
    return [
        "/api/v1/",
        "/api/v1/meetings/",
        f"/api/v1/meetings/{slug}/",
        f"/api/v1/meetings/{slug}/programme/",
        f"/api/v1/meetings/{slug}/documents/",
        f"/api/v1/meetings/{slug}/participants/",
        "/api/v1/people/",
        "/api/v1/people/bela-hovy/",
        "/api/v1/organizations/",
        "/api/v1/schema/",
    ]


@pytest.fixture
def visitors(tenth) -> dict[str, Client]:
    """Anonymous, a member of another organization, a member of the organizer, staff."""
    found = {"anonymous": Client()}
    users = {
        "other member": MembershipFactory().user,
        "organizer's member": MembershipFactory(organization=tenth.organizer).user,
        "secretariat": SecretariatFactory(),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    for name, user in users.items():
        client = Client()
        client.force_login(user)
        found[name] = client
    return found


def test_everyone_reads_the_same_public_data(visitors, tenth):
    for path in endpoints(tenth.slug):
        bodies = {}
        for name, client in visitors.items():
            cache.clear()
            response = client.get(path)
            assert response.status_code == 200, (name, path)
            bodies[name] = response.content
        assert len(set(bodies.values())) == 1, path


def test_a_draft_is_a_404_for_everyone_staff_included(visitors, tenth):
    draft = MeetingFactory(status=MeetingStatus.DRAFT, organizer=tenth.organizer)
    RegistrationFactory(meeting=draft, list_published=True)
    for tail in ("", "programme/", "documents/", "participants/"):
        for name, client in visitors.items():
            response = client.get(f"/api/v1/meetings/{draft.slug}/{tail}")
            assert response.status_code == 404, (name, tail)
            assert set(json.loads(response.content)) == {"detail"}


def test_writing_is_refused_with_405(visitors, tenth):
    for path in endpoints(tenth.slug):
        for name, client in visitors.items():
            for method in ("post", "put", "patch", "delete"):
                response = getattr(client, method)(path, data={}, content_type="application/json")
                assert response.status_code == 405, (name, method, path)
    assert Client().head("/api/v1/meetings/").status_code == 200
    options = Client().options("/api/v1/meetings/")
    assert options.status_code == 200
    assert options["Allow"] == "GET, HEAD, OPTIONS"


def test_no_contact_data_in_any_answer(client, tenth):
    NominationFactory(meeting=tenth, phone="+41229170000", email="hidden.delegate@example.org")
    secrets = set(User.objects.values_list("email", flat=True))
    secrets |= set(Invitation.objects.values_list("email", flat=True))
    for email, phone in Nomination.objects.values_list("email", "phone"):
        secrets |= {email, phone}
    secrets = {value for value in secrets if value}
    assert len(secrets) > 5
    paths = endpoints(tenth.slug)
    for meeting in ("eleventh-coordination-meeting",):
        paths += [f"/api/v1/meetings/{meeting}/{t}" for t in ("", "programme/", "participants/")]
    people = json.loads(client.get("/api/v1/people/?page_size=200").content)["results"]
    paths += [f"/api/v1/people/{person['slug']}/" for person in people]
    for path in paths:
        body = client.get(path).content.decode()
        for secret in secrets:
            assert secret not in body, (path, secret)
        assert not re.search(r'"(e-?mail|phone|address|date_of_birth|user)"', body), path


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("year=twenty", "year"),
        ("year=1800", "year"),
        ("year=", "year"),
        ("status=soon", "status"),
        ("status=", "status"),
        ("series=no-such-series", "series"),
        ("series=not a slug", "series"),
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=x", "page"),
        ("page_size=201", "page_size"),
        ("page_size=0", "page_size"),
    ],
)
def test_bad_filters_are_a_400_that_says_why(api, tenth, query, field):
    body = api(f"/api/v1/meetings/?{query}", status=400)
    assert list(body) == [field]
    assert body[field][0]


def test_filters_by_year_and_status(api, tenth, settings):
    assert [m["slug"] for m in api("/api/v1/meetings/?year=2012")["results"]] == [tenth.slug]
    assert api("/api/v1/meetings/?year=2013")["count"] == 0
    past = api("/api/v1/meetings/?status=past")["results"]
    upcoming = api("/api/v1/meetings/?status=upcoming")["results"]
    assert [m["slug"] for m in past] == [tenth.slug]
    assert [m["slug"] for m in upcoming] == ["eleventh-coordination-meeting"]
    series = SeriesFactory()
    MeetingFactory(series=series, status=MeetingStatus.DRAFT)
    body = api(f"/api/v1/meetings/?series={series.slug}", status=400)  # only drafts in it
    assert "series" in body


def test_pages_link_to_each_other_from_the_site_address(api, tenth):
    first = api("/api/v1/meetings/?page_size=1")
    assert first["count"] == 2
    assert len(first["results"]) == 1
    assert first["previous"] is None
    assert first["next"] == f"{SITE_URL}/api/v1/meetings/?page=2&page_size=1"
    second = api("/api/v1/meetings/?page=2&page_size=1")
    assert second["next"] is None
    assert second["previous"] == f"{SITE_URL}/api/v1/meetings/?page_size=1"
    assert {first["results"][0]["slug"], second["results"][0]["slug"]} == {
        tenth.slug,
        "eleventh-coordination-meeting",
    }
    assert api("/api/v1/meetings/?page=3&page_size=1", status=404)["detail"]


def test_conditional_get_answers_304(client, tenth):
    for path in endpoints(tenth.slug)[1:6]:
        response = client.get(path)
        etag = response["ETag"]
        assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
        assert response["Cache-Control"] == "public, max-age=300"
        again = client.get(path, headers={"if-none-match": etag})
        assert again.status_code == 304
        assert again.content == b""
        assert again["ETag"] == etag
        if path.startswith("/api/v1/meetings/") and not path.endswith(
            ("/meetings/", "/participants/")
        ):
            tenth.refresh_from_db()
            assert response["Last-Modified"] == http_date(tenth.content_changed_at.timestamp())
            since = client.get(path, headers={"if-modified-since": response["Last-Modified"]})
            assert since.status_code == 304
        else:
            # A list (of meetings, or of participants, whose nominations do not move the
            # meeting's date): a date taken from what is still shown would not move when
            # something is withdrawn. The ETag tells.
            assert "Last-Modified" not in response
    before = client.get(f"/api/v1/meetings/{tenth.slug}/")
    tenth.title = "A new title"
    tenth.save()
    after = client.get(
        f"/api/v1/meetings/{tenth.slug}/",
        headers={"if-none-match": before["ETag"], "if-modified-since": before["Last-Modified"]},
    )
    assert after.status_code == 200
    assert json.loads(after.content)["title"] == "A new title"


def test_a_withdrawn_meeting_changes_the_lists_etag(client, tenth):
    before = client.get("/api/v1/meetings/")
    tenth.status = "draft"
    tenth.save()
    after = client.get("/api/v1/meetings/", headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert tenth.slug not in after.content.decode()


def test_read_only_cors_on_the_api_only(client, tenth):
    origin = {"origin": "https://partner.example"}
    response = client.get("/api/v1/meetings/", headers=origin)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/meetings/", headers={**origin, "access-control-request-method": "GET"}
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "Access-Control-Allow-Origin" not in client.get("/", headers=origin)
    page = client.get(f"/meetings/{tenth.slug}/", headers=origin)
    assert "Access-Control-Allow-Origin" not in page


def test_anonymous_clients_are_throttled(client, tenth, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"},
    }
    statuses = [client.get("/api/v1/meetings/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/meetings/")
    assert int(refused["Retry-After"]) > 0
    assert "detail" in json.loads(refused.content)


def test_unknown_addresses_under_the_api_are_json_404s(api):
    assert api("/api/v1/nothing/here/", status=404)["detail"]
    assert api("/api/v1/meetings/no-such-meeting/", status=404)["detail"]
    assert api("/api/v1/organizations/999999/", status=404)["detail"]


def test_nul_byte_is_a_json_400(client):
    response = client.get("/api/v1/meetings/?series=a%00b")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"] == "The request holds a NUL byte."


def test_schema_describes_every_endpoint_for_a_partner(openapi):
    assert openapi["openapi"] == "3.1.0"
    assert "Read-only and public" in openapi["info"]["description"]
    for path, methods in openapi["paths"].items():
        assert set(methods) <= {"get", "parameters"}, path
        operation = methods["get"]
        assert operation["summary"], path
        assert operation["description"], path
        assert "200" in operation["responses"]
        if "{" in path:
            assert "404" in operation["responses"], path


def test_schema_examples_are_valid_answers(openapi, conforms):
    count = 0
    for path, methods in openapi["paths"].items():
        content = methods["get"]["responses"]["200"]["content"]["application/json"]
        for example in content.get("examples", {}).values():
            conforms(path, example["value"])
            count += 1
    assert count >= 9


def test_docs_page_is_served_from_vendored_files_under_the_csp(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/vendor/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "<style" not in page
    assert "style=" not in page
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    assert scripts
    assert all('src="' in attributes and not body.strip() for attributes, body in scripts)
    assert "http" not in " ".join(re.findall(r'(?:src|href)="([^"]*)"', page))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in script.content.decode()
