"""The theme stage: MkDocs (or ProperDocs) with mkdocs-material turns the docs folder into the site.

MkDocs renders one page after another, about 8 ms of CPU each, which makes the theme stage the
longest one of a large archive. Given pages that need nothing from the others (`apart`: the
generated paper, person and class pages, which are out of the nav and finished HTML), the stage
runs two builds of the same docs folder at once: the main one has every file but a share of
`apart` (SECOND_SHARE); the second has that share and the pages the nav names (so that its
pages get the same sidebar). Each build's config names the other's pages, which theme_hook.py
leaves out of its files (`theme_hook.PART`). The second build's pages then join the main site,
and its sitemap entries the main sitemap.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Collection
from pathlib import Path

from .problems import ArchiveError, Problem
from .theme_hook import PART

ENGINES = ("mkdocs", "properdocs")

SECOND_SHARE = 0.55
"""The share of `apart` built by the second build. The main build also renders the pages that
are not apart and writes the sitemap: at 1,000 papers, with half each it took 7.4 s and the
second 5.0 s; with three fifths to the second, 5.8-6.0 s and 7.5-7.9 s."""

SPLIT_FROM = 400
"""Fewer pages apart than this build in one process: a second build costs about 2 s to start."""


class ThemeError(ArchiveError):
    """MkDocs failed; `problems` holds its last lines."""


def _run(engine: str, config: Path, site: Path, epoch: int, strict: bool) -> subprocess.Popen[str]:
    # A command line, not the Python API: SOURCE_DATE_EPOCH is set for this build alone. ProperDocs
    # reads the same config and finds mkdocs-material through the `mkdocs.themes` entry point,
    # which it reads besides its own `properdocs.themes` (properdocs/utils/__init__.py, get_themes).
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", engine, "build", "--clean", "-f", str(config), "-d", str(site)]
    command += ["--strict"] if strict else []
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _finish(process: subprocess.Popen[str], engine: str, config: Path) -> list[str]:
    output, _ = process.communicate()
    lines = output.splitlines()
    if process.returncode != 0:
        raise ThemeError([Problem(config, None, "", f"{engine} build failed:\n" + "\n".join(lines[-30:]))])
    return [line for line in lines if line.startswith(("WARNING", "ERROR"))]


_URL = re.compile(r"\s*<url>.*?</url>", re.DOTALL)
_LOC = re.compile(r"<loc>(.*?)</loc>")


def merge_sitemaps(main: str, other: str) -> str:
    """`main` with the <url> entries of `other` that it lacks added at its end, in their order."""
    known = set(_LOC.findall(main))
    extra = [entry for entry in _URL.findall(other) if _LOC.search(entry) and _LOC.findall(entry)[0] not in known]
    end = main.rindex("</urlset>")
    return main[:end].rstrip("\n") + "".join(extra) + "\n" + main[end:]


def _join(site: Path, second: Path, pages: Collection[str], epoch: int) -> None:
    """Move the second build's `pages` into `site` and merge the sitemaps."""
    for page in pages:
        html = str(Path(page).with_suffix(".html"))
        (site / html).parent.mkdir(parents=True, exist_ok=True)
        os.replace(second / html, site / html)
    sitemap, theirs = site / "sitemap.xml", second / "sitemap.xml"
    if sitemap.is_file() and theirs.is_file():
        merged = merge_sitemaps(sitemap.read_text(encoding="utf-8"), theirs.read_text(encoding="utf-8"))
        sitemap.write_text(merged, encoding="utf-8")
        # As MkDocs writes it: the build's timestamp in the header, so that builds are reproducible.
        with (
            open(site / "sitemap.xml.gz", "wb") as raw,
            gzip.GzipFile(fileobj=raw, filename=str(site / "sitemap.xml.gz"), mode="wb", mtime=epoch) as packed,
        ):
            packed.write(merged.encode("utf-8"))


def run(
    engine: str,
    config: Path,
    site: Path,
    epoch: int,
    strict: bool = False,
    apart: Collection[str] = (),
    nav: Collection[str] = (),
) -> list[str]:
    """Build `config` into `site`; MkDocs' warnings are returned. With `strict`, a warning (a broken
    link between pages, say) fails the build. `apart` (docs-relative `.md` paths) may be built
    in a second process; `nav` are the pages the nav names, which that process needs too."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}")
    if len(apart) < SPLIT_FROM or (os.cpu_count() or 1) < 2:
        return _finish(_run(engine, config, site, epoch, strict), engine, config)

    # The generated config (pipeline.mkdocs_config): a comment line, then JSON.
    settings = json.loads(config.read_text(encoding="utf-8").split("\n", 1)[1])
    # SECOND_SHARE of `apart`, taken evenly along its sorted paths, so that each kind of page
    # (papers, people, classes) is shared alike.
    second_pages = [page for n, page in enumerate(sorted(apart)) if int((n + 1) * SECOND_SHARE) > int(n * SECOND_SHARE)]
    work = config.parent / "theme-split"
    work.mkdir(exist_ok=True)
    second_site = work / "site-2"
    configs = []
    parts = (("mkdocs-1.yml", second_pages, False), ("mkdocs-2.yml", [*second_pages, *nav], True))
    for name, pages, only in parts:
        path = work / name
        extra = {**settings.get("extra", {}), PART: {"pages": pages, "only": only}}
        path.write_text("# Generated by build_tools/engine.py\n" + json.dumps({**settings, "extra": extra}))
        configs.append(path)
    # The second build is never strict: the nav's hand-written pages are there without the files
    # they link to. Its own pages are finished HTML, which MkDocs has no links to check in, so
    # only warnings about them are kept; the main build checks the nav's pages.
    second = _run(engine, configs[1], second_site, epoch, strict=False)
    try:
        warnings = _finish(_run(engine, configs[0], site, epoch, strict), engine, config)
        warnings += [w for w in _finish(second, engine, config) if any(p in w for p in second_pages)]
        _join(site, second_site, second_pages, epoch)
    finally:
        if second.poll() is None:
            second.kill()
            second.wait()
        shutil.rmtree(work, ignore_errors=True)
    return list(dict.fromkeys(warnings))
