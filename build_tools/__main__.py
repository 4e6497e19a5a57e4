"""Command line: python -m build_tools validate | import | build | serve | new."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .catalog import Catalog
from .load import load_archive
from .problems import Problem, Severity, has_errors

ROOT = Path.cwd()


def report(problems: list[Problem], root: Path) -> None:
    for problem in sorted(problems, key=Problem.sort_key):
        print(problem.format(root), file=sys.stderr)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    if problems:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)


def validate(papers: Path) -> tuple[Catalog, list[Problem]]:
    """Read and check the whole archive; every problem, none raised."""
    archive, problems = load_archive(papers)
    catalog, cross = Catalog.build(archive)
    return catalog, problems + cross


def cmd_validate(args: argparse.Namespace) -> int:
    papers: Path = args.papers
    _, problems = validate(papers)
    report(problems, papers.parent if papers.is_absolute() else Path.cwd())
    if not has_errors(problems):
        print(f"{papers}: valid", file=sys.stderr)
        return 0
    return 1


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check every file under papers/ and report all problems")
    check.add_argument("--papers", type=Path, default=Path("papers"), help="the papers folder (default: papers)")
    check.set_defaults(run=cmd_validate)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
