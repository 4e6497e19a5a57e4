"""Command line: python -m build_tools validate | import | build | generate | serve | new | check-links."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from . import importer
from .catalog import Catalog
from .importer.docx import read_docx_file, write_images
from .importer.text import read_text_file
from .linkcheck import check_links
from .load import load_archive
from .problems import Problem, Severity, has_errors
from .scaffold import ScaffoldError, new_paper

ROOT = Path.cwd()


def _escape(text: str, *, prop: bool = False) -> str:
    """GitHub workflow-command escaping: `%`, CR and LF always; `:` and `,` inside properties."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def github_annotation(problem: Problem, root: Path) -> str:
    """The problem as a GitHub Actions annotation on its file and line (a pull request shows it there)."""
    path = problem.path
    with contextlib.suppress(ValueError):
        path = path.relative_to(root)
    where = f"file={_escape(path.as_posix(), prop=True)}"
    if problem.position is not None:
        where += f",line={problem.position.line},col={problem.position.column}"
    title = _escape(problem.field or "(file)", prop=True)
    return f"::{problem.severity.value} {where},title={title}::{_escape(problem.message)}"


def report(problems: list[Problem], root: Path, style: str = "text") -> None:
    for problem in sorted(problems, key=Problem.sort_key):
        if style == "github":
            # Workflow commands are read from standard output only.
            print(github_annotation(problem, root))
        else:
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
    # Paths relative to where the command runs, so an editor or terminal can open them.
    report(problems, Path.cwd(), args.format)
    if not has_errors(problems):
        print(f"{papers}: valid", file=sys.stderr)
        return 0
    return 1


def cmd_new(args: argparse.Namespace) -> int:
    try:
        folder = new_paper(args.papers, args.volume, args.language)
    except ScaffoldError as error:
        report(error.problems, Path.cwd())
        return 1
    print(f"{folder}: made paper.yml and paper.md; fill them in, then run python -m build_tools validate")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    source_path: Path = args.source
    try:
        # A Word document keeps its structure and images; anything else is read as plain text.
        word = read_docx_file(source_path) if source_path.suffix.lower() == ".docx" else None
        source = word.source if word else read_text_file(source_path)
        for notice in source.notices:
            print(notice.format(source_path), file=sys.stderr)
        plan = importer.plan(args.papers, args.volume, source.drafts)
        importer.write(plan)
        if word:
            write_images(plan, word)
    except importer.ImportRefused as error:
        report(error.problems, Path.cwd())
        return 1
    for paper in plan.papers:
        draft = paper.draft
        flag = " (incomplete)" if draft.incomplete else ""
        print(
            f"{paper.folder}: lines {draft.first_line}-{draft.last_line}, {draft.language}: {draft.title}{flag}",
            file=sys.stderr,
        )
    for person in plan.new_people:
        print(f"{plan.people_path}: added {person.id} ({', '.join(person.names)})", file=sys.stderr)
    if not plan.licence_from_volume:
        print(f"licence: {plan.licence} (volume.yml gives none)", file=sys.stderr)
    print("check the result with: python -m build_tools validate", file=sys.stderr)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .pipeline import BuildError, build

    if args.offline is not None:
        return _build_offline(args)
    try:
        build(args.papers, args.site, quiet=args.quiet, engine=args.engine, language=args.language, strict=args.strict)
    except BuildError as error:
        report(error.problems, Path.cwd())
        print(f"build stopped: nothing was written to {args.site}", file=sys.stderr)
        return 1
    return 0


def _build_offline(args: argparse.Namespace) -> int:
    from .offline import build_offline
    from .pipeline import BuildError

    # The generated docs beside the web build's (build/), in a folder of their own.
    work = args.site.absolute().parent / "build" / "offline"
    try:
        build_offline(
            args.papers, args.offline, work=work, quiet=args.quiet, engine=args.engine,
            language=args.language, strict=args.strict,
        )  # fmt: skip
    except BuildError as error:
        report(error.problems, Path.cwd())
        print(f"build stopped: nothing was written to {args.offline}", file=sys.stderr)
        return 1
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    from .pipeline import GENERATED, BuildError, Progress, generate

    try:
        generate(args.papers, args.work, args.config, Progress(quiet=args.quiet))
    except BuildError as error:
        report(error.problems, Path.cwd())
        print(f"generation stopped: nothing was written to {args.work / 'docs'}", file=sys.stderr)
        return 1
    (args.work / GENERATED).touch()
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(args.papers, args.dev_addr)


