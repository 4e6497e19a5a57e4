"""Every export of a paper reads back, with a reader that is not ours, to the same fields."""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path
from unittest import mock

import bibtexparser
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.bibtex.exceptions import BibTeXError
from pybtex.database import parse_bytes
from pybtex.database.output.bibtex import Writer

from build_tools.__main__ import validate
from build_tools.bibliography import exports, files
from build_tools.bibliography.exports import CYRILLIC_TO_LATEX, latex_text
from build_tools.catalog import Catalog
from build_tools.problems import Severity

SITE = "https://ir-archive.example.org/"

# What each fixture paper's exports must say, written from tests/fixtures/archive by hand.
EXPECTED = {
    "2020-ir-001": {
        "title": "Country image as an element of soft power",
        "authors": [("Bodenova", "Alsina")],
        "booktitle": "Proceedings of the Student Conference on International Relations",
        "year": "2020",
        "pages": ("12", "15"),
        "publisher": "L.N. Gumilyov Eurasian National University",
        "address": "Nur-Sultan",
        "isbn": "978-601-337-123-8",
        "language": "en",
    },
    "2020-ir-002": {
        "title": "Ұлыбритания және Еуропалық Одақ қарым-қатынастары. «Brexit» салдары",
        "authors": [("Ерғалиева", "Айша Айтжанқызы"), ("Әбілқайыр", "Нұрлан")],
        "booktitle": "Халықаралық қатынастар бойынша студенттік конференция материалдары",
        "year": "2020",
        "pages": ("16", "20"),
        "publisher": "Л.Н. Гумилев атындағы Еуразия ұлттық университеті",
        "address": "Нұр-Сұлтан",
        "isbn": "978-601-337-123-8",
        "language": "kk",
    },
    "2021-ir-001": {
        "title": "История дипломатии Казахстана",
        "authors": [("Иванов", "С. П.")],
        "booktitle": "Материалы студенческой конференции по международным отношениям 2021",
        "year": "2021",
        "pages": None,
        "publisher": "Евразийский национальный университет им. Л.Н. Гумилева",
        "address": "Нур-Султан",
        "isbn": None,
        "language": "ru",
    },
}

# The conference of each paper's volume, in the paper's language (the 2021 volume names none).
CONFERENCE = {
    "2020-ir-001": "Student Scientific Conference on International Relations",
    "2020-ir-002": "Халықаралық қатынастар бойынша студенттік ғылыми конференция",
    "2021-ir-001": None,
}


@pytest.fixture(scope="module")
def catalog(fixture_archive_path: Path) -> Catalog:
    catalog, _ = validate(fixture_archive_path)
    return catalog


@pytest.fixture(scope="module")
def fixture_archive_path() -> Path:
    return Path(__file__).parent / "fixtures" / "archive"


@pytest.fixture(scope="module")
def downloads(catalog: Catalog) -> dict[str, bytes]:
    return files(catalog, site_url=SITE)


def test_every_paper_has_its_downloads_beside_its_page(downloads: dict[str, bytes], catalog: Catalog) -> None:
    for paper_id in catalog.papers:
        for suffix in (".bib", "-ascii.bib", ".ris", ".json", "-references.json"):
            assert f"{paper_id}/{paper_id}{suffix}" in downloads
    assert "archive.bib" in downloads
    assert "volumes/2020-ir/2020-ir.bib" in downloads
    assert "people/ivanov-s-p-2/ivanov-s-p-2.bib" in downloads


