"""The parts of the document's admin page: its form (with the file upload), the review queue's
filter, and the read-only history of its files."""

from typing import override

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from config.admin_languages import InAnyLanguageForm
from papers.forms import OneFileField
from papers.models import Document, DocumentVersion, Language
from uploads.filetypes import inspect_upload, max_upload_size


class DocumentAdminForm(InAnyLanguageForm):
    """The document's fields, and a file: a new version, the earlier ones kept. Its title in
    any language: a focal point working in Spanish submits a title in Spanish only."""

    in_any_language = {"title": _("Enter the title in at least one language.")}

    new_file = OneFileField(
        label=_("Upload a file"),
        required=False,
        help_text=_(
            "Adds a new version of the document; earlier versions are kept. PDF, Word, "
            "PowerPoint, Excel, PNG or JPEG."
        ),
    )

    new_file_language = forms.ChoiceField(
        label=_("Language of the file"),
        required=False,
        choices=[("", _("The document's language")), *Language.choices],
        help_text=_(
            "A file in another language adds the document in that language; the files of the"
            " other languages are kept."
        ),
    )

    class Meta:
        model = Document
        fields = [
            "title",
            "meeting",
            "category",
            "organization",
            "language",
            "authors_text",
            "authors",
            "agenda_item",
            "symbol",
            "external_url",
        ]

    def clean_new_file(self):
        upload = self.cleaned_data.get("new_file")
        self.inspection = None
        if upload:
            try:
                self.inspection = inspect_upload(upload, max_size=max_upload_size(), deep=False)
            except forms.ValidationError as error:
                self.upload_refusal = (upload, error.messages)  # for the security log
                raise
        return upload

    def clean(self):
        cleaned_data = super().clean()
        has_content = cleaned_data.get("new_file") or cleaned_data.get("external_url")
        if self.instance.pk is None and not self.errors and not has_content:
            raise forms.ValidationError(
                _("Upload a file or give an external link: a document needs one of them."),
                code="no_file_or_link",
            )
        return cleaned_data


class AwaitingReviewFilter(admin.SimpleListFilter):
    """The queue: submitted documents, and published ones with a newer file to look at."""

    title = _("review")
    parameter_name = "review"

    @override
    def lookups(self, request, model_admin):
        return [("waiting", _("Waiting for review"))]

    @override
    def queryset(self, request, queryset):
        return queryset.awaiting_review() if self.value() == "waiting" else queryset


class DocumentVersionInline(admin.TabularInline):
    """The history of the document's files: read only, none ever deleted."""

    model = DocumentVersion
    fields = [
        "number",
        "language",
        "public",
        "original_name",
        "summary",
        "check_state",
        "review_reasons",
        "checksum",
        "uploaded_by",
        "uploaded_at",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-number"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by", "document")

    @override
    def has_add_permission(self, request, obj=None):
        return False

    @override
    def has_change_permission(self, request, obj=None):
        return False

    @override
    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file"))
    def summary(self, version: DocumentVersion) -> str:
        return version.summary

    @admin.display(description=_("SHA-256"))
    def checksum(self, version: DocumentVersion) -> str:
        """The first 12 characters, enough to tell files apart; the whole one on hover."""
        return format_html('<span title="{}">{}…</span>', version.sha256, version.sha256[:12])

    @admin.display(description=_("public"))
    def public(self, version: DocumentVersion) -> str:
        """What the public reads: the version of its language the secretariat published, while the
        document is published."""
        is_public = version.document.is_published and version.is_public
        return _("Public") if is_public else "—"
