"""The demo's programme versions: the Tenth has two, so "What changed" reads something on
`make run`; the Eleventh has one; a rerun changes nothing, and puts back a version edited."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pytest_django.asserts import assertContains

from meetings.models import Meeting, ProgrammeVersion
from meetings.versions.services import live_snapshot, programme_release

pytestmark = pytest.mark.django_db

TENTH, ELEVENTH = "tenth-coordination-meeting", "eleventh-coordination-meeting"


def load():
    call_command("load_demo", stdout=io.StringIO())


def versions(slug):
    return list(
        ProgrammeVersion.objects.filter(meeting__slug=slug)
        .order_by("number")
        .values_list("number", "published_at", "note", "snapshot")
    )


def test_the_tenth_has_two_versions_and_what_changed_between_them(client):
    load()
    tenth = Meeting.objects.get(slug=TENTH)
    first, second = tenth.programme_versions.order_by("number")
    assert (first.date_display, second.date_display) == ("12 January 2012", "3 February 2012")
    assert second.snapshot == live_snapshot(tenth)
    assert first.published_by.email == "admin@example.org"
    page = client.get(reverse("meetings:programme", args=[TENTH]))
    assertContains(page, "Version 2, 3 February 2012: ")
    changes = client.get(reverse("meetings:programme_changes", args=[TENTH]))
    assertContains(changes, "Civil society presentation added under item III")
    assertContains(
        changes,
        '<bdi dir="ltr">III.</bdi> <bdi>The 2013 High-level Dialogue on International Migration',
    )
    assertContains(changes, "Added: presentation “<bdi>Reflections on the role and contribution")
    assertContains(changes, "Speaker added to presentation")
    assertContains(changes, "Mr. John Bingham, International Catholic Migration Commission")
    assertContains(changes, "“<bdi>Permanent Mission of Mexico to the United Nations</bdi>” →")
    assertContains(changes, "First published.")
    eleventh = Meeting.objects.get(slug=ELEVENTH)
    assert [v.number for v in eleventh.programme_versions.all()] == [1]
    assert eleventh.programme_versions.get().snapshot == live_snapshot(eleventh)


def test_a_second_run_changes_nothing_and_puts_back_an_edited_version():
    load()
    before = {slug: versions(slug) for slug in (TENTH, ELEVENTH)}
    load()
    assert {slug: versions(slug) for slug in (TENTH, ELEVENTH)} == before
    ProgrammeVersion.objects.filter(meeting__slug=TENTH, number=2).update(note="Edited")
    load()
    assert versions(TENTH) == before[TENTH]


def test_a_version_staff_released_is_left_alone():
    load()
    tenth = Meeting.objects.get(slug=TENTH)
    programme_release(meeting=tenth, by=None, note="Staff's own")
    ProgrammeVersion.objects.filter(meeting=tenth, number=2).update(note="Edited")
    load()
    assert [v.note for v in tenth.programme_versions.order_by("number")][1:] == [
        "Edited",
        "Staff's own",
    ]
