"""papers' part of Meeting.content_changed_at (meetings.freshness): a document, one of its file
versions, its authors or its category changed, so the meeting's pages and exports did."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from meetings.freshness import touch_meeting, touch_meetings
from meetings.models import Meeting
from papers.models import Document, DocumentCategory, DocumentVersion


def _changed(instance, **_kwargs) -> None:
    if isinstance(instance, Document):
        touch_meeting(instance.meeting_id)
    elif isinstance(instance, DocumentVersion):
        touch_meetings(Meeting.objects.filter(documents=instance.document_id))
    elif isinstance(instance, DocumentCategory):
        touch_meetings(Meeting.objects.filter(documents__category=instance.pk))


def _authors_changed(instance, action: str, **_kwargs) -> None:
    if action.startswith("post_") and isinstance(instance, Document):
        touch_meeting(instance.meeting_id)


for _model in (Document, DocumentVersion, DocumentCategory):
    post_save.connect(_changed, sender=_model, dispatch_uid=f"freshness_save_{_model.__name__}")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"freshness_delete_{_model.__name__}")
m2m_changed.connect(
    _authors_changed, sender=Document.authors.through, dispatch_uid="freshness_document_authors"
)
