"""Names: transliteration for slugs, the loose sound key that finds likely duplicates, parsing."""

from __future__ import annotations

import pytest

from build_tools.names import Name, compatible_initials, slugify, sound_key, transliterate


@pytest.mark.parametrize(
    ("kazakh", "latin"),
    [
        ("ә", "a"),
        ("ғ", "g"),
        ("қ", "q"),
        ("ң", "ng"),
        ("ө", "o"),
        ("ұ", "u"),
        ("ү", "u"),
        ("һ", "h"),
        ("і", "i"),
        ("Ә", "A"),
        ("Ң", "Ng"),
        ("І", "I"),
    ],
)
def test_every_kazakh_letter_has_an_ascii_spelling(kazakh: str, latin: str) -> None:
    assert transliterate(kazakh) == latin


def test_a_leading_kazakh_letter_is_kept() -> None:
    assert transliterate("Әбілқайыр") == "Abilqayyr"
    assert slugify("Әбілқайыр Нұрлан") == "abilqayyr-nurlan"
    # Latin schwa and dotless i, as Kazakh Latin spellings write them, have no ASCII decomposition.
    assert transliterate("Əbilqaiyr") == "Abilqaiyr"
    assert transliterate("Aıgúl") == "Aigul"


def test_russian_letters() -> None:
    assert transliterate("Щукин Юрий Ёлкин") == "Shchukin Yuriy Yolkin"
    assert slugify("Ерғалиева Айша") == "ergalieva-aysha"
    assert slugify("Объедков, Ь!") == "obedkov"


@pytest.mark.parametrize(
    "spellings",
    [
        ["Ерғалиева", "Yergaliyeva", "Ergalieva"],
        ["Ахмедьянова", "Akhmedyanova", "Ahmedyanova"],
        ["Әбілқайыр", "Abilkaiyr", "Abylkaiyr", "Əbilqaiyr"],
        ["Жұмабаев", "Zhumabayev", "Jumabaev"],
        ["Қонаев", "Konayev", "Qonaev"],
        ["Ғабит", "Gabit", "Ghabit"],
        ["Щукин", "Shchukin", "Shukin"],
        ["Хасанов", "Khasanov", "Hasanov"],
        ["Ильяс", "Ilyas", "Iliyas", "Ілияс"],
        ["Юсупов", "Yusupov", "Iusupov"],
        ["Цой", "Tsoy", "Tsoi"],
        ["Александров", "Aleksandrov", "Alexandrov"],
    ],
)
def test_usual_spellings_of_one_surname_share_a_sound_key(spellings: list[str]) -> None:
    keys = {sound_key(s) for s in spellings}
    assert len(keys) == 1, dict(zip(spellings, map(sound_key, spellings), strict=True))
    assert keys.pop()  # never empty


@pytest.mark.parametrize(("a", "b"), [("Ахмедов", "Ахметов"), ("Иванов", "Иванова"), ("Сейтқали", "Сейтали")])
def test_different_surnames_keep_different_sound_keys(a: str, b: str) -> None:
    assert sound_key(a) != sound_key(b)


@pytest.mark.parametrize(
    ("text", "surname", "given", "script"),
    [
        ("Дауылбаев А.Б.", "Дауылбаев", ("А", "Б"), "cyrl"),
        ("D.K Akhmedyanova", "Akhmedyanova", ("D", "K"), "latn"),
        ("Bodenova Alsina", "Bodenova", ("Alsina",), "latn"),
        ("Ерғалиева Айша Айтжанқызы", "Ерғалиева", ("Айша", "Айтжанқызы"), "cyrl"),
        ("А. Б.  Дауылбаев", "Дауылбаев", ("А", "Б"), "cyrl"),
        ("Sh. Ualikhanov", "Ualikhanov", ("Sh",), "latn"),
    ],
)
def test_name_parts_are_read_off_the_printed_order(
    text: str, surname: str, given: tuple[str, ...], script: str
) -> None:
    name = Name.parse(text)
    assert (name.surname, name.given, name.script) == (surname, given, script)


def test_spelling_key_ignores_dots_spaces_order_case_and_lookalikes() -> None:
    assert Name.parse("Akhmedyanova D.K.").key() == Name.parse("D.K Akhmedyanova").key()
    assert Name.parse("АХМЕДЬЯНОВА Д. К.").key() == Name.parse("Ахмедьянова Д.К.").key()
    # A Latin `a` typed inside the Cyrillic surname is the same spelling.
    assert Name.parse("Ахмедьянoва Д.К.").key() == Name.parse("Ахмедьянова Д.К.").key()
    assert Name.parse("Ахмедьянова Д.К.").key() != Name.parse("Ахмедьянова Д.").key()


def test_likely_duplicates_across_scripts() -> None:
    """The example the registry must catch: Ахмедьянова Д.К. and Akhmedyanova D."""
    cyrillic, latin = Name.parse("Ахмедьянова Д.К."), Name.parse("Akhmedyanova D.")
    assert cyrillic.sound()[0] == latin.sound()[0]
    assert compatible_initials(cyrillic.sound()[1], latin.sound()[1])
    other = Name.parse("Akhmedyanova A.")
    assert not compatible_initials(cyrillic.sound()[1], other.sound()[1])
    # Initials compare by sound too: Ж and Zh, Ш and Sh.
    assert compatible_initials(Name.parse("Жұмабаев Ж.").sound()[1], Name.parse("Zhumabayev Zh.").sound()[1])
    assert compatible_initials(Name.parse("Ахмедов Ш.").sound()[1], Name.parse("Akhmedov Sh.").sound()[1])


def test_short_form() -> None:
    assert Name.parse("Ерғалиева Айша Айтжанқызы").short == "Ерғалиева А.А."
    assert Name.parse("Sh. Ualikhanov").short == "Ualikhanov Sh."
