"""The conference-app schedules (schedule.xml, schedule.json): read back with lxml and a JSON
Schema validator, and compared with the database.

The JSON Schema below is ours, written from the format's documentation (frab's and the c3voc
wiki's description of schedule.json): the maintainers' own files are not copied here.
"""

import datetime
import json
import uuid

import jsonschema
import pytest
from django.core.management import call_command
from django.urls import reverse
from lxml import etree

from meetings.models import AgendaItem, Appearance, Meeting, Role, Segment, Session
from meetings.services import person_erase
from meetings.versions.services import programme_release
from tests.conftest import SITE_URL
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    HonorificFactory,
    MeetingFactory,
    PersonFactory,
    SegmentFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

TENTH = "tenth-coordination-meeting"

DURATION = {"type": "string", "pattern": r"^[0-9]{2}:[0-5][0-9]$"}
OFFSET_TIME = {"type": "string", "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$"}
TEXT = {"type": "string"}
# What the format's documentation describes of schedule.json, as strictly as our file is meant
# to be: a schedule with its version, base URL and conference; the conference with its days;
# a day with its rooms, each room name holding its list of events.
SCHEDULE_SCHEMA = {
    "type": "object",
    "required": ["schedule"],
    "properties": {
        "schedule": {
            "type": "object",
            "required": ["version", "base_url", "conference"],
            "properties": {
                "version": TEXT,
                "base_url": {"type": "string", "pattern": "^https?://"},
                "conference": {"$ref": "#/$defs/conference"},
            },
        }
    },
    "$defs": {
        "conference": {
            "type": "object",
            "additionalProperties": False,
            "required": [
                "acronym",
                "title",
                "start",
                "end",
                "daysCount",
                "timeslot_duration",
                "time_zone_name",
                "url",
                "days",
            ],
            "properties": {
                "acronym": {"type": "string", "pattern": "^[a-z0-9_]{4,}$"},
                "title": TEXT,
                "start": {"type": "string", "pattern": r"^\d{4}-\d\d-\d\d$"},
                "end": {"type": "string", "pattern": r"^\d{4}-\d\d-\d\d$"},
                "daysCount": {"type": "integer", "minimum": 1},
                "timeslot_duration": DURATION,
                "time_zone_name": TEXT,
                "url": {"type": "string", "pattern": "^https?://"},
                "days": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/day"}},
            },
        },
        "day": {
            "type": "object",
            "additionalProperties": False,
            "required": ["index", "date", "day_start", "day_end", "rooms"],
            "properties": {
                "index": {"type": "integer", "minimum": 1},
                "date": {"type": "string", "pattern": r"^\d{4}-\d\d-\d\d$"},
                "day_start": OFFSET_TIME,
                "day_end": OFFSET_TIME,
                "rooms": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"$ref": "#/$defs/event"}},
                },
            },
        },
        "event": {
            "type": "object",
            "additionalProperties": False,
            "required": [
                "guid",
                "id",
                "date",
                "start",
                "duration",
                "room",
                "slug",
                "url",
                "title",
                "subtitle",
                "track",
                "type",
                "language",
                "abstract",
                "description",
                "persons",
                "links",
                "attachments",
            ],
            "properties": {
                "guid": {
                    "type": "string",
                    "pattern": "^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$",
                },
                "id": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
                "date": OFFSET_TIME,
                "start": {"type": "string", "pattern": r"^[0-2]\d:[0-5]\d$"},
                "duration": DURATION,
                "room": TEXT,
                "slug": {"type": "string", "pattern": "^[a-z0-9_]{4,}-[a-z0-9_-]*[a-z0-9]$"},
                "url": {"type": "string", "pattern": "^https?://"},
                "title": TEXT,
                "subtitle": TEXT,
                "track": TEXT,
                "type": TEXT,
                "language": {"type": "string", "pattern": "^[a-z]{2}$"},
                "abstract": TEXT,
                "description": TEXT,
                "persons": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["id", "guid", "name", "role"],
                        "properties": {
                            "id": {"type": "integer"},
                            "guid": TEXT,
                            "name": TEXT,
                            "role": {"enum": ["speaker", "moderator", "host", "contributor"]},
                        },
                    },
                },
                "links": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["url", "title"],
                        "properties": {"url": {"type": "string"}, "title": TEXT},
                    },
                },
                "attachments": {"type": "array"},
            },
        },
    },
}


