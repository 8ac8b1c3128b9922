"""The frab schedule as plain data: what frab.py builds from the released programme and
frab_xml.py and frab_json.py write out."""

import datetime
import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class SchedulePerson:
    id: int
    guid: uuid.UUID
    name: str
    role: str  # one of frab.READER_ROLES' values


@dataclass(frozen=True)
class ScheduleLink:
    url: str
    title: str


@dataclass(frozen=True)
class ScheduleEvent:
    id: int
    guid: uuid.UUID
    start: datetime.datetime  # at the venue, with its offset
    end: datetime.datetime
    room: str
    slug: str
    title: str
    subtitle: str
    type: str
    track: str
    abstract: str
    description: str
    persons: list[SchedulePerson]
    links: list[ScheduleLink]
    url: str

    @property
    def duration(self) -> str:
        """ "03:00": hours and minutes, as the format writes a duration. Counted in UTC: aware
        datetimes in one zone subtract as wall-clock times, wrong over a change of clock."""
        elapsed = self.end.astimezone(datetime.UTC) - self.start.astimezone(datetime.UTC)
        minutes = int(elapsed.total_seconds() // 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class ScheduleRoom:
    name: str
    events: list[ScheduleEvent]


@dataclass(frozen=True)
class ScheduleDay:
    index: int
    date: datetime.date
    start: datetime.datetime
    end: datetime.datetime
    rooms: list[ScheduleRoom]


@dataclass(frozen=True)
class Schedule:
    version: str
    acronym: str
    title: str
    start: datetime.date
    end: datetime.date
    time_zone_name: str
    timeslot_duration: str
    base_url: str
    url: str
    language: str
    days: list[ScheduleDay]
