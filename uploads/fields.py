"""The form field every file upload uses: one file, refused when a request sends several."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

SEVERAL_FILES = object()  # what OneFileInput reads when a request sends a field several files


class OneFileInput(forms.FileInput):
    """A file input that notices when the request sent several files under its one name."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if len(files.getlist(name)) > 1:
            return SEVERAL_FILES
        return super().value_from_datadict(data, files, name)


class OneFileField(forms.FileField):
    """One file, refused with a clear message when a request sends several for it."""

    widget = OneFileInput

    def to_python(self, data: Any) -> Any:
        if data is SEVERAL_FILES:
            raise forms.ValidationError(_("Send one file at a time."), code="several_files")
        return super().to_python(data)