@pytest.fixture
def tenth() -> Meeting:
    call_command("load_demo", verbosity=0)
    return Meeting.objects.get(slug=TENTH)


def xml_of(client, meeting: Meeting) -> etree._Element:
    response = client.get(reverse("meetings:schedule_xml", kwargs={"slug": meeting.slug}))
    assert response.status_code == 200
    return etree.fromstring(response.content)


def json_of(client, meeting: Meeting) -> dict:
    response = client.get(reverse("meetings:schedule_json", kwargs={"slug": meeting.slug}))
    assert response.status_code == 200
    data = json.loads(response.content)
    jsonschema.validate(data, SCHEDULE_SCHEMA)
    return data


def xml_events(root: etree._Element) -> list[etree._Element]:
    return root.findall("day/room/event")


def json_events(data: dict) -> list[dict]:
    days = data["schedule"]["conference"]["days"]
    return [event for day in days for events in day["rooms"].values() for event in events]


def at(meeting: Meeting, session: Session) -> str:
    start = datetime.datetime.combine(session.date, session.start_time, tzinfo=meeting.zone)
    return start.isoformat()


def expected_events(meeting: Meeting) -> list[dict]:
    """From the database: an event per agenda item taken up in a session, in time order, the
    later sessions of an item marked "(continued)"; a session without items is one event."""
    sessions = list(meeting.sessions.order_by("date", "start_time", "pk"))
    rank = {session.pk: index for index, session in enumerate(sessions)}
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .with_number()
        .prefetch_related("sessions")
        .order_by("order", "pk")
    )
    found = []
    for session in sessions:
        shown = [item for item in items if session in item.sessions.all()]
        for item in shown:
            first = min(item.sessions.all(), key=lambda s: rank[s.pk])
            appearances = Appearance.objects.filter(agenda_item=item).select_related(
                "person", "segment"
            )
            here = [
                a
                for a in appearances
                if (a.segment and a.segment.session_id == session.pk)
                or (first == session and (a.segment is None or a.segment.session_id is None))
            ]
            heading = f"{item.numeral}. {item.title}"
            found.append(
                {
                    "title": heading if first == session else f"{heading} (continued)",
                    "track": heading,
                    "subtitle": session.name,
                    "date": at(meeting, session),
                    "room": session.room or meeting.venue,
                    "persons": {(a.person.pk, a.person.full_name, a.role) for a in here},
                }
            )
        if not shown:
            found.append({"title": session.name, "date": at(meeting, session)})
    return found


def test_the_tenths_schedule_xml_has_an_event_per_item_in_each_of_its_four_sessions(client, tenth):
    root = xml_of(client, tenth)
    events = xml_events(root)
    expected = expected_events(tenth)
    assert [e.findtext("title") for e in events] == [row["title"] for row in expected]
    assert [e.findtext("track") for e in events] == [row["track"] for row in expected]
    assert [e.findtext("subtitle") for e in events] == [row["subtitle"] for row in expected]
    assert [e.findtext("date") for e in events] == [row["date"] for row in expected]
    assert [e.findtext("room") for e in events] == [row["room"] for row in expected]
    assert tenth.sessions.count() == 4
    assert {e.findtext("date") for e in events} == {
        "2012-02-09T10:00:00-05:00",
        "2012-02-09T15:00:00-05:00",
        "2012-02-10T10:00:00-05:00",
        "2012-02-10T15:00:00-05:00",
    }
    assert {e.findtext("start") for e in events} == {"10:00", "15:00"}
    assert {e.findtext("duration") for e in events} == {"03:00"}
    assert {e.findtext("type") for e in events} == {"Agenda item"}
    assert {e.findtext("language") for e in events} == {"en"}
    # No room in the Tenth's sessions: the venue's name.
    assert {e.findtext("room") for e in events} == {"United Nations Headquarters"}
    assert [room.get("name") for room in root.findall("day/room")] == [
        "United Nations Headquarters"
    ] * 2
    assert events[0].findtext("title") == "I. Opening of the meeting"
    continued = [e for e in events if e.findtext("title").endswith("(continued)")]
    assert [(e.findtext("title"), e.findtext("date")) for e in continued] == [
        (
            "V. Migration and development: Recent contributions to the evidence base (continued)",
            "2012-02-10T10:00:00-05:00",
        )
    ]


