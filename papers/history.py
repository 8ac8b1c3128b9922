"""A document's History page (README, "History"): its own fields and its file versions' metadata,
field by field, with the lines the review services write in the admin log ("Published.")."""

from meetings.history.admin import HistoryMixin
from meetings.history.timeline import Source
from papers.models import DocumentVersion


class DocumentHistoryMixin(HistoryMixin):
    def history_sources(self, obj) -> list[Source]:
        return [
            *super().history_sources(obj),
            Source(
                DocumentVersion.history.filter(document_id=obj.pk),
                subject=True,
                omit=("document",),
            ),
        ]
