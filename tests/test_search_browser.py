"""The search page in headless Chromium, over http on loopback and from file://: queries in each
language, by transliterated name, by inflected form, by UDC code and caption, with filters, and
from the header's search box with the keyboard alone."""

from __future__ import annotations

import re
import urllib.parse
from typing import Any

from playwright.sync_api import expect

from tests.browsing import guarded, result_text

# query -> the papers it must find (and no others): the fixture archive has four.
QUERIES = {
    # Kazakh: case folding, suffixes both ways, a Latin look-alike `a` typed in a Cyrillic word.
    "ҰЛЫБРИТАНИЯ": {"2020-ir-002"},
    "Ұлыбританияның": {"2020-ir-002"},
    "Одақтан": {"2020-ir-002"},
    "Одaқ": {"2020-ir-002"},
    # Kazakh typed on a Russian keyboard: у for ұ, к for қ.
    "Улыбритания": {"2020-ir-002"},
    "Одак": {"2020-ir-002"},
    # Russian: inflected forms of words in the title and the text, `ё` as `е`.
    "конфликтов": {"2020-ir-003"},
    "емкость": {"2020-ir-003"},
    "дипломатии": {"2021-ir-001"},
    # Forms the archive does not hold, whose stems it does not hold either: found by their
    # stems' other forms (конфликт- for конфликтов, конфликты); a Kazakh ending on a Russian word.
    "конфликтами": {"2020-ir-003"},
    "дипломатиямен": {"2021-ir-001"},
    # A short stem finds the word's inflected forms, not every word it begins: `жане` (`және`
    # typed without `ә`, stem `жан`) does not find 2020-ir-003's `жанжалдар`.
    "жане": {"2020-ir-002"},
    # English.
    "soft powers": {"2020-ir-001"},
    "countries": {"2020-ir-001"},
    # People under every spelling the registry knows, and transliterations.
    "Yergaliyeva": {"2020-ir-002"},
    "Ерғалиева": {"2020-ir-002"},
    "Ergalieva Aisha": {"2020-ir-002"},
    "Дауылбаев": {"2020-ir-002", "2021-ir-001"},
    "Akhmedyanova": {"2020-ir-001", "2020-ir-003"},
    # UDC: a code finds its subclasses; a caption in any language.
    "327": {"2020-ir-001", "2020-ir-002", "2020-ir-003"},
    "327.8": {"2020-ir-001"},
    "УДК 327.8": {"2020-ir-001"},
    "Всеобщая история": {"2021-ir-001"},
    # A word of the full text only, and one of the references.
    "monitoring": {"2020-ir-001"},
    "Stoletov": {"2020-ir-001"},
}


def page_for(browser: Any, site_url: str) -> Any:
    """A guarded page: nothing may leave the machine (from disk, the network is off too)."""
    return guarded(browser, site_url, offline=site_url.startswith("file:"))


def results(page: Any) -> list[str]:
    """Ids of the papers listed, once the search (full texts included) is done."""
    page.wait_for_selector(".archive-search__results[aria-busy=false]", state="attached", timeout=15000)
    hrefs = page.eval_on_selector_all(".archive-search__item a.archive-search__title", "els => els.map(e => e.href)")
    return [urllib.parse.unquote(h).rstrip("/").removesuffix("/index.html").rsplit("/", 1)[-1] for h in hrefs]


def open_search(guard: Any, site_url: str, query: str, **filters: str) -> list[str]:
    params = urllib.parse.urlencode({"q": query, **filters})
    guard.page.goto(f"{site_url}/search/index.html?{params}")
    return results(guard.page)


def test_queries_find_the_expected_papers(browser: Any, site_url: str) -> None:
    with page_for(browser, site_url) as guard:
        found = {query: set(open_search(guard, site_url, query)) for query in QUERIES}
        assert found == QUERIES
        assert not guard.errors
        guard.clean()


def test_a_result_shows_title_authors_year_language_and_highlights(browser: Any, site_url: str) -> None:
    with page_for(browser, site_url) as guard:
        assert open_search(guard, site_url, "Одақ") == ["2020-ir-002"]
        item = result_text(guard.page, ".archive-search__item")
        assert "Ұлыбритания және Еуропалық Одақ" in item
        assert "Ерғалиева Айша Айтжанқызы" in item and "2020" in item and "Қазақша" in item
        assert guard.page.eval_on_selector_all("mark", "els => els.map(e => e.textContent)")[:1] == ["Одақ"]
        assert "1" in guard.page.inner_text(".archive-search__status")
        # The link opens the paper's page.
        guard.page.click(".archive-search__title")
        guard.page.wait_for_load_state()
        assert "2020-ir-002" in guard.page.url
        assert "Ұлыбритания" in guard.page.inner_text("h1")
        guard.clean()


