"""A `Record` as a pybtex entry, and that entry as BibTeX, RIS and CSL-JSON.

pybtex writes BibTeX; it has no RIS or CSL-JSON writer, so those two are written here from the
same pybtex `Entry`, field by field, and every format says the same thing.

Two BibTeX files are offered for each paper:
- `<id>.bib`, UTF-8: biber/biblatex read it as is, and classic BibTeX passes the UTF-8 bytes
  through to a document using `inputenc`/`fontenc` (T2A for Cyrillic).
- `<id>-ascii.bib`, 7-bit: for toolchains that cannot take UTF-8 at all. Latin accents become
  LaTeX accent commands (latexcodec). Cyrillic has no font-independent LaTeX escapes, and the
  Kazakh letters (ә ғ қ ң ө ұ ү һ і) have none outside the Cyrillic font encodings, so Cyrillic
  letters are written as the LaTeX internal character names of LaTeX's Cyrillic bundle (`{\\cyra}`,
  `{\\cyrschwa}` for ә, `{\\cyrkdsc}` for қ...), the same commands LaTeX's own UTF-8 input
  turns them into. The file needs `\\usepackage[T2A]{fontenc}`; nothing of Latin or Cyrillic
  text is lost (a letter of any other script, having no LaTeX name, is written `?`).
"""

from __future__ import annotations

import codecs
import json
import re
from functools import cache
from typing import Any, cast

import latexcodec  # noqa: F401  (registers the "ulatex" codecs)
from pybtex.bibtex.exceptions import BibTeXError  # type: ignore[import-untyped]
from pybtex.database import BibliographyData, Entry  # type: ignore[import-untyped]  # no type information
from pybtex.database import Person as BibPerson
from pybtex.database.output.bibtex import Writer  # type: ignore[import-untyped]

from ..model import Detail
from .record import Contributor, Record

LANGUAGE_NAMES = {"kk": "kazakh", "ru": "russian", "en": "english"}
"""Language names as babel, polyglossia and biblatex's `langid` spell them."""

# LaTeX internal character representations of Cyrillic letters (LaTeX's cyrillic bundle, T2A).
_CYRILLIC_NAMES = (
    "а a", "б b", "в v", "г g", "д d", "е e", "ё yo", "ж zh", "з z", "и i", "й ishrt", "к k",
    "л l", "м m", "н n", "о o", "п p", "р r", "с s", "т t", "у u", "ф f", "х h", "ц c", "ч ch",
    "ш sh", "щ shch", "ъ hrdsn", "ы ery", "ь sftsn", "э erev", "ю yu", "я ya",
    "ә schwa", "ғ ghcrs", "қ kdsc", "ң ndsc", "ө otld", "ұ yhcrs", "ү y", "һ shha", "і ii",
)  # fmt: skip
CYRILLIC_TO_LATEX: dict[str, str] = {}
for _pair in _CYRILLIC_NAMES:
    _letter, _name = _pair.split()
    CYRILLIC_TO_LATEX[_letter] = f"{{\\cyr{_name}}}"
    CYRILLIC_TO_LATEX[_letter.upper()] = f"{{\\CYR{_name.upper()}}}"

# Characters that are markup to (La)TeX and that latexcodec leaves alone. Braces in particular:
# BibTeX counts every brace, escaped or not, so a stray one in a title would break the file.
_SPECIALS = {"\\": "\\textbackslash{}", "{": "\\textbraceleft{}", "}": "\\textbraceright{}", "$": "\\textdollar{}",
             "^": "\\textasciicircum{}"}  # fmt: skip
_SPECIAL = re.compile(r"[\\{}$^]")


# latexcodec reads a text a character at a time: most of the time an export takes. Into UTF-8 it
# changes only `# % & _ ~`; into ASCII (keeping what it has no name for) it changes those five and
# leaves every other ASCII character and Cyrillic letter as it is. A text of such characters alone,
# nearly every title and abstract, skips the codec (tests/test_bibliography_exports.py checks each
# of those characters against it).
_LEFT_AS_IS = {
    "utf-8": re.compile(r"[^#%&_~]*"),
    "ascii": re.compile(r"[\t\n\r\x20-\x22\x24\x27-\x5e\x60-\x7d\u0400-\u052f]*"),
}


