"""Hostile input never reaches a reader. The archive in fixtures/hostile/ puts script, event
handlers, `javascript:` links, frames, SVG and hiding styles into every field a contributor
writes; it builds, and in Chromium no payload runs and its text stays visible. What cannot be
made harmless by rendering (an SVG file, YAML aliases and object tags) stops `build` before
anything is written. The decision per construct is in build_tools/markdown.py's docstring."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from browsing import guarded, result_text
from bs4 import BeautifulSoup

from build_tools.__main__ import main
from build_tools.linkcheck import check_links
from build_tools.pipeline import build

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
DOCS = Path(__file__).parent.parent / "docs"


def _built_from(markdown: Path) -> str:
    """The HTML file MkDocs makes of a hand-written page: `a/b.md` -> `a/b/index.html`."""
    parts = markdown.relative_to(DOCS).with_suffix("").parts
    return "/".join((*(parts[:-1] if parts[-1] == "index" else parts), "index.html"))


HAND_WRITTEN = {_built_from(markdown) for markdown in DOCS.rglob("*.md")}
PAPER = "2022-ir-001"
# Built pages a hostile value reaches, by site-relative URL.
PAGES = [
    "",
    f"{PAPER}/",
    "volumes/2022-ir/",
    "people/",
    "people/evil-author/",
    "people/evil-supervisor/",
    "udc/327.8/",
    "languages/en/",
    "works-cited/",
]
# Text of the paper that a payload tries to hide; each must stay visible.
VISIBLE = [
    "Visible opening paragraph.",
    "Hidden by a style attribute",
    "A paragraph with attributes",
    "Visible closing paragraph.",
    "<script>window.__pwned = 'script'",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("hostile") / "site"
    build(HOSTILE, site, quiet=True)
    return site


def test_no_built_page_has_active_markup_from_a_contributor(hostile_site: Path) -> None:
    """Static view of what the browser test shows: no frame, object, handler or script URL in
    any page; a script element holding a payload is JSON data, never code."""
    found = []
    for path in sorted(hostile_site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = path.relative_to(hostile_site)
        # The maintainers' own pages (docs/) may align table cells with a style attribute.
        trusted = where.as_posix() in HAND_WRITTEN
        for tag in soup.find_all(True):
            # The theme uses none of these, so any one of them came from a contributor.
            if tag.name in {"iframe", "object", "embed", "style", "frame", "base"}:
                found.append(f"{where}: <{tag.name}>")
            if tag.name == "form" and tag.find_parent(class_="md-content") is not None:
                found.append(f"{where}: <form> in the page's content")
            for name, value in tag.attrs.items():
                text = (" ".join(value) if isinstance(value, list) else str(value)).strip().lower()
                if name.startswith("on") or name in {"srcdoc", "formaction"} or (name == "style" and not trusted):
                    found.append(f"{where}: <{tag.name} {name}>")
                if name in {"href", "src", "data", "action"} and text.startswith(("javascript:", "data:")):
                    found.append(f"{where}: <{tag.name} {name}={text!r}>")
            data = tag.get("type") in {"application/ld+json", "application/json"}
            if tag.name == "script" and "__pwned" in tag.get_text() and not data:
                found.append(f"{where}: <script> with a payload")
    assert not found, found


def test_every_internal_link_of_the_hostile_site_resolves(hostile_site: Path) -> None:
    assert check_links(hostile_site) == []


@pytest.mark.parametrize("url", PAGES)
def test_no_injected_script_runs_and_no_dialog_opens(browser: Any, hostile_site: Path, url: str) -> None:
    with guarded(browser) as guard:
        page = guard.page
        page.goto((hostile_site / url / "index.html").as_uri())
        page.wait_for_load_state("load")
        # Handlers bound to the pointer would fire here, if any had survived.
        page.mouse.move(200, 200)
        page.mouse.move(600, 500)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.title() != "pwned"
        assert "Hostile" in page.title() or url != f"{PAPER}/"
        guard.clean()
        assert not guard.errors, guard.errors


def test_hostile_text_stays_visible_on_the_paper_page(browser: Any, hostile_site: Path) -> None:
    with guarded(browser) as guard:
        page = guard.page
        page.goto((hostile_site / PAPER / "index.html").as_uri())
        heading = page.locator("article h1")
        assert heading.is_visible()
        assert "</script><script>window.__pwned='title'</script>" in heading.inner_text()
        for text in VISIBLE:
            assert page.get_by_text(text, exact=False).first.is_visible(), text
        # The payloads' link texts are there, and link nowhere dangerous.
        for name in ("HTML link", "Upper-case scheme", "entity scheme", "data URL", "reference link"):
            link = page.get_by_text(name, exact=True).first
            assert link.is_visible(), name
            href = link.evaluate("e => e.closest('a') ? e.closest('a').href : ''")
            assert not href.lower().startswith(("javascript:", "data:")), (name, href)
        assert page.locator("iframe, object, embed, article svg").count() == 0
        guard.clean()


def test_hostile_names_stay_text_on_the_person_page(browser: Any, hostile_site: Path) -> None:
    with guarded(browser) as guard:
        page = guard.page
        page.goto((hostile_site / "people" / "evil-author" / "index.html").as_uri())
        assert "Evil <img src=x onerror=window.__pwned='person'> Author" in page.locator("h1").inner_text()
        assert page.evaluate("typeof window.__pwned") == "undefined"
        guard.clean()


def _copy(tmp_path: Path) -> Path:
    papers = tmp_path / "papers"
    shutil.copytree(HOSTILE, papers)
    return papers


def _build_fails(papers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    """Runs `build` on `papers` over an existing site; asserts it fails and leaves the site as it was."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the old site", encoding="utf-8")
    code = main(["build", "--papers", str(papers), "--site", str(site), "--quiet", *extra])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the old site"
    assert not (tmp_path / "offline.zip").exists()
    return err


