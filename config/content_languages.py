"""Content in several languages (README, "Languages"), on top of django-modeltranslation.

Each app's translation.py names the fields staff enter in several languages. modeltranslation adds
a column per language beside each (title_en, title_fr, title_zh_hans...), and the field itself
(`meeting.title`) reads the active language's column, falling back to English, then to whichever
language has a text (settings.MODELTRANSLATION_FALLBACK_LANGUAGES).

What this module adds:
- `text_in(obj, field)`: the text a reader sees *and the language it is in*, so that a page can
  mark a fallback with its own `lang` (`{{ item|translated:"title" }}`, config/language_tags.py);
- `keep_english_in_original(model)`: the original column (`title`) always holds what an English
  reader sees, whatever language the person saving worked in, so that code and raw SQL reading
  it, and the history, read one language;
- `track_in_history(model)`: the history (django-simple-history) records every language's column,
  so that a change to the French title is in the admin's History like any other.
"""

import copy
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from modeltranslation.manager import MultilingualManager
from modeltranslation.translator import translator
from simple_history.models import transform_field
from simple_history.signals import pre_create_historical_record

DEFAULT = "en"


def codes() -> tuple[str, ...]:
    return tuple(settings.MODELTRANSLATION_LANGUAGES)


def column(field: str, language: str) -> str:
    """title, zh-hans -> title_zh_hans (modeltranslation's name for a language's column)."""
    return f"{field}_{language.replace('-', '_')}"


def every_language(field: str) -> tuple[str, ...]:
    """A translated field and its column in each language, for .only() and .values()."""
    return (field, *(column(field, code) for code in codes()))


def translated_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The fields of a model entered in several languages; () if it has none."""
    if model not in translator.get_registered_models():
        return ()
    return tuple(translator.get_options_for_model(model).all_fields)


def fallback_order(language: str) -> Iterator[str]:
    """The languages a field is read in, in order, for a reader of `language`."""
    seen = set()
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    for code in (language, *fallbacks.get(language, fallbacks["default"])):
        if code not in seen:
            seen.add(code)
            yield code


@dataclass(frozen=True)
class Text:
    """A field's text as a reader of `wanted` sees it; `language` is the one it is written in."""

    value: str
    language: str
    wanted: str

    @property
    def is_fallback(self) -> bool:
        return bool(self.value) and self.language != self.wanted

    def __str__(self) -> str:
        return self.value


def active_content_language() -> str:
    active = translation.get_language() or DEFAULT
    return active if active in codes() else DEFAULT


def text_in(obj: models.Model, field: str, language: str | None = None) -> Text:
    """The text of obj.field for a reader of `language` (the active one by default)."""
    wanted = language or active_content_language()
    for code in fallback_order(wanted):
        value = getattr(obj, column(field, code), None)
        if value:
            return Text(value, code, wanted)
    # Not entered in any language (a blank summary): the original column, as it is.
    return Text(obj.__dict__.get(field) or "", wanted, wanted)


def english_text(obj: models.Model, field: str) -> str:
    return text_in(obj, field, DEFAULT).value


def keep_english_in_original(model: type[models.Model]) -> None:
    """The original column of each translated field is written with the English reader's text
    (modeltranslation would write the saving person's language into it)."""
    for name in translated_fields(model):
        field = model._meta.get_field(name)

        def pre_save(instance, add, _name=name):  # noqa: ARG001 (Field.pre_save)
            return english_text(instance, _name)

        field.pre_save = pre_save  # type: ignore[method-assign]


def track_in_history(model: type[models.Model]) -> None:
    """Give model's historical model (simple_history, built before modeltranslation added its
    columns) a column per language, and record the original columns in English."""
    historical = model.history.model  # type: ignore[attr-defined]
    names = translated_fields(model)
    present = {f.name for f in historical._meta.fields}
    for name in names:
        for code in codes():
            source = model._meta.get_field(column(name, code))
            if source.name in present:
                continue
            field = copy.copy(source)
            field.remote_field = None
            transform_field(field)
            historical.add_to_class(source.name, field)

    def english_originals(sender, instance, history_instance, **kwargs):  # noqa: ARG001
        for name in names:
            setattr(history_instance, name, english_text(instance, name))

    pre_create_historical_record.connect(english_originals, sender=historical, weak=False)


def plain_queries(model: type[models.Model]) -> None:
    """Undo modeltranslation's manager patch, which rewrites every lookup on a translated field
    to the active language's column (order_by("title") becomes title_fr in French, NULL where
    not translated) and reorders values_list() with annotations. Here a query on `title` reads
    the original column, which holds the English text (keep_english_in_original): the same
    rows and order whatever the reader's language. Reading an instance's field still follows
    the reader's language."""
    for manager in {*model._meta.local_managers, model._default_manager, model._base_manager}:
        cls = type(manager)
        if cls is MultilingualManager:
            manager.__class__ = models.Manager
        elif issubclass(cls, MultilingualManager):
            module, name = cls._old_module, cls._old_class  # type: ignore[attr-defined]
            manager.__class__ = next(
                base for base in cls.__mro__ if base.__module__ == module and base.__name__ == name
            )


def register_languages(model: type[models.Model], *, history: bool = True) -> None:
    """What every model registered in a translation.py needs after modeltranslation's register."""
    plain_queries(model)
    keep_english_in_original(model)
    if history:
        track_in_history(model)


# The comma between a name and what qualifies it ("Population Division, DESA"), where a language
# writes another one than ", ".
_COMMAS = {"ar": "، ", "zh-hans": "，"}  # noqa: RUF001 (the Chinese comma)


def comma(language: str | None = None) -> str:
    return _COMMAS.get(language or active_content_language(), ", ")


def marked(obj: models.Model, field: str) -> SafeString:
    """obj.field escaped for a page; a fallback (English on a French page) in a span carrying its
    own lang, so that a screen reader reads it in that language's voice."""
    return marked_text(text_in(obj, field))


def marked_text(text: Text) -> SafeString:
    """A text escaped for a page, in a span with its own lang when it is a fallback."""
    if text.is_fallback:
        return format_html('<span lang="{}">{}</span>', text.language, text.value)
    return format_html("{}", text.value)


def lang_attribute(obj: models.Model, field: str) -> SafeString:
    """' lang="en"' for an element whose whole content is obj.field shown as a fallback; ''
    when it is in the page's language."""
    text = text_in(obj, field)
    return format_html(' lang="{}"', text.language) if text.is_fallback else SafeString("")
