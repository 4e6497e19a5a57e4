"""The benchmark archive generator: valid output, deterministic, within the promised ranges."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from build_tools.__main__ import validate
from build_tools.problems import Severity

GENERATOR = Path(__file__).parent.parent / "benchmarks" / "generate.py"
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
N_PAPERS = 30


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    return _load()


@pytest.fixture(scope="module")
def archive(generator: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated") / "papers"
    generator.generate(root, N_PAPERS, 7)
    return root


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _papers(root: Path) -> list[tuple[dict[str, object], str]]:
    out = []
    for meta in sorted(root.glob("*/*/paper.yml")):
        out.append((yaml.safe_load(meta.read_text(encoding="utf-8")), (meta.parent / "paper.md").read_text("utf-8")))
    return out


def test_generated_archive_validates_without_problems(archive: Path) -> None:
    catalog, problems = validate(archive)
    assert [p for p in problems if p.severity is Severity.ERROR] == []
    assert len(catalog.papers) == N_PAPERS
    assert len(catalog.volumes) == 1  # fewer than ~200 papers make one volume


def test_same_seed_same_bytes_other_seed_other_archive(generator: ModuleType, archive: Path, tmp_path: Path) -> None:
    again, other = tmp_path / "again", tmp_path / "other"
    generator.generate(again, N_PAPERS, 7)
    generator.generate(other, N_PAPERS, 8)
    assert _tree(again) == _tree(archive)
    assert _tree(other) != _tree(archive)


def test_papers_have_the_promised_sizes(generator: ModuleType, archive: Path) -> None:
    papers = _papers(archive)
    assert len(papers) == N_PAPERS
    for meta, body in papers:
        assert 2000 <= generator.count_words(body) <= 3000, meta["id"]
        assert 10 <= len(meta["references"]) <= 20  # type: ignore[arg-type]
        assert 1 <= len(meta["authors"]) <= 3  # type: ignore[arg-type]
        assert len(meta["supervisors"]) == 1  # type: ignore[arg-type]
        assert "\n## " in body
    assert {meta["language"] for meta, _ in papers} == {"kk", "ru", "en"}
    for meta, body in papers:
        if meta["language"] == "kk":
            assert len(KAZAKH_LETTERS & set(body)) >= 5, meta["id"]


def test_people_come_from_one_pool_in_both_scripts(archive: Path) -> None:
    registry = yaml.safe_load((archive / "people.yml").read_text(encoding="utf-8"))["people"]
    supervisors = [s["name"] for meta, _ in _papers(archive) for s in meta["supervisors"]]  # type: ignore[attr-defined]
    assert len(set(supervisors)) < len(supervisors) / 2  # a few supervisors share the papers
    assert len(registry) < N_PAPERS * 3  # authors are drawn from the registry, not made per paper
    latin = [p for p in registry if any(n.isascii() for n in p["names"])]
    assert 0 < len(latin) < len(registry)


def test_volumes_hold_about_two_hundred_papers(generator: ModuleType, tmp_path: Path) -> None:
    sizes = generator.split_volumes(random.Random(3), 1000)
    assert sum(sizes) == 1000
    assert all(150 <= size <= 250 for size in sizes)
    ids = [vid for vid, _ in generator.volume_ids(60)]
    assert len(set(ids)) == 60


def test_refuses_the_repository_and_a_full_folder(generator: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="inside the repository"):
        generator.generate(GENERATOR.parent.parent / "papers", 1, 1)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    with pytest.raises(ValueError, match="not empty"):
        generator.generate(tmp_path / "full", 1, 1)
