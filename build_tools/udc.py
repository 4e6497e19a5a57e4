"""Universal Decimal Classification: code syntax, the main number a code files under,
and the captions of the UDC Summary (CC BY-SA 3.0, see data/udc/README.md)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .text import find_lookalikes

DATA = Path(__file__).parent / "data" / "udc" / "udc_summary.tsv"

LABEL = re.compile(r"^\s*(UDC|UDK|УДК|ӘОЖ|ОӘЖ)(?![^\W\d_])\s*:?\s*", re.IGNORECASE)
# ГРНТИ/МРНТИ (IRSTI) codes are pairs of digits: 11.25.40. In UDC a dot follows only a
# full group of three digits, so such a code can never be a UDC number.
IRSTI = re.compile(r"^\d{2}\.\d{2}(\.\d{2})?$")
IRSTI_LABEL = re.compile(r"^\s*(ГРНТИ|МРНТИ|IRSTI|ХҒТАР)(?![^\W\d_])", re.IGNORECASE)

# A main number: 1-3 digits, or groups of three separated by dots with a shorter last group.
# A group after a dot that starts with 0 is a special auxiliary (.01, .019.51), not main.
_MAIN = r"\d{3}(?:\.[1-9]\d{2})*(?:\.[1-9]\d{0,2})?|\d{1,3}"
_TOKENS = [
    ("main", _MAIN),
    ("place", r"\([0-9A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі=.\-/:+ ]+\)"),  # (574), (075.8), (=512.122)
    ("language", r"=\d+(?:\.\d+)*"),  # =512.122
    ("time", r'"[^"]+"'),  # "2016"
    # -053.2, .019.51, '373: a dot again follows only a full group of three digits
    ("special", r"[-'](?:\d{3}(?:\.\d{3})*(?:\.\d{1,3})?|\d{1,3})|\.0(?:\d\d(?:\.\d{3})*(?:\.\d{1,3})?|\d?)"),
    ("relation", r"::|[:+/]"),  # 327:339, 327+339, 327/329
    ("space", r"\s+"),
]
_TOKEN = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _TOKENS))
_SEPARATORS = re.compile(r"\s*[,;]\s*")


class UdcSyntaxError(ValueError):
    """A code that is not UDC; `offset` is where in the code the mistake is."""

    def __init__(self, code: str, offset: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.offset = offset


def strip_label(text: str) -> tuple[str, str | None]:
    """`УДК 327.8` -> (`327.8`, `УДК`); a code without a label comes back unchanged with None."""
    match = LABEL.match(text)
    if match is None:
        return text, None
    return text[match.end() :], match.group(1)


@dataclass(frozen=True, order=True)
class Udc:
    """One UDC code as printed, e.g. `327(574)`; `main` is the number it files under (`327`)."""

    code: str
    main: str

    @classmethod
    def parse(cls, text: str) -> Udc:
        """Check the syntax of one code: main numbers joined by `:`, `::`, `+` or `/`, each with
        any auxiliaries after it: place/form `(574)`, language `=512.122`, time `"2016"`,
        special `-053.2`, `.01`, `'373`. Raises UdcSyntaxError with the offset of the mistake."""
        code = text.strip()
        rest, label = strip_label(code)
        if label is not None:
            raise UdcSyntaxError(code, 0, f"write the code without its label {label!r}: {rest.strip()!r}")
        if IRSTI.match(code) or IRSTI_LABEL.match(code):
            raise UdcSyntaxError(code, 0, f"{code!r} is a ГРНТИ/МРНТИ code, not UDC; put it under `irsti`")
        separator = _SEPARATORS.search(code)
        if separator is not None:
            parts = [p for p in _SEPARATORS.split(code) if p]
            raise UdcSyntaxError(
                code, separator.start(), f"{code!r} holds several codes; give each as its own item: {parts}"
            )
        main = ""
        offset = 0
        previous = "relation"  # what came last, spaces aside: a code starts like after a relation sign
        while offset < len(code):
            match = _TOKEN.match(code, offset)
            if match is None:
                char = code[offset]
                hint = " (use the hyphen '-')" if char in "–—‐" else ""
                raise UdcSyntaxError(code, offset, f"{code!r} is not UDC syntax at {code[offset:]!r}{hint}")
            kind = match.lastgroup or ""
            if kind == "main":
                if previous != "relation":
                    raise UdcSyntaxError(
                        code,
                        offset,
                        f"{code!r}: two numbers without a sign between them at {code[offset:]!r} "
                        "(a dot follows every full group of three digits: 327.8; join numbers with : or +)",
                    )
                main = main or match.group()
            if kind != "space":
                previous = kind
            offset = match.end()
        if previous == "relation":
            raise UdcSyntaxError(code, max(len(code) - 1, 0), f"{code!r} ends without a number after its sign")
        if not main:
            raise UdcSyntaxError(code, 0, f"{code!r} has no main UDC number")
        return cls(code, main)


def ancestors(main: str) -> list[str]:
    """`327.8` -> [`3`, `32`, `327`, `327.8`]: the classes a paper under `main` counts for."""
    digits = main.replace(".", "")
    out = []
    for n in range(1, len(digits) + 1):
        prefix = digits[:n]
        out.append(".".join(prefix[i : i + 3] for i in range(0, len(prefix), 3)))
    return out


@dataclass(frozen=True)
class Caption:
    en: str
    ru: str | None
    kk: str | None

    def get(self, language: str) -> str:
        """The caption in `language`, falling back to English where the Summary has no translation."""
        value = {"en": self.en, "ru": self.ru, "kk": self.kk}[language]
        return value or self.en


@cache
def captions(path: Path = DATA) -> dict[str, Caption]:
    """UDC Summary captions by code. A Russian or Kazakh cell equal to the English one
    is an untranslated cell in the source, so it counts as missing. Ten Russian cells of the
    source type a Latin letter inside a Cyrillic word (`Mедицинские`): such letters are read as
    the letters they imitate, as the archive asks of its own files. The main classes, and six
    other cells, are in capitals (`SOCIAL SCIENCES`): they are shown as the other captions are,
    a capital at the start of each sentence (`Social sciences`)."""
    table: dict[str, Caption] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            en = row["en"].strip()
            table[row["code"]] = Caption(
                _sentences(en),
                _sentences(_mended(ru)) if (ru := row["ru"].strip()) and ru != en else None,
                _sentences(_mended(kk)) if (kk := row["kk"].strip()) and kk != en else None,
            )
    return table


def _sentences(text: str) -> str:
    """A caption in capitals in sentence case: `THE ARTS. SPORT` -> `The arts. Sport`."""
    if text != text.upper():
        return text
    return _SENTENCE_START.sub(lambda m: m[0].upper(), text.lower())


_SENTENCE_START = re.compile(r"(?:^|[.]\s*)\w")


def _mended(text: str) -> str:
    letters = list(text)
    for found in find_lookalikes(text):
        letters[found.offset] = found.replacement
    return "".join(letters)


def caption_for(main: str) -> tuple[str, Caption] | None:
    """The caption of `main`, or of its nearest ancestor in the Summary (which stops at about 3 digits)."""
    table = captions()
    for code in reversed(ancestors(main)):
        if code in table:
            return code, table[code]
    return None
