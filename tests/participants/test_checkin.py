"""The check-in desk: who may use it, finding a name accent-insensitively, marking present once
per day, taking a mistaken mark back, the counts, and its queries whatever the meeting's size."""

import datetime
import html
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from meetings.formatting import clock, day_heading
from meetings.models import Role
from meetings.services import person_erase
from participants.models import CheckIn, NominationStatus
from participants.services.attendance import check_in, check_in_undo
from tests.factories import (
    AppearanceFactory,
    CheckInFactory,
    MeetingFactory,
    NominationFactory,
    OrganizationFactory,
    PersonFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


def desk(meeting, **params) -> str:
    url = reverse("participants:checkin", args=[meeting.slug])
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return url


def text(response) -> str:
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def meeting():
    """A meeting that begins today at the venue and ends tomorrow: people are checked in on the
    day or afterwards, never for a day still to come."""
    today = timezone.now().astimezone(ZoneInfo("America/New_York")).date()
    return MeetingFactory(
        title="Eleventh Coordination Meeting",
        slug="eleventh",
        start_date=today,
        end_date=today + datetime.timedelta(days=1),
    )


@pytest.fixture
def delegate(registration, organization):
    return NominationFactory(
        meeting=registration.meeting,
        organization=organization,
        given_name="Ana",
        family_name="Crépeau",
    )


@pytest.fixture
def speaker(meeting, other_organization):
    person = PersonFactory(given_name="Luis", family_name="López", organization=other_organization)
    AppearanceFactory(agenda_item__meeting=meeting, person=person, role=Role.SPEAKER)
    return person


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def press(client, meeting, person, day=None, **data):
    day = day or meeting.start_date
    return client.post(
        desk(meeting),
        {"person": person.pk, "day": day.isoformat(), "q": "", **data},
        follow=True,
    )


# Who may use it -------------------------------------------------------------------------------


def test_anonymous_visitors_are_asked_to_log_in(client, meeting, delegate):
    url = desk(meeting)
    assertRedirects(client.get(url), f"{reverse('accounts:login')}?next={url}")
    response = client.post(url, {"person": delegate.person_id, "day": meeting.start_date})
    assertRedirects(response, f"{reverse('accounts:login')}?next={url}")
    assert not CheckIn.objects.exists()


def test_focal_points_and_other_staff_are_refused(
    client, meeting, delegate, focal_point, other_focal_point, other_staff
):
    for user in (focal_point, other_focal_point, other_staff):
        client.force_login(user)
        assert client.get(desk(meeting)).status_code == 403
        data = {"person": delegate.person_id, "day": meeting.start_date.isoformat()}
        assert client.post(desk(meeting), data).status_code == 403
    assert not CheckIn.objects.exists()


def test_the_secretariat_uses_the_desk(staff_client, meeting, delegate):
    response = staff_client.get(desk(meeting))
    assert response.status_code == 200
    assert "Eleventh Coordination Meeting: check-in" in text(response)


def test_an_unknown_meeting_is_a_404(staff_client):
    assert staff_client.get(reverse("participants:checkin", args=["nowhere"])).status_code == 404


# The page -------------------------------------------------------------------------------------


def test_the_page_works_without_javascript_with_labelled_large_controls(
    staff_client, meeting, delegate
):
    response = staff_client.get(desk(meeting))
    assertContains(response, '<form method="get" role="search"')
    assertContains(response, '<label for="id_q" class="form-label fs-5">')
    assertContains(response, 'class="form-control form-control-lg"')
    assertContains(
        response,
        '<button type="submit" class="btn btn-success btn-lg px-4">Check in'
        '<span class="visually-hidden"> Ana Crépeau</span></button>',
        html=True,
    )
    assertNotContains(response, "<script")


def test_the_first_day_is_shown_before_the_meeting(staff_client):
    later = timezone.now().date() + datetime.timedelta(days=30)
    meeting = MeetingFactory(start_date=later, end_date=later + datetime.timedelta(days=1))
    response = staff_client.get(desk(meeting))
    assert response.context["day"] == meeting.start_date
    assert [day["day"] for day in response.context["days"]] == [
        meeting.start_date,
        meeting.end_date,
    ]


def test_nobody_is_checked_in_for_a_day_still_to_come(staff_client, meeting, delegate):
    response = press(staff_client, meeting, delegate.person, meeting.end_date)
    assert not CheckIn.objects.exists()
    [message] = messages_of(response)
    assert message.startswith(
        f"{meeting.end_date.day} {meeting.end_date:%B %Y} has not come yet at the venue"
    )


def test_today_is_shown_during_the_meeting(staff_client):
    today = timezone.now().astimezone(datetime.UTC).date()
    meeting = MeetingFactory(
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=1),
        time_zone="UTC",
    )
    assert staff_client.get(desk(meeting)).context["day"] == today


