"""A meeting's calendar file and a session's, read back with icalendar and compared with the
database: the Tenth at 10:00 New York time with four sessions, a meeting across the change to
summer time, UIDs that survive an edit and a new version while SEQUENCE and LAST-MODIFIED tell
the change, text that round-trips, and a draft that is exported to no one."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar, Event

from meetings.models import (
    AgendaItem,
    Appearance,
    Meeting,
    MeetingStatus,
    Person,
    ProgrammeVersion,
)
from meetings.services import person_erase
from meetings.versions.services import programme_release
from tests.conftest import SITE_URL
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    SegmentFactory,
    SessionFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
ZURICH = ZoneInfo("Europe/Zurich")
UTC = datetime.UTC


@pytest.fixture
def tenth() -> Meeting:
    call_command("load_demo", verbosity=0)
    return Meeting.objects.get(slug="tenth-coordination-meeting")


def programme_ics(meeting: Meeting) -> str:
    return reverse("meetings:programme_ics", kwargs={"slug": meeting.slug})


def session_ics(meeting: Meeting, session_pk: int) -> str:
    return reverse("meetings:session_ics", kwargs={"slug": meeting.slug, "session_pk": session_pk})


def read(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def by_uid(calendar: Calendar) -> dict[str, Event]:
    return {str(event.uid): event for event in calendar.events}


def expected_people(session) -> tuple[list[str], list[str]]:
    """The numerals of the items the database puts in `session`, and the display names of the
    people shown there: an item's own people in its first session, a presentation's in its
    session (its item's first when it has none)."""
    items = AgendaItem.objects.filter(meeting=session.meeting).with_number()
    numerals, names = [], []
    for item in items.order_by("order", "pk"):
        sessions = list(item.sessions.chronological())
        sessions += [s.session for s in item.segments.all() if s.session]
        if session not in sessions:
            continue
        numerals.append(item.numeral)
        first = min(sessions, key=lambda s: (s.date, s.start_time, s.pk))
        for appearance in Appearance.objects.filter(agenda_item=item).select_related(
            "person__honorific", "segment"
        ):
            place = (appearance.segment and appearance.segment.session) or first
            if place == session:
                names.append(appearance.person.display_name)
    return numerals, names


def test_the_tenth_imports_at_ten_new_york_time_with_its_four_sessions(client, tenth):
    response = client.get(programme_ics(tenth))
    assert response["Content-Disposition"] == (
        'inline; filename="tenth-coordination-meeting-programme.ics"'
    )
    calendar = read(response)

    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["PRODID"]).startswith("-//Plenary//")
    assert calendar.calendar_name == tenth.title
    assert str(calendar["X-WR-CALNAME"]) == tenth.title
    assert str(calendar["X-WR-TIMEZONE"]) == "America/New_York"
    assert calendar.refresh_interval == datetime.timedelta(hours=1)
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT60M"
    assert [tz.tz_name for tz in calendar.timezones] == ["America/New_York"]

    events = calendar.events
    sessions = list(tenth.sessions.chronological())
    assert len(events) == len(sessions) == 4
    first = events[0]
    assert first.start == datetime.datetime(2012, 2, 9, 10, tzinfo=NEW_YORK)
    assert first.start.astimezone(UTC) == datetime.datetime(2012, 2, 9, 15, tzinfo=UTC)
    assert first["DTSTART"].params["TZID"] == "America/New_York"
    programme_url = f"{SITE_URL}/meetings/tenth-coordination-meeting/programme/"
    for event, session in zip(events, sessions, strict=True):
        assert event.start == datetime.datetime.combine(session.date, session.start_time, NEW_YORK)
        assert event.end == datetime.datetime.combine(session.date, session.end_time, NEW_YORK)
        assert event.summary == f"{session.name} · {tenth.title}"
        assert str(event.uid) == str(tenth.export_uid("session", session.pk))
        assert event.url == f"{programme_url}#session-{session.pk}"
        assert event.location == "United Nations Headquarters, New York"
        numerals, names = expected_people(session)
        lines = event.description.splitlines()
        headings = [line.split(".")[0] for line in lines if line.split(".")[0] in numerals]
        assert headings == numerals
        for name in names:
            assert name in event.description
        assert lines[-1] == f"Organization of work: {programme_url}"
    assert events[0].description.splitlines()[2] == "I. Opening of the meeting"
    assert (
        "V. Migration and development: Recent contributions to the evidence base (continued)"
        in (events[2].description.splitlines())
    )
    assert "Moderator: Amb. Luis Alfonso de Alba, Permanent Representative of Mexico" in (
        events[0].description
    )


