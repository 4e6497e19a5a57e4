"""Work spread over forked processes gives the results of doing it in one, in order."""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path

import pytest

from build_tools import parallel


def _tagged(shared: str, item: int) -> tuple[str, int, int]:
    return shared, item * item, os.getpid()


@pytest.fixture
def forked(forkable: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers are forked from two items on, three items a job."""
    monkeypatch.setattr(parallel, "FROM", 2)
    monkeypatch.setattr(parallel, "CHUNK", 3)


@pytest.mark.usefixtures("forked")
def test_forked_workers_share_the_parents_data_and_keep_the_order() -> None:
    results = parallel.map_papers(_tagged, "shared", list(range(20)))
    assert [(s, square) for s, square, _ in results] == [("shared", i * i) for i in range(20)]
    assert os.getpid() not in {pid for _, _, pid in results}


def test_few_items_are_done_in_this_process() -> None:
    results = parallel.map_papers(_tagged, "x", [1, 2, 3])
    assert {pid for _, _, pid in results} == {os.getpid()}


@pytest.mark.usefixtures("forked")
def test_results_come_in_order_and_stopping_early_shuts_the_workers_down() -> None:
    results = parallel.each_paper(_tagged, "shared", list(range(200)))
    assert next(results)[:2] == ("shared", 0)
    assert next(results)[:2] == ("shared", 1)
    workers = {pid for _, _, pid in [next(results) for _ in range(20)]}
    results.close()  # the caller stops early (a failed write): the pool is shut down
    for pid in workers:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # already reaped: not a child any more


def _aside_state(shared: str) -> tuple[str, int, bool]:
    return shared, os.getpid(), gc.isenabled()


def test_work_aside_runs_in_a_process_of_its_own_without_the_cyclic_collector(forkable: None) -> None:
    shared, pid, collecting = parallel.Aside(_aside_state, "shared", worth_it=True).result()
    assert (shared, collecting) == ("shared", False)
    assert pid != os.getpid()
    assert gc.isenabled()  # this process collects as before


def test_work_aside_not_worth_a_process_is_done_here_when_asked_for() -> None:
    assert parallel.Aside(_aside_state, "shared", worth_it=False).result() == ("shared", os.getpid(), True)


def _wait_for(path: str) -> str:
    while not os.path.exists(path):
        time.sleep(0.01)
    return "made aside"


@pytest.mark.usefixtures("forked")
def test_while_work_aside_goes_on_this_process_does_the_items_then_workers_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With two cores and one taken by a process working aside, no worker is forked: they
    would share the other core and each hold memory of its own. Once that work has ended,
    workers take the items left."""
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    finished = str(tmp_path / "finished")
    aside = parallel.Aside(_wait_for, finished, worth_it=True)
    try:
        results = parallel.each_paper(_tagged, "shared", list(range(30)))
        first = [next(results) for _ in range(6)]
        assert {pid for _, _, pid in first} == {os.getpid()}
        open(finished, "w").close()  # the work aside ends and sends its result
        deadline = time.monotonic() + 10
        while aside.working() and time.monotonic() < deadline:
            time.sleep(0.01)
        rest = list(results)
        assert [square for _, square, _ in first + rest] == [i * i for i in range(30)]
        assert os.getpid() not in {pid for _, _, pid in rest[3:]}  # at most the chunk under way is done here
        assert aside.result() == "made aside"
    finally:
        aside.cancel()