def test_the_tenths_conference_and_days(client, tenth):
    root = xml_of(client, tenth)
    assert root.tag == "schedule"
    assert root.findtext("version") == "Version 2"
    conference = root.find("conference")
    assert conference.findtext("title") == tenth.title
    assert conference.findtext("acronym") == "tenth_coordination_meeting"
    assert conference.findtext("start") == "2012-02-09"
    assert conference.findtext("end") == "2012-02-10"
    assert conference.findtext("days") == "2"
    assert conference.findtext("time_zone_name") == "America/New_York"
    assert conference.findtext("timeslot_duration") == "01:00"
    assert conference.findtext("base_url") == f"{SITE_URL}/"
    days = root.findall("day")
    assert [(d.get("index"), d.get("date")) for d in days] == [
        ("1", "2012-02-09"),
        ("2", "2012-02-10"),
    ]
    assert [(d.get("start"), d.get("end")) for d in days] == [
        ("2012-02-09T04:00:00-05:00", "2012-02-10T03:59:00-05:00"),
        ("2012-02-10T04:00:00-05:00", "2012-02-11T03:59:00-05:00"),
    ]
    for day in days:
        assert {e.findtext("date")[:10] for e in day.findall("room/event")} == {day.get("date")}


def test_the_tenths_people_with_their_roles(client, tenth):
    events = xml_events(xml_of(client, tenth))
    for event, row in zip(events, expected_events(tenth), strict=True):
        persons = {(int(p.get("id")), p.text) for p in event.findall("persons/person")}
        assert persons == {(pk, name) for pk, name, _role in row["persons"]}
    by_title = {e.findtext("title"): e for e in events}
    third = by_title["III. The 2013 High-level Dialogue on International Migration and Development"]
    description = third.findtext("description")
    assert (
        "Moderator: Amb. Luis Alfonso de Alba, Permanent Representative of Mexico to the "
        "United Nations"
    ) in description
    assert "Speaker: Amb. Eva Åkerman-Börje, Ministry of Justice, Sweden" in description
    assert (
        "Preparing for the 2013 High-level Dialogue: A human rights perspective — "
        "Professor François Crépeau"
    ) in third.findtext("abstract")
    names = [p.text for p in third.findall("persons/person")]
    assert "Luis Alfonso de Alba" in names  # the moderator is a person too
    assert "Amb. Luis Alfonso de Alba" not in names  # named without honorific
    fourth = next(e for t, e in by_title.items() if t.startswith("IV."))
    assert "Moderators: Mr. Andres Vikat, Economic Commission for Europe (ECE) and Michele " in (
        fourth.findtext("description")
    )
    # The continued item lists no one: its presentations are all in its first session.
    continued = next(e for t, e in by_title.items() if t.endswith("(continued)"))
    assert continued.findall("persons/person") == []


def test_the_tenths_links_lead_to_the_exact_place_on_the_programme_page(client, tenth):
    programme = f"{SITE_URL}{reverse('meetings:programme', kwargs={'slug': TENTH})}"
    events = xml_events(xml_of(client, tenth))
    item = AgendaItem.objects.get(meeting=tenth, title="Opening of the meeting")
    opening = events[0]
    session = item.sessions.get()
    assert opening.findtext("url") == f"{programme}#item-{item.pk}"
    assert [(link.get("href"), link.text) for link in opening.findall("links/link")] == [
        (f"{programme}#item-{item.pk}", "This item in the Organization of work"),
        (f"{programme}#session-{session.pk}", "This session in the Organization of work"),
    ]
    continued = next(e for e in events if e.findtext("title").endswith("(continued)"))
    fifth = AgendaItem.objects.get(meeting=tenth, title__startswith="Migration and development")
    later = fifth.sessions.order_by("-date").first()
    assert continued.findtext("url") == f"{programme}#item-{fifth.pk}-session-{later.pk}"
    page = client.get(reverse("meetings:programme", kwargs={"slug": TENTH})).content.decode()
    for event in events:
        for link in event.findall("links/link"):
            assert f'id="{link.get("href").split("#")[1]}"' in page


