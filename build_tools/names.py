"""People's names: which script a spelling is in, its parts, and an ASCII transliteration.

The transliteration table below is this archive's own, for URL slugs and for spotting
the same surname written in two scripts. unidecode is not used: it drops `Ә`
(`Әбілқайыр` -> `bilkaiyr`). Slugs are made once, when a person is added to the
registry, and then stored; changing this table never changes a published URL.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .text import CYRILLIC_TO_LATIN, LATIN_TO_CYRILLIC, script_of

# Kazakh and Russian Cyrillic -> ASCII. Kazakh-specific letters get the spellings used in
# Kazakhstani passports where they are ASCII (ә a, ғ g, қ q, ң ng, ө o, ұ u, ү u, һ h, і i).
TRANSLIT = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e",
    "ё": "yo", "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "қ": "q", "л": "l",
    "м": "m", "н": "n", "ң": "ng", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
    "ю": "yu", "я": "ya",
}  # fmt: skip
# Latin letters of Kazakh and Turkic spellings that have no ASCII decomposition: without
# them `Əbilqaiyr` would lose its first letter.
LATIN_EXTRA = {"ə": "a", "ı": "i", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"}


def transliterate(text: str) -> str:
    """Cyrillic (Kazakh or Russian) to ASCII; Latin letters lose their diacritics."""
    out = []
    for char in text:
        lower = char.lower()
        if lower in TRANSLIT or lower in LATIN_EXTRA:
            latin = TRANSLIT.get(lower) or LATIN_EXTRA.get(lower, "")
            out.append(latin.capitalize() if char != lower and latin else latin)
        else:
            decomposed = unicodedata.normalize("NFKD", char)
            out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out)


def slugify(text: str) -> str:
    """An ASCII slug for a URL: `Ерғалиева Айша` -> `ergalieva-aysha`."""
    ascii_text = transliterate(text).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def sound_key(text: str) -> str:
    """A loose key under which the usual Latin spellings of one Cyrillic surname meet:
    `Yergaliyeva`, `Ergalieva` and `Ерғалиева` all give `ergalieva`."""
    key = transliterate(text).lower()
    key = re.sub(r"[^a-z]", "", key)
    for old, new in (("shch", "sh"), ("kh", "h"), ("gh", "g"), ("q", "k"), ("x", "ks"), ("j", "zh"), ("w", "v")):
        key = key.replace(old, new)
    key = re.sub(r"^ye", "e", key)
    for old, new in (("iy", "i"), ("yi", "i"), ("ye", "e"), ("yo", "e"), ("y", "i")):
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)


_TOKEN = re.compile(r"[^\W\d_]{1,2}\.|[^\s.]+")


def _fold_lookalikes(word: str, script: str) -> str:
    table = LATIN_TO_CYRILLIC if script == "cyrl" else CYRILLIC_TO_LATIN
    return "".join(table.get(c, c) for c in word)


@dataclass(frozen=True)
class Name:
    """A name as printed. `surname` and `given` (names or initials, without dots) are read off
    the printed order: `Дауылбаев А.Б.`, `D.K Akhmedyanova` and `Bodenova Alsina` all work."""

    text: str
    script: str
    surname: str
    given: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Name:
        text = " ".join(text.split())
        scripts = [s for s in map(script_of, text) if s]
        script = "latn" if scripts.count("latn") > scripts.count("cyrl") else "cyrl"
        initials: list[str] = []
        names: list[str] = []
        # An initial is one or two letters with a dot (`Д.`, `Sh.`) or a lone letter (`D.K` misses a dot).
        for token in _TOKEN.findall(text):
            if token.endswith(".") or len(token) == 1:
                initials.append(token.rstrip("."))
            else:
                names.append(token)
        if initials and names:
            surname, given = names[0], tuple(names[1:]) + tuple(initials)
        elif names:
            surname, given = names[0], tuple(names[1:])
        else:
            surname, given = text, ()
        return cls(text, script, surname, given)

    @property
    def initials(self) -> tuple[str, ...]:
        # A printed two-letter initial (`Sh.`) stays whole; a given name gives its first letter.
        return tuple(part if len(part) <= 2 else part[0] for part in self.given)

    @property
    def short(self) -> str:
        """`Surname I.I.`, the form citations use."""
        return self.surname + (" " + "".join(f"{i}." for i in self.initials) if self.given else "")

    def key(self) -> str:
        """Spelling key: the same printed name however spaced, dotted, ordered or cased."""
        parts = (self.surname, *self.given)
        return "|".join(_fold_lookalikes(p, self.script).casefold() for p in parts)

    def sound(self) -> tuple[str, tuple[str, ...]]:
        """Surname sound key and transliterated initials, to suggest likely duplicates."""
        return sound_key(self.surname), tuple(sound_key(i)[:1] for i in self.initials)


def compatible_initials(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """`D.` is compatible with `D.K.`; `D.K.` is not with `A.K.`."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]
