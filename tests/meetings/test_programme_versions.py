"""Programme versions (issue 9, point 3): snapshots, what changed between two, releasing, and
erased or merged people in released versions."""

import datetime
import io
import re
from html import unescape

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory

from meetings.models import Meeting, ProgrammeVersion, Role
from meetings.programme import build_programme
from meetings.services import person_erase, person_erase_changes, person_merge
from meetings.versions.changes import programme_changes
from meetings.versions.services import live_snapshot, programme_release
from meetings.versions.snapshot import programme_from_snapshot, snapshot_of
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    HonorificFactory,
    MeetingFactory,
    PersonFactory,
    SecretariatFactory,
    SegmentFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def render_programme(meeting, programme) -> str:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return render_to_string(
        "meetings/programme.html", {"meeting": meeting, "programme": programme}, request=request
    )


def test_a_snapshot_of_the_reference_meeting_renders_as_the_live_page(django_assert_num_queries):
    call_command("load_demo", stdout=io.StringIO())
    meeting = Meeting.objects.get(slug="tenth-coordination-meeting")
    live = build_programme(meeting)
    snapshot = snapshot_of(live)
    with django_assert_num_queries(0):
        programme = programme_from_snapshot(snapshot)
        labels = [
            appearance.label
            for day in programme.days
            for session in day.sessions
            for entry in session.items
            for block in [entry.people, *(s.people for s in entry.segments)]
            if block
            for appearance in [*block.presenters, *(a for g in block.groups for a in g.appearances)]
        ]
    assert "Amb. Eva Åkerman-Börje, Ministry of Justice, Sweden" in labels
    assert render_programme(meeting, programme) == render_programme(meeting, live)
    assert snapshot_of(programme) == snapshot


def visible(lines) -> list[str]:
    return [unescape(re.sub(r"<[^>]+>", "", str(line))) for line in lines]


def changes(old, new) -> dict[str, list[str]]:
    return {group.heading: visible(group.lines) for group in programme_changes(old, new)}


@pytest.fixture
def meeting():
    meeting = MeetingFactory()
    thursday, friday = meeting.start_date, meeting.end_date
    meeting.am = SessionFactory(meeting=meeting, date=thursday, name="Morning session")
    meeting.pm = SessionFactory(
        meeting=meeting,
        date=thursday,
        start_time=datetime.time(15),
        end_time=datetime.time(18),
        name="Afternoon session",
    )
    meeting.fri = SessionFactory(meeting=meeting, date=friday)
    meeting.opening = AgendaItemFactory(meeting=meeting, order=1, title="Opening")
    meeting.opening.sessions.add(meeting.am)
    meeting.dialogue = AgendaItemFactory(meeting=meeting, order=2, title="The Dialogue")
    meeting.dialogue.sessions.add(meeting.am, meeting.pm)
    meeting.closing = AgendaItemFactory(meeting=meeting, order=3, title="Closing")
    meeting.closing.sessions.add(meeting.fri)
    meeting.talk = SegmentFactory(agenda_item=meeting.dialogue, order=1, title="Rights")
    meeting.panel = SegmentFactory(agenda_item=meeting.dialogue, order=2, title="Regions")
    meeting.crepeau = PersonFactory(
        honorific=HonorificFactory(name="Professor"), given_name="François", family_name="Crépeau"
    )
    meeting.speaker = AppearanceFactory(
        agenda_item=meeting.dialogue,
        segment=meeting.talk,
        person=meeting.crepeau,
        affiliation="Special Rapporteur",
    )
    meeting.moderator = AppearanceFactory(
        agenda_item=meeting.dialogue,
        person=PersonFactory(given_name="Paulo", family_name="Saad"),
        role=Role.MODERATOR,
        affiliation="ECLAC",
    )
    return meeting


def test_nothing_changed_reads_no_change(meeting):
    snapshot = live_snapshot(meeting)
    assert programme_changes(snapshot, live_snapshot(meeting)) == []


