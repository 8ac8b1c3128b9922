"""The focal points' nomination form: who the delegate is, how to reach them, and the letter.

What a person types is checked here with a message they can act on, before the service
(participants.services.nominations) checks the window, the places and duplicates:

- names and position are stored as typed (HTML included: pages escape it), but a control
  character is refused, and invisible text-direction (bidi) controls and invisible characters
  that are no part of a name (zero-width spaces, soft hyphens: INVISIBLE) are removed, the
  success message saying so (the model would refuse bidi controls: see accounts.text). The
  zero-width non-joiner and joiner stay: Persian and Indic names need them;
- the phone is validated with `phonenumbers` and stored in E.164 (+41229171234);
- the letter passes uploads.filetypes.inspect_upload(), the check every upload passes, and must
  be a plain PDF.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from typing import Any

import phonenumbers
from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from accounts.text import BIDI_CONTROLS, LINE_SEPARATORS
from meetings.models import Honorific
from participants.models import Nomination
from participants.services.nominations import Nominee
from uploads.fields import OneFileField, OneFileInput
from uploads.filetypes import Inspection, inspect_upload, max_upload_size
from uploads.filetypes.reading import size_display

PHONE_EXAMPLE = "+41 22 917 12 34"


def phone_e164(value: str) -> str:
    """A phone number as typed ("+41 22 917 12 34", "0041 22 917 12 34"), in E.164
    ("+41229171234"); a ValidationError saying what is wrong otherwise."""
    typed = value.strip()
    if typed.startswith("00"):
        typed = "+" + typed[2:]
    if not typed.startswith("+"):
        raise forms.ValidationError(
            _("Give the number with its country code, starting with + (for example %(example)s)."),
            code="phone_country_code",
            params={"example": PHONE_EXAMPLE},
        )
    try:
        number = phonenumbers.parse(typed, None)
    except phonenumbers.NumberParseException as error:
        raise forms.ValidationError(
            _(
                "“%(value)s” is not a phone number. Give it with its country code, for example "
                "%(example)s."
            ),
            code="phone_invalid",
            params={"value": value, "example": PHONE_EXAMPLE},
        ) from error
    if number.extension:
        raise forms.ValidationError(
            _("Give the number without an extension."), code="phone_extension"
        )
    reason = phonenumbers.is_possible_number_with_reason(number)
    params = {"value": value, "code": number.country_code}
    if reason == phonenumbers.ValidationResult.TOO_SHORT:
        raise forms.ValidationError(
            _("“%(value)s” is too short for a phone number with the country code +%(code)s."),
            code="phone_too_short",
            params=params,
        )
    if reason == phonenumbers.ValidationResult.TOO_LONG:
        raise forms.ValidationError(
            _("“%(value)s” is too long for a phone number with the country code +%(code)s."),
            code="phone_too_long",
            params=params,
        )
    if not phonenumbers.is_valid_number(number):
        raise forms.ValidationError(
            _(
                "“%(value)s” is not a valid phone number with the country code +%(code)s. "
                "Check the number."
            ),
            code="phone_invalid",
            params=params,
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class PhoneField(forms.CharField):
    """A phone number, cleaned to E.164."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["max_length"] = 40  # as typed, with spaces; stored in E.164 (at most 16)
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        return phone_e164(value) if value else ""


def _is_refused_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cs") or char in LINE_SEPARATORS


# Invisible characters that a paste brings into a name and no name needs: the zero-width space
# and word joiner, the byte-order mark (zero-width no-break space), the soft hyphen and the
# Mongolian vowel separator. Not the zero-width non-joiner and joiner (U+200C, U+200D), which
# Persian and Indic names are written with.
INVISIBLE = frozenset("\u200b\u2060\ufeff\u00ad\u180e")


@dataclasses.dataclass(frozen=True)
class Checked:
    """A name as it is stored, and what was removed from it."""

    value: str
    bidi_stripped: bool = False
    invisible_stripped: bool = False


def text_checked(value: str) -> Checked:
    """A name as typed, without its text-direction controls and INVISIBLE characters (saying
    whether there were any); a ValidationError naming the first other control character in it."""
    found = next((char for char in value if _is_refused_control(char)), None)
    if found is not None:
        raise forms.ValidationError(
            _(
                "This text contains an invisible control character (%(code_point)s). Type it "
                "again, or paste it as plain text, without it."
            ),
            code="control_character",
            params={"code_point": f"U+{ord(found):04X}"},
        )
    without_bidi = "".join(char for char in value if char not in BIDI_CONTROLS)
    visible = "".join(char for char in without_bidi if char not in INVISIBLE)
    return Checked(
        visible.strip(),
        bidi_stripped=without_bidi != value,
        invisible_stripped=visible != without_bidi,
    )


