"""Uploaded PDFs and images are checked by the background worker, in a child process with
limits: "being checked" after the upload, then submitted, awaiting review; a check that crashes
or hangs leaves the paper in review with "could not be checked", never published.

These tests queue tasks in the database and run the worker (`manage.py db_worker --batch`) as
production does; the worker commits, so they use a transactional database, which an earlier
transactional test may have emptied of what migrations add: the category and the staff member
they need are made here.
"""

import datetime
import uuid

import django.tasks
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.tasks import TaskBackendHandler
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pytest_django.asserts import assertContains, assertNotContains

from papers.models import Document, DocumentCategory, DocumentStatus, DocumentVersion, FileCheck
from papers.services import review, staff_uploads, submission
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.papers import samples

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MY_SUBMISSIONS = reverse("papers:my_submissions")
COULD_NOT = "The file could not be checked (the check crashed or took too long): open it with care."
CHILD = "tests.papers.test_checking_child"


@pytest.fixture(autouse=True)
def contributed_papers():
    DocumentCategory.objects.get_or_create(
        slug="contributed-papers",
        defaults={"name": "Contributed papers", "order": 10, "open_to_submissions": True},
    )


@pytest.fixture
def staff():
    """Someone who may review and publish every document (the Secretariat's permissions)."""
    return UserFactory(email="secretariat@un.example", is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def database_tasks(monkeypatch):
    """Tasks queued in the database, as in production, for run_worker() to do."""
    monkeypatch.setattr(django.tasks, "task_backends", TaskBackendHandler(DATABASE_TASKS))


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def checks():
    """The file checks queued (the secretariat's notice of a submission is queued too)."""
    return DBTaskResult.objects.filter(task_path="papers.tasks.check_version")


def submit(client, meeting, data: bytes, name: str = "Migration paper.pdf"):
    category = DocumentCategory.objects.get(slug="contributed-papers")
    return client.post(
        reverse("papers:submit", kwargs={"slug": meeting.slug}),
        {
            "category": category.pk,
            "title": "Migration and development",
            "authors_text": "Ana Lopes",
            "language": "en",
            "agenda_item": "",
            "file": SimpleUploadedFile(name, data),
            "submission_key": str(uuid.uuid4()),
        },
    )


def test_pdf_is_being_checked_until_the_worker_checks_it(client, meeting, focal_point):
    client.force_login(focal_point)

    response = submit(client, meeting, samples.pdf(pages=3))

    assert response.status_code == 302
    document = Document.objects.get()
    version = document.versions.get()
    assert (document.status, version.check_state) == (DocumentStatus.CHECKING, FileCheck.CHECKING)
    assert (version.thumbnail.name, version.preview_pages) == ("", [])
    assert list(checks().values_list("status", flat=True)) == ["READY"]
    assertContains(client.get(MY_SUBMISSIONS), "Being checked")

    run_worker()

    document.refresh_from_db()
    version.refresh_from_db()
    assert (document.status, version.check_state) == (DocumentStatus.SUBMITTED, FileCheck.CHECKED)
    assert (version.page_count, version.review_reasons) == (3, "")
    assert version.thumbnail.name.startswith("papers/thumbnails/")
    assert len(version.preview_pages) == 3
    assert list(checks().values_list("status", flat=True)) == ["SUCCESSFUL"]
    page = client.get(MY_SUBMISSIONS)
    assertContains(page, "Submitted, awaiting review")
    assertNotContains(page, "Being checked")


def test_worker_finds_the_javascript_of_a_pdf(client, meeting, focal_point):
    client.force_login(focal_point)
    data = samples.handwritten_pdf(catalog_extra=b"/OpenAction << /S /JavaScript /JS (x) >>")

    submit(client, meeting, data)
    assert Document.objects.get().review_reasons == ""  # not looked at in the request
    run_worker()

    document = Document.objects.get()
    assert (document.status, document.review_reasons) == (
        DocumentStatus.SUBMITTED,
        "The PDF contains JavaScript.",
    )


@pytest.mark.parametrize(
    ("function", "seconds", "megabytes"),
    [
        (f"{CHILD}.segfault", 60, 512),
        (f"{CHILD}.sleep", 1, 512),
        (f"{CHILD}.swell", 60, 512),
        (f"{CHILD}.garbage", 60, 512),
        ("uploads.checking.check_in_child", 60, 20),  # the real check, in too little memory
    ],
    ids=["segfault", "timeout", "memory", "garbage", "real-check-out-of-memory"],
)
def test_check_that_crashes_leaves_the_paper_in_review_as_could_not_be_checked(
    client, meeting, focal_point, staff, settings, function, seconds, megabytes
):
    settings.PAPERS_CHECK_FUNCTION = function
    settings.PAPERS_CHECK_SECONDS = seconds
    settings.PAPERS_CHECK_MEMORY_MB = megabytes
    client.force_login(focal_point)

    response = submit(client, meeting, samples.pdf())

    # The request did not run the check: it answered with the paper still being checked.
    assert response.status_code == 302
    assert Document.objects.get().status == DocumentStatus.CHECKING
    run_worker()

    document = Document.objects.get()
    version = document.versions.get()
    assert (document.status, version.check_state, version.review_reasons) == (
        DocumentStatus.SUBMITTED,
        FileCheck.FAILED,
        COULD_NOT,
    )
    assert list(checks().values_list("status", flat=True)) == ["SUCCESSFUL"]
    with pytest.raises(ValidationError) as refused:
        review.document_publish(document=document, by=staff)
    assert refused.value.code == "review_reasons"
    document.refresh_from_db()
    assert document.status == DocumentStatus.SUBMITTED
    assert Document.objects.published().count() == 0


def test_publishing_while_the_file_is_being_checked_is_refused(client, meeting, focal_point, staff):
    client.force_login(focal_point)
    submit(client, meeting, samples.pdf())
    document = Document.objects.get()

    with pytest.raises(ValidationError) as refused:
        review.document_publish(document=document, by=staff, acknowledge_review_reasons=True)

    assert refused.value.messages == [
        "“Migration and development” cannot be published yet: its file is being checked. It "
        "can be published once the check is done, in a minute or two."
    ]
    document.refresh_from_db()
    assert (document.status, document.public_versions) == (DocumentStatus.CHECKING, [])
    assert not document.can_be_published
    run_worker()
    document.refresh_from_db()
    review.document_publish(document=document, by=staff)
    assert Document.objects.published().get() == document


def test_admin_publish_action_while_being_checked_says_why(client, meeting, focal_point, staff):
    client.force_login(focal_point)
    submit(client, meeting, samples.pdf())
    document = Document.objects.get()
    client.force_login(staff)

    response = client.post(
        reverse("admin:papers_document_changelist"),
        {"action": "publish", "_selected_action": [document.pk]},
        follow=True,
    )

    assertContains(response, "cannot be published yet: its file is being checked.")
    document.refresh_from_db()
    assert document.status == DocumentStatus.CHECKING


def test_staff_upload_to_publish_at_once_is_published_by_its_check(meeting, staff):
    category = DocumentCategory.objects.get(slug="contributed-papers")
    files = [SimpleUploadedFile("Plain.pdf", samples.pdf())]
    files.append(
        SimpleUploadedFile(
            "Scripted.pdf",
            samples.handwritten_pdf(catalog_extra=b"/OpenAction << /S /JavaScript /JS (x) >>"),
        )
    )

    documents = staff_uploads.documents_add_many(
        meeting=meeting,
        category=category,
        organization=None,
        language="en",
        files=files,
        by=staff,
        publish=True,
    )

    assert [d.status for d in documents] == [DocumentStatus.CHECKING] * 2
    assert Document.objects.published().count() == 0
    run_worker()
    statuses = dict(Document.objects.values_list("title", "status"))
    assert statuses == {"Plain": DocumentStatus.PUBLISHED, "Scripted": DocumentStatus.SUBMITTED}


def test_new_file_of_a_published_paper_is_checked_before_it_can_be_published(
    client, meeting, focal_point, staff
):
    client.force_login(focal_point)
    submit(client, meeting, samples.pdf())
    run_worker()
    document = Document.objects.get()
    review.document_publish(document=document, by=staff)

    staff_uploads.document_file_replace(
        document=document, upload=SimpleUploadedFile("v2.pdf", samples.pdf(pages=2)), by=staff
    )

    document.refresh_from_db()
    assert (document.status, document.public_version.number) == (DocumentStatus.PUBLISHED, 1)
    assert document.file_being_checked
    with pytest.raises(ValidationError):
        review.document_publish(document=document, by=staff)
    run_worker()
    document.refresh_from_db()
    assert document.current_version.page_count == 2
    review.document_publish(document=document, by=staff)
    document.refresh_from_db()
    assert document.public_version.number == 2


def test_upload_that_fails_leaves_no_task_and_no_record(client, meeting, focal_point, monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("after the version was stored")

    monkeypatch.setattr("papers.services.submission.history_record", fail)
    client.force_login(focal_point)
    client.raise_request_exception = False

    response = submit(client, meeting, samples.pdf())

    assert response.status_code == 500
    assert (Document.objects.count(), DBTaskResult.objects.count()) == (0, 0)


def test_office_file_is_not_queued(client, meeting, focal_point):
    client.force_login(focal_point)

    submit(client, meeting, samples.office("docx"), name="Paper.docx")

    document = Document.objects.get()
    assert (document.status, document.versions.get().check_state) == (
        DocumentStatus.SUBMITTED,
        FileCheck.CHECKED,
    )
    assert checks().count() == 0


# Who sees "Being checked" ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status_code"),
    [("anonymous", 404), ("other organization", 404), ("own organization", 200), ("staff", 200)],
)
def test_being_checked_is_shown_only_to_its_organization_and_the_secretariat(
    client, meeting, focal_point, staff, who, status_code
):
    client.force_login(focal_point)
    submit(client, meeting, samples.pdf())
    document = Document.objects.get()
    client.logout()
    if who == "other organization":
        stranger = MembershipFactory(organization=OrganizationFactory(acronym="UNHCR")).user
        client.force_login(stranger)
    elif who == "own organization":
        client.force_login(focal_point)
    elif who == "staff":
        client.force_login(staff)

    response = client.get(document.get_absolute_url())

    assert response.status_code == status_code
    if status_code == 200:
        assertContains(response, "Not public: Being checked.")


def test_admin_shows_the_paper_and_its_file_being_checked(client, meeting, focal_point, staff):
    client.force_login(focal_point)
    submit(client, meeting, samples.pdf())
    document = Document.objects.get()
    client.force_login(staff)

    listing = client.get(reverse("admin:papers_document_changelist"))
    page = client.get(reverse("admin:papers_document_change", args=[document.pk]))

    assertContains(listing, "Being checked")
    assertContains(page, "Its newest file is being checked.")
    assertContains(page, '<td class="field-check_state"><p>Being checked</p></td>', html=True)


def test_focal_points_new_file_is_checked_like_the_first(client, meeting, focal_point):
    client.force_login(focal_point)
    submit(client, meeting, samples.pdf())
    run_worker()
    document = Document.objects.get()

    submission.document_update(
        document=document,
        by=focal_point,
        category=document.category,
        title=document.title,
        authors_text=document.authors_text,
        language=document.language,
        agenda_item=None,
        upload=SimpleUploadedFile("v2.pdf", samples.pdf(pages=2)),
    )

    document.refresh_from_db()
    assert (document.status, document.current_version.number) == (DocumentStatus.CHECKING, 2)
    run_worker()
    document.refresh_from_db()
    version = document.current_version
    assert (document.status, version.check_state, version.page_count) == (
        DocumentStatus.SUBMITTED,
        FileCheck.CHECKED,
        2,
    )


def test_a_check_a_killed_worker_left_goes_to_review_as_could_not_be_checked(
    client, meeting, focal_point, settings
):
    """The worker died in the middle of the check: its task stays "running" and the paper
    "being checked". Once the check's time limit is well past, fail_stalled_checks sends it to
    review as "could not be checked"; a check still waiting in the queue is left to the worker."""
    settings.PAPERS_CHECK_SECONDS = 60
    client.force_login(focal_point)
    submit(client, meeting, samples.pdf())
    submit(client, meeting, samples.pdf(pages=2), name="Second paper.pdf")
    killed, waiting = Document.objects.order_by("pk")
    started = timezone.now() - datetime.timedelta(minutes=10)
    checks().filter(args_kwargs__kwargs__version_id=killed.versions.get().pk).update(
        status="RUNNING", started_at=started
    )
    DocumentVersion.objects.update(uploaded_at=started)

    call_command("fail_stalled_checks", verbosity=0)
    call_command("fail_stalled_checks", verbosity=0)  # again: nothing more to do

    killed.refresh_from_db()
    version = killed.versions.get()
    assert (killed.status, version.check_state, version.review_reasons) == (
        DocumentStatus.SUBMITTED,
        FileCheck.FAILED,
        COULD_NOT,
    )
    assert waiting.versions.get().check_state == FileCheck.CHECKING
    run_worker()
    waiting.refresh_from_db()
    assert (waiting.status, waiting.versions.get().check_state) == (
        DocumentStatus.SUBMITTED,
        FileCheck.CHECKED,
    )
    assertContains(client.get(MY_SUBMISSIONS), "Submitted, awaiting review", count=2)


def test_a_check_within_its_time_limit_is_not_stalled(client, meeting, focal_point):
    client.force_login(focal_point)
    submit(client, meeting, samples.pdf())
    checks().update(status="RUNNING", started_at=timezone.now())
    call_command("fail_stalled_checks", verbosity=0)
    assert DocumentVersion.objects.get().check_state == FileCheck.CHECKING
