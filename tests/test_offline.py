"""The offline edition (`build --offline`): one zip that, unpacked anywhere and opened from disk
with the network off, works whole: pages, links, downloads and search, with nothing requested
from another host. Browsed in headless Chromium with the context offline and every request
that is not `file://` aborted and recorded."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browsing import guarded
from bs4 import BeautifulSoup

from build_tools.linkcheck import check_links
from build_tools.offline import OfflineResult, build_offline, write_zip
from build_tools.pipeline import CONFIG, read_settings

FIXTURE = Path(__file__).parent / "fixtures" / "archive"
# <link rel=...> values that make the browser fetch the URL.
LOADING_RELS = {"stylesheet", "icon", "shortcut", "preload", "modulepreload", "prefetch", "manifest", "preconnect",
                "dns-prefetch", "apple-touch-icon", "mask-icon"}  # fmt: skip
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


@dataclass(frozen=True)
class Edition:
    result: OfflineResult
    output: str
    """What the build printed."""
    root: Path
    """The unpacked edition's top folder."""


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Edition:
    tmp = tmp_path_factory.mktemp("offline")
    stream = io.StringIO()
    result = build_offline(FIXTURE, tmp / "dist" / "archive-offline.zip", work=tmp / "work", stream=stream)
    # Unpacked somewhere else than it was built, as a reader would.
    unpacked = tmp / "usb stick"
    with zipfile.ZipFile(result.zip_path) as archive:
        archive.extractall(unpacked)
    return Edition(result, stream.getvalue(), unpacked / result.folder)


def test_one_zip_with_one_top_folder_and_its_size_per_paper_printed(edition: Edition) -> None:
    result = edition.result
    size = result.zip_path.stat().st_size
    assert result.papers == 4 and result.zip_bytes == size
    with zipfile.ZipFile(result.zip_path) as archive:
        names = archive.namelist()
    assert {name.split("/", 1)[0] for name in names} == {"archive-offline"}
    assert "archive-offline/index.html" in names and "archive-offline/2020-ir-001/index.html" in names
    # For a web server only: its links start at the root, the root of the reader's drive.
    assert "archive-offline/404.html" not in names and "archive-offline/sitemap.xml" not in names
    last = edition.output.strip().splitlines()[-1]
    assert f"{size:,} bytes" in last and f"{size / 4 / 1024:,.1f} KB per paper" in last, last


def test_every_link_names_a_file_that_is_there(edition: Edition) -> None:
    """The whole edition, as read from disk: a link to a folder would show a file listing."""
    assert check_links(edition.root, files_only=True) == []
    paper = BeautifulSoup((edition.root / "2020-ir-001" / "index.html").read_text(encoding="utf-8"), "html.parser")
    volume_links = [str(a["href"]) for a in paper.select("a[href]") if "volumes/" in str(a["href"])]
    assert volume_links and all(href.endswith("/index.html") for href in volume_links), volume_links


def test_the_web_sites_folder_links_would_fail_from_disk(built_site: Path) -> None:
    """The check above can fail: the web edition's links name folders."""
    problems = check_links(built_site, files_only=True)
    by_page = {p.path.relative_to(built_site).as_posix(): p.message for p in problems}
    assert "names a folder" in by_page["2020-ir-001/index.html"], by_page
    assert "points at the disk's root" in by_page["404.html"], by_page


def test_citing_shows_the_web_permanent_url(edition: Edition) -> None:
    settings, _ = read_settings(CONFIG)
    assert settings is not None
    paper = BeautifulSoup((edition.root / "2020-ir-001" / "index.html").read_text(encoding="utf-8"), "html.parser")
    permalink = paper.select_one("a.ir-paper__permalink")
    assert permalink is not None and permalink["href"] == f"{settings.site.url}2020-ir-001/"
    assert str(settings.site.url) + "2020-ir-001/" in (edition.root / "2020-ir-001" / "2020-ir-001.bib").read_text()


