"""The nomination services: places, duplicates, the Person a nominee is, decisions and their mail.

The forms and pages are tested with the pages (test_delegation_pages, test_nomination_form,
test_admin_queue); here each rule is tested where it is enforced, once.
"""

import dataclasses
import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from participants.models import Nomination, NominationEventKind, NominationStatus
from participants.services.decisions import (
    nomination_accept,
    nomination_decline,
    nomination_waitlist,
    places_offered,
)
from participants.services.nominations import (
    Nominee,
    nomination_create,
    nomination_update,
    nomination_withdraw,
)
from participants.services.places import places_for
from tests.factories import MembershipFactory, NominationFactory, PersonFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def nominate(meeting, organization, by, **changes):
    nominee = Nominee(family_name=changes.pop("family_name", "Okafor"), **changes)
    return nomination_create(meeting=meeting, organization=organization, nominee=nominee, by=by)


def messages(error: ValidationError) -> list[str]:
    return error.messages


def test_a_focal_point_nominates_a_new_person(registration, organization, focal_point, nominee):
    nomination = nomination_create(
        meeting=registration.meeting, organization=organization, nominee=nominee, by=focal_point
    )
    assert nomination.status == NominationStatus.PENDING
    assert nomination.nominated_by == focal_point
    assert nomination.person.full_name == "María José López Peña"
    assert nomination.person.organization == organization
    assert [event.kind for event in nomination.events.all()] == [NominationEventKind.NOMINATED]


def test_a_speaker_nominated_is_linked_not_duplicated(
    registration, organization, focal_point, nominee
):
    speaker = PersonFactory(
        given_name="Maria Jose", family_name="LOPEZ PENA", organization=organization
    )
    nomination = nomination_create(
        meeting=registration.meeting, organization=organization, nominee=nominee, by=focal_point
    )
    assert nomination.person == speaker


def test_someone_nominated_before_is_found_by_e_mail(
    registration, organization, focal_point, nominee
):
    earlier = NominationFactory(organization=organization, email="MJ.Lopez@iom.example")
    nomination = nomination_create(
        meeting=registration.meeting, organization=organization, nominee=nominee, by=focal_point
    )
    assert nomination.person == earlier.person


def test_only_a_member_of_the_organization_nominates(
    registration, organization, other_focal_point, nominee
):
    with pytest.raises(PermissionDenied):
        nomination_create(
            meeting=registration.meeting,
            organization=organization,
            nominee=nominee,
            by=other_focal_point,
        )
    assert not Nomination.objects.exists()


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        (10, 20, "Registration for this meeting opens on"),
        (-20, -10, "Registration for this meeting closed on"),
        (None, None, "Registration for this meeting is not open."),
    ],
)
def test_no_nomination_outside_the_window(
    registration, organization, focal_point, nominee, opens, closes, message
):
    today = registration.today()
    registration.opens_on = today + opens * DAY if opens is not None else None
    registration.closes_on = today + closes * DAY if closes is not None else None
    registration.save()
    with pytest.raises(ValidationError) as refused:
        nomination_create(
            meeting=registration.meeting, organization=organization, nominee=nominee, by=focal_point
        )
    assert messages(refused.value)[0].startswith(message)
    assert not Nomination.objects.exists()


def test_the_window_is_in_the_venues_time_zone(registration):
    # 23:30 on 1 March in New York is already 2 March in UTC: the last day is still open there.
    registration.opens_on = datetime.date(2027, 2, 1)
    registration.closes_on = datetime.date(2027, 3, 1)
    late = datetime.datetime(2027, 3, 2, 4, 30, tzinfo=datetime.UTC)
    assert registration.is_open(late)
    assert not registration.is_open(late + 1 * datetime.timedelta(hours=1))


def test_the_organizations_places_are_counted(registration, organization, focal_point):
    registration.places_per_organization = 2
    registration.save()
    nominate(registration.meeting, organization, focal_point, family_name="One", email="1@x.org")
    nominate(registration.meeting, organization, focal_point, family_name="Two", email="2@x.org")
    with pytest.raises(ValidationError) as refused:
        nominate(registration.meeting, organization, focal_point, family_name="Three")
    assert messages(refused.value) == ["IOM has used all 2 of its places for this meeting."]
    assert Nomination.objects.count() == 2


def test_the_meetings_places_are_counted(
    registration, organization, focal_point, other_organization, other_focal_point
):
    registration.capacity = 1
    registration.save()
    nominate(registration.meeting, other_organization, other_focal_point)
    with pytest.raises(ValidationError) as refused:
        nominate(registration.meeting, organization, focal_point, family_name="Late")
    assert messages(refused.value) == ["The meeting is full: its 1 place is taken."]


