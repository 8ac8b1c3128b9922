import io

import pytest
from django.core.management import call_command
from django.utils import translation
from pypdf import PdfReader
from pytest_django.asserts import assertContains

from demo.documents import demo_documents_load
from meetings.models import Meeting
from papers.models import Document, DocumentCategory, DocumentStatus, DocumentVersion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_demo_passwords(monkeypatch):
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    monkeypatch.delenv("DEMO_USER_PASSWORD", raising=False)


def load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def rows() -> list[dict]:
    return list(Document.objects.order_by("pk").values())


def test_load_demo_publishes_the_two_resolutions_of_the_reference_meeting():
    output = load()

    meeting = Meeting.objects.get(slug="tenth-coordination-meeting")
    documents = Document.objects.filter(
        meeting=meeting, category__slug="general-assembly-resolutions"
    ).select_related("category")
    assert [
        (
            d.symbol,
            d.title,
            d.category.name,
            d.status,
            d.language,
            d.external_url,
            d.symbol_url,
            d.organization,
            d.versions.count(),
        )
        for d in documents.order_by("symbol")
    ] == [
        (
            "A/RES/58/208",
            "International migration and development (resolution 58/208 of 23 December 2003)",
            "General Assembly resolutions",
            DocumentStatus.PUBLISHED,
            "en",
            "https://docs.un.org/en/A/RES/58/208",
            "https://docs.un.org/en/A/RES/58/208",
            None,
            0,
        ),
        (
            "A/RES/65/170",
            "International migration and development (resolution 65/170 of 20 December 2010)",
            "General Assembly resolutions",
            DocumentStatus.PUBLISHED,
            "en",
            "https://docs.un.org/en/A/RES/65/170",
            "https://docs.un.org/en/A/RES/65/170",
            None,
            0,
        ),
    ]
    assert all(d.published_at is not None for d in documents)
    assert set(Document.objects.published()) == {
        *documents,
        Document.objects.get(title="Organization of work (printable)"),
    }
    assert "  documents  3 created, 0 updated, 0 unchanged\n" in output


def test_the_reference_meeting_takes_submissions_until_further_notice():
    load()
    meeting = Meeting.objects.get(slug="tenth-coordination-meeting")
    assert meeting.submissions_are_open()
    assert meeting.submissions_close is None
    assert list(Meeting.objects.open_for_submissions()) == [meeting]


def test_a_second_run_changes_nothing():
    load()
    before = rows()

    output = load()

    assert rows() == before
    assert "  documents  0 created, 0 updated, 3 unchanged\n" in output


def test_a_changed_resolution_is_put_back():
    load()
    document = Document.objects.get(symbol="A/RES/65/170")
    document.title = "Something else"
    document.status = DocumentStatus.RETURNED
    document.save()

    result = demo_documents_load()

    document.refresh_from_db()
    assert (document.title, document.status) == (
        "International migration and development (resolution 65/170 of 20 December 2010)",
        DocumentStatus.PUBLISHED,
    )
    assert result.counts["documents"] == {"updated": 1, "unchanged": 2}
    assert Document.objects.count() == 3


def test_missing_categories_are_made_and_existing_ones_left_alone():
    DocumentCategory.objects.filter(slug="general-assembly-resolutions").delete()
    DocumentCategory.objects.filter(slug="contributed-papers").update(
        name="Papers", name_en="Papers", order=1
    )

    output = load()

    assert list(DocumentCategory.objects.values_list("slug", "name", "order")) == [
        ("contributed-papers", "Papers", 1),
        ("other-presentations", "Other presentations", 20),
        ("background-documents", "Background documents", 30),
        ("general-assembly-documents", "General Assembly documents", 40),
        ("general-assembly-resolutions", "General Assembly resolutions", 50),
    ]
    assert "  document categories  1 created, 0 updated, 4 unchanged\n" in output
    assert Document.objects.filter(category__slug="general-assembly-resolutions").count() == 2


def test_categories_made_again_are_as_the_migrations_make_them():
    DocumentCategory.objects.all().delete()

    load()

    assert list(
        DocumentCategory.objects.values_list("slug", "open_to_submissions", "notes_unedited")
    ) == [
        ("contributed-papers", True, True),
        ("other-presentations", True, False),
        ("background-documents", False, False),
        ("general-assembly-documents", False, False),
        ("general-assembly-resolutions", False, False),
    ]


def test_the_organization_of_work_is_offered_in_english_and_in_french(client):
    load()
    document = Document.objects.with_versions().get(title="Organization of work (printable)")

    assert [(v.language, v.number, v.is_public) for v in document.current_versions] == [
        ("en", 1, True),
        ("fr", 2, True),
    ]
    assert (document.title_fr, document.title_zh_hans) == (
        "Organisation des travaux (version imprimable)",
        "工作安排（打印版）",  # noqa: RUF001
    )
    with translation.override("fr"):
        page = client.get(document.get_absolute_url())
    assertContains(
        page, '<h1 dir="auto">Organisation des travaux (version imprimable)</h1>', html=True
    )
    assertContains(page, '<span lang="fr">Français</span>')
    assertContains(page, '<span lang="en">English</span>')
    # Each file is the programme in its own language.
    for version, heading in zip(
        document.current_versions, ["Organization of work", "Organisation des travaux"], strict=True
    ):
        response = client.get(version.get_absolute_url())
        data = b"".join(response.streaming_content)
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        assert (response["Content-Type"], heading in text) == ("application/pdf", True)
    assert "Dixième Réunion de coordination" in text
    assert "jeudi 9 février 2012" in text


def test_a_second_run_keeps_the_programme_files(client):
    load()
    before = list(DocumentVersion.objects.values_list("pk", "sha256"))

    load()

    assert list(DocumentVersion.objects.values_list("pk", "sha256")) == before