def _remote(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def test_no_page_or_stylesheet_loads_anything_from_another_host(edition: Edition) -> None:
    found = []
    for path in sorted(edition.root.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = path.relative_to(edition.root)
        for tag in soup.select("script[src], img[src], iframe[src], source[src], video[src], audio[src], embed[src]"):
            if _remote(str(tag["src"])):
                found.append(f"{where}: <{tag.name} src={tag['src']}>")
        for tag in soup.select("[srcset]"):
            found += [f"{where}: srcset {url}" for url in str(tag["srcset"]).split(",") if _remote(url.split()[0])]
        for tag in soup.select("link[href]"):
            rels = {str(r).lower() for r in tag.get("rel") or []}
            if rels & LOADING_RELS and _remote(str(tag["href"])):
                found.append(f"{where}: <link rel={sorted(rels)} href={tag['href']}>")
        for tag in soup.select("style"):
            found += [f"{where}: <style> {m}" for m in CSS_URL.findall(tag.get_text()) if _remote(m[0] or m[1])]
    for path in sorted(edition.root.rglob("*.css")):
        text = path.read_text(encoding="utf-8")
        found += [f"{path.name}: {m}" for m in CSS_URL.findall(text) if _remote(m[0] or m[1])]
    assert not found, found


def _follow_download(page: Any, link: Any) -> str:
    """Clicks a download link; the file's text. Chromium saves it, or, from `file://` where the
    `download` attribute does not apply, shows it as a text page: either way the reader has it."""
    downloads: list[Any] = []
    page.on("download", lambda download: downloads.append(download))
    link.click()
    for _ in range(50):
        if downloads:
            return Path(downloads[0].path()).read_text(encoding="utf-8")
        if urlsplit(page.url).path.endswith(".bib"):
            text: str = page.locator("body").inner_text()
            return text
        page.wait_for_timeout(100)
    raise AssertionError(f"the link led nowhere: {page.url}")


def test_browsing_from_disk_with_the_network_off(browser: Any, edition: Edition) -> None:
    """Home -> a volume -> a paper -> its BibTeX, a person, a UDC class; and a search from the
    header. Every page is reached by clicking its link, as a reader would."""
    from playwright.sync_api import expect

    with guarded(browser) as guard:
        page = guard.page
        page.goto((edition.root / "index.html").as_uri())
        assert page.locator("h1").first.is_visible()

        page.locator('article a[href="volumes/2020-ir/index.html"]').first.click()
        page.wait_for_url("**/volumes/2020-ir/index.html")
        page.get_by_role("link", name="Country image as an element of soft power").click()
        page.wait_for_url("**/2020-ir-001/index.html")
        expect(page.locator("article h1")).to_have_text("Country image as an element of soft power")

        text = _follow_download(page, page.locator('a[href="2020-ir-001.bib"]').first)
        assert text.lstrip().startswith("@inproceedings{2020-ir-001,"), text
        assert 'title = "{Country image as an element of soft power}"' in text, text
        page.go_back()

        page.locator("article").get_by_role("link", name="Bodenova Alsina").first.click()
        page.wait_for_url("**/people/bodenova-a/index.html")
        expect(page.locator("h1")).to_have_text("Боденова Алсина")
        page.get_by_role("link", name="Country image as an element of soft power").first.click()
        page.locator("article").get_by_role("link", name="327.8").first.click()
        page.wait_for_url("**/udc/327.8/index.html")
        expect(page.get_by_role("link", name="Country image as an element of soft power").first).to_be_visible()

        search = page.locator("header").get_by_role("searchbox")
        search.fill("soft power")
        search.press("Enter")
        # The list is redrawn until the full-text matches are in (aria-busy false).
        page.locator(".archive-search__results[aria-busy=false] a").first.wait_for(timeout=20_000)
        page.locator("#archive-search").get_by_role("link", name=re.compile("Country image")).first.click()
        page.wait_for_url("**/2020-ir-001/index.html")
        guard.clean()
        assert not guard.errors, guard.errors


def test_the_zip_is_the_same_for_the_same_files_and_leaves_out_what_needs_a_server(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text("home", encoding="utf-8")
    (site / "a" / "index.html").write_text("a", encoding="utf-8")
    (site / "404.html").write_text("not found", encoding="utf-8")
    (site / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    first, second = tmp_path / "1" / "e.zip", tmp_path / "2" / "e.zip"
    write_zip(site, first, "e", 1_600_000_000)
    (site / "a" / "index.html").touch()  # a later mtime must not change the zip
    write_zip(site, second, "e", 1_600_000_000)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == ["e/a/index.html", "e/index.html"]
        assert archive.getinfo("e/index.html").date_time == (2020, 9, 13, 12, 26, 40)
    assert [p.name for p in first.parent.iterdir()] == ["e.zip"], "no temporary file is left"
