from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browsing import chromium, serve

from build_tools import urlguard
from build_tools.problems import Severity

SITE_URL = "https://archive.example.org/"


def make_site(site: Path, files: list[str]) -> Path:
    for name in files:
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<!doctype html><title>{name}</title>", encoding="utf-8")
    return site


SITE = [
    "index.html",
    "404.html",
    "assets/stylesheets/main.css",
    "search/index.js",
    "contributing/index.html",
    "2020-ir-001/index.html",
    "2020-ir-001/2020-ir-001.bib",
    "2020-ir-001/2020-ir-001.pdf",
    "2020-ir-002/index.html",
    "2020-ir-002/2020-ir-002.bib",
    "volumes/index.html",
    "volumes/2020-ir/index.html",
    "people/bodenova-a/index.html",
    "udc/327.8/index.html",
    "languages/en/index.html",
    "archive.bib",
]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site", SITE)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A repository root that has published nothing yet."""
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / urlguard.PUBLISHED_FILE).write_text(urlguard.HEADER, encoding="utf-8")
    return tmp_path / "repo"


def published(root: Path) -> list[str]:
    return urlguard.read_published(root / urlguard.PUBLISHED_FILE)


def test_permanent_urls_are_the_archives_pages_and_downloads(site: Path) -> None:
    assert sorted(urlguard.site_urls(site)) == [
        "/2020-ir-001/",
        "/2020-ir-001/2020-ir-001.bib",
        "/2020-ir-001/2020-ir-001.pdf",
        "/2020-ir-002/",
        "/2020-ir-002/2020-ir-002.bib",
        "/archive.bib",
        "/languages/en/",
        "/people/bodenova-a/",
        "/udc/327.8/",
        "/volumes/",
        "/volumes/2020-ir/",
    ]


def test_build_adds_new_urls_sorted_and_is_stable(site: Path, root: Path) -> None:
    (root / urlguard.PUBLISHED_FILE).write_text(urlguard.HEADER + "/volumes/\n", encoding="utf-8")
    assert urlguard.guard(site, root) == []
    text = (root / urlguard.PUBLISHED_FILE).read_text(encoding="utf-8")
    assert text.startswith(urlguard.HEADER)
    assert published(root) == sorted(urlguard.site_urls(site))
    assert urlguard.guard(site, root) == []
    assert (root / urlguard.PUBLISHED_FILE).read_text(encoding="utf-8") == text


def test_a_vanished_url_fails_the_build_and_names_it(site: Path, root: Path) -> None:
    urlguard.guard(site, root)
    before = (root / urlguard.PUBLISHED_FILE).read_text(encoding="utf-8")
    for name in ("2020-ir-002/index.html", "2020-ir-002/2020-ir-002.bib"):
        (site / name).unlink()
    (site / "2020-ir-003").mkdir()
    (site / "2020-ir-003" / "index.html").write_text("new", encoding="utf-8")
    problems = urlguard.guard(site, root)
    lines = before.splitlines()
    assert [(p.path.name, p.position.line if p.position else 0, p.field) for p in problems] == [
        (urlguard.PUBLISHED_FILE, lines.index("/2020-ir-002/") + 1, "url"),
        (urlguard.PUBLISHED_FILE, lines.index("/2020-ir-002/2020-ir-002.bib") + 1, "url"),
    ]
    assert problems[0].message.startswith("/2020-ir-002/ was published and is gone")
    assert "redirects.yml" in problems[0].message
    assert all(p.severity is Severity.ERROR for p in problems)
    # A failed build records nothing, not even the new page.
    assert (root / urlguard.PUBLISHED_FILE).read_text(encoding="utf-8") == before


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refresh: str | None = None
        self.canonical: str | None = None
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("http-equiv") == "refresh":
            self.refresh = values.get("content")
        elif tag == "link" and values.get("rel") == "canonical":
            self.canonical = values.get("href")
        elif tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")


def redirect_target(site: Path, source: str) -> tuple[Path, str | None, list[str]]:
    """Where the page left at `source` sends a reader: the file its refresh resolves to."""
    head = _Head()
    head.feed(urlguard.file_of(site, source).read_text(encoding="utf-8"))
    match = re.fullmatch(r"0; url=(.+)", head.refresh or "")
    assert match, head.refresh
    page = urlguard.file_of(site, source)
    assert head.links == [match.group(1)]
    return (page.parent / match.group(1)).resolve(), head.canonical, head.links


