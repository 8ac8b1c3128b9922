"""Every file version carries what the check of its file found, however it was stored."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains

from papers.models import DocumentStatus
from papers.services.review import document_publish
from papers.services.versions import version_add
from tests.factories import DocumentFactory
from tests.papers import samples

pytestmark = pytest.mark.django_db

JAVASCRIPT = "The PDF contains JavaScript."
JAVASCRIPT_PDF = samples.handwritten_pdf(b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>")


def test_version_add_with_a_javascript_pdf_leaves_the_document_flagged(staff, secretariat_client):
    document = DocumentFactory(title="Scripted paper")

    version = version_add(
        document=document, upload=SimpleUploadedFile("paper.pdf", JAVASCRIPT_PDF), by=None
    )

    assert version.review_reasons == JAVASCRIPT
    assert document.review_reasons == JAVASCRIPT
    with pytest.raises(ValidationError) as caught:
        document_publish(document=document, by=staff)
    assert caught.value.code == "review_reasons"
    document.refresh_from_db()
    assert document.status == DocumentStatus.SUBMITTED
    queue = secretariat_client.get(reverse("admin:papers_document_changelist"))
    assertContains(queue, f"\N{WARNING SIGN} {JAVASCRIPT}")


def test_each_version_keeps_its_own_reasons(staff):
    document = DocumentFactory()
    flagged = version_add(
        document=document, upload=SimpleUploadedFile("a.pdf", JAVASCRIPT_PDF), by=None
    )
    clean = version_add(
        document=document, upload=SimpleUploadedFile("b.pdf", samples.pdf()), by=None
    )

    flagged.refresh_from_db()
    assert (flagged.review_reasons, clean.review_reasons) == (JAVASCRIPT, "")
    assert document.review_reasons == ""  # the current file is clean
    assert document_publish(document=document, by=staff).status == DocumentStatus.PUBLISHED


def test_the_version_summary_reads_as_people_write_it():
    version = DocumentFactory.build().versions.model(
        content_type="application/pdf", size=1_258_291, page_count=3
    )
    assert version.summary == "PDF, 1.2\xa0MB, 3 pages"
    version.page_count, version.size = 1, 800
    assert version.summary == "PDF, 800\xa0bytes, 1 page"
    version.page_count, version.size = None, 1_536
    version.content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert version.summary == "Word, 1.5\xa0KB"
