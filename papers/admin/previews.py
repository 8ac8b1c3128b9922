"""The reviewer's pictures of the current file's first pages, on the document's admin page.

A version stored before the pictures existed gets them the first time a reviewer opens the page
(papers.services.previews.version_previews_make saves them, so they are made once).
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from papers.models import Document, DocumentVersion
from papers.services.previews import has_review_pages, version_previews_make
from papers.views.files import may_review


@dataclass(frozen=True)
class PagePicture:
    url: str
    alt: str


@dataclass(frozen=True)
class ReviewPreview:
    """What the page shows above the form: the pictures, or why there are none."""

    version: DocumentVersion
    pages: list[PagePicture] = field(default_factory=list)
    download_url: str = ""
    has_pictures: bool = False  # False: an Office file, which opens in its own program


def review_previews(request, document: Document | None) -> list[ReviewPreview]:
    """The previews of the files publishing would make public (the newest of each language), for
    reviewers; [] for anyone else or a document without a file."""
    if document is None or document.pk is None or not may_review(request.user):
        return []
    return [_preview(document, version) for version in document.files_to_publish]


def _preview(document: Document, version: DocumentVersion) -> ReviewPreview:
    names = version_previews_make(version=version)
    kwargs = {"pk": document.pk, "number": version.number}
    pages = [
        PagePicture(
            url=reverse("papers:version_preview", kwargs={**kwargs, "page": page}),
            alt=_("Page %(page)d of %(title)s") % {"page": page, "title": document.title},
        )
        for page in range(1, len(names) + 1)
    ]
    return ReviewPreview(
        version=version,
        pages=pages,
        download_url=reverse("papers:version_download", kwargs=kwargs),
        has_pictures=has_review_pages(version),
    )