def test_redirect_entries_keep_old_urls_working(site: Path, root: Path) -> None:
    urlguard.guard(site, root)
    # 2020-ir-002 turned out to be a duplicate of 2020-ir-001 and was removed.
    for name in ("2020-ir-002/index.html", "2020-ir-002/2020-ir-002.bib"):
        (site / name).unlink()
    (root / urlguard.REDIRECTS_FILE).write_text(
        "redirects:\n"
        "  - from: /2020-ir-002/\n"
        "    to: /2020-ir-001/\n"
        "  - {from: /2020-ir-002/2020-ir-002.bib, to: /2020-ir-001/2020-ir-001.bib}\n",
        encoding="utf-8",
    )
    assert urlguard.guard(site, root, SITE_URL) == []
    target, canonical, _ = redirect_target(site, "/2020-ir-002/")
    assert target == (site / "2020-ir-001" / "index.html").resolve()
    assert target.is_file()
    assert canonical == "https://archive.example.org/2020-ir-001/"
    copied = site / "2020-ir-002" / "2020-ir-002.bib"
    assert copied.read_bytes() == (site / "2020-ir-001" / "2020-ir-001.bib").read_bytes()
    assert "/2020-ir-002/" in published(root)


def test_a_moved_page_takes_its_downloads_along(site: Path, root: Path) -> None:
    urlguard.guard(site, root)
    for name in ("2020-ir-002/index.html", "2020-ir-002/2020-ir-002.bib"):
        (site / name).unlink()
    (root / urlguard.REDIRECTS_FILE).write_text("redirects:\n  - {from: /2020-ir-002/, to: /2020-ir-001/}\n")
    assert urlguard.guard(site, root) == []
    copied = site / "2020-ir-002" / "2020-ir-002.bib"
    assert copied.read_bytes() == (site / "2020-ir-001" / "2020-ir-001.bib").read_bytes()
    # A file with no counterpart beside the new page is still reported (in a fresh build).
    shutil.rmtree(site / "2020-ir-002")
    listed = root / urlguard.PUBLISHED_FILE
    listed.write_text(listed.read_text(encoding="utf-8") + "/2020-ir-002/2020-ir-002.pdf\n", encoding="utf-8")
    (site / "2020-ir-001" / "2020-ir-001.pdf").unlink()
    problems = urlguard.guard(site, root)
    assert [p.message.split(" ")[0] for p in problems] == [
        "/2020-ir-001/2020-ir-001.pdf",
        "/2020-ir-002/2020-ir-002.pdf",
    ]


@pytest.mark.parametrize(
    ("entries", "field", "message"),
    [
        ("  - {from: /2020-ir-009/, to: /2020-ir-404/}\n", "redirect", "the target /2020-ir-404/ is not in the site"),
        ("  - {from: /2020-ir-001/, to: /2020-ir-002/}\n", "redirect", "/2020-ir-001/ is still published by the site"),
        ("  - {from: /2020-ir-009/, to: 2020-ir-001}\n", "redirects[0].to", "'2020-ir-001' is not a URL of this site"),
        ("  - {from: /2020-ir-009/, to: /archive.bib}\n", "redirects[0].to", "a page must move to a page"),
        ("  - {from: /2020-ir-009/}\n", "redirects[0]", "an entry is `from: <old URL>` and `to: <new URL>`"),
        (
            "  - {from: /2020-ir-009/, to: /2020-ir-008/}\n  - {from: /2020-ir-008/, to: /2020-ir-001/}\n",
            "redirect",
            "/2020-ir-008/ is itself redirected",
        ),
    ],
)
def test_bad_redirect_entries_are_reported_at_their_line(
    site: Path, root: Path, entries: str, field: str, message: str
) -> None:
    (root / urlguard.REDIRECTS_FILE).write_text("# moved pages\nredirects:\n" + entries, encoding="utf-8")
    problems = urlguard.guard(site, root)
    assert [(p.path.name, p.position.line if p.position else 0, p.field) for p in problems] == [
        (urlguard.REDIRECTS_FILE, 3, field)
    ]
    assert problems[0].message.startswith(message)
    assert not (site / "2020-ir-009").exists()


def test_no_published_list_means_nothing_to_guard(site: Path, tmp_path: Path) -> None:
    assert urlguard.guard(site, tmp_path) == []
    assert not (tmp_path / urlguard.PUBLISHED_FILE).exists()


def test_the_repository_lists_are_well_formed() -> None:
    root = Path(__file__).parent.parent
    urls = published(root)
    assert urls == sorted(set(urls))
    assert all(urlguard.PERMANENT.match(url) for url in urls)
    _, problems = urlguard.load_redirects(root / urlguard.REDIRECTS_FILE)
    assert problems == []


# --- the redirect page in a real browser, over http and from file:// ----------------------------


