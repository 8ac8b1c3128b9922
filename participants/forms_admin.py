"""Forms of the Secretariat's back office for participants: adding a participant directly, and
the messages that go with a decision."""

from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy

from accounts.models import User
from participants.forms import LetterField, PhoneField, letter_inspected
from participants.models import Nomination
from participants.services.nominations import Nominee, nomination_create

NOMINEE_FIELDS = [
    "honorific",
    "given_name",
    "family_name",
    "position",
    "email",
    "phone",
    "listed",
    "head_of_delegation",
    "requirements",
]


class NominationAddForm(forms.ModelForm):
    """The Secretariat adds a participant: nomination_create(by_staff=True), accepted at once.

    The service is the form's last check and its save: what it refuses (a person nominated
    already, no place left, a meeting without registration) is shown on the form, and nothing
    is stored.
    """

    letter_file = LetterField(
        required=False,
        help_text=gettext_lazy(
            "Optional: a note verbale or nomination letter, as a PDF. It is checked as every "
            "uploaded file is."
        ),
    )

    # Set by NominationAdmin.get_form(): the staff member adding the participant.
    added_by: ClassVar[User | None] = None

    class Meta:
        model = Nomination
        fields = ["meeting", "organization", *NOMINEE_FIELDS]
        field_classes = {"phone": PhoneField}

    def clean_letter_file(self) -> UploadedFile | None:
        """The check the focal points' form makes: uploads.filetypes, and a plain PDF."""
        upload = self.cleaned_data.get("letter_file")
        if upload:
            letter_inspected(upload)
        return upload or None

    def _post_clean(self) -> None:
        super()._post_clean()  # the model's own checks: bidi controls in names, lengths
        if self.errors:
            return
        nominee = Nominee(
            **{name: getattr(self.instance, name) for name in NOMINEE_FIELDS},
        )
        try:
            self.instance = nomination_create(
                meeting=self.cleaned_data["meeting"],
                organization=self.cleaned_data["organization"],
                nominee=nominee,
                by=self.added_by,
                letter=self.cleaned_data.get("letter_file"),
                by_staff=True,
            )
        except ValidationError as error:
            self._update_errors(error)

    def save(self, commit: bool = True) -> Nomination:
        """Stored by nomination_create() already, in _post_clean(); a nomination has no
        many-to-many field left to save."""
        self.save_m2m = self._save_m2m
        if commit:
            self._save_m2m()
        return self.instance


class DecisionMessageForm(forms.Form):
    """The message that goes to the organization with a wait-listing or a decline."""

    message = forms.CharField(
        label=gettext_lazy("Message to the organization"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text=gettext_lazy(
            "E-mailed to the organization's focal points with the decision, and kept in the "
            "nomination's history."
        ),
    )

    def __init__(self, *args: Any, required: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["message"].required = required
        if not required:
            self.fields["message"].help_text = gettext_lazy(
                "Optional. E-mailed to the organization's focal points with the decision, and "
                "kept in the nomination's history."
            )
