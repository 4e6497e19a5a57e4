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
- a stem of the word (the word less one to three endings), alone or followed by one to three
  Kazakh endings, which Kazakh stacks, or by one Russian ending (`Одақтан` is `одақ` + `тан`,
  and finds `Одақ` and `Одаққа`; `конфликтов` finds `конфликтах`; `форумам` finds the Kazakh
  `форумда`), or by one English ending after a Latin stem (`countries` finds `country`);
- the word less one ending, if six letters or more remain, followed by anything (`дипломатии`
  finds `дипломатический`, `relations` finds `relationship`).

A shorter stem followed by anything found unrelated words: `страна`, cut to `стр`, found
`стратегия` and `строительство`; `party`, cut to `part`, found `participation`. A stem is only
ever the word less its last letters, so a query word always finds itself.

Kazakh letters are folded to the letters a Russian keyboard types for them (`ұ` and `ү` as
`у`, `қ` as `к`, `і` as `и`...), in the index and in the query alike: a reader without a Kazakh
layout types `Улыбритания` or `Одак` and finds `Ұлыбритания` and `Одақ`. Endings are cut
before that fold, by the Kazakh letters of the query word: a word with them loses only Kazakh
endings. A word without them may be Russian, or Kazakh typed without them (`маселени` for
`мәселені`): it loses one Russian ending, or Kazakh ones, also as typed without their letters
(`ни` for `ні`), and a long stem left by Kazakh endings loses a Russian one too (`дипломатиямен`
-> `дипломатия` -> `дипломат`, which finds `дипломатии`).
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
"""Kazakh stacks endings (`қатынас-тар-ы-ның`): a stem is a Cyrillic word less at most this many
endings, and an index word may add as many Kazakh ones to it. A Latin word loses one (`policy` ->
`polic`, not `pol`)."""
OPEN_STEM = 6
"""A stem of at least this many letters, one ending short of the word, finds any word it begins
(`дипломати` -> `дипломатический`); a shorter one, or one cut further, only its inflected forms
(`стран` -> `страны`, not `странный`)."""

KAZAKH_LETTERS = "әғқңөұүһі"
"""A word with one of these is Kazakh, and loses only Kazakh endings (`ұлыбритания` keeps its
Russian-looking `ия`); other Cyrillic words may be either language and lose either's."""
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
    "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ых", "их", "ый", "ым", "им", "ая",
    "яя", "ую", "юю", "ое", "ее",
    "ые", "ие", "ой", "ей", "ом", "ем", "ам", "ям", "ах", "ях", "ов", "ев", "ию", "ия", "ий",
    "ью", "ья", "ии", "ть", "ться", "ется", "ются", "ет", "ют", "ит", "ят",
    "ость", "ости", "ение", "ения", "ении", "ением", "ание", "ания", "ании",
    "а", "я", "о", "е", "у", "ю", "ь", "й", "и", "ы",
)  # fmt: skip
ENGLISH_ENDINGS = (
    "ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s", "ly", "ally", "al", "ic",
    "ical", "ity", "ities", "ment", "ments", "ness", "e", "y",  # `party` -> `part`, which finds `parties`
)  # fmt: skip
_KAZAKH_FOLDED = frozenset(e.translate(_PLAIN) for e in KAZAKH_ENDINGS)
_LONGEST_KAZAKH = max(map(len, KAZAKH_ENDINGS))
_TYPED_WITHOUT_KAZAKH = KAZAKH_ENDINGS + tuple(sorted(_KAZAKH_FOLDED))
"""The Kazakh endings a Cyrillic word without Kazakh letters may lose: also as typed without
their Kazakh letters (`ди` for `ді`)."""
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
    """One query word, and what it `matches`."""

    word: str
    """Folded; searched exactly, boosted."""
    stem: str
    """The shortest of `stems` (or the word): every word it matches begins with it."""
    prefix: bool
    """Words of three letters or more; shorter ones find only themselves."""
    stems: tuple[str, ...]
    """The word less its endings (`stems`), folded: each alone or followed by endings."""
    open: tuple[str, ...]
    """The stems one ending short of the word with OPEN_STEM letters or more: each followed by anything."""