def test_a_day_is_chosen_and_a_day_outside_the_meeting_is_ignored(staff_client, meeting):
    assert staff_client.get(desk(meeting, day=meeting.end_date)).context["day"] == meeting.end_date
    outside = meeting.end_date + datetime.timedelta(days=3)
    assert staff_client.get(desk(meeting, day=outside)).context["day"] == meeting.start_date
    assert staff_client.get(desk(meeting, day="not-a-day")).context["day"] == meeting.start_date


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("crepeau", ["Ana Crépeau"]),
        ("CRÉPEAU", ["Ana Crépeau"]),
        ("lopez", ["Luis López"]),
        ("ana c", ["Ana Crépeau"]),
        ("ILO", ["Luis López"]),
        ("", ["Ana Crépeau", "Luis López"]),
        ("nobody", []),
    ],
)
def test_names_are_found_whatever_their_accents_and_case(
    staff_client, meeting, delegate, speaker, typed, found
):
    response = staff_client.get(desk(meeting, q=typed))
    assert [row.participant.name for row in response.context["rows"]] == found


def test_only_participants_are_listed(staff_client, meeting, registration, organization, delegate):
    for status in (NominationStatus.PENDING, NominationStatus.DECLINED):
        NominationFactory(
            meeting=meeting, organization=organization, family_name=status, status=status
        )
    NominationFactory(family_name="Elsewhere")  # another meeting's
    erased = NominationFactory(meeting=meeting, organization=organization, family_name="Gone")
    person_erase(person=erased.person, by=None)
    response = staff_client.get(desk(meeting))
    assert [row.participant.name for row in response.context["rows"]] == ["Ana Crépeau"]
    assert "1 participant found" not in text(response)
    assert "Name withheld" not in text(response)


def test_nobody_found_says_so(staff_client, meeting, delegate):
    assert "Nobody of that name takes part in this meeting." in text(
        staff_client.get(desk(meeting, q="zzz"))
    )


# Checking in ------------------------------------------------------------------------------


def test_a_participant_is_checked_in_with_who_and_when(staff_client, staff, meeting, delegate):
    response = press(staff_client, meeting, delegate.person)

    mark = CheckIn.objects.get()
    assert (mark.meeting, mark.person, mark.day, mark.by) == (
        meeting,
        delegate.person,
        meeting.start_date,
        staff,
    )
    expected = desk(meeting, day=meeting.start_date.isoformat())
    assert response.redirect_chain == [(f"{expected}#person-{delegate.person_id}", 302)]
    day = day_heading(meeting.start_date)
    assert messages_of(response) == [f"Ana Crépeau is checked in for {day}."]
    time = clock(mark.at.astimezone(meeting.zone).time())
    assert f"Checked in at {time} by secretariat@un.example" in text(response)


def test_a_second_check_in_on_the_same_day_says_so_without_an_error(
    staff_client, meeting, delegate
):
    press(staff_client, meeting, delegate.person)
    response = press(staff_client, meeting, delegate.person)

    assert response.status_code == 200
    mark = CheckIn.objects.get()
    time = clock(mark.at.astimezone(meeting.zone).time())
    assert messages_of(response) == [
        f"Ana Crépeau is already checked in for this day, at {time} by secretariat@un.example."
    ]
    assert [m.level_tag for m in response.context["messages"]] == ["info"]


