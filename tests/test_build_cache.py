"""Outputs kept between builds (build_tools/cache.py): a rebuild reuses a paper's page only while
the paper, what its page is made from and the build code are unchanged."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from build_tools import cache
from build_tools.pipeline import Progress, generate

FIXTURE = Path(__file__).parent / "fixtures" / "archive"
PAPER = "2020-ir-001"


def _line(progress: object, stage_name: str = "render") -> str:
    assert isinstance(progress, Progress)
    return next(stage.detail for stage in progress.stages if stage.name == stage_name)


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The fixture archive generated, then one paper's text edited and generated again (warm),
    and the edited archive generated once more into an empty work folder (cold)."""
    tmp = tmp_path_factory.mktemp("cache")
    papers = tmp / "archive"
    shutil.copytree(FIXTURE, papers)
    work = tmp / "work"
    first = Progress(quiet=True)
    generate(papers, work, progress=first)
    body = next(papers.glob(f"*/{PAPER}/paper.md"))
    body.write_text(body.read_text(encoding="utf-8") + "\nA sentence added by an editor.\n", encoding="utf-8")
    warm = Progress(quiet=True)
    generate(papers, work, progress=warm)
    cold = Progress(quiet=True)
    generate(papers, tmp / "cold", progress=cold)
    return {"first": first, "warm": warm, "cold": cold, "work": work, "cold_work": tmp / "cold", "papers": 4}


def test_an_edit_renders_only_the_edited_paper_again(rebuilt: dict[str, object]) -> None:
    assert "(4 papers read, 0 unchanged)" in _line(rebuilt["first"], "load & validate")
    assert "(1 papers read, 3 unchanged)" in _line(rebuilt["warm"], "load & validate")
    assert "(4 paper pages rendered, 0 cached)" in _line(rebuilt["first"])
    assert "(1 paper pages rendered, 3 cached)" in _line(rebuilt["warm"])
    assert "(4 papers exported, 0 cached)" in _line(rebuilt["first"], "bibliography")
    assert "(1 papers exported, 3 cached)" in _line(rebuilt["warm"], "bibliography")
    assert "(4 papers indexed, 0 cached)" in _line(rebuilt["first"], "search")
    assert "(1 papers indexed, 3 cached)" in _line(rebuilt["warm"], "search")


def test_a_page_from_the_cache_equals_a_freshly_rendered_one(rebuilt: dict[str, object]) -> None:
    warm, cold = Path(str(rebuilt["work"])) / "docs", Path(str(rebuilt["cold_work"])) / "docs"
    edited = (warm / PAPER / "index.md").read_text(encoding="utf-8")
    assert "A sentence added by an editor." in edited
    warm_files = sorted(p.relative_to(warm).as_posix() for p in warm.rglob("*") if p.is_file())
    cold_files = sorted(p.relative_to(cold).as_posix() for p in cold.rglob("*") if p.is_file())
    assert warm_files == cold_files
    assert all((warm / f).read_bytes() == (cold / f).read_bytes() for f in warm_files)


def test_the_cache_keeps_only_the_entries_of_the_last_build(rebuilt: dict[str, object]) -> None:
    for name in ("loaded-papers", "paper-pages", "paper-exports", "search-documents"):
        entries = list((Path(str(rebuilt["work"])) / "cache" / name).iterdir())
        assert len(entries) == rebuilt["papers"]


def test_a_change_to_the_build_code_changes_every_key(tmp_path: Path) -> None:
    code = tmp_path / "build_tools"
    (code / "render").mkdir(parents=True)
    (code / "render" / "paper.py").write_text("X = 1\n")
    before = cache.folder_version(code)
    (code / "render" / "paper.py").write_text("X = 2\n")
    assert cache.folder_version(code) != before
    (code / "render" / "paper.py").write_text("X = 1\n")
    assert cache.folder_version(code) == before
    (code / "new.py").write_text("")
    assert cache.folder_version(code) != before
    # Keys are made with the version of the code that is running.
    assert cache.code_version.__wrapped__() == cache.folder_version(cache.PACKAGE)


def test_keys_differ_with_any_part_and_entries_round_trip(tmp_path: Path) -> None:
    assert cache.key("page", "a") != cache.key("page", "b")
    assert cache.key("page", "a") == cache.key("page", "a")
    kept = cache.Cache(tmp_path, "pages")
    assert kept.get(cache.key("page", "a")) is None
    kept.put(cache.key("page", "a"), "text")
    assert not (tmp_path / "pages").exists()  # nothing stored before `save`
    kept.save()
    again = cache.Cache(tmp_path, "pages")
    assert again.get(cache.key("page", "a")) == "text"
    again.save()
    assert len(list((tmp_path / "pages").iterdir())) == 1
    cache.Cache(tmp_path, "pages").save()  # a build that used no entry
    assert not list((tmp_path / "pages").iterdir())
    at_once = cache.Cache(tmp_path, "pages", at_once=True)
    at_once.put(cache.key("page", "b"), "text")
    assert (tmp_path / "pages" / cache.key("page", "b")).is_file()  # stored before `save`


