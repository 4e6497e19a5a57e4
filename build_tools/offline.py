"""The offline edition: the whole archive in one zip, for a USB stick or a computer with no network.

Unpacked anywhere and opened from disk (`file://`), every page, link, download and the search
work, and nothing is loaded from another host. How it differs from the web build:

- Links name files. A browser reading files from disk shows a folder's listing, not its
  `index.html`, so the same generated docs are rendered with links that name `index.html`
  (`Site.directory_urls` False for the archive's own pages, MkDocs' `use_directory_urls: false`
  for the theme's). The files sit where the web build puts them (`<paper-id>/index.html`), so
  the two editions have the same layout; only a hand-written page not named index.md
  (docs/contributing/fields.md) becomes `fields.html` instead of `fields/index.html`.
- The permanent URLs shown for citing stay the web ones (`site_url` + paper id): a citation
  must point at the published archive, not at a file on one reader's disk. (Only the theme's
  `<link rel="canonical">`, which no reader sees or loads, ends in `index.html`.)
- Otherwise the pages are the web ones: the site already loads no fonts or scripts from another host (`font:
  false`, Material's assets are files of the site) and the search index is a set of script files
  that load from disk (build_tools/search/).
- The permanent-URL guard (urlguard) does not run: the offline edition is not published at URLs.
- The files only a web server or a search engine uses (404 page, sitemaps) are left out.

The zip has one top folder named after it, so unpacking never scatters files; its entries are
sorted and dated by the archive (SOURCE_DATE_EPOCH), so two builds give the same bytes. It is
written beside its final place and renamed, so a failed build leaves the old zip as it was.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .model import Language
from .pipeline import CONFIG, Progress, generate, mkdocs_config, run_theme, source_date

DEFAULT_ZIP = Path("dist") / "archive-offline.zip"
ZIP_EPOCH = 315_532_800
"""1980-01-01: the earliest date a zip entry can carry."""
COMPRESSION = 6
"""zlib's default level: at 1,000 papers, level 9 took twice as long (28 s against 15 s) for a
zip 1% smaller."""
LEFT_OUT = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz"})
"""Files for a web server and search engines: no use from disk (404.html's links start at the
root, which from disk is the root of the reader's drive)."""


@dataclass(frozen=True)
class OfflineResult:
    papers: int
    pages: int
    seconds: float
    zip_path: Path
    zip_bytes: int
    folder: str
    """The zip's top folder: the edition opens at `<folder>/index.html`."""

    @property
    def bytes_per_paper(self) -> float:
        return self.zip_bytes / self.papers if self.papers else 0.0

    def summary(self) -> str:
        return (
            f"offline edition: {self.papers} papers, {self.pages} pages in {self.seconds:.1f} s; "
            f"{self.zip_path}: {self.zip_bytes:,} bytes, {self.bytes_per_paper / 1024:,.1f} KB per paper; "
            f"open {self.folder}/index.html after unpacking"
        )


def build_offline(
    papers: Path,
    zip_path: Path = DEFAULT_ZIP,
    *,
    config: Path = CONFIG,
    work: Path | None = None,
    engine: str = "mkdocs",
    quiet: bool = False,
    stream: TextIO | None = None,
    language: Language | None = None,
    strict: bool = False,
) -> OfflineResult:
    """papers/ -> the offline edition at `zip_path`. The generated docs and the rendered site go
    to `work` (default: a temporary folder). Raises pipeline.BuildError with every problem;
    `zip_path` is then left untouched."""
    if work is None:
        with tempfile.TemporaryDirectory(prefix="offline-") as temporary:
            return build_offline(
                papers, zip_path, config=config, work=Path(temporary), engine=engine,
                quiet=quiet, stream=stream, language=language, strict=strict,
            )  # fmt: skip
    start = time.perf_counter()
    progress = Progress(quiet=quiet, stream=stream or sys.stderr)
    generated = generate(papers, work, config, progress, language, directory_urls=False)
    mkdocs_yml = mkdocs_config(work, generated.settings, config, name="mkdocs.yml", use_directory_urls=False)
    progress.say(f"theme rendering: {engine} with mkdocs-material, {generated.pages} pages, offline links...")
    site = work / "site"
    epoch = source_date(generated.catalog)
    for line in run_theme(engine, mkdocs_yml, site, epoch, strict, generated.apart, generated.settings.nav):
        progress.say(line)
    progress.done("theme rendering", engine)
    folder = zip_path.name.removesuffix(".zip")
    size = write_zip(site, zip_path, folder, epoch)
    progress.done("zip", f"{size:,} bytes")
    result = OfflineResult(
        len(generated.catalog.papers), generated.pages, time.perf_counter() - start, zip_path, size, folder
    )
    progress.say(result.summary())
    return result


def write_zip(site: Path, zip_path: Path, folder: str, epoch: int) -> int:
    """Every file of `site` but those LEFT_OUT, under `folder/`, in a new zip at `zip_path`;
    its size in bytes."""
    stamp = time.gmtime(max(epoch, ZIP_EPOCH))[:6]
    zip_path.absolute().parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{zip_path.name}.", dir=zip_path.absolute().parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESSION) as archive:
            for path in sorted(p for p in site.rglob("*") if p.is_file()):
                if path.relative_to(site).as_posix() in LEFT_OUT:
                    continue
                entry = zipfile.ZipInfo(f"{folder}/{path.relative_to(site).as_posix()}", date_time=stamp)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                archive.writestr(entry, path.read_bytes(), compresslevel=COMPRESSION)
        os.chmod(temporary, 0o644)
        os.replace(temporary, zip_path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return zip_path.stat().st_size


__all__ = ["DEFAULT_ZIP", "OfflineResult", "build_offline", "write_zip"]
