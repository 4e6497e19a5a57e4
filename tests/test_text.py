"""Look-alike letters across scripts and the place of the first non-NFC character."""

from __future__ import annotations

import unicodedata

import pytest

from build_tools.text import find_lookalikes, first_not_nfc, line_column, script_of


@pytest.mark.parametrize(
    ("text", "offset", "letter", "replacement"),
    [
        ("бiлім", 1, "i", "і"),  # Latin i for Kazakh і
        ("Қaзақ", 1, "a", "а"),
        ("жеp", 2, "p", "р"),
        ("cөз", 0, "c", "с"),
        ("xалық", 0, "x", "х"),
        ("yақыт", 0, "y", "у"),
        ("Oдақ", 0, "O", "О"),
        ("əлем", 0, "ə", "ә"),  # Latin schwa for Kazakh ә
        ("iс", 0, "i", "і"),  # a tie counts as Cyrillic, the sources' script
        ("Brеxit", 2, "е", "e"),  # a Cyrillic letter inside a Latin word
    ],
)
def test_lookalike_found_with_its_offset(text: str, offset: int, letter: str, replacement: str) -> None:
    found = find_lookalikes("Сөз: " + text + ".")
    assert [(f.offset, f.letter, f.replacement) for f in found] == [(offset + 5, letter, replacement)]
    assert script_of(letter) != script_of(replacement)


@pytest.mark.parametrize(
    "text",
    [
        "Қазақстан",
        "Brexit",
        "«Brexit» салдары",
        "Brexit-тің",
        "COVID-19 пандемиясы",
        "2-курс",
        "URL: http://kremlin.ru",
    ],
)
def test_words_in_one_script_are_clean(text: str) -> None:
    assert find_lookalikes(text) == []


def test_description_names_the_letter_and_the_fix() -> None:
    (found,) = find_lookalikes("бiлiм"[:2])
    assert found.describe() == "Latin letter 'i' (U+0069) in the word 'бi'; did you mean 'і'?"


def test_first_not_nfc_points_at_the_base_letter() -> None:
    assert first_not_nfc("Ёмкость") is None
    decomposed = "Сөз " + unicodedata.normalize("NFD", "Ёмкость")
    assert first_not_nfc(decomposed) == 4
    assert first_not_nfc("x\u212b") == 1  # ANGSTROM SIGN: a singleton that NFC replaces


def test_line_column_is_one_based() -> None:
    assert line_column("ab\ncd", 0) == (1, 1)
    assert line_column("ab\ncd", 4) == (2, 2)
