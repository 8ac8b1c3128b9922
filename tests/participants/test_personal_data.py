"""Personal data: what erasing or merging a person does to nominations, their letters and
history, the mail sent about them and check-ins, and the purge of contact data after the
retention period (`manage.py purge_participant_data`)."""

import dataclasses
import datetime
import io

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from meetings.services import person_erase, person_erase_changes, person_merge
from outbox.models import Message
from outbox.services import message_queue
from participants.models import CheckIn, Nomination, NominationEventKind, NominationStatus
from participants.services.decisions import nomination_accept, nomination_decline
from participants.services.nominations import Nominee, nomination_update
from tests.factories import (
    AppearanceFactory,
    CheckInFactory,
    MeetingFactory,
    NominationFactory,
    PersonFactory,
    RegistrationFactory,
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
        "1 record of the person's change history: names, honorific, bio and photo removed",
        "1 nomination: name, e-mail, phone and requirements removed (Eleventh Coordination "
        "Meeting)",
        "1 nomination letter deleted",
        "2 records of the nominations' change history: names, contact data and letters removed",
    ]
    nomination.refresh_from_db()
    assert nomination.email == "amina.diallo@iom.example"
    assert default_storage.exists(nomination.letter.name)


def test_erasing_a_person_leaves_nothing_of_their_data(
    nomination, staff, django_capture_on_commit_callbacks
):
    letter = nomination.letter.name
    with django_capture_on_commit_callbacks(execute=True):
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


# Nothing left: earlier letters, the history, the admin log, the outbox -------------------------

WITHHELD = "Withheld when the personal data were erased."


def letter_replaced(nomination: Nomination, by) -> Nomination:
    """The focal point sends a new letter, the rest of the form as it was."""
    nominee = Nominee(
        **{field.name: getattr(nomination, field.name) for field in dataclasses.fields(Nominee)}
    )
    upload = SimpleUploadedFile("letter.pdf", samples.pdf(), content_type="application/pdf")
    return nomination_update(nomination=nomination, nominee=nominee, by=by, letter=upload)


def test_erasing_deletes_every_letter_a_nomination_ever_had(
    nomination, focal_point, staff, django_capture_on_commit_callbacks
):
    first = nomination.letter.name
    second = letter_replaced(nomination, focal_point).letter.name
    third = letter_replaced(nomination, focal_point).letter.name
    nomination.refresh_from_db()
    assert nomination.earlier_letters == [first, second]
    assert all(default_storage.exists(name) for name in (first, second, third))

    changes = person_erase_changes(person=nomination.person)

    assert changes == [
        "Name “Amina Diallo” → “Name withheld”",
        "1 record of the person's change history: names, honorific, bio and photo removed",
        "1 nomination: name, e-mail, phone and requirements removed (Eleventh Coordination "
        "Meeting)",
        "1 nomination letter deleted",
        "2 earlier nomination letters deleted (replaced by later ones)",
        "2 messages of the nominations' history withheld (they named the person or a letter)",
        "4 records of the nominations' change history: names, contact data and letters removed",
    ]
    assert all(default_storage.exists(name) for name in (first, second, third))
    with django_capture_on_commit_callbacks(execute=True):  # the files go once it commits
        assert person_erase(person=nomination.person, by=staff) == changes
    nomination.refresh_from_db()
    assert (nomination.letter.name, nomination.earlier_letters) == ("", [])
    assert not any(default_storage.exists(name) for name in (first, second, third))
    assert list(nomination.events.values_list("kind", "message")) == [
        (NominationEventKind.CHANGED, WITHHELD),
        (NominationEventKind.CHANGED, WITHHELD),
        (NominationEventKind.ERASED, ""),
    ]


def test_the_purge_deletes_the_earlier_letters_too(
    settings, organization, django_capture_on_commit_callbacks
):
    settings.PARTICIPANTS_RETENTION_DAYS = 365
    today = datetime.date.today()
    old = MeetingFactory(
        start_date=today - datetime.timedelta(days=400),
        end_date=today - datetime.timedelta(days=399),
    )
    with_letter = NominationFactory(meeting=old, organization=organization)
    with_letter.letter.save("letter.pdf", ContentFile(samples.pdf()), save=False)
    earlier = default_storage.save("participants/letters/old/earlier.pdf", ContentFile(b"%PDF-"))
    with_letter.earlier_letters = [earlier]
    with_letter.save()
    # Contact data gone already (entered blank), the letter cleared, an earlier one stored.
    only_earlier = NominationFactory(meeting=old, organization=organization, email="", phone="")
    forgotten = default_storage.save("participants/letters/old/forgotten.pdf", ContentFile(b"x"))
    only_earlier.earlier_letters = [forgotten]
    only_earlier.save()
    current = with_letter.letter.name

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_participant_data", stdout=io.StringIO())

    for nomination in (with_letter, only_earlier):
        nomination.refresh_from_db()
        assert (nomination.letter.name, nomination.earlier_letters) == ("", [])
        assert nomination.events.last().kind == NominationEventKind.PURGED
    assert not any(default_storage.exists(name) for name in (current, earlier, forgotten))


