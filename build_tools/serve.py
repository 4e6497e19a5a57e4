"""`python -m build_tools serve`: the site, live, rebuilt when a file under papers/ changes.

MkDocs' own server does the serving and reloading, and a thin hook (serve_hook.py) brings the
docs folder up to date before each rebuild (`Served.update`). What MkDocs watches is kept to a
few files: its watcher looks at every file it watches twice a second, in the server's process,
and a dirty build of a 1,000-paper archive took 2.3 s beside a watcher of the docs folder
(7,800 files) and papers/, 1.6 s beside one of papers/ alone, 1.0 s with none. So MkDocs
watches, instead of the docs folder, which only this tool writes, the file a regeneration
touches when it has written it (pipeline.GENERATED), and, instead of papers/, a file touched at
each change under papers/, which the kernel reports (inotify, through watchdog) without looking.

An edit to a paper's own files (paper.yml, paper.md) is shown in two steps. First the edited
paper's page alone is made, from the paper read again and checked against the registry: about
a tenth of a second, after which MkDocs' dirty build re-renders that one page. Then, once the
page is served, `python -m build_tools generate` regenerates the whole docs folder in a process
of its own (`Served.follow_up`): the volume, people and UDC pages, the exports and the search
index. In its own process it does not hold up the server, and a newer edit stops it and owes a
new one. Any other change (a new paper, volume.yml, people.yml, the settings) regenerates the
pages at once and leaves only the search index to follow.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from mkdocs.commands.serve import serve as mkdocs_serve
from watchdog.events import (
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from . import write
from .catalog import Catalog
from .load import Archive, Sources, load_paper
from .pipeline import CONFIG, GENERATED, ROOT, BuildError, Generated, Progress, generate, mkdocs_config
from .problems import Problem, has_errors
from .render.paper import render_papers

HOOK = Path(__file__).with_name("serve_hook.py")
CHANGED = "papers-changed"
"""The file of the work folder touched at each change under papers/ (`watch_papers`)."""
PAPER_OWN_FILES = frozenset({"paper.yml", "paper.md"})
"""The files of a paper whose edit can be shown on its page before the rest is regenerated."""

Snapshot = dict[Path, tuple[int, int]]


def snapshot(papers: Path, config: Path) -> Snapshot:
    """The modification time and size of every file under `papers` and of the settings: a save
    in an editor changes the time, so comparing two snapshots tells which files were edited."""
    out: Snapshot = {}
    for path in (config, *papers.rglob("*")):
        try:
            status = path.stat()
        except OSError:  # removed between listing and looking
            continue
        if not os.path.isdir(path):
            out[path] = (status.st_mtime_ns, status.st_size)
    return out


def _print_problems(problems: Iterable[Problem]) -> None:
    for problem in sorted(problems, key=Problem.sort_key):
        print(problem.format(Path.cwd()), file=sys.stderr)


class Served:
    """The docs folder `serve` keeps current: what it was last generated from, and the work an
    edit still owes it. One per process (`SERVED`); it lives here, not in the hook, because
    MkDocs loads the hook's file again for each rebuild. Called from MkDocs' build thread only."""

    def __init__(self) -> None:
        self._papers: Path | None = None
        self._work: Path | None = None
        self._config: Path | None = None
        self._generated: Generated | None = None
        self._seen: Snapshot = {}
        """papers/ (and the settings) as the docs folder shows them."""
        self._owed = False
        """Whether the docs folder awaits a whole regeneration (`follow_up`)."""
        self._follower: subprocess.Popen[bytes] | None = None

    @property
    def generated(self) -> Generated | None:
        """The last whole generation made in this process."""
        return self._generated

    def generate_all(self, papers: Path, work: Path, config: Path, *, search_later: bool = True) -> bool:
        """Generate the whole docs folder. False, with the problems printed, if the archive has
        errors: the last good pages stay."""
        seen = snapshot(papers, config)  # before reading: an edit made meanwhile is seen next time
        try:
            generated = generate(papers, work, config, Progress(), search_later=search_later)
        except BuildError as error:
            _print_problems(error.problems)
            return False
        self._papers, self._work, self._config = papers, work, config
        self._generated, self._seen, self._owed = generated, seen, search_later
        return True

    def update(self, papers: Path, work: Path, config: Path) -> None:
        """Bring the docs folder up to date with papers/: nothing if no file changed since the
        last generation, the edited papers' pages alone if only their own files changed (the rest
        is owed to `follow_up`), else everything."""
        now = snapshot(papers, config)
        if (papers, work, config) == (self._papers, self._work, self._config) and now == self._seen:
            return
        if self.stop():  # it regenerates from papers/ as they were: a new one is owed
            print("the regeneration under way was stopped: a newer edit came", file=sys.stderr)
        if (papers, work, config) != (self._papers, self._work, self._config):
            self.generate_all(papers, work, config)
            return
        edited = {path for path in now.keys() | self._seen.keys() if now.get(path) != self._seen.get(path)}
        if not self._quick(edited, now):
            self.generate_all(papers, work, config)

    def _quick(self, edited: set[Path], now: Snapshot) -> bool:
        """Rewrite the pages of the edited papers alone, if every edited file is a paper's own
        file (of a paper the last generation knew) and still there. False when that does not
        apply. Problems in those papers are printed and leave their last good pages."""
        assert self._generated is not None and self._work is not None and self._papers is not None
        catalog = self._generated.catalog
        by_folder = {paper.folder: paper for paper in catalog.papers.values()}
        if not all(path.name in PAPER_OWN_FILES and path.parent in by_folder and path in now for path in edited):
            return False
        started = time.perf_counter()
        papers, sources, problems = [], {}, []
        for folder in sorted({path.parent for path in edited}):
            paper, doc, found = load_paper(folder, by_folder[folder].volume)
            problems += found
            if paper is not None:
                papers.append(paper)
            if doc is not None:
                sources[doc.path] = doc
        # The edited papers checked against the whole registry, for the credits their pages show.
        people = tuple(catalog.people.values())
        archive = Archive(self._papers, tuple(catalog.volumes.values()), tuple(papers), people, Sources(sources))
        edited_catalog, cross = Catalog.build(archive)
        problems += [problem for problem in cross if problem.path in sources]
        if has_errors(problems):
            _print_problems(problems)
            return True
        pages = render_papers(edited_catalog, self._generated.settings.site, [paper.id for paper in papers])
        written = write.update(self._work / "docs", pages)
        self._seen, self._owed = now, True
        ids = ", ".join(paper.id for paper in papers)
        seconds = time.perf_counter() - started
        print(f"edited: {ids}: {written} page(s) written ({seconds:.2f} s); the rest follows", file=sys.stderr)
        return True

    def follow_up(self) -> subprocess.Popen[bytes] | None:
        """Start the whole regeneration the last update owes, if any: called once MkDocs has built
        the pages that update wrote, so that the edit is served first. It prints its stages."""
        if not self._owed or self._papers is None or self._work is None or self._config is None:
            return None
        self._owed = False
        command = [sys.executable, "-m", "build_tools", "generate", "--papers", str(self._papers)]
        command += ["--work", str(self._work), "--config", str(self._config)]
        # A session of its own, so that stopping it stops the workers it forks too.
        self._follower = subprocess.Popen(command, cwd=ROOT, start_new_session=True)
        return self._follower

    def wait(self) -> int | None:
        """Until the regeneration started last has ended; its exit status."""
        return None if self._follower is None else self._follower.wait()

    def stop(self) -> bool:
        """Stop the regeneration under way; whether there was one."""
        follower, self._follower = self._follower, None
        if follower is None or follower.poll() is not None:
            return False
        os.killpg(follower.pid, signal.SIGTERM)
        follower.wait()
        return True


SERVED = Served()
"""The one of this process (`serve` runs one server)."""


class _Touch(FileSystemEventHandler):
    def __init__(self, stamp: Path) -> None:
        self.stamp = stamp

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.stamp.touch()


def watch_papers(papers: Path, stamp: Path) -> BaseObserver | None:
    """Touch `stamp` whenever a file under `papers` is created, changed, moved or removed, as the
    kernel reports it; None where it cannot (another system, or too few inotify watches for the
    folders), for MkDocs to look at papers/ itself. Files opened and closed unchanged, as each
    rebuild reads them, are not changes."""
    observer = Observer()
    changes = [FileCreatedEvent, FileModifiedEvent, FileMovedEvent, FileDeletedEvent]
    try:
        observer.schedule(_Touch(stamp), str(papers), recursive=True, event_filter=changes)
        observer.start()
    except OSError:
        observer.stop()  # its inotify reader may be running already
        return None
    return observer


def serve(papers: Path, dev_addr: str, work: Path = ROOT / "build", config: Path = CONFIG) -> int:
    papers, work = papers.resolve(), work.resolve()
    if not SERVED.generate_all(papers, work, config.resolve(), search_later=False):
        return 1
    generated = SERVED.generated
    assert generated is not None
    changed, regenerated = work / CHANGED, work / GENERATED
    for stamp in (changed, regenerated):  # MkDocs watches them: they must be there
        stamp.touch()
    watching = watch_papers(papers, changed)
    served = mkdocs_config(
        work,
        generated.settings,
        config,
        hooks=(HOOK,),
        watch=[str(papers if watching is None else changed), str(regenerated)],
        # The hook reads where the archive is from here: MkDocs loads hooks by path, without arguments.
        extra={"archive_serve": {"papers": str(papers), "config": str(config.resolve())}},
    )
    # Dirty builds re-render only the pages whose Markdown is newer than their HTML; since the
    # docs folder is rewritten only where it changed, an edit to one paper re-renders one page.
    # A regeneration runs in a session of its own, which gets neither the server's Ctrl+C nor a
    # signal sent to its process group: it is stopped here when the server stops, for either.
    # On SIGTERM it is stopped first: MkDocs then removes its temporary site, which takes seconds
    # on a large archive, and whoever sent the signal may not wait that long.
    signal.signal(signal.SIGTERM, _stopped)
    try:
        mkdocs_serve(config_file=str(served), livereload=True, build_type="dirty", dev_addr=dev_addr)
    finally:
        SERVED.stop()
        if watching is not None:
            watching.stop()
            watching.join()
    return 0


def _stopped(signum: int, frame: object) -> None:
    SERVED.stop()
    raise SystemExit(128 + signum)
