"""Documents: a meeting's papers, presentations and background documents, and who may see them."""

import re
from typing import TYPE_CHECKING, Self
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.text import SingleLineTextModel
from meetings.models import MeetingStatus
from papers.models.categories import DocumentCategory
from papers.models.choices import DocumentStatus, Language, can_see_all_documents
from papers.models.versions import DocumentVersion

if TYPE_CHECKING:
    from accounts.models import Organization

# UN document symbols: a body's letters, then "/"-separated parts such as RES, 65, CN.9, L.1, Add.1.
UN_SYMBOL = re.compile(r"^[A-Z]{1,10}(?:/[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*)+$")
UN_DOCUMENTS_URL = "https://docs.un.org/en/{symbol}"


def validate_un_symbol(value: str) -> None:
    if not UN_SYMBOL.fullmatch(value):
        raise ValidationError(
            _("“%(value)s” is not a UN document symbol such as A/RES/65/170 or A/67/254."),
            params={"value": value[:60]},
            code="invalid_un_symbol",
        )


class DocumentQuerySet(models.QuerySet["Document"]):
    def published(self):
        """What the public sees: published documents of published meetings."""
        return self.filter(status=DocumentStatus.PUBLISHED, meeting__status=MeetingStatus.PUBLISHED)

    def visible_to(self, user):
        """Published documents, plus every document of the user's organizations.

        Staff who may view documents in the back office (the Secretariat) see them all; other
        staff are treated like anyone else.
        """
        if can_see_all_documents(user):
            return self
        published = Q(status=DocumentStatus.PUBLISHED, meeting__status=MeetingStatus.PUBLISHED)
        if not user.is_authenticated:
            return self.filter(published)
        return self.filter(published | Q(organization__memberships__user=user)).distinct()

    def of_focal_point(self, user):
        """The documents a focal point manages: those of their organizations."""
        return self.filter(organization__memberships__user=user).distinct()

    def with_versions(self) -> Self:
        """Each document with `version_list`, newest first, so `current_version` costs nothing."""
        return self.prefetch_related(
            Prefetch(
                "versions",
                queryset=DocumentVersion.objects.order_by("-number"),
                to_attr="version_list",
            )
        )

    def for_meeting_page(self, meeting):
        """A meeting's published documents in the order of its page: by category, then title.

        The meeting's own status is the page's to check: a draft's preview, which only staff
        who may change meetings reach, lists them as its published page will."""
        return (
            self.filter(status=DocumentStatus.PUBLISHED, meeting=meeting)
            .for_listing()
            .order_by("category__order", "category__name", "category_id", "title", "pk")
        )

    def for_listing(self):
        return (
            self.prefetch_related("authors")
            .select_related("category", "organization__parent", "agenda_item", "published_version")
            .with_versions()
        )

    def awaiting_review(self):
        """What the secretariat has to look at: submitted documents, and published ones whose
        newest file is not the public one yet."""
        newest = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-number")
        return self.annotate(newest_version=Subquery(newest.values("pk")[:1])).filter(
            Q(status=DocumentStatus.SUBMITTED)
            | Q(status=DocumentStatus.PUBLISHED, newest_version__isnull=False)
            & ~Q(newest_version=F("published_version"))
        )


