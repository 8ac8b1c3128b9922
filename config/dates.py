"""Dates in the reader's language by CLDR's rules (through Babel), English in the UN's style.

"3 February 2012" in English; "3 février 2012", "3 de febrero de 2012", "2012年2月3日" and so
on in the others. Django's own `date` filter gives Russian months in the nominative, where a
date needs the genitive, and follows no language's order ("3 二月 2012" in Chinese), so pages
use `long_date` (the `languages` template library) for a date in a sentence.
"""

import datetime

from babel.dates import format_date
from django.utils.formats import date_format
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, to_locale


def cldr_locale() -> str | None:
    """The active language as a Babel locale ("fr", "zh_Hans"), None for English."""
    language = get_language() or "en"
    if language == "en" or language.startswith("en-"):
        return None
    return to_locale(language)


def long_date(value: datetime.date | None) -> str:
    """A date as a sentence writes it: "3 February 2012", "3 février 2012"."""
    if value is None:
        return ""
    locale = cldr_locale()
    if locale is None:
        return date_format(value, "j F Y")
    return format_date(value, "long", locale=locale)


def long_date_filter(value: datetime.date | None) -> str:
    """`{{ value|long_date }}`: as Django's `date` filter, a date and time is first read in the
    current time zone."""
    if isinstance(value, datetime.datetime):
        value = template_localtime(value)
    return long_date(value)
