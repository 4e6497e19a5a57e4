"""GOST R 7.0.100-2018 and APA 7 strings of the fixture papers in Kazakh, Russian and English.

The expected strings are written by hand from the standards (GOST R 7.0.100-2018, analytic
record of a component part: heading, title / responsibility // host document. – place :
publisher, year. – pages; APA 7, a paper in edited proceedings), not copied from the output.
"""

from __future__ import annotations

import pytest

from build_tools.bibliography import citation_text, cite_box
from build_tools.bibliography.exports import entry
from build_tools.bibliography.record import Contributor, Record
from build_tools.bibliography.styles import ApaStyle, GostStyle, render
from build_tools.catalog import Catalog
from build_tools.model import Pages
from build_tools.names import Name

SITE = "https://ir-archive.example.org/"

GOST = {
    "2020-ir-001": (
        "Bodenova, A. Country image as an element of soft power / A. Bodenova // Proceedings of the Student "
        "Conference on International Relations : Student Scientific Conference on International Relations "
        "(Nur-Sultan, April 10, 2020). – Nur-Sultan : L.N. Gumilyov Eurasian National University, 2020. – P. 12–15."
    ),
    "2020-ir-002": (
        "Ерғалиева, А. А. Ұлыбритания және Еуропалық Одақ қарым-қатынастары. «Brexit» салдары / "
        "А. А. Ерғалиева, Н. Әбілқайыр // Халықаралық қатынастар бойынша студенттік конференция "
        "материалдары : Халықаралық қатынастар бойынша студенттік ғылыми конференция (Нұр-Сұлтан, "
        "2020 ж. 10 сәуір). – Нұр-Сұлтан : Л.Н. Гумилев атындағы Еуразия ұлттық университеті, 2020. – Б. 16–20."
    ),
    "2020-ir-003": (
        "Иванов, С. П. Региональные конфликты в Центральной Азии / С. П. Иванов // Материалы студенческой "
        "конференции по международным отношениям : Студенческая научная конференция по международным "
        "отношениям (Нур-Султан, 10 апреля 2020 г.). – Нур-Султан : Евразийский национальный университет "
        "им. Л.Н. Гумилева, 2020. – С. 21–24."
    ),
    # No conference, no date, no pages in the 2021 volume: those parts are simply absent. Its
    # publisher and year are inferred, not printed: in square brackets, as GOST R 7.0.100 marks them.
    "2021-ir-001": (
        "Иванов, С. П. История дипломатии Казахстана / С. П. Иванов // Материалы студенческой конференции "
        "по международным отношениям 2021. – Нур-Султан : [Евразийский национальный университет "
        "им. Л.Н. Гумилева], [2021]."
    ),
}

APA = {
    # The volume's editor is printed in Cyrillic; an English citation uses the registry's Latin spelling.
    "2020-ir-001": (
        "Bodenova, A. (2020). Country image as an element of soft power. In D. K. Akhmedyanova (Ed.), "
        "Proceedings of the Student Conference on International Relations (pp. 12–15). "
        "L.N. Gumilyov Eurasian National University. https://ir-archive.example.org/2020-ir-001/"
    ),
    "2020-ir-002": (
        "Ерғалиева, А. А., & Әбілқайыр, Н. (2020). Ұлыбритания және Еуропалық Одақ қарым-қатынастары. "
        "«Brexit» салдары. Жинақта Д. К. Ахмедьянова (ред.), Халықаралық қатынастар бойынша студенттік "
        "конференция материалдары (б. 16–20). Л.Н. Гумилев атындағы Еуразия ұлттық университеті. "
        "https://ir-archive.example.org/2020-ir-002/"
    ),
    "2020-ir-003": (
        "Иванов, С. П. (2020). Региональные конфликты в Центральной Азии. В Д. К. Ахмедьянова (ред.), "
        "Материалы студенческой конференции по международным отношениям (с. 21–24). Евразийский "
        "национальный университет им. Л.Н. Гумилева. https://ir-archive.example.org/2020-ir-003/"
    ),
    "2021-ir-001": (
        "Иванов, С. П. ([2021]). История дипломатии Казахстана. В Материалы студенческой конференции по "
        "международным отношениям 2021. [Евразийский национальный университет им. Л.Н. Гумилева]. "
        "https://ir-archive.example.org/2021-ir-001/"
    ),
}