def test_the_tenth_tells_which_session_its_second_version_changed(client, tenth):
    """Version 2 added a presentation to item III and corrected its moderator's title: the
    morning of 9 February changed once, the three other sessions never."""
    versions = list(tenth.programme_versions.order_by("number"))
    events = read(client.get(programme_ics(tenth))).events
    assert [event.sequence for event in events] == [1, 0, 0, 0]
    assert events[0].last_modified == versions[1].published_at.replace(microsecond=0)
    assert events[0].stamp == events[0].last_modified
    for event in events[1:]:
        assert event.last_modified == versions[0].published_at.replace(microsecond=0)
        assert event.stamp == event.last_modified


def test_a_session_file_holds_that_sessions_event(client, tenth):
    session = tenth.sessions.chronological()[1]
    response = client.get(session_ics(tenth, session.pk))
    assert response["Content-Disposition"] == (
        f'inline; filename="tenth-coordination-meeting-session-{session.pk}.ics"'
    )
    calendar = read(response)
    [event] = calendar.events
    whole = by_uid(read(client.get(programme_ics(tenth))))
    assert str(event.uid) == str(tenth.export_uid("session", session.pk))
    assert event.to_ical() == whole[str(event.uid)].to_ical()
    assert [tz.tz_name for tz in calendar.timezones] == ["America/New_York"]


def test_a_session_not_in_the_released_programme_has_no_file(client, tenth):
    added = SessionFactory(
        meeting=tenth,
        date=tenth.end_date,
        start_time=datetime.time(19),
        end_time=datetime.time(20),
    )
    other = SessionFactory(meeting=MeetingFactory())
    assert client.get(session_ics(tenth, added.pk)).status_code == 404
    assert client.get(session_ics(tenth, other.pk)).status_code == 404
    programme_release(meeting=tenth, by=None)
    assert read(client.get(session_ics(tenth, added.pk))).events[0].start.hour == 19


def test_a_meeting_across_the_change_to_summer_time_keeps_its_local_hours(client):
    meeting = MeetingFactory(
        start_date=datetime.date(2026, 3, 27),
        end_date=datetime.date(2026, 3, 30),
        time_zone="Europe/Zurich",
        venue="Palais des Nations",
        city="Geneva",
    )
    before = SessionFactory(meeting=meeting, date=datetime.date(2026, 3, 27))
    after = SessionFactory(meeting=meeting, date=datetime.date(2026, 3, 30))
    for session in (before, after):
        session.start_time, session.end_time = datetime.time(9), datetime.time(12, 30)
        session.save()
    programme_release(meeting=meeting, by=None)

    calendar = read(client.get(programme_ics(meeting)))
    first, second = calendar.events
    assert first.start == datetime.datetime(2026, 3, 27, 9, tzinfo=ZURICH)
    assert first.start.astimezone(UTC) == datetime.datetime(2026, 3, 27, 8, tzinfo=UTC)
    assert second.start == datetime.datetime(2026, 3, 30, 9, tzinfo=ZURICH)
    assert second.start.astimezone(UTC) == datetime.datetime(2026, 3, 30, 7, tzinfo=UTC)
    assert second.end.astimezone(UTC) == datetime.datetime(2026, 3, 30, 10, 30, tzinfo=UTC)
    [zone] = calendar.timezones
    assert zone.tz_name == "Europe/Zurich"
    assert zone.standard
    assert zone.daylight
    offsets = {sub.TZOFFSETTO for sub in zone.daylight}
    assert offsets == {datetime.timedelta(hours=2)}
    # The VTIMEZONE alone (not the zoneinfo database) gives the same instants.
    local = zone.to_tz()
    assert first.start.replace(tzinfo=local).astimezone(UTC).hour == 8
    assert second.start.replace(tzinfo=local).astimezone(UTC).hour == 7


def test_uids_stay_while_the_changed_session_counts_its_change(client):
    meeting = MeetingFactory()
    morning = SessionFactory(meeting=meeting, name="Morning session")
    afternoon = SessionFactory(
        meeting=meeting,
        name="Afternoon session",
        start_time=datetime.time(15),
        end_time=datetime.time(18),
    )
    AgendaItemFactory(meeting=meeting, title="Opening").sessions.add(morning)
    AgendaItemFactory(meeting=meeting, title="Closing").sessions.add(afternoon)
    first = programme_release(meeting=meeting, by=None)
    ProgrammeVersion.objects.filter(pk=first.pk).update(
        published_at=datetime.datetime(2011, 12, 1, 9, 30, tzinfo=UTC)
    )
    before = by_uid(read(client.get(programme_ics(meeting))))

    morning.start_time = datetime.time(9, 30)
    morning.room = "Conference Room 4"
    morning.save()
    second = programme_release(meeting=meeting, by=None, note="Morning moved")
    after = by_uid(read(client.get(programme_ics(meeting))))

    assert (
        set(after)
        == set(before)
        == {
            str(meeting.export_uid("session", morning.pk)),
            str(meeting.export_uid("session", afternoon.pk)),
        }
    )
    moved = after[str(meeting.export_uid("session", morning.pk))]
    kept = after[str(meeting.export_uid("session", afternoon.pk))]
    was = before[str(meeting.export_uid("session", morning.pk))]
    assert (was.sequence, moved.sequence) == (0, 1)
    assert was.last_modified == datetime.datetime(2011, 12, 1, 9, 30, tzinfo=UTC)
    assert moved.last_modified == second.published_at.replace(microsecond=0)
    assert moved.stamp == moved.last_modified
    assert moved.start == datetime.datetime(2012, 2, 9, 9, 30, tzinfo=NEW_YORK)
    assert moved.location == "Conference Room 4, New York"
    assert kept.to_ical() == before[str(kept.uid)].to_ical()
    assert kept.sequence == 0
    assert kept.last_modified == datetime.datetime(2011, 12, 1, 9, 30, tzinfo=UTC)

    # An edit not yet released changes nothing in the file.
    morning.name = "Renamed, not released"
    morning.save()
    unreleased = by_uid(read(client.get(programme_ics(meeting))))
    assert unreleased[str(moved.uid)].to_ical() == moved.to_ical()


