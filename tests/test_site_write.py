"""Writing the docs folder (only what changed) and swapping a built site into place."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browsing import fetch, free_port

from build_tools import write
from build_tools.pipeline import BuildError, generate

FIXTURE = Path(__file__).parent / "fixtures" / "archive"


def test_sync_writes_only_changed_files_and_removes_stale_ones(tmp_path: Path) -> None:
    source = tmp_path / "source.pdf"
    source.write_bytes(b"%PDF")
    docs = tmp_path / "docs"
    first = write.sync(docs, {"a/index.md": b"A", "b/index.md": b"B", "a/a.pdf": source, "old/x.md": b"X"})
    assert first == write.Changes(written=4, unchanged=0, removed=0)
    before = (docs / "a" / "index.md").stat().st_mtime_ns
    second = write.sync(docs, {"a/index.md": b"A", "b/index.md": b"B2", "a/a.pdf": source})
    assert second == write.Changes(written=1, unchanged=2, removed=1)
    assert (docs / "a" / "index.md").stat().st_mtime_ns == before
    assert (docs / "b" / "index.md").read_bytes() == b"B2"
    assert not (docs / "old").exists()


def test_staged_files_are_moved_into_place_when_changed_and_left_when_not(tmp_path: Path) -> None:
    source = tmp_path / "source.pdf"
    source.write_bytes(b"%PDF")
    docs = tmp_path / "docs"
    write.sync(docs, {"a/index.md": "A", "b/index.md": "B"})
    before = (docs / "a" / "index.md").stat().st_mtime_ns
    stage = write.Stage(tmp_path / "stage")
    files: dict[str, write.Content] = {
        "a/index.md": stage.put("a/index.md", "A"),
        "b/index.md": stage.put("b/index.md", "Б"),
        "a/a.pdf": source,
    }
    assert files["b/index.md"] == tmp_path / "stage" / "b" / "index.md"
    assert write.sync(docs, files, stage) == write.Changes(written=2, unchanged=1, removed=0)
    assert (docs / "a" / "index.md").stat().st_mtime_ns == before
    assert (docs / "b" / "index.md").read_text(encoding="utf-8") == "Б"
    assert not (tmp_path / "stage" / "b" / "index.md").exists()  # moved, not copied
    assert (tmp_path / "stage" / "a" / "index.md").exists()  # unchanged: left on the stage
    assert source.exists()  # a file from outside the stage is copied
    assert sorted(p.name for p in write.Stage(tmp_path / "stage").folder.iterdir()) == []


def test_a_first_sync_takes_the_stage_whole_and_writes_the_rest(tmp_path: Path) -> None:
    source = tmp_path / "source.pdf"
    source.write_bytes(b"%PDF")
    stage = write.Stage(tmp_path / "stage")
    files: dict[str, write.Content] = {
        "a/index.md": stage.put("a/index.md", "A"),
        "b/c/index.md": stage.put("b/c/index.md", "Б"),
        "a/a.pdf": source,
        "index.md": b"home",
    }
    docs = tmp_path / "work" / "docs"
    assert write.sync(docs, files, stage) == write.Changes(written=4, unchanged=0, removed=0)
    found = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    assert found == {"a/index.md": b"A", "b/c/index.md": "Б".encode(), "a/a.pdf": b"%PDF", "index.md": b"home"}
    assert list(stage.folder.iterdir()) == []
    # A stage holding a file that is not to be synced is not taken whole.
    stage = write.Stage(tmp_path / "stage")
    files = {"a/index.md": stage.put("a/index.md", "A")}
    stage.put("stray.md", "S")
    again = tmp_path / "again"
    assert write.sync(again, files, stage) == write.Changes(written=1, unchanged=0, removed=0)
    assert [p.name for p in again.rglob("*.md")] == ["index.md"]


def test_publish_swaps_in_a_finished_site_only(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")

    def fails(into: Path) -> None:
        (into / "index.html").write_text("half")
        raise RuntimeError("theme failed")

    with pytest.raises(RuntimeError):
        write.publish(site, fails)
    assert (site / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]

    def succeeds(into: Path) -> None:
        (into / "index.html").write_text("new")

    write.publish(site, succeeds)
    assert (site / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_an_edit_to_one_paper_rewrites_one_page(tmp_path: Path) -> None:
    papers = tmp_path / "papers"
    shutil.copytree(FIXTURE, papers)
    work = tmp_path / "build"
    first = generate(papers, work)
    assert first.changes.written > 0 and first.changes.unchanged == 0
    body = papers / "2020-ir" / "2020-ir-003" / "paper.md"
    body.write_text(body.read_text(encoding="utf-8") + "\nНовый абзац.\n", encoding="utf-8")
    docs = work / "docs"
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    second = generate(papers, work)
    rewritten = [p.relative_to(docs).as_posix() for p in before if p.stat().st_mtime_ns != before[p]]
    # The paper's page, and the search index which holds its text; no other page.
    assert rewritten == ["2020-ir-003/index.md"]
    assert second.changes.removed == 0 and second.changes.written < 1 + len(list((docs / "search").rglob("*")))
    assert "Новый абзац." in (work / "docs" / "2020-ir-003" / "index.md").read_text(encoding="utf-8")


def test_hand_written_page_clashing_with_a_generated_one_is_a_problem(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "docs" / "volumes").mkdir(parents=True)
    (root / "docs" / "volumes" / "index.md").write_text("# Volumes\n")
    config = Path(__file__).parent.parent / "mkdocs.yml"
    (root / "mkdocs.yml").write_text(config.read_text(encoding="utf-8").replace("custom_dir: build_tools/theme", ""))
    with pytest.raises(BuildError) as raised:
        generate(FIXTURE, tmp_path / "build", root / "mkdocs.yml")
    assert [p.message for p in raised.value.problems] == [
        "volumes/index.md is made by both docs/ and build_tools/render"
    ]
    assert raised.value.problems[0].path == root / "docs" / "volumes" / "index.md"
    # Nothing was written to the docs folder, and the stage is gone. What the caches stored as it
    # came is kept: each entry is named by what it was made from.
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == ["cache"]
    cached = sorted(p.name for p in (tmp_path / "build" / "cache").iterdir())
    assert cached == ["loaded-papers", "paper-exports", "paper-pages", "search-documents"]


def served_copy(tmp_path: Path) -> tuple[Path, Path, dict[str, Any]]:
    """A copy of the fixture archive, its docs folder, and the MkDocs config the serve hook reads."""
    from build_tools.pipeline import CONFIG

    papers = tmp_path / "papers"
    shutil.copytree(FIXTURE, papers)
    docs = tmp_path / "build" / "docs"
    config = {"docs_dir": str(docs), "extra": {"archive_serve": {"papers": str(papers), "config": str(CONFIG)}}}
    return papers, docs, config


def served(tmp_path: Path) -> tuple[Path, Path, dict[str, Any]]:
    """`served_copy`, generated as `serve` starts: the docs folder, then what follows it."""
    from build_tools.serve import SERVED
    from build_tools.serve_hook import on_post_build, on_pre_build

    papers, docs, config = served_copy(tmp_path)
    on_pre_build(config)
    on_post_build(config)
    assert SERVED.wait() == 0
    return papers, docs, config


def retitle(yml: Path, title: str) -> None:
    """Give the paper or volume of `yml` the Russian title `title`."""
    text = yml.read_text(encoding="utf-8")
    old = text.split("\n  ru: ", 1)[1].split("\n", 1)[0]
    yml.write_text(text.replace(old, title), encoding="utf-8")


def test_serve_hook_regenerates_the_docs_and_keeps_them_on_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from build_tools.serve_hook import on_pre_build

    papers, docs, config = served_copy(tmp_path)
    on_pre_build(config)
    page = docs / "2020-ir-003" / "index.md"
    good = page.read_text(encoding="utf-8")
    yml = papers / "2020-ir" / "2020-ir-003" / "paper.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("language: ru", "language: xx"), encoding="utf-8")
    on_pre_build(config)
    assert "2020-ir-003/paper.yml:2:" in capsys.readouterr().err
    assert page.read_text(encoding="utf-8") == good


def test_serve_hook_skips_regenerating_when_no_paper_changed(tmp_path: Path) -> None:
    from build_tools.serve_hook import on_pre_build

    papers, docs, config = served_copy(tmp_path)
    on_pre_build(config)
    page = docs / "2020-ir-003" / "index.md"
    page.write_text("changed by hand", encoding="utf-8")
    on_pre_build(config)  # a rebuild set off by the docs folder itself: papers/ as it was
    assert page.read_text(encoding="utf-8") == "changed by hand"
    body = papers / "2020-ir" / "2020-ir-003" / "paper.md"
    body.write_text(body.read_text(encoding="utf-8") + "\nНовый абзац.\n", encoding="utf-8")
    on_pre_build(config)
    assert "Новый абзац." in page.read_text(encoding="utf-8")


def test_serve_hook_renews_the_search_index_after_the_pages(tmp_path: Path) -> None:
    from build_tools.serve import SERVED
    from build_tools.serve_hook import on_post_build, on_pre_build

    papers, docs, config = served(tmp_path)

    def indexed() -> str:
        return "".join(p.read_text(encoding="utf-8") for p in sorted((docs / "search").rglob("*.js")))

    before = indexed()
    assert "2020-ir-003" in before and (docs / "search" / "index.md").is_file()
    body = papers / "2020-ir" / "2020-ir-003" / "paper.md"
    body.write_text(body.read_text(encoding="utf-8") + "\nЗебрамонголия.\n", encoding="utf-8")
    on_pre_build(config)
    assert "Зебрамонголия" in (docs / "2020-ir-003" / "index.md").read_text(encoding="utf-8")
    SERVED.wait()
    assert indexed() == before, "the index was renewed before the pages were built"
    on_post_build(config)
    SERVED.wait()
    after = indexed()
    assert after != before and "зебрамонгол" in after.lower()
    assert (docs / "search" / "index.md").is_file()


def _title_in(page: Path) -> bool:
    return "Зебрамонголия" in page.read_text(encoding="utf-8")


def test_serve_shows_an_edited_paper_first_and_the_pages_listing_it_after(tmp_path: Path) -> None:
    from build_tools.serve import SERVED
    from build_tools.serve_hook import on_post_build, on_pre_build

    papers, docs, config = served(tmp_path)
    retitle(papers / "2020-ir" / "2020-ir-003" / "paper.yml", "Зебрамонголия")
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    on_pre_build(config)
    page, volume = docs / "2020-ir-003" / "index.md", docs / "volumes" / "2020-ir" / "index.md"
    changed = [
        p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file() and p.read_bytes() != before.get(p)
    ]
    assert changed == ["2020-ir-003/index.md"]
    assert _title_in(page) and not _title_in(volume)
    quick = page.read_text(encoding="utf-8")
    on_post_build(config)
    SERVED.wait()
    assert _title_in(volume)
    # The page the quick step wrote is the one the whole generation makes.
    assert page.read_text(encoding="utf-8") == quick
    on_post_build(config)  # nothing more is owed
    assert SERVED.follow_up() is None


def test_serve_regenerates_everything_at_once_after_other_edits(tmp_path: Path) -> None:
    from build_tools.serve_hook import on_pre_build

    papers, docs, config = served(tmp_path)
    retitle(papers / "2020-ir" / "volume.yml", "Зебрамонголия")
    on_pre_build(config)
    assert _title_in(docs / "volumes" / "2020-ir" / "index.md")
    assert _title_in(docs / "2020-ir-003" / "index.md")


def test_generate_command_writes_the_docs_folder_only(tmp_path: Path) -> None:
    import sys

    papers = tmp_path / "papers"
    shutil.copytree(FIXTURE, papers)

    def generate_command() -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "build_tools", "generate", "--papers", str(papers), "--work", "build"]
        root = Path(__file__).parent.parent
        return subprocess.run(
            [*command, "--config", str(root / "mkdocs.yml")],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(root)},
        )

    done = generate_command()
    assert done.returncode == 0, done.stderr
    assert "write: " in done.stderr
    assert (tmp_path / "build" / "docs" / "2020-ir-003" / "index.md").is_file()
    assert (tmp_path / "build" / "docs" / "search").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build", "papers"]
    yml = papers / "2020-ir" / "2020-ir-003" / "paper.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("language: ru", "language: xx"), encoding="utf-8")
    before = (tmp_path / "build" / "docs" / "2020-ir-003" / "index.md").read_bytes()
    done = generate_command()
    assert done.returncode == 1
    assert "2020-ir-003/paper.yml:2:" in done.stderr and "Traceback" not in done.stderr
    assert (tmp_path / "build" / "docs" / "2020-ir-003" / "index.md").read_bytes() == before


def regenerating(tmp_path: Path) -> tuple[Path, Path, dict[str, Any], subprocess.Popen[bytes]]:
    """`served_copy` after an edit to one paper: its page rewritten, the regeneration it owes
    under way (what on_post_build starts)."""
    from build_tools.serve import SERVED
    from build_tools.serve_hook import on_pre_build

    papers, docs, config = served_copy(tmp_path)
    on_pre_build(config)
    body = papers / "2020-ir" / "2020-ir-003" / "paper.md"
    body.write_text(body.read_text(encoding="utf-8") + "\nПервая правка.\n", encoding="utf-8")
    on_pre_build(config)
    follower = SERVED.follow_up()
    assert follower is not None and follower.poll() is None  # it needs seconds; this comes at once
    return papers, docs, config, follower


def test_a_newer_edit_stops_the_regeneration_under_way(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from build_tools.serve import SERVED
    from build_tools.serve_hook import on_post_build, on_pre_build

    papers, docs, config, follower = regenerating(tmp_path)
    body = papers / "2020-ir" / "2020-ir-003" / "paper.md"
    body.write_text(body.read_text(encoding="utf-8") + "\nВторая правка.\n", encoding="utf-8")
    on_pre_build(config)
    assert follower.poll() is not None
    assert "the regeneration under way was stopped" in capsys.readouterr().err
    assert "Вторая правка." in (docs / "2020-ir-003" / "index.md").read_text(encoding="utf-8")
    on_post_build(config)
    assert SERVED.wait() == 0


def test_stopping_the_server_stops_the_regeneration_under_way_first(tmp_path: Path) -> None:
    from build_tools import serve

    *_, follower = regenerating(tmp_path)
    # What `serve` installs for SIGTERM: the regeneration ends before the server starts to.
    with pytest.raises(SystemExit) as stopped:
        serve._stopped(signal.SIGTERM, None)
    assert stopped.value.code == 128 + signal.SIGTERM
    assert follower.poll() is not None


def _until(seconds: float, found: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("kernel", [True, False], ids=["inotify", "polled"])
def test_the_server_shows_an_edit_then_what_the_regeneration_after_it_wrote(tmp_path: Path, kernel: bool) -> None:
    """`serve` for real, with papers/ watched through the kernel and, where that cannot start,
    polled by MkDocs. The title of an edited paper is on its page first; the volume's page has
    it only once the regeneration that follows has written it, and MkDocs, which does not watch
    the docs folder, has rebuilt because that regeneration touched its file."""
    from build_tools.pipeline import ROOT

    papers, docs, _ = served_copy(tmp_path)
    port = free_port()
    run = "import sys; from pathlib import Path; from build_tools import serve; "
    if not kernel:  # as where inotify is missing or has too few watches
        run += "serve.watch_papers = lambda papers, stamp: None; "
    run += f"sys.exit(serve.serve(Path({str(papers)!r}), '127.0.0.1:{port}', work=Path({str(docs.parent)!r})))"
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-c", run], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    paper, volume = f"http://127.0.0.1:{port}/2020-ir-003/", f"http://127.0.0.1:{port}/volumes/2020-ir/"
    try:
        assert _until(120, lambda: fetch(paper) is not None), (tmp_path / "serve.log").read_text()
        assert "Зебрамонголия" not in (fetch(volume) or "")
        retitle(papers / "2020-ir" / "2020-ir-003" / "paper.yml", "Зебрамонголия")
        assert _until(30, lambda: "Зебрамонголия" in (fetch(paper) or ""))
        assert _until(90, lambda: "Зебрамонголия" in (fetch(volume) or "")), (tmp_path / "serve.log").read_text()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(60)
        log.close()


def test_a_change_under_papers_touches_the_file_mkdocs_watches_and_a_read_does_not(tmp_path: Path) -> None:
    from build_tools.serve import watch_papers

    papers, _, _ = served_copy(tmp_path)
    stamp = tmp_path / "changed"
    stamp.write_bytes(b"")
    before = stamp.stat().st_mtime_ns
    watching = watch_papers(papers, stamp)
    assert watching is not None
    try:
        body = papers / "2020-ir" / "2020-ir-003" / "paper.md"
        body.read_text(encoding="utf-8")
        assert not _until(1, lambda: stamp.stat().st_mtime_ns != before)
        body.write_text(body.read_text(encoding="utf-8") + "\nНовый абзац.\n", encoding="utf-8")
        assert _until(5, lambda: stamp.stat().st_mtime_ns != before)
    finally:
        watching.stop()
        watching.join()
    running = set(threading.enumerate())
    assert watch_papers(tmp_path / "missing", stamp) is None
    assert set(threading.enumerate()) <= running  # nothing left behind (forking needs no other thread)


def test_a_file_is_written_anew_never_rewritten_in_place(tmp_path: Path) -> None:
    """A built site holds the docs folder's downloads as hard links: rewriting a docs file in
    place would change the site under it."""
    docs = tmp_path / "docs"
    source = tmp_path / "new.pdf"
    source.write_bytes(b"%PDF new")
    write.sync(docs, {"a.bib": b"old", "b.pdf": b"%PDF old"})
    for name in ("a.bib", "b.pdf"):
        os.link(docs / name, tmp_path / f"site-{name}")
    write.sync(docs, {"a.bib": b"new", "b.pdf": source})
    assert (docs / "a.bib").read_bytes() == b"new" and (docs / "b.pdf").read_bytes() == b"%PDF new"
    assert (tmp_path / "site-a.bib").read_bytes() == b"old"
    assert (tmp_path / "site-b.pdf").read_bytes() == b"%PDF old"
    assert sorted(p.name for p in docs.iterdir()) == ["a.bib", "b.pdf"]
