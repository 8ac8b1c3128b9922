"""The focal points' forms: submit a paper, change it or replace its file."""

import uuid
from collections.abc import Sequence

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from meetings.models import AgendaItem, Meeting
from papers.models import Document, DocumentCategory, Language
from uploads.fields import OneFileField, OneFileInput
from uploads.filetypes import ALLOWED_KINDS, Inspection, inspect_upload
from uploads.filetypes import max_upload_size as papers_max_upload_size
from uploads.filetypes.reading import size_display

ACCEPT = ",".join(
    sorted({kind.extension for kind in ALLOWED_KINDS.values()} | {".jpeg"})
    + sorted({kind.content_type for kind in ALLOWED_KINDS.values()})
)


def file_help_text() -> str:
    return _(
        "A PDF, Word, PowerPoint or Excel document (or a PNG or JPEG image) of at most %(limit)s."
    ) % {"limit": size_display(papers_max_upload_size(), rounding="down")}


class DocumentForm(forms.ModelForm):
    """The details a focal point gives, and the file, checked by inspect_upload()."""

    file = OneFileField(
        label=_("File"),
        allow_empty_file=True,  # inspect_upload() says so, in the words of every other refusal
        widget=OneFileInput(attrs={"accept": ACCEPT}),
    )

    class Meta:
        model = Document
        fields = ["category", "title", "authors_text", "language", "agenda_item"]
        help_texts = {
            "authors_text": _("As they should appear on the meeting's page."),
            "agenda_item": _("Where the paper is presented, if it is."),
        }

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.inspection: Inspection | None = None
        if self.instance.meeting_id is None:
            self.instance.meeting = meeting  # Document.clean() checks the agenda item's meeting
        # Categories open to organizations, and the one the secretariat may have given it.
        self.fields["category"].queryset = DocumentCategory.objects.filter(
            Q(open_to_submissions=True) | Q(pk=self.instance.category_id)
        )
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(
            meeting=meeting
        ).with_number()
        self.fields["file"].help_text = file_help_text()

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            try:
                # The quick checks only; what a PDF's objects do is found by the isolated
                # check in the background (papers.tasks), where a hostile file stalls nobody.
                self.inspection = inspect_upload(
                    upload, max_size=papers_max_upload_size(), deep=False
                )
            except forms.ValidationError as error:
                self.upload_refusal = (upload, error.messages)  # for the security log
                raise
        return upload


class SubmissionForm(DocumentForm):
    """A new paper. The organization is asked only of focal points of several organizations."""

    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.none(),
        help_text=_("The organization you submit this paper for."),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    field_order = ["organization", "category", "title", "authors_text", "language"]

    def __init__(self, *args, organizations: Sequence[Organization], **kwargs) -> None:
        kwargs.setdefault("initial", {}).setdefault("submission_key", uuid.uuid4())
        super().__init__(*args, **kwargs)
        if len(organizations) > 1:
            self.fields["organization"].queryset = Organization.objects.filter(
                pk__in=[organization.pk for organization in organizations]
            ).select_related("parent")
            self.fields["organization"].label_from_instance = lambda org: org.label
        else:
            del self.fields["organization"]
            self.only_organization = organizations[0] if organizations else None

    @property
    def chosen_organization(self) -> Organization | None:
        if "organization" in self.fields:
            return self.cleaned_data.get("organization")
        return self.only_organization


class DocumentChangeForm(DocumentForm):
    """A submitted or returned paper: its details, and a file only to replace the current one
    or to add the paper in another language."""

    file_language = forms.ChoiceField(
        label=_("Language of the new file"),
        required=False,
        choices=[("", _("The paper's language")), *Language.choices],
        help_text=_(
            "A file in another language adds the paper in that language; its files in the "
            "other languages are kept."
        ),
    )

    field_order = ["category", "title", "authors_text", "language", "agenda_item", "file"]

    def __init__(self, *args, can_replace_file: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if can_replace_file:
            self.fields["file"].required = False
            self.fields["file"].label = _("Replace the file, or add a language")
            self.fields["file"].help_text = _(
                "Leave empty to keep the current file. A new file becomes a new version; "
                "earlier versions are kept. %(accepted)s"
            ) % {"accepted": file_help_text()}
        else:
            del self.fields["file"]
            del self.fields["file_language"]
