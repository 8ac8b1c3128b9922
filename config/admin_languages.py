"""The admin of content entered in several languages (README, "Languages").

django-modeltranslation's tabbed admin shows a field once with a tab per language (its jQuery UI
is vendored: settings.JQUERY_UI_URL); without JavaScript the languages' fields are listed one under
another, each labelled with its language. Searching finds a text in any language.
"""

from typing import Any

from django.http import HttpRequest
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from config.content_languages import codes, column, translated_fields


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


class TranslatedAdmin(TabbedTranslationAdmin):  # type: ignore[type-arg]
    """A ModelAdmin whose model has fields in several languages."""

    def get_search_fields(self, request: HttpRequest) -> list[str]:
        return _in_every_language(self.model, super().get_search_fields(request))


class TranslatedTabularInline(TranslationTabularInline):  # type: ignore[type-arg]
    """A tabular inline whose model has fields in several languages."""
