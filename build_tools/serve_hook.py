"""MkDocs hook of `python -m build_tools serve` (loaded by path, hence the absolute imports):
before each rebuild, the docs folder is regenerated from papers/. A paper with errors leaves
the last good pages served and its problems printed. The search index is renewed once the
pages are built (serve.SearchUpdates).

MkDocs rebuilds on any change it watches, the docs folder included, so the pages this hook
writes set off a second rebuild; and `serve` generates the docs folder once before MkDocs'
first build. Neither needs the archive read again: the hook skips the regeneration when no
file under papers/ (nor the site's settings) changed since the last one that succeeded.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from build_tools.pipeline import BuildError, Progress, generate
from build_tools.problems import Problem
from build_tools.serve import FINGERPRINT, SEARCH_UPDATES, fingerprint


def on_pre_build(config: Any) -> None:
    settings = config["extra"]["archive_serve"]
    papers, site_config = Path(settings["papers"]), Path(settings["config"])
    work = Path(config["docs_dir"]).parent
    stored = work / FINGERPRINT
    now = fingerprint(papers, site_config)  # before generating: an edit meanwhile is seen next time
    if (work / "docs").is_dir() and stored.is_file() and stored.read_text(encoding="utf-8") == now:
        return
    try:
        generated = generate(papers, work, site_config, Progress(), search_later=True)
    except BuildError as error:
        for problem in sorted(error.problems, key=Problem.sort_key):
            print(problem.format(Path.cwd()), file=sys.stderr)
        return
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_text(now, encoding="utf-8")
    SEARCH_UPDATES.prepare(generated, work)


def on_post_build(config: Any) -> None:
    SEARCH_UPDATES.start_prepared()
