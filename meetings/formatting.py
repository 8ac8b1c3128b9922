"""How a programme writes numbers, dates and times, as secretariats write them."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext

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
    if start == end:
        return date_format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{date_format(start, 'j')}–{date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


def day_heading(day: datetime.date) -> str:
    """ "Thursday, 9 February 2012"."""
    return date_format(day, "l, j F Y")


def clock(time: datetime.time) -> str:
    """UN style: "10.00", "15.30"."""
    return time.strftime("%H.%M")


def time_range(start: datetime.time, end: datetime.time) -> str:
    """ "10.00 – 13.00"."""
    return f"{clock(start)} – {clock(end)}"


def join_names(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return gettext("%(first)s and %(last)s") % {
        "first": ", ".join(names[:-1]),
        "last": names[-1],
    }
