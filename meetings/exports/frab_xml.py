"""schedule.xml: a `Schedule` (meetings.exports.frab) in the frab format's XML.

Written with the standard library's ElementTree, which escapes what XML needs escaped and writes
UTF-8, so Arabic or Chinese titles go out as they are. `<conference>` comes in the file's first
lines: Giggity tells the format from its first kilobyte.

Times: each event has its `date` with the venue's offset, and its `start` and `duration` as
"HH:MM" (what ConfClerk and Giggity read, with the day's `date`); a day's `start` and `end` carry
the offset too (EventFahrplan reads `end`).

Valid for the maintainers' current XSD and for the earlier one still in their GitHub repository,
which knows neither a conference's `url` nor a person's `guid`: the file has its `base_url`, and
a person its `id` (schedule.json has both).
"""

import re
from xml.etree import ElementTree

from .frab_schedule import Schedule, ScheduleDay, ScheduleEvent

# Characters XML 1.0 cannot hold at all, even escaped (control characters but tab and breaks).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _add(parent: ElementTree.Element, tag: str, text: str, **attributes: str) -> None:
    element = ElementTree.SubElement(
        parent, tag, {name: _text(value) for name, value in attributes.items()}
    )
    element.text = _text(text)


def _event(room: ElementTree.Element, event: ScheduleEvent, language: str) -> None:
    element = ElementTree.SubElement(room, "event", id=str(event.id), guid=str(event.guid))
    _add(element, "date", event.start.isoformat(timespec="seconds"))
    _add(element, "start", event.start.strftime("%H:%M"))
    _add(element, "duration", event.duration)
    _add(element, "room", event.room)
    _add(element, "slug", event.slug)
    _add(element, "url", event.url)
    _add(element, "title", event.title)
    _add(element, "subtitle", event.subtitle)
    _add(element, "track", event.track)
    _add(element, "type", event.type)
    _add(element, "language", language)
    _add(element, "abstract", event.abstract)
    _add(element, "description", event.description)
    persons = ElementTree.SubElement(element, "persons")
    for person in event.persons:
        _add(persons, "person", person.name, id=str(person.id))
    links = ElementTree.SubElement(element, "links")
    for link in event.links:
        _add(links, "link", link.title, href=link.url)


def _day(root: ElementTree.Element, day: ScheduleDay, language: str) -> None:
    element = ElementTree.SubElement(
        root,
        "day",
        index=str(day.index),
        date=day.date.isoformat(),
        start=day.start.isoformat(timespec="seconds"),
        end=day.end.isoformat(timespec="seconds"),
    )
    for room in day.rooms:
        room_element = ElementTree.SubElement(element, "room", name=_text(room.name))
        for event in room.events:
            _event(room_element, event, language)


def schedule_xml(schedule: Schedule) -> bytes:
    root = ElementTree.Element("schedule")
    _add(root, "version", schedule.version)
    conference = ElementTree.SubElement(root, "conference")
    _add(conference, "acronym", schedule.acronym)
    _add(conference, "title", schedule.title)
    _add(conference, "start", schedule.start.isoformat())
    _add(conference, "end", schedule.end.isoformat())
    _add(conference, "days", str(len(schedule.days)))
    _add(conference, "timeslot_duration", schedule.timeslot_duration)
    _add(conference, "time_zone_name", schedule.time_zone_name)
    _add(conference, "base_url", schedule.base_url)
    for day in schedule.days:
        _day(root, day, schedule.language)
    ElementTree.indent(root)
    body = ElementTree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'.encode()
