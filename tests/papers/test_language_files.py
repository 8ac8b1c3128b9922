"""A document in several languages: one record (one UN symbol), a file per language.

Each language file has its versions, its content check and its review; the public reads the
file of each language the secretariat published, offered by language with its own hreflang.
"""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from papers.models import Document, DocumentStatus
from papers.services.copying import documents_copy
from papers.services.review import document_publish
from papers.services.staff_uploads import document_file_replace
from papers.services.submission import document_update
from tests.factories import MeetingFactory, MembershipFactory, UserFactory, VersionFactory
from tests.papers import samples
from tests.papers.forms import document_form

pytestmark = pytest.mark.django_db


def pdf(name: str, **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, samples.pdf(**kwargs))


def fetch(client: Client, url: str):
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


@pytest.fixture
def bilingual(paper, staff):
    """The paper published in English (version 1), then given a French file (version 2), which
    the secretariat published in turn."""
    document_publish(document=paper, by=staff)
    document_file_replace(
        document=paper, upload=pdf("Migration et développement.pdf"), by=staff, language="fr"
    )
    document_publish(document=paper, by=staff)
    paper.refresh_from_db()
    return paper


def test_a_file_in_another_language_adds_that_language_and_keeps_the_first(paper, staff):
    document_publish(document=paper, by=staff)

    french = document_file_replace(
        document=paper, upload=pdf("Migration et développement.pdf"), by=staff, language="fr"
    )

    paper = Document.objects.with_versions().get(pk=paper.pk)
    assert (french.number, french.language, french.is_public) == (2, "fr", False)
    assert [(v.language, v.number) for v in paper.current_versions] == [("en", 1), ("fr", 2)]
    # The English file stays public; the French one waits for review.
    assert [(v.language, v.number) for v in paper.public_versions] == [("en", 1)]
    assert paper.newer_version_waiting
    assert paper.waiting_label == "French version 2"
    assert list(Document.objects.awaiting_review()) == [paper]


def test_publishing_makes_the_newest_file_of_each_language_public(bilingual, staff):
    assert [(v.language, v.number) for v in bilingual.public_versions] == [("en", 1), ("fr", 2)]
    assert not bilingual.newer_version_waiting
    assert list(Document.objects.awaiting_review()) == []

    # A corrected English file replaces the English one only once it is published.
    document_file_replace(document=bilingual, upload=pdf("corrected.pdf"), by=staff)
    bilingual = Document.objects.with_versions().get(pk=bilingual.pk)
    assert [(v.language, v.number) for v in bilingual.public_versions] == [("en", 1), ("fr", 2)]
    assert bilingual.waiting_label == "English version 3"
    document_publish(document=bilingual, by=staff, expected_version=3)
    bilingual = Document.objects.with_versions().get(pk=bilingual.pk)
    assert [(v.language, v.number) for v in bilingual.public_versions] == [("en", 3), ("fr", 2)]


def test_a_file_arrived_in_another_language_after_the_look_is_not_published_unseen(paper, staff):
    document_file_replace(document=paper, upload=pdf("ruso.pdf"), by=staff, language="ru")

    with pytest.raises(ValidationError) as caught:
        document_publish(document=paper, by=staff, expected_version=1)

    assert caught.value.messages == [
        "Version 2 of “Migration and development” arrived after you looked at version 1: look at"
        " it before publishing."
    ]
    assert not paper.versions.filter(is_public=True).exists()


def test_the_check_of_each_language_file_counts_before_publishing(paper, staff):
    document_publish(document=paper, by=staff)
    document_file_replace(
        document=paper,
        upload=SimpleUploadedFile("arabe.pdf", samples.pdf_with_attachment()),
        by=staff,
        language="ar",
    )

    with pytest.raises(ValidationError) as caught:
        document_publish(document=paper, by=staff)

    assert caught.value.code == "review_reasons"
    assert "Arabic: " in caught.value.messages[0]  # which language file to look at
    assert not paper.versions.filter(language="ar", is_public=True).exists()
    document_publish(document=paper, by=staff, acknowledge_review_reasons=True)
    assert paper.versions.filter(language="ar", is_public=True).exists()


