"""Text rules shared by the validator, the importer and the search index.

Kazakh sources often carry Latin letters that look like Cyrillic ones inside Cyrillic
words (a Latin `i` typed for Kazakh `і`, Latin `a`, `e`, `o`, `p`, `c`, `x`, `y` from a
keyboard layout switch). They look right in print but break search and sorting, so the
validator reports them and the search index folds them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Latin letter -> the Cyrillic letter it imitates (Kazakh and Russian alphabets). The Latin
# schwa `ə` (U+0259) is the usual stand-in for Kazakh `ә` (U+04D9) in older fonts and keyboards.
LATIN_TO_CYRILLIC = {
    "a": "а", "c": "с", "e": "е", "i": "і", "o": "о", "p": "р", "x": "х", "y": "у", "h": "һ",
    "ə": "ә", "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К", "M": "М",
    "O": "О", "P": "Р", "T": "Т", "X": "Х", "Y": "У", "Ə": "Ә",
}  # fmt: skip
CYRILLIC_TO_LATIN = {
    "а": "a", "с": "c", "е": "e", "і": "i", "о": "o", "р": "p", "х": "x", "у": "y", "һ": "h",
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "К": "K", "М": "M",
    "О": "O", "Р": "P", "Т": "T", "Х": "X", "У": "Y",
}  # fmt: skip

_WORD = re.compile(r"[^\W\d_]+")


# Characters no text of the archive may hold: control characters but tab and line breaks (C0,
# DEL, C1), lone surrogates, and Unicode's noncharacters. A YAML file cannot hold them as they are,
# but a double-quoted string can write most of them as escapes (`"\x7f"`, `"\x9b"`, `"\ufffe"`).
NOT_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
    + "]"
)

# What YAML reads as it is (its `printable`); anything else must be an escape in a double-quoted string.
_NOT_YAML_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def yaml_string(text: str) -> str:
    """`text` as a double-quoted YAML string (JSON's form, letters as they are) that any YAML
    reader gives back whole, whatever characters it holds: those YAML does not read as they are
    are written as escapes, as JSON writes a C0 control."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _NOT_YAML_PRINTABLE.sub(lambda m: "".join(f"\\u{u:04x}" for u in _utf16(m.group())), quoted)


def _utf16(char: str) -> list[int]:
    data = char.encode("utf-16-be", "surrogatepass")
    return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def first_not_nfc(text: str) -> int | None:
    """Offset of the first character whose sequence NFC would change, or None when `text` is NFC.

    Text is cut before each starter (a character with canonical combining class 0), so a
    decomposed `е` + U+0308 is found at the `е`.
    """
    if unicodedata.is_normalized("NFC", text):
        return None
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or unicodedata.combining(text[i]) == 0:
            if not unicodedata.is_normalized("NFC", text[start:i]):
                return start
            start = i
    return 0  # a composition across starters (Hangul jamo): point at the start


# A pure function of one character, called for every letter of every paper: cached, since a
# text uses a few hundred distinct letters.
@lru_cache(maxsize=4096)
def script_of(char: str) -> str | None:
    """'cyrl', 'latn' or None for a letter (None for anything that is not a letter)."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    if name.startswith("CYRILLIC"):
        return "cyrl"
    if name.startswith("LATIN"):
        return "latn"
    return None


@dataclass(frozen=True)
class LookAlike:
    """A letter of one script inside a word of the other: `offset` is into the text."""

    offset: int
    word: str
    letter: str
    replacement: str

    def describe(self) -> str:
        script = "Latin" if script_of(self.letter) == "latn" else "Cyrillic"
        return (
            f"{script} letter {self.letter!r} (U+{ord(self.letter):04X}) in the word {self.word!r}; "
            f"did you mean {self.replacement!r}?"
        )


def find_lookalikes(text: str) -> list[LookAlike]:
    """Latin look-alike letters inside Cyrillic words, and Cyrillic ones inside Latin words.

    A word's script is the script of most of its letters (ties count as Cyrillic, the
    script of the sources); only letters that have a look-alike in that script are reported.
    """
    # Most texts have none: their distinct words are checked first, without walking the text.
    if not any(map(_word_lookalikes, set(_WORD.findall(text)))):
        return []
    found: list[LookAlike] = []
    for match in _WORD.finditer(text):
        word = match.group()
        for i, char, replacement in _word_lookalikes(word):
            found.append(LookAlike(match.start() + i, word, char, replacement))
    return found


# Texts repeat their words: the verdict on a word is kept (a paper of 3,000 words has about
# 1,000 distinct ones), which makes the check of an archive several times faster.
@lru_cache(maxsize=65536)
def _word_lookalikes(word: str) -> tuple[tuple[int, str, str], ...]:
    """(index in the word, letter, the letter it imitates) for each look-alike in `word`."""
    scripts = [script_of(c) for c in word]
    cyrillic, latin = scripts.count("cyrl"), scripts.count("latn")
    if not cyrillic or not latin:
        return ()
    table, foreign = (LATIN_TO_CYRILLIC, "latn") if cyrillic >= latin else (CYRILLIC_TO_LATIN, "cyrl")
    return tuple(
        (i, char, table[char])
        for i, (char, script) in enumerate(zip(word, scripts, strict=False))
        if script == foreign and char in table
    )


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