@pytest.mark.parametrize("paper_id", sorted(EXPECTED))
def test_bibtex_reads_back_with_pybtex(downloads: dict[str, bytes], paper_id: str) -> None:
    expected = EXPECTED[paper_id]
    data = parse_bytes(downloads[f"{paper_id}/{paper_id}.bib"], "bibtex")
    assert list(data.entries) == [paper_id]
    entry = data.entries[paper_id]
    assert entry.type == "inproceedings"
    assert entry.fields["title"] == "{" + expected["title"] + "}"  # braced: kept as printed
    assert entry.fields["booktitle"] == expected["booktitle"]
    assert entry.fields["year"] == expected["year"]
    assert entry.fields["publisher"] == expected["publisher"]
    assert entry.fields["address"] == expected["address"]
    assert entry.fields.get("isbn") == expected["isbn"]
    assert entry.fields["url"] == f"{SITE}{paper_id}/"
    assert entry.fields.get("pages") == ("--".join(expected["pages"]) if expected["pages"] else None)
    authors = [(" ".join(p.last_names), " ".join(p.first_names + p.middle_names)) for p in entry.persons["author"]]
    assert authors == expected["authors"]


@pytest.mark.parametrize("paper_id", sorted(EXPECTED))
def test_bibtex_reads_back_with_bibtexparser(downloads: dict[str, bytes], paper_id: str) -> None:
    expected = EXPECTED[paper_id]
    library = bibtexparser.parse_string(downloads[f"{paper_id}/{paper_id}.bib"].decode("utf-8"))
    assert library.failed_blocks == []
    [entry] = library.entries
    assert entry.key == paper_id
    assert entry.entry_type == "inproceedings"
    assert entry["title"] == "{" + expected["title"] + "}"
    assert entry["booktitle"] == expected["booktitle"]
    assert entry["year"] == expected["year"]
    names = [f"{family}, {given}" for family, given in expected["authors"]]
    assert entry["author"] == " and ".join(names)


# The text commands the exports write for characters that are markup to LaTeX.
COMMANDS = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciicircum{}": "^",
    r"\textdollar{}": "$",
}


def _from_latex(latex: str) -> str:
    """Field content back to text: latexcodec decodes, except the few commands above."""
    marks = {command: chr(0xE000 + i) for i, command in enumerate(COMMANDS)}
    for command, mark in marks.items():
        latex = latex.replace(command, mark)
    text = str(codecs.decode(latex, "ulatex"))
    for command, mark in marks.items():
        text = text.replace(mark, COMMANDS[command])
    return text


def _from_ascii(latex: str) -> str:
    """Undo the 7-bit file's escapes: the Cyrillic table read backwards, then `_from_latex`."""
    back = {command: letter for letter, command in CYRILLIC_TO_LATEX.items()}
    return _from_latex(re.sub(r"\{\\(?:cyr|CYR)[a-zA-Z]+\}", lambda m: back[m.group()], latex))


@pytest.mark.parametrize("paper_id", sorted(EXPECTED))
def test_ascii_bibtex_is_seven_bit_and_loses_nothing(downloads: dict[str, bytes], paper_id: str) -> None:
    raw = downloads[f"{paper_id}/{paper_id}-ascii.bib"]
    raw.decode("ascii")  # raises if a byte is not 7-bit
    entry = parse_bytes(raw, "bibtex").entries[paper_id]
    expected = EXPECTED[paper_id]
    assert _from_ascii(entry.fields["title"]) == "{" + expected["title"] + "}"
    assert _from_ascii(entry.fields["booktitle"]) == expected["booktitle"]
    surnames = [_from_ascii(" ".join(p.last_names)) for p in entry.persons["author"]]
    assert surnames == [family for family, _ in expected["authors"]]


def test_kazakh_letters_have_their_t2a_names(downloads: dict[str, bytes]) -> None:
    text = downloads["2020-ir-002/2020-ir-002-ascii.bib"].decode("ascii")
    # Ерғалиева: ғ is \cyrghcrs; Әбілқайыр: Ә, і and қ.
    assert r"{\CYRE}{\cyrr}{\cyrghcrs}{\cyra}" in text
    assert r"{\CYRSCHWA}{\cyrb}{\cyrii}{\cyrl}{\cyrkdsc}" in text


