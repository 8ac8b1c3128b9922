"""How names sort in each language: CLDR's collation, through ICU (PyICU).

A list of participants read in Spanish puts "Peña" after "Penz" (ñ is a letter of its own, after
n); in Russian Cyrillic names come before Latin ones, in Chinese Han names come first, in the
order of their pinyin (阿 a, 李 li, 王 wang, 张 zhang), not of their code points; in English and
French "Åkerman" sorts with the A and "Crépeau" beside "Crepeau". The rules are CLDR's, as ICU
carries them: none is written here.

`collation_key(text)` is the key to sort by in the active language (or the one given). Pages sort
their plain data with it in Python, after their queries, so sorting adds no query and works alike
on SQLite and PostgreSQL. The admin's column sorting stays the database's (by `name_key` for
people, which is accent- and case-folded, so "Åkerman" is still with the A).
"""

import threading

import icu
from django.conf import settings
from django.utils import translation

_local = threading.local()


def _collator(language: str) -> icu.Collator:
    """One collator per language and thread: ICU's collators are cheap to keep and costly to
    make, and a thread may not share one it is using."""
    collators: dict[str, icu.Collator] = _local.__dict__.setdefault("collators", {})
    collator = collators.get(language)
    if collator is None:
        collator = icu.Collator.createInstance(icu.Locale(translation.to_locale(language)))
        collators[language] = collator
    return collator


def collation_key(text: str, language: str | None = None) -> bytes:
    """The key `text` sorts by in `language` (a Django code: "es", "zh-hans"), by default the
    active language. Invisible format characters (zero-width spaces, direction marks) don't
    count, as in ICU's collation; case and accents count only between otherwise equal names."""
    code = language or translation.get_language() or settings.LANGUAGE_CODE
    return bytes(_collator(code).getSortKey(text))