class Document(SingleLineTextModel):
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    category = models.ForeignKey(
        DocumentCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=300)
    authors = models.ManyToManyField(
        "meetings.Person",
        verbose_name=_("authors (people)"),
        blank=True,
        related_name="documents",
    )
    authors_text = models.CharField(
        _("authors"),
        max_length=300,
        blank=True,
        help_text=_("Authors as they should be shown, when they are not people in Plenary."),
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    language = models.CharField(
        _("language"), max_length=5, choices=Language, default=Language.ENGLISH
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("presented under agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    symbol = models.CharField(
        _("UN document symbol"),
        max_length=60,
        blank=True,
        validators=[validate_un_symbol],
        help_text=_("For example A/RES/65/170; linked to the UN Official Document System."),
    )
    external_url = models.URLField(
        _("external link"),
        max_length=500,
        blank=True,
        help_text=_("Instead of a file: where the document is published elsewhere."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus, default=DocumentStatus.SUBMITTED
    )
    review_comment = models.TextField(
        _("comment to the submitter"),
        blank=True,
        help_text=_("Sent to the organization when the document is returned or rejected."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decided_documents",
        help_text=_("Who last published, returned or rejected the document."),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    published_version = models.ForeignKey(
        "papers.DocumentVersion",
        verbose_name=_("public version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "The file the public reads: the version the secretariat published. A later version "
            "reaches the public only when it is published in turn."
        ),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_documents",
    )
    submission_key = models.UUIDField(
        _("submission key"),
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Makes a second submit of the same form harmless."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = DocumentQuerySet.as_manager()
    # What staff change, field by field (papers.history): shown on the admin's History page.
    history = HistoricalRecords(
        excluded_fields=["created_at", "updated_at", "submission_key"], m2m_fields=["authors"]
    )

    single_line_fields = ("title", "authors_text")

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["category__order", "title", "pk"]
        indexes = [models.Index(fields=["meeting", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("papers:document_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if (
            self.agenda_item_id
            and self.meeting_id
            and self.agenda_item.meeting_id != self.meeting_id
        ):
            raise ValidationError(
                {"agenda_item": _("Choose an agenda item of this document's meeting.")},
                code="agenda_item_of_other_meeting",
            )

    @property
    def is_published(self) -> bool:
        return self.status == DocumentStatus.PUBLISHED

    @property
    def is_editable_by_submitter(self) -> bool:
        """Focal points may edit, replace or withdraw until the document is published."""
        return self.status in (
            DocumentStatus.CHECKING,
            DocumentStatus.SUBMITTED,
            DocumentStatus.RETURNED,
        )

    @property
    def current_version(self) -> "DocumentVersion | None":
        versions = getattr(self, "version_list", None)
        if versions is None:
            return self.versions.order_by("-number").first()
        return versions[0] if versions else None

    @property
    def public_version(self) -> "DocumentVersion | None":
        """The version the public reads, while the document is published; else None."""
        return self.published_version if self.is_published else None

    @property
    def newer_version_waiting(self) -> bool:
        """Published, with a newer file than the public one still waiting for review."""
        current = self.current_version
        return self.is_published and current is not None and current.pk != self.published_version_id

    def version_state(self, version: "DocumentVersion") -> str:
        """How the version list names `version`: public, waiting for review, current or ""."""
        if self.is_published and version.pk == self.published_version_id:
            return str(_("public"))
        current = self.current_version
        if current is not None and version.pk == current.pk:
            return str(_("waiting for review") if self.is_published else _("current"))
        if self.is_published and self.published_version_id is not None:
            public = self.published_version
            if public is not None and version.number > public.number:
                return str(_("waiting for review"))
        return ""

    @property
    def file_being_checked(self) -> bool:
        """Its current file is still being checked in the background: nothing to publish yet."""
        current = self.current_version
        return current is not None and current.is_being_checked

    @property
    def can_be_published(self) -> bool:
        """Whether "Publish" has something to do: a document in review, or a newer version."""
        if self.file_being_checked:
            return False
        if self.is_published:
            return self.newer_version_waiting
        return self.status in (
            DocumentStatus.SUBMITTED,
            DocumentStatus.RETURNED,
            DocumentStatus.REJECTED,
        )

    @property
    def review_reasons(self) -> str:
        """What the check of the current file found worth a careful look; "" when nothing."""
        version = self.current_version
        return version.review_reasons if version is not None else ""

    @property
    def comment_for_submitter(self) -> str:
        """The secretariat's comment, while it says what to change or why the paper was refused.

        Every page and message the submitter reads shows the comment by this rule.
        """
        if self.status in (DocumentStatus.RETURNED, DocumentStatus.REJECTED):
            return self.review_comment
        return ""

    @property
    def other_link(self) -> str:
        """The external link, unless it is the same page as the symbol's: one link per place."""
        return self.external_url if self.external_url != self.symbol_url else ""

    @property
    def language_label(self) -> str:
        """get_language_display() without its cost: that hashes every choice on every call, and
        a meeting page lists hundreds of documents."""
        try:
            return str(Language(self.language).label)
        except ValueError:
            return self.language

    @property
    def symbol_url(self) -> str:
        return UN_DOCUMENTS_URL.format(symbol=quote(self.symbol)) if self.symbol else ""

    @property
    def authors_display(self) -> str:
        """The people among the authors, then the free-text ones: "Bela Hovy, DESA staff"."""
        return authors_display_of(
            [person.full_name for person in self.authors.all()], self.authors_text
        )

    @property
    def byline(self) -> list[str]:
        """Who the document is by, the organization named once (see byline_of)."""
        people = [person.full_name for person in self.authors.all()]
        return byline_of(people, self.authors_text, self.organization)


def authors_display_of(people: list[str], authors_text: str) -> str:
    """The people among the authors, then the free-text ones: "Bela Hovy, DESA staff"."""
    return ", ".join([*people, authors_text] if authors_text else people)


def byline_of(
    people: list[str], authors_text: str, organization: "Organization | None"
) -> list[str]:
    """Who a document is by, the organization named once: the authors, then the organization's
    label unless the authors already name it ("Bela Hovy, IOM" by IOM); authors that are only
    the organization's name or acronym give way to its label. `people` are the author people's
    names, in order; the programme passes them as plain values, a document page from its
    instances."""
    authors = authors_display_of(people, authors_text)
    if organization is None:
        return [authors] if authors else []
    names = {
        name.casefold()
        for name in (organization.name, organization.acronym, str(organization))
        if name
    } | {organization.label.casefold()}
    if authors_text.casefold() in names:
        return [*([", ".join(people)] if people else []), organization.label]
    if any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", authors.casefold()) for name in names):
        return [authors]
    return [*([authors] if authors else []), organization.label]
