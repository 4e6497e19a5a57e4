"""The theme stage: generated pages skip Python-Markdown (theme_hook.py), and a large site is
built by two MkDocs processes whose output is the site one process makes (engine.py)."""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import subprocess
import types
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

from build_tools import engine, theme_hook
from build_tools.pipeline import CONFIG, build, mkdocs_config, read_settings
from build_tools.render.base import front_matter_value

FIXTURE = Path(__file__).parent / "fixtures" / "archive"


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def sitemap_urls(text: str) -> list[str]:
    return re.findall(r"<loc>(.*?)</loc>", text)


def test_split_build_makes_the_same_site_as_one_process(
    built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[list[str]] = []
    real = subprocess.Popen

    def popen(command: list[str], **options: object) -> subprocess.Popen[str]:
        started.append(command)
        return real(command, **options)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(engine, "SPLIT_FROM", 1)
    monkeypatch.setattr(engine.subprocess, "Popen", popen)
    site = tmp_path / "site"
    build(FIXTURE, site, quiet=True, strict=True)

    assert len(started) == 2, "the theme stage ran in one process"
    one, two = files_of(built_site), files_of(site)
    assert sorted(one) == sorted(two)
    sitemaps = {"sitemap.xml", "sitemap.xml.gz"}
    assert [path for path in one if path not in sitemaps and one[path] != two[path]] == []
    single = one["sitemap.xml"].decode()
    split = two["sitemap.xml"].decode()
    assert sorted(sitemap_urls(split)) == sorted(sitemap_urls(single))
    assert len(set(sitemap_urls(split))) == len(sitemap_urls(split))
    assert gzip.decompress(two["sitemap.xml.gz"]).decode() == split
    # Nothing of the second build is left beside the site.
    assert not (site.parent / "build" / "theme-split").exists()


def test_merged_sitemap_keeps_the_main_entries_first_and_adds_the_missing_ones() -> None:
    def sitemap(*locs: str) -> str:
        entries = "".join(f"\n    <url>\n         <loc>{loc}</loc>\n    </url>" for loc in locs)
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset>{entries}\n</urlset>'

    merged = engine.merge_sitemaps(sitemap("a/", "b/"), sitemap("b/", "c/", "d/"))
    assert sitemap_urls(merged) == ["a/", "b/", "c/", "d/"]
    assert merged.endswith("</urlset>")


def test_generated_pages_are_marked_and_their_html_read_without_front_matter() -> None:
    text = '---\nhtml: true\ntitle: "A --- B"\n---\n\n<article>\n<h1>A</h1>\n</article>\n'
    assert theme_hook.is_finished(text)
    assert theme_hook.page_html(text) == "<article>\n<h1>A</h1>\n</article>"
    assert not theme_hook.is_finished("---\ntitle: Format\n---\n\n# Format\n")
    assert not theme_hook.is_finished("# html: true\n")


@pytest.mark.parametrize("title", ["Country\x7f image", "a\x9bb", "x\ufffey", 'q"<>&\\', "Ұлыбритания 😀"])
def test_any_title_survives_the_front_matter_and_a_lost_one_stops_the_build(title: str) -> None:
    """MkDocs reads back every value the render writes into a page's front matter; a page whose
    front matter it could not read would go through Markdown, and the hook refuses it."""
    text = f"---\nhtml: true\ntitle: {front_matter_value(title)}\n---\n\n<p>x</p>\n"
    body, meta = get_data(text)
    assert meta == {"html": True, "title": html.escape(title, quote=True)}
    assert body == "<p>x</p>\n"
    lost = types.SimpleNamespace(meta={}, file=types.SimpleNamespace(src_uri="a/index.md"))
    with pytest.raises(PluginError, match=r"^a/index\.md: its front matter cannot be read"):
        theme_hook.on_page_markdown("---\nhtml: true\ntitle: x\x7f\n---\n\n<p>x</p>\n", lost, None, None)


def test_finished_pages_go_to_the_theme_as_written(built_site: Path) -> None:
    # Markdown would have turned the text of an HTML block's last line into a paragraph and
    # the works-cited headings carry the ids written for them, not slugs made by Markdown.
    source = (built_site.parent / "build" / "docs" / "works-cited" / "index.md").read_text(encoding="utf-8")
    assert theme_hook.is_finished(source)
    html = (built_site / "works-cited" / "index.html").read_text(encoding="utf-8")
    assert theme_hook.page_html(source) in html


def test_pages_linked_from_hand_written_pages_are_built_with_them(tmp_path: Path) -> None:
    from build_tools.pipeline import CONFIG, generate

    config = tmp_path / "mkdocs.yml"
    config.write_text(CONFIG.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "docs" / "notes").mkdir(parents=True)
    note = "# Notes\n\nSee [a paper](../2020-ir-001/index.md) and [the format](<../format.md>).\n"
    (tmp_path / "docs" / "notes" / "index.md").write_text(note, encoding="utf-8")
    generated = generate(FIXTURE, tmp_path / "work", config)
    assert "2020-ir-001/index.md" not in generated.apart
    assert "2020-ir-002/index.md" in generated.apart
    assert "people/index.md" not in generated.apart  # named by the nav


def test_a_json_file_holding_a_tag_is_never_put_inline(tmp_path: Path) -> None:
    from mkdocs.exceptions import PluginError

    safe, unsafe = tmp_path / "safe.json", tmp_path / "unsafe.json"
    safe.write_text('{"title": "\\u003c/script>"}', encoding="utf-8")
    unsafe.write_text('{"title": "</script><script>alert(1)</script>"}', encoding="utf-8")
    assert theme_hook.inline_json(safe) == safe.read_text(encoding="utf-8")
    with pytest.raises(PluginError, match=r"unsafe\.json"):
        theme_hook.inline_json(unsafe)
    assert theme_hook.inline_json(tmp_path / "missing.json") == ""


@pytest.mark.parametrize("only", [True, False])
def test_each_of_two_builds_keeps_its_own_files(tmp_path: Path, only: bool) -> None:
    from mkdocs.structure.files import File, Files

    paths = ["index.md", "a/index.md", "b/index.md", "a/a.bib", "assets/x.css"]
    files = Files([File(path, str(tmp_path), str(tmp_path / "site"), use_directory_urls=True) for path in paths])
    part = {"pages": ["a/index.md", "index.md"], "only": only}
    kept = theme_hook.on_files(files, {"extra": {theme_hook.PART: part}})
    expected = ["index.md", "a/index.md"] if only else ["b/index.md", "a/a.bib", "assets/x.css"]
    assert [file.src_uri for file in kept] == expected
    whole = Files([File(path, str(tmp_path), str(tmp_path / "site"), use_directory_urls=True) for path in paths])
    assert len(theme_hook.on_files(whole, {"extra": {}})) == len(paths)


@pytest.mark.parametrize("directory_urls", [True, False])
def test_sidebars_rendered_once_per_folder_are_those_rendered_for_each_page(
    tmp_path: Path, directory_urls: bool
) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from build_tools.pipeline import CONFIG, generate, mkdocs_config

    generated = generate(FIXTURE, tmp_path / "work", directory_urls=directory_urls)
    settings = {"use_directory_urls": directory_urls}
    config_file = str(mkdocs_config(tmp_path / "work", generated.settings, CONFIG, **settings))
    sites = {}
    for reuse in (False, True):
        config = load_config(config_file, site_dir=str(tmp_path / f"site-{reuse}"))
        (hook,) = config.hooks.values()  # the hook module as MkDocs loaded it
        with pytest.MonkeyPatch.context() as patch:
            if not reuse:
                patch.setattr(hook, "_sidebars_key", lambda page: None)
            mkdocs_build(config)
        sites[reuse] = files_of(tmp_path / f"site-{reuse}")
    assert hook._sidebars, "no page's sidebars were reused"
    assert sorted(sites[True]) == sorted(sites[False])
    assert [path for path in sites[True] if sites[True][path] != sites[False][path]] == []


def test_downloads_are_linked_into_the_site_not_copied(built_site: Path) -> None:
    docs = built_site.parent / "build" / "docs"
    downloads = [p for p in docs.rglob("*") if p.is_file() and p.suffix in {".bib", ".ris", ".json", ".js"}]
    assert len(downloads) > 10
    for source in downloads:
        relative = source.relative_to(docs)
        assert os.path.samefile(source, built_site / relative), relative
    # Pages are rendered, not linked.
    assert not os.path.samefile(docs / "2020-ir-001" / "index.md", built_site / "2020-ir-001" / "index.html")


def test_templates_are_kept_compiled_for_the_next_build(built_site: Path, tmp_path: Path) -> None:
    """MkDocs compiles the theme's templates at each build; the builds keep them compiled in the
    work folder's cache, and a config with `extra` of its own (serve's) keeps the cache too."""
    cache = built_site.parent / "build" / "cache" / "templates"
    kept = sorted(p.name for p in cache.iterdir())
    assert len(kept) > 10 and all(name.startswith("__jinja2_") for name in kept)
    settings, _ = read_settings(CONFIG)
    assert settings is not None
    path = mkdocs_config(tmp_path, settings, CONFIG, extra={"archive_serve": {"papers": "p"}})
    extra = json.loads(path.read_text(encoding="utf-8").split("\n", 1)[1])["extra"]
    cached = str((tmp_path / "cache" / "templates").resolve())
    assert extra == {theme_hook.TEMPLATE_CACHE: cached, "archive_serve": {"papers": "p"}}