@pytest.mark.parametrize("paper_id", sorted(GOST))
def test_gost(catalog: Catalog, paper_id: str) -> None:
    assert citation_text(catalog, catalog.papers[paper_id], "gost", site_url=SITE) == GOST[paper_id]


@pytest.mark.parametrize("paper_id", sorted(APA))
def test_apa(catalog: Catalog, paper_id: str) -> None:
    assert citation_text(catalog, catalog.papers[paper_id], "apa", site_url=SITE) == APA[paper_id]


def _record(authors: list[str], language: str, pages: Pages | None) -> Record:
    return Record(
        key="x-001",
        language=language,  # type: ignore[arg-type]
        title="Заглавие",
        authors=tuple(Contributor(Name.parse(a)) for a in authors),
        editors=(),
        year=2022,
        date=None,
        container="Сборник",
        conference=None,
        city="Астана",
        publisher="ЕНУ",
        isbn=None,
        pages=pages,
        keywords=(),
        abstract=None,
        licence="CC-BY-4.0",
        volume="2022-ir",
        page_path="x-001/",
        pdf_path=None,
    )


def test_gost_with_four_authors_starts_with_the_title() -> None:
    record = _record(["Первый А.А.", "Второй Б.Б.", "Третий В.В.", "Четвёртый Г.Г."], "ru", Pages(5, 5))
    expected = "Заглавие / А. А. Первый, Б. Б. Второй, В. В. Третий [и др.] // Сборник. – Астана : ЕНУ, 2022. – С. 5."
    assert render(GostStyle(), entry(record), "text") == expected


def test_apa_single_page_and_no_editor() -> None:
    record = _record(["Первый А.А.", "Второй Б.Б.", "Третий В.В."], "ru", Pages(5, 5))
    expected = "Первый, А. А., Второй, Б. Б., & Третий, В. В. (2022). Заглавие. В Сборник (с. 5). ЕНУ."
    assert render(ApaStyle(), entry(record), "text") == expected


def test_html_renderings_escape_contributor_text() -> None:
    record = _record(["Первый А.А."], "en", None)
    hostile = Record(**{**record.__dict__, "title": "<script>alert(1)</script> & co", "container": "<b>Book</b>"})
    gost = render(GostStyle(), entry(hostile), "html")
    apa = render(ApaStyle(), entry(hostile), "html")
    for html in (gost, apa):
        assert "<script>" not in html and "<b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert "<em>&lt;b&gt;Book&lt;/b&gt;</em>" in apa


def test_cite_box_offers_three_styles_and_the_downloads(catalog: Catalog) -> None:
    box = cite_box(catalog, catalog.papers["2020-ir-003"], site_url=SITE)
    assert "Как цитировать" in box
    assert box.count("data-cite-copy=") == 3
    # Buttons start hidden: without JavaScript the box is text and links only.
    assert box.count(" hidden>") == 3
    assert "Иванов, С. П. Региональные конфликты в Центральной Азии / С. П. Иванов //" in box
    assert "@inproceedings{2020-ir-003," in box
    for href in ("2020-ir-003.bib", "2020-ir-003-ascii.bib", "2020-ir-003.ris", "2020-ir-003.json"):
        assert f'href="{href}"' in box


def test_cite_box_words_follow_the_interface_and_citations_the_paper(catalog: Catalog) -> None:
    box = cite_box(catalog, catalog.papers["2020-ir-002"], site_url=SITE, language="ru")
    assert "Как цитировать" in box and "Копировать" in box
    assert "Мақаланы дәйексөзге алу" not in box
    assert "2020. – Б. 16–20." in box
    english = cite_box(catalog, catalog.papers["2020-ir-002"], site_url=SITE, language="en")
    assert "Cite this paper" in english and "GOST R 7.0.100-2018" in english
