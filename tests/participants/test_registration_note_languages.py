"""The registration's note in each language (participants/translation.py): staff enter it per
language; a focal point reads theirs, or the English marked as such; planning the next edition
keeps every language; the translation status counts it."""

import datetime

import lxml.html
import pytest
from django.urls import reverse
from django.utils import translation

from meetings.cloning import meeting_clone
from participants.models import Registration
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

NOTE = "Mark the head of your delegation."


def meeting_page(registration, code: str) -> str:
    with translation.override(code):
        return registration.meeting.get_absolute_url()


def test_the_note_reads_in_the_reader_s_language_or_english_marked(client, registration):
    Registration.objects.filter(pk=registration.pk).update(
        note=NOTE, note_en=NOTE, note_fr="Indiquez le chef de votre délégation."
    )
    french = lxml.html.fromstring(client.get(meeting_page(registration, "fr")).content.decode())
    (note,) = french.xpath("//p[contains(., 'chef de votre délégation')]")
    assert note.get("lang") is None  # French on a French page
    spanish = lxml.html.fromstring(client.get(meeting_page(registration, "es")).content.decode())
    (note,) = spanish.xpath(f"//p[contains(., '{NOTE}')]")
    assert (note.get("lang"), note.get("dir")) == ("en", "auto")
    english = lxml.html.fromstring(client.get(meeting_page(registration, "en")).content.decode())
    (note,) = english.xpath(f"//p[contains(., '{NOTE}')]")
    assert note.get("lang") is None


def test_planning_the_next_edition_keeps_the_note_in_every_language(registration):
    Registration.objects.filter(pk=registration.pk).update(
        note=NOTE, note_en=NOTE, note_ar="حدّدوا رئيس وفدكم."
    )
    meeting = registration.meeting
    with translation.override("fr"):  # the officer works in French
        copy = meeting_clone(
            meeting=meeting,
            edition=(meeting.edition or 1) + 1,
            start_date=meeting.start_date + datetime.timedelta(days=365),
            by=StaffFactory(),
        )
    copied = Registration.objects.get(meeting=copy)
    assert (copied.note_en, copied.note_ar, copied.note_fr) == (NOTE, "حدّدوا رئيس وفدكم.", None)


def test_the_translation_status_counts_the_note(client, registration):
    Registration.objects.filter(pk=registration.pk).update(note=NOTE, note_en=NOTE)
    client.force_login(StaffFactory(is_superuser=True))
    url = reverse("admin:meetings_meeting_translations", args=[registration.meeting_id])
    root = lxml.html.fromstring(client.get(url).content.decode())
    french = root.xpath("//section[@aria-labelledby='language-fr']")[0]
    links = {a.text_content(): a.get("href") for a in french.xpath(".//a")}
    change = reverse("admin:participants_registration_change", args=[registration.pk])
    assert links[NOTE].startswith(change)
