from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_tools.__main__ import validate
from build_tools.catalog import Catalog
from build_tools.render import udc
from build_tools.render.base import Site


@pytest.fixture(scope="module")
def pages(catalog: Catalog) -> dict[str, str]:
    return udc.pages(catalog, Site("https://example.org/", "Archive", "ru", "hidden"))


def soup(text: str) -> BeautifulSoup:
    return BeautifulSoup(text.split("---", 2)[2], "html.parser")


def target(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href)) + "/"


def test_pages_for_used_classes_and_their_ancestors_only(pages: dict[str, str]) -> None:
    # 327.8, 327.7, 327(574) -> 327, 327.5 and 94(574) -> 94, with every broader class; no empty sibling.
    codes = {p.removeprefix("udc/").removesuffix("/index.md") for p in pages if p != "udc/index.md"}
    assert codes == {"3", "32", "327", "327.5", "327.7", "327.8", "9", "94"}


def test_counts_roll_up(catalog: Catalog) -> None:
    counts = {code: node.count for code, node in udc.tree(catalog).items()}
    # 2020-ir-002 has two codes under 327 (327.7 and 327(574)) and counts once there.
    assert counts == {"3": 3, "32": 3, "327": 3, "327.5": 1, "327.7": 1, "327.8": 1, "9": 1, "94": 1}


def test_tree_in_udc_order(catalog: Catalog) -> None:
    assert list(udc.tree(catalog)) == ["3", "32", "327", "327.5", "327.7", "327.8", "9", "94"]
    assert sorted(["33", "327.8", "327", "3"], key=udc.order) == ["3", "327", "327.8", "33"]


def test_class_page_captions_subclasses_and_papers(pages: dict[str, str]) -> None:
    page = "udc/327/index.md"
    html = soup(pages[page])
    assert html.h1.get_text() == "УДК 327"
    captions = {dd["lang"]: dd.get_text() for dd in html.select("dl.ir-udc__captions dd")}
    assert captions["kk"] == "Халықаралық қатынастар. Әлемдік саясат. Сыртқы саясат"
    assert captions["ru"].startswith("Международные отношения")
    assert captions["en"].startswith("International relations")
    subclasses = html.find(id="subclasses").find_next("ul")
    found = {target(page, li.a["href"]): li.select_one(".ir-count").get_text() for li in subclasses.find_all("li")}
    assert found == {"udc/327.5/": "(1)", "udc/327.7/": "(1)", "udc/327.8/": "(1)"}
    # 327(574) files under 327 and shows in full.
    papers = html.find(id="papers").find_next("ol").find_all("li", recursive=False)
    assert [li.code.get_text() for li in papers] == ["327(574)"]
    # Its place auxiliary is captioned too, in the interface language.
    assert papers[0].select_one(".ir-udc__auxiliary").get_text() == "(574) Республика Казахстан"
    assert target(page, papers[0].select_one("a.ir-papers__title")["href"]) == "2020-ir-002/"
    assert papers[0].select_one("a.ir-papers__title")["lang"] == "kk"
    broader = [target(page, a["href"]) for a in html.select("ul.ir-udc__broader > li > a")]
    assert broader == ["udc/3/", "udc/32/"]


def test_untranslated_caption_is_left_out_not_shown_as_kazakh() -> None:
    node = udc.UdcClass("x", 1, "x", udc.Caption("Only English", None, None), ())
    assert node.captions() == [("en", "Only English")]
    assert node.caption_in("kk") == [("en", "Only English")]


def test_code_deeper_than_the_summary_shows_the_nearest_caption(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(Path(__file__).parent / "fixtures" / "archive", archive)
    paper = archive / "2020-ir" / "2020-ir-003" / "paper.yml"
    paper.write_text(paper.read_text(encoding="utf-8").replace('udc: ["327.5"]', 'udc: ["327.84"]'), encoding="utf-8")
    catalog, _ = validate(archive)
    pages = udc.pages(catalog, Site("https://example.org/", "Archive", "en", "hidden"))
    page = "udc/327.84/index.md"
    html = soup(pages[page])
    # The Summary stops at 327.8: the page says so, links it and shows its captions.
    note = html.find("p")
    assert "has no caption" in note.get_text()
    assert target(page, note.a["href"]) == "udc/327.8/"
    assert html.select_one("dd[lang=ru]").get_text() == "Оказание политического влияния на другие государства"
    assert "udc/327.5/index.md" not in pages
    assert udc.tree(catalog)["327.8"].children == ("327.84",)


def test_auxiliaries_are_captioned_when_the_summary_has_them() -> None:
    full = udc.full_code("327(574)=512.122:339(075.8)")
    # (075.8) is deeper than the Summary goes: shown in the code, without a caption.
    assert [aux for aux, _ in full.auxiliaries] == ["(574)", "=512.122"]
    assert full.auxiliaries[1][1].kk == "Қазақ тілі"
    assert udc.full_code("327.8").auxiliaries == ()


def test_every_page_has_the_attribution(pages: dict[str, str]) -> None:
    for path, text in pages.items():
        line = soup(text).select_one("p.ir-udc-attribution")
        assert line is not None, path
        assert "UDC Consortium" in line.get_text()
        assert line.find("a", href="https://creativecommons.org/licenses/by-sa/3.0/") is not None
        assert target(path, line.find_all("a")[-1]["href"]) == "udc-captions/"


def test_tree_index_nests_classes(pages: dict[str, str]) -> None:
    html = soup(pages["udc/index.md"])
    top = html.select("ul.ir-udc__tree > li")
    assert [li.a.get_text() for li in top] == ["3", "9"]
    nested = [a.get_text() for a in top[0].find("ul").find_all("a")]
    assert nested == ["32", "327", "327.5", "327.7", "327.8"]