def test_the_tenths_json_says_what_its_xml_says(client, tenth):
    root = xml_of(client, tenth)
    data = json_of(client, tenth)
    schedule = data["schedule"]
    assert schedule["version"] == root.findtext("version")
    assert schedule["conference"]["daysCount"] == 2
    assert schedule["conference"]["time_zone_name"] == "America/New_York"
    from_xml = [
        (
            e.get("guid"),
            int(e.get("id")),
            e.findtext("date"),
            e.findtext("duration"),
            e.findtext("title"),
            e.findtext("subtitle"),
            e.findtext("track"),
            e.findtext("url"),
            e.findtext("description"),
            [int(p.get("id")) for p in e.findall("persons/person")],
        )
        for e in xml_events(root)
    ]
    from_json = [
        (
            e["guid"],
            e["id"],
            e["date"],
            e["duration"],
            e["title"],
            e["subtitle"],
            e["track"],
            e["url"],
            e["description"],
            [p["id"] for p in e["persons"]],
        )
        for e in json_events(data)
    ]
    assert from_json == from_xml
    roles = {(p["name"], p["role"]) for e in json_events(data) for p in e["persons"]}
    assert ("Luis Alfonso de Alba", "moderator") in roles
    assert ("Bela Hovy", "speaker") in roles
    assert {(e["date"], e["duration"]) for e in json_events(data)} == {
        ("2012-02-09T10:00:00-05:00", "03:00"),
        ("2012-02-09T15:00:00-05:00", "03:00"),
        ("2012-02-10T10:00:00-05:00", "03:00"),
        ("2012-02-10T15:00:00-05:00", "03:00"),
    }
    assert all("end" not in e for e in json_events(data))


def test_guids_ids_and_slugs_are_unique_and_come_from_the_meeting(client, tenth):
    events = xml_events(xml_of(client, tenth))
    for attribute in ("guid", "id"):
        values = [e.get(attribute) for e in events]
        assert len(set(values)) == len(values)
    slugs = [e.findtext("slug") for e in events]
    assert len(set(slugs)) == len(slugs)
    opening = AgendaItem.objects.get(meeting=tenth, title="Opening of the meeting")
    assert events[0].get("guid") == str(tenth.export_uid("item", opening.pk))
    assert uuid.UUID(events[0].get("guid")).version == 5
    assert events[0].findtext("slug") == (
        f"tenth_coordination_meeting-{events[0].get('id')}-i-opening-of-the-meeting"
    )


def identities(client, meeting: Meeting) -> dict[str, tuple[str, str]]:
    """Each event's (guid, id), by its url (the item or session's place on the page)."""
    return {
        e.findtext("url"): (e.get("guid"), e.get("id")) for e in xml_events(xml_of(client, meeting))
    }


def test_guids_and_ids_stay_the_same_across_an_edit_and_a_new_release(client, tenth):
    before = identities(client, tenth)
    item = AgendaItem.objects.get(meeting=tenth, title="Opening of the meeting")
    item.title = "Opening of the meeting and adoption of the agenda"
    item.save()
    SegmentFactory(agenda_item=item, title="Welcome")
    programme_release(meeting=tenth, by=None)
    tenth = Meeting.objects.get(pk=tenth.pk)
    root = xml_of(client, tenth)
    assert root.findtext("version") == "Version 3"
    assert root.find("day/room/event").findtext("title") == (
        "I. Opening of the meeting and adoption of the agenda"
    )
    assert identities(client, tenth) == before


def test_an_item_moved_to_another_session_keeps_its_guid(client):
    meeting = MeetingFactory()
    morning = SessionFactory(meeting=meeting)
    afternoon = SessionFactory(
        meeting=meeting, start_time=datetime.time(15), end_time=datetime.time(18)
    )
    item = AgendaItemFactory(meeting=meeting)
    item.sessions.add(morning)
    programme_release(meeting=meeting, by=None)
    first = next(e for e in xml_events(xml_of(client, meeting)) if e.findtext("track"))
    item.sessions.set([afternoon])
    programme_release(meeting=meeting, by=None)
    meeting = Meeting.objects.get(pk=meeting.pk)
    events = xml_events(xml_of(client, meeting))
    moved = next(e for e in events if e.findtext("track").endswith(item.title))
    assert (moved.get("guid"), moved.get("id")) == (first.get("guid"), first.get("id"))
    assert moved.findtext("date") == "2012-02-09T15:00:00-05:00"
    # The morning, now without items, is an event of its own.
    alone = next(e for e in events if e.get("guid") != moved.get("guid"))
    assert alone.get("guid") == str(meeting.export_uid("session", morning.pk))
    assert (alone.findtext("title"), alone.findtext("type")) == ("Morning session", "Session")


