"""build(): the stages of a build, in order.

    load & validate   papers/ -> Catalog, every problem collected; any error stops here
    render            Catalog -> Markdown pages (render/), PDFs and images to copy
    bibliography      citation exports and pages (bibliography/)
    search            the search index (search/)
    write             build/docs/ = docs/ + everything above, only changed files rewritten
    theme rendering   MkDocs (or ProperDocs) with mkdocs-material (engine.py, theme_hook.py):
                      build/docs/ -> a fresh folder, swapped into site/ on success

Nothing is written before every input has been read and checked, so a bad paper never leaves a
half-written docs folder or site (MkDocs gathers all pages before rendering any, the same way).

On a large archive the work is spread over the cores: papers are read, rendered and exported in
forked workers (parallel.py), the search index is made in a process of its own beside them, and
the theme stage runs as two MkDocs builds (engine.py).
"""

from __future__ import annotations

import calendar
import json
import os
import posixpath
import re
import shutil
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO, get_args

import yaml

from . import bibliography, parallel, render, search, theme_hook, urlguard, write
from .cache import Cache
from .catalog import Catalog
from .engine import ThemeError
from .engine import run as run_engine
from .load import load_archive
from .markdown import EmailMode
from .model import LANGUAGES, Language
from .problems import ArchiveError, Problem, has_errors
from .render.base import Site

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
THEME_HOOK = Path(__file__).with_name("theme_hook.py")
GENERATED = "generated"
"""The file of the work folder that `python -m build_tools generate` touches once it has written
the docs folder: `serve` watches it, not the thousands of files of the docs folder."""


class BuildError(ArchiveError):
    """The build stopped; `problems` says why. Nothing was written to the site."""


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for the few settings pages need; MkDocs' Python tags stay unresolved."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)


@dataclass(frozen=True)
class Settings:
    """What the build takes from mkdocs.yml."""

    site: Site
    docs: Path
    """The hand-written pages."""
    theme_dir: Path | None
    """`theme.custom_dir`, absolute (the generated config lives elsewhere)."""
    nav: tuple[str, ...] = ()
    """The pages the nav names (docs-relative paths)."""
    names: dict[str, str] = field(default_factory=dict)
    """The site's name in other interface languages than mkdocs.yml's (`extra.site_names`)."""

    def in_language(self, language: Language) -> Settings:
        """These settings for a build whose interface is in `language`."""
        name = self.names.get(language, self.site.name)
        return replace(self, site=replace(self.site, language=language, name=name))


def _nav_pages(nav: object) -> list[str]:
    """The page paths in MkDocs' `nav` setting: strings, lists and `title: page` mappings."""
    if isinstance(nav, str):
        return [] if "://" in nav else [nav]
    if isinstance(nav, list):
        return [page for item in nav for page in _nav_pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    return []


def read_settings(config: Path) -> tuple[Settings | None, list[Problem]]:
    def problem(field: str, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(config, None, field, message)]

    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError) as error:
        return problem("", f"cannot read the site settings: {error}")
    if not isinstance(data, dict):
        return problem("", "the site settings must be a mapping")
    theme: dict[str, Any] = data["theme"] if isinstance(data.get("theme"), dict) else {}
    extra: dict[str, Any] = data["extra"] if isinstance(data.get("extra"), dict) else {}
    url = str(data.get("site_url") or "")
    if not url.startswith(("http://", "https://")):
        return problem("site_url", "set the site's address (https://...): permanent URLs are made from it")
    language = theme.get("language", "en")
    if language not in LANGUAGES:
        return problem("theme.language", f"{language!r}: the interface language must be one of {', '.join(LANGUAGES)}")
    emails = extra.get("show_emails", "hidden")
    if emails not in get_args(EmailMode):
        return problem("extra.show_emails", f"{emails!r}: write `hidden` or `obfuscated`")
    names = extra.get("site_names") or {}
    if not isinstance(names, dict) or not all(lang in LANGUAGES and isinstance(n, str) for lang, n in names.items()):
        return problem("extra.site_names", "give the site's name by interface language: kk, ru or en")
    custom = theme.get("custom_dir")
    site = Site(url.rstrip("/") + "/", str(data.get("site_name") or ""), language, emails)
    docs = config.parent / str(data.get("docs_dir") or "docs")
    theme_dir = config.parent / custom if custom else None
    settings = Settings(site, docs, theme_dir, tuple(_nav_pages(data.get("nav"))), names)
    return settings.in_language(language), []


