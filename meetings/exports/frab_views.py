"""The conference-app schedules' addresses: schedule.xml and schedule.json of a meeting's
released programme (meetings/exports/frab.py builds them), cached with the meeting."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils.translation import get_language

from .frab import build_schedule
from .frab_json import schedule_json as json_bytes
from .frab_xml import schedule_xml as xml_bytes
from .source import cached_export, export_response, export_view, exportable_meeting

XML_TYPE = "application/xml; charset=utf-8"
JSON_TYPE = "application/json"


def _kind(name: str) -> str:
    """The cache's name for a schedule file: one per language its headings are written in (its
    links are built from settings.SITE_URL, never from the request's host)."""
    return f"frab-{name}:{get_language()}"


@export_view
def schedule_xml(request: HttpRequest, slug: str) -> HttpResponse:
    """/meetings/<slug>/schedule.xml, for Giggity, ConfClerk, EventFahrplan."""
    meeting = exportable_meeting(slug)
    content = cached_export(meeting, _kind("xml"), lambda: xml_bytes(build_schedule(meeting)))
    filename = f"{meeting.slug}-schedule.xml"
    return export_response(
        request, content, content_type=XML_TYPE, filename=filename, meeting=meeting
    )


@export_view
def schedule_json(request: HttpRequest, slug: str) -> HttpResponse:
    """/meetings/<slug>/schedule.json: the same schedule as JSON."""
    meeting = exportable_meeting(slug)
    content = cached_export(meeting, _kind("json"), lambda: json_bytes(build_schedule(meeting)))
    filename = f"{meeting.slug}-schedule.json"
    return export_response(
        request, content, content_type=JSON_TYPE, filename=filename, meeting=meeting
    )


urlpatterns: list[URLPattern] = [
    path("meetings/<slug:slug>/schedule.xml", schedule_xml, name="schedule_xml"),
    path("meetings/<slug:slug>/schedule.json", schedule_json, name="schedule_json"),
]
