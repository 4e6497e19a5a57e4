"""The cite box in a real browser: copy buttons copy the citation; without JavaScript the box is
still text and links, with no dead buttons."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import serve

GOST_START = "Иванов, С. П. Региональные конфликты в Центральной Азии / С. П. Иванов //"


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


def test_copy_buttons_copy_each_citation(browser: Any, server: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(f"{server}/2020-ir-003/")
        gost = page.locator('button[data-cite-copy="cite-2020-ir-003-gost"]')
        gost.wait_for(state="visible", timeout=5000)
        gost.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith(GOST_START)
        assert copied.endswith("2020. – С. 21–24.")
        page.wait_for_function(
            "document.querySelector('button[data-cite-copy=\"cite-2020-ir-003-gost\"]').textContent === 'Скопировано'",
            timeout=5000,
        )
        page.locator('button[data-cite-copy="cite-2020-ir-003-bibtex"]').click()
        bibtex = page.evaluate("navigator.clipboard.readText()")
        assert bibtex.startswith("@inproceedings{2020-ir-003,")
        assert 'title = "{Региональные конфликты в Центральной Азии}"' in bibtex
    finally:
        context.close()


def test_copy_works_from_a_page_opened_from_disk(browser: Any, built_site: Path) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto((built_site / "2020-ir-003" / "index.html").as_uri())
        button = page.locator('button[data-cite-copy="cite-2020-ir-003-apa"]')
        button.wait_for(state="visible", timeout=5000)
        button.click()
        page.wait_for_function(
            "document.querySelector('button[data-cite-copy=\"cite-2020-ir-003-apa\"]')"
            ".getAttribute('data-copied') === 'true'",
            timeout=5000,
        )
    finally:
        context.close()


def test_without_javascript_the_box_is_text_and_links(browser: Any, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{server}/2020-ir-003/")
        assert page.locator("#cite-2020-ir-003-gost").inner_text().startswith(GOST_START)
        assert page.locator("button[data-cite-copy]").count() == 3
        for button in page.locator("button[data-cite-copy]").all():
            assert not button.is_visible()
        download = page.locator('.cite-box__downloads a[href="2020-ir-003.ris"]')
        assert download.is_visible()
        response = page.request.get(f"{server}/2020-ir-003/2020-ir-003.ris")
        assert response.ok and response.text().startswith("TY  - CPAPER")
    finally:
        context.close()
