"""The paper body renderer (build_tools/markdown.py) and the reference links of the paper page."""

from __future__ import annotations

import dataclasses
import posixpath
from pathlib import Path
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from markdown.treeprocessors import InlineProcessor

from build_tools import markdown as markdown_module
from build_tools import parallel
from build_tools.catalog import Catalog
from build_tools.markdown import BodyRenderer, render_body
from build_tools.render.base import Site, relative
from build_tools.render.paper import files, link_reference, render_paper, render_papers

FIXTURE = Path(__file__).parent / "fixtures" / "archive"


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox)",
        "<iframe src=https://example.org></iframe>",
        "<object data=x></object><embed src=x>",
        '<p style="background:url(x)" onclick="alert(1)">p</p>',
        "<svg onload=alert(1)>",
        "<style>body{display:none}</style>",
        '<form action="https://e.org"><input name=q></form>',
        '![x](https://tracker.example/p.png "t")',
        "![x](//tracker.example/p.png)",
        # Browsers read `\` as `/` and drop tabs, line breaks and leading spaces in an address.
        "![x](\\\\tracker.example/p.png)",
        "![x](\\\\\\\\tracker.example/p.png)",
        "![x](\\/tracker.example/p.png)",
        '<img src=" /\t/tracker.example/p.png">',
        "<details open ontoggle=alert(1)>",
    ],
)
def test_hostile_markup_never_becomes_active(text: str) -> None:
    tree = soup(render_body(text).html)
    assert tree.select("script, iframe, object, embed, svg, style, form, input, details") == []
    for element in tree.find_all(True):
        for name, value in element.attrs.items():
            assert not name.startswith("on") and name != "style", element
            if name in {"href", "src"}:
                assert str(value).startswith(("http://", "https://", "#")) or ":" not in str(value), element
    assert tree.select("img[src]") == []


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("kk", "Мәтіндегі 1-ескертпеге оралу"),
        ("ru", "Вернуться к сноске 1 в тексте"),
        ("en", "Jump back to footnote 1 in the text"),
    ],
)
def test_a_footnote_links_back_in_the_papers_language(language: str, title: str) -> None:
    renderer = BodyRenderer()
    for lang in ("en", language):  # one renderer serves papers of every language in turn
        tree = soup(renderer.render("Мәтін[^1].\n\n[^1]: Ескерту.\n", language=lang).html)
    backref = tree.select_one("a.footnote-backref")
    assert backref is not None and backref["title"] == title


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("Сөз [1].", ["1"]),
        ("Слово [2, 3] и [1–3].", ["2", "3", "1", "3"]),
        ("Word [4, p. 12]; [4, с. 12].", ["4", "4"]),
        ("A year [2007], a number beyond the list [12], none [0].", []),
        ("Code `[1]` and a link [1](https://example.org) stay as they are.", []),
    ],
)
def test_citations_link_to_the_papers_references(text: str, linked: list[str]) -> None:
    tree = soup(BodyRenderer().render(text, references=9).html)
    links = [(a.get_text(), a["href"]) for a in tree.select("a") if str(a["href"]).startswith("#ref-")]
    assert links == [(n, f"#ref-{n}") for n in linked]
    assert tree.get_text() == soup(render_body(text).html).get_text()  # the text itself is unchanged


def test_markdown_structure_survives_and_headings_keep_cyrillic_anchors() -> None:
    body = render_body(
        "# Кіріспе\n\nМәтін **қалың**[^1].\n\n## Қорытынды\n\n| a | b |\n|--:|---|\n| 1 | 2 |\n\n[^1]: Ескерту.\n"
    )
    tree = soup(body.html)
    # The page's title is its only <h1>: the body's headings start at <h2>.
    assert [(h.name, h["id"]) for h in tree.select("h2, h3")] == [("h2", "кіріспе"), ("h3", "қорытынды")]
    assert [(h.level, h.id, h.text) for h in body.headings] == [
        (2, "кіріспе", "Кіріспе"),
        (3, "қорытынды", "Қорытынды"),
    ]
    assert tree.select_one("strong") is not None and tree.select_one("td[align=right]") is not None
    ref = tree.select_one("a.footnote-ref")
    assert ref is not None and tree.select_one(f"li[id='{str(ref['href'])[1:]}']") is not None