def test_sessions_added_removed_moved_renamed_and_moved_to_another_room(meeting):
    before = live_snapshot(meeting)
    meeting.pm.start_time, meeting.pm.name, meeting.pm.room = datetime.time(14), "Panel", "CR 4"
    meeting.pm.save()
    meeting.fri.delete()
    SessionFactory(
        meeting=meeting,
        date=meeting.end_date,
        start_time=datetime.time(15),
        end_time=datetime.time(18),
    )
    assert changes(before, live_snapshot(meeting))["Sessions"] == [
        "Session removed: Friday, 10 February 2012, 10.00 – 13.00.",
        "Session added: Friday, 10 February 2012, 15.00 – 18.00.",
        "Session moved: Thursday, 9 February 2012, 15.00 – 18.00 → "
        "Thursday, 9 February 2012, 14.00 – 18.00.",
        "Session of Thursday, 9 February 2012, 14.00 – 18.00 renamed: "
        "“Afternoon session” → “Panel”.",
        "Room of the session of Thursday, 9 February 2012, 14.00 – 18.00: “” → “CR 4”.",
    ]


def test_items_added_removed_retitled_renumbered_and_moved(meeting):
    before = live_snapshot(meeting)
    meeting.opening.delete()
    meeting.dialogue.title = "The 2013 Dialogue"
    meeting.dialogue.save()
    meeting.closing.sessions.set([meeting.pm])
    new = AgendaItemFactory(meeting=meeting, order=4, title="Other matters")
    new.sessions.add(meeting.fri)
    assert changes(before, live_snapshot(meeting)) == {
        "I. The 2013 Dialogue": [
            "Retitled: “The Dialogue” → “The 2013 Dialogue”.",
            "Now item I (was item II).",
        ],
        "II. Closing": [
            "Now item II (was item III).",
            "Moved: Friday, 10 February 2012, 10.00 – 13.00 → "
            "Thursday, 9 February 2012, 15.00 – 18.00.",
        ],
        "III. Other matters": ["Added to the programme: Friday, 10 February 2012, 10.00 – 13.00."],
        "I. Opening": ["Removed from the programme."],
    }


def test_presentations_added_removed_retitled_and_moved(meeting):
    before = live_snapshot(meeting)
    meeting.talk.title = "A human rights perspective"
    meeting.talk.session = meeting.pm
    meeting.talk.save()
    meeting.panel.agenda_item = meeting.closing
    meeting.panel.save()
    meeting.panel.appearances.update(agenda_item=meeting.closing)
    SegmentFactory(agenda_item=meeting.opening, title="Welcome")
    assert changes(before, live_snapshot(meeting)) == {
        "I. Opening": ["Added: presentation “Welcome”."],
        "II. The Dialogue": [
            "Moved: presentation “A human rights perspective”, Thursday, 9 February 2012, "
            "10.00 – 13.00 → Thursday, 9 February 2012, 15.00 – 18.00.",
            "Presentation retitled: “Rights” → “A human rights perspective”.",
        ],
        "III. Closing": ["Moved here from item II: presentation “Regions”."],
    }
    meeting.panel.delete()
    assert (
        "Removed: presentation “Regions”."
        in changes(before, live_snapshot(meeting))["II. The Dialogue"]
    )


def test_people_added_removed_moved_replaced_renamed_and_reaffiliated(meeting):
    before = live_snapshot(meeting)
    meeting.speaker.segment = meeting.panel
    meeting.speaker.affiliation = "Special Rapporteur on the human rights of migrants"
    meeting.speaker.save()
    meeting.crepeau.honorific = HonorificFactory(name="Mr.")
    meeting.crepeau.save()
    meeting.moderator.person = PersonFactory(given_name="Andres", family_name="Vikat")
    meeting.moderator.affiliation = "ECE"
    meeting.moderator.save()
    AppearanceFactory(
        agenda_item=meeting.opening,
        person=PersonFactory(given_name="Bela", family_name="Hovy"),
        affiliation="DESA",
    )
    chair = AppearanceFactory(
        agenda_item=meeting.closing,
        person=PersonFactory(given_name="John", family_name="Wilmoth"),
        role=Role.CHAIR,
        affiliation="",
    )
    middle = live_snapshot(meeting)
    assert changes(before, middle) == {
        "I. Opening": ["Speaker added to item I: Bela Hovy, DESA."],
        "II. The Dialogue": [
            "Name corrected: Professor François Crépeau → Mr. François Crépeau.",
            "Mr. François Crépeau moved: presentation “Rights” → presentation “Regions”.",
            "Affiliation of Mr. François Crépeau: “Special Rapporteur” → "
            "“Special Rapporteur on the human rights of migrants”.",
            "Paulo Saad, ECLAC replaced by Andres Vikat, ECE.",
        ],
        "III. Closing": ["Chair added to item III: John Wilmoth, Director."],
    }
    chair.role = Role.MODERATOR
    chair.save()
    meeting.speaker.delete()
    assert changes(middle, live_snapshot(meeting)) == {
        "II. The Dialogue": [
            "Speaker removed from presentation “Regions”: Mr. François Crépeau, "
            "Special Rapporteur on the human rights of migrants."
        ],
        "III. Closing": ["John Wilmoth: Chair → Moderator."],
    }