@pytest.fixture(scope="module")
def redirected_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("redirected")
    site = make_site(base / "site", ["2020-ir-001/index.html", "2020-ir-002/index.html"])
    root = base / "repo"
    root.mkdir()
    (root / urlguard.PUBLISHED_FILE).write_text("/2020-ir-001/\n/2020-ir-002/\n", encoding="utf-8")
    (site / "2020-ir-002" / "index.html").unlink()
    (root / urlguard.REDIRECTS_FILE).write_text(
        "redirects:\n  - {from: /2020-ir-002/, to: /2020-ir-001/}\n", encoding="utf-8"
    )
    assert urlguard.guard(site, root, SITE_URL) == []
    return site


@pytest.fixture(scope="module")
def server(redirected_site: Path) -> Iterator[str]:
    with serve(redirected_site) as url:
        yield url


def test_redirect_page_works_in_a_browser_over_http_and_offline(redirected_site: Path, server: str) -> None:
    with chromium() as browser:
        page = browser.new_page(java_script_enabled=False)
        for start in (f"{server}/2020-ir-002/", (redirected_site / "2020-ir-002" / "index.html").as_uri()):
            page.goto(start)
            page.wait_for_url(re.compile(r".*/2020-ir-001/(index\.html)?$"), timeout=5000)
            assert page.title() == "2020-ir-001/index.html"


# --- the guard inside the real build ----------------------------------------------------------

ROOT = Path(__file__).parent.parent


def test_build_fails_naming_a_vanished_url_and_keeps_the_old_site(fixture_archive: Path, tmp_path: Path) -> None:
    from build_tools.pipeline import BuildError, build

    shutil.copytree(fixture_archive, tmp_path / "papers")
    (tmp_path / urlguard.PUBLISHED_FILE).write_text(
        urlguard.HEADER + "/2020-ir-009/\n/2020-ir-009/2020-ir-009.bib\n", encoding="utf-8"
    )
    site = tmp_path / "site"
    with pytest.raises(BuildError) as failed:
        build(tmp_path / "papers", site, work=tmp_path / "build", quiet=True)
    assert [(p.path.name, p.field) for p in failed.value.problems] == [(urlguard.PUBLISHED_FILE, "url")] * 2
    assert failed.value.problems[0].message.startswith("/2020-ir-009/ was published and is gone")
    assert not site.exists()

    # The paper was merged into 2020-ir-001: with a redirect entry the build passes.
    (tmp_path / urlguard.REDIRECTS_FILE).write_text(
        "redirects:\n  - {from: /2020-ir-009/, to: /2020-ir-001/}\n", encoding="utf-8"
    )
    build(tmp_path / "papers", site, work=tmp_path / "build", quiet=True)
    target, canonical, _ = redirect_target(site, "/2020-ir-009/")
    assert target == (site / "2020-ir-001" / "index.html").resolve()
    assert canonical == "https://ir-archive.example.org/2020-ir-001/"
    bib = (site / "2020-ir-001" / "2020-ir-001.bib").read_bytes()
    assert (site / "2020-ir-009" / "2020-ir-009.bib").read_bytes() == bib
    recorded = published(tmp_path)
    assert "/2020-ir-009/" in recorded and "/2020-ir-001/" in recorded and "/people/bodenova-a/" in recorded
    assert recorded == sorted(recorded)


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's archive, list and redirects, built in a copy so the test writes nothing here."""
    from build_tools.pipeline import build

    root = tmp_path_factory.mktemp("repository")
    shutil.copytree(ROOT / "papers", root / "papers")
    for name in (urlguard.PUBLISHED_FILE, urlguard.REDIRECTS_FILE):
        shutil.copyfile(ROOT / name, root / name)
    build(root / "papers", root / "site", work=root / "build", quiet=True)
    return root


def test_repository_build_keeps_every_url_it_has_published(repository: Path) -> None:
    # The build passed the guard (the fixture would have raised otherwise); here: nothing the
    # committed list holds is missing from the site, served or redirected. New URLs may be added
    # by the build: committing them is what a pull request's `git diff --exit-code` step checks.
    committed = published(ROOT)
    assert committed, "the archive has published URLs"
    recorded = published(repository)
    assert set(committed) <= set(recorded)
    served = urlguard.site_urls(repository / "site")
    assert [url for url in committed if url not in served] == [], "every listed URL is served or redirected"


def test_each_redirect_entry_of_the_repository_works(repository: Path) -> None:
    redirects, problems = urlguard.load_redirects(ROOT / urlguard.REDIRECTS_FILE)
    assert problems == []
    site = repository / "site"
    for redirect in redirects:
        assert redirect.source in published(repository), redirect.source
        target_file = urlguard.file_of(site, redirect.target)
        assert target_file.is_file(), redirect.target
        if redirect.is_page:
            target, _, _ = redirect_target(site, redirect.source)
            assert target == target_file.resolve(), redirect
        else:
            assert urlguard.file_of(site, redirect.source).read_bytes() == target_file.read_bytes()