def test_each_day_is_its_own_check_in(staff_client, meeting, delegate):
    # The meeting began yesterday: yesterday's sheet is entered today, after today's.
    meeting.start_date -= datetime.timedelta(days=1)
    meeting.end_date -= datetime.timedelta(days=1)
    meeting.save()
    press(staff_client, meeting, delegate.person, meeting.start_date)
    press(staff_client, meeting, delegate.person, meeting.end_date)
    assert sorted(CheckIn.objects.values_list("day", flat=True)) == [
        meeting.start_date,
        meeting.end_date,
    ]


def test_a_speaker_without_a_nomination_is_checked_in(staff_client, meeting, speaker):
    press(staff_client, meeting, speaker)
    assert CheckIn.objects.get().person == speaker


def test_someone_who_is_not_a_participant_is_refused(
    staff_client, meeting, registration, organization
):
    pending = NominationFactory(
        meeting=meeting, organization=organization, family_name="Waits", status="pending"
    )
    stranger = PersonFactory(given_name="Zed", family_name="Stranger")
    for person in (pending.person, stranger):
        response = press(staff_client, meeting, person)
        assert messages_of(response) == [
            f"{person.full_name} is not a participant of Eleventh Coordination Meeting."
        ]
    assert not CheckIn.objects.exists()


def test_a_day_outside_the_meeting_is_refused(staff_client, meeting, delegate):
    outside = meeting.end_date + datetime.timedelta(days=1)
    response = press(staff_client, meeting, delegate.person, outside)
    assert messages_of(response) == [
        f"{outside.day} {outside:%B %Y} is not a day of Eleventh Coordination Meeting, which "
        f"runs {meeting.dates_display}."
    ]
    assert response.context["day"] == meeting.start_date
    assert not CheckIn.objects.exists()


def test_an_incomplete_form_records_nothing(staff_client, meeting, delegate):
    response = staff_client.post(desk(meeting), {"person": delegate.person_id}, follow=True)
    assert messages_of(response) == [
        "Nothing was recorded: the form was incomplete. Try the button again."
    ]
    assert not CheckIn.objects.exists()


def test_the_service_refuses_a_day_outside_the_meeting_and_a_non_participant(
    meeting, delegate, staff
):
    with pytest.raises(ValidationError) as refused:
        check_in(
            meeting=meeting,
            person=delegate.person,
            day=meeting.start_date - datetime.timedelta(days=1),
            by=staff,
        )
    assert refused.value.code == "not_a_meeting_day"
    with pytest.raises(ValidationError) as refused:
        check_in(meeting=meeting, person=PersonFactory(), day=meeting.start_date, by=staff)
    assert refused.value.code == "not_a_participant"
    assert not CheckIn.objects.exists()


def test_the_service_marks_once_per_day(meeting, delegate, staff):
    check_in(meeting=meeting, person=delegate.person, day=meeting.start_date, by=staff)
    with pytest.raises(ValidationError) as refused:
        check_in(meeting=meeting, person=delegate.person, day=meeting.start_date, by=staff)
    assert refused.value.code == "already_checked_in"
    assert CheckIn.objects.count() == 1
    assert check_in_undo(meeting=meeting, person=delegate.person, day=meeting.start_date, by=staff)
    assert not check_in_undo(
        meeting=meeting, person=delegate.person, day=meeting.start_date, by=staff
    )


# Undoing --------------------------------------------------------------------------------------


def test_a_mistaken_check_in_is_taken_back(staff_client, meeting, delegate):
    press(staff_client, meeting, delegate.person)
    response = press(staff_client, meeting, delegate.person, undo="on")
    day = day_heading(meeting.start_date)
    assert messages_of(response) == [f"Check-in of Ana Crépeau on {day} taken back."]
    assert not CheckIn.objects.exists()
    assertContains(response, 'Check in<span class="visually-hidden"> Ana Crépeau</span>')


