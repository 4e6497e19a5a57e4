from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_tools.__main__ import main, validate
from build_tools.problems import Severity
from build_tools.schema import schema


@pytest.fixture
def papers(fixture_archive: Path, tmp_path: Path) -> Path:
    shutil.copytree(fixture_archive, tmp_path / "papers")
    return tmp_path / "papers"


def errors(papers: Path) -> list[tuple[str, int, str, str]]:
    _, problems = validate(papers)
    return [
        (p.path.name, p.position.line if p.position else 0, p.field, p.message)
        for p in problems
        if p.severity is Severity.ERROR
    ]


def fill(paper_yml: Path) -> None:
    """What a contributor does: replace every empty placeholder with the paper's data."""
    text = paper_yml.read_text(encoding="utf-8")
    for placeholder, value in [
        ('language: ""', "language: en"),
        ('udc: [""]', 'udc: ["327.8"]'),
        ("title: {}", "title: {en: Public diplomacy in Central Asia}"),
        # The first empty name is the author's, the next the supervisor's.
        ('- name: ""', "- name: Bodenova Alsina"),
        ('affiliation: ""', "affiliation: Eurasian National University"),
        ('- name: ""', "- name: D.K Akhmedyanova"),
    ]:
        assert placeholder in text, placeholder
        text = text.replace(placeholder, value, 1)
    paper_yml.write_text(text, encoding="utf-8")


def test_new_makes_the_next_free_id(papers: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "--volume", "2020-ir", "--papers", str(papers)]) == 0
    folder = papers / "2020-ir" / "2020-ir-004"
    assert sorted(p.name for p in folder.iterdir()) == ["paper.md", "paper.yml"]
    assert "id: 2020-ir-004\n" in (folder / "paper.yml").read_text(encoding="utf-8")
    assert str(folder) in capsys.readouterr().out


def test_new_never_reuses_a_gap(papers: Path) -> None:
    # 2020-ir-009 may have been removed after its URL was published: numbers only go up.
    (papers / "2020-ir" / "2020-ir-009").mkdir()
    assert main(["new", "--volume", "2020-ir", "--papers", str(papers)]) == 0
    assert (papers / "2020-ir" / "2020-ir-010" / "paper.yml").is_file()
    assert not (papers / "2020-ir" / "2020-ir-004").exists()


def test_unfilled_template_fails_naming_each_placeholder(papers: Path) -> None:
    main(["new", "--volume", "2021-ir", "--papers", str(papers)])
    found = errors(papers)
    fields = {field for name, _, field, _ in found if name == "paper.yml"}
    assert {"language", "udc[0]", "title", "authors[0].name", "authors[0].affiliation", "supervisors[0].name"} <= fields
    lines = (papers / "2021-ir" / "2021-ir-002" / "paper.yml").read_text(encoding="utf-8").splitlines()
    for _, line, field, _ in found:
        assert line > 0, field
        # Each problem points at the placeholder's own line.
        assert lines[line - 1].lstrip(" -").startswith(field.split(".")[-1].split("[")[0]), (field, line)
    assert ("paper.yml", lines.index("title: {}") + 1, "title", "must not be empty") in found


def test_filled_template_validates(papers: Path) -> None:
    main(["new", "--volume", "2020-ir", "--papers", str(papers)])
    fill(papers / "2020-ir" / "2020-ir-004" / "paper.yml")
    assert errors(papers) == []
    catalog, _ = validate(papers)
    paper = catalog.papers["2020-ir-004"]
    assert paper.licence == "CC-BY-4.0"  # taken from volume.yml
    assert catalog.credited(paper, "supervisors")[0].id == "akhmedyanova-d-k"


def test_language_option_prefills_the_title_key(papers: Path) -> None:
    main(["new", "--volume", "2020-ir", "--language", "kk", "--papers", str(papers)])
    text = (papers / "2020-ir" / "2020-ir-004" / "paper.yml").read_text(encoding="utf-8")
    assert 'language: "kk"\n' in text
    assert 'title:\n  kk: ""\n' in text


def test_template_comments_are_the_schema_descriptions(papers: Path) -> None:
    main(["new", "--volume", "2020-ir", "--papers", str(papers)])
    text = (papers / "2020-ir" / "2020-ir-004" / "paper.yml").read_text(encoding="utf-8")
    comments = " ".join(line.strip().removeprefix("# ") for line in text.splitlines() if line.strip().startswith("#"))
    for field in ("id", "language", "udc", "title", "references", "licence"):
        assert schema("paper")["properties"][field]["description"] in comments, field


def test_template_names_its_schema_for_editors(papers: Path) -> None:
    main(["new", "--volume", "2020-ir", "--papers", str(papers)])
    first = (papers / "2020-ir" / "2020-ir-004" / "paper.yml").read_text(encoding="utf-8").splitlines()[0]
    relative = first.removeprefix("# yaml-language-server: $schema=")
    assert relative != first
    # Resolved from papers/<volume>/<paper>/ of the repository, it is the schema validate uses.
    repository = Path(__file__).parent.parent
    resolved = (repository / "papers" / "2020-ir" / "2020-ir-004" / relative).resolve()
    assert resolved == (repository / "build_tools" / "schema" / "paper.schema.json").resolve()
    assert resolved.is_file()


def test_unknown_volume_is_a_clear_error(papers: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "--volume", "1999-xx", "--papers", str(papers)]) == 1
    err = capsys.readouterr().err
    assert "volume: no volume '1999-xx'; known volumes: 2020-ir, 2021-ir" in err
    assert "Traceback" not in err
    assert not (papers / "1999-xx").exists()