@pytest.mark.parametrize("who", ["anonymous", "no organization", "other organization"])
def test_readers_get_each_published_language_file_and_nothing_waiting(bilingual, staff, who):
    waiting = document_file_replace(
        document=bilingual, upload=pdf("chino.pdf"), by=staff, language="zh"
    )
    client = Client()
    if who == "no organization":
        client.force_login(UserFactory())
    elif who == "other organization":
        client.force_login(MembershipFactory().user)

    for number in (1, 2):
        url = reverse("papers:version_download", kwargs={"pk": bilingual.pk, "number": number})
        assert fetch(client, url).status_code == 200
    assert fetch(client, waiting.get_absolute_url()).status_code == 404
    page = client.get(bilingual.get_absolute_url())
    assertNotContains(page, waiting.get_absolute_url())
    assertNotContains(page, '<span lang="zh">')


@pytest.mark.parametrize("who", ["own organization", "secretariat"])
def test_insiders_reach_a_language_file_waiting_for_review(bilingual, staff, who):
    waiting = document_file_replace(
        document=bilingual, upload=pdf("chino.pdf"), by=staff, language="zh"
    )
    client = Client()
    if who == "own organization":
        client.force_login(MembershipFactory(organization=bilingual.organization).user)
    else:
        client.force_login(staff)

    assert fetch(client, waiting.get_absolute_url()).status_code == 200
    assertContains(client.get(bilingual.get_absolute_url()), waiting.get_absolute_url())


def test_the_document_page_offers_each_language_with_its_hreflang(client, bilingual):
    with translation.override("en"):
        url = bilingual.get_absolute_url()
    response = client.get(url)

    assertContains(response, '<dt class="col-sm-4">Languages</dt>', html=True)
    for number, code, name in [(1, "en", "English"), (2, "fr", "Français")]:
        download = reverse("papers:version_download", kwargs={"pk": bilingual.pk, "number": number})
        assertContains(
            response,
            f'<a href="{download}" hreflang="{code}"><span lang="{code}">{name}</span>'
            f'<span class="visually-hidden"> “<bdi>Migration and development</bdi>”, '
            f"PDF, {bilingual.versions.get(number=number).size}\xa0bytes, 1 page</span></a>",
            html=True,
        )
    # English first on the English page; the versions table names each file's language.
    assertContains(response, "Download in English")
    assertContains(response, "<td>French</td>", html=True)


def test_a_french_reader_is_offered_the_french_file_first(client, bilingual):
    with translation.override("fr"):
        url = bilingual.get_absolute_url()
    response = client.get(url)

    french = reverse("papers:version_download", kwargs={"pk": bilingual.pk, "number": 2})
    assertContains(response, f'class="btn btn-primary" href="{french}" hreflang="fr"')
    # French writes a language's name in lower case inside a sentence ("en français"), and the
    # catalogue's name is a label ("Français"): the button names it as one.
    assertContains(response, "Télécharger (Français)")
    assertNotContains(response, "en Français")


def test_the_meeting_page_offers_the_languages_that_exist(client, bilingual):
    with translation.override("en"):
        url = bilingual.meeting.get_absolute_url()
    page = client.get(url).content.decode()

    item = page[page.index('<li class="document-item') :]
    item = item[: item.index("</li>\n</ul>") if "</li>\n</ul>" in item else None]
    assert "2 languages" in item
    assert '<span lang="en">English</span>' in item
    assert '<span lang="fr">Français</span>' in item
    assert item.index('hreflang="en"') < item.index('hreflang="fr"')  # the UN's order


def test_the_un_document_system_is_linked_in_the_readers_language(client, bilingual):
    Document.objects.filter(pk=bilingual.pk).update(symbol="A/67/254")
    for code, ods in [("en", "en"), ("fr", "fr"), ("zh-hans", "zh"), ("ar", "ar")]:
        with translation.override(code):
            url = bilingual.get_absolute_url()
        response = client.get(url)
        assertContains(
            response,
            f'<a href="https://docs.un.org/{ods}/A/67/254" hreflang="{ods}" '
            'rel="noopener noreferrer">A/67/254</a>',
            html=True,
        )