@pytest.fixture
def paulo(registration, organization, honorific):
    """Paulo Saad, nominated with his names typed in another case; his decision was mailed."""
    person = PersonFactory(given_name="Paulo", family_name="Saad", organization=organization)
    return NominationFactory(
        meeting=registration.meeting,
        organization=organization,
        person=person,
        honorific=honorific,
        given_name="paulo",
        family_name="SAAD",
        email="paulo.saad@iom.example",
        status=NominationStatus.PENDING,
    )


def test_erasing_withholds_the_name_in_the_mail_sent_about_the_person(
    paulo, focal_point, staff, organization
):
    nomination_accept(nomination=paulo, by=staff)
    decision = Message.objects.get()
    assert decision.subject == "Eleventh Coordination Meeting: paulo SAAD — accepted"
    assert "Ms. paulo SAAD by IOM" in decision.body
    welcome = message_queue(
        to=["Paulo.Saad@iom.example", "focal@iom.example"],
        subject="Your badge, Paulo  Saad",
        body="Dear Ms. Paulo Saad,\nyour badge waits at the door. PAULO SAAD, IOM.",
    )
    someone_else = message_queue(
        to=["focal@iom.example"],
        subject="Eleventh Coordination Meeting: Paulo Saadeh — accepted",
        body="Paulo Saadeh is accepted.",
    )

    changes = person_erase_changes(person=paulo.person)

    assert changes[-2:] == [
        "2 e-mail messages in the outbox: the name replaced by “Name withheld”",
        "1 e-mail message in the outbox: the person's address taken out of its recipients",
    ]
    decision.refresh_from_db()
    assert decision.subject == "Eleventh Coordination Meeting: paulo SAAD — accepted"

    person_erase(person=paulo.person, by=staff)

    decision.refresh_from_db()
    welcome.refresh_from_db()
    someone_else.refresh_from_db()
    assert decision.subject == "Eleventh Coordination Meeting: Name withheld — accepted"
    assert "The Secretariat has decided on the nomination of Name withheld by IOM" in decision.body
    assert (decision.to, welcome.to) == ("focal@iom.example", "focal@iom.example")
    assert welcome.subject == "Your badge, Name withheld"
    assert welcome.body == (
        "Dear Name withheld,\nyour badge waits at the door. Name withheld, IOM."
    )
    for message in (decision, welcome):
        assert "saad" not in f"{message.to} {message.subject} {message.body}".casefold()
    assert (someone_else.subject, someone_else.body) == (
        "Eleventh Coordination Meeting: Paulo Saadeh — accepted",
        "Paulo Saadeh is accepted.",
    )


