"""/meetings/<slug>/programme.pdf: the printable Organization of work (meetings.exports.pdf)."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from .pdf import programme_pdf, programme_pdf_filename, programme_pdf_kind
from .source import cached_export, export_response, export_view, exportable_meeting


@export_view
def programme_pdf_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The released programme as a PDF, shown in the browser; made once per change of the
    meeting, a 404 for a draft."""
    meeting = exportable_meeting(slug)
    content = cached_export(meeting, programme_pdf_kind(), lambda: programme_pdf(meeting))
    return export_response(
        request,
        content,
        content_type="application/pdf",
        filename=programme_pdf_filename(meeting),
        meeting=meeting,
    )


urlpatterns: list[URLPattern] = [
    path("meetings/<slug:slug>/programme.pdf", programme_pdf_view, name="programme_pdf"),
]
