"""One test per validation rule: the valid fixture archive with one file changed
(tests/fixtures/invalid/<rule>/, see its README) must give exactly the expected problems,
each at its file, line, column and field."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from build_tools import schema
from build_tools.__main__ import validate
from build_tools.problems import Position, Problem, Severity

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = FIXTURES / "invalid"
E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Expect:
    path: str
    """Relative to the papers folder."""
    line: int | None
    column: int | None
    field: str
    text: str
    """A part of the message that names the rule."""
    severity: Severity = E

    def matches(self, problem: Problem, root: Path) -> bool:
        position = (problem.position.line, problem.position.column) if problem.position else (None, None)
        return (
            problem.path == root / self.path
            and position == (self.line, self.column)
            and problem.field == self.field
            and problem.severity is self.severity
            and self.text in problem.message
        )


P1 = "2020-ir/2020-ir-001/paper.yml"
P2 = "2020-ir/2020-ir-002/paper.yml"
P3 = "2020-ir/2020-ir-003/paper.yml"
P4 = "2021-ir/2021-ir-001/paper.yml"

EXPECTED: dict[str, list[Expect]] = {
    # ids
    "id-folder": [Expect(P3, 1, 5, "id", "must equal the folder name '2020-ir-003'")],
    "id-volume": [Expect("2021-ir/2020-ir-009/paper.yml", 1, 5, "id", "must start with the id of its volume")],
    "id-duplicate": [
        Expect("2021-ir/2020-ir-001/paper.yml", 1, 5, "id", "is also used by 2020-ir/2020-ir-001/paper.yml"),
        Expect("2021-ir/2020-ir-001/paper.yml", 1, 5, "id", "must start with the id of its volume"),
    ],
    "volume-id-folder": [Expect("2021-ir/volume.yml", 1, 5, "id", "must equal the folder name '2021-ir'")],
    # UDC
    "udc-label": [Expect(P1, 3, 8, "udc[0]", "without its label 'UDC': '327.8'")],
    "udc-syntax": [Expect(P2, 3, 20, "udc[1]", "'327(574' is not UDC syntax at '(574'")],
    "udc-several": [Expect(P2, 3, 13, "udc[0]", "several codes; give each as its own item")],
    "udc-irsti": [Expect(P3, 3, 8, "udc[0]", "ГРНТИ/МРНТИ code, not UDC; put it under `irsti`")],
    "udc-unquoted": [Expect(P3, 3, 7, "udc[0]", "must be text (got 327.50); put it in quotes: '327.50'")],
    # contacts, codes, numbers
    "orcid": [Expect(P1, 15, 12, "authors[0].orcid", "checksum fails (got 0000-0002-1825-0098)")],
    "person-orcid-mismatch": [
        Expect(P1, 15, 12, "authors[0].orcid", "0000-0001-5109-3700 differs from the ORCID iD of 'bodenova-a'")
    ],
    "email": [Expect(P1, 14, 12, "authors[0].email", "'alsina(at)example.org' is not an e-mail address")],
    "isbn": [Expect("2020-ir/volume.yml", 20, 7, "isbn", "is not a valid ISBN")],
    "pages": [Expect(P3, 11, 26, "pages.last", "last page 21 comes before first page 24")],
    "date-form": [
        Expect(
            "2020-ir/volume.yml",
            11,
            7,
            "date",
            "'10.04.2020' does not have the expected form: write it like 2020-04-10",
        )
    ],
    "date-calendar": [Expect("2020-ir/volume.yml", 11, 7, "date", "2020-02-30 is not a date of the calendar")],
    "inferred-conference": [
        Expect("2021-ir/volume.yml", 10, 18, "inferred[1]", "conference is inferred, but the volume gives none")
    ],
    "pages-range": [Expect(P3, 11, 26, "pages.last", "99999999999999999999 is out of range (maximum 100000)")],
    # shape
    "language": [Expect(P3, 2, 11, "language", "must be one of kk, ru, en (got kz); did you mean 'kk'?")],
    "unknown-field": [
        Expect(P2, 13, 5, "authors[0].affilation", "unknown field 'affilation'; did you mean 'affiliation'?")
    ],
    "required-field": [Expect(P3, 1, 1, "licence", "is required but missing")],
    "title-language": [Expect(P3, 5, 3, "title", "printed title must be given under the paper's language 'ru'")],
    "svg-file": [Expect("2020-ir/2020-ir-001/figure.svg", None, None, "", "SVG may carry scripts")],
    # text
    "nfc": [Expect(P3, 5, 42, "title.ru", "not in Unicode NFC", W)],
    "nfc-body": [Expect("2020-ir/2020-ir-003/paper.md", 5, 1, "text", "not in Unicode NFC", W)],
    "lookalike": [Expect(P2, 6, 34, "title.kk", "Latin letter 'O' (U+004F) in the word 'Oдақ'; did you mean 'О'?", W)],
    "lookalike-body": [
        Expect("2020-ir/2020-ir-002/paper.md", 1, 29, "text", "Latin letter 'i' (U+0069) in the word 'мәселесi'", W)
    ],
    # files
    "not-utf8": [Expect(P3, 5, 7, "", "not UTF-8 (byte 0xD0)")],
    "not-utf8-body": [Expect("2020-ir/2020-ir-003/paper.md", 1, 1, "", "not UTF-8 (byte 0xCA)")],
    "yaml-syntax": [Expect(P1, 5, 20, "", "YAML does not parse: mapping values are not allowed")],
    # The parser stops at line 22, where the quote left open on line 6 ends: the message names line 6.
    "yaml-quote": [Expect(P1, 22, 6, "", "the quoted value at line 6, column 7 runs over several lines")],
    "yaml-control": [Expect(P3, 8, 17, "", "control character U+0007 is not allowed")],
    "yaml-not-mapping": [Expect(P3, 1, 1, "", "must be a mapping of fields")],
    "yaml-tag": [Expect(P1, 24, 10, "licence", "tag !!python/object/apply:os.system is not allowed")],
    # people
    "person-unknown": [Expect(P3, 10, 11, "supervisors[0].name", "'Ахметова Д.К.' is not in papers/people.yml")],
    "person-namesake": [
        Expect(P4, 7, 5, "authors[0].person", "may be 'ivanov-s-p-2' or its namesake 'ivanov-s-p'; add `person:")
    ],
    "person-ref-unknown": [Expect(P4, 8, 13, "authors[0].person", "no person 'ivanov-s-p-3'")],
    "person-ref-mismatch": [
        Expect(P4, 7, 11, "authors[0].name", "'Петров С.П.' is not among the names of 'ivanov-s-p-2'")
    ],
    "person-latin": [
        Expect(P2, 12, 17, "authors[0].name_latin", "'Yergalieva Aysha' is not among the names of 'ergalieva-a-a'")
    ],
    "person-editor": [
        Expect("2020-ir/volume.yml", 18, 11, "editors[0].name", "'Сейтқали Б.Н.' is not in papers/people.yml")
    ],
    "person-orcid-duplicate": [
        Expect("people.yml", 12, 12, "people[3].orcid", "'dauylbaev-a-b' has the ORCID iD of 'bodenova-a'")
    ],
    "person-id-duplicate": [Expect("people.yml", 10, 9, "people[3].id", "id 'bodenova-a' is given to two people")],
    "person-not-same-as": [
        Expect("people.yml", 17, 19, "people[5].not_same_as[0]", "no person 'ivanov-sp'"),
        # Without a valid `not_same_as` the two Ivanovs are suggested as one person again.
        Expect("people.yml", 15, 9, "people[5].id", "may be the same person as 'ivanov-s-p'", W),
    ],
    "person-duplicate": [
        Expect(
            "people.yml",
            10,
            9,
            "people[3].id",
            "'ergalieva-aisha' (Ergalieva Aisha) may be the same person as 'ergalieva-a-a' (Ерғалиева Айша",
            W,
        )
    ],
}


def overlay(rule: str, tmp_path: Path) -> Path:
    """The valid archive with the rule's files laid over it, as a papers folder in tmp_path."""
    root = tmp_path / "papers"
    shutil.copytree(FIXTURES / "archive", root)
    shutil.copytree(INVALID / rule, root, dirs_exist_ok=True)
    return root


