"""Documents' titles and author lines follow accounts/text.py: no text-direction controls, one
line, NFC, on the focal points' form, in the admin and whatever else saves them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains

from papers.models import Document
from tests.factories import DocumentFactory
from tests.papers import samples
from tests.papers.forms import document_form, submission_data

pytestmark = pytest.mark.django_db

BIDI_MESSAGE = (
    "This text contains an invisible text-direction character (U+202E), which can make it read "
    "differently from what is stored. Type it again, or paste it as plain text, without it."
)


def submit(client, meeting, **overrides):
    data = submission_data(file=SimpleUploadedFile("paper.pdf", samples.pdf()), **overrides)
    return client.post(reverse("papers:submit", kwargs={"slug": meeting.slug}), data)


def test_submit_form_refuses_a_title_with_a_right_to_left_override(client, meeting, focal_point):
    client.force_login(focal_point)

    response = submit(client, meeting, title="Remittances \u202efdp.exe")

    assert response.status_code == 200
    assert response.context["form"].errors == {"title": [BIDI_MESSAGE]}
    assertContains(response, BIDI_MESSAGE)
    assert not Document.objects.exists()


def test_submit_form_refuses_bidi_controls_in_the_authors(client, meeting, focal_point):
    client.force_login(focal_point)

    response = submit(client, meeting, authors_text="Ana \u2067Lopes\u2069")

    message = BIDI_MESSAGE.replace("U+202E", "U+2067")
    assert response.context["form"].errors == {"authors_text": [message]}
    assert not Document.objects.exists()


def test_submitted_title_and_authors_are_stored_on_one_line_and_nfc(client, meeting, focal_point):
    client.force_login(focal_point)

    response = submit(
        client,
        meeting,
        title="Migration and\r\ndevelopment",
        authors_text="Fran\u00e7ois Cre\u0301peau,\n Ana Lopes",
    )

    assert response.status_code == 302
    document = Document.objects.get()
    assert document.title == "Migration and development"
    assert document.authors_text == "François Crépeau, Ana Lopes"
    assert document.authors_text == "Fran\u00e7ois Cr\u00e9peau, Ana Lopes"


def test_admin_refuses_a_title_with_a_right_to_left_override(secretariat_client, paper):
    response = secretariat_client.post(
        reverse("admin:papers_document_change", args=[paper.pk]),
        document_form(paper, title_en="Migration \u202eand development"),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"title_en": [BIDI_MESSAGE]}
    assertContains(response, BIDI_MESSAGE)
    paper.refresh_from_db()
    assert paper.title == "Migration and development"


def test_admin_stores_a_title_typed_over_two_lines_on_one(secretariat_client, paper):
    response = secretariat_client.post(
        reverse("admin:papers_document_change", args=[paper.pk]),
        document_form(paper, title_en="Migration and\u2028development\r\n"),
    )

    assert response.status_code == 302
    paper.refresh_from_db()
    assert paper.title == "Migration and development"


def test_a_document_saved_otherwise_has_its_controls_stripped():
    document = DocumentFactory(
        title="\u202bInternational\u202c migration\nand development",
        authors_text="\u200fDESA\u200e staff",
    )

    document.refresh_from_db()
    assert document.title == "International migration and development"
    assert document.authors_text == "DESA staff"


def test_admin_search_finds_a_title_whichever_way_the_accent_is_typed(secretariat_client):
    DocumentFactory(title="Cre\u0301peau on migrants' rights")
    DocumentFactory(title="Remittances")
    changelist = reverse("admin:papers_document_changelist")

    for query in ("Crépeau", "Cre\u0301peau", "Cr\u00e9peau"):
        response = secretariat_client.get(changelist, {"q": query})
        titles = [document.title for document in response.context["cl"].result_list]
        assert titles == ["Cr\u00e9peau on migrants' rights"], query