@dataclass(frozen=True)
class StageReport:
    name: str
    seconds: float
    detail: str


@dataclass
class Progress:
    """Tells what each stage did and how long it took, as it goes (silent when `quiet`)."""

    quiet: bool = False
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    stages: list[StageReport] = field(default_factory=list)
    _mark: float = field(default_factory=time.perf_counter)

    def done(self, name: str, detail: str) -> None:
        now = time.perf_counter()
        report = StageReport(name, now - self._mark, detail)
        self.stages.append(report)
        self._mark = now
        if not self.quiet:
            print(f"{name}: {detail} ({report.seconds:.2f} s)", file=self.stream, flush=True)

    def say(self, line: str) -> None:
        if not self.quiet:
            print(line, file=self.stream)


@dataclass(frozen=True)
class Generated:
    """The docs folder made from the archive."""

    catalog: Catalog
    settings: Settings
    pages: int
    changes: write.Changes
    apart: tuple[str, ...] = ()
    """Generated pages out of the nav and finished HTML, which the theme may build apart."""


@dataclass(frozen=True)
class BuildResult:
    papers: int
    pages: int
    seconds: float
    site_bytes: int
    stages: tuple[StageReport, ...]

    def summary(self, site: Path) -> str:
        return (
            f"built {self.papers} papers, {self.pages} pages in {self.seconds:.1f} s; "
            f"site {self.site_bytes / 1e6:.1f} MB in {site}"
        )


def _hand_written(docs: Path) -> dict[str, Path]:
    if not docs.is_dir():
        return {}
    return {
        p.relative_to(docs).as_posix(): p
        for p in sorted(docs.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(docs).parts)
    }


def _merge(
    sources: Mapping[str, Mapping[str, write.Content]], docs: Path
) -> tuple[dict[str, write.Content], list[Problem]]:
    """All files of the docs folder; one path from two sources is a problem (listed, not raised)."""
    out: dict[str, write.Content] = {}
    owner: dict[str, str] = {}
    problems = []
    for source, files in sources.items():
        for path, content in files.items():
            if path in owner:
                where = docs / path if "docs/" in (owner[path], source) else Path(path)
                problems.append(Problem(where, None, "", f"{path} is made by both {owner[path]} and {source}"))
                continue
            owner[path] = source
            out[path] = content
    return out, problems


# From this many papers the search index is made in a process of its own, beside the rendering.
SEARCH_ASIDE_FROM = 400


def _search_index(shared: tuple[Catalog, Cache, write.Stage]) -> tuple[dict[str, write.Content], Cache]:
    """The search index, written to the stage, and its cache of documents as the making left it
    (made in another process, what it used comes back, to be saved with this build)."""
    catalog, documents, stage = shared
    return search.files(catalog, documents, stage), documents


def generate(
    papers: Path,
    work: Path,
    config: Path = CONFIG,
    progress: Progress | None = None,
    language: Language | None = None,
    directory_urls: bool = True,
    search_later: bool = False,
) -> Generated:
    """Stages read to write: the archive under `papers` becomes `work/docs`. Raises BuildError
    with every problem before anything is written. `language` overrides `theme.language`;
    `directory_urls` False makes the pages' links name `index.html` (the offline edition).
    With `search_later`, the search index is left as it was, to be renewed by a later generation
    (`serve` shows an edited page first)."""
    progress = progress or Progress(quiet=True)
    loaded = Cache(work / "cache", "loaded-papers", at_once=True)
    archive, problems = load_archive(papers, kept=loaded)
    catalog, cross = Catalog.build(archive)
    settings, setting_problems = read_settings(config)
    problems += cross + setting_problems
    if has_errors(problems) or settings is None:
        raise BuildError(problems)
    if language is not None:
        settings = settings.in_language(language)
    settings = replace(settings, site=replace(settings.site, directory_urls=directory_urls))
    del archive  # the parsed YAML files it holds were needed only for the positions of problems
    progress.done(
        "load & validate",
        f"{len(catalog.papers)} papers, {len(catalog.volumes)} volumes, {len(catalog.people)} people "
        f"({loaded.misses} papers read, {loaded.hits} unchanged)",
    )

    # The search index needs only the catalog: on a large archive it is made in a second process
    # while this one renders pages and exports (read when the search stage reports).
    # Pages, downloads and the index wait on disk, not in memory, until they are written.
    stage = write.Stage(work / "stage")
    search_index = None
    if not search_later:
        documents = Cache(work / "cache", "search-documents", at_once=True)
        aside = len(catalog.papers) >= SEARCH_ASIDE_FROM
        search_index = parallel.Aside(_search_index, (catalog, documents, stage), aside)
    try:
        generated = _generate(catalog, settings, problems, work, progress, directory_urls, search_index, stage)
    finally:
        if search_index is not None:
            search_index.cancel()
        shutil.rmtree(stage.folder, ignore_errors=True)
    loaded.save()
    return generated