def cmd_check_links(args: argparse.Namespace) -> int:
    problems = check_links(args.site, files_only=args.offline)
    report(problems, Path.cwd(), args.format)
    if problems:
        return 1
    print(f"{args.site}: every internal link and anchor resolves", file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check every file under papers/ and report all problems")
    check.add_argument("--papers", type=Path, default=Path("papers"), help="the papers folder (default: papers)")
    check.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text: file:line:column: field: message; github: annotations on the file and line of a pull request",
    )
    check.set_defaults(run=cmd_validate)
    site = commands.add_parser("build", help="build the site from papers/ into site/")
    site.add_argument("--papers", type=Path, default=Path("papers"), help="the papers folder (default: papers)")
    site.add_argument("--site", type=Path, default=Path("site"), help="the output folder (default: site)")
    site.add_argument("--quiet", action="store_true", help="print only problems")
    site.add_argument("--strict", action="store_true", help="fail on any warning of the site generator")
    site.add_argument("--engine", choices=("mkdocs", "properdocs"), default="mkdocs", help="the site generator")
    site.add_argument(
        "--language",
        choices=("kk", "ru", "en"),
        help="interface language of this build (default: theme.language in mkdocs.yml)",
    )
    site.add_argument(
        "--offline",
        type=Path,
        nargs="?",
        const=Path("dist/archive-offline.zip"),
        metavar="ZIP",
        help="build the offline edition (one zip to read from disk, no network) instead of the site "
        "(default: dist/archive-offline.zip)",
    )
    site.set_defaults(run=cmd_build)
    docs = commands.add_parser(
        "generate", help="write only the docs folder the site generator builds from (WORK/docs), not the site"
    )
    docs.add_argument("--papers", type=Path, default=Path("papers"), help="the papers folder (default: papers)")
    docs.add_argument("--work", type=Path, default=Path("build"), help="where docs/ and cache/ go (default: build)")
    docs.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site settings (default: mkdocs.yml)")
    docs.add_argument("--quiet", action="store_true", help="print only problems")
    docs.set_defaults(run=cmd_generate)
    live = commands.add_parser("serve", help="serve the site, rebuilt when a file under papers/ changes")
    live.add_argument("--papers", type=Path, default=Path("papers"), help="the papers folder (default: papers)")
    live.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    live.set_defaults(run=cmd_serve)
    new = commands.add_parser("new", help="make a paper folder with the next free id and a commented paper.yml")
    new.add_argument("--volume", required=True, help="id of the volume (its folder under papers/)")
    new.add_argument("--language", choices=("kk", "ru", "en"), help="language of the paper's text, if known")
    new.add_argument("--papers", type=Path, default=Path("papers"), help="the papers folder (default: papers)")
    new.set_defaults(run=cmd_new)
    imp = commands.add_parser("import", help="turn a proceedings text into new paper folders of a volume")
    imp.add_argument("source", type=Path, help="the text file (UTF-8) or Word document (.docx)")
    imp.add_argument("--volume", required=True, help="id of the volume (its folder under papers/, with a volume.yml)")
    imp.add_argument("--papers", type=Path, default=Path("papers"), help="the papers folder (default: papers)")
    imp.set_defaults(run=cmd_import)
    links = commands.add_parser("check-links", help="check that every internal link and anchor of a site resolves")
    links.add_argument("site", type=Path, nargs="?", default=Path("site"), help="the built site (default: site)")
    links.add_argument("--format", choices=("text", "github"), default="text", help="as for validate")
    links.add_argument(
        "--offline", action="store_true", help="an unpacked offline edition: every link must name a file (index.html)"
    )
    links.set_defaults(run=cmd_check_links)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
