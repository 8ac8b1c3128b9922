"""The back office read out by screen readers: names for the inputs Django's admin leaves unnamed.

Django draws a file field (a person's photo, an organization's logo) in a fieldset whose legend
names it, but the file input inside has no label of its own, and axe-core (WCAG 2.1 AA) reports it.
`LabelledFileInputsMixin` on a ModelAdmin names each such input by its field's label. The tabular
inlines' cells are named by templates/admin/edit_inline/tabular.html, and the autocomplete widgets
by static/admin-fixes/autocomplete_names.js (loaded on every admin page).
"""

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.text import capfirst


class LabelledFileInputsMixin:
    """For a ModelAdmin: every file input of the change form is named by its field's label."""

    def formfield_for_dbfield(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        formfield: forms.Field | None = super().formfield_for_dbfield(  # type: ignore[misc]
            db_field, request, **kwargs
        )
        if formfield is not None and isinstance(formfield.widget, forms.FileInput):
            formfield.widget.attrs.setdefault("aria-label", str(capfirst(formfield.label)))
        return formfield