def test_a_withdrawn_or_wait_listed_nomination_frees_its_place(
    registration, organization, focal_point, staff
):
    registration.places_per_organization = 1
    registration.save()
    first = nominate(registration.meeting, organization, focal_point, family_name="First")
    assert places_for(registration, organization).left == 0
    nomination_waitlist(nomination=first, by=staff)
    assert places_for(registration, organization).left == 1
    second = nominate(registration.meeting, organization, focal_point, family_name="Second")
    nomination_withdraw(nomination=second, by=focal_point)
    assert places_for(registration, organization).left == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"email": "MJ.LOPEZ@IOM.EXAMPLE"},
        {"given_name": "Maria Jose", "family_name": "Lopez  Pena", "email": "other@iom.example"},
        {"given_name": "MARÍA JOSÉ", "family_name": "lópez peña", "email": ""},
    ],
)
def test_a_person_nominated_twice_is_refused_naming_the_nomination(
    registration, organization, focal_point, nominee, changes
):
    nomination_create(
        meeting=registration.meeting, organization=organization, nominee=nominee, by=focal_point
    )
    again = dataclasses.replace(nominee, **changes)
    with pytest.raises(ValidationError) as refused:
        nomination_create(
            meeting=registration.meeting, organization=organization, nominee=again, by=focal_point
        )
    [message] = messages(refused.value)
    assert message.startswith(
        "Ms. María José López Peña is already nominated by IOM (awaiting decision"
    )
    assert Nomination.objects.count() == 1


def test_the_same_e_mail_from_another_organization_is_refused_without_details(
    registration, organization, focal_point, other_organization, other_focal_point, nominee
):
    nomination_create(
        meeting=registration.meeting, organization=organization, nominee=nominee, by=focal_point
    )
    with pytest.raises(ValidationError) as refused:
        nomination_create(
            meeting=registration.meeting,
            organization=other_organization,
            nominee=dataclasses.replace(nominee, family_name="Someone Else"),
            by=other_focal_point,
        )
    assert refused.value.message_dict == {
        "email": [
            "This e-mail address is already used for this meeting. If it is right, write to the "
            "Secretariat."
        ]
    }


def test_a_withdrawn_person_may_be_nominated_again(
    registration, organization, focal_point, nominee
):
    first = nomination_create(
        meeting=registration.meeting, organization=organization, nominee=nominee, by=focal_point
    )
    nomination_withdraw(nomination=first, by=focal_point)
    second = nomination_create(
        meeting=registration.meeting, organization=organization, nominee=nominee, by=focal_point
    )
    assert second.person == first.person
    assert second.status == NominationStatus.PENDING


def test_a_letter_is_required_when_the_meeting_asks(
    registration, organization, focal_point, nominee
):
    registration.letter_required = True
    registration.save()
    with pytest.raises(ValidationError) as refused:
        nomination_create(
            meeting=registration.meeting, organization=organization, nominee=nominee, by=focal_point
        )
    assert refused.value.message_dict == {
        "letter": ["This meeting asks for a nomination letter (a PDF)."]
    }


def test_changes_are_recorded_and_refused_once_registration_closes(
    registration, organization, focal_point, nominee
):
    nomination = nomination_create(
        meeting=registration.meeting, organization=organization, nominee=nominee, by=focal_point
    )
    changed = dataclasses.replace(nominee, position="Head of Office", phone="+12125550123")
    nomination_update(nomination=nomination, nominee=changed, by=focal_point)
    nomination.refresh_from_db()
    assert nomination.position == "Head of Office"
    event = nomination.events.get(kind=NominationEventKind.CHANGED)
    assert event.message == "position or title, phone"
    assert event.by == focal_point

    registration.closes_on = registration.today() - DAY
    registration.opens_on = registration.closes_on - DAY
    registration.save()
    with pytest.raises(ValidationError) as refused:
        nomination_withdraw(nomination=nomination, by=focal_point)
    assert messages(refused.value) == [
        "Registration has closed: write to the Secretariat to change a nomination."
    ]


def test_another_organizations_focal_point_cannot_withdraw(
    registration, organization, focal_point, other_focal_point
):
    nomination = nominate(registration.meeting, organization, focal_point)
    with pytest.raises(PermissionDenied):
        nomination_withdraw(nomination=nomination, by=other_focal_point)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PENDING