def test_every_invalid_fixture_has_its_expectation() -> None:
    folders = {p.name for p in INVALID.iterdir() if p.is_dir()}
    assert folders == set(EXPECTED) | {"yaml-alias"}


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_rule(rule: str, tmp_path: Path) -> None:
    root = overlay(rule, tmp_path)
    _, problems = validate(root)
    left = list(problems)
    for expect in EXPECTED[rule]:
        found = next((p for p in left if expect.matches(p, root)), None)
        assert found is not None, f"{expect} not among:\n" + "\n".join(p.format(root) for p in left)
        left.remove(found)
    assert left == [], "unexpected problems:\n" + "\n".join(p.format(root) for p in left)


def test_alias_bomb_is_refused_without_being_expanded(tmp_path: Path) -> None:
    """Billion laughs: nine anchors, each list made of nine aliases of the one before."""
    root = overlay("yaml-alias", tmp_path)
    _, problems = validate(root)
    people = root / "people.yml"
    anchors = [p for p in problems if "anchors (&" in p.message]
    aliases = [p for p in problems if "aliases (*" in p.message]
    assert len(anchors) == 9
    assert len(aliases) == 8 * 9
    assert all(p.path == people and p.severity is E for p in anchors + aliases)
    first_anchor = min(anchors, key=Problem.sort_key)
    first_alias = min(aliases, key=Problem.sort_key)
    assert (first_anchor.position, first_anchor.field) == (Position(20, 12), "people[6].names")
    assert "(&a)" in first_anchor.message
    assert (first_alias.position, first_alias.field) == (Position(22, 16), "people[7].names[0]")
    assert "(*a)" in first_alias.message
    # Nothing but the refusals: the placeholders do not draw schema complaints of their own.
    assert len(problems) == len(anchors) + len(aliases)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    """Four rules broken in four files: one run reports all four."""
    rules = ["orcid", "udc-irsti", "isbn", "person-ref-unknown"]
    root = tmp_path / "papers"
    shutil.copytree(FIXTURES / "archive", root)
    for rule in rules:
        shutil.copytree(INVALID / rule, root, dirs_exist_ok=True)
    _, problems = validate(root)
    expected = [e for rule in rules for e in EXPECTED[rule]]
    assert len(problems) == len(expected)
    for expect in expected:
        assert any(expect.matches(p, root) for p in problems), expect


