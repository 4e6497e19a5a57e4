"""Writing the generated docs folder and swapping the built site into place.

`sync` writes only the files whose content changed and removes the stale ones, so an edit to
one paper rewrites one page (and `mkdocs serve` sees one change). A large archive's pages and
downloads wait for it in a `Stage`, on disk, not in memory. `publish` builds the site
into a temporary folder beside the target and swaps it in only when the build succeeded:
a failed build never leaves a half-written site.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

Content = bytes | str | Path
"""A file to write: its bytes, its text (encoded as UTF-8 only as it is compared and written,
one file at a time, so a large archive's pages are never held twice), or a file: a source copied
as it is, or one of a `Stage`, moved into place."""


@dataclass(frozen=True)
class Changes:
    written: int
    unchanged: int
    removed: int


def _same(target: Path, content: bytes | Path) -> bool:
    if not target.is_file():
        return False
    if isinstance(content, Path):
        # Copies keep their source's mtime (copy2), so size and mtime tell an unchanged copy.
        return filecmp.cmp(content, target, shallow=True)
    return target.stat().st_size == len(content) and target.read_bytes() == content


class Stage:
    """Generated files waiting on disk for `sync`, which moves the changed ones into place:
    `folder` is emptied, and is the caller's to remove once the files are synced."""

    def __init__(self, folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        self.folder = folder
        self._made = _Folders()

    def put(self, relative: str, content: str | bytes) -> Path:
        """Write `content` as `relative` (a docs path); returns the file, to give `sync`."""
        path = self.folder / relative
        self._made.make(path.parent)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    def files(self) -> set[str]:
        """The docs paths of the files here (put by this process or another)."""
        found = (os.path.join(root, name) for root, _, names in os.walk(self.folder) for name in names)
        return {Path(path).relative_to(self.folder).as_posix() for path in found}


class _Folders:
    """Folders made so far. A paper's page and downloads share a folder; asking the file system
    for it again for each of them cost 0.1 to 0.2 ms a time on this project's machines."""

    def __init__(self) -> None:
        self._made: set[Path] = set()

    def make(self, folder: Path) -> None:
        if folder not in self._made:
            folder.mkdir(parents=True, exist_ok=True)
            self._made.add(folder)


def held(stage: Stage | None, relative: str, content: str | bytes) -> Content:
    """What a generator gives for a file it made: `content` itself, or with `stage`, the file it
    was written to there (so that a large archive's files wait on disk, not in memory)."""
    return content if stage is None else stage.put(relative, content)


def update(folder: Path, files: Mapping[str, Content], stage: Stage | None = None) -> int:
    """Write each of `files` (paths relative to `folder`) that differs from what is there, and
    leave every other file alone; returns how many were written. A file of `stage` is moved,
    not copied."""
    written = 0
    folder.mkdir(parents=True, exist_ok=True)
    made = _Folders()
    for relative, content in sorted(files.items()):
        target = folder / relative
        data = content.encode("utf-8") if isinstance(content, str) else content
        if _same(target, data):
            continue
        made.make(target.parent)
        if isinstance(data, Path) and stage is not None and data.is_relative_to(stage.folder):
            os.replace(data, target)
        else:
            _replace(target, data)
        written += 1
    return written


def _replace(target: Path, data: bytes | Path) -> None:
    """`target` made anew with `data` (bytes, or a file's copy with its mtime): a new file put in
    its place, never the old one rewritten, since the site may hold the old one as a hard link
    (theme_hook.py)."""
    new = target.with_name(f".{target.name}.new")
    if isinstance(data, Path):
        shutil.copy2(data, new)
    else:
        new.write_bytes(data)
    os.replace(new, target)


def sync(folder: Path, files: Mapping[str, Content], stage: Stage | None = None) -> Changes:
    """Make `folder` hold exactly `files` (paths relative to it, `/`-separated); files of
    `stage` are moved into place."""
    if stage is not None and not folder.exists():
        staged = {relative for relative, content in files.items() if content == stage.folder / relative}
        if staged == stage.files():
            # A first build: the stage becomes the folder in one move, not a folder made and a
            # move for each file (about a millisecond each here: 3 s at 1,000 papers).
            folder.parent.mkdir(parents=True, exist_ok=True)
            stage.folder.rename(folder)
            stage.folder.mkdir()  # still the caller's to remove
            rest = {relative: content for relative, content in files.items() if relative not in staged}
            return Changes(len(staged) + update(folder, rest), 0, 0)
    removed = 0
    written = update(folder, files, stage)
    unchanged = len(files) - written
    wanted = {folder / relative for relative in files}
    for root, dirs, names in os.walk(folder, topdown=False):
        here = Path(root)
        for name in names:
            if here / name not in wanted:
                (here / name).unlink()
                removed += 1
        for name in dirs:
            with_children = here / name
            if not any(with_children.iterdir()):
                with_children.rmdir()
    return Changes(written, unchanged, removed)


def publish(site: Path, build: Callable[[Path], None]) -> None:
    """Run `build` into a fresh folder beside `site`, then put it in the place of `site`.
    If `build` raises, the temporary folder goes and `site` is left as it was."""
    site = site.absolute()
    site.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site.name}.new-", dir=site.parent))
    try:
        build(fresh)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    fresh.chmod(0o755)  # mkdtemp makes it private; a served site must be readable
    old = site.parent / f".{site.name}.old-{fresh.name.rsplit('-', 1)[-1]}"
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def size(folder: Path) -> int:
    """Bytes of every file under `folder`."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