# The same volume titles, publishers and cities recur in every paper: encode each once.
@cache
def latex_text(text: str, encoding: str) -> str:
    """Contributor text as BibTeX field content: markup characters escaped, never interpreted."""
    text = _SPECIAL.sub(lambda m: _SPECIALS[m.group()], text)
    left_as_is = _LEFT_AS_IS[encoding].fullmatch(text)
    if encoding != "ascii":
        return text if left_as_is else cast(str, codecs.encode(text, f"ulatex+{encoding}"))
    # latexcodec first, keeping the Cyrillic it has no names for, then the Cyrillic names: the
    # codec's lexer then reads the text once, not the eight-times-longer named form.
    encoded = text if left_as_is else cast(str, codecs.encode(text, "ulatex+ascii", "keep"))
    # A letter of another script has no LaTeX name at all: `?` marks it, and the UTF-8 file has it.
    return "".join(CYRILLIC_TO_LATEX.get(char, char if char.isascii() else "?") for char in encoded)


_PAIR = re.compile(r"\{[^{}]*\}")


class _BibtexWriter(Writer):  # type: ignore[misc]
    """pybtex's BibTeX writer with contributor text escaped as `latex_text` does."""

    def _encode(self, text: str) -> str:
        return latex_text(text, self.encoding)

    def _write_field(self, stream: Any, type: str, value: str) -> None:
        # BibTeX's styles lower the case of a title but for its first letter and what is in
        # braces (`«brexit»`, `еуропалық одақ`): the title is braced whole, kept as printed.
        encoded = self._encode(value)
        if type == "title":
            encoded = "{" + encoded + "}"
        stream.write(f",\n    {type} = {self.quote(encoded)}")

    def check_braces(self, s: str) -> None:
        # pybtex's check builds a tree of the field a character at a time: most of the time of the
        # BibTeX files. Contributor braces are escaped, so the braces left are this module's own
        # pairs, nested once or twice: removing innermost pairs until none is left is quick.
        # Stricter than pybtex's check, which lets a stray `}` through.
        left, removed = _PAIR.subn("", s)
        while removed:
            left, removed = _PAIR.subn("", left)
        if "{" in left or "}" in left:
            raise BibTeXError(f"String has unmatched braces: {s}")


def _person(contributor: Contributor) -> BibPerson:
    return BibPerson(first=" ".join(contributor.given), last=contributor.name.surname)


def entry(record: Record, site_url: str | None = None, *, marked: bool = False) -> Entry:
    """The paper as a BibTeX `@inproceedings` (biblatex field names where BibTeX has none).

    `marked` puts the details the volume does not print in square brackets, for the citations
    a reader copies (GOST, APA). The data files (BibTeX, RIS, CSL-JSON) carry the values alone:
    a reference manager reads a year, not `[2019]`.
    """

    def value(detail: Detail, text: str) -> str:
        return f"[{text}]" if marked and detail in record.inferred else text

    fields: dict[str, str] = {"title": record.title, "booktitle": value("title", record.container)}
    if record.conference:
        fields["eventtitle"] = value("conference", record.conference)
        fields["venue"] = value("city", record.city)
    if record.date:
        fields["eventdate"] = record.date
    fields["year"] = value("year", str(record.year))
    fields["address"] = value("city", record.city)
    fields["publisher"] = value("publisher", record.publisher)
    if record.pages:
        fields["pages"] = f"{record.pages.first}--{record.pages.last}"
    if record.isbn:
        fields["isbn"] = record.isbn
    fields["language"] = fields["langid"] = LANGUAGE_NAMES[record.language]
    if record.keywords:
        fields["keywords"] = ", ".join(record.keywords)
    if record.abstract:
        fields["abstract"] = record.abstract
    url = record.url(site_url)
    if url:
        fields["url"] = url
    persons = {"author": [_person(a) for a in record.authors]}
    if record.editors:
        persons["editor"] = [_person(e) for e in record.editors]
    result = Entry("inproceedings", fields=fields, persons=persons)
    result.key = record.key
    return result


def bibtex_entry(entry: Entry, encoding: str = "utf-8") -> str:
    """One entry as pybtex writes it: UTF-8 text, or 7-bit with `encoding="ascii"`."""
    text: str = _BibtexWriter(encoding=encoding).to_string(BibliographyData(entries={entry.key: entry}))
    return text


