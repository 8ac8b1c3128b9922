"""A meeting's released programme as plain data for the API: days, sessions, agenda items,
segments and people, read from meetings.exports.source.public_programme (no query)."""

import datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from config.links import absolute_url
from meetings.exports.source import public_programme
from meetings.models import Appearance, Meeting, Role
from meetings.programme import ItemEntry, PeopleBlock, SessionEntry


def person_links(slug: str, withheld: bool) -> dict[str, str | None]:
    if withheld or not slug:
        return {"url": None, "page_url": None}
    return {
        "url": absolute_url(reverse("api:person_detail", kwargs={"slug": slug})),
        "page_url": absolute_url(reverse("meetings:person_detail", kwargs={"slug": slug})),
    }


def _appearance(appearance: Appearance) -> dict[str, Any]:
    person = appearance.person
    withheld = person.withheld_at is not None
    return {
        "name": person.display_name,
        "slug": None if withheld or not person.slug else person.slug,
        "withheld": withheld,
        "role": appearance.role,
        "role_label": str(Role(appearance.role).label),
        "affiliation": appearance.affiliation,
        **person_links(person.slug, withheld),
    }


def _people(block: PeopleBlock | None) -> list[dict[str, Any]]:
    if block is None:
        return []
    appearances = [*block.presenters, *(a for group in block.groups for a in group.appearances)]
    return [_appearance(appearance) for appearance in appearances]


def _item(meeting: Meeting, entry: ItemEntry, programme_url: str) -> dict[str, Any]:
    return {
        "uid": str(meeting.export_uid("item", entry.item.pk)),
        "number": entry.number,
        "numeral": entry.numeral,
        "title": entry.item.title,
        "continued": entry.continued,
        "url": f"{programme_url}#{entry.anchor}",
        "people": _people(entry.people),
        "segments": [
            {
                "uid": str(meeting.export_uid("segment", segment.segment.pk)),
                "title": segment.segment.title,
                "url": f"{programme_url}#{segment.anchor}",
                "people": _people(segment.people),
            }
            for segment in entry.segments
        ],
    }


def _session(meeting: Meeting, entry: SessionEntry, programme_url: str) -> dict[str, Any]:
    session = entry.session
    zone = meeting.zone
    starts = datetime.datetime.combine(session.date, session.start_time, tzinfo=zone)
    ends = datetime.datetime.combine(session.date, session.end_time, tzinfo=zone)
    return {
        "uid": str(meeting.export_uid("session", session.pk)),
        "date": session.date.isoformat(),
        "start_time": session.start_time.strftime("%H:%M"),
        "end_time": session.end_time.strftime("%H:%M"),
        "start": starts.isoformat(),
        "end": ends.isoformat(),
        "name": session.name,
        "room": session.room,
        "url": f"{programme_url}#{entry.anchor}",
        "items": [_item(meeting, item, programme_url) for item in entry.items],
    }


def programme_data(meeting: Meeting) -> dict[str, Any]:
    """`meeting` must come from exportable_meetings() (its latest version read with it)."""
    programme = public_programme(meeting)
    programme_url = absolute_url(reverse("meetings:programme", kwargs={"slug": meeting.slug}))
    return {
        "meeting": meeting.slug,
        "time_zone": meeting.time_zone,
        "programme_url": programme_url,
        "version": version_data(meeting),
        "days": [
            {
                "date": day.date.isoformat(),
                "heading": day.heading,
                "url": f"{programme_url}#{day.anchor}",
                "sessions": [_session(meeting, entry, programme_url) for entry in day.sessions],
            }
            for day in programme.days
        ],
        "unscheduled": [_item(meeting, entry, programme_url) for entry in programme.unscheduled],
    }


def version_data(meeting: Meeting) -> dict[str, Any] | None:
    """The released programme version the public reads: its number, date and note."""
    number = getattr(meeting, "latest_version_number", None)
    if number is None:
        return None
    published_at: datetime.datetime = meeting.latest_version_published_at
    return {
        "number": number,
        "label": _("Version %(number)d") % {"number": number},
        "published_at": published_at.isoformat(),
        "date": published_at.astimezone(meeting.zone).date().isoformat(),
        "note": meeting.latest_version_note,
    }
