"""The GitHub workflows, pull-request template and issue forms: they parse, they are safe, and
every command they run exists in this repository and is the one a contributor runs locally."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from build_tools.__main__ import main, parser

ROOT = Path(__file__).parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
GUIDE = ROOT / "docs" / "contributing" / "index.md"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as the boolean true.
    on = workflow.get("on", workflow.get(True))
    assert isinstance(on, dict)
    return on


def workflows() -> dict[str, dict[str, Any]]:
    found = {path.name: load(path) for path in sorted(WORKFLOWS.glob("*.y*ml"))}
    assert found, "no workflow"
    return found


def steps(workflow: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(name, step) for name, job in workflow["jobs"].items() for step in job["steps"]]


def test_pull_requests_are_checked_and_main_is_deployed() -> None:
    found = workflows()
    checks, deploy = found["checks.yml"], found["deploy.yml"]
    assert "pull_request" in triggers(checks)
    assert triggers(deploy)["push"]["branches"] == ["main"]
    for name, workflow in found.items():
        assert "pull_request_target" not in triggers(workflow), name
        assert "workflow_run" not in triggers(workflow), name
    # What each pull request gets: annotations, tests, a strict build, links, a preview.
    commands = [step.get("run", "") for _, step in steps(checks)]
    assert any("validate --format github" in c for c in commands)
    assert "bash .ci/run" in commands
    assert any(re.search(r"build_tools build\b.*--strict", c) for c in commands)
    assert any("check-links" in c for c in commands)
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for _, step in steps(checks))
    # The tests need Debian's chromium (.ci/run installs it): they run on Debian with Python 3.11.
    assert checks["jobs"]["check"]["container"] == "python:3.11-bookworm"
    deploy_uses = [step.get("uses", "").split("@")[0] for _, step in steps(deploy)]
    assert "actions/upload-pages-artifact" in deploy_uses and "actions/deploy-pages" in deploy_uses


def test_permissions_are_least_privilege() -> None:
    for name, workflow in workflows().items():
        assert workflow["permissions"] == {"contents": "read"}, name
        for job_name, job in workflow["jobs"].items():
            granted = job.get("permissions", {})
            uses = [step.get("uses", "") for step in job["steps"]]
            if any(u.startswith("actions/deploy-pages@") for u in uses):
                assert granted == {"pages": "write", "id-token": "write"}, (name, job_name)
                assert not any("run" in step for step in job["steps"]), "the deploying job runs no repository code"
            else:
                assert granted == {}, (name, job_name)
        for _, step in steps(workflow):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    for path in sorted(WORKFLOWS.glob("*.y*ml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"^\s*(?:-\s+)?uses:\s*(\S+)\s*(#.*)?$", line)
            if match:
                assert PINNED.match(match.group(1)), f"{path.name}: {match.group(1)} is not pinned to a commit"
                assert match.group(2) and re.match(r"# v\d+\.\d+\.\d+$", match.group(2)), line


def _check_command(words: list[str]) -> None:
    """`words` is a command a workflow runs: it must exist in this repository."""
    program, args = words[0], words[1:]
    if program in ("python", ".venv/bin/python") and args[:2] == ["-m", "build_tools"]:
        try:
            with contextlib.redirect_stderr(io.StringIO()) as err:
                parser().parse_args(args[2:])
        except SystemExit:
            pytest.fail(f"not a build_tools command: {shlex.join(words)}: {err.getvalue()}")
    elif program == "python" and args[:2] == ["-m", "venv"]:
        pass
    elif program == ".venv/bin/pip" and args[0] == "install":
        assert (ROOT / args[args.index("-c") + 1]).is_file()
        project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        target = args[args.index("-e") + 1]
        extras = re.fullmatch(r"\.(?:\[(\w+)\])?", target)
        assert extras, target
        if extras.group(1):
            assert extras.group(1) in project["project"]["optional-dependencies"]
    elif program == "bash":
        assert (ROOT / args[0]).is_file(), args[0]
    elif program == "git" and args[0] == "diff":
        for path in args[args.index("--") + 1 :]:
            assert (ROOT / path).exists(), path
    else:
        pytest.fail(f"a workflow runs a command this test does not know: {shlex.join(words)}")


def test_every_run_step_is_a_command_of_this_repository() -> None:
    seen = 0
    for _, workflow in workflows().items():
        for _, step in steps(workflow):
            if "run" not in step:
                continue
            for command in re.split(r"&&|;|\n", step["run"]):
                if command.strip():
                    _check_command(shlex.split(command))
                    seen += 1
    assert seen >= 6


def test_the_check_rejects_a_command_that_does_not_exist() -> None:
    with pytest.raises(pytest.fail.Exception):
        _check_command([".venv/bin/python", "-m", "build_tools", "publish"])
    with pytest.raises(pytest.fail.Exception):
        _check_command([".venv/bin/python", "-m", "build_tools", "validate", "--colour"])
    with pytest.raises(AssertionError):
        _check_command(["bash", ".ci/missing"])


def test_pull_request_commands_are_the_ones_the_guide_gives() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for _, step in steps(workflows()["checks.yml"]):
        command = step.get("run")
        if command and "build_tools" in command:
            assert command in guide, command
        elif command:
            assert command in guide or command in readme, command


# --- annotations -----------------------------------------------------------------------------


def test_validate_annotates_the_file_and_line(
    fixture_archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(fixture_archive, tmp_path / "papers")
    paper = tmp_path / "papers" / "2020-ir" / "2020-ir-001" / "paper.yml"
    text = paper.read_text(encoding="utf-8").replace("language: en", "language: english")
    paper.write_text(text.replace("licence: CC-BY-4.0", "licence: CC-BY-4.0\nlicense: MIT"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--format", "github"]) == 1
    out = capsys.readouterr().out.splitlines()
    language_line = text.splitlines().index("language: english") + 1
    prefix = f"::error file=papers/2020-ir/2020-ir-001/paper.yml,line={language_line},col=11,title=language::"
    assert any(o.startswith(prefix) and "must be one of kk, ru, en" in o for o in out), out
    assert any(
        re.fullmatch(r"::error file=papers/2020-ir/2020-ir-001/paper\.yml,line=\d+,col=1,title=license::unknown .*", o)
        for o in out
    ), out


def test_annotation_properties_are_escaped() -> None:
    from build_tools.__main__ import github_annotation
    from build_tools.problems import Position, Problem, Severity

    problem = Problem(Path("/r/papers/a,b.yml"), Position(3, 4), "x:y", "50% done\nnext", Severity.WARNING)
    assert github_annotation(problem, Path("/r")) == (
        "::warning file=papers/a%2Cb.yml,line=3,col=4,title=x%3Ay::50%25 done%0Anext"
    )


# --- pull-request template and issue forms ---------------------------------------------------


def test_pull_request_template_asks_for_the_local_checks() -> None:
    text = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for expected in ("build_tools validate", "build --strict", "published-urls.txt", "redirects.yml", "licence"):
        assert expected in text, expected
    assert len(re.findall(r"^- \[ \] ", text, re.MULTILINE)) >= 6


FORM_FIELDS = {
    "submit-paper.yml": {"volume", "language", "title", "udc", "authors", "file", "licence", "consent"},
    "correct-metadata.yml": {"paper", "field", "corrected", "evidence"},
    "person.yml": {"action", "people", "evidence", "relation"},
}
ELEMENT_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


@pytest.mark.parametrize("name", sorted(FORM_FIELDS))
def test_issue_form_is_valid_and_asks_what_an_editor_needs(name: str) -> None:
    form = load(FORMS / name)
    assert {"name", "description", "body"} <= set(form)
    assert set(form) <= {"name", "description", "body", "title", "labels", "assignees", "projects", "type"}
    ids = []
    for element in form["body"]:
        assert element["type"] in ELEMENT_TYPES
        assert "attributes" in element
        if element["type"] == "markdown":
            assert element["attributes"]["value"].strip()
            continue
        ids.append(element["id"])
        assert element["attributes"]["label"].strip()
        if element["type"] == "dropdown":
            # An unquoted option with ": " in it would be read as a mapping, which GitHub rejects.
            assert all(isinstance(o, str) and o for o in element["attributes"]["options"]), element["id"]
        if element["type"] == "checkboxes":
            assert all(isinstance(o["label"], str) for o in element["attributes"]["options"]), element["id"]
    assert len(ids) == len(set(ids)), "ids must be unique"
    required = {
        e["id"]
        for e in form["body"]
        if e.get("validations", {}).get("required")
        or any(isinstance(o, dict) and o.get("required") for o in e["attributes"].get("options", []))
    }
    assert required >= FORM_FIELDS[name]


def test_issue_chooser_config_parses() -> None:
    config = load(FORMS / "config.yml")
    assert isinstance(config["blank_issues_enabled"], bool)
    for link in config.get("contact_links", []):
        assert link["url"].startswith("https://") and link["name"] and link["about"]
