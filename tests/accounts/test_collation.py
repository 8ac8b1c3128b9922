"""Names sort by each language's rules (CLDR's collation, through ICU): accounts/collation.py."""

import threading

import pytest
from django.utils import translation

from accounts.collation import collation_key


def in_order(names: list[str], language: str) -> list[str]:
    return sorted(names, key=lambda name: collation_key(name, language))


def test_spanish_puts_n_with_tilde_after_n_english_beside_it():
    assert in_order(["Penz", "Peña", "Pena"], "es") == ["Pena", "Penz", "Peña"]
    assert in_order(["Penz", "Peña", "Pena"], "en") == ["Pena", "Peña", "Penz"]


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_accented_letters_sort_with_their_letter_in_english_french_and_spanish(language):
    names = ["Zhou", "Crépeau", "Cruz", "Åkerman-Börje", "Adams", "Ørsted", "Ollila"]
    assert in_order(names, language) == [
        "Adams",
        "Åkerman-Börje",
        "Crépeau",
        "Cruz",
        "Ollila",
        "Ørsted",
        "Zhou",
    ]


def test_russian_puts_cyrillic_names_first_and_yo_with_ye():
    names = ["Smith", "Яковлев", "Ёлкин", "Егоров", "Иванов"]
    assert in_order(names, "ru") == ["Егоров", "Ёлкин", "Иванов", "Яковлев", "Smith"]
    assert in_order(names, "en") == ["Smith", "Егоров", "Ёлкин", "Иванов", "Яковлев"]


def test_chinese_sorts_han_names_by_pinyin_and_first():
    # 张 zhang, 李 li, 王 wang, 阿 a: by code point the order would be 张 李 王 阿.
    names = ["张伟", "Smith", "李娜", "王芳", "阿明"]
    assert in_order(names, "zh-hans") == ["阿明", "李娜", "王芳", "张伟", "Smith"]
    assert in_order(names, "en")[0] == "Smith"


def test_arabic_puts_arabic_names_first_in_the_alphabet_s_order():
    names = ["Smith", "يوسف", "أحمد", "محمد", "بشير"]
    assert in_order(names, "ar") == ["أحمد", "بشير", "محمد", "يوسف", "Smith"]


def test_the_active_language_is_the_default():
    names = ["Penz", "Peña"]
    with translation.override("es"):
        assert sorted(names, key=collation_key) == ["Penz", "Peña"]
    with translation.override("en"):
        assert sorted(names, key=collation_key) == ["Peña", "Penz"]


def test_invisible_characters_do_not_count_and_case_only_breaks_ties():
    assert collation_key("Jo\u200bhn", "en") == collation_key("John", "en")
    assert in_order(["crépeau", "Crepeau", "CRÉPEAU", "Crépeau", "Cruz"], "fr")[-1] == "Cruz"


def test_each_thread_sorts_with_its_own_collator():
    results: dict[int, list[str]] = {}

    def sort_in(index: int, language: str) -> None:
        for _ in range(200):
            results[index] = in_order(["Penz", "Peña", "Иванов", "Smith"], language)

    threads = [
        threading.Thread(target=sort_in, args=(index, language))
        for index, language in enumerate(["es", "ru", "es", "ru"])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results[0] == results[2] == ["Penz", "Peña", "Smith", "Иванов"]
    assert results[1] == results[3] == ["Иванов", "Peña", "Penz", "Smith"]