def test_a_broken_value_does_not_hide_the_papers_people(tmp_path: Path) -> None:
    """A paper with a wrong ORCID is still checked against the registry in the same run."""
    root = overlay("orcid", tmp_path)
    paper = root / P1
    paper.write_text(
        paper.read_text(encoding="utf-8").replace("name: Bodenova Alsina", "name: Bodenova Alsu"), encoding="utf-8"
    )
    _, problems = validate(root)
    assert sorted(p.field for p in problems) == ["authors[0].name", "authors[0].orcid"]


def test_fixture_files_stay_readable_when_truncated(tmp_path: Path) -> None:
    """Every prefix of every fixture file (a half-saved file) gives problems, never an exception."""
    base = FIXTURES / "archive"
    root = tmp_path / "papers"
    shutil.copytree(base, root)
    for source in sorted(base.rglob("*.yml")):
        target = root / source.relative_to(base)
        lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
        for cut in range(0, len(lines), 3):
            target.write_text("".join(lines[:cut]), encoding="utf-8")
            _, problems = validate(root)
            assert all(p.path.is_relative_to(root) for p in problems)
        shutil.copy(source, target)


@dataclass(frozen=True)
class Run:
    code: int
    stderr: str


@pytest.fixture(scope="module")
def cli_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """`python -m build_tools validate` run in a folder holding each invalid archive as papers/."""
    repo = Path(__file__).parent.parent
    env = {**os.environ, "PYTHONPATH": str(repo)}

    def run(rule: str) -> tuple[str, Run]:
        folder = tmp_path_factory.mktemp(rule)
        overlay(rule, folder)
        done = subprocess.run(
            [sys.executable, "-m", "build_tools", "validate"],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        return rule, Run(done.returncode, done.stdout + done.stderr)

    rules = sorted(p.name for p in INVALID.iterdir() if p.is_dir())
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(run, rules))


@pytest.mark.parametrize("rule", sorted([*EXPECTED, "yaml-alias"]))
def test_cli_reports_each_invalid_archive_without_a_traceback(rule: str, cli_runs: dict[str, Run]) -> None:
    result = cli_runs[rule]
    assert "Traceback" not in result.stderr
    expected = EXPECTED.get(rule) or [Expect("people.yml", 20, 12, "people[6].names", "anchors (&a)")]
    only_warnings = all(e.severity is W for e in expected)
    assert result.code == (0 if only_warnings else 1), result.stderr
    for expect in expected:
        # Paths are printed relative to the current directory; a problem without a place is at 1:1.
        where = f"papers/{expect.path}:{expect.line or 1}:{expect.column or 1}: {expect.field or '(file)'}: "
        label = "warning: " if expect.severity is W else ""
        lines = [x for x in result.stderr.splitlines() if x.startswith(where + label) and expect.text in x]
        assert lines, result.stderr


def test_cli_prints_paths_relative_to_the_current_directory(tmp_path: Path) -> None:
    """Given as an absolute path, the papers folder is still printed relative to where the command runs."""
    root = overlay("orcid", tmp_path / "work")
    repo = Path(__file__).parent.parent
    done = subprocess.run(
        [sys.executable, "-m", "build_tools", "validate", "--papers", str(root.absolute())],
        cwd=tmp_path / "work",
        env={**os.environ, "PYTHONPATH": str(repo)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("papers/2020-ir/2020-ir-001/paper.yml:15:12: authors[0].orcid: checksum fails")


def test_schemas_are_valid_and_their_references_resolve_beside_them() -> None:
    """An editor loads a schema by file path: no `$id` pointing elsewhere, `$ref`s to sibling files."""
    for name in schema.NAMES:
        document = schema.schema(name)
        Draft202012Validator.check_schema(document)
        assert "$id" not in document
        text = (schema.FOLDER / f"{name}.schema.json").read_text(encoding="utf-8")
        for ref in re.findall(r'"\$ref": "([^"#]+)#', text):
            assert (schema.FOLDER / ref).is_file(), ref
