"""MkDocs hook of `python -m build_tools serve` (loaded by path, hence the absolute imports):
before each rebuild, the docs folder is regenerated from papers/. A paper with errors leaves
the last good pages served and its problems printed."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from build_tools.pipeline import BuildError, Progress, generate
from build_tools.problems import Problem


def on_pre_build(config: Any) -> None:
    settings = config["extra"]["archive_serve"]
    work = Path(config["docs_dir"]).parent
    try:
        generate(Path(settings["papers"]), work, Path(settings["config"]), Progress())
    except BuildError as error:
        for problem in sorted(error.problems, key=Problem.sort_key):
            print(problem.format(Path.cwd()), file=sys.stderr)
