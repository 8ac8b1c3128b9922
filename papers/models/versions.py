"""File versions: each uploaded file of a document, with what the check of it found."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from meetings.models import MeetingStatus
from papers.models.choices import (
    DocumentStatus,
    FileCheck,
    Language,
    can_see_all_documents,
    language_label,
    language_name,
    language_name_tag,
    language_tag,
)
from uploads.filetypes.kinds import ALLOWED_KINDS
from uploads.filetypes.reading import size_display

# "PDF", "Word"…: how a file's allow-listed content type is named to people.
KIND_LABELS = {kind.content_type: kind.label for kind in ALLOWED_KINDS.values()}


def version_upload_to(_version: "DocumentVersion", filename: str) -> str:
    """A generated, unguessable name: nothing of the uploader's file name reaches the disk."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"papers/{uuid.uuid4().hex}{suffix}"


def thumbnail_upload_to(_version: "DocumentVersion", _filename: str) -> str:
    """Thumbnails are ours: PNG, under a generated name."""
    return f"papers/thumbnails/{uuid.uuid4().hex}.png"


class DocumentVersionQuerySet(models.QuerySet["DocumentVersion"]):
    def visible_to(self, user) -> "DocumentVersionQuerySet":
        """The versions `user` may list and download: the one rule every page and file URL uses.

        The public, and members of other organizations, reach exactly the versions the
        secretariat published, one per language, of a published document of a published
        meeting: no earlier version and no later one still waiting for review. The document's
        own organization and the Secretariat reach every version.
        """
        if can_see_all_documents(user):
            return self
        public = Q(
            document__status=DocumentStatus.PUBLISHED,
            document__meeting__status=MeetingStatus.PUBLISHED,
            is_public=True,
        )
        if not user.is_authenticated:
            return self.filter(public)
        return self.filter(public | Q(document__organization__memberships__user=user)).distinct()


class DocumentVersion(models.Model):
    """One uploaded file of a document. Replacing a file adds a version; none is ever deleted."""

    document = models.ForeignKey(
        "papers.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveIntegerField(
        _("version"),
        help_text=_("Counted across the document's files in every language: 1, 2, 3…"),
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=Language,
        default=Language.ENGLISH,
        help_text=_("The language the file is in: a document has a file per language."),
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "The file of its language the public reads, while the document is published: the"
            " version the secretariat published. One per language."
        ),
    )
    file = models.FileField(_("file"), upload_to=version_upload_to, max_length=200)
    original_name = models.CharField(
        _("original file name"),
        max_length=255,
        help_text=_("Offered as the name of the download; the file is stored under another."),
    )
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    review_reasons = models.TextField(
        _("why it needs a careful look"),
        blank=True,
        help_text=_("Found when the file was checked, e.g. a PDF that contains JavaScript."),
    )
    thumbnail = models.ImageField(
        _("thumbnail"), upload_to=thumbnail_upload_to, max_length=200, blank=True
    )
    preview_pages = models.JSONField(
        _("review previews"),
        default=list,
        blank=True,
        help_text=_(
            "Storage names of the larger pictures of its first pages the reviewer reads, made"
            " once for the version."
        ),
    )
    check_state = models.CharField(
        _("file check"),
        max_length=10,
        choices=FileCheck,
        default=FileCheck.CHECKED,
        help_text=_(
            "PDFs and images are checked in the background after the upload; a version being"
            " checked cannot be published."
        ),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uploaded_versions",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = DocumentVersionQuerySet.as_manager()
    # Its metadata; the pictures made from the file are derived, not history.
    history = HistoricalRecords(excluded_fields=["thumbnail", "preview_pages"])

    class Meta:
        verbose_name = _("file version")
        verbose_name_plural = _("file versions")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="papers_version_unique_number"
            ),
            models.UniqueConstraint(
                fields=["document", "language"],
                condition=Q(is_public=True),
                name="papers_version_one_public_per_language",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.original_name} (v{self.number})"

    def get_absolute_url(self) -> str:
        return reverse(
            "papers:version_download",
            kwargs={"pk": self.document_id, "number": self.number},
        )

    @property
    def language_label(self) -> str:
        """ "French": the language's name in the reader's language."""
        return language_label(self.language)

    @property
    def language_name(self) -> str:
        """ "Français": the language's name in itself, as a choice of language is offered."""
        return language_name(self.language)

    @property
    def language_tag(self) -> str:
        """ "fr", for hreflang; empty for a file in another language than the ones we name."""
        return language_tag(self.language)

    @property
    def language_name_tag(self) -> str:
        """The lang of language_name: "fr" for "Français", empty for "Other"."""
        return language_name_tag(self.language)

    @property
    def is_being_checked(self) -> bool:
        return self.check_state == FileCheck.CHECKING

    @property
    def kind_label(self) -> str:
        """ "PDF", "Word"…, for "PDF, 1.2 MB"."""
        return str(KIND_LABELS.get(self.content_type, self.content_type))

    @property
    def summary(self) -> str:
        """ "PDF, 1.2 MB, 3 pages": what a person reads about the file before opening it."""
        parts = [self.kind_label, size_display(self.size)]
        if self.page_count:
            parts.append(
                ngettext("%(count)d page", "%(count)d pages", self.page_count)
                % {"count": self.page_count}
            )
        return ", ".join(parts)