def test_body_anchors_keep_clear_of_the_page_ids() -> None:
    body = render_body("## References\n\n## References\n", reserved=frozenset({"references"}))
    ids = [h.id for h in body.headings]
    assert len(set(ids)) == 2 and "references" not in ids


def test_emails_in_the_text_are_hidden_or_obfuscated() -> None:
    text = "Хат: ivan.petrov@example.kz, <mailto:a@b.kz> [жазу](mailto:a@b.kz) <a@b.kz>"
    hidden = render_body(text).html
    obfuscated = render_body(text, "obfuscated").html
    for html in (hidden, obfuscated):
        assert "@" not in html and 'href="mailto' not in html
    assert "ivan.petrov [at] example [dot] kz" in obfuscated and "example [dot] kz" not in hidden


def test_control_characters_are_dropped() -> None:
    assert "\x02" not in render_body("a\x02wzxhzdk:0\x03b\x00").html


def test_references_link_urls_and_dois() -> None:
    text = "Nye J. Soft power. doi:10.1000/xyz123. URL: https://e.org/a_(b) (accessed: 1.1.2020)."
    segments = link_reference(text)
    assert "".join(s.text for s in segments) == text
    assert [(s.text, s.href) for s in segments if s.href] == [
        ("doi:10.1000/xyz123", "https://doi.org/10.1000/xyz123"),
        ("https://e.org/a_(b)", "https://e.org/a_(b)"),
    ]
    assert [s.href for s in link_reference("X. https://doi.org/10.1234/ABC.5.") if s.href] == [
        "https://doi.org/10.1234/ABC.5"
    ]
    assert [s.href for s in link_reference("(см. http://kremlin.ru/events/15902/)") if s.href] == [
        "http://kremlin.ru/events/15902/"
    ]
    assert [s.href for s in link_reference("No link, 2019. 227 p.")] == [None]


@pytest.mark.parametrize(
    ("target", "base", "link"),
    [("people/a/", "2020-ir-001/", "../people/a/"), ("2020-ir-001/", "", "2020-ir-001/"), ("", "volumes/x/", "../../")],
)
def test_relative_links(target: str, base: str, link: str) -> None:
    assert relative(target, base) == link


def test_relative_links_are_those_of_posixpath_relpath() -> None:
    urls = ["", "people/", "people/x/", "people/xy/", "udc/327/", "udc/327.8/", "2020-ir-001/", "a/b/c/", "a/b/"]
    files = ["2020-ir-001/2020-ir-001.bib", "people/x/index.html", "assets/a.css"]
    for base in urls:
        for target in urls + files:
            expected = posixpath.relpath("/" + target, "/" + base)
            expected = (
                expected if target and not target.endswith("/") else ("./" if expected == "." else expected + "/")
            )
            assert relative(target, base) == expected, (target, base)


def test_obfuscated_setting_shows_author_emails_spelled_out(catalog: Catalog) -> None:
    paper = catalog.papers["2020-ir-001"]
    shown = render_paper(catalog, Site("https://e.org/", "Archive", "en", "obfuscated"), paper)
    hidden = render_paper(catalog, Site("https://e.org/", "Archive", "en", "hidden"), paper)
    assert "alsina [at] example [dot] org" in shown and "alsina@example.org" not in shown
    assert "alsina" not in hidden.replace("Alsina", "")


