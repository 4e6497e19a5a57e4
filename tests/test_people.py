from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.__main__ import validate
from build_tools.catalog import Catalog


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    catalog, _ = validate(Path(__file__).parent / "fixtures" / "archive")
    return catalog


def test_works_by_role(catalog: Catalog) -> None:
    authors = {person: [p.id for p in papers] for person, papers in catalog.works("authors").items()}
    supervisors = {person: [p.id for p in papers] for person, papers in catalog.works("supervisors").items()}
    assert authors["ergalieva-a-a"] == ["2020-ir-002"]
    assert authors["abilqayyr-n"] == ["2020-ir-002"]
    # Namesakes keep their own papers.
    assert authors["ivanov-s-p"] == ["2020-ir-003"]
    assert authors["ivanov-s-p-2"] == ["2021-ir-001"]
    # One person under two spellings (D.K Akhmedyanova, Ахмедьянова Д.К.) supervised both papers.
    assert supervisors["akhmedyanova-d-k"] == ["2020-ir-001", "2020-ir-003"]
    assert supervisors["dauylbaev-a-b"] == ["2020-ir-002", "2021-ir-001"]
    assert "akhmedyanova-d-k" not in authors


def test_volume_editors_resolve(catalog: Catalog) -> None:
    assert [p.id for p in catalog.edited(catalog.volumes["2020-ir"])] == ["akhmedyanova-d-k"]
    assert catalog.edited(catalog.volumes["2021-ir"]) == ()