def _generate(
    catalog: Catalog,
    settings: Settings,
    problems: list[Problem],
    work: Path,
    progress: Progress,
    directory_urls: bool,
    search_index: parallel.Aside[tuple[dict[str, write.Content], Cache]] | None,
    stage: write.Stage,
) -> Generated:
    hand_written = _hand_written(settings.docs)
    paper_pages = Cache(work / "cache", "paper-pages", at_once=True)
    pages = render.pages(catalog, settings.site, paper_pages, stage)
    copies = render.copies(catalog)
    progress.done(
        "render",
        f"{len(pages)} pages ({paper_pages.misses} paper pages rendered, {paper_pages.hits} cached), "
        f"{len(copies)} files to copy",
    )

    bib_pages = bibliography.pages(catalog, language=settings.site.language, directory_urls=directory_urls)
    paper_exports = Cache(work / "cache", "paper-exports", at_once=True)
    bib_files = bibliography.files(catalog, site_url=settings.site.url, kept=paper_exports, stage=stage)
    progress.done(
        "bibliography",
        f"{len(bib_pages)} pages, {len(bib_files)} files ({paper_exports.misses} papers exported, "
        f"{paper_exports.hits} cached)",
    )

    documents: Cache | None = None
    search_files: Mapping[str, write.Content]
    if search_index is None:
        search_files = _search_files_in(work / "docs", hand_written)
        progress.done("search", f"{len(search_files)} files kept, to be renewed by the next whole generation")
    else:
        search_files, documents = search_index.result()
        progress.done(
            "search",
            f"{len(search_files)} files, {sum(map(_size, search_files.values()))} bytes "
            f"({documents.misses} papers indexed, {documents.hits} cached)",
        )

    files, clashes = _merge(
        {
            f"{settings.docs.name}/": hand_written,
            "build_tools/render": {**pages, **copies},
            "build_tools/bibliography/": {
                **bib_pages,
                **bib_files,
            },
            "build_tools/search/": search_files,
        },
        settings.docs,
    )
    if clashes:
        raise BuildError(problems + clashes)
    # Pages the nav names or a hand-written page links to are built with the hand-written pages,
    # where MkDocs checks those links.
    kept_together = set(settings.nav) | _linked_pages(hand_written)
    apart = tuple(p for p, page in pages.items() if p not in kept_together and theme_hook.is_finished(_head(page)))
    changes = write.sync(work / "docs", files, stage)
    paper_pages.save()
    paper_exports.save()
    if documents is not None:
        documents.save()
    progress.done("write", f"{changes.written} written, {changes.unchanged} unchanged, {changes.removed} removed")
    return Generated(catalog, settings, len(pages) + len(bib_pages), changes, apart)


def _size(content: write.Content) -> int:
    return content.stat().st_size if isinstance(content, Path) else len(content)


def _head(content: write.Content) -> str:
    """The first line or so of a page (read from its file when it is on the stage)."""
    if isinstance(content, Path):
        with content.open(encoding="utf-8", errors="replace") as page:
            return page.read(64)
    return content if isinstance(content, str) else content[:64].decode("utf-8", "replace")


_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)>\s#]+\.md)")


def _linked_pages(hand_written: Mapping[str, Path]) -> set[str]:
    """The docs paths of the Markdown pages that hand-written pages link to."""
    linked = set()
    for path, source in hand_written.items():
        if path.endswith(".md"):
            folder = posixpath.dirname(path)
            for target in _MARKDOWN_LINK.findall(source.read_text(encoding="utf-8")):
                if "://" not in target:
                    linked.add(posixpath.normpath(posixpath.join(folder, target)))
    return linked


SEARCH_FOLDER = "search/"
"""Where every file of the search index goes (build_tools/search/), beside the search page."""


def _search_files_in(docs: Path, hand_written: Mapping[str, Path]) -> dict[str, write.Content]:
    """The search index files of the last build, as they are in the docs folder."""
    folder = docs / SEARCH_FOLDER
    if not folder.is_dir():
        return {}
    found = (p.relative_to(docs).as_posix() for p in folder.rglob("*") if p.is_file())
    return {path: docs / path for path in found if path not in hand_written}