def test_a_meeting_published_without_a_version_shows_its_live_programme(client):
    meeting = MeetingFactory()
    session = SessionFactory(meeting=meeting)
    AgendaItemFactory(meeting=meeting, title="Opening").sessions.add(session)
    meeting.refresh_from_db()
    [event] = read(client.get(programme_ics(meeting))).events
    assert event.sequence == 0
    assert event.last_modified == meeting.content_changed_at.replace(microsecond=0)
    assert "I. Opening" in event.description.splitlines()


def test_text_with_commas_semicolons_and_other_scripts_round_trips(client):
    meeting = MeetingFactory(title="Réunion; “Migration”, 2012", city="Genève, Suisse")
    session = SessionFactory(
        meeting=meeting, name="Séance, matin; الجلسة الصباحية", room="会议室 4"
    )
    item = AgendaItemFactory(meeting=meeting, title="الهجرة الدولية, 国际移民; back\\slash")
    item.sessions.add(session)
    segment = SegmentFactory(agenda_item=item, title="Line one; line two, 第二")
    AppearanceFactory(
        agenda_item=item,
        segment=segment,
        person=PersonFactory(given_name="فاطمة", family_name="الزهراء"),
        affiliation="Ministry of Labour; Migration, Jordan",
    )
    programme_release(meeting=meeting, by=None)

    content = client.get(programme_ics(meeting)).content
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))  # folded in octets
    [event] = Calendar.from_ical(content).events
    assert event.summary == "Séance, matin; الجلسة الصباحية · Réunion; “Migration”, 2012"
    assert event.location == "会议室 4, Genève, Suisse"
    lines = event.description.splitlines()
    assert "I. الهجرة الدولية, 国际移民; back\\slash" in lines
    assert (
        "• فاطمة الزهراء, Ministry of Labour; Migration, Jordan. Line one; line two, 第二" in lines
    )


@pytest.fixture
def draft():
    organizer = OrganizationFactory()
    meeting = MeetingFactory(status=MeetingStatus.DRAFT, organizer=organizer)
    session = SessionFactory(meeting=meeting)
    AgendaItemFactory(meeting=meeting).sessions.add(session)
    programme_release(meeting=meeting, by=None)
    return meeting


def visitors(meeting):
    yield None
    yield MembershipFactory().user
    yield MembershipFactory(organization=meeting.organizer).user
    yield StaffFactory(is_superuser=True)


def test_a_drafts_files_are_a_404_for_everyone(client, draft):
    session = draft.sessions.get()
    for user in visitors(draft):
        if user is not None:
            client.force_login(user)
        assert client.get(programme_ics(draft)).status_code == 404
        assert client.get(session_ics(draft, session.pk)).status_code == 404


def test_everyone_gets_the_same_published_file(client, tenth):
    organizer = OrganizationFactory()
    Meeting.objects.filter(pk=tenth.pk).update(organizer=organizer)
    tenth.refresh_from_db()
    contents = set()
    for user in visitors(tenth):
        if user is not None:
            client.force_login(user)
        response = client.get(programme_ics(tenth))
        assert response.status_code == 200
        if user is None:
            assert "public" in response["Cache-Control"]
        contents.add(response.content)
    assert len(contents) == 1


def test_an_erased_person_leaves_no_name_in_the_file(client, tenth):
    before = client.get(programme_ics(tenth)).content.decode()
    crepeau = Person.objects.get(family_name="Crépeau")
    assert "François Crépeau" in Calendar.from_ical(before).events[0].description
    person_erase(person=crepeau, by=None)
    [first, *_others] = read(client.get(programme_ics(tenth))).events
    assert "Crépeau" not in first.description
    assert (
        "• Name withheld, Special Rapporteur on the human rights of migrants." in first.description
    )
