"""pybtex formatting styles for GOST R 7.0.100-2018 and APA 7, in Kazakh, Russian and English.

pybtex ships BibTeX-like styles only. These two format an `@inproceedings` entry (a paper in
conference proceedings) the way each standard shows a component part of a book, with the
words and abbreviations of the paper's language (the entry's `langid`):

GOST R 7.0.100-2018, analytic record (sections 7 and 8 of the standard), up to three authors:
    Иванов, С. П. Заглавие / С. П. Иванов // Заглавие сборника : сведения о конференции
    (Город, 10 апреля 2020 г.). – Город : Издатель, 2020. – С. 21–24.
With four or more authors the record starts with the title and names the first three, then
`[и др.]`. Page abbreviations: `С.` (ru), `Б.` (kk, бет), `P.` (en).

APA 7, chapter or paper in an edited book (Publication Manual, 7th ed., section 10.3):
    Surname, I. I., & Surname, I. (2020). Title. In I. Editor (Ed.), *Proceedings* (pp. 12–15).
    Publisher. URL
The Russian words are those of the CSL `ru-RU` locale (`В`, `ред.`, `с.`); the Kazakh ones are
this archive's (`Жинақта`, `ред.`, `б.`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from pybtex.backends import html, plaintext  # type: ignore[import-untyped]  # pybtex ships no type information
from pybtex.database import Entry  # type: ignore[import-untyped]  # pybtex ships no type information
from pybtex.database import Person as BibPerson
from pybtex.richtext import Text  # type: ignore[import-untyped]
from pybtex.style.formatting import BaseStyle  # type: ignore[import-untyped]
from pybtex.style.template import field, join, optional, tag  # type: ignore[import-untyped]
from pybtex.style.template import node as _node

Context = dict[str, Any]


def node(function: Callable[..., Text]) -> Any:
    """pybtex's `node` decorator, typed: the function becomes a template node."""
    return _node(function)


