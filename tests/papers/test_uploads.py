"""How uploads arrive: one file per field, none on pages that take none, and per-organization
limits for each meeting."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import SkipFile
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from pytest_django.asserts import assertContains

from papers.models import Document
from tests.factories import DocumentFactory, UserFactory, VersionFactory
from tests.papers import samples
from tests.papers.forms import document_form, submission_data
from uploads.handlers import UPLOAD_VIEWS, PaperUploadHandler

pytestmark = pytest.mark.django_db


class Recording(PaperUploadHandler):
    """The site's handler, noting every chunk it writes to disk."""

    written: list[int] = []

    def receive_data_chunk(self, raw_data, start):
        self.written.append(len(raw_data))
        return super().receive_data_chunk(raw_data, start)


def test_two_files_in_one_field_are_refused(client, meeting, focal_point, upload_dir):
    client.force_login(focal_point)
    response = client.post(
        reverse("papers:submit", args=[meeting.slug]),
        submission_data(
            file=[
                SimpleUploadedFile("a.pdf", samples.pdf()),
                SimpleUploadedFile("b.pdf", samples.pdf()),
            ]
        ),
    )
    assert response.context["form"].errors["file"] == ["Send one file at a time."]
    assert not Document.objects.exists()
    assert list(upload_dir.iterdir()) == []


def test_two_files_for_the_admins_new_file_are_refused(secretariat_client, paper):
    data = document_form(
        paper,
        new_file=[
            SimpleUploadedFile("a.pdf", samples.pdf()),
            SimpleUploadedFile("b.pdf", samples.pdf()),
        ],
    )
    response = secretariat_client.post(
        reverse("admin:papers_document_change", args=[paper.pk]), data
    )
    assert response.context["adminform"].form.errors["new_file"] == ["Send one file at a time."]
    assert paper.versions.count() == 1


def test_a_page_that_takes_no_file_stores_none(client, settings, upload_dir):
    """An anonymous POST with a file to the login page: read past, written nowhere."""
    written = Recording.written = []
    settings.FILE_UPLOAD_HANDLERS = [f"{__name__}.Recording"]
    big = SimpleUploadedFile("big.bin", b"\0" * (3 * 1024 * 1024))

    response = client.post(
        reverse("accounts:login"), {"username": "a@example.org", "password": "x", "f": big}
    )

    assert response.status_code == 200
    assert written == []
    assert list(upload_dir.iterdir()) == []


@pytest.mark.parametrize(
    ("view", "authenticated", "takes"),
    [
        ("papers:submit", True, True),
        ("papers:submit", False, False),
        ("accounts:login", False, False),
        ("accounts:password_change", True, False),
        ("papers:my_submissions", True, False),
    ],
)
def test_which_pages_take_files(view, authenticated, takes):
    kwargs = {"slug": "m"} if view == "papers:submit" else {}
    request = RequestFactory().post(reverse(view, kwargs=kwargs))
    request.user = UserFactory.build() if authenticated else _anonymous()
    handler = PaperUploadHandler(request)
    if takes:
        handler.new_file("file", "a.pdf", "application/pdf", 10)
        handler.file.close()
    else:
        with pytest.raises(SkipFile):
            handler.new_file("file", "a.pdf", "application/pdf", 10)


def _anonymous():
    return AnonymousUser()


def test_every_admin_page_with_a_file_field_takes_uploads():
    for model, _model_admin in admin.site._registry.items():
        has_file = any(isinstance(field, models.FileField) for field in model._meta.fields)
        if has_file and model._meta.app_label != "papers":
            for page in ("add", "change"):
                name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}"
                assert name in UPLOAD_VIEWS, name
    for name in ("admin:papers_document_add", "admin:papers_document_change"):
        assert name in UPLOAD_VIEWS


def test_more_than_fifty_files_in_one_request_are_refused(secretariat_client, meeting):
    files = [SimpleUploadedFile(f"{n}.pdf", samples.pdf()) for n in range(51)]
    response = secretariat_client.post(
        reverse("admin:papers_document_add_several"),
        {"meeting": meeting.pk, "category": 1, "language": "en", "files": files},
    )
    assert response.status_code == 400
    assert not Document.objects.exists()


# Limits per organization ---------------------------------------------------------------------


def test_an_organization_past_its_number_of_papers_is_told_why(
    client, meeting, focal_point, organization
):
    meeting.papers_per_organization = 2
    meeting.save()
    for _ in range(2):
        DocumentFactory(meeting=meeting, organization=organization)
    client.force_login(focal_point)

    response = client.post(
        reverse("papers:submit", args=[meeting.slug]),
        submission_data(file=SimpleUploadedFile("c.pdf", samples.pdf())),
    )

    assertContains(
        response,
        "International Organization for Migration (IOM) has submitted 2 papers to this meeting, "
        "the most one organization may. Withdraw one, or write to the secretariat.",
    )
    assert Document.objects.count() == 2


def test_withdrawn_papers_do_not_count(client, meeting, focal_point, organization):
    meeting.papers_per_organization = 1
    meeting.save()
    DocumentFactory(meeting=meeting, organization=organization, status="withdrawn")
    client.force_login(focal_point)
    client.post(
        reverse("papers:submit", args=[meeting.slug]),
        submission_data(file=SimpleUploadedFile("c.pdf", samples.pdf())),
    )
    assert Document.objects.count() == 2


def test_an_organization_past_its_megabytes_is_told_why(
    client, meeting, focal_point, organization, settings
):
    meeting.megabytes_per_organization = 1
    meeting.save()
    stored = VersionFactory(document__meeting=meeting, document__organization=organization)
    type(stored).objects.filter(pk=stored.pk).update(size=1024 * 1024 - 100)
    client.force_login(focal_point)

    response = client.post(
        reverse("papers:submit", args=[meeting.slug]),
        submission_data(file=SimpleUploadedFile("c.pdf", samples.pdf())),
    )

    assertContains(response, "With this file, the papers of International Organization")
    assertContains(response, "the limit is 1\xa0MB.")
    assert Document.objects.count() == 1
