"""Text that people type or paste: titles, names, author lines, file names.

One rule for every app (accounts is the lowest, so meetings and papers both use it):

- Text-direction (bidi) controls are **refused** where a person types the text, on the public
  forms and in the admin alike (both run the model's `clean_fields()`): they are invisible, can
  make a title read differently from what is stored (the "Trojan Source" trick), and a person
  should see what changed rather than have it silently mended. Text that arrives otherwise (the
  demo loader, a service, a management command, the shell) has them **stripped** in `save()`, so no
  stored title or name carries them. File names keep their own, stricter rule (papers' names.py):
  a name with any control character is refused.
- A single-line field never holds a line break: CR, LF and the other line separators collapse,
  with the spaces around them, into one space.
- Text is stored NFC-normalized ("Cre\\u0301peau" is stored as "Crépeau"), and the admin's search
  normalizes the query the same way, so both spellings find it.
"""

import re
import unicodedata
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from config.content_languages import every_language, translated_fields

# Explicit-direction marks, embeddings, overrides and isolates: U+061C, U+200E, U+200F,
# U+202A-U+202E and U+2066-U+2069.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Line and paragraph separators that are not in category Cc.
LINE_SEPARATORS = frozenset("\u2028\u2029")

# A run of line breaks of any kind (those str.splitlines() knows), with the spaces around it.
_LINE_BREAKS = re.compile(r"\s*[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+\s*")


def is_control(char: str) -> bool:
    """A control (C0, DEL, C1), a lone surrogate, a text-direction control or a line separator."""
    return (
        unicodedata.category(char) in ("Cc", "Cs")
        or char in BIDI_CONTROLS
        or char in LINE_SEPARATORS
    )


def validate_no_bidi_controls(value: str) -> None:
    """Refuse text with a text-direction control, naming the first one found."""
    found = next((char for char in value if char in BIDI_CONTROLS), None)
    if found is not None:
        raise ValidationError(
            _(
                "This text contains an invisible text-direction character (%(code_point)s), "
                "which can make it read differently from what is stored. Type it again, or "
                "paste it as plain text, without it."
            ),
            code="bidi_control",
            params={"code_point": f"U+{ord(found):04X}"},
        )


def single_line(value: str) -> str:
    """One line, NFC: line breaks become a space, control characters are removed, ends trimmed."""
    value = _LINE_BREAKS.sub(" ", value).replace("\t", " ")
    value = "".join(char for char in value if not is_control(char))
    return unicodedata.normalize("NFC", value).strip()


def folded(value: str) -> str:
    """How names compare when accents and case don't count: "Crépeau" and "CREPEAU" are one.

    Letters lose their combining marks (é → e, ö → o), the text is case-folded (ß → ss) and runs
    of spaces are one space. Letters without a decomposition (ø, ł) stay as they are. Invisible
    format characters (Unicode category Cf: zero-width spaces and joiners, soft hyphens, the
    byte-order mark, text-direction marks) don't count either: "Jo\u200bhn" is "John".
    """
    decomposed = unicodedata.normalize("NFKD", value)
    bare = "".join(
        char
        for char in decomposed
        if not unicodedata.combining(char) and unicodedata.category(char) != "Cf"
    )
    return " ".join(bare.casefold().split())


def search_term(value: str) -> str:
    """A search query as text is stored: NFC."""
    return unicodedata.normalize("NFC", value)


def single_line_columns(model: type[models.Model], fields: tuple[str, ...]) -> tuple[str, ...]:
    """`fields`, with a field entered in several languages (config/content_languages.py)
    replaced by each language's column: reading and setting `title` itself would read the
    English fallback and write it into the active language's column."""
    columns: list[str] = []
    translated = translated_fields(model)
    for name in fields:
        columns += every_language(name)[1:] if name in translated else [name]
    return tuple(columns)


class SingleLineTextModel(models.Model):
    """A model whose `single_line_fields` follow the rule above.

    `clean_fields()` refuses text-direction controls in the fields a form shows (the ones it does
    not exclude) and normalizes them; `save()` normalizes every one, stripping those controls.
    """

    single_line_fields: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        for name in single_line_columns(type(self), self.single_line_fields):
            if value := getattr(self, name):
                setattr(self, name, single_line(value))
        super().save(*args, **kwargs)

    def clean_fields(self, exclude: Any = None) -> None:
        errors: dict[str, Any] = {}
        translated = translated_fields(type(self))
        names = list(single_line_columns(type(self), self.single_line_fields))
        # A form that shows a translated field itself (the focal points' "title") wrote it in
        # the active language's column: it is checked under its own name.
        names += [name for name in self.single_line_fields if name in translated and exclude]
        for name in names:
            if exclude is not None and name in exclude:
                continue
            value = getattr(self, name)
            if not value:
                continue
            try:
                validate_no_bidi_controls(value)
            except ValidationError as error:
                errors[name] = error.error_list
            else:
                setattr(self, name, single_line(value))
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


class NfcSearchMixin:
    """For a ModelAdmin: the search box and autocomplete look for the NFC form of what is typed."""

    def get_search_results(self, request: Any, queryset: Any, search_term_typed: str) -> Any:
        return super().get_search_results(  # type: ignore[misc]
            request, queryset, search_term(search_term_typed)
        )
