"""Documents in the back office: the list, the change page with its file history."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from papers.admin.actions import ReviewActionsMixin
from papers.admin.add_several import AddSeveralMixin
from papers.admin.uploads import with_paper_uploads
from papers.filetypes import inspect_upload, max_upload_size
from papers.models import Document, DocumentVersion
from papers.services.review import document_file_replace, document_publish


def file_summary(version: DocumentVersion | None) -> str:
    if version is None:
        return "—"
    return f"{version.kind_label}, {filesizeformat(version.size)}"


class DocumentAdminForm(forms.ModelForm):
    """The document's fields, and a file: a new version, the earlier ones kept."""

    new_file = forms.FileField(
        label=_("Upload a file"),
        required=False,
        help_text=_(
            "Adds a new version of the document; earlier versions are kept. PDF, Word, "
            "PowerPoint, Excel, PNG or JPEG."
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
            self.inspection = inspect_upload(upload, max_size=max_upload_size())
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


class DocumentVersionInline(admin.TabularInline):
    """The history of the document's files: read only, none ever deleted."""

    model = DocumentVersion
    fields = [
        "number",
        "original_name",
        "file_size",
        "sha256",
        "page_count",
        "uploaded_by",
        "uploaded_at",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-number"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("size"))
    def file_size(self, version: DocumentVersion) -> str:
        return filesizeformat(version.size)


@admin.register(Document)
class DocumentAdmin(ReviewActionsMixin, AddSeveralMixin, admin.ModelAdmin):
    form = DocumentAdminForm
    change_form_template = "admin/papers/document_change_form.html"
    change_list_template = "admin/papers/document_change_list.html"
    list_display = [
        "title",
        "meeting",
        "category",
        "organization",
        "status",
        "flagged",
        "submitted",
        "current_file",
    ]
    list_filter = [
        ("meeting", admin.RelatedOnlyFieldListFilter),
        "status",
        "category",
        ("organization", admin.RelatedOnlyFieldListFilter),
        "language",
    ]
    list_select_related = ["meeting", "category", "organization"]
    search_fields = ["title", "authors_text", "authors__family_name", "symbol"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-pk"]  # the newest submissions first
    autocomplete_fields = ["meeting", "organization", "authors", "agenda_item"]
    readonly_fields = [
        "preview",
        "status",
        "review_reasons",
        "review_comment",
        "submitted_by",
        "created_at",
        "updated_at",
        "published_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    ("meeting", "category"),
                    "organization",
                    "language",
                    "authors_text",
                    "authors",
                    "agenda_item",
                    ("symbol", "external_url"),
                ]
            },
        ),
        (_("File"), {"fields": ["preview", "new_file"]}),
        (
            _("Review"),
            {
                "fields": [
                    "status",
                    "review_reasons",
                    "review_comment",
                    "submitted_by",
                    ("created_at", "updated_at", "published_at"),
                ]
            },
        ),
    ]
    inlines = [DocumentVersionInline]
    actions = ["publish", "return_to_submitter", "reject"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_versions()

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        urls = super().get_urls()
        for pattern in urls:
            if pattern.name in ("{}_{}_add".format(*info), "{}_{}_change".format(*info)):
                pattern.callback = with_paper_uploads(pattern.callback)
        add_several = with_paper_uploads(self.admin_site.admin_view(self.add_several_view))
        return [
            path("add-several/", add_several, name="{}_{}_add_several".format(*info)),
            *urls,
        ]

    def has_delete_permission(self, request, obj=None):
        return False

    # Columns and read-only fields

    @admin.display(description=_("flags"))
    def flagged(self, document: Document) -> str | None:
        """The review reasons, so the queue shows what needs a careful look; else "-"."""
        reasons = " ".join(document.review_reasons.split())
        return f"\N{WARNING SIGN} {reasons}" if reasons else None

    @admin.display(description=_("submitted"), ordering="created_at")
    def submitted(self, document: Document):
        return document.created_at

    @admin.display(description=_("current file"))
    def current_file(self, document: Document) -> str:
        return file_summary(document.current_version)

    @admin.display(description=_("current file"))
    def preview(self, document: Document) -> str:
        version = document.current_version if document.pk else None
        if version is None:
            return _("No file yet.")
        link = reverse(
            "papers:version_download", kwargs={"pk": document.pk, "number": version.number}
        )
        picture = ""
        if version.thumbnail:
            picture = format_html(
                '<img src="{}" alt="{}" width="160" class="paper-thumbnail"><br>',
                reverse(
                    "papers:version_thumbnail",
                    kwargs={"pk": document.pk, "number": version.number},
                ),
                _("First page of %(name)s") % {"name": version.original_name},
            )
        return format_html(
            '<a href="{}">{}{}</a> ({}, {})',
            link,
            picture,
            _("Download %(name)s") % {"name": version.original_name},
            _("version %(number)s") % {"number": version.number},
            file_summary(version),
        )

    # Saving

    def response_change(self, request, obj):
        """ "Save and publish": publish the version the page showed, and nothing newer."""
        if "_publish" not in request.POST:
            return super().response_change(request, obj)
        shown = request.POST.get("_version", "")
        # A file uploaded on this very page is the one the staff member chose to publish.
        expected = None if request.FILES.get("new_file") else int(shown) if shown.isdigit() else 0
        try:
            document_publish(
                document=obj,
                by=request.user,
                acknowledge_review_reasons="_acknowledge" in request.POST,
                expected_version=expected,
                request_base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            for message in error.messages:
                self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.path)
        self.log_change(request, obj, _("Published."))
        self.message_user(
            request, _("“%(title)s” was published.") % {"title": obj.title}, messages.SUCCESS
        )
        return HttpResponseRedirect(reverse("admin:papers_document_changelist"))

    def save_model(self, request, obj, form, change):
        was_published = obj.is_published
        super().save_model(request, obj, form, change)
        upload = form.cleaned_data.get("new_file")
        if not upload:
            return
        version = document_file_replace(
            document=obj, upload=upload, by=request.user, inspection=form.inspection
        )
        self.message_user(
            request,
            _("%(name)s was added as version %(number)s.")
            % {"name": version.original_name, "number": version.number},
            messages.SUCCESS,
        )
        if was_published and not obj.is_published:
            self.message_user(
                request,
                _("The new file needs a careful look, so the document is back in review."),
                messages.WARNING,
            )
