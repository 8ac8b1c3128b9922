"""Personal data: what erasing or merging a person does to nominations and check-ins, and the
purge of contact data after the retention period (`manage.py purge_participant_data`)."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from meetings.services import person_erase, person_erase_changes, person_merge
from participants.models import CheckIn, Nomination, NominationEventKind, NominationStatus
from tests.factories import (
    AppearanceFactory,
    CheckInFactory,
    MeetingFactory,
    NominationFactory,
    PersonFactory,
)
from tests.papers import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def nomination(registration, organization):
    nomination = NominationFactory(
        meeting=registration.meeting,
        organization=organization,
        given_name="Amina",
        family_name="Diallo",
        email="amina.diallo@iom.example",
        phone="+41227179111",
        requirements="Vegetarian meals",
    )
    nomination.letter.save("letter.pdf", ContentFile(samples.pdf()), save=True)
    return nomination


def test_the_erase_confirmation_lists_what_will_change_and_changes_nothing(nomination):
    lines = person_erase_changes(person=nomination.person)
    assert lines == [
        "Name “Amina Diallo” → “Name withheld”",
        "1 nomination: name, e-mail, phone and requirements removed (Eleventh Coordination "
        "Meeting)",
        "1 nomination letter deleted",
    ]
    nomination.refresh_from_db()
    assert nomination.email == "amina.diallo@iom.example"
    assert default_storage.exists(nomination.letter.name)


def test_erasing_a_person_leaves_nothing_of_their_data(nomination, staff):
    letter = nomination.letter.name
    person_erase(person=nomination.person, by=staff)
    nomination.refresh_from_db()
    assert (nomination.given_name, nomination.family_name, nomination.email) == ("", "", "")
    assert (nomination.phone, nomination.requirements, nomination.letter.name) == ("", "", "")
    assert nomination.full_name == "Name withheld"
    assert not default_storage.exists(letter)
    assert nomination.events.last().kind == NominationEventKind.ERASED
    person = nomination.person
    person.refresh_from_db()
    assert person.full_name == "Name withheld"
    assert "diallo" not in person.slug
    assert not Nomination.objects.filter(email__icontains="diallo").exists()
    with pytest.raises(ValidationError):
        person_erase(person=person, by=staff)


def test_a_merge_moves_nominations_and_check_ins(registration, organization, staff):
    meeting = registration.meeting
    kept = PersonFactory(given_name="Amina", family_name="Diallo", organization=organization)
    merged = PersonFactory(given_name="A.", family_name="Diallo", bio="Economist.")
    earlier = MeetingFactory(slug="tenth")
    nomination = NominationFactory(meeting=earlier, organization=organization, person=merged)
    CheckInFactory(meeting=earlier, person=merged, day=earlier.start_date)
    CheckInFactory(meeting=earlier, person=kept, day=earlier.start_date)  # the same day, twice
    CheckInFactory(meeting=earlier, person=merged, day=earlier.end_date)
    AppearanceFactory(person=merged, agenda_item__meeting=meeting)

    lines = person_merge(kept=kept, merged=merged, by=staff)

    assert lines == [
        "1 appearance in a programme",
        "1 nomination",
        "2 check-ins",
        "filled from the merged record: short bio",
    ]
    nomination.refresh_from_db()
    assert nomination.person == kept
    assert nomination.events.last().kind == NominationEventKind.MERGED
    assert sorted(CheckIn.objects.filter(person=kept).values_list("day", flat=True)) == [
        earlier.start_date,
        earlier.end_date,
    ]
    kept.refresh_from_db()
    assert kept.bio == "Economist."
    assert not type(kept).objects.filter(pk=merged.pk).exists()


def test_two_people_nominated_for_the_same_meeting_are_not_merged(registration, organization):
    first = NominationFactory(meeting=registration.meeting, organization=organization)
    second = NominationFactory(meeting=registration.meeting, organization=organization)
    with pytest.raises(ValidationError) as refused:
        person_merge(kept=first.person, merged=second.person, by=None)
    assert refused.value.messages == [
        "Both people are nominated for Eleventh Coordination Meeting: withdraw or decline one "
        "of the two nominations first."
    ]
    assert Nomination.objects.filter(person=second.person).exists()


def test_contact_data_are_purged_after_the_retention_period(settings, organization):
    settings.PARTICIPANTS_RETENTION_DAYS = 365
    today = datetime.date.today()
    old = MeetingFactory(
        start_date=today - datetime.timedelta(days=400),
        end_date=today - datetime.timedelta(days=399),
    )
    recent = MeetingFactory(
        start_date=today - datetime.timedelta(days=30), end_date=today - datetime.timedelta(days=29)
    )
    old_one = NominationFactory(meeting=old, organization=organization, requirements="Halal")
    recent_one = NominationFactory(meeting=recent, organization=organization)

    out = io.StringIO()
    call_command("purge_participant_data", "--dry-run", stdout=out)
    assert out.getvalue().startswith("1 nomination(s) of meetings ended over 365 days ago")
    old_one.refresh_from_db()
    assert old_one.email

    call_command("purge_participant_data", stdout=out)
    old_one.refresh_from_db()
    recent_one.refresh_from_db()
    assert (old_one.email, old_one.phone, old_one.requirements) == ("", "", "")
    assert old_one.family_name  # the record of who took part stays
    assert old_one.status == NominationStatus.ACCEPTED
    assert old_one.events.last().kind == NominationEventKind.PURGED
    assert recent_one.email
    assert recent_one.phone

    out = io.StringIO()
    call_command("purge_participant_data", stdout=out)
    assert (
        out.getvalue()
        == "Purged the contact data of 0 nomination(s) of meetings ended over 365 days ago.\n"
    )