def test_a_paper_found_by_its_supervisor_says_so(browser: Any, site_url: str) -> None:
    with page_for(browser, site_url) as guard:
        assert open_search(guard, site_url, "Дауылбаев", volume="2020-ir") == ["2020-ir-002"]
        line = result_text(guard.page, ".archive-search__supervisors")
        assert line.startswith("Научный руководитель: ") and "Дауылбаев" in line
        marked = ".archive-search__supervisors mark"
        assert guard.page.eval_on_selector_all(marked, "els => els.map(e => e.textContent)") == ["Дауылбаев"]
        guard.clean()


def test_a_name_found_under_another_spelling_is_marked_as_printed(browser: Any, site_url: str) -> None:
    with page_for(browser, site_url) as guard:
        marks = "els => els.map(e => e.textContent)"
        # The registry's Latin spelling; the paper prints the name in Cyrillic.
        assert open_search(guard, site_url, "Yergaliyeva") == ["2020-ir-002"]
        assert guard.page.eval_on_selector_all(".archive-search__meta mark", marks) == ["Ерғалиева"]
        # Typed in Cyrillic, a name one paper prints in Latin letters.
        assert set(open_search(guard, site_url, "Дауылбаев")) == {"2020-ir-002", "2021-ir-001"}
        marked = guard.page.eval_on_selector_all(".archive-search__list mark", marks)
        assert sorted(marked) == ["Dauylbayev", "Дауылбаев"]
        assert not guard.errors
        guard.clean()


def test_a_paper_found_in_its_text_shows_the_passage_that_matched(browser: Any, site_url: str) -> None:
    # Neither word is in the paper's abstract, which a result shows otherwise.
    passages = {"monitoring": "Only constant monitoring of the image", "Stoletov": "Stoletov O.V. Smart power strategy"}
    with page_for(browser, site_url) as guard:
        for query, passage in passages.items():
            assert open_search(guard, site_url, query) == ["2020-ir-001"]
            snippet = ".archive-search__snippet"
            assert passage in result_text(guard.page, snippet)
            assert guard.page.eval_on_selector_all(f"{snippet} mark", "els => els.map(e => e.textContent)") == [query]
        assert not guard.errors
        guard.clean()


def test_filters_narrow_the_results_and_stay_in_the_address(browser: Any, site_url: str) -> None:
    with page_for(browser, site_url) as guard:
        assert set(open_search(guard, site_url, "327", language="ru")) == {"2020-ir-003"}
        assert set(open_search(guard, site_url, "Дауылбаев", volume="2021-ir")) == {"2021-ir-001"}
        assert set(open_search(guard, site_url, "Дауылбаев", udc="94")) == {"2021-ir-001"}
        assert "udc=94" in guard.page.url
        # The classes and their captions come after the results; the address's class stays chosen.
        chosen = guard.page.locator("select[name=udc] option:checked")
        expect(chosen).to_have_text(re.compile(r"^94 \S"))
        assert guard.page.locator("select[name=udc] option").count() > 3
        guard.page.select_option("select[name=udc]", "")
        assert set(results(guard.page)) == {"2020-ir-002", "2021-ir-001"}
        guard.clean()


def test_filters_in_the_address_are_shown_or_dropped(browser: Any, site_url: str) -> None:
    """A class narrower than the select's stays chosen and shown; a language or volume the
    archive lacks, or a class that is no number, is dropped rather than hiding every result.
    The volumes are named in the interface's language (Russian here)."""
    with page_for(browser, site_url) as guard:
        page = guard.page
        assert set(open_search(guard, site_url, "327", udc="327.8")) == {"2020-ir-001"}
        page.wait_for_function("document.querySelectorAll('select[name=udc] option').length > 3")
        expect(page.locator("select[name=udc] option:checked")).to_have_text("327.8")
        everything = {"2020-ir-001", "2020-ir-002", "2020-ir-003"}
        assert set(open_search(guard, site_url, "327", language="zz", volume="nope", udc="x")) == everything
        assert page.eval_on_selector_all("select", "els => els.map(e => e.value)") == ["", "", ""]
        volumes = page.eval_on_selector_all("select[name=volume] option", "els => els.map(e => e.textContent)")
        assert "[2021] — Материалы студенческой конференции по международным отношениям 2021" in volumes
        guard.clean()


