"""Universal Decimal Classification: code syntax, the main number a code files under,
and the captions of the UDC Summary (CC BY-SA 3.0, see data/udc/README.md)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "udc" / "udc_summary.tsv"

LABEL = re.compile(r"^\s*(UDC|UDK|УДК|ӘОЖ|ОӘЖ)\s*:?\s*", re.IGNORECASE)
# ГРНТИ/МРНТИ (IRSTI) codes are pairs of digits: 11.25.40. In UDC a dot follows only a
# full group of three digits, so such a code can never be a UDC number.
IRSTI = re.compile(r"^\d{2}\.\d{2}(\.\d{2})?$")

# A main number: 1-3 digits, or groups of three separated by dots with a shorter last group.
_MAIN = r"\d{3}(?:\.\d{3})*\.\d{1,3}|\d{1,3}"
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


class UdcSyntaxError(ValueError):
    """A code that is not UDC; `offset` is where reading it stopped."""

    def __init__(self, code: str, offset: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.offset = offset


@dataclass(frozen=True, order=True)
class Udc:
    """One UDC code as printed, e.g. `327(574)`; `main` is the number it files under (`327`)."""

    code: str
    main: str

    @classmethod
    def parse(cls, text: str) -> Udc:
        code = text.strip()
        if LABEL.match(code):
            raise UdcSyntaxError(code, 0, f"write the code without its label: {LABEL.sub('', code)!r}")
        main = ""
        offset = 0
        while offset < len(code):
            match = _TOKEN.match(code, offset)
            if match is None:
                if IRSTI.match(code):
                    raise UdcSyntaxError(code, 0, f"{code!r} is a ГРНТИ/МРНТИ code, not UDC; put it under `irsti`")
                raise UdcSyntaxError(code, offset, f"{code!r} is not UDC syntax at {code[offset:]!r}")
            if match.lastgroup == "main" and not main:
                main = match.group()
            offset = match.end()
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
    is an untranslated cell in the source, so it counts as missing."""
    table: dict[str, Caption] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            en = row["en"].strip()
            table[row["code"]] = Caption(
                en,
                ru if (ru := row["ru"].strip()) and ru != en else None,
                kk if (kk := row["kk"].strip()) and kk != en else None,
            )
    return table


def caption_for(main: str) -> tuple[str, Caption] | None:
    """The caption of `main`, or of its nearest ancestor in the Summary (which stops at about 3 digits)."""
    table = captions()
    for code in reversed(ancestors(main)):
        if code in table:
            return code, table[code]
    return None
