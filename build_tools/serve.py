"""`python -m build_tools serve`: the site, live, rebuilt when a file under papers/ changes.

MkDocs' own server does the serving and reloading; it watches papers/ too, and a thin hook
(serve_hook.py) regenerates the docs folder before each rebuild. Only changed pages are
rewritten, so an edit to one paper rewrites one page.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.commands.serve import serve as mkdocs_serve

from .pipeline import CONFIG, ROOT, BuildError, Progress, generate, mkdocs_config
from .problems import Problem
from .serve_hook import FINGERPRINT, fingerprint

HOOK = Path(__file__).with_name("serve_hook.py")


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
