"""The Secretariat's files of a meeting's participants: CSV and Excel exports, and name badges.

They hold contact data and requirements (the exports) or every participant's name (the badges),
so only the Secretariat's staff reach them (participants.models.sees_every_nomination), for any
meeting, published or not. An anonymous visitor is sent to log in; anybody else logged in, a
focal point or staff outside the Secretariat, gets 403. Each file is logged on the security log
with who took it. The queries are the same few whatever the number of participants.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from config.security_log import security_log
from meetings.models import Meeting
from participants.badges import SHEET, SINGLE, meeting_badges, render_badges
from participants.exports import as_csv, as_xlsx, participants_export
from participants.models import sees_every_nomination
from participants.pdf import pdf_response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

type MeetingView = Callable[[HttpRequest, Meeting], HttpResponse]


def secretariat_only(view: MeetingView) -> Callable[..., HttpResponse]:
    """Log in first; then the Secretariat's staff get the meeting's file, anybody else 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not sees_every_nomination(request.user):
            raise PermissionDenied
        meeting = get_object_or_404(Meeting.objects.select_related("organizer"), slug=slug)
        return view(request, meeting)

    return require_safe(wrapped)


def _logged(request: HttpRequest, meeting: Meeting, what: str, count: int) -> None:
    security_log.info(
        "participants file meeting=%s file=%s rows=%d user=%s",
        meeting.slug,
        what,
        count,
        request.user.email,
    )


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response.headers["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return response


@secretariat_only
def export_csv(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """/meetings/<slug>/participants/export.csv"""
    export = participants_export(meeting)
    _logged(request, meeting, "csv", len(export.rows))
    return _attachment(
        as_csv(export), "text/csv; charset=utf-8", f"{meeting.slug}-participants.csv"
    )


@secretariat_only
def export_xlsx(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """/meetings/<slug>/participants/export.xlsx"""
    export = participants_export(meeting)
    _logged(request, meeting, "xlsx", len(export.rows))
    return _attachment(
        as_xlsx(export, title=meeting.title), XLSX, f"{meeting.slug}-participants.xlsx"
    )


@secretariat_only
def badges_pdf(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """/meetings/<slug>/participants/badges.pdf: four badges per A4 sheet; ?size=a6, one per
    A6 page."""
    size = SINGLE if request.GET.get("size") == SINGLE else SHEET
    badges = meeting_badges(meeting)
    _logged(request, meeting, f"badges-{size}", len(badges))
    return pdf_response(
        render_badges(meeting, badges, size=size), f"{meeting.slug}-badges.pdf", inline=True
    )