@pytest.mark.parametrize("offline", [False, True])
def test_an_svg_file_in_a_paper_folder_stops_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], offline: bool
) -> None:
    papers = _copy(tmp_path)
    svg = papers / "2022-ir" / PAPER / "figure.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>window.__pwned=1</script></svg>')
    err = _build_fails(papers, tmp_path, capsys, *(["--offline", str(tmp_path / "offline.zip")] if offline else []))
    line = next(row for row in err.splitlines() if row.startswith(str(svg)))
    assert "unexpected file in a paper folder (SVG may carry scripts" in line, err


def test_a_yaml_alias_bomb_stops_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    papers = _copy(tmp_path)
    paper_yml = papers / "2022-ir" / PAPER / "paper.yml"
    lines = paper_yml.read_text(encoding="utf-8").splitlines()
    bomb = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    bomb += [f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]" for n in range(8)]
    keywords = next(n for n, line in enumerate(lines) if line.startswith("keywords:"))
    lines[keywords + 1] = "  en: *i"
    paper_yml.write_text("\n".join(bomb + lines) + "\n", encoding="utf-8")
    err = _build_fails(papers, tmp_path, capsys)
    assert f"{paper_yml}:1:4: a: anchors (&a) are not allowed" in err, err
    line = len(bomb) + keywords + 2
    assert f"{paper_yml}:{line}:7: keywords.en: aliases (*i) are not allowed" in err, err


def test_an_object_constructing_yaml_tag_stops_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    papers = _copy(tmp_path)
    marker = tmp_path / "constructed"
    people = papers / "people.yml"
    text = people.read_text(encoding="utf-8")
    tag = f'!!python/object/apply:os.system ["touch {marker}"]'
    people.write_text(text.replace(", Evil Author]", f", {tag}, Evil Author]"), encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "Evil Author]" in row)
    err = _build_fails(papers, tmp_path, capsys)
    assert f"{people}:{line}:" in err and "!!python/object/apply:os.system" in err, err
    assert not marker.exists()


@pytest.mark.parametrize("linked", ["paper.md", "fig.png", "paper folder", "people.yml", "volume.yml"])
def test_a_symbolic_link_stops_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str], linked: str) -> None:
    """A link in papers/ could publish any file of the machine that builds the site: none is
    followed, whatever it points at."""
    papers = _copy(tmp_path)
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "key.txt").write_text("the build machine's secret", encoding="utf-8")
    folder = papers / "2022-ir" / PAPER
    if linked == "paper folder":
        link = papers / "2022-ir" / "2022-ir-009"
        shutil.copytree(folder, secret / "2022-ir-009")
        link.symlink_to(secret / "2022-ir-009")
    else:
        link = {"people.yml": papers / "people.yml", "volume.yml": papers / "2022-ir" / "volume.yml"}.get(
            linked, folder / linked
        )
        target = secret / link.name
        if link.exists():
            shutil.move(link, target)
        else:
            target.write_bytes(b"\x89PNG\r\n\x1a\n")
        link.symlink_to(target)
    err = _build_fails(papers, tmp_path, capsys)
    assert f"{link}:1:1: (file): is a symbolic link; put the file or folder itself here" in err, err
    assert "the build machine's secret" not in err


@pytest.mark.parametrize("escape", ["\\x7f", "\\x9b", "\\x00", "\\ufffe"])
def test_an_escaped_control_character_stops_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], escape: str
) -> None:
    """A double-quoted YAML string can hold any character as an escape. A DEL in a title once
    made MkDocs drop the page's front matter, so that Markdown in the title became live markup."""
    papers = _copy(tmp_path)
    paper_yml = papers / "2022-ir" / PAPER / "paper.yml"
    text = paper_yml.read_text(encoding="utf-8")
    title = '  ru: "Враждебный <style>*{display:none}</style> заголовок"'
    assert title in text
    hostile = f'  ru: "Заголовок{escape} ![i](fig.png){{: onload=window.__pwned=1 }}"'
    paper_yml.write_text(text.replace(title, hostile), encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row == title)
    err = _build_fails(papers, tmp_path, capsys)
    code = f"U+{int(escape[2:], 16):04X}"
    expected = f"{paper_yml}:{line}:7: title.ru: character {code} (a control character or a noncharacter)"
    assert f"{expected} is not allowed" in err, err


@pytest.mark.parametrize("query", ["Hostile", "Evil", "script"])
def test_search_results_for_hostile_values_stay_text(browser: Any, hostile_site: Path, query: str) -> None:
    """The search index is data: titles, names and snippets with markup are shown as text."""
    with guarded(browser) as guard:
        page = guard.page
        page.goto((hostile_site / "search" / "index.html").as_uri() + f"?q={query}")
        page.locator(".archive-search__results[aria-busy=false] li").first.wait_for(timeout=20_000)
        text = result_text(page, ".archive-search__results li")
        assert "Hostile </script><script>window.__pwned='title'</script>" in text, text
        assert "Evil <img src=x onerror=window.__pwned='person'> Author" in text, text
        assert page.locator(".archive-search__results script, .archive-search__results img").count() == 0
        page.mouse.move(300, 300)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        guard.clean()
        assert not guard.errors, guard.errors
