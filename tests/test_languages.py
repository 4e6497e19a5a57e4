from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_tools.__main__ import validate
from build_tools.catalog import Catalog
from build_tools.render import languages
from build_tools.render.base import Site


def soup(text: str) -> BeautifulSoup:
    return BeautifulSoup(text.split("---", 2)[2], "html.parser")


def target(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href)) + "/"


def test_counts_per_language_and_volume(catalog: Catalog) -> None:
    assert languages.counts(catalog) == {
        "kk": {"2020-ir": 1, "2021-ir": 0},
        "ru": {"2020-ir": 1, "2021-ir": 1},
        "en": {"2020-ir": 1, "2021-ir": 0},
    }


@pytest.mark.parametrize(
    ("interface", "title", "russian"),
    [
        ("kk", "Тілдер", "орыс тілі"),
        ("ru", "Языки", "русский"),
        ("en", "Languages", "Russian"),
    ],
)
def test_index_table(catalog: Catalog, interface: str, title: str, russian: str) -> None:
    pages = languages.pages(catalog, Site("https://example.org/", "Archive", interface, "hidden"))  # type: ignore[arg-type]
    html = soup(pages["languages/index.md"])
    assert html.h1.get_text() == title
    rows = {
        target("languages/index.md", tr.a["href"]): [td.get_text() for td in tr.find_all("td")]
        for tr in html.select("tbody tr")
    }
    # Language, total, then the newest volume first.
    assert rows["languages/ru/"] == [russian, "2", "1", "1"]
    assert rows["languages/kk/"][1:] == ["1", "0", "1"]
    years = [th.get_text() for th in html.select("thead th")][2:]
    assert years == ["2021", "2020"]


def test_language_page_lists_its_papers_by_volume(catalog: Catalog) -> None:
    pages = languages.pages(catalog, Site("https://example.org/", "Archive", "en", "hidden"))
    assert set(pages) == {
        "languages/index.md",
        "languages/kk/index.md",
        "languages/ru/index.md",
        "languages/en/index.md",
    }
    page = "languages/ru/index.md"
    html = soup(pages[page])
    assert html.h1.get_text() == "Papers in Russian (2)"
    headings = [h2.get_text() for h2 in html.find_all("h2")]
    assert headings == ["2021 (1)", "2020 (1)"]
    titles = html.select("a.ir-papers__title")
    assert [target(page, a["href"]) for a in titles] == ["2021-ir-001/", "2020-ir-003/"]
    assert {a["lang"] for a in titles} == {"ru"}
    kazakh = soup(pages["languages/kk/index.md"]).select("a.ir-papers__title")
    assert [a["lang"] for a in kazakh] == ["kk"]


def test_a_language_without_papers_keeps_its_page(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(Path(__file__).parent / "fixtures" / "archive", archive)
    shutil.rmtree(archive / "2020-ir" / "2020-ir-001")  # the only English paper
    catalog, _ = validate(archive)
    pages = languages.pages(catalog, Site("https://example.org/", "Archive", "kk", "hidden"))
    html = soup(pages["languages/en/index.md"])
    assert html.h1.get_text() == "Ағылшын тіліндегі мақалалар (0)"
    assert html.select("a.ir-papers__title") == []
    assert "әзірге жоқ" in html.get_text()
    row = soup(pages["languages/index.md"]).find("a", href="en/").find_parent("tr")
    assert [td.get_text() for td in row.find_all("td")][1:] == ["0", "0", "0"]
