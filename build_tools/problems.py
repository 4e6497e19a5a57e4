"""Problems found in the sources: collected, never raised one at a time.

Every stage that reads contributor input returns its problems next to its result,
so `validate` can show a contributor all of them at once (MkDocs' `Config.validate()`
works the same way) and the build can stop before anything is written.
"""

from __future__ import annotations

import contextlib
import enum
from dataclasses import dataclass
from pathlib import Path


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Position:
    """A place in a source file, 1-based as editors show it."""

    line: int
    column: int


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of one file."""

    path: Path
    position: Position | None
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def format(self, root: Path | None = None) -> str:
        """`path:line:column: field: message`, the path relative to `root` when it is inside it
        (the current directory, for the command line), else absolute."""
        path = self.path
        if root is not None:
            with contextlib.suppress(ValueError):
                path = self.path.absolute().relative_to(root.absolute())
        where = f"{path}:{self.position.line}:{self.position.column}" if self.position else f"{path}:1:1"
        label = "" if self.severity is Severity.ERROR else "warning: "
        field = self.field or "(file)"
        return f"{where}: {field}: {label}{self.message}"

    def sort_key(self) -> tuple[str, int, int, str]:
        pos = self.position or Position(0, 0)
        return (str(self.path), pos.line, pos.column, self.field)


class ArchiveError(Exception):
    """Base of the errors build_tools raises for bad input; carries its problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)
