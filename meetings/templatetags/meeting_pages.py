from django import template

from meetings.extensions import MeetingTab, tabs_for
from meetings.models import Meeting

register = template.Library()


@register.simple_tag
def meeting_tabs(meeting: Meeting) -> list[MeetingTab]:
    """The pages other apps add to a meeting's tabs (meetings.extensions)."""
    return tabs_for(meeting)
