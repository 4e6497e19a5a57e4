from __future__ import annotations

from pathlib import Path

from build_tools.__main__ import validate
from build_tools.problems import Severity


def test_fixture_archive_is_valid(fixture_archive: Path) -> None:
    catalog, problems = validate(fixture_archive)
    assert [p.format() for p in problems if p.severity is Severity.ERROR] == []
    assert sorted(catalog.papers) == ["2020-ir-001", "2020-ir-002", "2020-ir-003", "2021-ir-001"]
    assert {p.language for p in catalog.papers.values()} == {"kk", "ru", "en"}


def test_people_resolve_across_scripts(fixture_archive: Path) -> None:
    catalog, _ = validate(fixture_archive)
    english = catalog.papers["2020-ir-001"]
    russian = catalog.papers["2020-ir-003"]
    # "D.K Akhmedyanova" and "Ахмедьянова Д.К." are one registry person.
    assert catalog.credited(english, "supervisors")[0].id == "akhmedyanova-d-k"
    assert catalog.credited(russian, "supervisors")[0].id == "akhmedyanova-d-k"
    # Namesakes stay apart: the 2021 paper names its Ivanov explicitly.
    assert catalog.credited(catalog.papers["2021-ir-001"], "authors")[0].id == "ivanov-s-p-2"
    assert catalog.credited(russian, "authors")[0].id == "ivanov-s-p"
