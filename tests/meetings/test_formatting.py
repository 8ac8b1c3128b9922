import datetime

import pytest

from meetings.formatting import date_range, day_heading, join_names, roman, time_range


@pytest.mark.parametrize(
    ("number", "numeral"),
    [(1, "I"), (4, "IV"), (5, "V"), (7, "VII"), (9, "IX"), (14, "XIV"), (40, "XL"), (49, "XLIX")],
)
def test_roman_numerals(number, numeral):
    assert roman(number) == numeral


def test_roman_refuses_zero():
    with pytest.raises(ValueError, match="start at 1"):
        roman(0)


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        ((2012, 2, 9), (2012, 2, 10), "9–10 February 2012"),
        ((2012, 2, 9), (2012, 2, 9), "9 February 2012"),
        ((2012, 1, 30), (2012, 2, 2), "30 January – 2 February 2012"),
        ((2012, 12, 30), (2013, 1, 2), "30 December 2012 – 2 January 2013"),
    ],
)
def test_date_range_reads_as_people_write_it(start, end, text):
    assert date_range(datetime.date(*start), datetime.date(*end)) == text


def test_day_heading_and_times():
    assert day_heading(datetime.date(2012, 2, 9)) == "Thursday, 9 February 2012"
    assert time_range(datetime.time(10), datetime.time(13)) == "10.00 – 13.00"
    assert time_range(datetime.time(15, 30), datetime.time(18)) == "15.30 – 18.00"


def test_join_names():
    assert join_names(["A"]) == "A"
    assert join_names(["A", "B"]) == "A and B"
    assert join_names(["A", "B", "C"]) == "A, B and C"
