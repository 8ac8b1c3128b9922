"""A person's calendar (the sessions they take part in, from each meeting's released programme)
and a series' feed (one all-day event per published meeting), read back with icalendar and
compared with the database."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar

from meetings.models import Appearance, Meeting, MeetingSeries, MeetingStatus, Person, Role
from meetings.services import person_erase
from meetings.versions.services import programme_release
from tests.conftest import SITE_URL
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    SegmentFactory,
    SeriesFactory,
    SessionFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")


def person_ics(person: Person) -> str:
    return reverse("meetings:person_ics", kwargs={"slug": person.slug})


def series_ics(series: MeetingSeries) -> str:
    return reverse("meetings:series_ics", kwargs={"slug": series.slug})


def read(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


@pytest.fixture
def demo() -> None:
    call_command("load_demo", verbosity=0)


def test_a_speakers_calendar_has_each_session_they_appear_in(client, demo):
    hovy = Person.objects.get(slug="bela-hovy")
    response = client.get(person_ics(hovy))
    assert response["Content-Disposition"] == 'inline; filename="bela-hovy.ics"'
    calendar = read(response)
    assert calendar.calendar_name == "Mr. Bela Hovy in the programme"

    appearances = Appearance.objects.filter(person=hovy).select_related(
        "agenda_item__meeting", "segment"
    )
    expected = {}
    for appearance in appearances:
        item, meeting = appearance.agenda_item, appearance.agenda_item.meeting
        session = item.sessions.chronological().first()
        uid = str(meeting.export_uid(f"person-{hovy.pk}-session", session.pk))
        expected[uid] = (meeting, session, appearance)
    events = {str(event.uid): event for event in calendar.events}
    assert set(events) == set(expected)
    assert len(events) == 3  # items I and VII of the Tenth, item I of the Eleventh
    starts = [event.start for event in calendar.events]
    assert starts == sorted(starts)
    for uid, (meeting, session, appearance) in expected.items():
        event = events[uid]
        assert event.start == datetime.datetime.combine(
            session.date, session.start_time, ZoneInfo(meeting.time_zone)
        )
        assert event.summary == (
            f"{appearance.get_role_display()}, item {appearance.agenda_item.numeral}"
            f" · {meeting.title}"
        )
        assert event.url == (
            f"{SITE_URL}/meetings/{meeting.slug}/programme/#item-{appearance.agenda_item.pk}"
        )
        assert f"{appearance.agenda_item.numeral}. {appearance.agenda_item.title}" in (
            event.description
        )
        # Its own UIDs: none is a UID of the meeting's file.
        assert uid != str(meeting.export_uid("session", session.pk))
    assert [tz.tz_name for tz in calendar.timezones] == ["America/New_York"]


def test_several_appearances_in_one_session_are_one_event(client):
    meeting = MeetingFactory(title="Twelfth Coordination Meeting")
    session = SessionFactory(meeting=meeting)
    opening = AgendaItemFactory(meeting=meeting, title="Opening")
    panel = AgendaItemFactory(meeting=meeting, title="Panel")
    opening.sessions.add(session)
    panel.sessions.add(session)
    zoe = PersonFactory(given_name="Zoë", family_name="Núñez")
    AppearanceFactory(agenda_item=opening, person=zoe, role=Role.MODERATOR)
    talk = SegmentFactory(agenda_item=panel, title="Labour mobility")
    AppearanceFactory(agenda_item=panel, segment=talk, person=zoe, affiliation="ILO")
    programme_release(meeting=meeting, by=None)

    [event] = read(client.get(person_ics(zoe))).events
    assert event.summary == "Moderator and Speaker, items I and II · Twelfth Coordination Meeting"
    programme = f"{SITE_URL}/meetings/{meeting.slug}/programme/"
    assert event.url == f"{programme}#item-{opening.pk}"
    lines = event.description.splitlines()
    assert lines[:3] == ["Moderator, I. Opening", f"{programme}#item-{opening.pk}", ""]
    assert lines[3:6] == [
        "Speaker, II. Panel",
        "Labour mobility",
        f"{programme}#presentation-{talk.pk}",
    ]
    assert event.start == datetime.datetime(2012, 2, 9, 10, tzinfo=NEW_YORK)


def test_a_persons_calendar_reads_the_released_programme(client):
    meeting = MeetingFactory()
    session = SessionFactory(meeting=meeting)
    item = AgendaItemFactory(meeting=meeting, title="Opening")
    item.sessions.add(session)
    appearance = AppearanceFactory(agenda_item=item, role=Role.CHAIR)
    programme_release(meeting=meeting, by=None)
    appearance.role = Role.DISCUSSANT
    appearance.save()
    later = SessionFactory(
        meeting=meeting, start_time=datetime.time(15), end_time=datetime.time(18)
    )
    item.sessions.add(later)

    [event] = read(client.get(person_ics(appearance.person))).events
    assert event.summary.startswith("Chair, item I · ")
    assert event.start.hour == 10


def test_no_calendar_without_a_public_page(client):
    draft = MeetingFactory(status=MeetingStatus.DRAFT)
    session = SessionFactory(meeting=draft)
    item = AgendaItemFactory(meeting=draft)
    item.sessions.add(session)
    only_in_draft = AppearanceFactory(agenda_item=item).person
    programme_release(meeting=draft, by=None)

    published = MeetingFactory()
    released_item = AgendaItemFactory(meeting=published)
    released_item.sessions.add(SessionFactory(meeting=published))
    erased = AppearanceFactory(agenda_item=released_item).person
    programme_release(meeting=published, by=None)
    not_yet_released = AppearanceFactory(agenda_item=released_item).person
    assert client.get(person_ics(erased)).status_code == 200
    person_erase(person=erased, by=None)

    for user in (None, MembershipFactory().user, StaffFactory(is_superuser=True)):
        if user is not None:
            client.force_login(user)
        for person in (only_in_draft, erased, not_yet_released):
            assert client.get(person_ics(person)).status_code == 404
        assert client.get("/people/nobody/calendar.ics").status_code == 404


def test_a_persons_calendar_follows_their_name_and_a_new_version(client):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting)
    item.sessions.add(SessionFactory(meeting=meeting))
    person = AppearanceFactory(agenda_item=item).person
    programme_release(meeting=meeting, by=None)
    first = client.get(person_ics(person))
    assert (
        client.get(person_ics(person), headers={"if-none-match": first["ETag"]}).status_code == 304
    )

    person.given_name = "Renamed"
    person.save()
    programme_release(meeting=meeting, by=None)
    renamed = read(client.get(person_ics(person)))
    assert renamed.calendar_name == f"Renamed {person.family_name} in the programme"
    assert renamed.events[0].sequence == 1


def test_a_series_feed_has_one_all_day_event_per_published_meeting(client, demo):
    series = MeetingSeries.objects.get()
    series.meetings.filter(slug="tenth-coordination-meeting").update(
        summary_en="First line; with a semicolon,\nsecond line: 移民"
    )
    hidden = MeetingFactory(series=series, status=MeetingStatus.DRAFT, edition=99)
    response = client.get(series_ics(series))
    assert response["Content-Disposition"] == f'inline; filename="{series.slug}.ics"'
    calendar = read(response)
    assert calendar.calendar_name == series.name
    meetings = list(series.meetings.filter(status=MeetingStatus.PUBLISHED).order_by("start_date"))
    assert len(meetings) == 2
    assert str(hidden.uuid) not in {str(event.uid) for event in calendar.events}
    for event, meeting in zip(calendar.events, meetings, strict=True):
        assert str(event.uid) == str(meeting.uuid)
        assert event["DTSTART"].params["VALUE"] == "DATE"
        assert event.start == meeting.start_date
        assert event.end == meeting.end_date + datetime.timedelta(days=1)
        assert event.summary == meeting.title
        assert event.location == f"{meeting.city}, {meeting.country}"
        assert event.url == f"{SITE_URL}/meetings/{meeting.slug}/"
    assert calendar.events[0].description.splitlines()[:2] == [
        "First line; with a semicolon,",
        "second line: 移民",
    ]
    assert calendar.timezones == []


def test_a_series_without_a_published_meeting_has_no_feed(client):
    empty = SeriesFactory()
    drafts_only = SeriesFactory()
    MeetingFactory(series=drafts_only, status=MeetingStatus.DRAFT)
    staff = StaffFactory(is_superuser=True)
    for user in (None, staff):
        if user is not None:
            client.force_login(user)
        assert client.get(series_ics(empty)).status_code == 404
        assert client.get(series_ics(drafts_only)).status_code == 404
        assert client.get("/series/unknown/calendar.ics").status_code == 404


def test_a_series_feed_changes_with_its_meetings(client):
    series = SeriesFactory(name="Expert group")
    meeting = MeetingFactory(series=series, title="First meeting")
    first = client.get(series_ics(series))
    assert (
        client.get(series_ics(series), headers={"if-none-match": first["ETag"]}).status_code == 304
    )

    meeting.title = "First meeting, renamed"
    meeting.save()
    [event] = read(client.get(series_ics(series))).events
    assert event.summary == "First meeting, renamed"
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.DRAFT)
    assert client.get(series_ics(series)).status_code == 404
