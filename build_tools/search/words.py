"""How text becomes search terms, in the build and, identically, in the browser.

The browser side is `theme/assets/search/words.js`: it receives `tables()` from the
generated manifest, so both sides share one set of data, and tests run both on
`tests/data/search_words.json`.

Approach to inflection. Stemmers differ between lunr.py and lunr.js builds, and none
exists for Kazakh; a stemmed index then finds nothing for a whole inflected word the
stemmers cut differently. So the index holds whole folded words, never stems, and only
the query is cut: each query word is searched as itself (boosted) and as a prefix made
by stripping known endings (`Одақтан` -> `одақ*`, which finds `Одақ`, `Одаққа`,
`Одақтан`; `countries` -> `countr*`). The query side only ever truncates, so a prefix
always matches the word it came from, and a wrong cut costs precision, never recall.

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
"""Kazakh stacks endings (`қатынас-тар-ы-ның`): strip at most this many from a Cyrillic word;
one from a Latin one (`policy` -> `polic*`, not `pol*`)."""

KAZAKH_LETTERS = "әғқңөұүһі"
"""A word with one of these is Kazakh, and loses only Kazakh endings (`ұлыбритания` keeps its
Russian-looking `ия`); other Cyrillic words may be either language and lose either's."""
RUSSIAN_KEYBOARD = "агкноуухи"
"""What a Russian keyboard types for each of KAZAKH_LETTERS, in order: the index and the query
hold each Kazakh letter so folded."""
_PLAIN = str.maketrans(KAZAKH_LETTERS, RUSSIAN_KEYBOARD)
# Longest match first; several may apply in turn.
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
    "ью", "ья", "ть", "ться", "ется", "ются", "ет", "ют", "ит", "ят",
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
    """One query word: the folded `word`, searched exactly, and `stem`, searched as a prefix
    when `prefix` (words of one or two letters are searched only as they are)."""

    word: str
    stem: str
    prefix: bool


def stem(word: str) -> str:
    """Strip endings from a `lowered` word while a long enough stem remains (see MIN_STEM)."""
    if NUMBER.fullmatch(word):
        return word
    endings: tuple[str, ...]
    if any(c in KAZAKH_LETTERS for c in word):
        endings = KAZAKH_ENDINGS
    elif _CYRILLIC.search(word):
        endings = KAZAKH_ENDINGS + RUSSIAN_ENDINGS
    else:
        endings = ENGLISH_ENDINGS
    keep = max(MIN_STEM, len(word) // 2)
    for _ in range(MAX_STRIPS if endings is not ENGLISH_ENDINGS else 1):
        cut = max((e for e in endings if word.endswith(e) and len(word) - len(e) >= keep), key=len, default="")
        if not cut:
            break
        word = word[: -len(cut)]
    return word


def query_words(query: str) -> list[QueryWord]:
    """The words of a query, each once, in order, without UDC labels beside other words; each
    stemmed before its Kazakh letters are folded (see `fold`)."""
    found: dict[str, str] = {}
    for token in _tokens(query):
        found.setdefault(fold(token), lowered(token))
    words = list(found)
    if any(word not in _LABELS for word in words):
        words = [word for word in words if word not in _LABELS]
    return [QueryWord(word, stem(found[word]).translate(_PLAIN), len(word) > 2) for word in words]


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
    }