def mkdocs_config(
    work: Path, settings: Settings, config: Path, name: str | None = None, hooks: tuple[Path, ...] = (), **more: Any
) -> Path:
    """The config MkDocs builds with: the site's mkdocs.yml, with the generated docs folder and
    theme_hook.py (plus `hooks`). Paths are absolute, because MkDocs resolves them against the
    file that inherits."""
    data: dict[str, Any] = {
        "INHERIT": str(config.resolve()),
        "docs_dir": str((work / "docs").resolve()),
        "hooks": [str(hook) for hook in (THEME_HOOK, *hooks)],
        # MkDocs merges this into mkdocs.yml's `extra`.
        "extra": {theme_hook.TEMPLATE_CACHE: str((work / "cache" / "templates").resolve()), **more.pop("extra", {})},
    }
    # The interface language the pages were rendered in, so Material's strings match their labels,
    # and the site's name in it.
    data["site_name"] = settings.site.name
    theme: dict[str, Any] = {"language": settings.site.language}
    if settings.theme_dir is not None:
        theme["custom_dir"] = str(settings.theme_dir.resolve())
    data["theme"] = theme
    data.update(more)
    name = name or ("mkdocs.yml" if not (more or hooks) else "mkdocs-serve.yml")
    path = work / name
    text = "# Generated by build_tools/pipeline.py for each build; edit mkdocs.yml instead.\n" + json.dumps(
        data, indent=2, ensure_ascii=False
    )
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def source_date(catalog: Catalog) -> int:
    """The build's timestamp (sitemap dates, gzip headers): SOURCE_DATE_EPOCH if set, else the
    date of the newest volume, so two builds of the same archive are byte-identical."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    newest = max(catalog.volumes.values(), key=lambda v: (v.year, v.date or ""), default=None)
    if newest is None:
        return 0
    year, month, day = (newest.date or f"{newest.year}-01-01").split("-")
    return calendar.timegm((int(year), int(month), int(day), 0, 0, 0))


def run_theme(
    engine: str,
    config: Path,
    site: Path,
    epoch: int,
    strict: bool = False,
    apart: tuple[str, ...] = (),
    nav: tuple[str, ...] = (),
) -> list[str]:
    """The theme stage (engine.py): MkDocs' warnings; its failure is a BuildError."""
    try:
        return run_engine(engine, config, site, epoch, strict, apart, nav)
    except ThemeError as error:
        raise BuildError(error.problems) from None


def build(
    papers: Path,
    site: Path,
    *,
    config: Path = CONFIG,
    work: Path | None = None,
    engine: str = "mkdocs",
    quiet: bool = False,
    stream: TextIO | None = None,
    language: Language | None = None,
    strict: bool = False,
) -> BuildResult:
    """The whole build: papers/ -> `site`. The generated docs go to `work` (default: `build/`
    beside the site). Raises BuildError with every problem; `site` is then left untouched."""
    start = time.perf_counter()
    progress = Progress(quiet=quiet, stream=stream or sys.stderr)
    work = work if work is not None else site.absolute().parent / "build"
    generated = generate(papers, work, config, progress, language)
    mkdocs_yml = mkdocs_config(work, generated.settings, config)
    warnings: list[str] = []
    # The longest stage at scale: say that it started, so a long build is never silent.
    progress.say(f"theme rendering: {engine} with mkdocs-material, {generated.pages} pages...")

    def theme(into: Path) -> None:
        epoch = source_date(generated.catalog)
        warnings.extend(run_theme(engine, mkdocs_yml, into, epoch, strict, generated.apart, generated.settings.nav))
        # Before the new site replaces the old one: a published URL that vanished stops the build.
        moved = urlguard.guard(into, papers.absolute().parent, generated.settings.site.url)
        if has_errors(moved):
            raise BuildError(moved)

    write.publish(site, theme)
    for line in warnings:
        progress.say(line)
    site_bytes = write.size(site)
    progress.done("theme rendering", f"{engine}, {site_bytes / 1e6:.1f} MB")
    result = BuildResult(
        len(generated.catalog.papers), generated.pages, time.perf_counter() - start, site_bytes, tuple(progress.stages)
    )
    progress.say(result.summary(site))
    return result


def stages(result: BuildResult) -> Iterator[tuple[str, float]]:
    """(stage, seconds) of a finished build, for benchmarks."""
    for stage in result.stages:
        yield stage.name, stage.seconds
