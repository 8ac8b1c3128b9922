"""What papers makes public with a meeting, for the publish confirmation (meetings.extensions)."""

from django.utils.translation import ngettext

from meetings.extensions import publish_summary
from meetings.models import Meeting
from papers.models import Document, DocumentStatus


@publish_summary
def published_documents(meeting: Meeting) -> list[str]:
    """The meeting's published documents: public once the meeting is."""
    count = Document.objects.filter(meeting=meeting, status=DocumentStatus.PUBLISHED).count()
    return [ngettext("%(count)d document", "%(count)d documents", count) % {"count": count}]
