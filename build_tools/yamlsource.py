"""Reads a YAML file into plain data while remembering where each value was written.

PyYAML's safe loader already refuses tags that construct objects; this reader goes
further and accepts only the core scalar types, and refuses anchors and aliases
outright (an alias bomb is a few lines of aliases that expand to gigabytes).
Every value keeps the line and column it came from, so a problem found later by the
JSON Schema or by a cross-file check can point at the exact place in the file.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Position, Problem, Severity

# Plain YAML values only. Timestamps stay strings: the schema checks their format.
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}

JsonPath = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """The data of one YAML file with the position of every value in it."""

    path: Path
    data: Any
    positions: dict[JsonPath, Position] = field(default_factory=dict)
    key_positions: dict[JsonPath, Position] = field(default_factory=dict)
    styles: dict[JsonPath, str | None] = field(default_factory=dict)
    """Scalar style: None for plain, `'` or `"` for quoted, `|` or `>` for block scalars."""

    def position(self, path: JsonPath, *, key: bool = False) -> Position:
        """Where the value at `path` (or its key) was written; falls back to its parent."""
        table = self.key_positions if key else self.positions
        while path:
            if path in table:
                return table[path]
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), Position(1, 1))

    def text_position(self, path: JsonPath, offset: int) -> Position:
        """Where character `offset` of the string at `path` is in the file: exact for plain and
        quoted one-line values, the value's start for block scalars and folded lines."""
        start = self.position(path)
        style = self.styles.get(path)
        if style in ("|", ">"):
            return start
        value = self.data_at(path)
        if isinstance(value, str) and "\n" not in value[:offset]:
            return Position(start.line, start.column + offset + (1 if style in ("'", '"') else 0))
        return start

    def data_at(self, path: JsonPath) -> Any:
        value = self.data
        for part in path:
            value = value[part]
        return value

    def strings(self) -> list[tuple[JsonPath, str]]:
        """Every string value in the document with its path, in file order."""
        out: list[tuple[JsonPath, str]] = []

        def walk(value: Any, path: JsonPath) -> None:
            if isinstance(value, str):
                out.append((path, value))
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    walk(item, (*path, i))
            elif isinstance(value, dict):
                for key, item in value.items():
                    walk(item, (*path, key))

        walk(self.data, ())
        return out


def format_path(path: JsonPath) -> str:
    """`("authors", 1, "orcid")` -> `authors[1].orcid`, the way problems name fields."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def _position(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, path: Path) -> None:
        self.doc = YamlDocument(path, None)
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def problem(self, node: yaml.Node, where: JsonPath, message: str) -> None:
        self.problems.append(Problem(self.doc.path, _position(node), format_path(where), message))

    def build(self, node: yaml.Node, where: JsonPath) -> Any:
        if id(node) in self._seen:
            self.problem(node, where, "anchors and aliases (&name, *name) are not allowed; write the value out")
            return None
        self._seen.add(id(node))
        self.doc.positions[where] = _position(node)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, where)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.problem(node, where, f"tag {node.tag!r} is not allowed")
                return None
            return [self.build(item, (*where, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                self.problem(node, where, f"tag {node.tag!r} is not allowed")
                return None
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                    self.problem(key_node, where, "keys must be plain words (no merge keys or complex keys)")
                    continue
                key = unicodedata.normalize("NFC", str(key_node.value))
                if key in out:
                    self.problem(key_node, (*where, key), f"{key!r} is given twice")
                    continue
                self.doc.key_positions[(*where, key)] = _position(key_node)
                out[key] = self.build(value_node, (*where, key))
            return out
        self.problem(node, where, "unsupported YAML node")  # pragma: no cover
        return None

    def _scalar(self, node: yaml.ScalarNode, where: JsonPath) -> Any:
        self.doc.styles[where] = node.style
        if node.tag not in _SCALAR_TAGS:
            self.problem(node, where, f"tag {node.tag!r} is not allowed")
            return None
        if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            text: str = node.value
            if unicodedata.normalize("NFC", text) != text:
                self.problems.append(
                    Problem(
                        self.doc.path,
                        _position(node),
                        format_path(where),
                        "text is not in Unicode NFC; it was normalised (save the file as NFC)",
                        Severity.WARNING,
                    )
                )
                text = unicodedata.normalize("NFC", text)
            return text
        # int, float, bool and null: PyYAML's safe constructor knows their spellings.
        return yaml.SafeLoader("").construct_object(node, deep=True)


def read_text(path: Path, field: str = "") -> tuple[str | None, list[Problem]]:
    """The file's text, or a problem saying why it cannot be read as UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(path, None, field, f"cannot read the file: {error.strerror}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [
            Problem(path, Position(line, column), field, "the file is not UTF-8; save it with UTF-8 encoding")
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, []


def load_yaml(path: Path) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML file safely; a file that cannot be read or parsed gives a problem, not an exception."""
    text, problems = read_text(path)
    if text is None:
        return None, problems
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = Position(mark.line + 1, mark.column + 1) if mark else None
        message = " ".join(part for part in (error.context, error.problem) if part)
        return None, [Problem(path, position, "", f"YAML does not parse: {message}")]
    except yaml.YAMLError as error:
        return None, [Problem(path, None, "", f"YAML does not parse: {error}")]
    builder = _Builder(path)
    if node is None:
        builder.doc.data = {}
    else:
        builder.doc.data = builder.build(node, ())
    return builder.doc, builder.problems