GOST_TERMS = {
    "russian": {"pages": "С.", "others": "и др.", "year": "г."},
    "kazakh": {"pages": "Б.", "others": "және т.б.", "year": "ж."},
    "english": {"pages": "P.", "others": "et al.", "year": ""},
}
APA_TERMS = {
    "russian": {"in": "В", "ed": "ред.", "eds": "ред.", "p": "с.", "pp": "с."},
    "kazakh": {"in": "Жинақта", "ed": "ред.", "eds": "ред.", "p": "б.", "pp": "б."},
    "english": {"in": "In", "ed": "Ed.", "eds": "Eds.", "p": "p.", "pp": "pp."},
}
MONTHS = {
    "russian": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    "kazakh": [
        "қаңтар",
        "ақпан",
        "наурыз",
        "сәуір",
        "мамыр",
        "маусым",
        "шілде",
        "тамыз",
        "қыркүйек",
        "қазан",
        "қараша",
        "желтоқсан",
    ],
    "english": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def _language(context: Context) -> str:
    language: str = context["entry"].fields.get("langid", "english")
    return language if language in GOST_TERMS else "english"


def _surname(person: BibPerson) -> str:
    return " ".join(person.prelast_names + person.last_names)


def _initials(person: BibPerson) -> str:
    """`D. K.`: a printed initial keeps its form (`Sh.`), a given name gives its first letter."""
    parts = person.first_names + person.middle_names
    return " ".join(part if part.endswith(".") else f"{part[0]}." for part in parts)


def _authors(context: Context) -> list[BibPerson]:
    entry: Entry = context["entry"]
    persons: list[BibPerson] = list(entry.persons.get("author", []))
    return persons


def _event_date(context: Context) -> str:
    """`10 апреля 2020 г.`, `2020 ж. 10 сәуір`, `April 10, 2020`."""
    date = context["entry"].fields.get("eventdate")
    if not date:
        return ""
    year, month, day = (int(part) for part in date.split("-"))
    language = _language(context)
    name = MONTHS[language][month - 1]
    if language == "russian":
        return f"{day} {name} {year} г."
    if language == "kazakh":
        return f"{year} ж. {day} {name}"
    return f"{name} {day}, {year}"


@node
def gost_heading(children: list[Any], context: Context) -> Text:
    """The heading: the first author, inverted (`Иванов, С. П.`), when there are at most three."""
    authors = _authors(context)
    if not authors or len(authors) > 3:
        return Text()
    first = authors[0]
    initials = _initials(first)
    return Text(f"{_surname(first)}, {initials}" if initials else f"{_surname(first)}.")


@node
def gost_responsibility(children: list[Any], context: Context) -> Text:
    """The statement of responsibility: `С. П. Иванов, Н. Әбілқайыр`, at most three and `[и др.]`."""
    authors = _authors(context)
    names = [" ".join(filter(None, (_initials(p), _surname(p)))) for p in authors[:3]]
    text = ", ".join(names)
    if len(authors) > 3:
        text += f" [{GOST_TERMS[_language(context)]['others']}]"
    return Text(text)


@node
def gost_event(children: list[Any], context: Context) -> Text:
    """` : conference (City, date)`: the conference, as information relating to the title."""
    fields = context["entry"].fields
    if "eventtitle" not in fields:
        return Text()
    date = _event_date(context)
    where = f" ({fields['venue']}, {date})" if date else ""
    return Text(f" : {fields['eventtitle']}{where}")


@node
def page_range(children: list[Any], context: Context, prefix: str = "") -> Text:
    pages = context["entry"].fields.get("pages")
    if not pages:
        return Text()
    first, _, last = pages.partition("--")
    return Text(prefix, first if not last or last == first else f"{first}–{last}")


@node
def gost_pages(children: list[Any], context: Context) -> Text:
    term = GOST_TERMS[_language(context)]["pages"]
    return page_range(prefix=f"{term} ").format_data(context)


class GostStyle(BaseStyle):  # type: ignore[misc]
    """GOST R 7.0.100-2018, with the areas separated by `. – ` as the standard prescribes."""

    def get_inproceedings_template(self, entry: Entry) -> Any:
        title_area = join(sep=" / ")[
            join(sep=" ")[gost_heading, field("title", raw=True)],
            gost_responsibility,
        ]
        host = join[Text("// "), field("booktitle", raw=True), gost_event]
        publication = join[field("address", raw=True), " : ", field("publisher", raw=True), ", ", field("year")]
        return join[join(sep=". – ")[join(sep=" ")[title_area, host], publication, gost_pages], "."]


def _apa_name(person: BibPerson) -> str:
    initials = _initials(person)
    return f"{_surname(person)}, {initials}" if initials else _surname(person)


@node
def apa_authors(children: list[Any], context: Context) -> Text:
    """`A, B., C, D., & E, F.`: APA lists up to 20 authors, with `&` before the last."""
    names = [_apa_name(p) for p in _authors(context)]
    if not names:
        return Text()
    if len(names) > 20:
        names = [*names[:19], "…", names[-1]]
        return Text(", ".join(names))
    if len(names) == 1:
        return Text(names[0])
    return Text(", ".join(names[:-1]) + ", & " + names[-1])


@node
def apa_editors(children: list[Any], context: Context) -> Text:
    """`In D. K. Akhmedyanova (Ed.), `, or just `In ` when the volume names no editor."""
    terms = APA_TERMS[_language(context)]
    editors = list(context["entry"].persons.get("editor", []))
    if not editors:
        return Text(f"{terms['in']} ")
    names = [" ".join(filter(None, (_initials(p), _surname(p)))) for p in editors]
    joined = (
        names[0] if len(names) == 1 else (", ".join(names[:-1]) + (", & " if len(names) > 2 else " & ") + names[-1])
    )
    role = terms["ed"] if len(editors) == 1 else terms["eds"]
    return Text(f"{terms['in']} {joined} ({role}), ")


@node
def apa_pages(children: list[Any], context: Context) -> Text:
    pages = context["entry"].fields.get("pages")
    if not pages:
        return Text()
    terms = APA_TERMS[_language(context)]
    first, _, last = pages.partition("--")
    term = terms["pp"] if last and last != first else terms["p"]
    return Text(" (", page_range(prefix=f"{term} ").format_data(context), ")")


def _ending_period(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."


@node
def apa_title(children: list[Any], context: Context) -> Text:
    return Text(_ending_period(context["entry"].fields["title"]))


class ApaStyle(BaseStyle):  # type: ignore[misc]
    """APA 7: a paper in published conference proceedings, cited as a chapter of an edited book."""

    def get_inproceedings_template(self, entry: Entry) -> Any:
        return join(sep=" ")[
            join[apa_authors, " (", field("year"), ")."],
            apa_title,
            join[apa_editors, tag("em")[field("booktitle", raw=True)], apa_pages, "."],
            join[field("publisher", raw=True), "."],
            optional[field("url", raw=True)],
        ]


# pybtex finds styles' name, label and sorting plugins and backends through package entry
# points, a scan of every installed distribution (60 ms each time): made once, then reused.
@cache
def gost() -> GostStyle:
    return GostStyle()


@cache
def apa() -> ApaStyle:
    return ApaStyle()


BACKENDS = {"text": plaintext.Backend(), "html": html.Backend()}


def render(style: BaseStyle, entry: Entry, backend: str) -> str:
    """One entry formatted by `style`, as `text` or `html` (escaped by pybtex's HTML backend)."""
    formatted = style.format_entry(entry.key, entry)
    rendered: str = formatted.text.render(BACKENDS[backend])
    return rendered
