"""Documents: a meeting's papers, presentations and background documents, and who may see them."""

import re
from typing import TYPE_CHECKING, Self
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.text import SingleLineTextModel
from meetings.models import MeetingStatus
from papers.models.categories import DocumentCategory
from papers.models.choices import (
    DocumentStatus,
    Language,
    can_see_all_documents,
    document_language_of,
    language_label,
    language_sort_key,
)
from papers.models.versions import DocumentVersion

if TYPE_CHECKING:
    from accounts.models import Organization

# UN document symbols: a body's letters, then "/"-separated parts such as RES, 65, CN.9, L.1, Add.1.
UN_SYMBOL = re.compile(r"^[A-Z]{1,10}(?:/[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*)+$")
# The UN Official Document System, in one of its six languages: docs.un.org/fr/A/67/254.
UN_DOCUMENTS_URL = "https://docs.un.org/{language}/{symbol}"
UN_DOCUMENTS_LANGUAGES = frozenset({"ar", "zh", "en", "fr", "ru", "es"})


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
            .select_related("category", "organization__parent", "agenda_item")
            .with_versions()
        )

    def awaiting_review(self):
        """What the secretariat has to look at: submitted documents, and published ones with a
        file newer than the public one of its language (a new version, or a new language)."""
        public = DocumentVersion.objects.filter(
            document=OuterRef("document"),
            language=OuterRef("language"),
            is_public=True,
            number__gte=OuterRef("number"),
        )
        unpublished = DocumentVersion.objects.filter(document=OuterRef("pk")).exclude(
            Exists(public)
        )
        return self.filter(
            Q(status=DocumentStatus.SUBMITTED)
            | Q(status=DocumentStatus.PUBLISHED) & Exists(unpublished)
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
    def versions_newest_first(self) -> list["DocumentVersion"]:
        versions = getattr(self, "version_list", None)
        if versions is None:
            versions = list(self.versions.order_by("-number"))
        return versions

    @property
    def current_version(self) -> "DocumentVersion | None":
        """The newest file, in whichever language."""
        versions = self.versions_newest_first
        return versions[0] if versions else None

    @property
    def current_versions(self) -> list["DocumentVersion"]:
        """The newest file of each language, in the UN's order of languages."""
        newest: dict[str, DocumentVersion] = {}
        for version in self.versions_newest_first:
            newest.setdefault(version.language, version)
        return sorted(newest.values(), key=lambda version: language_sort_key(version.language))

    @property
    def languages_waiting(self) -> list["DocumentVersion"]:
        """The newest file of each language that is not its language's public file."""
        return [version for version in self.current_versions if not version.is_public]

    @property
    def files_to_publish(self) -> list["DocumentVersion"]:
        """What publishing makes public that is not yet: the newest file of each language, less
        those already public on a published document."""
        return self.languages_waiting if self.is_published else self.current_versions

    @property
    def public_versions(self) -> list["DocumentVersion"]:
        """The files the public reads, one per language in the UN's order, while the document
        is published; [] otherwise."""
        if not self.is_published:
            return []
        public = [version for version in self.versions_newest_first if version.is_public]
        return sorted(public, key=lambda version: language_sort_key(version.language))

    @property
    def public_version(self) -> "DocumentVersion | None":
        """The public file a reader gets first: in the reader's language if there is one, else
        in the document's own language, else the first of the others."""
        return preferred_version(self.public_versions, self.language)

    @property
    def preferred_version(self) -> "DocumentVersion | None":
        """What its organization and the secretariat download first: the newest file in the
        reader's language, else in the document's own language, else the first."""
        return preferred_version(self.current_versions, self.language)

    @property
    def current_files_label(self) -> str:
        """ "English version 1, French version 3": the newest file of each language."""
        return files_label(self.current_versions)

    @property
    def waiting_label(self) -> str:
        """ "French version 3, Spanish version 4": the files that wait for review."""
        return files_label(self.languages_waiting)

    @property
    def newer_version_waiting(self) -> bool:
        """Published, with a file newer than its language's public one (or in a language not
        public yet) still waiting for review."""
        return self.is_published and bool(self.languages_waiting)

    def version_state(self, version: "DocumentVersion") -> str:
        """How the version list names `version`: public, waiting for review, current or ""."""
        if self.is_published and version.is_public:
            return str(_("public"))
        current = {newest.pk for newest in self.current_versions}
        if version.pk in current:
            return str(_("waiting for review") if self.is_published else _("current"))
        if self.is_published:
            public = next(
                (
                    other
                    for other in self.versions_newest_first
                    if other.is_public and other.language == version.language
                ),
                None,
            )
            if public is not None and version.number > public.number:
                return str(_("waiting for review"))
        return ""

    @property
    def file_being_checked(self) -> bool:
        """A current file is still being checked in the background: nothing to publish yet."""
        return any(version.is_being_checked for version in self.current_versions)

    @property
    def can_be_published(self) -> bool:
        """Whether "Publish" has something to do: a document in review, or a newer file."""
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
        """What the check of the files publishing would make public found worth a careful
        look (of the public ones, when nothing waits), each language named when the document
        has files in several; "" when nothing. A language whose file was published already,
        looked at, does not ask for a second look when another language's file arrives."""
        current = self.current_versions
        files = self.files_to_publish or current
        flagged = [version for version in files if version.review_reasons.strip()]
        if len(current) == 1:
            return flagged[0].review_reasons if flagged else ""
        return "\n".join(
            f"{version.language_label}: {' '.join(version.review_reasons.split())}"
            for version in flagged
        )

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
        """The external link, unless it is the symbol's page: one link per place."""
        if not self.symbol:
            return self.external_url
        own = {symbol_url(self.symbol, code) for code in UN_DOCUMENTS_LANGUAGES}
        return "" if self.external_url in own else self.external_url

    @property
    def language_label(self) -> str:
        """get_language_display() without its cost (see language_label)."""
        return language_label(self.language)

    @property
    def symbol_url(self) -> str:
        """The symbol's page in the UN document system, in the reader's language."""
        if not self.symbol:
            return ""
        return symbol_url(self.symbol, document_language_of(get_language() or "en"))

    @property
    def symbol_language(self) -> str:
        """The language of symbol_url's page, for its hreflang."""
        code = document_language_of(get_language() or "en")
        return code if code in UN_DOCUMENTS_LANGUAGES else "en"

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


def symbol_url(symbol: str, language: str) -> str:
    """docs.un.org/<language>/<symbol>; English for a language the system does not have."""
    language = language if language in UN_DOCUMENTS_LANGUAGES else "en"
    return UN_DOCUMENTS_URL.format(language=language, symbol=quote(symbol))


def files_label(versions: list["DocumentVersion"]) -> str:
    """ "English version 1, French version 3"."""
    return ", ".join(
        gettext("%(language)s version %(number)s")
        % {"language": version.language_label, "number": version.number}
        for version in versions
    )


def preferred_version(
    versions: list["DocumentVersion"], own_language: str
) -> "DocumentVersion | None":
    """Of files one per language: the reader's language's, else `own_language`'s, else the
    first."""
    if not versions:
        return None
    by_language = {version.language: version for version in versions}
    reader = document_language_of(get_language() or "en")
    return by_language.get(reader) or by_language.get(own_language) or versions[0]


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
