"""Who decided and when: recorded by the review services, shown in the admin and to the submitter.

Also what the submitter sees of a decision: the secretariat's comment, by one rule everywhere.
"""

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from papers.models import DocumentStatus
from papers.services.review import document_publish, document_reject, document_return
from papers.services.staff_uploads import document_file_replace, documents_add_many
from papers.services.submission import document_update, document_withdraw
from tests.factories import DocumentFactory, SecretariatFactory, VersionFactory
from tests.papers import samples

pytestmark = pytest.mark.django_db

COMMENT = "Please add the names of the authors."


def history(document) -> list[tuple[int, str, str]]:
    """The document's admin history, oldest first: (action, user e-mail, message)."""
    entries = LogEntry.objects.filter(object_id=str(document.pk)).select_related("user")
    return [
        (entry.action_flag, entry.user.email, entry.get_change_message())
        for entry in entries.order_by("action_time", "pk")
    ]


@pytest.mark.parametrize(
    ("decide", "status", "message"),
    [
        (
            lambda d, by: document_publish(document=d, by=by),
            DocumentStatus.PUBLISHED,
            "Published version 1.",
        ),
        (
            lambda d, by: document_return(document=d, comment=COMMENT, by=by),
            DocumentStatus.RETURNED,
            f"Returned to the submitter: {COMMENT}",
        ),
        (
            lambda d, by: document_reject(document=d, comment=COMMENT, by=by),
            DocumentStatus.REJECTED,
            f"Rejected: {COMMENT}",
        ),
    ],
    ids=["publish", "return", "reject"],
)
def test_a_decision_taken_outside_the_admin_is_recorded(paper, staff, decide, status, message):
    before = timezone.now()

    decide(paper, staff)

    paper.refresh_from_db()
    assert paper.status == status
    assert paper.decided_by == staff
    assert before <= paper.decided_at <= timezone.now()
    assert history(paper) == [(CHANGE, "secretariat@un.example", message)]


def test_the_last_decision_is_the_one_recorded(paper, staff):
    other = SecretariatFactory(email="other@un.example")
    document_publish(document=paper, by=staff)
    document_return(document=paper, comment=COMMENT, by=other)

    paper.refresh_from_db()
    assert paper.decided_by == other
    assert [entry[1:] for entry in history(paper)] == [
        ("secretariat@un.example", "Published version 1."),
        ("other@un.example", f"Returned to the submitter: {COMMENT}"),
    ]


def test_the_admin_shows_who_decided_and_the_history(secretariat_client, paper, staff):
    staff.first_name, staff.last_name = "Sara", "Secretariat"
    staff.save()
    document_reject(document=paper, comment=COMMENT, by=staff)

    change = secretariat_client.get(reverse("admin:papers_document_change", args=[paper.pk]))
    assertContains(change, "Last decided by")
    assertContains(change, "Sara Secretariat, ")

    log = secretariat_client.get(reverse("admin:papers_document_history", args=[paper.pk]))
    assertContains(log, f"Rejected: {COMMENT}")


def test_an_undecided_document_says_so_in_the_admin(secretariat_client, paper):
    change = secretariat_client.get(reverse("admin:papers_document_change", args=[paper.pk]))
    assertContains(change, "Nobody yet.")


def test_submitter_sees_when_the_secretariat_decided(client, paper, focal_point, staff):
    document_return(document=paper, comment=COMMENT, by=staff)
    paper.refresh_from_db()
    day = paper.decided_at.strftime("%-d %B %Y")
    client.force_login(focal_point)

    for url in (paper.get_absolute_url(), reverse("papers:my_submissions")):
        response = client.get(url)
        assertContains(response, f"Decided by the secretariat on {day}.")
        assertNotContains(response, "secretariat@un.example")  # no staff member is named


def test_the_submitters_own_writes_are_in_the_history(paper, focal_point):
    document_withdraw(document=paper, by=focal_point)
    assert history(paper) == [(CHANGE, "focal@iom.example", "Withdrawn by its organization.")]


def test_a_returned_paper_sent_again_is_in_the_history(paper, focal_point, staff):
    document_return(document=paper, comment=COMMENT, by=staff)
    document_update(
        document=paper,
        by=focal_point,
        category=paper.category,
        title=paper.title,
        authors_text="Ana Lopes",
        language=paper.language,
        agenda_item=None,
        upload=SimpleUploadedFile("v2.pdf", samples.pdf()),
    )
    assert [message for _flag, _who, message in history(paper)][1:] == [
        "New file, version 2.",
        "Submitted again.",
    ]


def test_staff_uploads_are_in_the_history(paper, staff, meeting):
    document_publish(document=paper, by=staff)
    flagged = samples.handwritten_pdf(b"/OpenAction << /S /JavaScript /JS (x) >>")
    document_file_replace(document=paper, upload=SimpleUploadedFile("v2.pdf", flagged), by=staff)
    assert history(paper)[-1] == (
        CHANGE,
        "secretariat@un.example",
        "New file, version 2. It waits for review; the published version stays public.",
    )

    [added] = documents_add_many(
        meeting=meeting,
        category=paper.category,
        organization=None,
        language="en",
        files=[SimpleUploadedFile("Concept note.pdf", samples.pdf())],
        by=staff,
        publish=True,
    )
    assert added.decided_by == staff
    assert history(added) == [
        (ADDITION, "secretariat@un.example", "Added with others from “Concept note.pdf”."),
        # Published by its check (at once with the immediate task backend of tests).
        (CHANGE, "secretariat@un.example", "The file of version 1 was checked. Published."),
    ]


# What the submitter reads of the secretariat's comment ------------------------------------------


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (DocumentStatus.RETURNED, True),
        (DocumentStatus.REJECTED, True),
        (DocumentStatus.SUBMITTED, False),
        (DocumentStatus.PUBLISHED, False),
        (DocumentStatus.WITHDRAWN, False),
    ],
)
def test_the_comment_is_shown_while_it_says_what_to_do(status, shown):
    document = DocumentFactory.build(status=status, review_comment=COMMENT)
    assert document.comment_for_submitter == (COMMENT if shown else "")


def test_a_rejected_papers_comment_shows_on_its_page_and_in_my_submissions(
    client, paper, focal_point, staff
):
    document_reject(document=paper, comment="Out of scope for this meeting.", by=staff)
    client.force_login(focal_point)

    for url in (paper.get_absolute_url(), reverse("papers:my_submissions")):
        response = client.get(url)
        assertContains(response, "The secretariat's comment:")
        assertContains(response, "Out of scope for this meeting.")


def test_an_old_comment_is_not_shown_once_the_paper_is_published(client, paper, focal_point, staff):
    document_return(document=paper, comment="Shorten the abstract.", by=staff)
    document_publish(document=paper, by=staff)
    client.force_login(focal_point)

    for url in (paper.get_absolute_url(), reverse("papers:my_submissions")):
        assertNotContains(client.get(url), "Shorten the abstract.")


def test_the_returned_papers_edit_page_shows_the_comment(client, paper, focal_point, staff):
    document_return(document=paper, comment="Shorten the abstract.", by=staff)
    VersionFactory(document=paper)
    client.force_login(focal_point)
    response = client.get(reverse("papers:submission_edit", args=[paper.pk]))
    assertContains(response, "Shorten the abstract.")
