"""Alphabetical order of names as a Kazakh reader expects it. The only module that imports ICU.

ICU's `kk` collation puts Cyrillic first, in the 42-letter Kazakh order (А Ә Б В Г Ғ ... Ы І Ь Э
Ю Я), then Latin; Python's default order would file `Ә` after `я` and `І` before `А`. ICU's
alphabetic index gives the letter a name files under (`ёлкин` -> `Ё`, `Ñandu` -> `N`) for the
letter bar of the people index: the `kk` letters followed by the English ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import TypeVar

import icu  # type: ignore[import-untyped]  # PyICU ships no type information

T = TypeVar("T")

OTHER = "…"
"""The letter of a name that starts with no letter of either alphabet (a digit, a quote)."""


@cache
def _collator() -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale("kk"))


@cache
def _index() -> icu.ImmutableIndex:
    index = icu.AlphabeticIndex(icu.Locale("kk"))
    index.addLabels(icu.Locale("en"))
    return index.buildImmutableIndex()


def sort_key(text: str) -> bytes:
    """A key that orders strings in Kazakh alphabetical order, Cyrillic before Latin."""
    key: bytes = _collator().getSortKey(text)
    return key


def sorted_kk(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    """`items` sorted by `key(item)` in Kazakh alphabetical order."""
    return sorted(items, key=lambda item: sort_key(key(item)))


def letter(text: str) -> str:
    """The letter `text` files under in an alphabetical index, or `OTHER`."""
    index = _index()
    label, kind = index.getBucket(index.getBucketIndex(text))
    return str(label) if kind == icu.UAlphabeticIndexLabelType.NORMAL else OTHER


def letters() -> tuple[str, ...]:
    """Every letter of the index in order: the 42 Kazakh Cyrillic letters, then A to Z."""
    index = _index()
    out = []
    for i in range(index.bucketCount):
        label, kind = index.getBucket(i)
        if kind == icu.UAlphabeticIndexLabelType.NORMAL:
            out.append(str(label))
    return tuple(out)