def test_staff_add_a_participant_accepted_at_once_even_after_closing(
    registration, organization, staff
):
    registration.opens_on = registration.closes_on = registration.today() - 10 * DAY
    registration.save()
    nomination = nomination_create(
        meeting=registration.meeting,
        organization=organization,
        nominee=Nominee(family_name="Direct"),
        by=staff,
        by_staff=True,
    )
    assert nomination.status == NominationStatus.ACCEPTED
    assert nomination.decided_by == staff
    assert nomination.decided_at is not None
    assert nomination.events.get().kind == NominationEventKind.ADDED


def test_decisions_are_recorded_and_mailed_after_commit(
    registration, organization, focal_point, staff, django_capture_on_commit_callbacks
):
    MembershipFactory(organization=organization, user__email="second@iom.example")
    nomination = nominate(registration.meeting, organization, focal_point, family_name="Okafor")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        nomination_waitlist(nomination=nomination, by=staff, message="We expect a place soon.")
    assert mail.outbox == []  # nothing is sent before the decision commits
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.to == ["focal@iom.example", "second@iom.example"]
    assert message.subject == "Eleventh Coordination Meeting: Okafor — wait-listed"
    assert "on the waiting list" in message.body
    assert "We expect a place soon." in message.body
    assert "https://plenary.example/meetings/eleventh/delegation/" in message.body
    nomination.refresh_from_db()
    assert (nomination.status, nomination.decided_by) == (NominationStatus.WAITLISTED, staff)

    with django_capture_on_commit_callbacks(execute=True):
        nomination_accept(nomination=nomination, by=staff)
    assert mail.outbox[-1].subject == "Eleventh Coordination Meeting: Okafor — accepted"
    kinds = list(nomination.events.values_list("kind", "by__email"))
    assert kinds == [
        ("nominated", "focal@iom.example"),
        ("waitlisted", "secretariat@un.example"),
        ("accepted", "secretariat@un.example"),
    ]


def test_declining_needs_a_message(registration, organization, focal_point, staff):
    nomination = nominate(registration.meeting, organization, focal_point)
    with pytest.raises(ValidationError) as refused:
        nomination_decline(nomination=nomination, by=staff, message="  ")
    assert messages(refused.value) == [
        "Say why the nomination is declined: the message goes to the organization."
    ]
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PENDING


def test_accepting_over_capacity_is_refused(registration, organization, focal_point, staff):
    registration.places_per_organization = 1
    registration.save()
    waiting = nominate(registration.meeting, organization, focal_point, family_name="Waiting")
    nomination_waitlist(nomination=waiting, by=staff)
    nominate(registration.meeting, organization, focal_point, family_name="Holding")
    with pytest.raises(ValidationError) as refused:
        nomination_accept(nomination=waiting, by=staff)
    assert messages(refused.value) == ["IOM has used its 1 place for this meeting."]
    waiting.refresh_from_db()
    assert waiting.status == NominationStatus.WAITLISTED


def test_a_freed_place_is_offered_to_the_first_on_the_waiting_list(
    registration, organization, focal_point, staff
):
    registration.places_per_organization = 1
    registration.save()
    meeting = registration.meeting
    first = nominate(meeting, organization, focal_point, family_name="First")
    nomination_waitlist(nomination=first, by=staff)
    holding = nominate(meeting, organization, focal_point, family_name="Holding")
    assert places_offered(meeting) == []  # the one place is held
    nomination_decline(nomination=holding, by=staff, message="Not eligible.")
    assert places_offered(meeting) == [first]


def test_a_withdrawn_nomination_cannot_be_decided(registration, organization, focal_point, staff):
    nomination = nominate(registration.meeting, organization, focal_point)
    nomination_withdraw(nomination=nomination, by=focal_point)
    with pytest.raises(ValidationError) as refused:
        nomination_accept(nomination=nomination, by=staff)
    assert messages(refused.value) == [
        "Okafor was withdrawn by their organization: there is nothing to decide."
    ]


def test_wait_listing_while_places_are_free_brings_no_offer(
    registration, organization, focal_point, staff
):
    registration.places_per_organization = 3
    registration.save()
    waiting = nominate(registration.meeting, organization, focal_point, family_name="Waiting")
    nomination_waitlist(nomination=waiting, by=staff)
    assert places_offered(registration.meeting) == []  # staff chose to wait-list: nothing freed
    other = nominate(registration.meeting, organization, focal_point, family_name="Other")
    nomination_withdraw(nomination=other, by=focal_point)
    assert places_offered(registration.meeting) == [waiting]
