"""Focal points submit papers, follow them in "My submissions", change and withdraw them."""

import datetime
import hashlib
import uuid
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from meetings.models import Meeting, MeetingStatus
from papers.models import Document, DocumentCategory, DocumentStatus, DocumentVersion
from papers.services import submission, versions
from tests.factories import (
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    SecretariatFactory,
    UserFactory,
    VersionFactory,
)
from tests.papers import samples
from tests.papers.storage import stored_files

pytestmark = pytest.mark.django_db

MY_SUBMISSIONS = reverse("papers:my_submissions")
DAY = datetime.timedelta(days=1)


@pytest.fixture
def notified(monkeypatch) -> list[Document]:
    """Documents the secretariat was told about (papers.services.mail sends the message)."""
    calls: list[Document] = []

    def record(*, document):
        calls.append(document)

    monkeypatch.setattr("papers.services.mail.secretariat_notify", record)
    return calls


def contributed() -> DocumentCategory:
    return DocumentCategory.objects.get(slug="contributed-papers")


def paper(**overrides) -> dict:
    data = {
        "category": contributed().pk,
        "title": "Migration and development",
        "authors_text": "Ana Lopes",
        "language": "fr",
        "agenda_item": "",
        "file": SimpleUploadedFile("Migration paper.pdf", samples.pdf(mark=True)),
        "submission_key": str(uuid.uuid4()),
    }
    return {**data, **overrides}


def submit_url(meeting) -> str:
    return reverse("papers:submit", kwargs={"slug": meeting.slug})


# Submitting ------------------------------------------------------------------------------------


def test_focal_point_submits_a_paper(
    client, meeting, organization, focal_point, notified, settings, upload_dir
):
    item = AgendaItemFactory(meeting=meeting, title="Migration and development")
    client.force_login(focal_point)
    data = samples.pdf(mark=True)

    response = client.post(
        submit_url(meeting),
        paper(agenda_item=item.pk, file=SimpleUploadedFile("Migration paper.pdf", data)),
        follow=True,
    )

    assertRedirects(response, MY_SUBMISSIONS)
    document = Document.objects.get()
    assert (document.meeting, document.organization, document.category) == (
        meeting,
        organization,
        contributed(),
    )
    assert (document.title, document.authors_text, document.language, document.agenda_item) == (
        "Migration and development",
        "Ana Lopes",
        "fr",
        item,
    )
    assert (document.status, document.submitted_by, document.review_reasons) == (
        DocumentStatus.SUBMITTED,
        focal_point,
        "",
    )
    version = document.versions.get()
    assert (version.number, version.original_name, version.content_type) == (
        1,
        "Migration paper.pdf",
        "application/pdf",
    )
    assert (version.size, version.sha256, version.page_count, version.uploaded_by) == (
        len(data),
        hashlib.sha256(data).hexdigest(),
        1,
        focal_point,
    )
    assert version.file.read() == data
    version.file.close()
    assert version.thumbnail.name.startswith("papers/thumbnails/")
    assert version.preview_pages  # the reviewer's pictures of its first pages
    assert stored_files(settings) == sorted(
        [version.file.name, version.thumbnail.name, *version.preview_pages]
    )
    assert list(upload_dir.iterdir()) == []
    assert notified == [document]
    assertContains(
        response,
        "“Migration and development” was submitted. The secretariat will review it before it "
        "is published.",
    )


def test_secretariat_is_mailed_once_the_submission_commits(
    client, meeting, focal_point, django_capture_on_commit_callbacks
):
    SecretariatFactory(email="secretariat@un.example")
    client.force_login(focal_point)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(submit_url(meeting), paper())

    assert [message.to for message in mail.outbox] == [["secretariat@un.example"]]
    document = Document.objects.get()
    admin_url = reverse("admin:papers_document_change", args=[document.pk])
    assert f"https://plenary.example{admin_url}" in mail.outbox[0].body


def test_stored_file_name_is_generated_not_the_uploaders(client, meeting, focal_point):
    client.force_login(focal_point)

    client.post(submit_url(meeting), paper())

    version = DocumentVersion.objects.get()
    assert version.file.name.startswith("papers/")
    assert version.file.name.endswith(".pdf")
    assert "Migration" not in version.file.name


