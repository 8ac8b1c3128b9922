"""Each meeting's registration settings in the back office: who may change them, what the page
says about dates and time zones, and the links to the meeting's other Secretariat pages."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import strip_tags
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from meetings.models import MeetingStatus
from participants.models import NominationStatus, Registration
from tests.factories import MeetingFactory, NominationFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:participants_registration_changelist")
ADD = reverse("admin:participants_registration_add")


def change_url(registration) -> str:
    return reverse("admin:participants_registration_change", args=[registration.pk])


def pages(registration) -> list[str]:
    return [CHANGELIST, ADD, change_url(registration)]


def text(response) -> str:
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_anonymous_and_focal_points_are_sent_to_the_admin_login(
    client, registration, focal_point, other_focal_point
):
    for user in (None, focal_point, other_focal_point):
        if user is not None:
            client.force_login(user)
        for url in pages(registration):
            assertRedirects(client.get(url), f"{reverse('admin:login')}?next={url}")


def test_staff_outside_the_secretariat_neither_see_nor_change_it(client, registration, other_staff):
    client.force_login(other_staff)
    for url in pages(registration):
        assert client.get(url).status_code == 403, url
    response = client.post(change_url(registration), {"meeting": registration.meeting_id})
    assert response.status_code == 403
    index = client.get(reverse("admin:index"))
    assertNotContains(index, "Registrations")
    assertNotContains(index, CHANGELIST)


def test_the_secretariat_sees_every_page(staff_client, registration):
    for url in pages(registration):
        assert staff_client.get(url).status_code == 200, url
    assertContains(staff_client.get(reverse("admin:index")), CHANGELIST)


def test_the_page_groups_the_settings_and_says_which_time_zone_the_dates_are_in(
    staff_client, registration
):
    page = text(staff_client.get(change_url(registration)))
    for heading in (
        "When nominations are taken",
        "Places",
        "Nomination letter and note",
        "Public list of participants",
    ):
        assert heading in page
    assert "The dates are days in the venue's time zone" in page
    assert "Venue's time zone: America/New_York (UTC−05:00)" in page


def test_the_meeting_is_chosen_with_autocomplete(staff_client):
    response = staff_client.get(ADD)
    assertContains(response, 'class="admin-autocomplete"')
    assertContains(response, 'data-field-name="meeting"')
    assertContains(response, reverse("admin:autocomplete"))


def test_the_page_links_to_the_meetings_secretariat_pages(staff_client, registration):
    meeting = registration.meeting
    response = staff_client.get(change_url(registration))
    queue = reverse("admin:participants_nomination_changelist")
    for label, url in (
        ("Nominations", f"{queue}?meeting__id__exact={meeting.pk}"),
        ("Export CSV", reverse("participants:export_csv", args=[meeting.slug])),
        ("Export Excel", reverse("participants:export_xlsx", args=[meeting.slug])),
        ("Badges (PDF)", reverse("participants:badges", args=[meeting.slug])),
        ("Check-in", reverse("participants:checkin", args=[meeting.slug])),
    ):
        assertContains(response, f'<a href="{url}">{label}</a>', html=True)
    assertNotContains(response, "Public list of participants</a>")


def test_the_public_list_is_linked_once_published(staff_client, registration):
    registration.list_published = True
    registration.save()
    response = staff_client.get(change_url(registration))
    url = reverse("participants:list", args=[registration.meeting.slug])
    assertContains(response, f'<a href="{url}">Public list of participants</a>', html=True)

    registration.meeting.status = MeetingStatus.DRAFT
    registration.meeting.save()
    assertNotContains(staff_client.get(change_url(registration)), f'href="{url}"')


def test_the_secretariat_adds_a_registration(staff_client):
    meeting = MeetingFactory(
        title="Twelfth Coordination Meeting",
        start_date=datetime.date(2027, 3, 1),
        end_date=datetime.date(2027, 3, 2),
    )
    response = staff_client.post(
        ADD,
        {
            "meeting": meeting.pk,
            "opens_on": "2027-01-10",
            "closes_on": "2027-02-10",
            "capacity": "100",
            "places_per_organization": "3",
            "letter_required": "on",
            "note": "Please nominate at most three delegates.",
            "list_published": "",
        },
    )
    assertRedirects(response, CHANGELIST)
    registration = Registration.objects.get(meeting=meeting)
    assert (registration.opens_on, registration.closes_on) == (
        datetime.date(2027, 1, 10),
        datetime.date(2027, 2, 10),
    )
    assert (registration.capacity, registration.places_per_organization) == (100, 3)
    assert registration.letter_required


def test_registration_cannot_close_before_it_opens(staff_client, registration):
    response = staff_client.post(
        change_url(registration),
        {"meeting": registration.meeting_id, "opens_on": "2027-02-10", "closes_on": "2027-01-10"},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["closes_on"] == [
        "Registration cannot close before it opens."
    ]
    registration.refresh_from_db()
    assert registration.opens_on != datetime.date(2027, 2, 10)


def test_a_meeting_has_one_registration(staff_client, registration):
    response = staff_client.post(ADD, {"meeting": registration.meeting_id})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["meeting"] == [
        "Registration with this Meeting already exists."
    ]


def test_registration_cannot_close_after_the_meeting(registration):
    registration.closes_on = registration.meeting.end_date + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        registration.full_clean()
    end = registration.meeting.end_date
    assert refused.value.message_dict == {
        "closes_on": [
            f"The meeting ends on {end.day} {end:%B %Y}: registration cannot open or close "
            "after that."
        ]
    }


def test_fewer_places_than_are_held_is_saved_with_a_warning(client, staff, registration):
    for _ in range(3):
        NominationFactory(meeting=registration.meeting, status=NominationStatus.PENDING)
    client.force_login(staff)
    url = reverse("admin:participants_registration_change", args=[registration.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name in form.fields
    }
    data.update(
        meeting=registration.meeting.pk,
        opens_on=registration.opens_on.isoformat(),
        closes_on=(registration.meeting.start_date - datetime.timedelta(days=7)).isoformat(),
        capacity=2,
        places_per_organization="",
    )
    response = client.post(url, data, follow=True)
    registration.refresh_from_db()
    assert registration.capacity == 2
    assert any(
        "3 places are already held (awaiting decision or accepted), more than the 2 places"
        in str(message)
        for message in response.context["messages"]
    )
