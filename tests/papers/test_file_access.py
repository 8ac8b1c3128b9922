"""Who reaches which page, form, action and file: a file of an unpublished document reaches only
its organization's members and staff, and files are served only by the download views."""

import datetime
import importlib

import pytest
from django.urls import Resolver404, clear_url_caches, resolve, reverse
from django.utils import timezone

import config.urls
from papers.models import DocumentStatus, DocumentVersion
from papers.views.files import attachment_disposition
from tests.factories import (
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    SecretariatFactory,
    StaffFactory,
    VersionFactory,
    make_public,
)
from tests.papers import samples

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
PDF = samples.pdf(mark=True)


@pytest.fixture
def world():
    """An open meeting, an organization with a published and a submitted paper, four people."""
    now = timezone.now()
    meeting = MeetingFactory(
        submissions_open=now - datetime.timedelta(days=1),
        submissions_close=now + datetime.timedelta(days=1),
    )
    organization = OrganizationFactory(name="IOM")
    published = VersionFactory(
        document__meeting=meeting,
        document__organization=organization,
        document__status=DocumentStatus.PUBLISHED,
        file_data=PDF,
    ).document
    submitted = VersionFactory(
        document__meeting=meeting, document__organization=organization, file_data=PDF
    ).document
    return {
        "meeting": meeting,
        "published": published,
        "submitted": submitted,
        "own": MembershipFactory(organization=organization).user,
        "other": MembershipFactory(organization__name="UNHCR").user,
        "staff": SecretariatFactory(),
        "staff_without_papers": StaffFactory(),
    }


def download(client, url: str):
    """GET a streamed file; returns the response with its whole body in `body`."""
    response = client.get(url)
    if response.streaming:
        response.body = b"".join(response.streaming_content)
    return response


def document_urls(document) -> dict[str, str]:
    return {
        "detail": reverse("papers:document_detail", args=[document.pk]),
        "download": reverse("papers:version_download", args=[document.pk, 1]),
        "thumbnail": reverse("papers:version_thumbnail", args=[document.pk, 1]),
        "edit": reverse("papers:submission_edit", args=[document.pk]),
        "withdraw": reverse("papers:submission_withdraw", args=[document.pk]),
    }


MY_SUBMISSIONS = reverse("papers:my_submissions")
OK, GONE, LOGIN_FIRST, FORBIDDEN, BACK = 200, 404, "login", 403, "my_submissions"
PEOPLE = ("anonymous", "other", "own", "staff")

# (document, page, method): what each of anonymous, other focal point, own focal point, staff get.
MATRIX = {
    ("published", "detail", "get"): (OK, OK, OK, OK),
    ("published", "download", "get"): (OK, OK, OK, OK),
    ("published", "thumbnail", "get"): (OK, OK, OK, OK),
    ("published", "edit", "get"): (LOGIN_FIRST, GONE, BACK, GONE),
    ("published", "edit", "post"): (LOGIN_FIRST, GONE, BACK, GONE),
    ("published", "withdraw", "get"): (LOGIN_FIRST, GONE, BACK, GONE),
    ("published", "withdraw", "post"): (LOGIN_FIRST, GONE, BACK, GONE),
    ("submitted", "detail", "get"): (GONE, GONE, OK, OK),
    ("submitted", "download", "get"): (GONE, GONE, OK, OK),
    ("submitted", "thumbnail", "get"): (GONE, GONE, OK, OK),
    ("submitted", "edit", "get"): (LOGIN_FIRST, GONE, OK, GONE),
    ("submitted", "edit", "post"): (LOGIN_FIRST, GONE, BACK, GONE),
    ("submitted", "withdraw", "get"): (LOGIN_FIRST, GONE, OK, GONE),
    ("submitted", "withdraw", "post"): (LOGIN_FIRST, GONE, BACK, GONE),
    (None, "my_submissions", "get"): (LOGIN_FIRST, OK, OK, OK),
    (None, "submit", "get"): (LOGIN_FIRST, OK, OK, FORBIDDEN),
}
CASES = [
    pytest.param(
        document, page, method, person, expected, id=f"{document}-{page}-{method}-{person}"
    )
    for (document, page, method), outcomes in MATRIX.items()
    for person, expected in zip(PEOPLE, outcomes, strict=True)
]


@pytest.mark.parametrize(("document", "page", "method", "person", "expected"), CASES)
def test_access_matrix(client, world, document, page, method, person, expected):
    if person != "anonymous":
        client.force_login(world[person])
    if document is None:
        url = {
            "my_submissions": MY_SUBMISSIONS,
            "submit": reverse("papers:submit", args=[world["meeting"].slug]),
        }[page]
    else:
        url = document_urls(world[document])[page]
    before = {
        key: (world[key].title, world[key].status, world[key].versions.count())
        for key in ("published", "submitted")
    }
    data = {
        "category": world["submitted"].category_id,
        "title": "Changed by someone",
        "authors_text": "",
        "language": "en",
        "agenda_item": "",
    }

    response = client.post(url, data) if method == "post" else download(client, url)

    if expected == LOGIN_FIRST:
        assert response.status_code == 302
        assert response["Location"] == f"{LOGIN}?next={url}"
    elif expected == BACK:
        assert response.status_code == 302
        assert response["Location"] == MY_SUBMISSIONS
    else:
        assert response.status_code == expected
    for key in before:
        world[key].refresh_from_db()
    after = {
        key: (world[key].title, world[key].status, world[key].versions.count()) for key in before
    }
    if method == "post" and person == "own" and document == "submitted":
        assert after["submitted"] == (
            ("Changed by someone", DocumentStatus.SUBMITTED, 1)
            if page == "edit"
            else (before["submitted"][0], DocumentStatus.WITHDRAWN, 1)
        )
        assert after["published"] == before["published"]
    else:
        assert after == before


