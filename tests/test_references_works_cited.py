"""Printed references read into fields, works matched across papers, and the works-cited page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_tools.__main__ import validate
from build_tools.bibliography import citations, pages
from build_tools.bibliography.references import Citation, Reference, parse, works
from build_tools.bibliography.workscited import works_cited_pages
from build_tools.collation import sort_key
from build_tools.problems import Severity

FIXTURE = Path(__file__).parent / "fixtures" / "archive"


@pytest.mark.parametrize(
    ("printed", "fields"),
    [
        (
            "Иванов С.П. Безопасность в Центральной Азии // Вестник ЕНУ. 2019. № 2. С. 10–15.",
            {
                "authors": ("Иванов С.П.",),
                "title": "Безопасность в Центральной Азии",
                "year": 2019,
                "container": "Вестник ЕНУ",
                "pages": "10–15",
            },
        ),
        (
            "2 Filimonov G.Yu. Current issues of forming a soft power strategy, 2013. № 9. S. 7-16.",
            {
                "authors": ("Filimonov G.Yu.",),
                "title": "Current issues of forming a soft power strategy",
                "year": 2013,
                "pages": "7–16",
            },
        ),
        (
            "Speech of the President. [Electronic resource] URL: http://kremlin.ru/events/president/news/15902/ "
            "(accessed: 27.11.2018).",
            {
                "authors": (),
                "title": "Speech of the President",
                "year": None,
                "url": "http://kremlin.ru/events/president/news/15902/",
                "accessed": "27.11.2018",
            },
        ),
        (
            "Wasserman S., Faust K. Social Network Analysis: Methods and Applications // Cambridge University "
            "Press. USA, 1994",
            {
                "authors": ("Wasserman S.", "Faust K."),
                "title": "Social Network Analysis: Methods and Applications",
                "container": "Cambridge University Press",
                "year": 1994,
            },
        ),
        (
            "Назарбаев Н.Ә. Қазақстан жолы. Астана, 2006. 372 б.",
            {"authors": ("Назарбаев Н.Ә.",), "title": "Қазақстан жолы", "year": 2006, "pages": None},
        ),
        (
            "Nye J. Soft power. doi:10.1000/xyz123",
            {"authors": ("Nye J.",), "title": "Soft power", "doi": "10.1000/xyz123", "url": None},
        ),
        (
            "Ахметов А.А. Интернет-дипломатия. Алматы: Қазақ университеті, 2018. 200 с. (дата обращения: 01.02.2020)",
            {"title": "Интернет-дипломатия", "year": 2018, "accessed": "01.02.2020"},
        ),
    ],
)
def test_reference_fields(printed: str, fields: dict[str, object]) -> None:
    reference = parse(printed)
    assert reference.text == printed
    for name, value in fields.items():
        assert getattr(reference, name) == value, name


def test_unreadable_reference_keeps_its_text_and_guesses_nothing() -> None:
    reference = parse("См. там же.")
    assert reference == Reference(text="См. там же.", title="См. там же")


def _grouped(texts: list[str]) -> list[list[int]]:
    citations = [Citation(f"paper-{i}", 1, parse(text)) for i, text in enumerate(texts)]
    return [sorted(int(c.paper.split("-")[1]) for c in work.citations) for work in works(citations)]


def test_two_printings_of_one_book_are_one_work() -> None:
    groups = _grouped(
        [
            "Nye J. Soft Power: The Means to Success in World Politics. New York: PublicAffairs, 2004. 191 p.",
            "Nye J.S. Soft power: the means to success in world politics. – New York, 2004.",
            "Nye J. Soft power. 2004.",
            "Назарбаев Н.Ә. Қазақстан жолы. Астана, 2006. 372 б.",
            "Назарбаев Н. Қазақстан жолы. – Астана: Елорда, 2006.",
        ]
    )
    assert groups == [[0, 1, 2], [3, 4]]


def test_different_books_stay_apart() -> None:
    groups = _grouped(
        [
            "Nye J. Soft Power: The Means to Success in World Politics. New York, 2004.",
            # Same author, another book.
            "Nye J. The Future of Power. New York: PublicAffairs, 2011.",
            # Same title, another author.
            "Keohane R. Soft Power: The Means to Success in World Politics. 2004.",
            # Same author and title, another edition.
            "Nye J. Soft Power: The Means to Success in World Politics. New York, 2009.",
        ]
    )
    assert groups == [[0], [1], [2], [3]]


def test_same_doi_is_one_work_however_printed() -> None:
    groups = _grouped(["Nye J. Soft power. doi:10.1000/xyz123", "Най Дж. Мягкая сила. https://doi.org/10.1000/XYZ123"])
    assert groups == [[0, 1]]


def test_printings_are_compared_across_years_and_addresses_only_where_they_may_be_one_work() -> None:
    """Printings of different years, or online sources without an author at different addresses,
    are not compared (works' `_candidates`); every pair that may be one work still is."""
    book = "Nye J. Soft power and world politics. New York"
    # Without a year, a printing is one work with each dated printing it matches, which joins them.
    assert _grouped([f"{book}, 2004.", f"{book}, 2009."]) == [[0], [1]]
    assert _grouped([f"{book}, 2004.", f"{book}, 2009.", f"{book}."]) == [[0, 1, 2]]
    # The same DOI across years.
    assert _grouped(["Keohane R. Power. 1977. doi:10.1000/pi", "Keohane R. Power revisited. 1989. doi:10.1000/PI"]) == [
        [0, 1]
    ]
    # Online sources without an author: the address decides; without one, the title does.
    site = "Security strategy of the region [Electronic resource]."
    assert _grouped([f"{site} URL: https://example.org/a", f"{site} URL: https://example.org/b"]) == [[0], [1]]
    assert _grouped(
        [f"{site} URL: https://example.org/a", f"{site} URL: https://example.org/a/ (accessed: 01.02.2020)"]
    ) == [[0, 1]]
    assert _grouped([f"{site} URL: https://example.org/a", site]) == [[0, 1]]


@pytest.fixture(scope="module")
def citing_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture archive with one book cited, spelled two ways, by two papers, and a hostile reference."""
    archive = tmp_path_factory.mktemp("cited") / "archive"
    shutil.copytree(FIXTURE, archive)
    english = archive / "2020-ir" / "2020-ir-001" / "paper.yml"
    english.write_text(
        english.read_text(encoding="utf-8").replace(
            "  - Nye J. Soft power. doi:10.1000/xyz123\n",
            "  - Nye J. Soft power. doi:10.1000/xyz123\n"
            "  - Назарбаев Н.Ә. Қазақстан жолы. Астана, 2006. 372 б.\n"
            '  - "<script>alert(1)</script> Evil [x](javascript:alert(1)) *bold*"\n',
        ),
        encoding="utf-8",
    )
    russian = archive / "2020-ir" / "2020-ir-003" / "paper.yml"
    russian.write_text(
        russian.read_text(encoding="utf-8").replace(
            "  - Иванов С.П. Безопасность",
            "  - 'Назарбаев Н. Қазақстан жолы. – Астана: Елорда, 2006.'\n  - Иванов С.П. Безопасность",
        ),
        encoding="utf-8",
    )
    return archive


def test_works_cited_page_lists_each_work_with_its_papers(citing_archive: Path) -> None:
    catalog, problems = validate(citing_archive)
    assert [p.format() for p in problems if p.severity is Severity.ERROR] == []
    page = pages(catalog, language="en")["works-cited/index.md"]
    html = BeautifulSoup(page.split("---", 2)[2], "html.parser")
    items = html.select("ol.works-cited--all > li")
    by_text = {li.select_one(".works-cited__text").get_text(): li for li in items}
    book = by_text["Назарбаев Н.Ә. Қазақстан жолы. Астана, 2006. 372 б."]
    assert book.select_one(".works-cited__count").get_text() == "cited by 3 papers in this archive"
    assert [a["href"] for a in book.select(".works-cited__papers a:not(.works-cited__number)")] == [
        "../2020-ir-001/",
        "../2020-ir-002/",
        "../2020-ir-003/",
    ]
    # Each citation links to its place in the paper's printed list.
    assert [a["href"] for a in book.select("a.works-cited__number")] == [
        "../2020-ir-001/#ref-4",
        "../2020-ir-002/#ref-1",
        "../2020-ir-003/#ref-1",
    ]
    # The most cited works open the page; a work cited once is not among them.
    most = [li.select_one(".works-cited__text").get_text() for li in html.select("ol.works-cited--most > li")]
    assert most == ["Назарбаев Н.Ә. Қазақстан жолы. Астана, 2006. 372 б."]
    stoletov = by_text["Stoletov O.V. Smart power strategy in global leadership policy, 2014. 227 p."]
    assert stoletov.select_one(".works-cited__count").get_text() == "cited by 1 paper in this archive"


def test_works_cited_page_escapes_references(citing_archive: Path) -> None:
    catalog, _ = validate(citing_archive)
    page = pages(catalog, language="ru")["works-cited/index.md"]
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    assert "цитируется в 3 статьях этого архива" in page


def test_built_works_cited_page(built_site: Path) -> None:
    html = BeautifulSoup((built_site / "works-cited" / "index.html").read_text(encoding="utf-8"), "html.parser")
    texts = [p.get_text() for p in html.select("ol.works-cited--all .works-cited__text")]
    assert "Иванов С.П. Безопасность в Центральной Азии // Вестник ЕНУ. 2019. № 2. С. 10–15." in texts
    assert len(texts) == 5
    link = html.select_one('ol.works-cited a[href^="http://kremlin.ru"]')
    assert link is not None and link["rel"] == ["nofollow", "noopener"]


def test_works_cited_page_is_in_the_nav(built_site: Path) -> None:
    html = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert html.select_one('nav.md-nav a[href="works-cited/"]') is not None


def test_works_cited_pages_split_in_alphabetical_order(citing_archive: Path) -> None:
    catalog, _ = validate(citing_archive)
    split = works_cited_pages(catalog, works(citations(catalog)), "en", per_page=2)
    assert list(split) == ["works-cited/index.md", "works-cited/2/index.md", "works-cited/3/index.md"]
    seen = []
    for path, page in split.items():
        html = BeautifulSoup(page.split("---", 2)[2], "html.parser")
        seen += [p.get_text() for p in html.select("ol.works-cited--all .works-cited__text")]
        pager = html.select_one("nav.works-cited__pages")
        assert pager is not None and len(pager.select("a")) == 2 and pager.select_one("[aria-current=page]")
        # Pages below the first are one folder deeper: their links climb one more level.
        up = "../" if path == "works-cited/index.md" else "../../"
        assert all(a["href"].startswith(up) for a in html.select(".works-cited__papers a"))
    assert seen == sorted(seen, key=sort_key) and len(seen) == len(set(seen)) == 6
    second = BeautifulSoup(split["works-cited/2/index.md"].split("---", 2)[2], "html.parser")
    pager = second.select_one("nav.works-cited__pages")
    assert pager is not None and [a["href"] for a in pager.select("a")] == ["../", "../3/"]
