"""`python -m build_tools serve`: the site, live, rebuilt when a file under papers/ changes.

MkDocs' own server does the serving and reloading; it watches papers/ too, and a thin hook
(serve_hook.py) regenerates the docs folder before each rebuild. Only changed pages are
rewritten, so an edit to one paper rewrites one page. The search index, the longest part of a
regeneration, is renewed after the pages, in a thread (`SearchUpdates`): an edit shows on its
page first and in search results a few seconds later.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
import time
from pathlib import Path

from mkdocs.commands.serve import serve as mkdocs_serve

from .pipeline import CONFIG, ROOT, BuildError, Generated, Progress, generate, mkdocs_config, write_search
from .problems import Problem

HOOK = Path(__file__).with_name("serve_hook.py")
FINGERPRINT = Path("cache") / "served-papers"
"""Under the work folder: the fingerprint of papers/ when the docs folder was last generated."""


def fingerprint(papers: Path, config: Path) -> str:
    """A hash of the names and contents of every file under `papers`, and of the settings."""
    digest = hashlib.sha256()
    for path in (config, *sorted(papers.rglob("*"))):
        if path.is_file():
            digest.update(os.fsencode(path) + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class SearchUpdates:
    """Renews the search index of the served docs folder after its pages, one renewal at a time;
    a renewal overtaken by a newer regeneration is skipped. It lives here, not in the hook: MkDocs
    loads the hook's file again for each rebuild.

    The hook `prepare`s a renewal before MkDocs renders the changed pages and starts it after:
    a thread running beside the rendering would share Python's one interpreter lock with it, and
    make the edited page wait for the index after all."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._latest = 0
        self._threads: list[threading.Thread] = []
        self._prepared: tuple[Generated, Path] | None = None

    def prepare(self, generated: Generated, work: Path) -> None:
        self._prepared = (generated, work)

    def start_prepared(self) -> None:
        if self._prepared is not None:
            prepared, self._prepared = self._prepared, None
            self.start(*prepared)

    def start(self, generated: Generated, work: Path) -> threading.Thread:
        with self._lock:
            self._latest += 1
            number = self._latest
        thread = threading.Thread(target=self._renew, args=(number, generated, work), name="search index", daemon=True)
        thread.start()
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        return thread

    def wait(self) -> None:
        """Until every renewal started so far has ended."""
        for thread in list(self._threads):
            thread.join()

    def _renew(self, number: int, generated: Generated, work: Path) -> None:
        with self._lock:
            if number != self._latest:
                return
            started = time.perf_counter()
            try:
                changes = write_search(generated, work)
            except Exception as error:  # the pages stay served; the reader is told why search lags
                print(f"search: the index was not renewed: {error!r}", file=sys.stderr)
                return
        seconds = time.perf_counter() - started
        print(f"search: index renewed, {changes.written} files written ({seconds:.2f} s)", file=sys.stderr)


SEARCH_UPDATES = SearchUpdates()
"""The one of this process (`serve` runs one server)."""


def serve(papers: Path, dev_addr: str, work: Path = ROOT / "build", config: Path = CONFIG) -> int:
    # Taken before generating, so that an edit made meanwhile is not taken for generated.
    before = fingerprint(papers, config)
    try:
        generated = generate(papers, work, config, Progress())
    except BuildError as error:
        for problem in sorted(error.problems, key=Problem.sort_key):
            print(problem.format(Path.cwd()), file=sys.stderr)
        return 1
    # MkDocs' first build then finds the docs folder current and does not generate it again.
    (work / FINGERPRINT).parent.mkdir(parents=True, exist_ok=True)
    (work / FINGERPRINT).write_text(before, encoding="utf-8")
    served = mkdocs_config(
        work,
        generated.settings,
        config,
        hooks=(HOOK,),
        watch=[str(papers.resolve())],
        # The hook reads where the archive is from here: MkDocs loads hooks by path, without arguments.
        extra={"archive_serve": {"papers": str(papers.resolve()), "config": str(config.resolve())}},
    )
    # Dirty builds re-render only the pages whose Markdown is newer than their HTML; since the
    # hook rewrites only changed pages, an edit to one paper re-renders about one page.
    mkdocs_serve(config_file=str(served), livereload=True, build_type="dirty", dev_addr=dev_addr)
    return 0