def test_file_is_sent_as_an_attachment_that_cannot_run(client, world):
    version = world["published"].versions.get()

    response = download(client, version.get_absolute_url())

    assert response.body == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(PDF))
    assert response["Content-Disposition"] == 'attachment; filename="paper.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "private" not in response.get("Cache-Control", "")


def test_unpublished_file_is_kept_out_of_shared_caches(client, world):
    client.force_login(world["own"])

    response = download(client, world["submitted"].versions.get().get_absolute_url())

    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}
    assert "Cookie" in response["Vary"]


def test_thumbnail_is_a_png_under_the_same_rules(client, world):
    url = reverse("papers:version_thumbnail", args=[world["published"].pk, 1])

    response = download(client, url)

    assert response.body.startswith(b"\x89PNG\r\n\x1a\n")
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == "inline"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_version_without_thumbnail_has_none_to_serve(client, world):
    VersionFactory(
        document=world["published"], file_data=samples.office("docx"), file_name="paper.docx"
    )

    response = client.get(reverse("papers:version_thumbnail", args=[world["published"].pk, 2]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("paper.pdf", 'attachment; filename="paper.pdf"'),
        (
            "Rapport d\u2019\u00e9tape \u2013 2012.pdf",
            'attachment; filename="Rapport d_etape _ 2012.pdf"; '
            "filename*=UTF-8''Rapport%20d%E2%80%99%C3%A9tape%20%E2%80%93%202012.pdf",
        ),
        (
            "移民报告.pdf",
            'attachment; filename="document.pdf"; '
            "filename*=UTF-8''%E7%A7%BB%E6%B0%91%E6%8A%A5%E5%91%8A.pdf",
        ),
        (
            'The "best" 100% paper.pdf',
            'attachment; filename="The _best_ 100_ paper.pdf"; '
            "filename*=UTF-8''The%20%22best%22%20100%25%20paper.pdf",
        ),
    ],
)
def test_download_name_follows_rfc_6266(name, header):
    assert attachment_disposition(name) == header


def test_download_offers_the_original_unicode_name(client, world):
    version = VersionFactory(document=world["published"], file_name="Rapport d\u2019\u00e9tape.pdf")
    make_public(version)

    response = download(client, version.get_absolute_url())

    assert response["Content-Disposition"] == (
        'attachment; filename="Rapport d_etape.pdf"; '
        "filename*=UTF-8''Rapport%20d%E2%80%99%C3%A9tape.pdf"
    )


def test_content_type_outside_the_allow_list_is_never_sent(client, world):
    version = world["published"].versions.get()
    DocumentVersion.objects.filter(pk=version.pk).update(content_type="text/html")

    response = download(client, version.get_absolute_url())

    assert response["Content-Type"] == "application/octet-stream"


def test_other_numbers_and_other_documents_versions_are_404(client, world):
    published, submitted = world["published"], world["submitted"]
    client.force_login(world["other"])

    for url in (
        reverse("papers:version_download", args=[published.pk, 2]),
        reverse("papers:version_download", args=[published.pk + submitted.pk + 100, 1]),
        reverse("papers:version_thumbnail", args=[submitted.pk, 1]),
    ):
        assert client.get(url).status_code == 404


def test_download_is_read_only(client, world):
    url = world["published"].versions.get().get_absolute_url()

    assert client.post(url).status_code == 405
    head = client.head(url)
    head.close()
    assert head.status_code == 200


def test_documents_of_a_draft_meeting_stay_private(client, world):
    published = world["published"]
    published.meeting.status = "draft"
    published.meeting.save()

    assert client.get(published.get_absolute_url()).status_code == 404
    assert download(client, published.versions.get().get_absolute_url()).status_code == 404
    client.force_login(world["own"])
    assert download(client, published.versions.get().get_absolute_url()).status_code == 200


def test_media_files_are_not_served_under_media_url_even_in_debug(client, world, settings):
    version = world["submitted"].versions.get()
    stored = f"/{settings.MEDIA_URL}{version.file.name}"
    thumbnail = f"/{settings.MEDIA_URL}{version.thumbnail.name}"
    settings.DEBUG = True
    try:
        importlib.reload(config.urls)
        clear_url_caches()
        for path in (stored, thumbnail):
            with pytest.raises(Resolver404):
                resolve(path)
            assert client.get(path).status_code == 404
    finally:
        settings.DEBUG = False
        importlib.reload(config.urls)
        clear_url_caches()


def test_staff_without_the_secretariats_rights_get_no_unpublished_file(client, world):
    client.force_login(world["staff_without_papers"])
    submitted = document_urls(world["submitted"])
    assert download(client, submitted["download"]).status_code == 404
    assert client.get(submitted["detail"]).status_code == 404
    published = download(client, document_urls(world["published"])["download"])
    assert published.status_code == 200
