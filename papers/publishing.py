"""What papers adds to a meeting's pages through meetings.extensions: what it makes public with
the meeting (the publish confirmation), the documents listed under each agenda item in the
programme, and its documents' titles on the admin's "Translation status"."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from config.content_languages import every_language, marked
from meetings.extensions import ItemLink, item_links, publish_summary
from meetings.models import Meeting
from meetings.models.people import full_name_of
from meetings.translation_status import Content, translatable_content
from papers.models import Document, DocumentStatus
from papers.models.documents import byline_of


@publish_summary
def published_documents(meeting: Meeting) -> list[str]:
    """The meeting's published documents: public once the meeting is."""
    count = Document.objects.filter(meeting=meeting, status=DocumentStatus.PUBLISHED).count()
    return [ngettext("%(count)d document", "%(count)d documents", count) % {"count": count}]


_PLACEHOLDER = 987654321


@item_links
def documents_by_agenda_item(meeting: Meeting) -> dict[int, list[ItemLink]]:
    """The meeting's published documents filed under an agenda item, by item (two queries).

    A large meeting files hundreds, on a page read uncached after every edit: the authors come
    as plain names from one query of their own, not as a prefetch that makes a related manager
    and a Person per document (that was half this function's time, issue 11)."""
    documents = list(
        Document.objects.filter(
            meeting=meeting, status=DocumentStatus.PUBLISHED, agenda_item__isnull=False
        )
        .select_related("organization__parent")
        .only(*_FIELDS)
        .order_by("category__order", "title", "pk")
    )
    people: dict[int, list[str]] = {}
    authors = (
        Document.authors.through.objects.filter(document__in=[d.pk for d in documents])
        .order_by("person__name_key", "person__pk")
        .values_list(
            "document_id", "person__given_name", "person__family_name", "person__withheld_at"
        )
    )
    for document_id, given_name, family_name, withheld_at in authors:
        name = full_name_of(given_name, family_name, withheld=withheld_at is not None)
        people.setdefault(document_id, []).append(name)
    # One reverse() for the page, not one per document.
    address = reverse("papers:document_detail", kwargs={"pk": _PLACEHOLDER})
    found: dict[int, list[ItemLink]] = {}
    for document in documents:
        url = address.replace(str(_PLACEHOLDER), str(document.pk), 1)
        byline = byline_of(
            people.get(document.pk, []), document.authors_text, document.organization
        )
        link = ItemLink(document.title, url, " · ".join(byline), marked(document, "title"))
        found.setdefault(document.agenda_item_id, []).append(link)
    return found


# Each text in every language: the page reads its reader's (config/content_languages.py).
_ORGANIZATION = (*every_language("name"), *every_language("acronym"), "parent_id")
_FIELDS = (
    *every_language("title"),
    "agenda_item_id",
    "authors_text",
    "organization_id",
    *(f"organization__{field}" for field in _ORGANIZATION),
    *(f"organization__parent__{field}" for field in _ORGANIZATION),
)


@translatable_content
def document_titles(meeting: Meeting) -> list[Content]:
    """The meeting's documents' titles, on the admin's "Translation status" page."""
    return [
        Content(
            _("Documents"),
            Document.objects.filter(meeting=meeting).order_by("category__order", "title", "pk"),
            ("title",),
            "title",
            lambda row: reverse("admin:papers_document_change", args=[row["pk"]]),
        )
    ]
