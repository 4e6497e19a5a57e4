"""How text becomes search terms, in the build and, identically, in the browser.

The browser side is `theme/assets/search/words.js`: it receives `tables()` from the
generated manifest, so both sides share one set of data, and tests run both on
`tests/data/search_words.json`.

Approach to inflection. Stemmers differ between lunr.py and lunr.js builds, and none
exists for Kazakh; a stemmed index then finds nothing for a whole inflected word the
stemmers cut differently. So the index holds whole folded words, never stems, and only
the query is analysed. A query word finds, besides itself (boosted), the words of the index
that are (`matches`):

- the word followed by anything (`Қазақстан` finds `Қазақстандағы`): Kazakh stacks more
  endings than any table lists, and a reader may still be typing the word;
- a stem of the word, alone or followed by endings of its language: one to three Kazakh
  endings, which Kazakh stacks (`Одақтан` is `одақ` + `тан`, and finds `Одақ` and `Одаққа`),
  or one Russian or English ending (`конфликтов` finds `конфликтах`, `countries` finds
  `country`);
- a stem of six letters or more followed by anything (`дипломатии` finds `дипломатический`,
  `relations` finds `relationship`).

A shorter stem followed by anything found unrelated words: `страна`, cut to `стр`, found
`стратегия` and `строительство`; `party`, cut to `part`, found `participation`. A stem is only
ever the word less its last letters, so a query word always finds itself.

Kazakh letters are folded to the letters a Russian keyboard types for them (`ұ` and `ү` as
`у`, `қ` as `к`, `і` as `и`...), in the index and in the query alike: a reader without a Kazakh
layout types `Улыбритания` or `Одак` and finds `Ұлыбритания` and `Одақ`. Endings are cut
before that fold, by the Kazakh letters of the query word. A word typed without them is cut only
by endings Kazakh and Russian share (`дан`, `ы`) or by Russian ones: their folded Kazakh endings
(`ти` for `ті`, `ин` for `ің`) end Russian words too, which would be cut too short.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..text import LATIN_TO_CYRILLIC

MIN_STEM = 3
"""A stripped stem keeps at least this many letters, and at least half the word's."""
MAX_STRIPS = 3
"""Kazakh stacks endings (`қатынас-тар-ы-ның`): a stem is a word less at most this many Kazakh
endings, and an index word may add as many to it. Russian and English words lose and add one
(`policy` -> `polic`, not `pol`)."""
OPEN_STEM = 6
"""A stem of at least this many letters finds any word it begins (`дипломати` ->
`дипломатический`); a shorter one only its inflected forms (`стран` -> `страны`, not `странный`)."""

KAZAKH_LETTERS = "әғқңөұүһі"
"""A word with one of these is Kazakh, and loses only Kazakh endings (`ұлыбритания` keeps its
Russian-looking `ия`); other Cyrillic words may be either language, and have stems of both."""
RUSSIAN_KEYBOARD = "агкноуухи"
"""What a Russian keyboard types for each of KAZAKH_LETTERS, in order: the index and the query
hold each Kazakh letter so folded."""
_PLAIN = str.maketrans(KAZAKH_LETTERS, RUSSIAN_KEYBOARD)
KAZAKH_ENDINGS = (
    "лар", "лер", "дар", "дер", "тар", "тер",  # plural
    "ның", "нің", "дың", "дің", "тың", "тің",  # genitive
    "ға", "ге", "қа", "ке", "на", "не",  # dative
    "ны", "ні", "ды", "ді", "ты", "ті",  # accusative
    "да", "де", "та", "те", "нда", "нде",  # locative
    "дан", "ден", "тан", "тен", "нан", "нен",  # ablative
    "мен", "бен", "пен",  # instrumental
    "сы", "сі", "ы", "і", "ым", "ім", "ың", "ің", "ымыз", "іміз", "ыңыз", "іңіз",  # possessive
)  # fmt: skip
RUSSIAN_ENDINGS = (
    "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ых", "их", "ая", "яя", "ое", "ее",
    "ые", "ие", "ой", "ей", "ом", "ем", "ам", "ям", "ах", "ях", "ов", "ев", "ию", "ия", "ий",
    "ью", "ья", "ии", "ть", "ться", "ется", "ются", "ет", "ют", "ит", "ят",
    "ость", "ости", "ение", "ения", "ении", "ением", "ание", "ания", "ании",
    "а", "я", "о", "е", "у", "ю", "ь", "й", "и", "ы",
)  # fmt: skip
ENGLISH_ENDINGS = (
    "ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s", "ly", "ally", "al", "ic",
    "ical", "ity", "ities", "ment", "ments", "ness", "e", "y",  # `party` -> `part*`, as `parties`
)  # fmt: skip
LABELS = ("udc", "удк", "әож")
"""The words a UDC code is printed after. The index holds codes, not these: a query of a label
and other words (`УДК 327.8`) searches for the other words alone."""