def test_undoing_needs_the_delete_permission(client, meeting, delegate):
    door = StaffFactory()
    door.user_permissions.add(Permission.objects.get(codename="add_checkin"))
    client.force_login(door)
    press(client, meeting, delegate.person)
    page = client.get(desk(meeting))
    assertContains(page, "Checked in at")
    assertNotContains(page, "Undo")
    response = client.post(
        desk(meeting),
        {"person": delegate.person_id, "day": meeting.start_date.isoformat(), "undo": "on"},
    )
    assert response.status_code == 403
    assert CheckIn.objects.count() == 1


# Counts ---------------------------------------------------------------------------------------


def test_counts_per_day_and_per_kind_of_organization(
    staff_client, staff, meeting, registration, organization, other_organization, delegate, speaker
):
    second = NominationFactory(meeting=meeting, organization=organization, family_name="Berg")
    CheckInFactory(meeting=meeting, person=delegate.person, day=meeting.start_date, by=staff)
    CheckInFactory(meeting=meeting, person=second.person, day=meeting.start_date, by=staff)
    CheckInFactory(meeting=meeting, person=speaker, day=meeting.end_date, by=staff)

    first_day = staff_client.get(desk(meeting))

    page = text(first_day)
    assert "2 of 3 participants checked in" in page
    assert [(day["day"], day["count"]) for day in first_day.context["days"]] == [
        (meeting.start_date, 2),
        (meeting.end_date, 1),
    ]
    assert "Related organization of the UN system 2 2" in page
    assert "UN specialized agency 0 1" in page
    assert "All 2 3" in page

    second_day = text(staff_client.get(desk(meeting, day=meeting.end_date)))
    assert "1 of 3 participants checked in" in second_day
    assert "Related organization of the UN system 0 2" in second_day
    assert "UN specialized agency 1 1" in second_day


def test_the_day_counts_agree_with_the_header_after_an_erasure_or_a_decline(
    staff_client, staff, meeting, registration, organization, delegate, speaker
):
    """The buttons count the people on the roster, as the header does: a check-in kept for
    someone erased since, or declined since, is no participant checked in."""
    declined = NominationFactory(meeting=meeting, organization=organization, family_name="Berg")
    for person in (delegate.person, speaker, declined.person):
        CheckInFactory(meeting=meeting, person=person, day=meeting.start_date, by=staff)
    declined.status = NominationStatus.DECLINED
    declined.save()
    person_erase(person=delegate.person, by=staff)

    response = staff_client.get(desk(meeting))

    page = text(response)
    assert "1 of 1 participants checked in" in page
    assert [(day["day"], day["count"]) for day in response.context["days"]] == [
        (meeting.start_date, 1),
        (meeting.end_date, 0),
    ]
    assertContains(
        response,
        f'{day_heading(meeting.start_date)}<span class="badge text-bg-light ms-2">1 checked in'
        "</span>",
    )
    assert CheckIn.objects.count() == 3  # kept, not counted


# Queries ------------------------------------------------------------------------------------


def desk_queries(client, meeting) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(desk(meeting))
    assert response.status_code == 200
    return len(queries)


def test_the_desk_runs_as_many_queries_for_500_participants_as_for_10(
    staff_client, staff, meeting, registration
):
    organizations = OrganizationFactory.create_batch(5)

    def add(count):
        for n in range(count):
            nomination = NominationFactory(meeting=meeting, organization=organizations[n % 5])
            if n % 2:
                CheckInFactory(
                    meeting=meeting, person=nomination.person, day=meeting.start_date, by=staff
                )
            if n % 7 == 0:
                AppearanceFactory(agenda_item__meeting=meeting, role=Role.SPEAKER)

    add(10)
    small = desk_queries(staff_client, meeting)
    add(490)
    large = desk_queries(staff_client, meeting)
    assert large == small
