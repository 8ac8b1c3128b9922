"""A paper's whole life in a real browser: a focal point submits it, the secretariat publishes it,
the public finds it on the meeting's page and downloads it."""

import datetime
import hashlib
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from meetings.models import Meeting
from papers.models import Document, DocumentStatus
from tests.factories import PASSWORD, StaffFactory

MEETING_SLUG = "tenth-coordination-meeting"
FOCAL_POINT = "focal@iom.example"
FOCAL_POINT_PASSWORD = "plenary-Focal-demo-58"
TITLE = "Migration data in the IOM World Migration Report"
FILE_NAME = "IOM contribution.pdf"


@pytest.fixture
def pdf_file(tmp_path) -> Path:
    """A three-page PDF written by PDFium, as a focal point would have it on their disk."""
    document = pdfium.PdfDocument.new()
    try:
        for _ in range(3):
            document.new_page(595, 842).close()
        path = tmp_path / FILE_NAME
        document.save(path)
    finally:
        document.close()
    return path


@pytest.fixture
def open_meeting(monkeypatch) -> Meeting:
    """The demo, with the tenth meeting open to submissions now (in history it closed in 2012)."""
    monkeypatch.setenv("DEMO_USER_PASSWORD", FOCAL_POINT_PASSWORD)
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    call_command("load_demo", verbosity=0)
    now = timezone.now()
    Meeting.objects.filter(slug=MEETING_SLUG).update(
        submissions_open=now - datetime.timedelta(days=1),
        submissions_close=now + datetime.timedelta(days=7),
    )
    return Meeting.objects.get(slug=MEETING_SLUG)


@pytest.fixture
def reviewer():
    """Staff who may review documents, as the Secretariat group may (a flushed test database
    has no groups: the permissions are given to the user)."""
    user = StaffFactory(email="reviewer@un.example")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="papers", codename__in=["view_document", "change_document"]
        )
    )
    return user


def focal_point_submits(page: Page, live_url: str, meeting: Meeting, pdf_file: Path, axe_check):
    submit_url = reverse("papers:submit", kwargs={"slug": meeting.slug})
    page.goto(live_url + submit_url)

    # Not logged in: the login page, which comes back to the form.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    axe_check(page)
    page.get_by_label("E-mail address").fill(FOCAL_POINT)
    page.get_by_label("Password").fill(FOCAL_POINT_PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(live_url + submit_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Submit a paper")
    axe_check(page)
    page.get_by_label("Category").select_option(label="Contributed papers")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Authors").fill("Michele Klein Solomon")
    page.get_by_label("File").set_input_files(pdf_file)
    page.get_by_role("button", name="Submit the paper").click()

    expect(page).to_have_url(live_url + reverse("papers:my_submissions"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My submissions")
    row = page.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text("Submitted, awaiting review")
    expect(row).to_contain_text(FILE_NAME)
    axe_check(page)


def secretariat_publishes(page: Page, live_url: str, reviewer) -> None:
    changelist = reverse("admin:papers_document_changelist")
    page.goto(live_url + changelist)
    expect(page).to_have_url(re.compile(r"/admin/login/\?next="))
    page.locator("#id_username").fill(reviewer.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(live_url + changelist)
    page.get_by_role("link", name="Submitted, awaiting review").click()
    page.get_by_role("checkbox", name=f"Select this object for an action - {TITLE}").check()
    page.locator("select[name=action]").select_option(label="Publish")
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_text("1 document was published.")).to_be_visible()


def public_downloads(page: Page, live_url: str, meeting: Meeting, pdf_file: Path, axe_check):
    page.goto(live_url + meeting.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(meeting.title)
    papers = page.get_by_role("region", name="Contributed papers")
    expect(papers).to_contain_text("These papers were reproduced without formal editing.")
    expect(papers.get_by_role("listitem")).to_contain_text(
        "Michele Klein Solomon · International Organization for Migration (IOM) · English"
    )
    resolutions = page.get_by_role("region", name="General Assembly resolutions")
    expect(resolutions.get_by_role("link", name="A/RES/65/170")).to_have_attribute(
        "href", "https://docs.un.org/en/A/RES/65/170"
    )
    axe_check(page)

    papers.get_by_role("link", name=TITLE, exact=True).click()
    document = Document.objects.get(title=TITLE)
    expect(page).to_have_url(live_url + document.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    axe_check(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"Download “{TITLE}”").click()
    download = download_info.value
    assert download.suggested_filename == FILE_NAME
    downloaded = Path(download.path()).read_bytes()
    assert (
        hashlib.sha256(downloaded).hexdigest() == hashlib.sha256(pdf_file.read_bytes()).hexdigest()
    )


@pytest.mark.browser
def test_a_paper_goes_from_focal_point_to_public(
    live_server, browser: Browser, assert_accessible, open_meeting, reviewer, pdf_file
):
    contexts = [browser.new_context(locale="en", accept_downloads=True) for _ in range(3)]
    focal_point, secretariat, public = (context.new_page() for context in contexts)
    try:
        focal_point_submits(focal_point, live_server.url, open_meeting, pdf_file, assert_accessible)
        document = Document.objects.get(title=TITLE)
        assert (document.status, document.organization.acronym) == (
            DocumentStatus.SUBMITTED,
            "IOM",
        )
        assert document.submitted_by.email == FOCAL_POINT

        # Before it is published, the public finds neither the paper nor its file.
        public.goto(live_server.url + document.get_absolute_url())
        expect(public.get_by_role("heading", level=1)).not_to_have_text(TITLE)

        secretariat_publishes(secretariat, live_server.url, reviewer)
        document.refresh_from_db()
        assert document.status == DocumentStatus.PUBLISHED

        public_downloads(public, live_server.url, open_meeting, pdf_file, assert_accessible)

        # The focal point sees the decision on their page.
        focal_point.goto(live_server.url + reverse("papers:my_submissions"))
        row = focal_point.get_by_role("row").filter(has_text=TITLE)
        expect(row).to_contain_text("Published")
    finally:
        for context in contexts:
            context.close()
