import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from papers.models import DocumentCategory, Language
from papers.services import mail as papers_mail
from papers.services.review import document_publish, document_reject
from papers.services.submission import document_submit
from tests.factories import (
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    SecretariatFactory,
    StaffFactory,
    UserFactory,
    VersionFactory,
)
from tests.papers import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper():
    focal_point = MembershipFactory(
        user__email="focal@iom.example",
        organization=OrganizationFactory(name="International Organization for Migration"),
    ).user
    document = DocumentFactory(
        title="Migration & development: “remittances”",
        organization=focal_point.memberships.get().organization,
        submitted_by=focal_point,
        meeting__title="Tenth Coordination Meeting on International Migration",
    )
    VersionFactory(document=document, uploaded_by=focal_point, file_name="Remittances.pdf")
    return document


def test_secretariat_hears_of_a_submission(paper, django_capture_on_commit_callbacks):
    SecretariatFactory(email="b@un.example")
    SecretariatFactory(email="a@un.example")
    SecretariatFactory(email="left@un.example", is_active=False)
    StaffFactory(email="other-staff@un.example")
    UserFactory(email="public@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        papers_mail.secretariat_notify(document=paper)

    [message] = mail.outbox
    assert message.to == ["a@un.example", "b@un.example"]
    assert message.subject == "To review: Migration & development: “remittances”"
    review_url = "https://plenary.example" + reverse(
        "admin:papers_document_change", args=[paper.pk]
    )
    assert message.body == (
        "“Migration & development: “remittances”” was submitted for the Tenth Coordination "
        "Meeting on International Migration and waits for review.\n"
        "\n"
        "Category: Contributed papers\n"
        "Organization: International Organization for Migration\n"
        "Submitted by: focal@iom.example\n"
        f"File: Remittances.pdf (PDF, {paper.current_version.size}\xa0bytes, 1 page)\n"
        "\n"
        "Review it in the back office:\n"
        f"{review_url}\n"
    )


def test_secretariat_hears_of_review_reasons(paper, django_capture_on_commit_callbacks):
    SecretariatFactory(email="a@un.example")
    VersionFactory(
        document=paper,
        file_data=samples.handwritten_pdf(b"/OpenAction << /S /JavaScript /JS (x) >>"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        papers_mail.secretariat_notify(document=paper)
    [message] = mail.outbox
    assert "It needs a careful look:\nThe PDF contains JavaScript.\n" in message.body


@pytest.mark.parametrize(
    ("setting", "expected"),
    [("papers@un.example", ["papers@un.example"]), (["x@un.example", "y@un.example"], None)],
)
def test_a_configured_address_replaces_the_group(
    paper, settings, django_capture_on_commit_callbacks, setting, expected
):
    SecretariatFactory(email="a@un.example")
    settings.PAPERS_SECRETARIAT_EMAIL = setting
    with django_capture_on_commit_callbacks(execute=True):
        papers_mail.secretariat_notify(document=paper)
    [message] = mail.outbox
    assert message.to == (expected or setting)


def test_no_secretariat_means_no_mail(paper, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        papers_mail.secretariat_notify(document=paper)
    assert mail.outbox == []


def test_a_submission_through_the_public_service_tells_the_secretariat(
    django_capture_on_commit_callbacks,
):
    SecretariatFactory(email="a@un.example")
    focal_point = MembershipFactory().user
    now = timezone.now()
    meeting = MeetingFactory(
        submissions_open=now - datetime.timedelta(days=1),
        submissions_close=now + datetime.timedelta(days=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        document = document_submit(
            meeting=meeting,
            organization=focal_point.memberships.get().organization,
            category=DocumentCategory.objects.get(slug="contributed-papers"),
            title="A paper",
            authors_text="",
            language=Language.ENGLISH,
            agenda_item=None,
            upload=SimpleUploadedFile("paper.pdf", samples.pdf()),
            by=focal_point,
            submission_key=None,
        )
    [message] = mail.outbox
    assert message.to == ["a@un.example"]
    assert message.subject == "To review: A paper"
    assert (
        f"https://plenary.example{reverse('admin:papers_document_change', args=[document.pk])}"
        in message.body
    )


def test_published_mail_reads_as_plain_text(paper, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document_publish(document=paper, by=StaffFactory())
    [message] = mail.outbox
    assert message.subject == "Published: Migration & development: “remittances”"
    assert message.body == (
        "Hello,\n"
        "\n"
        "The secretariat has published “Migration & development: “remittances”” among the "
        "documents of the Tenth Coordination Meeting on International Migration. Anyone can now "
        "read it at:\n"
        "\n"
        f"https://plenary.example{paper.get_absolute_url()}\n"
        "\n"
        "Thank you for your contribution.\n"
    )


def test_rejected_mail_carries_the_comment_unescaped(paper, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document_reject(
            document=paper,
            comment="Papers must be <10 pages & in English.",
            by=StaffFactory(),
        )
    [message] = mail.outbox
    assert message.to == ["focal@iom.example"]
    assert message.subject == "Not accepted: Migration & development: “remittances”"
    assert "\nPapers must be <10 pages & in English.\n" in message.body
    assert f"https://plenary.example{reverse('papers:my_submissions')}" in message.body


def test_mail_sent_outside_any_request_links_to_the_site_url(
    paper, settings, django_capture_on_commit_callbacks
):
    """A decision taken by a command or a worker mails the same absolute links as the admin."""
    settings.SITE_URL = "https://meetings.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        document_reject(document=paper, comment="Out of scope.", by=StaffFactory())
    [message] = mail.outbox
    links = [line for line in message.body.splitlines() if "://" in line]
    assert links == [
        f"Your submissions: https://meetings.example.org{reverse('papers:my_submissions')}"
    ]


def test_each_recipient_s_links_open_in_their_language(paper, django_capture_on_commit_callbacks):
    """Staff decide in French; the focal point reads Spanish, the Secretariat English: each
    message's links open the pages in its reader's language."""
    paper.submitted_by.language = "es"
    paper.submitted_by.save(update_fields=["language"])
    SecretariatFactory(email="a@un.example", language="en")
    officer = StaffFactory(email="officer@un.example", language="fr")
    site = settings.SITE_URL
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        papers_mail.secretariat_notify(document=paper)
        document_publish(document=paper, by=officer)

    sent = {message.to[0]: message.body for message in mail.outbox}
    with translation.override("en"):
        review = reverse("admin:papers_document_change", args=[paper.pk])
        page = paper.get_absolute_url()
    assert f"{site}{review}" in sent["a@un.example"]
    assert f"{site}/es{page}" in sent["focal@iom.example"]
    assert "/fr/" not in "".join(sent.values())
