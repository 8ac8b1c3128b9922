"""How a programme writes numbers, dates and times, as secretariats write them.

English keeps the UN's style ("Thursday, 9 February 2012", "10.00 – 13.00", "A, B and C"). The
other languages follow their own rules, from CLDR through Babel: "jeudi 9 février 2012",
"2012年2月9日星期四", "10:00–13:00", "A, B et C". Agenda items keep Roman numerals in every
language.
"""

import datetime

from babel.dates import format_date, format_interval
from babel.lists import format_list
from django.utils.formats import date_format
from django.utils.translation import gettext

from config.dates import cldr_locale, long_date

_NUMERALS = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(number: int) -> str:
    """1 -> "I", 7 -> "VII", 49 -> "XLIX"."""
    if number < 1:
        raise ValueError(f"Roman numerals start at 1, not {number}.")
    parts = []
    for value, numeral in _NUMERALS:
        count, number = divmod(number, value)
        parts.append(numeral * count)
    return "".join(parts)


def date_range(start: datetime.date, end: datetime.date) -> str:
    """ "9 February 2012", "9–10 February 2012", "30 January – 2 February 2012"."""
    if end < start:
        start, end = end, start
    locale = cldr_locale()
    if locale is not None:
        if start == end:
            return long_date(start)
        return format_interval(start, end, "yMMMMd", locale=locale)
    if start == end:
        return date_format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{date_format(start, 'j')}–{date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


def day_heading(day: datetime.date) -> str:
    """ "Thursday, 9 February 2012"; "jeudi 9 février 2012"."""
    locale = cldr_locale()
    if locale is not None:
        return format_date(day, "full", locale=locale)
    return date_format(day, "l, j F Y")


def clock(time: datetime.time) -> str:
    """UN style: "10.00", "15.30"."""
    return time.strftime("%H.%M")


def time_range(start: datetime.time, end: datetime.time) -> str:
    """ "10.00 – 13.00"; "10:00 – 13:00" in French."""
    locale = cldr_locale()
    if locale is not None:
        return format_interval(start, end, "Hm", locale=locale)
    return f"{clock(start)} – {clock(end)}"


def join_names(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"; "A, B et C" in French, "A、B和C" in Chinese."""
    if len(names) <= 1:
        return "".join(names)
    locale = cldr_locale()
    if locale is not None:
        return format_list(names, locale=locale)
    return gettext("%(first)s and %(last)s") % {
        "first": ", ".join(names[:-1]),
        "last": names[-1],
    }