def test_focal_point_adds_the_paper_in_another_language(client, meeting, organization, focal_point):
    first = VersionFactory(
        document__meeting=meeting, document__organization=organization, uploaded_by=focal_point
    )
    document = first.document
    client.force_login(focal_point)
    edit = reverse("papers:submission_edit", args=[document.pk])
    data = {
        "category": document.category_id,
        "title": document.title,
        "authors_text": "",
        "language": "en",
        "agenda_item": "",
        "file": pdf("Version française.pdf"),
        "file_language": "fr",
    }

    response = client.post(edit, data, follow=True)

    assertRedirects(response, reverse("papers:my_submissions"))
    assertContains(
        response, f"“{document.title}” was saved with its new file in French, version 2."
    )
    assert [(v.language, v.number) for v in document.current_versions] == [("en", 1), ("fr", 2)]
    assertContains(response, "Version française.pdf")
    assertContains(response, first.original_name)


def test_correcting_the_language_of_a_one_language_paper_corrects_its_files(paper, focal_point):
    document_update(
        document=paper,
        by=focal_point,
        category=paper.category,
        title=paper.title,
        authors_text="",
        language="es",
        agenda_item=None,
    )

    assert list(paper.versions.values_list("language", flat=True)) == ["es"]


def test_staff_add_a_language_file_in_the_admin(secretariat_client, paper):
    url = reverse("admin:papers_document_change", args=[paper.pk])
    form = document_form(
        paper, new_file=pdf("Migración.pdf", pages=2), new_file_language="es", _continue="1"
    )

    response = secretariat_client.post(url, form, follow=True)

    assertContains(response, "Version 2 added in Spanish: Migración.pdf.")
    assert paper.versions.get(number=2).language == "es"
    assertContains(response, '<td class="field-language"><p>Spanish</p></td>', html=True)
    # Both files are shown to look at, each with its language, before publishing.
    assertContains(response, "First pages of version 2 (Spanish)")
    assertContains(response, "First pages of version 1 (English)")


def test_a_refused_language_file_stores_nothing(paper, staff):
    before = list(paper.versions.values_list("pk", flat=True))

    with pytest.raises(ValidationError):
        document_file_replace(
            document=paper,
            upload=SimpleUploadedFile("faux.pdf", samples.HTML),
            by=staff,
            language="fr",
        )

    assert list(paper.versions.values_list("pk", flat=True)) == before


def test_the_api_lists_the_public_file_of_each_language(client, bilingual):
    meeting = bilingual.meeting
    response = client.get(f"/api/v1/meetings/{meeting.slug}/documents/")

    (document,) = response.json()["results"]
    assert [file["language"] for file in document["files"]] == ["en", "fr"]
    assert document["file"]["language"] == "en"


def test_the_next_edition_starts_from_each_language_file(bilingual, staff):
    Document.objects.filter(pk=bilingual.pk).update(organization=None, title_fr="Migration")

    copy = MeetingFactory()

    documents_copy(original=bilingual.meeting, copy=copy, by=staff)

    new = Document.objects.get(meeting=copy)
    assert (new.status, new.title_fr) == (DocumentStatus.SUBMITTED, "Migration")
    assert [(v.language, v.original_name) for v in new.current_versions] == [
        ("en", "Hovy paper.pdf"),
        ("fr", "Migration et développement.pdf"),
    ]


def test_a_language_already_looked_at_does_not_ask_for_a_second_look(paper, staff):
    """The English file had review reasons and was published after a look; a clean French file
    arriving later is published without confirming the English one again."""
    flagged = paper.current_version
    flagged.review_reasons = "The PDF has an attachment."
    flagged.save(update_fields=["review_reasons"])
    document_publish(document=paper, by=staff, acknowledge_review_reasons=True)
    document_file_replace(document=paper, upload=pdf("français.pdf"), by=staff, language="fr")

    document_publish(document=paper, by=staff)

    paper = Document.objects.with_versions().get(pk=paper.pk)
    assert [(v.language, v.number) for v in paper.public_versions] == [("en", 1), ("fr", 2)]
    # The list still flags the English file, which is public with its reasons.
    assert paper.review_reasons == "English: The PDF has an attachment."
