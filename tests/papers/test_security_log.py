"""The security log's lines about papers: refused uploads and the secretariat's decisions."""

import hashlib
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from papers.services.review import document_publish, document_reject
from tests.papers import samples
from tests.papers.forms import document_form, submission_data

pytestmark = pytest.mark.django_db


def security_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "plenary.security"]


def test_a_refused_upload_is_logged_with_who_for_whom_why_and_which_file(
    client, meeting, focal_point, organization, caplog
):
    client.force_login(focal_point)
    data = samples.HTML
    with caplog.at_level(logging.INFO, logger="plenary.security"):
        client.post(
            reverse("papers:submit", args=[meeting.slug]),
            submission_data(title="A paper", file=SimpleUploadedFile("paper.pdf", data)),
        )
    [line] = [line for line in security_lines(caplog) if line.startswith("upload refused")]
    assert "user=focal@iom.example" in line
    assert f"organization={organization.pk}" in line
    assert f"size={len(data)}" in line
    assert f"sha256={hashlib.sha256(data).hexdigest()}" in line
    assert "reason='This file is an HTML page renamed to .pdf" in line


def test_a_refused_admin_upload_is_logged(secretariat_client, paper, caplog):
    with caplog.at_level(logging.INFO, logger="plenary.security"):
        secretariat_client.post(
            reverse("admin:papers_document_change", args=[paper.pk]),
            document_form(paper, new_file=SimpleUploadedFile("v2.pdf", samples.HTML)),
        )
    assert any(
        line.startswith("upload refused user=secretariat@un.example")
        for line in security_lines(caplog)
    )


def test_decisions_are_logged_with_who_and_which_document(paper, staff, caplog):
    with caplog.at_level(logging.INFO, logger="plenary.security"):
        document_publish(document=paper, by=staff)
        document_reject(document=paper, comment="Out of scope.", by=staff)
    assert security_lines(caplog) == [
        f"document published document={paper.pk} title='Migration and development' "
        "user=secretariat@un.example",
        f"document rejected document={paper.pk} title='Migration and development' "
        "user=secretariat@un.example",
    ]


def test_a_picture_refused_for_its_size_gets_the_message_not_an_error(
    client, meeting, focal_point, caplog
):
    """The check must leave the upload open for the security log (it was a 500)."""
    client.force_login(focal_point)
    with caplog.at_level(logging.INFO, logger="plenary.security"):
        response = client.post(
            reverse("papers:submit", args=[meeting.slug]),
            submission_data(
                title="A plan",
                file=SimpleUploadedFile("plan.png", samples.png_claiming(9400, 9400)),
            ),
        )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The image is 9,400 × 9,400 pixels; the limit is 50 million pixels."
    ]
    assert any(line.startswith("upload refused") for line in security_lines(caplog))
