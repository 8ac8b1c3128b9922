"""Documents in the back office: the list, the change page with its file history."""

from typing import override

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from accounts.admin_concurrency import StalePageMixin
from accounts.text import NfcSearchMixin
from config.admin_languages import TranslatedAdmin
from papers.admin.actions import ReviewActionsMixin, list_filters
from papers.admin.add_several import AddSeveralMixin
from papers.admin.document_parts import (
    AwaitingReviewFilter,
    DocumentAdminForm,
    DocumentVersionInline,
)
from papers.admin.previews import review_previews
from papers.history import DocumentHistoryMixin
from papers.models import Document
from papers.models.documents import files_label
from papers.services.review import REJECT_FROM, RETURN_FROM, document_publish
from papers.services.staff_uploads import document_file_replace
from uploads.refusals import upload_refusal_record

# The decisions on a document's page: the list action each one runs, and its button.
DECISIONS = {
    "publish": ("publish", _("Publish")),
    "return": ("return_to_submitter", _("Return with a comment")),
    "reject": ("reject", _("Reject with a comment")),
}


@admin.register(Document)
class DocumentAdmin(
    DocumentHistoryMixin,
    StalePageMixin,
    NfcSearchMixin,
    ReviewActionsMixin,
    AddSeveralMixin,
    TranslatedAdmin,
):
    form = DocumentAdminForm
    change_form_template = "admin/papers/document_change_form.html"
    change_list_template = "admin/papers/document_change_list.html"
    # What a reviewer reads first comes first; category and meeting are filters on the right.
    list_display = [
        "title",
        "status",
        "public_file",
        "flagged",
        "organization_name",
        "submitted",
        "current_file",
        "meeting",
    ]
    list_filter = [
        AwaitingReviewFilter,
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
        "decision",
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
        (_("File"), {"fields": ["preview", ("new_file", "new_file_language")]}),
        (
            _("Review"),
            {
                "fields": [
                    "status",
                    "review_reasons",
                    "review_comment",
                    "submitted_by",
                    "decision",
                    ("created_at", "updated_at", "published_at"),
                ]
            },
        ),
    ]
    inlines = [DocumentVersionInline]
    actions = ["publish", "return_to_submitter", "reject"]

    def get_queryset(self, request):
        # The changelist adds list_select_related only to a queryset that selects nothing yet.
        related = [*self.list_select_related, "decided_by"]
        return super().get_queryset(request).select_related(*related).with_versions()

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        add_several = self.admin_site.admin_view(self.add_several_view)
        decide = self.admin_site.admin_view(self.decide_view)
        return [
            path("add-several/", add_several, name="{}_{}_add_several".format(*info)),
            path(
                "<path:object_id>/decide/<str:decision>/",
                decide,
                name="{}_{}_decide".format(*info),
            ),
            *super().get_urls(),
        ]

    @override
    def has_delete_permission(self, request, obj=None):
        return False

    @override
    def get_list_display(self, request):
        """The meeting's column only while the list shows several meetings' documents."""
        if request.GET.get("meeting__id__exact"):
            return [name for name in self.list_display if name != "meeting"]
        return self.list_display

    def decisions_for(self, request, document: Document | None) -> list[tuple[str, str]]:
        """The decisions the document's page offers: (name in the URL, button label)."""
        if document is None or not self.has_change_permission(request, document):
            return []
        allowed = {
            "publish": document.can_be_published and document.current_version is not None,
            "return": document.status in RETURN_FROM,
            "reject": document.status in REJECT_FROM,
        }
        return [(name, str(label)) for name, (_action, label) in DECISIONS.items() if allowed[name]]

    def decide_view(self, request, object_id, decision):
        """A decision from the document's page: the list action on this one document, with
        the same confirmation pages, then back to the list with its filters kept."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        document = self.get_object(request, unquote(object_id))
        if document is None or decision not in DECISIONS:
            raise Http404
        if decision not in dict(self.decisions_for(request, document)):
            raise PermissionDenied
        action = getattr(self, DECISIONS[decision][0])
        confirmation = action(request, self.get_queryset(request).filter(pk=document.pk))
        return confirmation or self.changelist_redirect(request)

    def changelist_redirect(self, request) -> HttpResponseRedirect:
        url = reverse("admin:papers_document_changelist")
        filters = list_filters(request)
        return HttpResponseRedirect(f"{url}?{filters}" if filters else url)

    @override
    def render_change_form(self, request, context, *args, **kwargs):
        """A page shown again with a refused file: the refusal goes to the security log."""
        context["decisions"] = self.decisions_for(request, kwargs.get("obj"))
        context["review_previews"] = review_previews(request, kwargs.get("obj"))
        form = context["adminform"].form
        if refusal := getattr(form, "upload_refusal", None):
            upload, reasons = refusal
            upload_refusal_record(
                upload=upload,
                reasons=reasons,
                by=request.user,
                organization=form.cleaned_data.get("organization"),
            )
        return super().render_change_form(request, context, *args, **kwargs)

    # Columns and read-only fields

    @admin.display(description=_("flags"))
    def flagged(self, document: Document) -> str | None:
        """The review reasons, so the queue shows what needs a careful look; else "-"."""
        reasons = " ".join(document.review_reasons.split())
        return f"\N{WARNING SIGN} {reasons}" if reasons else None

    @admin.display(description=_("organization"), ordering="organization__name")
    def organization_name(self, document: Document) -> str | None:
        """The acronym where there is one ("IOM"), the name in full on hover; "-" for the
        Secretariat's own documents."""
        organization = document.organization
        if organization is None:
            return None
        return format_html(
            '<span title="{}" dir="auto">{}</span>', organization.name, organization.short_name
        )

    @admin.display(description=_("submitted"), ordering="created_at")
    def submitted(self, document: Document) -> str:
        """The day, so the queue fits 1280 px; the time on hover."""
        created = localtime(document.created_at)
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            created.isoformat(),
            date_format(created, "DATETIME_FORMAT"),
            date_format(created, "j M Y"),
        )

    @admin.display(description=_("current file"))
    def current_file(self, document: Document) -> str:
        """ "PDF, 1.2 MB, 3 pages"; with files in several languages, each language's."""
        current = document.current_versions
        if len(current) > 1:
            return "; ".join(f"{version.language_label}: {version.summary}" for version in current)
        return current[0].summary if current else "—"

    @admin.display(description=_("public file"))
    def public_file(self, document: Document) -> str:
        """ "Version 1", or "Version 1; version 2 waits for review"; with files in several
        languages, each named: "English version 1, French version 3"."""
        public = document.public_versions
        if not public:
            return _("External link") if document.is_published and document.external_url else "—"
        several = len(document.current_versions) > 1
        shown = (
            files_label(public)
            if several
            else _("Version %(number)s") % {"number": public[0].number}
        )
        if document.newer_version_waiting:
            if several:
                shown += "; " + _("waiting for review: %(files)s") % {
                    "files": document.waiting_label
                }
            else:
                current = document.current_version
                shown += "; " + _("version %(number)s waits for review") % {
                    "number": current.number if current else "?"
                }
        return shown

    @admin.display(description=_("last decided by"))
    def decision(self, document: Document) -> str:
        """Who last published, returned or rejected it, and when: the review services record it."""
        if document.decided_at is None:
            return _("Nobody yet.")
        return _("%(who)s, %(when)s") % {
            "who": document.decided_by or _("a former user"),
            "when": date_format(localtime(document.decided_at), "DATETIME_FORMAT"),
        }

    @admin.display(description=_("current file"))
    def preview(self, document: Document) -> str:
        """The newest file, or with files in several languages the newest of each."""
        current = document.current_versions if document.pk else []
        if not current:
            return _("No file yet.")
        if len(current) == 1:
            return self._file_link(document, current[0])
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}: {}</li>",
                (
                    (version.language_label, self._file_link(document, version))
                    for version in current
                ),
            ),
        )

    def _file_link(self, document: Document, version) -> str:
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
            '<a href="{}" hreflang="{}">{}{}</a> ({}, {})',
            link,
            version.language,
            picture,
            _("Download %(name)s") % {"name": version.original_name},
            _("version %(number)s") % {"number": version.number},
            version.summary,
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
            )
        except ValidationError as error:
            for message in error.messages:
                self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.path)
        self.message_user(
            request, _("“%(title)s” was published.") % {"title": obj.title}, messages.SUCCESS
        )
        self._offer_next(request, decided=[obj.pk])
        return self.changelist_redirect(request)

    def save_model(self, request, obj, form, change):
        was_published = obj.is_published
        super().save_model(request, obj, form, change)
        upload = form.cleaned_data.get("new_file")
        if not upload:
            return
        version = document_file_replace(
            document=obj,
            upload=upload,
            by=request.user,
            inspection=form.inspection,
            language=form.cleaned_data.get("new_file_language") or None,
        )
        added = {"name": version.original_name, "number": version.number}
        if version.language == obj.language:
            message = _("Version %(number)s added: %(name)s.") % added
        else:
            message = _("Version %(number)s added in %(language)s: %(name)s.") % {
                **added,
                "language": version.language_label,
            }
        self.message_user(request, message, messages.SUCCESS)
        if was_published and not obj.is_published:
            self.message_user(
                request,
                _("The new file needs a careful look, so the document is back in review."),
                messages.WARNING,
            )
