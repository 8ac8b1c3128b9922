"""The "Add several documents" page: one document per file, all added or none."""

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import Organization
from meetings.models import Meeting
from papers.models import Document, DocumentCategory, Language
from papers.services.staff_uploads import documents_add_many


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


class AddSeveralMixin:
    """DocumentAdmin's view behind "Add several documents"; get_urls() routes to it."""

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
