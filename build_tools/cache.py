"""Outputs kept between builds, so a rebuild (and `serve` after an edit) redoes only what changed.

A cached output is stored under a key that hashes everything it is made from: the inputs the
caller names (a paper's data, the people it credits, the site settings) and the version of the
build code itself (every file under build_tools/), so an edit to a paper or to the code never
reuses a stale output. Entries are files in `build/cache/<name>/`, one per key, stored when the
build has succeeded, or as soon as they are made (`at_once`: the pages of a large archive,
which are then never all held in memory; an entry left by a failed build is harmless, as its
key says exactly what it was made from). A build keeps only the entries it used, so the folder
never grows beyond one archive's worth.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from . import parallel

Item = TypeVar("Item")

PACKAGE = Path(__file__).resolve().parent


def folder_version(folder: Path) -> str:
    """A hash of the names and contents of every file under `folder` (compiled Python left out)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """The version of the build code: every file under build_tools/ (Python, templates, schemas,
    data). Read once per process: the code does not change under a running build."""
    return folder_version(PACKAGE)


def key(*parts: object) -> str:
    """The key of an output made from `parts` by the current code. Parts are hashed by their
    `repr`, which for the model's frozen dataclasses spells out every field."""
    digest = hashlib.sha256(code_version().encode())
    for part in parts:
        digest.update(b"\0" + repr(part).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@dataclass
class Cache:
    """One kind of cached output (`name`), stored under `folder` (None: nothing is kept)."""

    folder: Path | None
    name: str
    at_once: bool = False
    used: set[str] = field(default_factory=set)
    pending: dict[str, Any] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0
    _folder_made: bool = False
    """Whether `path` was made in this process: it is asked for once, not before each entry."""

    @property
    def path(self) -> Path | None:
        return None if self.folder is None else self.folder / self.name

    def get(self, key: str) -> Any | None:
        """The output stored under `key`, or None."""
        self.used.add(key)
        if self.path is None:
            self.misses += 1
            return None
        try:
            value = pickle.loads((self.path / key).read_bytes())
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception:  # a damaged entry is only a miss: the output is made again
            self.misses += 1
            return None
        self.hits += 1
        return value

    def outputs(
        self,
        keys: Mapping[Item, str],
        make: Callable[[list[Item]], Iterable[Any]],
        kind: type,
        hold: Callable[[Item, Any], Any] | None = None,
    ) -> dict[Item, Any]:
        """The output of each item of `keys` (item -> its key), in the order of `keys`: the stored
        one where there is one of type `kind`, else made by `make`. `make` is given every missing
        item at once, so that it can spread them over the cores, and yields their outputs in
        order; each is kept as it comes (see `put`). With `hold`, what is returned for an item is
        `hold(item, output)` (say, where the output was written): with `at_once`, the output
        itself is then let go."""
        hold = hold or (lambda _, value: value)
        found = self._stored(keys, kind, hold)
        missing = [item for item in keys if item not in found]
        for item, value in zip(missing, make(missing), strict=True):
            self.put(keys[item], value)
            found[item] = hold(item, value)
        return {item: found[item] for item in keys}

    def made_by_workers(
        self,
        keys: Mapping[Item, str],
        function: Callable[[Any, Item], Any],
        shared: object,
        kind: type,
        hold: Callable[[Item, Any], Any] | None = None,
    ) -> dict[Item, Any]:
        """`outputs` of `function(shared, item)`, made in `parallel.each_paper`'s workers: each
        worker stores what it made and gives back `hold(item, output)` (the output itself by
        default), so that the files are written side by side, not one after another by this
        process. For a cache that stores its entries at once."""
        hold = hold or (lambda _, value: value)
        found = self._stored(keys, kind, hold)
        missing = [item for item in keys if item not in found]
        held = parallel.each_paper(_made_and_kept, (function, shared, self, keys, hold), missing)
        found.update(zip(missing, held, strict=True))
        return {item: found[item] for item in keys}

    def _stored(self, keys: Mapping[Item, str], kind: type, hold: Callable[[Item, Any], Any]) -> dict[Item, Any]:
        """`hold(item, output)` for each item of `keys` whose stored output is of type `kind`.
        Every key is marked used (`get`), the missing ones too: they are stored next."""
        found: dict[Item, Any] = {}
        for item, item_key in keys.items():
            value = self.get(item_key)
            if isinstance(value, kind):
                found[item] = hold(item, value)
            elif value is not None:  # an entry of another shape is a miss, like a damaged one
                self.hits -= 1
                self.misses += 1
        return found

    def put(self, key: str, value: Any) -> None:
        """Keep `value` under `key`: stored now if `at_once`, else by `save`."""
        self.used.add(key)
        if self.at_once:
            self._store(key, value)
        else:
            self.pending[key] = value

    def _store(self, key: str, value: Any) -> None:
        if self.path is None:
            return
        if not self._folder_made:
            self.path.mkdir(parents=True, exist_ok=True)
            self._folder_made = True
        # Written aside and renamed: an interrupted build never leaves half an entry.
        handle, temporary = tempfile.mkstemp(dir=self.path, prefix=".new-")
        with os.fdopen(handle, "wb") as out:
            out.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, self.path / key)

    def save(self) -> None:
        """Store the new entries and remove those this build did not use. Called after a build
        succeeded only: a failed build leaves nothing behind, but what `at_once` stored."""
        for key, value in sorted(self.pending.items()):
            self._store(key, value)
        self.pending.clear()
        if self.path is None or not self.path.is_dir():
            return
        for entry in self.path.iterdir():
            if entry.name not in self.used:
                entry.unlink()


def _made_and_kept(
    job: tuple[Callable[[Any, Any], Any], object, Cache, Mapping[Any, str], Callable[[Any, Any], Any]], item: Any
) -> Any:
    """In a worker of `Cache.made_by_workers`: an output made, stored, and held."""
    function, shared, kept, keys, hold = job
    value = function(shared, item)
    kept._store(keys[item], value)
    return hold(item, value)
