"""papers' part of Meeting.content_changed_at (meetings.freshness): a document, one of its file
versions, its authors or its category changed, so the meeting's pages and exports did. So did
they when an author or the document's organization (or the body it belongs to) is edited: a
document's byline names them."""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save

from accounts.models import Organization
from meetings.freshness import touch_meeting, touch_meetings
from meetings.models import Meeting, Person
from papers.models import Document, DocumentCategory, DocumentVersion


def _changed(instance, **_kwargs) -> None:
    if isinstance(instance, Document):
        touch_meeting(instance.meeting_id)
    elif isinstance(instance, DocumentVersion):
        touch_meetings(Meeting.objects.filter(documents=instance.document_id))
    elif isinstance(instance, DocumentCategory):
        touch_meetings(Meeting.objects.filter(documents__category=instance.pk))
    elif isinstance(instance, Person):
        touch_meetings(Meeting.objects.filter(documents__authors=instance.pk))
    elif isinstance(instance, Organization):
        touch_meetings(
            Meeting.objects.filter(
                Q(documents__organization=instance.pk)
                | Q(documents__organization__parent=instance.pk)
            )
        )


def _authors_changed(instance, action: str, **_kwargs) -> None:
    if action.startswith("post_") and isinstance(instance, Document):
        touch_meeting(instance.meeting_id)


for _model in (Document, DocumentVersion, DocumentCategory, Person, Organization):
    post_save.connect(
        _changed, sender=_model, dispatch_uid=f"papers_freshness_save_{_model.__name__}"
    )
    post_delete.connect(
        _changed, sender=_model, dispatch_uid=f"papers_freshness_delete_{_model.__name__}"
    )
m2m_changed.connect(
    _authors_changed, sender=Document.authors.through, dispatch_uid="freshness_document_authors"
)
