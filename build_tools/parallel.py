"""Work done paper by paper, in one forked process per core when the archive is large.

Reading, rendering and exporting a paper take milliseconds each and depend on no other paper,
so on a large archive they are spread over the cores. Workers are forked: they share what the
parent holds (the catalog) without copying it, and only their results travel back. Forking is
safe only from a process with no other threads, so `serve` (which runs server threads) and
small archives do the work in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Shared = TypeVar("Shared")
Item = TypeVar("Item")
Result = TypeVar("Result")

FROM = 200
"""Fewer items than this are done here: starting the workers would cost more than it saves."""
CHUNK = 50

_shared: Any = None
"""What the parent passed as `shared`, in a worker (set once when the worker starts)."""


def _start(shared: object) -> None:
    global _shared
    _shared = shared


def _chunk(job: tuple[Callable[[Any, Any], Any], Sequence[Any]]) -> list[Any]:
    function, items = job
    return [function(_shared, item) for item in items]


def workers() -> int:
    """How many processes `map_papers` would use now."""
    if threading.active_count() != 1:
        return 1
    return min(os.cpu_count() or 1, 8)


def map_papers(function: Callable[[Shared, Item], Result], shared: Shared, items: Sequence[Item]) -> list[Result]:
    """`[function(shared, item) for item in items]`, in order, in forked workers from FROM items
    on. `function` must be a module-level function (it is sent to the workers by name)."""
    count = workers()
    if count < 2 or len(items) < FROM:
        return [function(shared, item) for item in items]
    jobs = [(function, items[i : i + CHUNK]) for i in range(0, len(items), CHUNK)]
    context = multiprocessing.get_context("fork")
    # The collector of a worker would otherwise walk, and so copy, every page of the parent's
    # objects it shares (the gc module's advice for forking servers).
    gc.freeze()
    try:
        with ProcessPoolExecutor(count, mp_context=context, initializer=_start, initargs=(shared,)) as pool:
            return [result for chunk in pool.map(_chunk, jobs) for result in chunk]
    finally:
        gc.unfreeze()
