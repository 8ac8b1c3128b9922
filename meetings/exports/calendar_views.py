"""The calendar files' addresses (meetings/exports/calendar.py makes them).

A meeting's file and a session's are cached with the meeting (source.cached_export); a person's
and a series' span several meetings, so they are cached on every one of them: `cached_feed`
keys them on the meetings' ids and Meeting.content_changed_at (meetings.freshness), which
moves when anything shown under a meeting changes, the people in it included.
"""

import hashlib
from collections.abc import Callable, Iterable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path
from django.utils.translation import get_language

from meetings.models import Appearance, Meeting, MeetingSeries, Person
from meetings.views import released_only

from .calendar import CONTENT_TYPE, programme_calendar, session_calendar
from .calendar_feeds import person_calendar, series_calendar
from .source import (
    cached_bytes,
    cached_export,
    export_response,
    export_view,
    exportable_meeting,
    exportable_meetings,
)


def _kind(name: str) -> str:
    """The cache's name for a calendar file: one per language it is written in."""
    return f"ics-{name}:{get_language()}"


def cached_feed(kind: str, meetings: Iterable[Meeting], make: Callable[[], bytes]) -> bytes:
    """`make()`'s bytes, from the cache while the same meetings show and none has changed."""
    stamps = sorted((meeting.pk, meeting.content_changed_at.isoformat()) for meeting in meetings)
    digest = hashlib.sha256(repr(stamps).encode()).hexdigest()[:32]
    return cached_bytes(f"export:{kind}:{digest}", make)


def _calendar_response(
    request: HttpRequest, content: bytes, filename: str, meeting: Meeting | None = None
) -> HttpResponse:
    """Shown inline: a browser hands a text/calendar file to the calendar application."""
    return export_response(
        request, content, content_type=CONTENT_TYPE, filename=filename, meeting=meeting
    )


@export_view
def programme_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """/meetings/<slug>/programme.ics: one event per session of the released programme."""
    meeting = exportable_meeting(slug)
    content = cached_export(meeting, _kind("programme"), lambda: programme_calendar(meeting))
    return _calendar_response(request, content, f"{meeting.slug}-programme.ics", meeting=meeting)


@export_view
def session_ics(request: HttpRequest, slug: str, session_pk: int) -> HttpResponse:
    """/meetings/<slug>/sessions/<pk>.ics: one session of the released programme."""
    meeting = exportable_meeting(slug)

    def make() -> bytes:
        content = session_calendar(meeting, session_pk)
        if content is None:
            raise Http404("No such session in the released programme.")
        return content

    content = cached_export(meeting, _kind(f"session-{session_pk}"), make)
    filename = f"{meeting.slug}-session-{session_pk}.ics"
    return _calendar_response(request, content, filename, meeting=meeting)


@export_view
def person_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """/people/<slug>/calendar.ics: the sessions a person takes part in. Only someone with a
    public page has one (meetings.views.PersonDetailView: named, and in a released programme)."""
    person = get_object_or_404(Person.objects.named().select_related("honorific"), slug=slug)
    appearances = released_only(list(Appearance.objects.for_person_page(person)))
    if not appearances:
        raise Http404("No published appearances.")
    meetings = {appearance.agenda_item.meeting for appearance in appearances}

    def make() -> bytes:
        ids = [meeting.pk for meeting in meetings]
        return person_calendar(person, list(exportable_meetings().filter(pk__in=ids)))

    content = cached_feed(_kind(f"person-{person.pk}"), meetings, make)
    return _calendar_response(request, content, f"{person.slug}.ics")


@export_view
def series_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """/series/<slug>/calendar.ics: the series' published meetings, one all-day event each."""
    series = get_object_or_404(MeetingSeries.objects.all(), slug=slug)
    published = Meeting.objects.published()  # type: ignore[no-untyped-call]
    meetings = list(published.filter(series=series).order_by("start_date", "pk"))
    if not meetings:
        raise Http404("No published meeting in this series.")
    content = cached_feed(
        _kind(f"series-{series.pk}"), meetings, lambda: series_calendar(series, meetings)
    )
    return _calendar_response(request, content, f"{series.slug}.ics")


urlpatterns: list[URLPattern] = [
    path("meetings/<slug:slug>/programme.ics", programme_ics, name="programme_ics"),
    path("meetings/<slug:slug>/sessions/<id:session_pk>.ics", session_ics, name="session_ics"),
    path("people/<slug:slug>/calendar.ics", person_ics, name="person_ics"),
    path("series/<slug:slug>/calendar.ics", series_ics, name="series_ics"),
]
