from __future__ import annotations

import pytest

from build_tools.collation import OTHER, letter, letters, sort_key, sorted_kk
from build_tools.names import slugify

KAZAKH_ALPHABET = list("АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Азат", "Әлия"),  # Ә after А (Python's order puts Ә after Я)
        ("Әлия", "Бақыт"),
        ("Габит", "Ғани"),  # Ғ after Г
        ("Ғани", "Дана"),
        ("Кәрім", "Қасым"),  # Қ after К
        ("Қасым", "Ләззат"),
        ("Нұрлан", "Ңа"),  # Ң after Н
        ("Орынбай", "Өмір"),  # Ө after О
        ("Өмір", "Пернебек"),
        ("Уәли", "Ұлан"),  # Ұ, then Ү, after У
        ("Ұлан", "Үмбет"),
        ("Үмбет", "Фарида"),
        ("Хасен", "Һаким"),  # Һ after Х
        ("Һаким", "Цой"),
        ("Ыбырай", "Іскаков"),  # І after Ы (Python puts І before А)
        ("Іскаков", "Эльвира"),
        ("Яссауи", "Abai"),  # Latin after Cyrillic
        ("Ахмедьянова", "Ахметов"),  # within a letter, the next letters decide
    ],
)
def test_kazakh_order(before: str, after: str) -> None:
    assert sort_key(before) < sort_key(after)


def test_sorting_a_shuffled_list_gives_the_kazakh_order() -> None:
    names = ["Zhan", "Іскаков", "Abai", "Өмір", "Ыбырай", "Әлия", "Азат", "Һаким", "Қасым", "Кәрім", "Ұлан", "Үмбет"]
    expected = ["Азат", "Әлия", "Кәрім", "Қасым", "Өмір", "Ұлан", "Үмбет", "Һаким", "Ыбырай", "Іскаков", "Abai", "Zhan"]
    assert sorted_kk(names, key=str) == expected
    # The default order is not the Kazakh one: the test would catch a fallback to it.
    assert sorted(names) != expected


def test_letters_are_the_42_kazakh_letters_then_latin() -> None:
    assert list(letters()) == KAZAKH_ALPHABET + [chr(c) for c in range(ord("A"), ord("Z") + 1)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("әлия", "Ә"),
        ("Ёлкин", "Ё"),
        ("Іскаков", "І"),
        ("Ңа", "Ң"),
        ("Bodenova", "B"),
        ("Ñandú", "N"),
        ("123", OTHER),
    ],
)
def test_letter_of_a_name(name: str, expected: str) -> None:
    assert letter(name) == expected


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Әбілқайыр Нұрлан", "abilqayyr-nurlan"),  # unidecode gives "bilkaiyr": the Ә is lost
        ("Ерғалиева Айша", "ergalieva-aysha"),
        ("Өтеген Ұлжан", "otegen-ulzhan"),
        ("Щукин Юрий", "shchukin-yuriy"),
    ],
)
def test_slugs_keep_every_kazakh_letter(name: str, slug: str) -> None:
    assert slugify(name) == slug