def test_back_returns_to_the_search_before(browser: Any, site_url: str) -> None:
    with page_for(browser, site_url) as guard:
        page = guard.page
        assert open_search(guard, site_url, "Yergaliyeva") == ["2020-ir-002"]
        page.fill("#archive-search-input", "Ivanov")
        page.press("#archive-search-input", "Enter")
        page.wait_for_function("document.querySelector('.archive-search__status').textContent.includes('Ivanov')")
        assert set(results(page)) == {"2020-ir-003", "2021-ir-001"}
        page.go_back()
        page.wait_for_function("document.querySelector('.archive-search__status').textContent.includes('Yergaliyeva')")
        assert results(page) == ["2020-ir-002"]
        assert page.input_value("#archive-search-input") == "Yergaliyeva"
        page.go_forward()
        page.wait_for_function("document.querySelector('.archive-search__status').textContent.includes('Ivanov')")
        assert set(results(page)) == {"2020-ir-003", "2021-ir-001"}
        guard.clean()


def test_no_result_is_said_with_a_hint(browser: Any, site_url: str) -> None:
    with page_for(browser, site_url) as guard:
        assert open_search(guard, site_url, "zzzqqq") == []
        assert "zzzqqq" in guard.page.inner_text(".archive-search__status")
        assert guard.page.is_visible(".archive-search__hint")
        guard.clean()


def test_the_header_box_searches_with_the_keyboard_alone(browser: Any, site_url: str) -> None:
    with page_for(browser, site_url) as guard:
        page = guard.page
        page.goto(f"{site_url}/index.html")
        assert page.locator("#archive-search-input").count() == 1
        assert page.locator("input[type=search], input[type=text]").count() == 1  # one search box
        # Tab until the search box has the focus, type, press Enter.
        for _ in range(30):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "archive-search-input":
                break
        assert page.evaluate("document.activeElement.id") == "archive-search-input"
        page.keyboard.type("Yergaliyeva")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search/**")
        assert results(page) == ["2020-ir-002"]
        # On the search page the same box searches as one types; the status is announced.
        assert page.get_attribute(".archive-search__status", "aria-live") == "polite"
        page.fill("#archive-search-input", "")
        page.keyboard.type("Ivanov")
        page.wait_for_function("document.querySelector('.archive-search__status').textContent.includes('Ivanov')")
        assert set(results(page)) == {"2020-ir-003", "2021-ir-001"}
        guard.clean()


# Records when the first result is put in the page, which of the index's files had been asked for
# by then, and when Material's bundle runs (it sets `window.document$`).
ORDER = """
(() => {
  const order = window.__order = {};
  new MutationObserver(() => {
    if (order.results || !document.querySelector(".archive-search__item")) return;
    order.results = performance.now();
    order.asked = Array.from(document.scripts, (s) => s.src.split("/search/")[1]).filter(Boolean);
  }).observe(document, { subtree: true, childList: true });
  let subject;
  Object.defineProperty(window, "document$", {
    configurable: true,
    get: () => subject,
    set: (value) => { subject = value; order.theme = performance.now(); },
  });
})();
"""


def test_the_theme_starts_after_the_first_results(browser: Any, site_url: str) -> None:
    """Material's scripts run once the first results are on screen, and Material starts: its
    components come (its header and sidebars), with a query and without one. The snippets and
    the full texts are asked for after the first results too."""
    with page_for(browser, site_url) as guard:
        page = guard.page
        page.add_init_script(ORDER)
        for query in ("Одақ", ""):
            page.goto(f"{site_url}/search/index.html?q={urllib.parse.quote(query)}")
            page.wait_for_function("window.document$ !== undefined", timeout=15000)
            started = page.evaluate("new Promise(done => window.component$.subscribe(c => done(c.ref.className)))")
            assert "md-" in started, started
            assert page.locator("#archive-search-theme-scripts").count() == 0
            order = page.evaluate("window.__order")
            if query:
                assert order["results"] < order["theme"], order
                assert order["asked"] and not [
                    a for a in order["asked"] if a.startswith(("docs/", "full/", "classes"))
                ], order
        assert not guard.errors
        guard.clean()