@pytest.fixture
def geneva() -> Meeting:
    """27–30 March 2026 in Geneva (Europe/Zurich: the time zone database has no Europe/Geneva):
    the clocks go forward on the night of the 28th."""
    meeting = MeetingFactory(
        slug="geneva-dst",
        start_date=datetime.date(2026, 3, 27),
        end_date=datetime.date(2026, 3, 30),
        time_zone="Europe/Zurich",
        venue="Palais des Nations",
    )
    for day in (27, 28, 30):
        session = SessionFactory(meeting=meeting, date=datetime.date(2026, 3, day), room="XVII")
        AgendaItemFactory(meeting=meeting, title=f"Item of the {day}th").sessions.add(session)
    # Over the change itself: 01:00 to 04:00 on the 29th lasts two hours.
    SessionFactory(
        meeting=meeting,
        date=datetime.date(2026, 3, 29),
        start_time=datetime.time(1),
        end_time=datetime.time(4),
        name="Night session",
        room="",
    )
    programme_release(meeting=meeting, by=None)
    return Meeting.objects.get(pk=meeting.pk)


def test_a_meeting_over_a_change_of_clock_gives_each_day_its_offset(client, geneva):
    events = xml_events(xml_of(client, geneva))
    assert [(e.findtext("date"), e.findtext("duration")) for e in events] == [
        ("2026-03-27T10:00:00+01:00", "03:00"),
        ("2026-03-28T10:00:00+01:00", "03:00"),
        ("2026-03-29T01:00:00+01:00", "02:00"),
        ("2026-03-30T10:00:00+02:00", "03:00"),
    ]
    assert [e.findtext("room") for e in events] == ["XVII", "XVII", "Palais des Nations", "XVII"]
    days = xml_of(client, geneva).findall("day")
    assert [(d.get("start"), d.get("end")) for d in days] == [
        ("2026-03-27T04:00:00+01:00", "2026-03-28T03:59:00+01:00"),
        ("2026-03-28T04:00:00+01:00", "2026-03-29T03:59:00+02:00"),
        ("2026-03-29T01:00:00+01:00", "2026-03-30T03:59:00+02:00"),
        ("2026-03-30T04:00:00+02:00", "2026-03-31T03:59:00+02:00"),
    ]
    data = json_of(client, geneva)
    assert data["schedule"]["conference"]["time_zone_name"] == "Europe/Zurich"
    # 01:00 to 04:00 on the night the clocks go forward lasts two hours.
    assert [(e["date"], e["duration"]) for e in json_events(data)][2:] == [
        ("2026-03-29T01:00:00+01:00", "02:00"),
        ("2026-03-30T10:00:00+02:00", "03:00"),
    ]


def test_a_session_without_room_or_venue_is_in_the_plenary(client):
    meeting = MeetingFactory(venue="")
    SessionFactory(meeting=meeting, room="")
    programme_release(meeting=meeting, by=None)
    root = xml_of(client, meeting)
    assert root.find("day/room").get("name") == "Plenary"
    assert root.findtext("day/room/event/room") == "Plenary"


TRICKY = 'Rights & "duties" <of> migrants — حقوق المهاجرين · 移民的权利'


def test_xml_special_characters_and_other_scripts_round_trip(client):
    meeting = MeetingFactory(title="Réunion <spéciale> & co", venue="Salle des Assemblées")
    session = SessionFactory(meeting=meeting, name="جلسة & 会议", room="Salle <XX>")
    item = AgendaItemFactory(meeting=meeting, title=TRICKY)
    item.sessions.add(session)
    person = PersonFactory(given_name="محمد", family_name="王 & <Wang>", honorific=None)
    segment = SegmentFactory(agenda_item=item, title="Presentation “A” & <B>")
    AppearanceFactory(
        agenda_item=item, segment=segment, person=person, affiliation="Nations Unies & Co"
    )
    programme_release(meeting=meeting, by=None)
    response = client.get(reverse("meetings:schedule_xml", kwargs={"slug": meeting.slug}))
    raw = response.content
    assert raw.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert b"<conference>" in raw[:1024]  # Giggity tells the format from the first kilobyte
    assert "حقوق المهاجرين".encode() in raw  # as UTF-8, not as character references
    assert b'Rights &amp; "duties" &lt;of&gt; migrants' in raw
    root = etree.fromstring(raw)
    assert root.findtext("conference/title") == "Réunion <spéciale> & co"
    event = root.find("day/room/event")
    assert event.findtext("title") == f"I. {TRICKY}"
    assert event.findtext("subtitle") == "جلسة & 会议"
    assert root.find("day/room").get("name") == "Salle <XX>"
    assert event.findtext("room") == "Salle <XX>"
    assert event.find("persons/person").text == "محمد 王 & <Wang>"
    assert "Speaker: محمد 王 & <Wang>, Nations Unies & Co" in event.findtext("description")
    assert (
        event.findtext("slug")
        == f"{meeting.slug.replace('-', '_')}-{event.get('id')}-i-rights-duties-of-migrants"
    )
    data = json_of(client, meeting)
    (json_event,) = json_events(data)
    assert json_event["title"] == f"I. {TRICKY}"
    assert json_event["persons"][0]["name"] == "محمد 王 & <Wang>"
    assert list(data["schedule"]["conference"]["days"][0]["rooms"]) == ["Salle <XX>"]


