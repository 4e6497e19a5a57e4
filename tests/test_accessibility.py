"""Accessibility of the built site in each interface language it can be built with (kk, ru, en):
axe-core (npm, pinned in package-lock.json) finds no serious or critical violation on the
home, volume, paper, person, UDC, language and search pages; and search works from the
keyboard alone. Each site is served over http on loopback, as readers get it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import AXE, chromium, guarded, result_text, serve

from build_tools.model import LANGUAGES
from build_tools.pipeline import CONFIG, build, read_settings

FIXTURE = Path(__file__).parent / "fixtures" / "archive"
PAGES = {
    "home": "",
    "volume": "volumes/2020-ir/",
    "paper": "2020-ir-001/",
    "paper in Kazakh": "2020-ir-002/",
    "person": "people/bodenova-a/",
    "people": "people/",
    "UDC class": "udc/327.8/",
    "UDC": "udc/",
    "language": "languages/kk/",
    "search": "search/?q=soft+power",
}
BLOCKING = {"serious", "critical"}
RUN_AXE = """async () => {
  const found = await axe.run(document, {resultTypes: ["violations"]});
  return found.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + ": " + (n.failureSummary || "")),
  }));
}"""


@pytest.fixture(scope="module")
def sites(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Base URL of the fixture site served in each interface language (the default one is the
    session's `built_site`, the others are built here)."""
    settings, _ = read_settings(CONFIG)
    assert settings is not None
    folders = {}
    for language in LANGUAGES:
        if language == settings.site.language:
            folders[language] = built_site
        else:
            # A folder of its own per build: the generated docs go beside the site.
            folders[language] = tmp_path_factory.mktemp(f"site-{language}") / "site"
            build(FIXTURE, folders[language], quiet=True, language=language)
    with serve(folders["kk"]) as kk, serve(folders["ru"]) as ru, serve(folders["en"]) as en:
        yield {"kk": kk, "ru": ru, "en": en}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci` at the repository's root"
    with chromium() as browser:
        yield browser


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_serious_or_critical_violation(browser: Any, sites: dict[str, str], language: str) -> None:
    base = sites[language]
    found: list[str] = []
    with guarded(browser, base, offline=False) as guard:
        page = guard.page
        for name, url in PAGES.items():
            page.goto(f"{base}/{url}")
            assert page.locator("html").get_attribute("lang") == language, name
            if name == "search":
                _results_settled(page)
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate(RUN_AXE)
            found += [
                f"{name} ({url}): {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])
                for v in violations
                if v["impact"] in BLOCKING
            ]
        guard.clean()
    assert not found, "\n".join(found)


def _results_settled(page: Any) -> None:
    """Waits for the search's results, full-text matches included (the list is redrawn until then)."""
    page.locator(".archive-search__results[aria-busy=false] a").first.wait_for(timeout=20_000)


def _tab_to(page: Any, selector: str, limit: int = 40) -> None:
    """Presses Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_from_the_keyboard_alone(browser: Any, sites: dict[str, str], language: str) -> None:
    """Tab to the header's search box on a paper page, type, Enter; Tab to the first result,
    Enter opens the paper."""
    base = sites[language]
    with guarded(browser, base, offline=False) as guard:
        page = guard.page
        page.goto(f"{base}/volumes/2021-ir/")
        _tab_to(page, "header input[type=search]")
        page.keyboard.type("soft power")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search/**")
        _results_settled(page)
        assert "soft power" in result_text(page, ".archive-search__results a")
        # One result: no "show more" button for the keyboard to stop at.
        assert page.locator(".archive-search__results a").count() == 1
        assert not page.locator(".archive-search__more").is_visible()
        _tab_to(page, ".archive-search__results a")
        target = page.evaluate("document.activeElement.getAttribute('href')")
        # The list is redrawn when matches arrive (here: the same query again): focus stays put.
        page.locator("header input[type=search]").dispatch_event("input")
        page.wait_for_timeout(400)
        _results_settled(page)
        assert page.evaluate("document.activeElement.getAttribute('href')") == target
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/{target.strip('./')}/")
        assert page.locator("article h1").inner_text() == "Country image as an element of soft power"
        guard.clean()
