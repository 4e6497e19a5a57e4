"""The citation tags in the <head> of built paper pages: Highwire Press, Dublin Core, Open Graph
and schema.org JSON-LD, all saying the same thing, all escaped."""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from build_tools.__main__ import validate
from build_tools.bibliography import paper_head
from build_tools.problems import Severity

FIXTURE = Path(__file__).parent / "fixtures" / "archive"
SITE = "https://ir-archive.example.org/"  # mkdocs.yml's site_url, which the build uses

# Expected head data of each fixture paper, read off tests/fixtures/archive by hand.
EXPECTED: dict[str, dict[str, Any]] = {
    "2020-ir-001": {
        "title": "Country image as an element of soft power",
        "authors": ["Bodenova, Alsina"],
        "conference": "Student Scientific Conference on International Relations",
        "pages": ("12", "15"),
        "language": "en",
        "keywords": "soft power; country image; public diplomacy",
        "isbn": "978-601-337-123-8",
        "year": "2020",
    },
    "2020-ir-002": {
        "title": "Ұлыбритания және Еуропалық Одақ қарым-қатынастары. «Brexit» салдары",
        "authors": ["Ерғалиева, Айша Айтжанқызы", "Әбілқайыр, Нұрлан"],
        "conference": "Халықаралық қатынастар бойынша студенттік ғылыми конференция",
        "pages": ("16", "20"),
        "language": "kk",
        "keywords": "Brexit; Еуропалық Одақ; интеграция",
        "isbn": "978-601-337-123-8",
        "year": "2020",
    },
    "2021-ir-001": {
        "title": "История дипломатии Казахстана",
        "authors": ["Иванов, С. П."],
        # No conference in the 2021 volume: its title stands in.
        "conference": "Материалы студенческой конференции по международным отношениям 2021",
        "pages": None,
        "language": "ru",
        "keywords": None,
        "isbn": None,
        "year": "2021",
    },
}


def _meta(head: Tag) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for meta in head.find_all("meta"):
        key = meta.get("name") or meta.get("property")
        if key:
            found[str(key)].append(str(meta.get("content")))
    return found


def _json_ld(head: Tag) -> dict[str, Any]:
    [script] = head.find_all("script", type="application/ld+json")
    data: dict[str, Any] = json.loads(script.string)
    return data


@pytest.fixture(scope="module")
def built_pages(built_site: Path) -> dict[str, BeautifulSoup]:
    return {
        paper_id: BeautifulSoup((built_site / paper_id / "index.html").read_text(encoding="utf-8"), "html.parser")
        for paper_id in EXPECTED
    }


@pytest.mark.parametrize("paper_id", sorted(EXPECTED))
def test_highwire_tags_in_head(built_pages: dict[str, BeautifulSoup], paper_id: str) -> None:
    soup = built_pages[paper_id]
    expected = EXPECTED[paper_id]
    assert soup.head is not None
    meta = _meta(soup.head)
    assert meta["citation_title"] == [expected["title"]]
    assert meta["citation_author"] == expected["authors"]
    assert meta["citation_publication_date"] == [expected["year"]]
    assert meta["citation_conference_title"] == [expected["conference"]]
    assert meta["citation_language"] == [expected["language"]]
    assert meta.get("citation_keywords") == ([expected["keywords"]] if expected["keywords"] else None)
    assert meta.get("citation_isbn") == ([expected["isbn"]] if expected["isbn"] else None)
    if expected["pages"]:
        assert (meta["citation_firstpage"], meta["citation_lastpage"]) == (
            [expected["pages"][0]],
            [expected["pages"][1]],
        )
    else:
        assert "citation_firstpage" not in meta
    # No PDF beside these pages, so no PDF link for Scholar to follow to nothing.
    assert "citation_pdf_url" not in meta
    # None of the tags leaked into the body.
    assert soup.body is not None
    assert soup.body.find("meta", attrs={"name": "citation_title"}) is None


@pytest.mark.parametrize("paper_id", sorted(EXPECTED))
def test_every_format_says_the_same(built_pages: dict[str, BeautifulSoup], paper_id: str) -> None:
    head = built_pages[paper_id].head
    assert head is not None
    meta = _meta(head)
    data = _json_ld(head)
    expected = EXPECTED[paper_id]
    url = f"{SITE}{paper_id}/"
    assert meta["DC.title"] == meta["og:title"] == [expected["title"]] == [data["headline"]]
    assert meta["DC.creator"] == expected["authors"]
    assert meta["DC.language"] == [expected["language"]] == [data["inLanguage"]]
    assert meta["DC.identifier"] == meta["og:url"] == [url] == [data["url"]]
    assert data["@type"] == "ScholarlyArticle"
    assert data["datePublished"] == expected["year"]
    assert [a["familyName"] for a in data["author"]] == [a.split(",")[0] for a in expected["authors"]]
    if expected["pages"]:
        assert (data["pageStart"], data["pageEnd"]) == expected["pages"]


@pytest.fixture(scope="module")
def hostile_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture archive with script-like text in a title and an abstract, and a PDF for one paper."""
    archive = tmp_path_factory.mktemp("hostile") / "archive"
    shutil.copytree(FIXTURE, archive)
    paper = archive / "2020-ir" / "2020-ir-001" / "paper.yml"
    text = paper.read_text(encoding="utf-8")
    text = text.replace(
        "en: Country image as an element of soft power",
        'en: "</script><script>alert(1)</script> \\" onload=\'x\' & <!-- soft power"',
    ).replace(
        "en: The paper reviews the concept of soft power and the image of Kazakhstan.",
        'en: "A</title><script>alert(2)</script>"',
    )
    paper.write_text(text, encoding="utf-8")
    (archive / "2020-ir" / "2020-ir-003" / "paper.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return archive


def test_contributor_text_cannot_escape_the_tags(hostile_archive: Path) -> None:
    catalog, problems = validate(hostile_archive)
    assert [p.format() for p in problems if p.severity is Severity.ERROR] == []
    title = catalog.papers["2020-ir-001"].printed_title
    assert "</script>" in title
    head_html = paper_head(catalog, catalog.papers["2020-ir-001"], site_url=SITE)
    assert "</script><script>" not in head_html
    assert "<!--" not in head_html
    head = BeautifulSoup(f"<html><head>{head_html}</head><body></body></html>", "html.parser").head
    assert head is not None
    # Exactly the tags we wrote: no injected element, and each value reads back unchanged.
    assert len(head.find_all("script")) == 1
    assert {t.name for t in head.find_all(True)} == {"meta", "script"}
    meta = _meta(head)
    assert meta["citation_title"] == [title]
    assert meta["citation_abstract"] == ["A</title><script>alert(2)</script>"]
    assert _json_ld(head)["headline"] == title


def test_pdf_url_when_a_pdf_sits_beside_the_page(hostile_archive: Path) -> None:
    catalog, _ = validate(hostile_archive)
    paper = catalog.papers["2020-ir-003"]
    assert paper.pdf is not None
    head = BeautifulSoup(paper_head(catalog, paper, site_url=SITE), "html.parser")
    meta = _meta(head)
    assert meta["citation_pdf_url"] == [f"{SITE}2020-ir-003/2020-ir-003.pdf"]
    assert _json_ld(head)["encoding"]["contentUrl"] == f"{SITE}2020-ir-003/2020-ir-003.pdf"
    # Without a site address the link is relative to the page, in the same folder as the PDF.
    relative = _meta(BeautifulSoup(paper_head(catalog, paper), "html.parser"))
    assert relative["citation_pdf_url"] == ["2020-ir-003.pdf"]
