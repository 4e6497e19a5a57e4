"""Work done paper by paper, in one forked process per core when the archive is large, and work
done aside (`Aside`: the search index, made in a process of its own beside the rendering).

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
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

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
    return list(each_paper(function, shared, items))


def each_paper(function: Callable[[Shared, Item], Result], shared: Shared, items: Sequence[Item]) -> Iterator[Result]:
    """`function(shared, item)` for each of `items`, yielded in order as they are done (so that
    the caller can write each away instead of holding them all), as `map_papers` does them.

    A process working aside (`Aside`, the search index) has a core of its own. With one core
    left, this process does the items itself, a chunk at a time, until that work is done, and
    only then forks workers for the rest: forked earlier, they would share the one core and each
    hold memory of its own (at 10,000 papers the build's peak was the main process, the search
    index's and two workers' at once)."""
    done = 0
    while done < len(items) and (aside := _working_aside()) > 0 and workers() - aside < 2:
        for item in items[done : done + CHUNK]:
            yield function(shared, item)
        done += CHUNK
    items = items[done:]
    count = workers() - _working_aside()
    if count < 2 or len(items) < FROM:
        for item in items:
            yield function(shared, item)
        return
    jobs = [(function, items[i : i + CHUNK]) for i in range(0, len(items), CHUNK)]
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(count, mp_context=context, initializer=_start, initargs=(shared,))
    try:
        # The collector of a worker would otherwise walk, and so copy, every page of the parent's
        # objects it shares (the gc module's advice for forking servers). The workers are forked
        # when the first job is handed out.
        gc.freeze()
        try:
            chunks = pool.map(_chunk, jobs)
        finally:
            gc.unfreeze()
        for chunk in chunks:
            yield from chunk
    finally:
        pool.shutdown(cancel_futures=True)


_asides: list[Aside[Any]] = []
"""The processes started to work aside and not yet read."""


def _working_aside() -> int:
    """How many processes are working aside now: started, and with no result sent yet."""
    return sum(1 for aside in _asides if aside.working())


class Aside(Generic[Result]):
    """`function(shared)`, started at once in a forked process when `worth_it` and `workers()`
    allow it, else made here when its result is asked for. The forked process shares what the
    parent holds without copying it; only the result travels back."""

    def __init__(self, function: Callable[[Shared], Result], shared: Shared, worth_it: bool) -> None:
        self._function: Callable[[Any], Result] = function
        self._shared: Any = shared
        self.process: BaseProcess | None = None
        self.receive: Connection | None = None
        self._sent: tuple[bool, Any] | None = None
        """What the process sent, read as soon as it came: the process then ends and lets go of
        its memory (the search index's was 0.7 GB at 10,000 papers), not when `result` is called."""
        if not worth_it or workers() < 2:
            return
        context = multiprocessing.get_context("fork")
        self.receive, send = context.Pipe(duplex=False)
        self.process = context.Process(target=_aside_into, args=(function, shared, send), daemon=True)
        gc.freeze()  # as for the workers of `map_papers`
        try:
            self.process.start()
        finally:
            gc.unfreeze()
        send.close()
        _asides.append(self)

    def working(self) -> bool:
        """Whether the process is still making its result; once it has sent it, the result is
        read, and the process ends."""
        if self.receive is None or self.process is None or self._sent is not None:
            return False
        if not self.receive.poll():
            return True
        self._receive()
        return False

    def _receive(self) -> None:
        assert self.receive is not None and self.process is not None
        try:
            self._sent = self.receive.recv()
        except EOFError:
            self._sent = (False, RuntimeError("the process working aside ended without a result"))
        self.process.join()

    def result(self) -> Result:
        if self.receive is None:
            return self._function(self._shared)
        try:
            if self._sent is None:
                self._receive()
            assert self._sent is not None
            ok, value = self._sent
        finally:
            self.cancel()
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    def cancel(self) -> None:
        """Stop the process if it is still running (the build failed before its result was read)."""
        if self in _asides:
            _asides.remove(self)
        if self.receive is not None:
            self.receive.close()
            self.receive = None
        if self.process is not None:
            if self.process.is_alive():
                self.process.terminate()
            self.process.join()
            self.process = None


def _aside_into(function: Callable[[Any], Any], shared: object, send: Connection) -> None:
    # The process makes one result, holding what it makes until the end, then exits. The cyclic
    # collector would only walk that growing heap again and again: for the search index of
    # 10,000 papers, a quarter of its time (215 against 164 s of CPU), for the same peak memory.
    gc.disable()
    try:
        send.send((True, function(shared)))
    except BaseException as error:  # re-raised in the parent, which reports it
        send.send((False, error))
    finally:
        send.close()
