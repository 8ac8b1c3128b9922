"""The review queue: the count on the admin's first page, the decisions on a document's page,
and the way back to the list with its filters and the next paper offered."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from papers.models import DocumentStatus
from tests.factories import (
    DocumentFactory,
    OrganizationFactory,
    StaffFactory,
    VersionFactory,
)
from tests.papers.forms import document_form
from tests.papers.test_admin import JAVASCRIPT_PDF

pytestmark = pytest.mark.django_db

INDEX = "admin:index"
CHANGELIST = "admin:papers_document_changelist"
QUEUE = reverse(CHANGELIST) + "?review=waiting"


def submitted(title: str, **kwargs):
    document = DocumentFactory(title=title, **kwargs)
    VersionFactory(document=document)
    return document


def change_url(document, filters: str = "") -> str:
    url = reverse("admin:papers_document_change", args=[document.pk])
    return f"{url}?{urlencode({'_changelist_filters': filters})}" if filters else url


def decide_url(document, decision: str, filters: str = "") -> str:
    url = reverse("admin:papers_document_decide", args=[document.pk, decision])
    return f"{url}?{urlencode({'_changelist_filters': filters})}" if filters else url


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def viewer():
    """Staff who may look at documents but not decide on them."""
    user = StaffFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_document"))
    return user


# The count on the admin's first page ------------------------------------------------------------


def test_anonymous_and_focal_point_get_the_login_page_not_the_count(client, paper, focal_point):
    assertRedirects(client.get(reverse(INDEX)), f"{reverse('admin:login')}?next=/admin/")
    client.force_login(focal_point)
    assertRedirects(client.get(reverse(INDEX)), f"{reverse('admin:login')}?next=/admin/")


def test_the_secretariat_sees_how_many_papers_await_review_with_a_link_to_the_queue(
    secretariat_client, paper, organization
):
    submitted("Second paper", organization=organization)
    published = DocumentFactory(title="Published paper", status=DocumentStatus.PUBLISHED)
    VersionFactory(document=published)
    newer = DocumentFactory(title="Newer file waiting", status=DocumentStatus.PUBLISHED)
    VersionFactory(document=newer)
    VersionFactory(document=newer)
    returned = submitted("Returned paper", status=DocumentStatus.RETURNED)
    assert returned.status == DocumentStatus.RETURNED

    response = secretariat_client.get(reverse(INDEX))

    assertContains(response, f'<a href="{QUEUE}">3 papers awaiting review</a>', html=True)
    listed = secretariat_client.get(QUEUE)
    assertContains(listed, "Migration and development")
    assertContains(listed, "Newer file waiting")
    assertNotContains(listed, "Published paper")
    assertNotContains(listed, "Returned paper")


def test_one_paper_is_said_in_the_singular(secretariat_client, paper):
    assertContains(secretariat_client.get(reverse(INDEX)), "1 paper awaiting review")


def test_an_empty_queue_says_nothing_waits(secretariat_client):
    response = secretariat_client.get(reverse(INDEX))
    assertContains(response, "Nothing waits for a decision.")
    assertNotContains(response, "awaiting review")


@pytest.mark.parametrize("who", ["other_staff", "viewer"])
def test_staff_who_may_not_decide_see_no_count(client, paper, who, viewer):
    client.force_login(viewer if who == "viewer" else StaffFactory())
    response = client.get(reverse(INDEX))
    assert response.status_code == 200
    assertNotContains(response, "awaiting review")
    assertNotContains(response, "Waiting for you")


def test_the_index_queries_do_not_grow_with_the_queue(secretariat_client, organization):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert secretariat_client.get(reverse(INDEX)).status_code == 200
        return len(context)

    submitted("First", organization=organization)
    few = queries()
    for number in range(5):
        submitted(f"More {number}", organization=OrganizationFactory())
    assert queries() == few
    assertContains(secretariat_client.get(reverse(INDEX)), "6 papers awaiting review")


# The decisions on a document's page ------------------------------------------------------------


def test_the_document_page_offers_the_three_decisions(secretariat_client, paper):
    response = secretariat_client.get(change_url(paper, "review=waiting"))
    for decision, label in [
        ("publish", "Publish"),
        ("return", "Return with a comment"),
        ("reject", "Reject with a comment"),
    ]:
        action = decide_url(paper, decision, "review=waiting").replace("&", "&amp;")
        assertContains(response, f'action="{action}"')
        assertContains(response, f'<button type="submit">{label}</button>', html=True)


def test_a_published_paper_offers_return_and_reject_but_not_publish(secretariat_client):
    document = DocumentFactory(status=DocumentStatus.PUBLISHED)
    VersionFactory(document=document)
    response = secretariat_client.get(change_url(document))
    assertNotContains(response, decide_url(document, "publish"))
    assertContains(response, decide_url(document, "return"))
    assertContains(response, decide_url(document, "reject"))


def test_staff_who_may_only_look_get_no_buttons_and_cannot_decide(client, paper, viewer):
    client.force_login(viewer)
    response = client.get(change_url(paper))
    assert response.status_code == 200
    assertNotContains(response, "/decide/")
    assert (
        client.post(decide_url(paper, "reject"), {"post": "yes", "comment": "No"}).status_code
        == 403
    )
    paper.refresh_from_db()
    assert paper.status == DocumentStatus.SUBMITTED


def test_anonymous_cannot_decide(client, paper):
    response = client.post(decide_url(paper, "publish"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    paper.refresh_from_db()
    assert paper.status == DocumentStatus.SUBMITTED


def test_a_decision_is_only_posted(secretariat_client, paper):
    assert secretariat_client.get(decide_url(paper, "publish")).status_code == 405
    assert secretariat_client.post(decide_url(paper, "archive")).status_code == 404
    paper.refresh_from_db()
    assert paper.status == DocumentStatus.SUBMITTED


def test_return_from_the_page_asks_for_a_comment_then_returns_to_the_filtered_list(
    secretariat_client, paper, organization
):
    older = submitted("Waiting longest", organization=organization)
    older.created_at = timezone.now() - timezone.timedelta(days=3)
    older.save(update_fields=["created_at"])
    filters = "review=waiting"
    url = decide_url(paper, "return", filters)

    page = secretariat_client.post(url)
    assertContains(page, "Comment to the submitter")
    assertContains(page, "Return documents to their submitters")
    paper.refresh_from_db()
    assert paper.status == DocumentStatus.SUBMITTED

    response = secretariat_client.post(url, {"post": "yes", "comment": "Add a summary."})

    assertRedirects(response, QUEUE, fetch_redirect_response=False)
    paper.refresh_from_db()
    assert paper.status == DocumentStatus.RETURNED
    listed = secretariat_client.get(response["Location"])
    assertContains(listed, "1 document was returned to its submitter.")
    next_link = change_url(older, filters)
    assertContains(listed, f'Next: <a href="{next_link}">“Waiting longest” (IOM)</a>', html=True)


def test_reject_from_the_page_with_the_queue_then_empty(secretariat_client, paper):
    url = decide_url(paper, "reject", "review=waiting")
    response = secretariat_client.post(url, {"post": "yes", "comment": "Out of scope."})
    assertRedirects(response, QUEUE, fetch_redirect_response=False)
    paper.refresh_from_db()
    assert paper.status == DocumentStatus.REJECTED
    assert "No other paper awaits review: the queue is empty." in messages_of(response)


def test_publish_from_the_page_publishes_a_clean_file_and_offers_the_next(
    secretariat_client, paper, organization
):
    other = submitted("Next in line", organization=organization)
    response = secretariat_client.post(decide_url(paper, "publish"))
    assertRedirects(response, reverse(CHANGELIST), fetch_redirect_response=False)
    paper.refresh_from_db()
    assert paper.status == DocumentStatus.PUBLISHED
    shown = messages_of(response)
    assert "1 document was published." in shown
    assert f'Next: <a href="{change_url(other)}">“Next in line” (IOM)</a>' in shown


def test_publish_from_the_page_of_a_flagged_file_goes_through_the_confirmation(
    secretariat_client,
):
    document = DocumentFactory(title="Scripted paper")
    VersionFactory(document=document, file_data=JAVASCRIPT_PDF)
    url = decide_url(document, "publish")

    page = secretariat_client.post(url)
    assertContains(page, "Publish documents that need a careful look?")
    assertContains(page, "The PDF contains JavaScript.")
    document.refresh_from_db()
    assert document.status == DocumentStatus.SUBMITTED

    response = secretariat_client.post(url, {"post": "yes", "acknowledge_review_reasons": "on"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == DocumentStatus.PUBLISHED


# From the list ---------------------------------------------------------------------------------


def test_a_list_action_keeps_the_filters_and_offers_the_next_paper_of_that_meeting(
    secretariat_client, paper, organization
):
    elsewhere = submitted("Another meeting's paper", organization=organization)
    here = submitted("Same meeting", organization=organization, meeting=paper.meeting)
    filters = f"review=waiting&meeting__id__exact={paper.meeting.pk}"
    list_url = f"{reverse(CHANGELIST)}?{filters}"

    response = secretariat_client.post(
        list_url, {"action": "publish", "_selected_action": [paper.pk]}
    )

    assertRedirects(response, list_url, fetch_redirect_response=False)
    shown = messages_of(response)
    assert f'Next: <a href="{change_url(here, filters)}">“Same meeting” (IOM)</a>' in shown
    assert elsewhere.title not in " ".join(shown)


def test_save_and_publish_returns_to_the_filtered_list(secretariat_client, paper):
    response = secretariat_client.post(
        change_url(paper, "review=waiting"),
        document_form(paper, _publish="Save and publish", _version="1"),
    )
    assertRedirects(response, QUEUE, fetch_redirect_response=False)
    paper.refresh_from_db()
    assert paper.status == DocumentStatus.PUBLISHED
    assert "No other paper awaits review: the queue is empty." in messages_of(response)
