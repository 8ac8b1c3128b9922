"""Dates, times and lists by each language's rules (CLDR, through Babel), English in UN style."""

import datetime

import pytest
from django.utils import translation

from meetings.formatting import date_range, day_heading, join_names, roman, time_range

THURSDAY = datetime.date(2012, 2, 9)
FRIDAY = datetime.date(2012, 2, 10)


def plain(text: str) -> str:
    """CLDR's narrow and thin no-break spaces as the space a reader sees."""
    return text.replace("\u202f", " ").replace("\u2009", " ").replace("\xa0", " ")


DAY_HEADINGS = {
    "en": "Thursday, 9 February 2012",
    "fr": "jeudi 9 février 2012",
    "es": "jueves, 9 de febrero de 2012",
    "ru": "четверг, 9 февраля 2012 г.",  # noqa: RUF001 (Cyrillic)
    "zh-hans": "2012年2月9日星期四",
    "ar": "الخميس، 9 فبراير 2012",
}


@pytest.mark.parametrize(("language", "heading"), DAY_HEADINGS.items())
def test_a_day_is_written_by_each_language_s_rules(language, heading):
    with translation.override(language):
        assert plain(day_heading(THURSDAY)) == heading


def test_english_keeps_the_un_style_of_times_and_ranges():
    with translation.override("en"):
        assert time_range(datetime.time(10), datetime.time(13)) == "10.00 – 13.00"
        assert date_range(THURSDAY, FRIDAY) == "9–10 February 2012"
        assert join_names(["A", "B", "C"]) == "A, B and C"


@pytest.mark.parametrize(
    ("language", "times", "dates", "names"),
    [
        ("fr", "10:00 – 13:00", "9–10 févr. 2012", "A, B et C"),
        ("es", "10:00–13:00", "9–10 de febrero de 2012", "A, B y C"),
        ("ru", "10:00—13:00", "9—10 февр. 2012 г.", "A, B и C"),  # noqa: RUF001
        ("zh-hans", "10:00–13:00", "2012年2月9日 – 10日", "A、B和C"),
        ("ar", "10:00–13:00", "9–10 فبراير 2012", "A وB وC"),
    ],
)
def test_times_ranges_and_lists_follow_cldr(language, times, dates, names):
    with translation.override(language):
        assert plain(time_range(datetime.time(10), datetime.time(13))) == times
        assert plain(date_range(THURSDAY, FRIDAY)) == dates
        assert plain(join_names(["A", "B", "C"])) == names


@pytest.mark.parametrize("language", list(DAY_HEADINGS))
def test_agenda_items_keep_their_roman_numerals(language):
    with translation.override(language):
        assert roman(4) == "IV"