def stems(word: str) -> list[list[str]]:
    """The stems of a `lowered` word by the number of endings cut, each leaving at least MIN_STEM
    letters and half the word: one to MAX_STRIPS Kazakh endings, which Kazakh stacks, or one
    Russian ending (for a word without Kazakh letters: also after Kazakh endings it shares with
    Kazakh typed without its letters, from a stem of OPEN_STEM letters or more), or one English
    ending (a Latin word)."""
    if NUMBER.fullmatch(word):
        return []
    keep = max(MIN_STEM, len(word) // 2)

    def cut(words: Iterable[str], endings: tuple[str, ...]) -> set[str]:
        return {w[: -len(e)] for w in words for e in endings if w.endswith(e) and len(w) - len(e) >= keep}

    def stacked(endings: tuple[str, ...]) -> list[set[str]]:
        levels: list[set[str]] = []
        last: set[str] = {word}
        found: set[str] = set()
        while len(levels) < MAX_STRIPS and (last := cut(last, endings) - found):
            found |= last
            levels.append(last)
        return levels

    if not _CYRILLIC.search(word):
        first = cut([word], ENGLISH_ENDINGS)
        return [sorted(first)] if first else []
    if any(c in KAZAKH_LETTERS for c in word):
        return [sorted(level) for level in stacked(KAZAKH_ENDINGS)]
    # A word without Kazakh letters is Russian or Kazakh typed without them: it loses Kazakh
    # endings also as so typed (`ди` for `ді`), or one Russian ending.
    levels = stacked(_TYPED_WITHOUT_KAZAKH) or [set()]
    russian = cut([word], RUSSIAN_ENDINGS)
    levels[0] |= russian
    # A loanword with Kazakh endings it shares with words typed without them loses a Russian one
    # too, from a long stem (`дипломатиямен` -> `дипломатия` -> `дипломат`, which finds
    # `дипломатии`). A Kazakh ending typed without its letters is not enough: `дипломатии` less
    # `ти` (for `ті`) and `а` would be `диплом`.
    shared = {s for level in stacked(KAZAKH_ENDINGS) for s in level if len(s) >= OPEN_STEM}
    loaned = cut(shared, RUSSIAN_ENDINGS) - set().union(*levels)
    return [sorted(level) for level in [*levels, loaned] if level]


def _kazakh_endings(rest: str, depth: int = MAX_STRIPS) -> bool:
    """Whether `rest` is at most `depth` folded Kazakh endings in a row."""
    if not rest:
        return True
    return depth > 0 and any(
        rest[:n] in _KAZAKH_FOLDED and _kazakh_endings(rest[n:], depth - 1)
        for n in range(1, min(len(rest), _LONGEST_KAZAKH) + 1)
    )


def _endings(rest: str, cyrillic: bool) -> bool:
    """Whether `rest` is what may follow a stem: nothing, at most MAX_STRIPS Kazakh endings, which
    Kazakh stacks, or one Russian ending; nothing or one English ending after a Latin stem."""
    if not rest:
        return True
    if cyrillic:
        return _kazakh_endings(rest) or rest in RUSSIAN_ENDINGS
    return rest in ENGLISH_ENDINGS


def matches(query: QueryWord, term: str) -> bool:
    """Whether the query word finds the index's folded `term` (see the module's docstring): the
    word itself, the word or an `open` stem followed by anything, or a stem alone or followed by
    endings."""
    if term == query.word:
        return True
    if not query.prefix or not term.startswith(query.stem):
        return False
    if term.startswith(query.word):
        return True
    if any(term.startswith(stem) for stem in query.open):
        return True
    cyrillic = bool(_CYRILLIC.search(query.word))
    return any(term.startswith(stem) and _endings(term[len(stem) :], cyrillic) for stem in query.stems)


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
        levels = [[stem.translate(_PLAIN) for stem in level] for level in stems(found[word])]
        cut = tuple(dict.fromkeys(stem for level in levels for stem in level))
        opened = tuple(stem for stem in levels[0] if len(stem) >= OPEN_STEM) if levels else ()
        out.append(QueryWord(word, min(cut, key=len, default=word), len(word) > 2, cut, opened))
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