def test_a_row_deleted_and_added_again_is_the_same_row(meeting):
    before = live_snapshot(meeting)
    person, segment = meeting.speaker.person, meeting.speaker.segment
    meeting.speaker.delete()
    AppearanceFactory(
        agenda_item=meeting.dialogue,
        segment=segment,
        person=person,
        affiliation="Special Rapporteur",
    )
    assert programme_changes(before, live_snapshot(meeting)) == []


def test_versions_are_numbered_per_meeting_and_logged(meeting):
    user = SecretariatFactory()
    other = MeetingFactory()
    first = programme_release(meeting=meeting, by=user, note="First")
    assert programme_release(meeting=other, by=user).number == 1
    second = programme_release(meeting=meeting, by=user)
    assert (first.number, second.number) == (1, 2)
    assert (first.published_by, first.note) == (user, "First")
    assert first.snapshot == live_snapshot(meeting)
    messages = LogEntry.objects.filter(object_id=str(meeting.pk)).order_by("pk")
    assert [entry.change_message for entry in messages] == [
        "Programme version 1 released. First",
        "Programme version 2 released.",
    ]
    assert [v.number for v in meeting.programme_versions.latest_first()] == [2, 1]


def test_an_erased_person_vanishes_from_every_released_version(meeting):
    user = SecretariatFactory()
    programme_release(meeting=meeting, by=user)
    meeting.speaker.delete()  # no longer in the live programme, still in version 1
    programme_release(meeting=meeting, by=user)
    other = MeetingFactory()
    item = AgendaItemFactory(meeting=other)
    AppearanceFactory(agenda_item=item, person=meeting.crepeau, affiliation="Rapporteur")
    programme_release(meeting=other, by=user)
    lines = person_erase_changes(person=meeting.crepeau, by=user)
    expected = "2 released versions of programmes: the name replaced by “Name withheld”"
    assert expected in lines
    assert "Crépeau" in str(ProgrammeVersion.objects.get(meeting=meeting, number=1).snapshot)
    assert expected in person_erase(person=meeting.crepeau, by=user)
    for version in ProgrammeVersion.objects.all():
        text = str(version.snapshot)
        assert "Crépeau" not in text
        assert "François" not in text
        assert "Professor" not in text
    version = ProgrammeVersion.objects.get(meeting=meeting, number=1)
    html = render_programme(meeting, programme_from_snapshot(version.snapshot))
    assert '<span class="name-withheld">Name withheld</span>, <bdi>Special Rapporteur</bdi>' in html
    assert "/people/" not in html.split("Name withheld")[0].rsplit("<li>", 1)[-1]


def test_a_merged_person_is_the_kept_one_in_released_versions(meeting):
    user = SecretariatFactory()
    duplicate = PersonFactory(given_name="Francois", family_name="Crepeau")
    AppearanceFactory(agenda_item=meeting.closing, person=duplicate, affiliation="UN")
    programme_release(meeting=meeting, by=user)
    lines = person_merge(kept=meeting.crepeau, merged=duplicate, by=user)
    assert "1 released programme version" in lines
    snapshot = ProgrammeVersion.objects.get(meeting=meeting).snapshot
    closing = snapshot["days"][1]["sessions"][0]["items"][0]
    person = closing["people"]["presenters"][0]["person"]
    assert (person["id"], person["slug"]) == (meeting.crepeau.pk, meeting.crepeau.slug)
    assert person["family_name"] == "Crepeau"  # as the version showed it


def test_a_second_release_of_the_same_programme_can_be_refused(meeting):
    first = programme_release(meeting=meeting, by=None, only_if_changed=True)
    assert first is not None
    assert programme_release(meeting=meeting, by=None, only_if_changed=True) is None
    meeting.opening.title = "Opening of the session"
    meeting.opening.save()
    assert programme_release(meeting=meeting, by=None, only_if_changed=True).number == 2