def test_form_shows_open_categories_and_this_meetings_agenda_items(client, meeting, focal_point):
    AgendaItemFactory(meeting=meeting, title="Opening of the meeting")
    AgendaItemFactory(meeting=MeetingFactory(), title="Item of another meeting")
    client.force_login(focal_point)

    form = client.get(submit_url(meeting)).context["form"]

    assert [str(choice) for choice in form.fields["category"].queryset] == [
        "Contributed papers",
        "Other presentations",
    ]
    assert [str(item) for item in form.fields["agenda_item"].queryset] == [
        "I. Opening of the meeting"
    ]
    assert list(form.fields) == [
        "category",
        "title",
        "authors_text",
        "language",
        "agenda_item",
        "file",
        "submission_key",
    ]


def test_closed_category_or_other_meetings_agenda_item_is_refused(client, meeting, focal_point):
    client.force_login(focal_point)
    background = DocumentCategory.objects.get(slug="background-documents")
    elsewhere = AgendaItemFactory(meeting=MeetingFactory())

    response = client.post(
        submit_url(meeting), paper(category=background.pk, agenda_item=elsewhere.pk)
    )

    errors = response.context["form"].errors
    assert errors["category"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert errors["agenda_item"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert not Document.objects.exists()


def test_one_organization_is_not_asked_and_posted_organization_and_status_are_ignored(
    client, meeting, organization, focal_point
):
    other = OrganizationFactory()
    client.force_login(focal_point)
    assertNotContains(client.get(submit_url(meeting)), 'name="organization"')

    client.post(submit_url(meeting), paper(organization=other.pk, status="published"))

    document = Document.objects.get()
    assert (document.organization, document.status) == (organization, DocumentStatus.SUBMITTED)


def test_focal_point_of_several_organizations_chooses_one_of_theirs(client, meeting, focal_point):
    second = MembershipFactory(user=focal_point, organization__name="UNHCR").organization
    stranger = OrganizationFactory(name="Not theirs")
    client.force_login(focal_point)

    form = client.get(submit_url(meeting)).context["form"]
    assert sorted(str(org) for org in form.fields["organization"].queryset) == [
        "International Organization for Migration (IOM)",
        "UNHCR",
    ]

    refused = client.post(submit_url(meeting), paper(organization=stranger.pk))
    assert refused.context["form"].errors["organization"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert not Document.objects.exists()

    client.post(submit_url(meeting), paper(organization=second.pk))
    assert Document.objects.get().organization == second


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        (-3, -1, "closed on"),
        (1, 3, "open on"),
        (None, None, "does not take submissions through this site"),
    ],
)
def test_outside_the_window_nothing_is_stored(
    client, focal_point, settings, upload_dir, opens, closes, message
):
    now = timezone.now()
    meeting = MeetingFactory(
        submissions_open=now + opens * DAY if opens is not None else None,
        submissions_close=now + closes * DAY if closes is not None else None,
    )
    client.force_login(focal_point)

    assertContains(client.get(submit_url(meeting)), message, status_code=403)
    response = client.post(submit_url(meeting), paper())

    assertContains(response, "Submissions are closed", status_code=403)
    assertContains(response, "Nothing was stored.", status_code=403)
    assert not Document.objects.exists()
    assert stored_files(settings) == []
    assert list(upload_dir.iterdir()) == []


def test_draft_meeting_takes_no_submission(client, focal_point):
    now = timezone.now()
    draft = MeetingFactory(
        status=MeetingStatus.DRAFT, submissions_open=now - DAY, submissions_close=now + DAY
    )
    client.force_login(focal_point)

    assert client.get(submit_url(draft)).status_code == 404
    assert client.post(submit_url(draft), paper()).status_code == 404
    assert not Document.objects.exists()


def test_non_member_is_told_why_they_cannot_submit(client, meeting, settings):
    client.force_login(UserFactory(email="someone@example.org"))

    response = client.post(submit_url(meeting), paper())

    assertContains(response, "Only focal points can submit papers", status_code=403)
    assertContains(
        response,
        "someone@example.org, which is not a focal point of any organization",
        status_code=403,
    )
    assert not Document.objects.exists()
    assert stored_files(settings) == []


def test_anonymous_visitor_is_sent_to_log_in(client, meeting, settings, upload_dir):
    url = submit_url(meeting)
    login = reverse("accounts:login")

    assertRedirects(client.get(url), f"{login}?next={url}")
    assertRedirects(client.post(url, paper()), f"{login}?next={url}")
    assert not Document.objects.exists()
    assert list(upload_dir.iterdir()) == []


def test_upload_form_checks_the_csrf_token(meeting, focal_point, settings):
    client = Client(enforce_csrf_checks=True)
    client.force_login(focal_point)

    response = client.post(submit_url(meeting), paper())

    assert response.status_code == 403
    assert not Document.objects.exists()
    assert stored_files(settings) == []


def test_second_submit_of_the_same_form_stores_nothing_new(client, meeting, focal_point, settings):
    client.force_login(focal_point)
    key = str(uuid.uuid4())
    client.post(submit_url(meeting), paper(submission_key=key))
    files = stored_files(settings)

    again = client.post(submit_url(meeting), paper(submission_key=key), follow=True)

    document = Document.objects.get()
    assertRedirects(again, document.get_absolute_url())
    assertContains(
        again,
        "This form was sent already: “Migration and development” was submitted then. Nothing "
        "new was stored.",
    )
    assert DocumentVersion.objects.count() == 1
    assert stored_files(settings) == files


def test_service_refuses_a_second_document_with_the_same_key(meeting, organization, focal_point):
    key = uuid.uuid4()
    arguments = {
        "meeting": meeting,
        "organization": organization,
        "category": contributed(),
        "title": "Paper",
        "authors_text": "",
        "language": "en",
        "agenda_item": None,
        "by": focal_point,
        "submission_key": key,
    }
    first = submission.document_submit(
        **arguments, upload=SimpleUploadedFile("a.pdf", samples.pdf())
    )

    with pytest.raises(submission.DuplicateSubmission) as caught:
        submission.document_submit(**arguments, upload=SimpleUploadedFile("b.pdf", samples.pdf()))

    assert caught.value.document == first
    assert Document.objects.count() == 1


def test_service_refuses_someone_who_does_not_act_for_the_organization(meeting, focal_point):
    with pytest.raises(PermissionDenied):
        submission.document_submit(
            meeting=meeting,
            organization=OrganizationFactory(),
            category=contributed(),
            title="Paper",
            authors_text="",
            language="en",
            agenda_item=None,
            upload=SimpleUploadedFile("a.pdf", samples.pdf()),
            by=focal_point,
            submission_key=None,
        )
    assert not Document.objects.exists()


def test_failure_after_the_file_was_written_leaves_no_row_and_no_file(
    monkeypatch, meeting, organization, focal_point, settings
):
    def fail(self, *args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(DocumentVersion, "save", fail)

    with pytest.raises(RuntimeError):
        submission.document_submit(
            meeting=meeting,
            organization=organization,
            category=contributed(),
            title="Paper",
            authors_text="",
            language="en",
            agenda_item=None,
            upload=SimpleUploadedFile("a.pdf", samples.pdf()),
            by=focal_point,
            submission_key=uuid.uuid4(),
        )

    assert not Document.objects.exists()
    assert stored_files(settings) == []


def test_failed_replacement_keeps_the_earlier_version_and_leaves_no_file(
    monkeypatch, organization, settings
):
    version = VersionFactory(document__organization=organization)
    files = stored_files(settings)
    monkeypatch.setattr(
        DocumentVersion, "save", lambda *args, **kwargs: (_ for _ in ()).throw(OSError("full"))
    )

    with pytest.raises(OSError, match="full"):
        versions.version_add(
            document=version.document,
            upload=SimpleUploadedFile("b.pdf", samples.pdf()),
            by=None,
        )

    assert list(version.document.versions.all()) == [version]
    assert stored_files(settings) == files


# My submissions --------------------------------------------------------------------------------


def test_my_submissions_lists_the_organizations_documents_of_every_meeting(
    client, organization, focal_point
):
    colleague = MembershipFactory(organization=organization).user
    version = VersionFactory(
        document__organization=organization,
        document__title="Remittances in 2011",
        document__submitted_by=colleague,
        file_name="Remittances.pdf",
    )
    returned = DocumentFactory(
        organization=organization,
        meeting=MeetingFactory(title="Ninth Coordination Meeting"),
        title="Diaspora bonds",
        status=DocumentStatus.RETURNED,
        review_comment="Please add the sources of table 2.",
    )
    DocumentFactory(title="Someone else's paper")
    client.force_login(focal_point)

    response = client.get(MY_SUBMISSIONS)

    assert list(response.context["documents"]) == [returned, version.document]
    assertContains(response, "Remittances in 2011")
    assertContains(response, "Submitted, awaiting review")
    assertContains(
        response,
        f'<a href="{version.get_absolute_url()}" hreflang="en" dir="auto">Remittances.pdf</a>',
        html=True,
    )
    assertContains(response, f"PDF, {version.size}\xa0bytes")
    assertContains(response, "Ninth Coordination Meeting")
    assertContains(response, "Returned for changes")
    assertContains(response, "Please add the sources of table 2.")
    assertNotContains(response, "Someone else&#x27;s paper")
    assertNotContains(response, "Someone else's paper")


def test_my_submissions_counts_versions_and_offers_changes_until_published(
    client, organization, focal_point
):
    version = VersionFactory(document__organization=organization)
    VersionFactory(document=version.document)
    published = DocumentFactory(organization=organization, status=DocumentStatus.PUBLISHED)
    client.force_login(focal_point)

    response = client.get(MY_SUBMISSIONS)

    rows = response.content.decode()
    assert "<td>2</td>" in rows
    assertContains(response, reverse("papers:submission_edit", args=[version.document.pk]))
    assertContains(response, reverse("papers:submission_withdraw", args=[version.document.pk]))
    assertNotContains(response, reverse("papers:submission_edit", args=[published.pk]))


def test_my_submissions_explains_itself_to_someone_who_is_no_focal_point(client):
    client.force_login(UserFactory(email="visitor@example.org"))

    response = client.get(MY_SUBMISSIONS)

    assertContains(response, "visitor@example.org, which is not a focal point of any organization")


def test_my_submissions_query_count_does_not_grow(
    client, organization, focal_point, django_assert_num_queries
):
    def add(count):
        for _ in range(count):
            version = VersionFactory(document__organization=organization)
            VersionFactory(document=version.document)

    add(1)
    client.force_login(focal_point)
    # Session, user, page count, documents, their versions, organizations, open meetings.
    with django_assert_num_queries(8):
        client.get(MY_SUBMISSIONS)
    add(8)
    with django_assert_num_queries(8):
        response = client.get(MY_SUBMISSIONS)
    assert len(response.context["documents"]) == 9
    for document in Document.objects.all():
        assertContains(
            response, f'<a href="{document.get_absolute_url()}" dir="auto">{document.title}</a>'
        )


# Changing and replacing ------------------------------------------------------------------------


def edit_url(document) -> str:
    return reverse("papers:submission_edit", args=[document.pk])


def details(document, **overrides) -> dict:
    data = {
        "category": document.category_id,
        "title": document.title,
        "authors_text": document.authors_text,
        "language": document.language,
        "agenda_item": document.agenda_item_id or "",
    }
    return {**data, **overrides}


def test_focal_point_changes_the_details(client, meeting, organization, focal_point):
    version = VersionFactory(document__meeting=meeting, document__organization=organization)
    document = version.document
    client.force_login(focal_point)

    response = client.post(edit_url(document), details(document, title="A better title"))

    assertRedirects(response, MY_SUBMISSIONS)
    document.refresh_from_db()
    assert document.title == "A better title"
    assert list(document.versions.all()) == [version]


def test_replacing_the_file_adds_a_version_and_keeps_the_earlier_ones(
    client, meeting, organization, focal_point, settings, upload_dir
):
    first = VersionFactory(document__meeting=meeting, document__organization=organization)
    document = first.document
    data = samples.office("docx")
    client.force_login(focal_point)

    response = client.post(
        edit_url(document),
        details(document, file=SimpleUploadedFile("Revised paper.docx", data)),
        follow=True,
    )

    assertContains(response, f"“{document.title}” was saved with its new file, version 2.")
    second = document.versions.get(number=2)
    assert (second.original_name, second.content_type, second.size, second.sha256) == (
        "Revised paper.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        len(data),
        hashlib.sha256(data).hexdigest(),
    )
    assert second.uploaded_by == focal_point
    assert second.uploaded_at >= first.uploaded_at
    assert list(document.versions.order_by("number")) == [first, second]
    assert Path(settings.MEDIA_ROOT, first.file.name).is_file()
    assert Path(settings.MEDIA_ROOT, second.file.name).is_file()
    assert list(upload_dir.iterdir()) == []


def test_returned_document_goes_back_to_review_when_resubmitted(
    client, meeting, organization, focal_point, notified
):
    document = VersionFactory(
        document__meeting=meeting,
        document__organization=organization,
        document__status=DocumentStatus.RETURNED,
        document__review_comment="Please shorten the title.",
    ).document
    client.force_login(focal_point)
    assertContains(client.get(edit_url(document)), "Please shorten the title.")

    client.post(edit_url(document), details(document, title="Short"))

    document.refresh_from_db()
    assert (document.status, document.title) == (DocumentStatus.SUBMITTED, "Short")
    assert notified == [document]


def test_after_the_window_closes_details_can_change_but_not_the_file(
    client, organization, focal_point
):
    closed = MeetingFactory(
        submissions_open=timezone.now() - 3 * DAY, submissions_close=timezone.now() - DAY
    )
    version = VersionFactory(document__meeting=closed, document__organization=organization)
    document = version.document
    client.force_login(focal_point)
    page = client.get(edit_url(document))
    assert "file" not in page.context["form"].fields
    assertContains(page, "the file can no longer be replaced, but the details can still be")

    client.post(
        edit_url(document),
        details(document, title="Corrected", file=SimpleUploadedFile("new.pdf", samples.pdf())),
    )

    document.refresh_from_db()
    assert document.title == "Corrected"
    assert list(document.versions.all()) == [version]


def test_returned_document_file_can_be_replaced_after_the_window_closes(
    client, organization, focal_point
):
    closed = MeetingFactory(
        submissions_open=timezone.now() - 3 * DAY, submissions_close=timezone.now() - DAY
    )
    document = VersionFactory(
        document__meeting=closed,
        document__organization=organization,
        document__status=DocumentStatus.RETURNED,
    ).document
    client.force_login(focal_point)

    client.post(
        edit_url(document), details(document, file=SimpleUploadedFile("new.pdf", samples.pdf()))
    )

    assert document.versions.count() == 2
    document.refresh_from_db()
    assert document.status == DocumentStatus.SUBMITTED


@pytest.mark.parametrize(
    "status", [DocumentStatus.PUBLISHED, DocumentStatus.REJECTED, DocumentStatus.WITHDRAWN]
)
def test_document_can_no_longer_change_once_decided(
    client, meeting, organization, focal_point, status
):
    version = VersionFactory(
        document__meeting=meeting, document__organization=organization, document__status=status
    )
    document = version.document
    client.force_login(focal_point)

    response = client.post(
        edit_url(document),
        details(document, title="Changed", file=SimpleUploadedFile("new.pdf", samples.pdf())),
        follow=True,
    )

    assertRedirects(response, MY_SUBMISSIONS)
    assertContains(response, "it can no longer be changed or withdrawn.")
    document.refresh_from_db()
    assert (document.title, document.status) != ("Changed", DocumentStatus.SUBMITTED)
    assert list(document.versions.all()) == [version]
    withdraw = client.post(reverse("papers:submission_withdraw", args=[document.pk]))
    assertRedirects(withdraw, MY_SUBMISSIONS)
    document.refresh_from_db()
    assert document.status == status


def test_service_refuses_to_change_a_published_document(organization, focal_point):
    document = DocumentFactory(organization=organization, status=DocumentStatus.PUBLISHED)

    with pytest.raises(ValidationError, match="can no longer be changed"):
        submission.document_withdraw(document=document, by=focal_point)


# Withdrawing -----------------------------------------------------------------------------------


def test_withdraw_asks_for_confirmation_then_withdraws(client, organization, focal_point):
    document = DocumentFactory(organization=organization, title="Old figures")
    url = reverse("papers:submission_withdraw", args=[document.pk])
    client.force_login(focal_point)

    confirmation = client.get(url)

    assertContains(confirmation, "<h1>Withdraw “Old figures”?</h1>", html=True)
    assertContains(confirmation, '<form method="post">')
    document.refresh_from_db()
    assert document.status == DocumentStatus.SUBMITTED

    response = client.post(url, follow=True)

    assertRedirects(response, MY_SUBMISSIONS)
    assertContains(response, "“Old figures” was withdrawn.")
    document.refresh_from_db()
    assert document.status == DocumentStatus.WITHDRAWN


def test_category_the_secretariat_gave_can_be_kept_when_changing(
    client, meeting, organization, focal_point
):
    background = DocumentCategory.objects.get(slug="background-documents")
    document = VersionFactory(
        document__meeting=meeting,
        document__organization=organization,
        document__category=background,
    ).document
    client.force_login(focal_point)

    form = client.get(edit_url(document)).context["form"]
    client.post(edit_url(document), details(document, title="Kept in its category"))

    assert [str(choice) for choice in form.fields["category"].queryset] == [
        "Contributed papers",
        "Other presentations",
        "Background documents",
    ]
    document.refresh_from_db()
    assert (document.title, document.category) == ("Kept in its category", background)


def test_window_without_a_closing_time_stays_open_until_further_notice(
    client, meeting, focal_point
):
    meeting.submissions_close = None
    meeting.save()
    client.force_login(focal_point)

    page = client.get(submit_url(meeting))

    assert page.status_code == 200
    assert "Submissions are open until further notice." in page.content.decode()
    assert meeting in Meeting.objects.open_for_submissions()