# A term: a dotted number kept whole (UDC `327.8`, IRSTI `11.25.40`), or a run of letters and digits.
TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)+|[^\W_]+")
# Characters outside the Basic Multilingual Plane are dropped: lunr.js orders terms by UTF-16
# code units and Python by code points, and the two orders differ only there.
ASTRAL = re.compile("[\U00010000-\U0010ffff]")
NUMBER = re.compile(r"[0-9.]+")
_CYRILLIC = re.compile("[\u0400-\u052f]")
_LATIN = re.compile("[A-Za-z" + re.escape("".join(LATIN_TO_CYRILLIC)) + "]")


def _script(char: str) -> str | None:
    # Plain ranges and the look-alike table, so that words.js can say exactly the same.
    if "a" <= char <= "z" or "A" <= char <= "Z" or char in LATIN_TO_CYRILLIC:
        return "latn"
    if "\u0400" <= char <= "\u052f":
        return "cyrl"
    return None


# Called for every word of every paper (three million at 1,000 papers) on a vocabulary a hundred
# times smaller: the folded form of each word is kept.
@lru_cache(maxsize=1 << 17)
def fold(word: str) -> str:
    """One word as the index holds it: `lowered`, its Kazakh letters as a Russian keyboard types them."""
    return lowered(word).translate(_PLAIN)


def lowered(word: str) -> str:
    """Latin look-alikes inside a Cyrillic word made Cyrillic (ties count as Cyrillic, as in
    `text.find_lookalikes`), lower case, `ё` as `е`: a word as it is stemmed."""
    if _LATIN.search(word) and _CYRILLIC.search(word):
        scripts = [_script(c) for c in word]
        if scripts.count("cyrl") >= scripts.count("latn"):
            word = "".join(LATIN_TO_CYRILLIC.get(c, c) for c in word)
    return word.lower().replace("ё", "е")


_LABELS = {fold(label) for label in LABELS}


def _tokens(text: str) -> list[str]:
    return TOKEN.findall(ASTRAL.sub(" ", unicodedata.normalize("NFC", text)))


def terms(text: str) -> list[str]:
    """The folded terms of a text, in order, repeats kept."""
    return [fold(token) for token in _tokens(text)]


def counts(texts: Iterable[str]) -> Counter[str]:
    """How often each folded term of `texts` occurs (what lunr counts): `terms`, counted."""
    out: Counter[str] = Counter()
    for text in texts:
        out.update(map(fold, _tokens(text)))
    return out


@dataclass(frozen=True)
class QueryWord:
    """One query word: the folded `word`, searched exactly, and, when `prefix` (words of three
    letters or more), the words it `matches`. `stems` are the word less its endings, folded, each
    with the language whose endings may follow it; `stem` is the shortest, with which every word
    it matches begins."""

    word: str
    stem: str
    prefix: bool
    stems: tuple[tuple[str, str], ...] = ()


