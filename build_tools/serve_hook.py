"""MkDocs hook of `python -m build_tools serve` (loaded by path, hence the absolute imports):
before each rebuild the docs folder is brought up to date with papers/, and once the pages are
built the rest of an edit follows (serve.Served). A paper with errors leaves the last good
pages served and its problems printed.

MkDocs does not watch the docs folder, which only this tool writes (serve.py says what it
watches instead): the pages written here are built in the same rebuild, and those of the
regeneration that follows in the rebuild its end sets off.
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


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    server.unwatch(config["docs_dir"])
    return server
