"""Country names in the reader's language, from CLDR (through Babel): "Mexico" is "Mexique",
"México", "Мексика", "المكسيك", "墨西哥".

A country is stored as staff or a focal point typed it, a name (an organization's country, a
person's, a meeting's). A name that CLDR knows, in any of the six languages, or a two-letter ISO
code, is shown in the reader's language (in English as typed, when it is CLDR's English name
but for the shape of an apostrophe, say); any other ("Russian Federation", as the UN writes it,
where CLDR says "Russia") is shown as typed, and marked as English on a page in another language,
as untranslated content is (config/content_languages.py).
"""

import functools
import unicodedata

from babel import Locale
from django.utils.translation import to_locale

from config.content_languages import DEFAULT, Text, active_content_language, codes


def _key(name: str) -> str:
    """Names compare without case, accents, apostrophes' shapes or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


@functools.cache
def _territories(language: str) -> dict[str, str]:
    """ISO 3166 code -> the country's name in `language` (regions such as "world" left out)."""
    names = Locale.parse(to_locale(language)).territories
    return {code: name for code, name in names.items() if len(code) == 2 and code.isalpha()}


@functools.cache
def _codes() -> dict[str, str]:
    """A country's name in any of the six languages, or its code -> its code."""
    found: dict[str, str] = {}
    for language in codes():
        for code, name in _territories(language).items():
            found.setdefault(_key(name), code)
            found.setdefault(_key(code), code)
    return found


@functools.cache
def _english() -> frozenset[str]:
    return frozenset(_key(name) for name in _territories(DEFAULT).values())


def country_code(name: str) -> str | None:
    """ "Mexico", "Mexique", "mx" -> "MX"; None for a name CLDR does not know."""
    return _codes().get(_key(name)) if name else None


def country_text(name: str, language: str | None = None) -> Text:
    """The country `name` as a reader of `language` (the active one) reads it, and the language
    the shown text is in."""
    wanted = language or active_content_language()
    code = country_code(name)
    if code is None or (wanted == DEFAULT and _key(name) in _english()):
        # Unknown, or English as typed: the Secretariat's spelling ("Côte d'Ivoire") stays.
        return Text(name, DEFAULT if name else wanted, wanted)
    return Text(_territories(wanted).get(code, name), wanted, wanted)


def country_name(name: str, language: str | None = None) -> str:
    return country_text(name, language).value
