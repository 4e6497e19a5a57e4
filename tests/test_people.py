from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_tools.__main__ import validate
from build_tools.catalog import Catalog
from build_tools.collation import letters
from build_tools.render import languages, people, udc
from build_tools.render.base import Site


@pytest.fixture(scope="module")
def pages(catalog: Catalog) -> dict[str, str]:
    return people.pages(catalog, Site("https://example.org/", "Archive", "kk", "hidden"))


def soup(text: str) -> BeautifulSoup:
    return BeautifulSoup(text.split("---", 2)[2], "html.parser")


def target(page: str, href: str) -> str:
    """The docs path a relative link on `page` leads to."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href)) + "/index.md"


def test_works_by_role(catalog: Catalog) -> None:
    authors = {person: [p.id for p in papers] for person, papers in catalog.works("authors").items()}
    supervisors = {person: [p.id for p in papers] for person, papers in catalog.works("supervisors").items()}
    assert authors["ergalieva-a-a"] == ["2020-ir-002"]
    assert authors["abilqayyr-n"] == ["2020-ir-002"]
    # Namesakes keep their own papers.
    assert authors["ivanov-s-p"] == ["2020-ir-003"]
    assert authors["ivanov-s-p-2"] == ["2021-ir-001"]
    # One person under two spellings (D.K Akhmedyanova, Ахмедьянова Д.К.) supervised both papers.
    assert supervisors["akhmedyanova-d-k"] == ["2020-ir-001", "2020-ir-003"]
    assert supervisors["dauylbaev-a-b"] == ["2020-ir-002", "2021-ir-001"]
    assert "akhmedyanova-d-k" not in authors


def test_volume_editors_resolve(catalog: Catalog) -> None:
    assert [p.id for p in catalog.edited(catalog.volumes["2020-ir"])] == ["akhmedyanova-d-k"]
    assert catalog.edited(catalog.volumes["2021-ir"]) == ()


def test_a_page_per_registry_person(catalog: Catalog, pages: dict[str, str]) -> None:
    assert set(pages) == {"people/index.md"} | {f"people/{pid}/index.md" for pid in catalog.people}


def test_supervisor_page_lists_supervised_papers_apart(pages: dict[str, str]) -> None:
    page = "people/akhmedyanova-d-k/index.md"
    html = soup(pages[page])
    assert html.h1 is not None and html.h1.get_text() == "Ахмедьянова Д.К."
    assert html.find(id="authored") is None  # never an author in this archive
    supervised = html.find(id="supervised")
    assert supervised is not None and "(2)" in supervised.get_text()
    papers = supervised.find_next("ol")
    titles = [a["href"] for a in papers.select("a.ir-papers__title")]
    assert [target(page, h) for h in titles] == ["2020-ir-001/index.md", "2020-ir-003/index.md"]
    # The supervised students link to their own pages.
    students = {a.get_text(): target(page, a["href"]) for a in papers.select(".ir-papers__meta a")}
    assert students["Bodenova Alsina"] == "people/bodenova-a/index.md"
    assert students["Иванов Сергей Петрович"] == "people/ivanov-s-p/index.md"
    # Every spelling of the name is shown, and the volume she edited.
    assert "Akhmedyanova D.K." in html.dl.get_text()
    edited = html.find(id="edited")
    assert edited is not None
    assert target(page, edited.find_next("ul").a["href"]) == "volumes/2020-ir/index.md"


def test_author_page_with_orcid_and_kazakh_title(pages: dict[str, str]) -> None:
    html = soup(pages["people/bodenova-a/index.md"])
    orcid = html.find("a", href="https://orcid.org/0000-0002-1825-0097")
    assert orcid is not None
    assert html.find(id="supervised") is None
    kazakh = soup(pages["people/ergalieva-a-a/index.md"]).select_one("a.ir-papers__title")
    assert kazakh is not None and kazakh["lang"] == "kk"
    assert kazakh.get_text().startswith("Ұлыбритания")


def test_namesakes_have_separate_pages(pages: dict[str, str]) -> None:
    one = soup(pages["people/ivanov-s-p/index.md"]).select("a.ir-papers__title")
    two = soup(pages["people/ivanov-s-p-2/index.md"]).select("a.ir-papers__title")
    assert [a.get_text() for a in one] == ["Региональные конфликты в Центральной Азии"]
    assert [a.get_text() for a in two] == ["История дипломатии Казахстана"]


def test_index_is_in_kazakh_order_with_a_working_letter_bar(pages: dict[str, str]) -> None:
    html = soup(pages["people/index.md"])
    main = [a.get_text() for a in html.select("ul.ir-people__list > li > a:first-child") if a.parent.contents[0] == a]
    # Ә files after А and before Б (Python's order would put it after Я); Latin spellings follow.
    assert main == [
        "Ахмедьянова Д.К.",
        "Әбілқайыр Нұрлан",
        "Боденова Алсина",
        "Дауылбаев А.Б.",
        "Ерғалиева Айша Айтжанқызы",
        "Иванов С.П.",
        "Иванов Сергей Петрович",
    ]
    bar = html.select("nav.ir-letters a")
    labels = [a.get_text() for a in bar]
    assert labels == ["А", "Ә", "Б", "Д", "Е", "И", "A", "B", "D", "I", "Y"]
    assert labels == sorted(labels, key=letters().index)
    for a in bar:
        heading = html.find(id=a["href"].removeprefix("#"))
        assert heading is not None and heading.get_text() == a.get_text()
    # A Latin spelling points to the person's page under its Cyrillic name.
    see = html.find(id="letter-Y").find_next("li")
    assert see.get_text().startswith("Yergaliyeva Aisha")
    assert target("people/index.md", see.a["href"]) == "people/ergalieva-a-a/index.md"


def test_index_counts_roles(pages: dict[str, str]) -> None:
    html = soup(pages["people/index.md"])
    line = html.find("a", string="Дауылбаев А.Б.").parent.get_text()
    assert "жетекші: 2" in line and "автор" not in line
    line = html.find("a", string="Ахмедьянова Д.К.").parent.get_text()
    assert "жетекші: 2" in line and "редактор: 1" in line


def test_built_people_pages(built_site: Path) -> None:
    index = BeautifulSoup((built_site / "people" / "index.html").read_text(encoding="utf-8"), "html.parser")
    bar = index.select("nav.ir-letters a")
    assert bar
    for a in bar:
        assert index.find(id=a["href"].removeprefix("#")) is not None, a["href"]
    for link in index.select("ul.ir-people__list a"):
        assert (built_site / "people" / link["href"] / "index.html").is_file(), link["href"]
    # A paper page links its supervisor to the person page, which lists the paper back.
    paper = BeautifulSoup((built_site / "2020-ir-001" / "index.html").read_text(encoding="utf-8"), "html.parser")
    supervisor = paper.select_one(".ir-paper__supervisor a")
    assert supervisor is not None and supervisor["href"] == "../people/akhmedyanova-d-k/"
    person = BeautifulSoup(
        (built_site / "people" / "akhmedyanova-d-k" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert person.find("a", href="../../2020-ir-001/") is not None


def test_hostile_text_stays_text_on_facet_pages(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(Path(__file__).parent / "fixtures" / "archive", archive)
    paper = archive / "2020-ir" / "2020-ir-003" / "paper.yml"
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    text = paper.read_text(encoding="utf-8")
    paper.write_text(
        text.replace("ru: Региональные конфликты в Центральной Азии", f"ru: '{hostile}'"), encoding="utf-8"
    )
    catalog, _ = validate(archive)
    site = Site("https://example.org/", "Archive", "ru", "hidden")
    made = {**people.pages(catalog, site), **udc.pages(catalog, site), **languages.pages(catalog, site)}
    for path in ("people/ivanov-s-p/index.md", "people/akhmedyanova-d-k/index.md", "udc/327.5/index.md"):
        html = soup(made[path])
        assert html.select("script, img, [onerror]") == [], path
        assert hostile in html.get_text(), path
    assert "<script>" not in made["languages/ru/index.md"]


def test_a_new_kazakh_name_gets_a_slug_that_keeps_its_first_letter(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(Path(__file__).parent / "fixtures" / "archive", archive)
    paper = archive / "2020-ir" / "2020-ir-002" / "paper.yml"
    text = paper.read_text(encoding="utf-8")
    paper.write_text(text.replace("- name: Әбілқайыр Нұрлан", "- name: Әбдіқадыров Ө.Ұ."), encoding="utf-8")
    _, problems = validate(archive)
    messages = [p.message for p in problems if p.field == "authors[1].name"]
    # unidecode would give `bdiqadyrov`: Ә, Ө and Ұ keep a letter each.
    assert len(messages) == 1 and "- id: abdiqadyrov-o-u" in messages[0]


def test_see_lines_for_spellings_that_file_elsewhere(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(Path(__file__).parent / "fixtures" / "archive", archive)
    registry = archive / "people.yml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(
        text.replace(
            "names: [Ерғалиева Айша Айтжанқызы, Yergaliyeva Aisha]",
            "names: [Ерғалиева Айша Айтжанқызы, Yergaliyeva Aisha, Ергалиева Айша, Ерғалиева А.А.]",
        ),
        encoding="utf-8",
    )
    catalog, _ = validate(archive)
    lines = [(e.name.text, e.see) for e in people.index_entries(catalog) if e.person.id == "ergalieva-a-a"]
    # The Russian form sorts before the Kazakh one (Г before Ғ); the initials form would sit beside the main line.
    assert lines == [("Ергалиева Айша", True), ("Ерғалиева Айша Айтжанқызы", False), ("Yergaliyeva Aisha", True)]
    main = next(e for e in people.index_entries(catalog) if e.person.id == "ergalieva-a-a" and not e.see)
    assert main.others == ("Yergaliyeva Aisha", "Ергалиева Айша", "Ерғалиева А.А.")
