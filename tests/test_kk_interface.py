"""The site builds with a Kazakh, Russian or English interface (mkdocs-material ships no Kazakh:
build_tools/theme/partials/languages/kk.html supplies it), and Kazakh content says it is Kazakh."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from build_tools.pipeline import CONFIG, build, read_settings

FIXTURES = Path(__file__).parent / "fixtures"
MATERIAL_LANGUAGES = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
KK = Path(__file__).parent.parent / "build_tools" / "theme" / "partials" / "languages" / "kk.html"

# interface -> (Material's header, navigation and contents labels, a page label from build_tools/render)
EXPECTED = {
    "kk": ("Жоғарғы колонтитул", "Шарлау", "Мазмұны", "Авторлар мен ғылыми жетекшілер"),
    "ru": ("Верхний колонтитул", "Навигация", "Содержание", "Авторы и научные руководители"),
    "en": ("Header", "Navigation", "Table of contents", "People"),
}
NAMES = {
    "kk": "Халықаралық қатынастар бойынша студенттік конференцияның мұрағаты",
    "ru": "Архив студенческой конференции по международным отношениям",
    "en": "Archive of the Student Conference on International Relations",
}
# interface -> (the footer's generator line, the 404 heading): English-only in Material itself.
OVERRIDDEN = {
    "kk": ("Material for MkDocs көмегімен жасалған", "404 — бет табылмады"),
    "ru": ("Сделано с помощью Material for MkDocs", "404 — страница не найдена"),
    "en": ("Made with Material for MkDocs", "404 - Not found"),
}


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    language: str = request.param
    settings, _ = read_settings(CONFIG)
    if settings is not None and settings.site.language == language:
        # The session's site is already built in the language mkdocs.yml sets.
        built: Path = request.getfixturevalue("built_site")
        return language, built
    out = tmp_path_factory.mktemp(f"site-{language}") / "site"
    build(FIXTURES / "archive", out, quiet=True, language=language)  # type: ignore[arg-type]
    return language, out


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_interface_strings_and_html_lang(site: tuple[str, Path]) -> None:
    language, out = site
    header, nav, toc, heading = EXPECTED[language]
    html = page(out, "people")
    assert html.html is not None and html.html["lang"] == language
    assert html.select_one("nav.md-header__inner")["aria-label"] == header
    assert html.select_one("nav.md-nav--primary")["aria-label"] == nav
    assert html.select_one("nav.md-nav--secondary")["aria-label"] == toc
    assert html.h1 is not None and html.h1.get_text() == heading
    # The site's name too (mkdocs.yml's `extra.site_names`), in the header and the page's title.
    assert html.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == NAMES[language]
    assert html.title is not None and html.title.get_text().endswith(NAMES[language])
    # The home page is titled by the name alone, once.
    home = page(out, "")
    assert home.head is not None and home.head.title is not None
    assert home.head.title.get_text() == NAMES[language]


def test_footer_and_404_page_in_the_interface_language(site: tuple[str, Path]) -> None:
    language, out = site
    footer, not_found = OVERRIDDEN[language]
    html = page(out, "people")
    assert " ".join(html.select_one(".md-copyright").get_text().split()) == footer
    missing = BeautifulSoup((out / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert missing.select_one(".md-content h1").get_text() == not_found


def test_kazakh_content_carries_lang_kk(site: tuple[str, Path]) -> None:
    _, out = site
    # The Kazakh paper's own page, and its title wherever facet pages list it.
    paper = page(out, "2020-ir-002")
    assert paper.select_one("article.ir-paper")["lang"] == "kk"
    for url in ("people/ergalieva-a-a", "languages/kk", "udc/327", "udc/327.7"):
        title = page(out, url).find("a", string=re.compile("^Ұлыбритания"))
        assert title is not None and title["lang"] == "kk", url
    captions = page(out, "udc/327").select("dl.ir-udc__captions dd")
    assert [dd["lang"] for dd in captions] == ["kk", "ru", "en"]


def test_kazakh_translation_covers_every_key_material_has() -> None:
    # Material has no Kazakh of its own: without ours, `theme.language: kk` stops the build.
    assert not (MATERIAL_LANGUAGES / "kk.html").exists()
    keys = set(re.findall(r'^\s*"([\w.]+)":', (MATERIAL_LANGUAGES / "en.html").read_text(encoding="utf-8"), re.M))
    kazakh = dict(re.findall(r'^\s*"([\w.]+)": "(.*)",?$', KK.read_text(encoding="utf-8"), re.M))
    # direction and the search tokenizer settings fall back to English on purpose (as in ru.html).
    assert keys - set(kazakh) == {"direction", "search.config.pipeline", "search.config.separator"}
    assert set(kazakh) <= keys
    english = dict(re.findall(r'^\s*"([\w.]+)": "(.*)",?$', (MATERIAL_LANGUAGES / "en.html").read_text("utf-8"), re.M))
    untranslated = {k for k, v in kazakh.items() if v == english[k] and k not in {"search.config.lang"}}
    assert untranslated == set()
    # lunr has no Kazakh: an unknown code would silently fall back to English stop words.
    assert kazakh["search.config.lang"] == "ru"


def test_kazakh_text_is_drawn_in_one_font(built_site: Path, browser: Any) -> None:
    """A Kazakh title and paragraph are each drawn in one font, not with their Kazakh letters
    taken from another (archive.css puts fonts that have them first: on Linux, Material's
    Helvetica and Arial are Liberation Sans, which has Cyrillic but not ә, қ, ұ, ү)."""
    page = browser.new_page()
    drawn: dict[str, set[str]] = {}
    try:
        page.goto((built_site / "2020-ir-002" / "index.html").as_uri())
        cdp = page.context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "h1, article p"})["nodeIds"]
        texts = page.eval_on_selector_all("h1, article p", "nodes => nodes.map(n => n.textContent)")
        for node, text in zip(nodes, texts, strict=True):
            if set(text) & set("әқұүӘҚҰҮ"):
                fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
                drawn[text[:40]] = {f["familyName"] for f in fonts}
    finally:
        page.close()
    assert len(drawn) >= 2, drawn
    assert all(len(families) == 1 for families in drawn.values()), drawn
