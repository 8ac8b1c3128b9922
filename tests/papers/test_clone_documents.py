"""Plan the next edition with "Also copy the documents": the Secretariat's documents of the Tenth
become drafts of the Twelfth, each with its own copy of its file; organizations' papers stay."""

import datetime

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from meetings.models import Meeting
from papers.models import Document, DocumentCategory, DocumentStatus, DocumentVersion
from tests.factories import DocumentFactory, VersionFactory
from tests.papers import samples
from tests.papers.storage import stored_files

pytestmark = pytest.mark.django_db

START = "2028-02-17"  # a year after the Eleventh


@pytest.fixture
def tenth(upload_dir) -> Meeting:
    call_command("load_demo", verbosity=0)
    return Meeting.objects.get(slug="tenth-coordination-meeting")


@pytest.fixture
def admin_client(client, tenth):
    client.force_login(User.objects.get(email="admin@example.org"))
    return client


@pytest.fixture
def concept_note(tenth):
    """The Secretariat's concept note, published, with two versions and an agenda item."""
    document = DocumentFactory(
        meeting=tenth,
        organization=None,
        category=DocumentCategory.objects.get(slug="background-documents"),
        title="Concept note",
        status=DocumentStatus.PUBLISHED,
        agenda_item=tenth.agenda_items.order_by("order", "pk")[1],
    )
    VersionFactory(document=document, file_data=samples.pdf(pages=1), file_name="note v1.pdf")
    VersionFactory(document=document, file_data=samples.pdf(pages=4), file_name="note v2.pdf")
    return document


@pytest.fixture
def others(tenth):
    """What is not copied: an organization's paper and a withdrawn note of the Secretariat."""
    paper = DocumentFactory(meeting=tenth, title="IOM paper")
    VersionFactory(document=paper)
    withdrawn = DocumentFactory(
        meeting=tenth, organization=None, title="Old note", status=DocumentStatus.WITHDRAWN
    )
    VersionFactory(document=withdrawn)
    return [paper, withdrawn]


def clone(client, tenth, **extra):
    url = reverse("admin:meetings_meeting_clone", args=[tenth.pk])
    response = client.post(url, {"edition": 12, "start_date": START, **extra}, follow=True)
    assert response.redirect_chain, response.content.decode()[:2000]
    twelfth = Meeting.objects.get(series=tenth.series, edition=12)
    twelfth.messages = [str(message) for message in response.context["messages"]]
    return twelfth


def test_documents_are_not_copied_unless_staff_tick_the_box(admin_client, tenth, concept_note):
    twelfth = clone(admin_client, tenth)
    assert not twelfth.documents.exists()


def test_the_secretariats_documents_are_copied_as_drafts_with_their_own_file(
    admin_client, tenth, concept_note, others, settings
):
    old_version = concept_note.versions.get(number=2)

    twelfth = clone(admin_client, tenth, copy_documents="on")

    copies = list(twelfth.documents.order_by("title"))
    # The demo's two resolutions (external links, no file), its "Organization of work" (a file
    # in English and one in French) and the concept note.
    assert [document.title for document in copies] == [
        "Concept note",
        "International migration and development (resolution 58/208 of 23 December 2003)",
        "International migration and development (resolution 65/170 of 20 December 2010)",
        "Organization of work (printable)",
    ]
    programme = copies[3]
    assert [(v.language, v.number) for v in programme.current_versions] == [("en", 1), ("fr", 2)]
    note = copies[0]
    assert (note.status, note.public_versions, note.organization, note.category) == (
        DocumentStatus.SUBMITTED,
        [],
        None,
        concept_note.category,
    )
    # The agenda item of the same place in the copied agenda.
    assert note.agenda_item == twelfth.agenda_items.order_by("order", "pk")[1]
    assert note.agenda_item.title == concept_note.agenda_item.title
    version = note.versions.get()
    assert (version.number, version.original_name, version.page_count) == (1, "note v2.pdf", 4)
    assert (version.size, version.sha256) == (old_version.size, old_version.sha256)
    assert version.file.name != old_version.file.name
    assert version.file.read() == old_version.file.read()
    version.file.close()
    old_version.file.close()
    assert version.thumbnail
    assert version.thumbnail.name != old_version.thumbnail.name
    assert len(version.preview_pages) == 3
    assert not set(version.preview_pages) & set(old_version.preview_pages)
    resolution = copies[1]
    assert (resolution.symbol, resolution.external_url) == (
        "A/RES/58/208",
        Document.objects.get(meeting=tenth, symbol="A/RES/58/208").external_url,
    )
    assert not resolution.versions.exists()

    # The clone's record says it; each copy's history says where it comes from.
    entry = LogEntry.objects.get(
        content_type__model="meeting", object_id=str(twelfth.pk), action_flag=ADDITION
    )
    assert "4 documents copied as drafts." in entry.change_message
    assert twelfth.messages[0].startswith(f"“{twelfth.title}” was created as a draft. ")
    assert twelfth.messages[0].endswith(" 4 documents copied as drafts.")
    history = LogEntry.objects.get(content_type__model="document", object_id=str(note.pk))
    assert history.change_message == (
        "Copied from “Tenth Coordination Meeting on International Migration” as a draft to update."
    )

    # The old edition keeps its documents, files and public version untouched.
    concept_note.refresh_from_db()
    assert (concept_note.status, concept_note.meeting) == (DocumentStatus.PUBLISHED, tenth)
    assert old_version.file.name in stored_files(settings)


def test_deleting_the_copys_file_keeps_the_original(
    admin_client, tenth, concept_note, settings, django_capture_on_commit_callbacks
):
    old_version = concept_note.versions.get(number=2)
    twelfth = clone(admin_client, tenth, copy_documents="on")
    copy = twelfth.documents.get(title="Concept note").versions.get()
    names = [copy.file.name, copy.thumbnail.name, *copy.preview_pages]

    with django_capture_on_commit_callbacks(execute=True):
        copy.delete()

    files = stored_files(settings)
    assert not set(names) & set(files)
    assert old_version.file.name in files
    assert old_version.thumbnail.name in files
    assert set(old_version.preview_pages) <= set(files)


def test_an_edition_without_documents_of_the_secretariat_says_so(admin_client, tenth):
    DocumentVersion.objects.filter(document__meeting=tenth).delete()
    Document.objects.filter(meeting=tenth).delete()
    twelfth = clone(admin_client, tenth, copy_documents="on")
    entry = LogEntry.objects.get(
        content_type__model="meeting", object_id=str(twelfth.pk), action_flag=ADDITION
    )
    assert entry.change_message.endswith("No documents to copy.")
    assert datetime.date.fromisoformat(START).weekday() == twelfth.start_date.weekday()