@pytest.mark.parametrize(
    ("licence", "shown", "deed"),
    [
        ("CC-BY-4.0", "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
        ("CC0-1.0", "CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
        ("all-rights-reserved", "Барлық құқықтар қорғалған", None),
    ],
)
def test_the_licence_is_named_and_linked_to_its_deed(
    catalog: Catalog, licence: str, shown: str, deed: str | None
) -> None:
    site = Site("https://e.org/", "Archive", "kk", "hidden")
    paper = dataclasses.replace(catalog.papers["2021-ir-001"], licence=licence)
    meta = soup(render_paper(catalog, site, paper).split("---", 2)[2]).select_one(".ir-paper__meta")
    assert meta is not None
    value = next(dt.find_next_sibling("dd") for dt in meta.select("dt") if dt.get_text() == "Лицензия")
    assert value.get_text() == shown
    link = value.select_one("a[rel=license]")
    assert (link["href"] if link else None) == deed


def test_incomplete_notice_and_pdf_link(catalog: Catalog, tmp_path: Path) -> None:
    site = Site("https://e.org/", "Archive", "kk", "hidden")
    paper = catalog.papers["2021-ir-001"]
    plain = soup(render_paper(catalog, site, paper).split("---", 2)[2])
    assert plain.select(".ir-paper__notice, .ir-paper__pdf") == []
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF")
    marked = soup(render_paper(catalog, site, dataclasses.replace(paper, incomplete=True, pdf=pdf)).split("---", 2)[2])
    notice = marked.select_one(".ir-paper__notice")
    assert notice is not None and notice["lang"] == "kk" and "толық емес" in notice.get_text()
    link = marked.select_one("a.ir-paper__pdf")
    assert link is not None and link["href"] == "2021-ir-001.pdf"
    assert files(catalog) == {}


# One text for each inline pattern, and texts where patterns meet.
INLINE_TEXTS = [
    "`code *not em*` and ``a ` tick``",
    "\\*escaped\\* \\[not a link\\] \\\\",
    "Note[^n] here, **after** a note[^n].\n\n[^n]: The *note* [1].",
    '[link](https://example.org "t") and [ref][r] and [r]\n\n[r]: https://example.org/r',
    "![img](figure.png) ![ref img][i] ![i]\n\n[i]: figure.png",
    "<https://example.org/a?b=c&d> and <not a link>",
    "line one  \nline two",
    "&amp; &copy; &#1240; &#x4D9; & alone",
    "*em* **strong** ***both*** _em_ __strong__ snake_case_word 2 * 3",
    "**[bold link](https://example.org)** and *`code` in em* [*em in link*](https://e.org)",
    "Мәтін [1, 23 б.] және [2; 3] «Ұлыбритания» — ешбір белгісіз",
    "a@b.kz [mail](mailto:a@b.kz) ~~strike~~ ^sup^",
]


def test_inline_stage_skipping_patterns_changes_nothing() -> None:
    """Python-Markdown's own inline stage and the one that skips patterns make the same HTML."""
    texts = [*INLINE_TEXTS, "\n\n".join(INLINE_TEXTS)]
    texts += [path.read_text(encoding="utf-8") for path in sorted(FIXTURE.glob("*/*/paper.md"))]
    with mock.patch.object(markdown_module, "_Inline", InlineProcessor):
        stock = BodyRenderer("obfuscated")
    ours = BodyRenderer("obfuscated")
    for text in texts:
        assert ours.render(text) == stock.render(text), text


def test_one_renderer_for_many_papers_carries_nothing_over() -> None:
    renderer = BodyRenderer("obfuscated")
    first = renderer.render("## Note\n\nFirst[^a].\n\n[^a]: Only in the first.\n", frozenset({"note"}))
    second = renderer.render("## Note\n\nSecond.\n")
    assert [h.id for h in first.headings] == ["note_1"] and [h.id for h in second.headings] == ["note"]
    assert "Only in the first" not in second.html and "footnote" not in second.html


def test_paper_pages_rendered_in_worker_processes_equal_those_rendered_in_one(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = Site("https://e.org/", "Archive", "ru", "hidden")
    serial = render_papers(catalog, site, list(catalog.papers))
    monkeypatch.setattr(parallel, "FROM", 1)
    monkeypatch.setattr(parallel, "CHUNK", 1)
    assert render_papers(catalog, site, list(catalog.papers)) == serial
    assert list(serial) == [f"{i}/index.md" for i in catalog.papers]
