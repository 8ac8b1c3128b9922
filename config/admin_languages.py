"""The admin of content entered in several languages (README, "Languages").

django-modeltranslation's tabbed admin shows a field once with a tab per language (its jQuery UI
is vendored: settings.JQUERY_UI_URL); without JavaScript the languages' fields are listed one under
another, each labelled with its language. Searching finds a text in any language.

Each language's input is typed in its language: `lang="ar"` and `dir="rtl"` on the Arabic one,
so that Arabic reads right to left in the French admin (and a spelling checker or a screen reader
knows the language). A form can ask for a text in at least one language rather than in English
(`InAnyLanguageForm`: a paper submitted with a Spanish title only).
"""

from typing import Any

from django import forms
from django.db.models import Field
from django.forms.widgets import Input
from django.http import HttpRequest
from django.utils.translation import get_language_info
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from modeltranslation.fields import TranslationField

from config.content_languages import DEFAULT, codes, column, translated_fields


def _in_every_language(model: Any, search_fields: list[str] | tuple[str, ...]) -> list[str]:
    translated = set(translated_fields(model))
    fields: list[str] = []
    for lookup in search_fields:
        fields.append(lookup)
        prefix = "" if lookup[:1] not in "^=@" else lookup[0]
        name = lookup.removeprefix(prefix)
        if name in translated:
            fields += [prefix + column(name, code) for code in codes()]
    return fields


def _in_its_language(field: forms.Field, language: str) -> None:
    """A language's text input or text area carries its language, and its direction when that
    is right to left (the others keep the page's direction)."""
    widget = field.widget
    while not isinstance(widget, Input | forms.Textarea) and hasattr(widget, "widget"):
        widget = widget.widget  # RelatedFieldWidgetWrapper, modeltranslation's clearable wrapper
    if not isinstance(widget, Input | forms.Textarea):
        return
    widget.attrs["lang"] = language
    if get_language_info(language)["bidi"]:
        widget.attrs["dir"] = "rtl"


class _LanguageWidgets:
    """Each language's input in its language (`lang`, and `dir` for Arabic)."""

    def formfield_for_dbfield(
        self, db_field: Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        field: forms.Field | None = super().formfield_for_dbfield(  # type: ignore[misc]
            db_field, request, **kwargs
        )
        column_of: Any = db_field  # a language's column: a Field and a TranslationField
        if field is not None and isinstance(column_of, TranslationField):
            _in_its_language(field, column_of.language)
        return field


class TranslatedAdmin(_LanguageWidgets, TabbedTranslationAdmin):  # type: ignore[type-arg]
    """A ModelAdmin whose model has fields in several languages."""

    def get_search_fields(self, request: HttpRequest) -> list[str]:
        return _in_every_language(self.model, super().get_search_fields(request))


class TranslatedTabularInline(_LanguageWidgets, TranslationTabularInline):  # type: ignore[type-arg]
    """A tabular inline whose model has fields in several languages."""


class InAnyLanguageForm(forms.ModelForm):  # type: ignore[type-arg]
    """An admin form where each field named in `in_any_language` needs a text in at least one
    language, not in English specifically (modeltranslation makes the English one required,
    the model's field being required). A form with none has the field's message on its English
    field, the tab shown first."""

    # Field -> the message of a form without a text in any language.
    in_any_language: dict[str, Any] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.in_any_language:
            for code in codes():
                if (field := self.fields.get(column(name, code))) is not None:
                    field.required = False

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned_data = self.cleaned_data
        for name, message in self.in_any_language.items():
            columns = [column(name, code) for code in codes() if column(name, code) in self.fields]
            english = column(name, DEFAULT)
            if not columns or english in self.errors:
                continue
            if not any(str(cleaned_data.get(c) or "").strip() for c in columns):
                where = english if english in self.fields else None
                self.add_error(where, forms.ValidationError(message, code="required"))
        return cleaned_data
