"""MkDocs hook of `python -m build_tools serve` (loaded by path, hence the absolute imports):
before each rebuild the docs folder is brought up to date with papers/, and once the pages are
built the rest of an edit follows (serve.Served). A paper with errors leaves the last good
pages served and its problems printed.

MkDocs rebuilds on any change it watches, the docs folder included, so the pages written here
set off a second rebuild; it finds papers/ as the docs folder shows it, and leaves it alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from build_tools.serve import SERVED


def on_pre_build(config: Any) -> None:
    settings = config["extra"]["archive_serve"]
    SERVED.update(Path(settings["papers"]), Path(config["docs_dir"]).parent, Path(settings["config"]))


def on_post_build(config: Any) -> None:
    SERVED.follow_up()
