"""What papers adds to a meeting's public pages through meetings.extensions: what it makes public
with the meeting (the publish confirmation) and the documents listed under each agenda item in
the programme."""

from django.urls import reverse
from django.utils.translation import ngettext

from meetings.extensions import ItemLink, item_links, publish_summary
from meetings.models import Meeting
from papers.models import Document, DocumentStatus


@publish_summary
def published_documents(meeting: Meeting) -> list[str]:
    """The meeting's published documents: public once the meeting is."""
    count = Document.objects.filter(meeting=meeting, status=DocumentStatus.PUBLISHED).count()
    return [ngettext("%(count)d document", "%(count)d documents", count) % {"count": count}]


_PLACEHOLDER = 987654321


@item_links
def documents_by_agenda_item(meeting: Meeting) -> dict[int, list[ItemLink]]:
    """The meeting's published documents filed under an agenda item, by item (one query)."""
    documents = (
        Document.objects.filter(
            meeting=meeting, status=DocumentStatus.PUBLISHED, agenda_item__isnull=False
        )
        .select_related("organization__parent")
        .prefetch_related("authors")
        .order_by("category__order", "title", "pk")
    )
    # One reverse() for the page, not one per document: a large meeting files hundreds.
    address = reverse("papers:document_detail", kwargs={"pk": _PLACEHOLDER})
    found: dict[int, list[ItemLink]] = {}
    for document in documents:
        url = address.replace(str(_PLACEHOLDER), str(document.pk), 1)
        link = ItemLink(document.title, url, " · ".join(document.byline))
        found.setdefault(document.agenda_item_id, []).append(link)
    return found
