"""How the search page loads, in headless Chromium over http and from file://: the query in the
address asks for its index shards from the page's <head>, before the page's body is parsed; the
page's first frame already shows the results; they are drawn from the rows that come with the
shards, and need none of the files chosen by the results (their snippets), which come after."""

from __future__ import annotations

import json
import re
import time
import urllib.parse
from pathlib import Path
from typing import Any

from tests.browsing import guarded, result_text

# Records, in document order, when a script of the index is added and when the results area is
# parsed: a MutationObserver sees both, in the order they happen.
ORDER = """
window.__order = [];
new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) {
    if (node.id === "archive-search") __order.push("results area");
    const src = node.tagName === "SCRIPT" ? node.getAttribute("src") || "" : "";
    const kind = /(?:^|\\/)(meta|rows|full|docs)\\/\\d/.exec(src);
    if (kind && !__order.includes(kind[1])) __order.push(kind[1]);
  }
}).observe(document, { subtree: true, childList: true });
"""


# Counts the results the page holds when its first frame is drawn: a requestAnimationFrame
# callback runs just before a frame is.
FIRST_FRAME = """
requestAnimationFrame(() => {
  window.__firstFrame = document.querySelectorAll(".archive-search__item").length;
});
"""


def search_url(site_url: str, query: str) -> str:
    return f"{site_url}/search/index.html?{urllib.parse.urlencode({'q': query})}"


def test_the_query_shards_and_rows_are_asked_for_before_the_body_is_parsed(browser: Any, site_url: str) -> None:
    with guarded(browser, site_url, offline=site_url.startswith("file:")) as guard:
        guard.page.add_init_script(ORDER)
        guard.page.goto(search_url(site_url, "Одақ"))
        guard.page.wait_for_selector(".archive-search__results[aria-busy=false]", state="attached")
        order = guard.page.evaluate("window.__order")
        assert order.index("meta") < order.index("results area")
        assert order.index("rows") < order.index("results area")
        # The full texts and the snippets wait for the first results.
        assert order.index("results area") < order.index("full")
        assert order.index("results area") < order.index("docs")
        assert not guard.errors
        guard.clean()


def test_with_a_query_the_first_frame_already_shows_the_results(browser: Any, site_url: str) -> None:
    with guarded(browser, site_url, offline=site_url.startswith("file:")) as guard:
        page = guard.page
        page.add_init_script(FIRST_FRAME)

        # The metadata shard comes late: the page waits for it rather than draw itself without
        # its results first.
        def late(route: Any) -> None:
            time.sleep(0.5)
            route.continue_()

        page.route("**/search/meta/**", late)
        page.goto(search_url(site_url, "Одақ"))
        page.wait_for_function("window.__firstFrame !== undefined")
        assert page.evaluate("window.__firstFrame") == 1
        assert page.evaluate("document.querySelectorAll('script[blocking]').length") > 0
        # Without a query nothing is waited for: the page shows what to type.
        page.goto(f"{site_url}/search/index.html")
        page.wait_for_function("window.__firstFrame !== undefined")
        assert page.evaluate("document.querySelectorAll('script[blocking]').length") == 0
        assert page.inner_text(".archive-search__status")
        assert not guard.errors
        guard.clean()


def test_an_archive_with_several_files_of_rows_is_painted_before_its_results(
    browser: Any, site_url: str, built_site: Path
) -> None:
    with guarded(browser, site_url, offline=site_url.startswith("file:")) as guard:
        page = guard.page

        # The search page of an archive whose rows come in two files (more than 1,000 papers).
        def two_files(route: Any) -> None:
            html = (built_site / "search" / "index.html").read_text(encoding="utf-8")
            assert '"rows":1,' in html
            route.fulfill(body=html.replace('"rows":1,', '"rows":2,'), content_type="text/html; charset=utf-8")

        page.route("**/search/index.html*", two_files)
        page.route("**/search/rows/1.js*", lambda route: route.abort())
        page.goto(search_url(site_url, "Одақ"))
        page.wait_for_selector(".archive-search__item")
        assert page.evaluate("document.querySelectorAll('script[blocking]').length") == 0
        guard.clean()


def test_the_first_results_need_no_snippet_file(browser: Any, site_url: str) -> None:
    with guarded(browser, site_url, offline=site_url.startswith("file:")) as guard:
        page = guard.page
        blocked: list[str] = []

        def block(route: Any) -> None:
            blocked.append(route.request.url)
            route.abort()

        page.route("**/search/docs/**", block)
        page.goto(search_url(site_url, "Одақ"))
        page.wait_for_selector(".archive-search__results[aria-busy=false]", state="attached")
        assert blocked, "the snippets' file was never asked for"
        item = result_text(page, ".archive-search__item")
        assert "Ұлыбритания және Еуропалық Одақ" in item
        assert "Ерғалиева Айша Айтжанқызы" in item and "2020" in item and "Қазақша" in item
        assert page.locator(".archive-search__snippet").count() == 0
        assert "1" in page.inner_text(".archive-search__status")
        # With the file there, the snippet and the title in English are shown.
        page.unroute("**/search/docs/**")
        page.goto(search_url(site_url, "Одақ"))
        page.wait_for_selector(".archive-search__results[aria-busy=false]", state="attached")
        assert page.locator(".archive-search__snippet").count() == 1
        assert "United Kingdom" in result_text(page, ".archive-search__translation")
        guard.clean()


def test_the_passage_shown_is_where_the_most_query_words_are(browser: Any, site_url: str) -> None:
    """A paper's text is long; its result shows one passage, cut at spaces: the one that holds
    the most of the query's words, not the first place one of them is found."""
    filler = " ".join(f"word{n}" for n in range(1500))
    text = f"{filler} monitoring alone {filler} the image of constant monitoring {filler}"
    with guarded(browser, site_url, offline=site_url.startswith("file:")) as guard:
        page = guard.page
        asked: list[str] = []

        def long_text(route: Any) -> None:
            name = re.search(r"search/(text/[0-9]+)[.]js", route.request.url)
            assert name is not None
            asked.append(name[1])
            body = f"archiveSearch.receive({json.dumps(name[1])},{json.dumps(json.dumps(text))});"
            route.fulfill(body=body, content_type="text/javascript; charset=utf-8")

        page.route("**/search/text/*", long_text)
        page.goto(search_url(site_url, "monitoring image"))
        page.wait_for_selector(".archive-search__results[aria-busy=false]", state="attached")
        assert len(asked) == 1
        snippet = result_text(page, ".archive-search__snippet")
        assert "the image of constant monitoring" in snippet and "alone" not in snippet
        assert snippet.startswith("… word") and snippet.endswith(" …")
        assert len(snippet) <= 400 + len("… ") + len(" …")
        marks = page.eval_on_selector_all(".archive-search__snippet mark", "els => els.map(e => e.textContent)")
        assert marks == ["image", "monitoring"]
        # A result its metadata matched shows its abstract, and no text is asked for.
        page.goto(search_url(site_url, "Одақ"))
        page.wait_for_selector(".archive-search__results[aria-busy=false]", state="attached")
        assert len(asked) == 1
        guard.clean()
