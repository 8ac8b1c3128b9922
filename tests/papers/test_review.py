import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from papers.models import Document, DocumentCategory, DocumentStatus, DocumentVersion, Language
from papers.services import staff_uploads
from papers.services.review import document_publish, document_reject, document_return
from papers.services.staff_uploads import document_file_replace, documents_add_many
from tests.factories import (
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    VersionFactory,
    make_public,
)
from tests.papers import samples
from tests.papers.storage import stored_files

pytestmark = pytest.mark.django_db

JAVASCRIPT_PDF = samples.handwritten_pdf(b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>")
JAVASCRIPT = "The PDF contains JavaScript."


@pytest.fixture
def flagged(paper):
    VersionFactory(document=paper, file_data=JAVASCRIPT_PDF)
    return paper


def upload(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, samples.pdf() if data is None else data)


# Publish ---------------------------------------------------------------------------------------


def test_publish_publishes_and_mails_the_submitter_the_public_link(
    paper, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        published = document_publish(document=paper, by=staff)

    paper.refresh_from_db()
    assert paper.status == DocumentStatus.PUBLISHED
    assert paper.published_at is not None
    assert published.status == DocumentStatus.PUBLISHED
    [message] = mail.outbox
    assert message.to == ["focal@iom.example"]
    assert message.subject == "Published: Migration and development"
    assert f"https://plenary.example{paper.get_absolute_url()}\n" in message.body


def test_mail_waits_for_the_commit(paper, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        document_publish(document=paper, by=staff)
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_flagged_document_is_not_published_without_acknowledgement(
    flagged, staff, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as caught,
    ):
        document_publish(document=flagged, by=staff)

    assert caught.value.messages == [
        "“Migration and development” needs a careful look before it is published: The PDF "
        "contains JavaScript. Confirm that you have checked the file to publish it anyway."
    ]
    flagged.refresh_from_db()
    assert flagged.status == DocumentStatus.SUBMITTED
    assert flagged.published_at is None
    assert mail.outbox == []


def test_flagged_document_is_published_when_staff_acknowledge(flagged, staff):
    document_publish(document=flagged, by=staff, acknowledge_review_reasons=True)
    flagged.refresh_from_db()
    assert flagged.status == DocumentStatus.PUBLISHED


def test_publish_refuses_when_a_newer_file_than_the_one_seen_arrived(paper, staff):
    current = paper.versions.order_by("-number").first().number
    VersionFactory(document=paper, number=current + 1)

    with pytest.raises(ValidationError) as error:
        document_publish(document=paper, by=staff, expected_version=current)

    assert error.value.code == "version_changed"
    paper.refresh_from_db()
    assert paper.status == DocumentStatus.SUBMITTED
    document_publish(document=paper, by=staff, expected_version=current + 1)
    paper.refresh_from_db()
    assert paper.status == DocumentStatus.PUBLISHED


@pytest.mark.parametrize("status", [DocumentStatus.PUBLISHED, DocumentStatus.WITHDRAWN])
def test_published_or_withdrawn_document_cannot_be_published(paper, staff, status):
    # A published document's file is its public version: nothing newer waits.
    if status == DocumentStatus.PUBLISHED:
        make_public(paper.current_version)
    Document.objects.filter(pk=paper.pk).update(status=status)
    with pytest.raises(ValidationError) as caught:
        document_publish(document=paper, by=staff)
    assert caught.value.messages == [
        f"“Migration and development” cannot be published: it is {status}."
    ]


def test_document_without_file_or_link_cannot_be_published(staff):
    document = DocumentFactory(title="Empty")
    with pytest.raises(ValidationError) as caught:
        document_publish(document=document, by=staff)
    assert caught.value.messages == ["“Empty” has neither a file nor an external link to publish."]
    document.external_url = "https://docs.un.org/en/A/RES/65/170"
    document.save()
    document_publish(document=document, by=staff)
    document.refresh_from_db()
    assert document.is_published


def test_publish_of_a_document_nobody_submitted_mails_the_organizations_active_members(
    staff, django_capture_on_commit_callbacks
):
    organization = OrganizationFactory()
    MembershipFactory(organization=organization, user__email="b@iom.example")
    MembershipFactory(organization=organization, user__email="a@iom.example")
    MembershipFactory(
        organization=organization, user__email="gone@iom.example", user__is_active=False
    )
    MembershipFactory(user__email="other@unhcr.example")
    document = DocumentFactory(organization=organization, submitted_by=None)
    VersionFactory(document=document)

    with django_capture_on_commit_callbacks(execute=True):
        document_publish(document=document, by=staff)

    [message] = mail.outbox
    assert message.to == ["a@iom.example", "b@iom.example"]


def test_submitter_who_left_is_replaced_by_the_organizations_members(
    paper, focal_point, staff, django_capture_on_commit_callbacks
):
    focal_point.is_active = False
    focal_point.save()
    MembershipFactory(organization=paper.organization, user__email="colleague@iom.example")

    with django_capture_on_commit_callbacks(execute=True):
        document_publish(document=paper, by=staff)

    assert [message.to for message in mail.outbox] == [["colleague@iom.example"]]


def test_document_of_no_organization_and_no_submitter_sends_no_mail(
    staff, django_capture_on_commit_callbacks
):
    document = DocumentFactory(organization=None)
    VersionFactory(document=document)
    with django_capture_on_commit_callbacks(execute=True):
        document_publish(document=document, by=staff)
    assert mail.outbox == []


# Return and reject -----------------------------------------------------------------------------


def test_return_sets_the_status_and_mails_the_comment(
    paper, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document_return(
            document=paper,
            comment="  Please add the authors' names.  ",
            by=staff,
        )

    paper.refresh_from_db()
    assert paper.status == DocumentStatus.RETURNED
    assert paper.review_comment == "Please add the authors' names."
    [message] = mail.outbox
    assert message.to == ["focal@iom.example"]
    assert message.subject == "Returned for changes: Migration and development"
    assert "Please add the authors' names." in message.body
    assert "https://plenary.example/" in message.body


def test_reject_sets_the_status_and_mails_the_comment(
    paper, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document_reject(document=paper, comment="Outside the meeting's topic.", by=staff)

    paper.refresh_from_db()
    assert paper.status == DocumentStatus.REJECTED
    assert paper.review_comment == "Outside the meeting's topic."
    [message] = mail.outbox
    assert message.to == ["focal@iom.example"]
    assert message.subject == "Not accepted: Migration and development"
    assert "Outside the meeting's topic." in message.body


@pytest.mark.parametrize("decide", [document_return, document_reject])
def test_return_and_reject_need_a_comment(paper, staff, decide):
    with pytest.raises(ValidationError) as caught:
        decide(document=paper, comment="   ", by=staff)
    assert caught.value.messages == ["Write a comment: the submitter reads it to know what to do."]
    paper.refresh_from_db()
    assert paper.status == DocumentStatus.SUBMITTED


def test_returning_a_published_document_takes_it_off_the_public_pages(paper, staff):
    document_publish(document=paper, by=staff)
    document_return(document=paper, comment="The wrong file was published.", by=staff)
    paper.refresh_from_db()
    assert paper.status == DocumentStatus.RETURNED
    assert paper.published_at is None
    assert not Document.objects.published().filter(pk=paper.pk).exists()


def test_a_withdrawn_document_cannot_be_rejected(paper, staff):
    Document.objects.filter(pk=paper.pk).update(status=DocumentStatus.WITHDRAWN)
    with pytest.raises(ValidationError) as caught:
        document_reject(document=paper, comment="No.", by=staff)
    assert caught.value.messages == [
        "“Migration and development” cannot be rejected: it is withdrawn."
    ]


# Replacing a file ------------------------------------------------------------------------------


def test_replacing_the_file_adds_a_version_and_keeps_the_earlier_one(paper, staff, settings):
    first = paper.versions.get()
    version = document_file_replace(
        document=paper, upload=upload("Paper, revised.pdf", samples.pdf(pages=2)), by=staff
    )

    assert version.number == 2
    assert version.original_name == "Paper, revised.pdf"
    assert version.page_count == 2
    assert version.uploaded_by == staff
    assert list(paper.versions.order_by("number").values_list("number", "sha256")) == [
        (1, first.sha256),
        (2, version.sha256),
    ]
    assert first.file.storage.exists(first.file.name)
    assert version.file.storage.exists(version.file.name)


def test_a_flagged_new_file_on_a_published_document_waits_and_the_old_one_stays_public(
    paper, staff
):
    document_publish(document=paper, by=staff)
    first = paper.versions.get()
    document_file_replace(document=paper, upload=upload("paper.pdf", JAVASCRIPT_PDF), by=staff)
    paper.refresh_from_db()
    assert paper.status == DocumentStatus.PUBLISHED
    assert paper.public_version == first
    assert paper.newer_version_waiting
    assert paper.review_reasons == JAVASCRIPT  # the newest file's: publishing it needs a look
    with pytest.raises(ValidationError) as caught:
        document_publish(document=paper, by=staff)
    assert caught.value.code == "review_reasons"
    second = document_publish(document=paper, by=staff, acknowledge_review_reasons=True)
    assert second.public_version.number == 2
    assert not second.newer_version_waiting


def test_a_clean_new_file_clears_the_review_reasons(flagged, staff):
    document_file_replace(document=flagged, upload=upload("clean.pdf"), by=staff)
    flagged.refresh_from_db()
    assert flagged.review_reasons == ""
    assert flagged.status == DocumentStatus.SUBMITTED


# Several at once -------------------------------------------------------------------------------


@pytest.fixture
def background():
    return DocumentCategory.objects.get(slug="background-documents")


def test_add_many_makes_one_document_per_file_titled_after_it(staff, background):
    meeting = MeetingFactory()
    organization = OrganizationFactory()

    documents = documents_add_many(
        meeting=meeting,
        category=background,
        organization=organization,
        language=Language.FRENCH,
        files=[
            upload("Concept note.pdf"),
            upload("Programme.v2.PDF"),
            upload("Map", samples.image("PNG")),
        ],
        by=staff,
        publish=False,
    )

    rows = [
        (d.title, d.meeting, d.category, d.organization, d.language, d.status, d.submitted_by)
        for d in Document.objects.order_by("pk")
    ]
    assert rows == [
        ("Concept note", meeting, background, organization, "fr", "submitted", None),
        ("Programme.v2", meeting, background, organization, "fr", "submitted", None),
        ("Map", meeting, background, organization, "fr", "submitted", None),
    ]
    assert [d.pk for d in documents] == list(
        Document.objects.order_by("pk").values_list("pk", flat=True)
    )
    versions = DocumentVersion.objects.order_by("document_id").values_list(
        "number", "original_name", "uploaded_by"
    )
    assert list(versions) == [
        (1, "Concept note.pdf", staff.pk),
        (1, "Programme.v2.PDF", staff.pk),
        (1, "Map.png", staff.pk),
    ]


def test_add_many_publishes_except_what_needs_a_careful_look(
    staff, background, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        documents_add_many(
            meeting=MeetingFactory(),
            category=background,
            organization=None,
            language=Language.ENGLISH,
            files=[upload("Clean.pdf"), upload("Scripted.pdf", JAVASCRIPT_PDF)],
            by=staff,
            publish=True,
        )

    rows = set(Document.objects.values_list("title", "status", "versions__review_reasons"))
    assert rows == {
        ("Clean", DocumentStatus.PUBLISHED, ""),
        ("Scripted", DocumentStatus.SUBMITTED, JAVASCRIPT),
    }
    assert Document.objects.get(title="Clean").published_at is not None
    assert mail.outbox == []


def test_add_many_with_a_bad_file_stores_nothing_and_names_it(staff, background, settings):
    with pytest.raises(ValidationError) as caught:
        documents_add_many(
            meeting=MeetingFactory(),
            category=background,
            organization=None,
            language=Language.ENGLISH,
            files=[upload("Good.pdf"), upload("Page.pdf", samples.HTML), upload("Empty.pdf", b"")],
            by=staff,
            publish=True,
        )

    assert caught.value.messages == [
        "Page.pdf: This file is an HTML page renamed to .pdf; upload a PDF, Word, PowerPoint or "
        "Excel document, or a PNG or JPEG image.",
        "Empty.pdf: The file is empty.",
    ]
    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()
    assert stored_files(settings) == []


def test_add_many_failing_halfway_removes_the_files_already_stored(
    staff, background, settings, monkeypatch
):
    real_version_create = staff_uploads.version_create
    calls = []

    def failing_second_time(**kwargs):
        calls.append(kwargs["upload"].name)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_version_create(**kwargs)

    monkeypatch.setattr(staff_uploads, "version_create", failing_second_time)
    with pytest.raises(OSError, match="disk full"):
        documents_add_many(
            meeting=MeetingFactory(),
            category=background,
            organization=None,
            language=Language.ENGLISH,
            files=[upload("One.pdf"), upload("Two.pdf")],
            by=staff,
            publish=False,
        )

    assert calls == ["One.pdf", "Two.pdf"]
    assert not Document.objects.exists()
    assert stored_files(settings) == []


def test_add_many_needs_a_file(staff, background):
    with pytest.raises(ValidationError) as caught:
        documents_add_many(
            meeting=MeetingFactory(),
            category=background,
            organization=None,
            language=Language.ENGLISH,
            files=[],
            by=staff,
            publish=False,
        )
    assert caught.value.messages == ["Choose at least one file."]