def test_erasing_withholds_the_name_in_decisions_history_and_admin_log(
    paulo, focal_point, staff, organization
):
    earlier = MeetingFactory(title="Tenth Coordination Meeting", slug="tenth")
    RegistrationFactory(meeting=earlier)
    declined = NominationFactory(
        meeting=earlier,
        organization=organization,
        person=paulo.person,
        given_name="Paulo",
        family_name="Saad",
        status=NominationStatus.PENDING,
    )
    nomination_decline(
        nomination=declined, by=staff, message="Paulo Saad is not on the staff of IOM."
    )
    LogEntry.objects.log_actions(
        user_id=staff.pk,
        queryset=[paulo],
        action_flag=ADDITION,
        change_message=[{"added": {}}],
    )
    LogEntry.objects.log_actions(
        user_id=staff.pk,
        queryset=[declined],
        action_flag=CHANGE,
        change_message="Corrected the name of paulo saad.",
    )
    assert sorted(LogEntry.objects.values_list("object_repr", flat=True)) == [
        "Paulo Saad (IOM)",
        "paulo SAAD (IOM)",
    ]
    CheckInFactory(meeting=earlier, person=paulo.person, day=earlier.start_date)
    CheckInFactory(meeting=earlier, person=paulo.person, day=earlier.end_date)

    changes = person_erase_changes(person=paulo.person)

    assert changes == [
        "Name “Paulo Saad” → “Name withheld”",
        "1 record of the person's change history: names, honorific, bio and photo removed",
        "2 nominations: names, e-mail, phone and requirements removed (Eleventh Coordination "
        "Meeting, Tenth Coordination Meeting)",
        "1 decision message: the name replaced by “Name withheld”",
        "1 message of the nominations' history withheld (it named the person or a letter)",
        "2 entries of the nominations' admin history: shown as “Name withheld”, their messages "
        "withheld if they name anyone",
        "3 records of the nominations' change history: names, contact data and letters removed",
        "1 e-mail message in the outbox: the name replaced by “Name withheld”",
        "2 check-ins kept, as “Name withheld”",
    ]
    assert person_erase(person=paulo.person, by=staff) == changes
    declined.refresh_from_db()
    assert declined.decision_message == "Name withheld is not on the staff of IOM."
    assert list(declined.events.values_list("kind", "message")) == [
        (NominationEventKind.DECLINED, WITHHELD),
        (NominationEventKind.ERASED, ""),
    ]
    nominations_log = LogEntry.objects.exclude(content_type__model="person").order_by("pk")
    assert [(e.object_repr, e.get_change_message()) for e in nominations_log] == [
        ("Name withheld", "Added."),
        ("Name withheld", WITHHELD),
    ]
    assert CheckIn.objects.filter(person=paulo.person).count() == 2
    for entry in LogEntry.objects.all():
        assert "saad" not in f"{entry.object_repr} {entry.change_message}".casefold()


# A merge beside declined nominations -----------------------------------------------------------


@pytest.mark.parametrize("declined", ["kept", "merged"])
def test_a_declined_nomination_beside_an_active_one_does_not_stop_a_merge(
    registration, organization, declined
):
    meeting = registration.meeting
    kept = PersonFactory(given_name="Amina", family_name="Diallo", organization=organization)
    merged = PersonFactory(given_name="A.", family_name="Diallo")
    NominationFactory(
        meeting=meeting,
        organization=organization,
        person=kept if declined == "merged" else merged,
        status=NominationStatus.ACCEPTED,
    )
    NominationFactory(
        meeting=meeting,
        organization=organization,
        person=merged if declined == "merged" else kept,
        status=NominationStatus.DECLINED,
    )

    assert person_merge(kept=kept, merged=merged, by=None) == [
        "0 appearances in programmes",
        "1 nomination",
    ]
    assert sorted(Nomination.objects.filter(person=kept).values_list("status", flat=True)) == [
        NominationStatus.ACCEPTED,
        NominationStatus.DECLINED,
    ]
    assert not type(kept).objects.filter(pk=merged.pk).exists()


@pytest.mark.parametrize("status", [NominationStatus.PENDING, NominationStatus.WAITLISTED])
def test_two_active_nominations_for_one_meeting_still_stop_a_merge(
    registration, organization, status
):
    meeting = registration.meeting
    kept = NominationFactory(meeting=meeting, organization=organization)
    merged = NominationFactory(meeting=meeting, organization=organization, status=status)
    NominationFactory(  # a declined one of the merged person does not hide the active one
        meeting=meeting,
        organization=organization,
        person=merged.person,
        status=NominationStatus.DECLINED,
    )
    with pytest.raises(ValidationError) as refused:
        person_merge(kept=kept.person, merged=merged.person, by=None)
    assert refused.value.code == "both_nominated"
    assert Nomination.objects.filter(person=merged.person).count() == 2


def test_a_failed_erase_keeps_every_file(nomination, staff, monkeypatch):
    """The letters go only once the erase commits: one that fails half-way loses nothing."""
    letter = nomination.letter.name
    monkeypatch.setattr(
        "participants.services.personal_data.event_record",
        lambda *args, **kwargs: (_ for _ in ()).throw(RuntimeError("disk error")),
    )
    with pytest.raises(RuntimeError):
        person_erase(person=nomination.person, by=staff)
    nomination.refresh_from_db()
    assert nomination.letter.name == letter
    assert default_storage.exists(letter)
    assert nomination.email == "amina.diallo@iom.example"
