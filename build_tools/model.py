"""The archive's values: frozen, typed, complete when made.

`load.py` makes them from `papers/`; every later stage only reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .names import Name
from .udc import Udc

Language = Literal["kk", "ru", "en"]
LANGUAGES: tuple[Language, ...] = ("kk", "ru", "en")


@dataclass(frozen=True)
class Localized:
    """One text in up to three languages."""

    kk: str | None = None
    ru: str | None = None
    en: str | None = None

    @classmethod
    def from_mapping(cls, data: dict[str, str] | None) -> Localized | None:
        return cls(**data) if data else None

    def get(self, language: str) -> str | None:
        value: str | None = getattr(self, language, None)
        return value

    def items(self) -> list[tuple[Language, str]]:
        return [(lang, text) for lang in LANGUAGES if (text := self.get(lang))]

    def best(self, language: str) -> str:
        """The text in `language`, else in the first language that has one."""
        return self.get(language) or self.items()[0][1]


@dataclass(frozen=True)
class Pages:
    first: int
    last: int

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"


@dataclass(frozen=True)
class Author:
    name: Name
    """The name as printed."""
    name_latin: Name | None = None
    """The Latin spelling, when the printed name is Cyrillic."""
    person: str | None = None
    """Registry id, given only to tell namesakes apart."""
    affiliation: str | None = None
    email: str | None = None
    """Personal data: never published as plain text."""
    orcid: str | None = None
    status: str | None = None
    """Status as printed, such as `Master's student`."""


@dataclass(frozen=True)
class Supervisor:
    name: Name
    name_latin: Name | None = None
    person: str | None = None
    affiliation: str | None = None
    degree: str | None = None


@dataclass(frozen=True)
class Paper:
    id: str
    """Permanent id, equal to the folder name; the paper's URL is made from it alone."""
    volume: str
    """Id of the volume the paper's folder is in."""
    language: Language
    udc: tuple[Udc, ...]
    irsti: tuple[str, ...]
    title: Localized
    """The printed title under `language`, translations under the others."""
    abstract: Localized | None
    keywords: dict[Language, tuple[str, ...]]
    authors: tuple[Author, ...]
    supervisors: tuple[Supervisor, ...]
    pages: Pages | None
    references: tuple[str, ...]
    """The reference list exactly as printed, in order."""
    licence: str
    incomplete: bool
    body: str
    """The paper's text as Markdown (paper.md)."""
    folder: Path
    pdf: Path | None
    """The printed paper as PDF, when the folder has one."""

    @property
    def printed_title(self) -> str:
        return self.title.best(self.language)


@dataclass(frozen=True)
class Editor:
    name: Name
    name_latin: Name | None = None
    person: str | None = None
    role: str | None = None


Detail = Literal["title", "conference", "year", "city", "publisher"]
"""A detail of a volume's record that the volume may not print (volume.yml's `inferred`)."""


@dataclass(frozen=True)
class Volume:
    id: str
    title: Localized
    conference: Localized | None
    year: int
    date: str | None
    city: Localized
    publisher: Localized
    editors: tuple[Editor, ...]
    isbn: str | None
    licence: str | None
    folder: Path
    inferred: frozenset[Detail] = frozenset()
    """The details the editors supplied, not printed in the volume."""

    def shown(self, detail: Detail, language: str) -> str:
        """A detail as readers see it, in `language`: in square brackets when it is inferred,
        as GOST R 7.0.100 marks what a record does not take from the source itself."""
        if detail == "year":
            text = str(self.year)
        else:
            texts = {"title": self.title, "conference": self.conference, "city": self.city, "publisher": self.publisher}
            localized = texts[detail]
            text = localized.best(language) if localized else ""
        return f"[{text}]" if detail in self.inferred else text


@dataclass(frozen=True)
class Person:
    """One person of the registry, with every spelling of their name."""

    id: str
    """Permanent ASCII slug of the person's page."""
    names: tuple[Name, ...]
    orcid: str | None = None
    not_same_as: tuple[str, ...] = ()

    def name_in(self, script: str) -> Name | None:
        return next((n for n in self.names if n.script == script), None)

    @property
    def display(self) -> Name:
        """The first Cyrillic spelling (the sources' script), else the first spelling."""
        return self.name_in("cyrl") or self.names[0]
