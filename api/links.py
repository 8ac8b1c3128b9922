"""The API's link beside the programme's own exports (meetings.extensions.export_link)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from meetings.extensions import ItemLink, export_link
from meetings.models import Meeting


@export_link
def programme_data(meeting: Meeting) -> ItemLink:
    """The meeting's programme as open data: the API's programme of the meeting."""
    return ItemLink(
        _("Open data (JSON API)"),
        reverse("api:meeting_programme", kwargs={"slug": meeting.slug}),
    )
