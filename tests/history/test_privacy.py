"""Erased or purged personal data do not survive in the change records; a merge leaves records
that still read and that a later erasure finds."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from meetings.history.receivers import _history_models
from meetings.models import Appearance, Person
from meetings.services import person_erase, person_erase_changes, person_merge
from participants.models import Nomination, NominationStatus
from participants.services.decisions import nomination_accept
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    HonorificFactory,
    MeetingFactory,
    NominationFactory,
    OrganizationFactory,
    PersonFactory,
    RegistrationFactory,
)
from tests.history.helpers import entries, history_url, text
from tests.papers import samples

pytestmark = pytest.mark.django_db

EMAIL = "amina.diallo@iom.example"
PHONE = "+41229171234"


def history_holding(*needles: str) -> list[tuple[str, str]]:
    """(model, value) of every change record, of every model, that holds one of the needles."""
    found = []
    for model in _history_models():
        for row in model.objects.values():
            for value in row.values():
                shown = str(value)
                found.extend(
                    (model.__name__, shown) for needle in needles if needle.lower() in shown.lower()
                )
    return found


@pytest.fixture
def iom():
    return OrganizationFactory(name="International Organization for Migration", acronym="IOM")


@pytest.fixture
def amina(iom):
    """A speaker whose record was corrected twice, and who was nominated and accepted, with a
    letter and a decision message naming her."""
    person = PersonFactory(
        honorific=HonorificFactory(name="Ms."),
        given_name="Aminata",
        family_name="Diallo",
        organization=iom,
        bio="Economist at the Bank.",
    )
    person.given_name = "Amina"
    person.save()
    start = datetime.date.today() + datetime.timedelta(days=100)
    meeting = MeetingFactory(start_date=start, end_date=start + datetime.timedelta(days=1))
    AppearanceFactory(agenda_item=AgendaItemFactory(meeting=meeting), person=person)
    RegistrationFactory(meeting=meeting)
    nomination = NominationFactory(
        meeting=meeting,
        organization=iom,
        person=person,
        given_name="Amina",
        family_name="Diallo",
        email=EMAIL,
        phone=PHONE,
        requirements="Wheelchair access",
        status=NominationStatus.PENDING,
        letter=SimpleUploadedFile("letter.pdf", samples.pdf()),
        letter_name="Note verbale – Amina Diallo.pdf",
    )
    nomination.phone = "+41229170000"
    nomination.save()
    return person


def test_erasing_a_person_leaves_no_name_e_mail_or_phone_in_any_change_record(amina, officer):
    nomination = Nomination.objects.get(person=amina)
    nomination_accept(nomination=nomination, by=officer)
    nomination.refresh_from_db()
    nomination.decision_message = "Welcome, Amina Diallo."
    nomination.save()
    assert history_holding("Diallo", EMAIL, PHONE, "Economist", "Wheelchair")

    lines = person_erase_changes(person=amina, by=officer)
    assert (
        "2 records of the person's change history: names, honorific, bio and photo removed" in lines
    )
    assert (
        "4 records of the nominations' change history: names, contact data and letters removed"
        in lines
    )
    person_erase(person=amina, by=officer)

    assert history_holding("Diallo", "Aminata", EMAIL, PHONE, "Economist", "Wheelchair") == []
    assert history_holding("letters/", "Note verbale", "+4122917") == []
    assert history_holding("amina") == []  # not even in a slug


def test_after_an_erasure_the_history_pages_say_name_withheld(officer_client, amina, officer):
    person_erase(person=amina, by=officer)
    page = officer_client.get(history_url(amina))
    assert page.status_code == 200
    shown = text(page)
    assert "Diallo" not in shown
    assert "Personal data erased: 7 changes." in shown  # the admin log's own line
    item_page = officer_client.get(history_url(Appearance.objects.get(person=amina).agenda_item))
    assert "Diallo" not in text(item_page)
    assert "Name withheld (Speaker)" in text(item_page)


def test_the_purge_blanks_contact_data_in_the_nominations_records(iom):
    ended = datetime.date.today() - datetime.timedelta(days=800)
    meeting = MeetingFactory(start_date=ended, end_date=ended)
    nomination = NominationFactory(
        meeting=meeting,
        organization=iom,
        given_name="Amina",
        family_name="Diallo",
        email=EMAIL,
        phone=PHONE,
        requirements="Wheelchair access",
        letter=SimpleUploadedFile("letter.pdf", samples.pdf()),
    )
    nomination.email = "amina@iom.example"
    nomination.save()

    call_command("purge_participant_data", stdout=io.StringIO())

    assert history_holding(EMAIL, "amina@iom.example", PHONE, "Wheelchair", "letters/") == []
    records = Nomination.history.filter(id=nomination.pk)
    assert {record.family_name for record in records} == {"Diallo"}  # names stay


def test_a_merge_moves_the_merged_persons_records_and_an_erasure_finds_them(
    officer_client, officer, iom
):
    paulo = PersonFactory(given_name="Paulo", family_name="Saad", organization=iom)
    twin = PersonFactory(given_name="P.", family_name="Saad", bio="Demographer, Brazil.")
    appearance = AppearanceFactory(person=twin)

    person_merge(kept=paulo, merged=twin, by=officer)

    assert set(Appearance.history.filter(id=appearance.pk).values_list("person_id", flat=True)) == {
        paulo.pk
    }
    assert not Person.history.filter(id=twin.pk).exists()
    page = officer_client.get(history_url(paulo))
    assert page.status_code == 200
    actions = [entry.action for entry in entries(page)]
    assert actions.count(f"Merged into this person (record #{twin.pk})") == 1  # its "Added"
    assert "Deleted" not in actions
    item_page = officer_client.get(history_url(appearance.agenda_item))
    assert "Paulo Saad (Speaker)" in text(item_page)

    person_erase(person=paulo, by=officer)
    assert history_holding("Saad", "Demographer") == []


def test_the_erase_page_lists_the_history_lines(officer_client, amina):
    response = officer_client.post(
        reverse("admin:meetings_person_changelist"),
        {"action": "erase_personal_data", "_selected_action": [amina.pk]},
    )
    assert response.status_code == 200
    assert (
        "2 records of the person's change history: names, honorific, bio and photo removed"
        in response.context["changes"]
    )


def test_a_deleted_person_takes_their_records_along(officer_client):
    person = PersonFactory(given_name="Zeynep", family_name="Kaya")
    person.position = "Adviser"
    person.save()
    person.delete()
    assert history_holding("Kaya") == []
