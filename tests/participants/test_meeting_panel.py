"""What the meeting's overview says about participants, and its "Participants" tab."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from participants.models import NominationStatus
from tests.factories import (
    MeetingFactory,
    MembershipFactory,
    NominationFactory,
    OrganizationFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def overview(client, meeting):
    return client.get(meeting.get_absolute_url())


def day(date: datetime.date) -> str:
    return date.strftime("%-d %B %Y")


def test_a_meeting_without_registration_has_no_participants_section(client, meeting):
    response = overview(client, meeting)
    assertNotContains(response, 'id="participants-heading"')
    assertNotContains(response, "Nominate participants")


def test_open_registration_shows_its_dates_places_and_note(client, meeting, registration):
    registration.capacity = 40
    registration.places_per_organization = 3
    registration.note = "Delegations of more than three need the Secretariat's agreement."
    registration.save()
    NominationFactory.create_batch(2, meeting=meeting, status=NominationStatus.PENDING)
    NominationFactory(meeting=meeting, status=NominationStatus.WAITLISTED)

    response = overview(client, meeting)

    assertContains(response, '<h2 id="participants-heading">Participants</h2>', html=True)
    assertContains(
        response,
        f"Registration is open from {day(registration.opens_on)} until the end of "
        f"{day(registration.closes_on)}. Dates are in the venue's time zone (America/New_York).",
    )
    assertContains(response, "38 places left of 40.")
    assertContains(response, "At most 3 participants per organization.")
    assertContains(
        response, "Delegations of more than three need the Secretariat&#x27;s agreement."
    )


def test_anonymous_visitors_are_invited_to_log_in(client, meeting, registration):
    response = overview(client, meeting)
    assertContains(response, "Focal points of participating organizations")
    assertContains(response, f"{reverse('accounts:login')}?next=/meetings/eleventh/")
    assertNotContains(response, "Nominate participants")


def test_a_focal_point_is_sent_to_their_delegation(
    client, meeting, registration, focal_point, organization
):
    client.force_login(focal_point)
    response = overview(client, meeting)
    assertContains(
        response,
        f'<a class="btn btn-primary" href="'
        f'{reverse("participants:delegation", args=[meeting.slug, organization.pk])}">'
        "Nominate participants</a>",
        html=True,
    )


def test_a_focal_point_of_several_organizations_chooses_first(
    client, meeting, registration, focal_point
):
    MembershipFactory(user=focal_point, organization=OrganizationFactory())
    client.force_login(focal_point)
    response = overview(client, meeting)
    assertContains(response, reverse("participants:delegation_choice", args=[meeting.slug]))
    assertContains(response, "Nominate participants")


def test_someone_who_is_no_focal_point_is_told_who_nominates(
    client, meeting, registration, other_staff
):
    client.force_login(other_staff)
    response = overview(client, meeting)
    assertNotContains(response, "Nominate participants")
    assertContains(
        response,
        "Participants are nominated by the focal points of participating organizations",
    )


def test_closed_registration_says_when_it_closed(client, meeting, registration, focal_point):
    today = registration.today()  # the venue's date, not the server's
    registration.opens_on = today - 30 * DAY
    registration.closes_on = today - DAY
    registration.capacity = 10
    registration.save()
    client.force_login(focal_point)

    response = overview(client, meeting)

    assertContains(response, f"Registration closed on {day(today - DAY)}.")
    assertNotContains(response, "Nominate participants")
    assertNotContains(response, "places left")


def test_registration_not_open_yet_says_when_it_opens(client, meeting, registration):
    today = registration.today()  # the venue's date, not the server's
    registration.opens_on = today + 3 * DAY
    registration.closes_on = None
    registration.save()
    response = overview(client, meeting)
    assertContains(response, f"Registration opens on {day(today + 3 * DAY)}.")
    assertNotContains(response, "log in</a> to nominate")


def test_the_published_list_is_linked_with_its_pdf_and_a_tab(client, meeting, registration):
    list_url = reverse("participants:list", args=[meeting.slug])
    response = overview(client, meeting)
    assertNotContains(response, "List of participants")
    assertNotContains(response, list_url)

    registration.list_published = True
    registration.save()
    response = overview(client, meeting)

    assertContains(response, f'<a href="{list_url}">List of participants</a>', html=True)
    assertContains(response, reverse("participants:list_pdf", args=[meeting.slug]))
    assertContains(response, f'<a href="{list_url}">Participants</a>', html=True)  # the tab
    programme = client.get(reverse("meetings:programme", args=[meeting.slug]))
    assertContains(programme, f'<a href="{list_url}">Participants</a>', html=True)


@pytest.mark.parametrize("who", ["anonymous", "focal point"])
def test_the_panel_and_tab_query_count_does_not_grow(
    client, meeting, registration, focal_point, organization, who
):
    registration.capacity = 1000
    registration.list_published = True
    registration.save()
    if who == "focal point":
        client.force_login(focal_point)
    counts = []
    for size in (10, 500):
        NominationFactory.create_batch(
            size - meeting.nominations.count(), meeting=meeting, organization=organization
        )
        with CaptureQueriesContext(connection) as queries:
            response = overview(client, meeting)
        counts.append(len(queries.captured_queries))
        assertContains(response, f"{1000 - size} places left of 1000.")
    assert counts[0] == counts[1]


def test_the_panel_runs_one_query_and_a_second_for_a_logged_in_reader(
    client, meeting, registration, focal_point
):
    """Against a meeting without registration (where the panel finds none in one query)."""
    bare = MeetingFactory()

    def queries(target) -> int:
        with CaptureQueriesContext(connection) as captured:
            overview(client, target)
        return len(captured.captured_queries)

    registration.list_published = True
    registration.save()
    assert queries(meeting) == queries(bare)  # the tab reads what the panel fetched
    client.force_login(focal_point)
    assert queries(meeting) == queries(bare) + 1  # the reader's organizations
