"""The pictures on the document's admin page: what the reviewer sees, and that nobody else gets
them (not the public, not another organization, not the paper's own organization)."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from papers.models import DocumentVersion
from papers.services import previews
from tests.factories import DocumentFactory, MembershipFactory, StaffFactory, VersionFactory
from tests.papers import samples

pytestmark = pytest.mark.django_db


def change_url(document) -> str:
    return reverse("admin:papers_document_change", args=[document.pk])


def preview_url(document, page: int, number: int = 1) -> str:
    return reverse(
        "papers:version_preview", kwargs={"pk": document.pk, "number": number, "page": page}
    )


@pytest.fixture
def long_paper(focal_point, organization):
    document = DocumentFactory(
        title="Migration and development", organization=organization, submitted_by=focal_point
    )
    VersionFactory(document=document, file_data=samples.pdf(pages=5), file_name="Hovy.pdf")
    return document


def test_the_reviewer_sees_the_first_three_pages_each_linking_to_its_picture(
    secretariat_client, long_paper
):
    response = secretariat_client.get(change_url(long_paper))
    assertContains(response, "First pages of version 1")
    for page in (1, 2, 3):
        url = preview_url(long_paper, page)
        assertContains(
            response,
            f'<a href="{url}"><img src="{url}" alt="Page {page} of Migration and development"'
            ' width="900" loading="lazy"></a>',
            html=True,
        )
    assertNotContains(response, preview_url(long_paper, 4))


def test_an_office_file_says_there_is_no_preview_and_offers_the_download(
    secretariat_client, organization
):
    document = DocumentFactory(title="Budget", organization=organization)
    VersionFactory(document=document, file_data=samples.office("docx"), file_name="Budget.docx")
    response = secretariat_client.get(change_url(document))
    assertContains(response, "There is no preview of a Word file: it opens in its own program.")
    download = reverse("papers:version_download", kwargs={"pk": document.pk, "number": 1})
    assertContains(response, f'<a href="{download}">Download Budget.docx</a>', html=True)


def test_an_older_version_gets_its_pictures_the_first_time_a_reviewer_opens_it(
    secretariat_client, long_paper, monkeypatch
):
    version = long_paper.versions.get()
    DocumentVersion.objects.filter(pk=version.pk).update(preview_pages=[])
    made = []
    real = previews.make_review_pages
    monkeypatch.setattr(
        previews, "make_review_pages", lambda *a, **k: made.append(1) or real(*a, **k)
    )

    assertContains(secretariat_client.get(change_url(long_paper)), "Page 3 of Migration")
    assertContains(secretariat_client.get(change_url(long_paper)), "Page 3 of Migration")

    assert made == [1]
    assert len(DocumentVersion.objects.get(pk=version.pk).preview_pages) == 3


def test_the_secretariat_gets_the_picture_privately(secretariat_client, long_paper):
    response = secretariat_client.get(preview_url(long_paper, 2))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == "inline"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert secretariat_client.get(preview_url(long_paper, 4)).status_code == 404
    assert secretariat_client.get(preview_url(long_paper, 1, number=2)).status_code == 404


def test_nobody_else_gets_the_pictures(client, long_paper, focal_point):
    url = preview_url(long_paper, 1)
    assert client.get(url).status_code == 404  # anonymous

    client.force_login(focal_point)  # the paper's own organization
    assert client.get(url).status_code == 404
    download = client.get(long_paper.versions.get().get_absolute_url())
    assert download.status_code == 200  # the organization downloads its file
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    client.force_login(MembershipFactory().user)  # another organization
    assert client.get(url).status_code == 404

    viewer = StaffFactory()  # staff who may look at documents but not decide
    viewer.user_permissions.add(Permission.objects.get(codename="view_document"))
    client.force_login(viewer)
    assert client.get(url).status_code == 404
    response = client.get(change_url(long_paper))
    assert response.status_code == 200
    assertNotContains(response, "First pages of version")


def test_the_pictures_of_a_published_document_stay_private(secretariat_client, meeting):
    document = DocumentFactory(meeting=meeting, title="Public paper", status="published")
    VersionFactory(document=document)
    anonymous = Client()
    download = anonymous.get(document.versions.get().get_absolute_url())
    assert download.status_code == 200  # the public downloads the file
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert anonymous.get(preview_url(document, 1)).status_code == 404
    response = secretariat_client.get(preview_url(document, 1))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