def test_the_search_index_made_in_a_second_process_equals_the_one_made_here(
    fixture_archive: Path, tmp_path: Path
) -> None:
    import threading

    from build_tools import parallel, search, write
    from build_tools.catalog import Catalog
    from build_tools.load import load_archive
    from build_tools.pipeline import _search_index

    catalog, _ = Catalog.build(load_archive(fixture_archive)[0])
    forked = threading.active_count() == 1
    documents = cache.Cache(None, "search-documents")
    stage = write.Stage(tmp_path / "stage")
    aside = parallel.Aside(_search_index, (catalog, documents, stage), worth_it=True)
    assert documents.misses == 0
    assert (aside.process is not None) == forked
    made, kept = aside.result()
    # The index's files come back as the files it wrote to the stage.
    assert {path: Path(str(file)).read_bytes() for path, file in made.items()} == search.files(catalog)
    assert kept.misses == len(catalog.papers)  # the other process's cache came back
    assert aside.process is None  # joined once its result was read
    cancelled = parallel.Aside(_search_index, (catalog, documents, stage), worth_it=True)
    cancelled.cancel()  # a build that failed before reading it leaves no process behind
    assert cancelled.process is None and cancelled.receive is None


def test_a_damaged_entry_is_made_again(tmp_path: Path) -> None:
    kept = cache.Cache(tmp_path, "pages")
    kept.put("k", "text")
    kept.save()
    (tmp_path / "pages" / "k").write_bytes(b"\x80\x05garbage")
    again = cache.Cache(tmp_path, "pages")
    assert again.get("k") is None and again.misses == 1


def test_outputs_are_taken_from_the_cache_or_made_together_in_order(tmp_path: Path) -> None:
    kept = cache.Cache(tmp_path, "squares")
    kept.put(cache.key("b"), 4)
    kept.put(cache.key("c"), "not a number")
    kept.save()
    again = cache.Cache(tmp_path, "squares")
    asked: list[list[str]] = []

    def make(missing: list[str]) -> list[int]:
        asked.append(missing)
        return [ord(item) for item in missing]

    keys = {item: cache.key(item) for item in ("a", "b", "c")}
    assert again.outputs(keys, make, int) == {"a": 97, "b": 4, "c": 99}
    assert list(again.outputs(keys, make, int)) == ["a", "b", "c"]
    assert asked[0] == ["a", "c"]  # one call for every missing item; a wrong type is missing
    assert (again.hits, again.misses) == (1 + 1, 2 + 2)


def test_outputs_are_stored_and_let_go_one_by_one_as_they_are_made(tmp_path: Path) -> None:
    kept = cache.Cache(tmp_path, "pages", at_once=True)
    keys = {item: cache.key(item) for item in ("a", "b", "c")}
    stored_before: list[list[str]] = []

    def make(missing: list[str]) -> Iterator[str]:
        for item in missing:
            stored_before.append(sorted(p.name for p in (tmp_path / "pages").glob("[!.]*")))
            yield item * 1000

    held = kept.outputs(keys, make, str, hold=lambda item, text: (item, len(text)))
    assert held == {"a": ("a", 1000), "b": ("b", 1000), "c": ("c", 1000)}
    # Each output was stored before the next was made.
    assert [len(names) for names in stored_before] == [0, 1, 2]
    again = cache.Cache(tmp_path, "pages")
    assert again.outputs(keys, make, str, hold=lambda item, text: (item, len(text))) == held
    assert again.hits == 3 and len(stored_before) == 3


@pytest.mark.usefixtures("forkable")
def test_pages_and_exports_are_stored_and_staged_by_the_workers_that_made_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from build_tools import bibliography, parallel, render, write
    from build_tools.catalog import Catalog
    from build_tools.load import load_archive
    from build_tools.render.base import Site

    catalog, _ = Catalog.build(load_archive(FIXTURE)[0])
    monkeypatch.setattr(parallel, "FROM", 1)
    monkeypatch.setattr(parallel, "CHUNK", 1)
    site = Site("https://example.org/", "Archive", "en", "hidden")
    writers = tmp_path / "writers"
    put = write.Stage.put

    def put_and_say_who(self: write.Stage, relative: str, content: str | bytes) -> Path:
        with writers.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return put(self, relative, content)

    monkeypatch.setattr(write.Stage, "put", put_and_say_who)
    stage = write.Stage(tmp_path / "stage")
    kept = cache.Cache(tmp_path / "cache", "paper-pages", at_once=True)
    made = render.paper.pages(catalog, site, kept, stage)
    exported = cache.Cache(tmp_path / "cache", "paper-exports", at_once=True)
    downloads = bibliography.files(catalog, site_url=site.url, kept=exported, stage=stage)
    assert str(os.getpid()) not in writers.read_text().split()
    staged = {path for path, content in {**made, **downloads}.items() if isinstance(content, Path)}
    assert staged and staged == stage.files()
    assert made == {path: stage.folder / path for path in made}
    # Every entry the workers stored is this build's, and none is pruned.
    for kind, count in ((kept, len(catalog.papers)), (exported, len(catalog.papers))):
        kind.save()
        assert kind.misses == count and len(kind.used) == count
        assert len(list(kind.path.iterdir())) == count  # type: ignore[union-attr]
    again = cache.Cache(tmp_path / "cache", "paper-pages", at_once=True)
    assert {p: c for p, c in render.paper.pages(catalog, site, again).items()} == {
        path: (stage.folder / path).read_text(encoding="utf-8") for path in made
    }
    assert again.hits == len(catalog.papers)