class LetterField(OneFileField):
    """A nomination letter: one PDF, checked by inspect_upload() as every upload is."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Nomination letter"))
        kwargs.setdefault("widget", OneFileInput(attrs={"accept": ".pdf,application/pdf"}))
        kwargs.setdefault("allow_empty_file", True)  # inspect_upload() says so, as for any file
        super().__init__(**kwargs)


def letter_inspected(upload: UploadedFile[bytes]) -> Inspection:
    """The file's check, refused unless it is a PDF with nothing that runs by itself."""
    try:
        inspection = inspect_upload(upload, max_size=max_upload_size())
    except forms.ValidationError as error:
        if getattr(error, "code", None) == "type_not_allowed":
            # The check's advice lists every kind a paper may be; a letter is a PDF.
            raise forms.ValidationError(
                error.message,
                code=error.code,
                params={**(error.params or {}), "advice": _("send the letter as a PDF.")},
            ) from error
        raise
    if inspection.kind.key != "pdf":
        raise forms.ValidationError(
            _(
                "The nomination letter must be a PDF, and this file is of another kind "
                "(%(kind)s). Save or scan the letter as a PDF and send that."
            ),
            code="letter_not_pdf",
            params={"kind": inspection.kind.label},
        )
    if inspection.review_reasons:
        raise forms.ValidationError(
            _(
                "%(reasons)s A nomination letter must be a plain PDF: print it to a new PDF, "
                "or scan it, and send that."
            ),
            code="letter_active_content",
            params={"reasons": " ".join(str(reason) for reason in inspection.review_reasons)},
        )
    return inspection


class NominationForm(forms.ModelForm):
    """What a focal point says about a delegate. `letter_required`: the meeting asks for a
    letter and none is stored yet; `has_letter`: one is, and a new file replaces it."""

    letter = LetterField(required=False)

    class Meta:
        model = Nomination
        fields = [
            "honorific",
            "given_name",
            "family_name",
            "position",
            "email",
            "phone",
            "head_of_delegation",
            "listed",
            "requirements",
        ]
        labels = {"listed": _("Agrees to appear on the public list of participants")}
        help_texts = {
            "given_name": _("As the person writes them, in any script."),
            "email": _("Where the Secretariat can reach the delegate."),
            "phone": _("With the country code, for example %(example)s.")
            % {"example": PHONE_EXAMPLE},
            "head_of_delegation": _("Listed first among your organization's participants."),
            "listed": _(
                "Only then are their honorific, name and position on the public list. Their "
                "e-mail, phone and requirements never are."
            ),
            "requirements": _(
                "Accessibility, dietary or other needs. Read by the Secretariat and your "
                "organization's focal points only; never public."
            ),
        }
        field_classes = {"phone": PhoneField}
        widgets = {"requirements": forms.Textarea(attrs={"rows": 3})}

    def __init__(
        self, *args: Any, letter_required: bool = False, has_letter: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.inspection: Inspection | None = None
        self.bidi_stripped: list[str] = []  # fields that had text-direction controls removed
        self.invisible_stripped: list[str] = []  # and INVISIBLE characters
        self.fields["honorific"].queryset = Honorific.objects.all()
        self.fields["honorific"].empty_label = _("(none)")
        self.fields["email"].required = True
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        letter = self.fields["letter"]
        limit = size_display(max_upload_size(), rounding="down")
        if has_letter:
            letter.label = _("Replace the nomination letter")
            letter.help_text = _(
                "Leave empty to keep the letter sent. A PDF of at most %(limit)s."
            ) % {"limit": limit}
        elif letter_required:
            letter.required = True
            letter.error_messages["required"] = _(
                "This meeting asks for a nomination letter (a PDF): attach it."
            )
            letter.help_text = _(
                "Required for this meeting: a note verbale or nomination letter, as a PDF of "
                "at most %(limit)s."
            ) % {"limit": limit}
        else:
            letter.help_text = _(
                "Optional: a note verbale or nomination letter, as a PDF of at most %(limit)s."
            ) % {"limit": limit}

    def _text(self, name: str) -> str:
        checked = text_checked(self.cleaned_data.get(name) or "")
        if checked.bidi_stripped:
            self.bidi_stripped.append(name)
        if checked.invisible_stripped:
            self.invisible_stripped.append(name)
        return checked.value

    def clean_given_name(self) -> str:
        return self._text("given_name")

    def clean_family_name(self) -> str:
        value = self._text("family_name")
        if not value:
            raise forms.ValidationError(
                self.fields["family_name"].error_messages["required"], code="required"
            )
        return value

    def clean_position(self) -> str:
        return self._text("position")

    def clean_letter(self) -> UploadedFile[bytes] | None:
        upload = self.cleaned_data.get("letter")
        if upload:
            try:
                self.inspection = letter_inspected(upload)
            except forms.ValidationError as error:
                self.upload_refusal = (upload, error.messages)  # for the security log
                raise
        return upload or None

    def nominee(self) -> Nominee:
        data = self.cleaned_data
        return Nominee(
            honorific=data["honorific"],
            given_name=data["given_name"],
            family_name=data["family_name"],
            position=data["position"],
            email=data["email"],
            phone=data["phone"],
            listed=data["listed"],
            head_of_delegation=data["head_of_delegation"],
            requirements=data["requirements"],
        )