@pytest.mark.parametrize("paper_id", sorted(EXPECTED))
def test_a_bibtex_style_keeps_the_title_as_printed(downloads: dict[str, bytes], paper_id: str) -> None:
    """BibTeX's styles lower a title's case but for its first letter (`«brexit»`, `еуропалық
    одақ`) and what is in braces: the title is braced whole."""
    from pybtex.plugin import find_plugin

    data = parse_bytes(downloads[f"{paper_id}/{paper_id}.bib"], "bibtex")
    style = find_plugin("pybtex.style.formatting", "unsrt")()
    [entry] = style.format_entries(data.entries.values())
    assert EXPECTED[paper_id]["title"] in entry.text.render_as("text")


@pytest.mark.parametrize("paper_id", sorted(EXPECTED))
def test_ris_reads_back_with_rispy(downloads: dict[str, bytes], paper_id: str) -> None:
    expected = EXPECTED[paper_id]
    [entry] = rispy.loads(downloads[f"{paper_id}/{paper_id}.ris"].decode("utf-8"))
    assert entry["type_of_reference"] == "CPAPER"
    assert entry["title"] == expected["title"]
    # A conference paper's proceedings are C3, its conference T2 (as Zotero reads them).
    assert entry["custom3"] == expected["booktitle"]
    assert entry.get("secondary_title") == CONFERENCE[paper_id]
    assert entry["authors"] == [f"{family}, {given}" for family, given in expected["authors"]]
    assert entry["year"] == expected["year"]
    assert entry["publisher"] == expected["publisher"]
    assert entry["place_published"] == expected["address"]
    assert entry["urls"] == [f"{SITE}{paper_id}/"]
    if expected["pages"]:
        assert (entry["start_page"], entry["end_page"]) == expected["pages"]
    else:
        assert "start_page" not in entry


@pytest.mark.parametrize("paper_id", sorted(EXPECTED))
def test_csl_json_renders_with_citeproc(downloads: dict[str, bytes], paper_id: str) -> None:
    expected = EXPECTED[paper_id]
    items = json.loads(downloads[f"{paper_id}/{paper_id}.json"])
    assert items[0]["language"] == expected["language"]
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(paper_id)]))
    [rendered] = [str(item) for item in bibliography.bibliography()]
    family, _ = expected["authors"][0]
    assert family in rendered
    assert expected["title"] in rendered
    assert expected["booktitle"] in rendered
    assert expected["year"] in rendered
    if expected["pages"]:
        assert expected["pages"][0] in rendered and expected["pages"][1] in rendered


def test_keys_are_the_paper_ids(downloads: dict[str, bytes], catalog: Catalog) -> None:
    data = parse_bytes(downloads["archive.bib"], "bibtex")
    assert sorted(data.entries) == sorted(catalog.papers)
    volume = parse_bytes(downloads["volumes/2020-ir/2020-ir.bib"], "bibtex")
    assert list(volume.entries) == ["2020-ir-001", "2020-ir-002", "2020-ir-003"]
    # Two namesakes, two files, each with only that person's papers.
    assert list(parse_bytes(downloads["people/ivanov-s-p/ivanov-s-p.bib"], "bibtex").entries) == ["2020-ir-003"]
    assert list(parse_bytes(downloads["people/ivanov-s-p-2/ivanov-s-p-2.bib"], "bibtex").entries) == ["2021-ir-001"]


def test_markup_in_contributor_text_stays_text(tmp_path: Path, fixture_archive_path: Path) -> None:
    """Braces, backslashes, `%`, `&` and `$` in a title must not break the .bib or become markup."""
    import shutil

    archive = tmp_path / "archive"
    shutil.copytree(fixture_archive_path, archive)
    paper = archive / "2020-ir" / "2020-ir-003" / "paper.yml"
    title = r"Рост на 50% & {скобка \textbf{x} $y^2$ «кавычки»"
    text = paper.read_text(encoding="utf-8").replace("ru: Региональные конфликты в Центральной Азии", f"ru: '{title}'")
    paper.write_text(text, encoding="utf-8")
    catalog, problems = validate(archive)
    assert [p.format() for p in problems if p.severity is Severity.ERROR] == []
    assert catalog.papers["2020-ir-003"].printed_title == title
    out = files(catalog)
    bib = out["2020-ir-003/2020-ir-003.bib"]
    # pybtex accepts it, and LaTeX decoding gives the title back unchanged.
    entry = parse_bytes(bib, "bibtex").entries["2020-ir-003"]
    assert _from_latex(entry.fields["title"]) == "{" + title + "}"
    ascii_entry = parse_bytes(out["2020-ir-003/2020-ir-003-ascii.bib"], "bibtex").entries["2020-ir-003"]
    assert _from_ascii(ascii_entry.fields["title"]) == "{" + title + "}"
    library = bibtexparser.parse_string(bib.decode("utf-8"))
    assert library.failed_blocks == []
    assert [e.key for e in library.entries] == ["2020-ir-003"]
    # RIS and CSL-JSON carry the text as it is.
    [ris] = rispy.loads(out["2020-ir-003/2020-ir-003.ris"].decode("utf-8"))
    assert ris["title"] == title
    assert json.loads(out["2020-ir-003/2020-ir-003.json"])[0]["title"] == title


