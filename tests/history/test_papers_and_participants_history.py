"""A document's and a nomination's History pages: decisions taken through the services, with
who took them, field by field, beside the lines the services write."""

import datetime

import pytest
from django.urls import reverse

from papers.models import Document
from papers.services.review import document_publish, document_return
from participants.models import CheckIn, NominationStatus
from participants.services.attendance import check_in
from participants.services.decisions import nomination_accept, nomination_decline
from tests.factories import (
    DocumentFactory,
    MeetingFactory,
    NominationFactory,
    RegistrationFactory,
    VersionFactory,
)
from tests.history.helpers import changes, entries, form_data, history_url, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper():
    document = DocumentFactory(title="Migration and development")
    VersionFactory(document=document)
    return document


def test_a_papers_decision_through_its_service_is_in_its_history(officer_client, officer, paper):
    document_return(document=paper, comment="Add the authors.", by=officer)
    document_publish(document=paper, by=officer)

    page = officer_client.get(history_url(paper))
    assert page.status_code == 200
    published = next(entry for entry in entries(page) if "Status: " in " ".join(changes(entry)))
    assert published.by == "Sara Officer"
    assert "Status: Returned for changes → Published" in changes(published)
    assert "Decided by: Sara Officer → Sara Officer" not in changes(published)
    # Which file became public is on the file's own row, by who published it.
    public = next(entry for entry in entries(page) if "Public: no → yes" in changes(entry))
    assert public.by == "Sara Officer"
    shown = text(page)
    assert "Status: Submitted, awaiting review → Returned for changes" in shown
    assert "Comment to the submitter: — → Add the authors." in shown
    assert "Published version 1." in shown  # the service's own line
    assert "Added File version “paper.pdf (v1)”" in shown


def test_a_change_in_the_documents_form_is_recorded_field_by_field(officer_client, paper):
    url = reverse("admin:papers_document_change", args=[paper.pk])
    data = form_data(officer_client.get(url))
    data["title_en"] = "Migration and sustainable development"
    data["language"] = "fr"
    response = officer_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    newest = entries(officer_client.get(history_url(paper)))[0]
    assert newest.by == "Sara Officer"
    assert changes(newest) == [
        "Title: Migration and development → Migration and sustainable development",
        "Language: English → French",
    ]
    assert Document.history.filter(id=paper.pk).latest().history_user.email == "sara@un.example"


@pytest.fixture
def nomination():
    start = datetime.date.today() + datetime.timedelta(days=400)
    meeting = MeetingFactory(
        title="Eleventh Coordination Meeting",
        start_date=start,
        end_date=start + datetime.timedelta(days=1),
    )
    RegistrationFactory(meeting=meeting)
    return NominationFactory(
        meeting=meeting, given_name="Amina", family_name="Diallo", status=NominationStatus.PENDING
    )


def test_a_nomination_decision_is_in_the_nominations_history(officer_client, officer, nomination):
    nomination_accept(nomination=nomination, by=officer)
    nomination_decline(nomination=nomination, by=officer, message="No places left.")

    page = officer_client.get(history_url(nomination))
    assert page.status_code == 200
    decided = [entry for entry in entries(page) if entry.action == "Changed"]
    assert [entry.by for entry in decided] == ["Sara Officer", "Sara Officer"]
    declined, accepted = decided
    assert "Status: Awaiting decision → Accepted" in changes(accepted)
    assert "Decided by: — → Sara Officer" in changes(accepted)
    assert changes(declined)[:2] == [
        "Status: Accepted → Declined",
        "Message with the decision: — → No places left.",
    ]


def test_a_registrations_change_is_in_its_history(officer_client, nomination):
    registration = nomination.meeting.registration
    url = reverse("admin:participants_registration_change", args=[registration.pk])
    data = form_data(officer_client.get(url))
    data["places_per_organization"] = "3"
    response = officer_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    newest = entries(officer_client.get(history_url(registration)))[0]
    assert (newest.by, changes(newest)) == ("Sara Officer", ["Places per organization: — → 3"])


def test_a_check_in_is_recorded_with_who_marked_it(officer):
    meeting = MeetingFactory()
    today = meeting.local_today()  # the venue's date, not the server's
    meeting.start_date = meeting.end_date = today
    meeting.save()
    nomination = NominationFactory(meeting=meeting)
    marked = check_in(meeting=meeting, person=nomination.person, day=today, by=officer)
    record = CheckIn.history.get(id=marked.pk)
    assert (record.history_type, record.history_user) == ("+", officer)
    assert record.person_id == nomination.person_id
