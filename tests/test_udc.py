"""UDC code syntax: what a printed code may look like, and how a wrong one is reported."""

from __future__ import annotations

import pytest

from build_tools.text import find_lookalikes
from build_tools.udc import Udc, UdcSyntaxError, ancestors, captions, strip_label


@pytest.mark.parametrize(
    ("code", "main"),
    [
        ("327.8", "327.8"),
        ("3", "3"),
        ("811.512.122", "811.512.122"),
        ("004.738.5", "004.738.5"),
        ("327(574)", "327"),  # place
        ("327(574)(075.8)", "327"),  # place and form
        ("327=512.122", "327"),  # language
        ('94(574)"2016"', "94"),  # place and time
        ("373.3-053.2", "373.3"),  # hyphen special auxiliary
        ("327.01", "327"),  # point-nought special auxiliary
        ("32.019.51", "32"),
        ("811.512.122'373", "811.512.122"),  # apostrophe special auxiliary
        ("327:339", "327"),  # relation
        ("327::339", "327"),
        ("327+339", "327"),  # coordination
        ("327/329", "327"),  # extension
        ("327 (574)", "327"),
    ],
)
def test_valid_codes_and_the_number_they_file_under(code: str, main: str) -> None:
    assert Udc.parse(code) == Udc(code, main)


@pytest.mark.parametrize(
    ("code", "offset", "message"),
    [
        ("УДК 327.8", 0, "without its label 'УДК': '327.8'"),
        ("ӘОЖ 327.7", 0, "without its label 'ӘОЖ': '327.7'"),
        ("UDC: 327.8", 0, "without its label 'UDC': '327.8'"),
        ("11.25.40", 0, "ГРНТИ/МРНТИ code, not UDC; put it under `irsti`"),
        ("06.81", 0, "ГРНТИ/МРНТИ code"),
        ("МРНТИ 11.25.40", 0, "ГРНТИ/МРНТИ code, not UDC; put it under `irsti`"),
        ("327.7, 327(574)", 5, "several codes; give each as its own item: ['327.7', '327(574)']"),
        ("327.7; 94", 5, "several codes"),
        ("3278", 3, "two numbers without a sign between them"),
        ("327 339", 4, "two numbers without a sign between them"),
        ("327.1234", 7, "two numbers without a sign between them"),
        ("327..8", 3, "is not UDC syntax at '..8'"),
        ("327.8a", 5, "is not UDC syntax at 'a'"),
        ("327(574", 3, "is not UDC syntax at '(574'"),
        ("373.3–053.2", 5, "use the hyphen '-'"),
        ("327:", 3, "ends without a number after its sign"),
        ("(574)", 0, "has no main UDC number"),
        ("=512.122", 0, "has no main UDC number"),
    ],
)
def test_wrong_codes_say_where_and_why(code: str, offset: int, message: str) -> None:
    with pytest.raises(UdcSyntaxError) as caught:
        Udc.parse(code)
    assert caught.value.offset == offset
    assert message in str(caught.value)


def test_label_is_stripped_with_what_follows_it() -> None:
    assert strip_label("УДК 327.8") == ("327.8", "УДК")
    assert strip_label("udc:327.8") == ("327.8", "udc")
    assert strip_label("327.8") == ("327.8", None)
    # A label must be a whole word.
    assert strip_label("UDCX 327") == ("UDCX 327", None)


def test_ancestors_follow_the_digits() -> None:
    assert ancestors("327.8") == ["3", "32", "327", "327.8"]
    assert ancestors("811.512.122") == [
        "8",
        "81",
        "811",
        "811.5",
        "811.51",
        "811.512",
        "811.512.1",
        "811.512.12",
        "811.512.122",
    ]


def test_captions_are_read_without_look_alike_letters() -> None:
    """The Summary's Russian cells type ten Latin letters inside Cyrillic words (`Mедицинские`)."""
    table = captions()
    assert table["61"].ru == "Медицинские науки"
    assert [(code, text) for code, c in table.items() for text in (c.ru, c.kk) if text and find_lookalikes(text)] == []


def test_captions_in_capitals_are_read_in_sentence_case() -> None:
    """The Summary writes its main classes, and six other cells, in capitals (`SOCIAL SCIENCES`);
    the archive shows them as the other captions, a capital at the start of each sentence."""
    table = captions()
    assert (table["3"].en, table["3"].ru, table["3"].kk) == (
        "Social sciences",
        "Общественные науки",
        "Қоғамдық ғылымдар",
    )
    assert table["7"].en == "The arts. Recreation. Entertainment. Sport"
    assert table["=35"].ru == "Кавказские языки"
    # A caption in mixed case is kept as written, capitals inside it too.
    assert table["327"].en == "International relations. World, global politics. International affairs. Foreign policy"
    assert table["(57)"].en == "Former Asiatic USSR"
    shouting = [(code, text) for code, c in table.items() for text in (c.en, c.ru, c.kk) if text and text.isupper()]
    assert [item for item in shouting if sum(ch.isalpha() for ch in item[1]) > 3] == []
