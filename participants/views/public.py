"""The public list of participants of a meeting, as a page and as a PDF.

Both exist only once staff publish the list (Registration.list_published) of a published
meeting; before that the addresses are a 404. They show what a `Line` holds (honorific, name,
position, under a country the ministry or mission) and nothing else: never an e-mail, a phone
or a requirement. Three queries, whatever the list's length: the meeting with its registration,
and the roster's two.
"""

from typing import override

from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from meetings.models import Meeting
from meetings.pagecache import cached_page, meeting_page_version
from participants.listing import Group, Line, public_list
from participants.models import Registration
from participants.pdf import pdf_response, render_pdf


def meeting_with_published_list(slug: str) -> Meeting:
    """The published meeting whose list is published, with its registration and series."""
    registration = get_object_or_404(
        Registration.objects.list_published().select_related("meeting__series"),
        meeting__slug=slug,
    )
    return registration.meeting


def _count(groups: list[Group[Line]]) -> int:
    return sum(group.count for group in groups)


@method_decorator(cached_page(meeting_page_version), name="dispatch")
class ParticipantListView(TemplateView):
    """/meetings/<slug>/participants/: cached with its meeting's pages (participants.freshness
    touches the meeting for what the list shows)."""

    template_name = "participants/participant_list.html"
    http_method_names = ["get", "head", "options"]

    @override
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = meeting_with_published_list(self.kwargs["slug"])
        groups = public_list(meeting)
        context.update(meeting=meeting, groups=groups, count=_count(groups))
        return context


@require_safe
def participant_list_pdf(_request, slug: str):
    """/meetings/<slug>/participants.pdf: the same list on A4, shown in the browser."""
    meeting = meeting_with_published_list(slug)
    groups = public_list(meeting)
    content = render_pdf(
        "participants/participant_list_pdf.html",
        {
            "meeting": meeting,
            "groups": groups,
            "count": _count(groups),
            "title": _("List of participants"),
        },
        cached=True,
    )
    return pdf_response(content, f"{meeting.slug}-participants.pdf", inline=True)