def test_a_title_of_another_script_only_still_has_a_slug(client):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, title="移民").sessions.add(SessionFactory(meeting=meeting))
    SessionFactory(
        meeting=meeting, start_time=datetime.time(15), end_time=datetime.time(18), name="会议"
    )
    programme_release(meeting=meeting, by=None)
    item, session = xml_events(xml_of(client, meeting))
    acronym = meeting.slug.replace("-", "_")
    assert item.findtext("slug") == f"{acronym}-{item.get('id')}-i"  # its numeral
    assert session.findtext("slug") == f"{acronym}-{session.get('id')}-session"


def test_a_withheld_person_reads_name_withheld_and_is_not_listed(client):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, title="Panel")
    item.sessions.add(SessionFactory(meeting=meeting))
    honorific = HonorificFactory(name="Dr.")
    erased = PersonFactory(given_name="Ana", family_name="Erased", honorific=honorific)
    kept = PersonFactory(given_name="Kim", family_name="Kept")
    AppearanceFactory(agenda_item=item, person=erased, affiliation="Somewhere")
    AppearanceFactory(agenda_item=item, person=kept, role=Role.CHAIR, affiliation="Elsewhere")
    programme_release(meeting=meeting, by=None)
    person_erase(person=erased, by=None)
    meeting = Meeting.objects.get(pk=meeting.pk)
    event = xml_events(xml_of(client, meeting))[0]
    assert [(p.get("id"), p.text) for p in event.findall("persons/person")] == [
        (str(kept.pk), "Kim Kept")
    ]
    assert "Speaker: Name withheld" in event.findtext("description")
    assert "Chair: Kim Kept, Elsewhere" in event.findtext("description")
    assert "Erased" not in etree.tostring(event, encoding="unicode")
    (json_event,) = json_events(json_of(client, meeting))
    assert json_event["persons"] == [
        {
            "id": kept.pk,
            "guid": str(meeting.export_uid("person", kept.pk)),
            "name": "Kim Kept",
            "role": "host",
        }
    ]


def test_an_item_continued_in_a_later_session_shows_its_presentations_there(client):
    meeting = MeetingFactory()
    first = SessionFactory(meeting=meeting)
    second = SessionFactory(meeting=meeting, date=datetime.date(2012, 2, 10))
    item = AgendaItemFactory(meeting=meeting, title="Evidence")
    item.sessions.add(first, second)
    moderator = PersonFactory(given_name="Mo", family_name="Derator")
    AppearanceFactory(agenda_item=item, person=moderator, role=Role.MODERATOR)
    later = Segment.objects.create(agenda_item=item, title="Later talk", session=second)
    speaker = PersonFactory(given_name="Spe", family_name="Aker")
    AppearanceFactory(agenda_item=item, segment=later, person=speaker)
    programme_release(meeting=meeting, by=None)
    events = xml_events(xml_of(client, meeting))
    assert [e.findtext("title") for e in events] == ["I. Evidence", "I. Evidence (continued)"]
    assert [[p.text for p in e.findall("persons/person")] for e in events] == [
        ["Mo Derator"],
        ["Spe Aker"],
    ]
    assert events[1].get("guid") == str(meeting.export_uid(f"item:{item.pk}:session", second.pk))
    assert events[1].findtext("abstract") == "Later talk — Spe Aker"
    assert events[1].findtext("description") == "Later talk\nSpeaker: Spe Aker, Director"


def test_a_meeting_without_sessions_has_one_empty_day(client):
    meeting = MeetingFactory()
    root = xml_of(client, meeting)
    assert [(d.get("index"), d.get("date")) for d in root.findall("day")] == [("1", "2012-02-09")]
    assert xml_events(root) == []
    # No version released: the version is the day the programme last changed.
    expected = meeting.content_changed_at.astimezone(meeting.zone).date().isoformat()
    assert root.findtext("version") == expected
