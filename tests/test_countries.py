"""Country names in the reader's language, from CLDR (config/countries.py)."""

import pytest

from config.countries import country_code, country_name, country_text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Mexico"),
        ("fr", "Mexique"),
        ("es", "México"),
        ("ru", "Мексика"),
        ("ar", "المكسيك"),
        ("zh-hans", "墨西哥"),
    ],
)
def test_a_country_reads_in_each_language(language, expected):
    assert country_name("Mexico", language) == expected
    assert not country_text("Mexico", language).is_fallback


def test_a_name_in_any_of_the_six_languages_or_a_code_is_recognized():
    assert {country_code(name) for name in ("Mexico", "Mexique", "méxico", "МЕКСИКА", "mx")} == {
        "MX"
    }
    assert country_name("Suède", "en") == "Sweden"


def test_english_keeps_the_secretariat_s_spelling():
    # CLDR writes a curly apostrophe; what staff typed is kept on an English page.
    assert country_name("Côte d'Ivoire", "en") == "Côte d'Ivoire"
    assert country_name("Côte d'Ivoire", "fr") == "Côte d\u2019Ivoire"


def test_an_unknown_name_is_shown_as_typed_and_marked_english_elsewhere():
    text = country_text("Russian Federation", "fr")
    assert (text.value, text.language, text.is_fallback) == ("Russian Federation", "en", True)
    assert not country_text("Russian Federation", "en").is_fallback
    assert country_text("", "fr").value == ""
    assert not country_text("", "fr").is_fallback