def stems(word: str) -> list[tuple[str, str]]:
    """The stems of a `lowered` word, longest first, each with its language (`kk`, `ru`, `en`),
    leaving at least MIN_STEM letters and half the word: less one to MAX_STRIPS Kazakh endings
    (Kazakh stacks them), or less one Russian ending (a word without Kazakh letters may be
    either language), or less one English ending (a Latin word)."""
    if NUMBER.fullmatch(word):
        return []
    keep = max(MIN_STEM, len(word) // 2)

    def cut(current: str, endings: tuple[str, ...]) -> list[str]:
        return [current[: -len(e)] for e in endings if current.endswith(e) and len(current) - len(e) >= keep]

    if not _CYRILLIC.search(word):
        return sorted({(s, "en") for s in cut(word, ENGLISH_ENDINGS)}, key=_longest_first)
    found = {(s, "ru") for s in cut(word, RUSSIAN_ENDINGS)} if not any(c in KAZAKH_LETTERS for c in word) else set()
    kazakh, last = set(), [word]
    for _ in range(MAX_STRIPS):
        last = [s for current in last for s in cut(current, KAZAKH_ENDINGS) if s not in kazakh]
        kazakh.update(last)
    found |= {(s, "kk") for s in kazakh}
    return sorted(found, key=_longest_first)


def _longest_first(stem: tuple[str, str]) -> tuple[int, str, str]:
    return -len(stem[0]), stem[0], stem[1]


_ENDINGS = {
    "kk": frozenset(e.translate(_PLAIN) for e in KAZAKH_ENDINGS),
    "ru": frozenset(RUSSIAN_ENDINGS),
    "en": frozenset(ENGLISH_ENDINGS),
}
_LONGEST_ENDING = max(map(len, KAZAKH_ENDINGS))


def _kazakh_endings(rest: str, depth: int = MAX_STRIPS) -> bool:
    """Whether `rest` is at most `depth` folded Kazakh endings in a row."""
    if not rest:
        return True
    return depth > 0 and any(
        rest[:n] in _ENDINGS["kk"] and _kazakh_endings(rest[n:], depth - 1)
        for n in range(1, min(len(rest), _LONGEST_ENDING) + 1)
    )


def matches(query: QueryWord, term: str) -> bool:
    """Whether the query word finds the index's folded `term` (see the module's docstring): the
    word itself, the word followed by anything, a long stem followed by anything, or a stem
    followed by endings of its language (at most MAX_STRIPS Kazakh ones, one of another)."""
    if term == query.word:
        return True
    if not query.prefix or not term.startswith(query.stem):
        return False
    if term.startswith(query.word):
        return True
    for stem_, language in query.stems:
        if not term.startswith(stem_):
            continue
        rest = term[len(stem_) :]
        if len(stem_) >= OPEN_STEM or not rest:
            return True
        if _kazakh_endings(rest) if language == "kk" else rest in _ENDINGS[language]:
            return True
    return False


def query_words(query: str) -> list[QueryWord]:
    """The words of a query, each once, in order, without UDC labels beside other words; each
    stemmed before its Kazakh letters are folded (see `fold`)."""
    found: dict[str, str] = {}
    for token in _tokens(query):
        found.setdefault(fold(token), lowered(token))
    words = list(found)
    if any(word not in _LABELS for word in words):
        words = [word for word in words if word not in _LABELS]
    out = []
    for word in words:
        cut = tuple((s.translate(_PLAIN), language) for s, language in stems(found[word]))
        out.append(QueryWord(word, min((s for s, _ in cut), key=len, default=word), len(word) > 2, cut))
    return out


def tables() -> dict[str, object]:
    """The data `words.js` needs to do exactly what this module does."""
    return {
        "latinToCyrillic": LATIN_TO_CYRILLIC,
        "kazakhLetters": KAZAKH_LETTERS,
        "kazakhEndings": list(KAZAKH_ENDINGS),
        "russianEndings": list(RUSSIAN_ENDINGS),
        "englishEndings": list(ENGLISH_ENDINGS),
        "russianKeyboard": RUSSIAN_KEYBOARD,
        "labels": sorted(_LABELS),
        "minStem": MIN_STEM,
        "maxStrips": MAX_STRIPS,
        "openStem": OPEN_STEM,
    }
