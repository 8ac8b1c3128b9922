"""The secretariat's review queue: documents to publish, return or reject, and their files.

Decisions go through papers.services.review, as the public side's writes go through
papers.services.submission, so the admin and the public forms behave the same. Nothing here
deletes a document or a version.
"""

from functools import wraps

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt

from accounts.models import Organization
from meetings.models import Meeting

from .filetypes import ALLOWED_KINDS, inspect_upload, max_upload_size
from .models import Document, DocumentCategory, DocumentVersion, Language
from .services.review import (
    document_file_replace,
    document_publish,
    document_reject,
    document_return,
    documents_add_many,
)
from .uploadhandlers import PaperUploadHandler

KIND_LABELS = {kind.content_type: kind.label for kind in ALLOWED_KINDS.values()}


def with_paper_uploads(view):
    """Uploads to `view` go through PaperUploadHandler, which stores nothing past the size limit.

    Handlers must be set before anything reads request.POST, and CSRF checking reads it: the
    middleware is told to skip this view, and the admin_view inside checks CSRF itself.
    """

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.upload_handlers = [PaperUploadHandler(request)]
        return view(request, *args, **kwargs)

    return wrapper


def file_summary(version: DocumentVersion | None) -> str:
    if version is None:
        return "—"
    kind = KIND_LABELS.get(version.content_type, version.content_type)
    return f"{kind}, {filesizeformat(version.size)}"


# Forms -----------------------------------------------------------------------------------------


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


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment to the submitter"),
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        help_text=_("Mailed to the organization: say what to change, or why."),
    )


class PublishForm(forms.Form):
    acknowledge_review_reasons = forms.BooleanField(
        label=_("I have looked at the files listed above and publish them anyway."),
        required=True,
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Django's documented pattern: a list of files, each cleaned as one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_file_clean = super().clean
        if isinstance(data, list | tuple):
            return [single_file_clean(item, initial) for item in data]
        return [single_file_clean(data, initial)]


class AddSeveralForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.all())
    category = forms.ModelChoiceField(label=_("Category"), queryset=DocumentCategory.objects.all())
    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.all(),
        required=False,
        help_text=_("Leave empty for documents of the meeting itself."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language, initial=Language.ENGLISH)
    publish = forms.BooleanField(
        label=_("Publish them at once"),
        required=False,
        help_text=_(
            "Files that need a careful look (a PDF with JavaScript, say) stay in review whatever "
            "you choose here."
        ),
    )
    files = MultipleFileField(
        label=_("Files"),
        help_text=_(
            "One document per file, titled after the file's name. If one file is refused, "
            "none is added."
        ),
    )


# Admins ----------------------------------------------------------------------------------------


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


@admin.register(DocumentCategory)
class DocumentCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "open_to_submissions", "slug"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
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

    # Actions

    def _confirmation(self, request, queryset, *, action, template, form, title, **extra):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "documents": queryset,
            "form": form,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
            **extra,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, template, context)

    def _report(self, request, done: int, done_message: str, errors: list[str]) -> None:
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)
        for error in errors:
            self.message_user(request, error, messages.WARNING)

    @admin.action(description=_("Publish"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset):
        documents = list(queryset.select_related("meeting", "organization"))
        flagged = [document for document in documents if document.review_reasons.strip()]
        acknowledged = {document.pk for document in flagged}
        form = PublishForm(request.POST if "post" in request.POST else None)
        if flagged and not form.is_valid():
            return self._confirmation(
                request,
                queryset,
                action="publish",
                template="admin/papers/document_publish.html",
                form=form,
                title=_("Publish documents that need a careful look?"),
                flagged=flagged,
            )
        errors, done = [], 0
        for document in documents:
            try:
                document_publish(
                    document=document,
                    by=request.user,
                    acknowledge_review_reasons=document.pk in acknowledged,
                    request_base_url=request.build_absolute_uri("/"),
                )
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                done += 1
                self.log_change(request, document, _("Published."))
        message = ngettext(
            "%(count)d document was published.", "%(count)d documents were published.", done
        )
        self._report(request, done, message, errors)
        return None

    def _decide(self, request, queryset, *, action, service, title, done_message, log):
        form = CommentForm(request.POST if "post" in request.POST else None)
        if not form.is_valid():
            return self._confirmation(
                request,
                queryset.select_related("meeting", "organization"),
                action=action,
                template="admin/papers/document_comment.html",
                form=form,
                title=title,
            )
        errors, done = [], 0
        for document in queryset:
            try:
                service(
                    document=document,
                    comment=form.cleaned_data["comment"],
                    by=request.user,
                    request_base_url=request.build_absolute_uri("/"),
                )
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                done += 1
                self.log_change(request, document, log % {"comment": form.cleaned_data["comment"]})
        self._report(request, done, done_message(done), errors)
        return None

    @admin.action(description=_("Return to submitter with a comment"), permissions=["change"])
    def return_to_submitter(self, request: HttpRequest, queryset):
        return self._decide(
            request,
            queryset,
            action="return_to_submitter",
            service=document_return,
            title=_("Return documents to their submitters"),
            log=_("Returned to the submitter: %(comment)s"),
            done_message=lambda count: ngettext(
                "%(count)d document was returned to its submitter.",
                "%(count)d documents were returned to their submitters.",
                count,
            ),
        )

    @admin.action(description=_("Reject with a comment"), permissions=["change"])
    def reject(self, request: HttpRequest, queryset):
        return self._decide(
            request,
            queryset,
            action="reject",
            service=document_reject,
            title=_("Reject documents"),
            log=_("Rejected: %(comment)s"),
            done_message=lambda count: ngettext(
                "%(count)d document was rejected.", "%(count)d documents were rejected.", count
            ),
        )

    # Add several

    def add_several_view(self, request: HttpRequest):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = AddSeveralForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                documents = documents_add_many(
                    meeting=data["meeting"],
                    category=data["category"],
                    organization=data["organization"],
                    language=data["language"],
                    files=data["files"],
                    by=request.user,
                    publish=data["publish"],
                )
            except ValidationError as error:
                form.add_error("files", error)
            else:
                self._report_added(request, documents, publish=data["publish"])
                changelist = reverse("admin:papers_document_changelist")
                return HttpResponseRedirect(f"{changelist}?meeting__id__exact={data['meeting'].pk}")
        fieldsets = [
            (None, {"fields": ["meeting", "category", "organization", "language", "publish"]}),
            (None, {"fields": ["files"]}),
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Add several documents"),
            "opts": self.opts,
            "form": form,
            "adminform": helpers.AdminForm(form, fieldsets, {}),
            "errors": helpers.AdminErrorList(form, []),
            "media": self.media + form.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/papers/document_add_several.html", context)

    def _report_added(self, request, documents: list[Document], *, publish: bool) -> None:
        added = len(documents)
        self.message_user(
            request,
            ngettext("%(count)d document was added.", "%(count)d documents were added.", added)
            % {"count": added},
            messages.SUCCESS,
        )
        held = [document for document in documents if not document.is_published]
        if publish and held:
            self.message_user(
                request,
                ngettext(
                    "%(count)d was not published because its file needs a careful look: %(titles)s",
                    "%(count)d were not published because their files need a careful look: "
                    "%(titles)s",
                    len(held),
                )
                % {"count": len(held), "titles": ", ".join(d.title for d in held)},
                messages.WARNING,
            )