def test_built_pages_link_their_bibtex(built_site: Path) -> None:
    from bs4 import BeautifulSoup

    def linked(page: str, selector: str) -> Path:
        soup = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
        link = soup.select_one(selector)
        assert link is not None, page
        return (built_site / page).parent / str(link["href"])

    volume = linked("volumes/2020-ir/index.html", "a.ir-volume__bib")
    assert list(parse_bytes(volume.read_bytes(), "bibtex").entries) == ["2020-ir-001", "2020-ir-002", "2020-ir-003"]
    person = linked("people/ergalieva-a-a/index.html", ".ir-person__bib a")
    assert list(parse_bytes(person.read_bytes(), "bibtex").entries) == ["2020-ir-002"]
    paper = linked("2020-ir-002/index.html", '.cite-box__downloads a[href$="-ascii.bib"]')
    paper.read_bytes().decode("ascii")


def test_text_left_as_it_is_is_what_latexcodec_makes_of_it() -> None:
    """The characters `latex_text` passes without latexcodec, one by one and together."""

    def by_codec(text: str, encoding: str) -> str:
        latex_text.cache_clear()
        never = re.compile(r"(?!)")  # no text is left as it is: every one goes through the codec
        with mock.patch.dict(exports._LEFT_AS_IS, {"utf-8": never, "ascii": never}):
            return latex_text(text, encoding)

    characters = [chr(c) for c in (*range(0x20, 0x7F), *range(0x400, 0x530), 0x9, 0xA, 0xD, 0xA0, 0x2014, 0xE9)]
    texts = [*characters, "".join(characters), "Ұлыбритания және Еуропалық Одақ: 50% & more_", "a~b #1"]
    for encoding in ("utf-8", "ascii"):
        for text in texts:
            latex_text.cache_clear()
            assert latex_text(text, encoding) == by_codec(text, encoding), (text, encoding)


def test_ascii_form_of_letters_without_latex_names() -> None:
    assert latex_text("Café Ұлы 中", "ascii") == "Caf\\'e {\\CYRYHCRS}{\\cyrl}{\\cyrery} ?"
    assert latex_text("Café Ұлы 中", "utf-8") == "Café Ұлы 中"


def test_brace_check_agrees_with_pybtex_on_written_fields() -> None:
    """The writer's quick check passes every field it writes, as pybtex's own does, and refuses
    what pybtex's refuses."""
    writer, pybtex_writer = exports._BibtexWriter(encoding="ascii"), Writer()
    texts = ["", "Ұлы {Британия}", "a}{b", "\\{x\\}", "$x^2$", "Café ә қ", "{{}}", "}"]
    for text in texts:
        for encoding in ("utf-8", "ascii"):
            field = latex_text(text, encoding)
            pybtex_writer.check_braces(field)
            writer.check_braces(field)
    for unmatched in ("{", "{{a}", "a}{b", "{a}}{"):
        with pytest.raises(BibTeXError):
            pybtex_writer.check_braces(unmatched)
        with pytest.raises(BibTeXError):
            writer.check_braces(unmatched)
    writer.check_braces("{\\cyra}{\\CYRYHCRS}x{{y}}")
