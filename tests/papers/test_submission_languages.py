"""A paper submitted from another language's interface: its title is stored as that language's
text, English readers read it (marked with its language), and nothing is copied across."""

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from papers.models import Document
from papers.services.review import document_publish
from tests.papers import samples
from tests.papers.forms import submission_data

pytestmark = pytest.mark.django_db


def test_a_title_submitted_in_french_reads_in_french_for_every_reader(
    client, meeting, focal_point, staff
):
    client.force_login(focal_point)
    with translation.override("fr"):
        url = reverse("papers:submit", kwargs={"slug": meeting.slug})
    assert url.startswith("/fr/")
    data = submission_data(
        file=SimpleUploadedFile("contribution.pdf", samples.pdf()),
        title="Les migrations et le développement",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors

    document = Document.objects.get()
    stored = Document.objects.filter(pk=document.pk).values("title", "title_en", "title_fr").get()
    # Typed in the French interface: French text; the original column holds what an English
    # reader reads, which is that same title (there is no English one).
    assert stored == {
        "title": "Les migrations et le développement",
        "title_en": None,
        "title_fr": "Les migrations et le développement",
    }
    document_publish(document=document, by=staff, acknowledge_review_reasons=True)

    reader = Client()  # someone else, reading in English
    with translation.override("en"):
        address = document.get_absolute_url()
    english = lxml.html.fromstring(reader.get(address).content.decode())
    assert english.getroottree().getroot().get("lang") == "en"
    (heading,) = english.xpath("//h1")
    assert (heading.text_content(), heading.get("lang")) == (
        "Les migrations et le développement",
        "fr",
    )
    french = lxml.html.fromstring(client.get("/fr" + document.get_absolute_url()).content.decode())
    (heading,) = french.xpath("//h1")
    assert (heading.text_content(), heading.get("lang")) == (
        "Les migrations et le développement",
        None,
    )