def bib_file(entries: list[str], encoding: str = "utf-8") -> bytes:
    """A .bib file of entries written by `bibtex_entry`. Each paper's entry is written once and
    reused in its volume's, authors' and the archive's files: pybtex's writer separates entries
    with one blank line, as here, so the result is what it would write for all of them at once."""
    return "\n".join(entries).encode(encoding)


def _names(entry: Entry, role: str) -> list[BibPerson]:
    persons: list[BibPerson] = list(entry.persons.get(role, []))
    return persons


def _family(person: BibPerson) -> str:
    return " ".join(person.prelast_names + person.last_names)


def _given(person: BibPerson) -> str:
    return " ".join(person.first_names + person.middle_names)


def _inverted(person: BibPerson) -> str:
    given = _given(person)
    return f"{_family(person)}, {given}" if given else _family(person)


def _page_range(entry: Entry) -> tuple[str, str] | None:
    pages = entry.fields.get("pages")
    if not pages:
        return None
    first, _, last = pages.partition("--")
    return first, last or first


def ris(entry: Entry) -> bytes:
    """The entry as RIS (type CPAPER), one tag per line, as reference managers import it. For a
    conference paper, T2 is the conference's name and C3 the proceedings' title (the RIS
    specification, and Zotero's RIS translator, which reads them into `conferenceName` and
    `proceedingsTitle`)."""
    f = entry.fields
    lines = [("TY", "CPAPER"), ("ID", entry.key)]
    lines += [("AU", _inverted(p)) for p in _names(entry, "author")]
    lines += [("A2", _inverted(p)) for p in _names(entry, "editor")]
    lines.append(("TI", f["title"]))
    if "eventtitle" in f:
        lines.append(("T2", f["eventtitle"]))
    lines.append(("C3", f["booktitle"]))
    lines.append(("PY", f["year"]))
    if "eventdate" in f:
        lines.append(("DA", f["eventdate"].replace("-", "/")))
    if pages := _page_range(entry):
        lines += [("SP", pages[0]), ("EP", pages[1])]
    lines += [("CY", f["address"]), ("PB", f["publisher"])]
    if "isbn" in f:
        lines.append(("SN", f["isbn"]))
    lines.append(("LA", f["language"]))
    lines += [("KW", k.strip()) for k in f.get("keywords", "").split(",") if k.strip()]
    if "abstract" in f:
        lines.append(("AB", f["abstract"]))
    if "url" in f:
        lines.append(("UR", f["url"]))
    lines.append(("ER", ""))
    # RIS is line-based: a line break inside a value would start a bogus tag.
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines).encode("utf-8")


CSL_LANGUAGES = {name: code for code, name in LANGUAGE_NAMES.items()}


def csl(entry: Entry) -> dict[str, Any]:
    """The entry as a CSL-JSON item (type `paper-conference`)."""
    f = entry.fields
    item: dict[str, Any] = {
        "id": entry.key,
        "type": "paper-conference",
        "title": f["title"],
        "author": [{"family": _family(p), "given": _given(p)} for p in _names(entry, "author")],
        "container-title": f["booktitle"],
        "publisher": f["publisher"],
        "publisher-place": f["address"],
        "issued": {"date-parts": [[int(f["year"])]]},
        "language": CSL_LANGUAGES[f["language"]],
    }
    if editors := _names(entry, "editor"):
        item["editor"] = [{"family": _family(p), "given": _given(p)} for p in editors]
    if "eventtitle" in f:
        # `event` (CSL 1.0.1) rather than 1.0.2's `event-title`: every CSL processor reads it.
        item["event"] = f["eventtitle"]
        item["event-place"] = f["venue"]
    if "eventdate" in f:
        item["event-date"] = {"date-parts": [[int(part) for part in f["eventdate"].split("-")]]}
    if pages := _page_range(entry):
        item["page"] = f"{pages[0]}-{pages[1]}" if pages[0] != pages[1] else pages[0]
        item["page-first"] = pages[0]
    for field, key in (("isbn", "ISBN"), ("url", "URL"), ("abstract", "abstract"), ("keywords", "keyword")):
        if field in f:
            item[key] = f[field]
    return item


def csl_json(items: list[dict[str, Any]]) -> bytes:
    return (json.dumps(items, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
