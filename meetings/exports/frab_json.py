"""schedule.json: a `Schedule` (meetings.exports.frab) in the frab format's JSON.

The same content as schedule.xml, shaped as the maintainers' JSON schema has it: `schedule` →
`conference` → `days`, each with its `rooms` as an object of room name → events. A person is
`{"id", "guid", "name", "role"}`: the schema's person names itself either frab's way
(`public_name` with an `id`) or pretalx's (`name`), exactly one of them, so `public_name` is not
added beside `name`.
"""

import json
from typing import Any

from .frab_schedule import Schedule, ScheduleDay, ScheduleEvent

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"


def _event(event: ScheduleEvent, language: str) -> dict[str, Any]:
    return {
        "guid": str(event.guid),
        "id": event.id,
        "date": event.start.isoformat(timespec="seconds"),
        "start": event.start.strftime("%H:%M"),
        # No "end": the maintainers' earlier JSON schema refuses it, and date plus duration say it.
        "duration": event.duration,
        "room": event.room,
        "slug": event.slug,
        "url": event.url,
        "title": event.title,
        "subtitle": event.subtitle,
        "track": event.track,
        "type": event.type,
        "language": language,
        "abstract": event.abstract,
        "description": event.description,
        "persons": [
            {"id": p.id, "guid": str(p.guid), "name": p.name, "role": p.role} for p in event.persons
        ],
        "links": [{"url": link.url, "title": link.title} for link in event.links],
        "attachments": [],
    }


def _day(day: ScheduleDay, language: str) -> dict[str, Any]:
    return {
        "index": day.index,
        "date": day.date.isoformat(),
        "day_start": day.start.isoformat(timespec="seconds"),
        "day_end": day.end.isoformat(timespec="seconds"),
        "rooms": {room.name: [_event(e, language) for e in room.events] for room in day.rooms},
    }


def schedule_json(schedule: Schedule) -> bytes:
    data = {
        "$schema": SCHEMA_URL,
        "schedule": {
            "version": schedule.version,
            "base_url": schedule.base_url,
            "conference": {
                "acronym": schedule.acronym,
                "title": schedule.title,
                "start": schedule.start.isoformat(),
                "end": schedule.end.isoformat(),
                "daysCount": len(schedule.days),
                "timeslot_duration": schedule.timeslot_duration,
                "time_zone_name": schedule.time_zone_name,
                "url": schedule.url,
                "days": [_day(day, schedule.language) for day in schedule.days],
            },
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode()
