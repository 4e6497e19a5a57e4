"""Reads a YAML file into plain data while remembering where each value was written.

PyYAML's safe loader already refuses tags that construct objects; this reader goes
further and accepts only the core scalar types, and refuses anchors and aliases
outright: an alias bomb ("billion laughs") is a few lines of aliases that expand to
gigabytes, and an archive record never needs to repeat a value by reference.
Every value keeps the line and column it came from, so a problem found later by the
JSON Schema or by a cross-file check can point at the exact place in the file, and a
character inside a string (a look-alike letter, a non-NFC sequence) can be placed too.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .problems import Position, Problem, Severity
from .text import NOT_TEXT, first_not_nfc, line_column

# Plain YAML values only. Timestamps stay strings: the schema checks their format.
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_NULL = "tag:yaml.org,2002:null"

JsonPath = tuple[str | int, ...]

NOT_NFC = "text is not in Unicode NFC; it was normalised (save the file as NFC)"


@dataclass
class YamlDocument:
    """The data of one YAML file with the position of every value in it."""

    path: Path
    data: Any
    source: str = ""
    """The file's text, to place a character inside a string value."""
    positions: dict[JsonPath, Position] = field(default_factory=dict)
    key_positions: dict[JsonPath, Position] = field(default_factory=dict)
    styles: dict[JsonPath, str | None] = field(default_factory=dict)
    """Scalar style: None for plain, `'` or `"` for quoted, `|` or `>` for block scalars."""
    spans: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    """Where each scalar is in `source`, as start and end index."""
    raw: dict[JsonPath, str] = field(default_factory=dict)
    """Each scalar as written, before YAML turned `327.10` into the number 327.1."""

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
        """Where character `offset` of the string at `path` is in the file; the value's start
        when the string cannot be lined up with its source (escape sequences)."""
        value = self.data_at(path)
        span = self.spans.get(path)
        if isinstance(value, str) and span is not None:
            found = _align(self.source, span, self.styles.get(path), value, offset)
            if found is not None:
                return found
        return self.position(path)

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


def _align(source: str, span: tuple[int, int], style: str | None, value: str, offset: int) -> Position | None:
    """Line up `value` with the text it was read from and return where `value[offset]` is.

    A scalar's value is its source text minus quotes, indentation and line breaks (folded
    into spaces), so walking both side by side finds each character; whitespace in the value
    matches any whitespace in the source. Escapes (`\\u0301`, `\\n`) cannot be lined up.
    """
    start, end = span
    if style in ("|", ">"):
        start = source.find("\n", start, end) + 1  # the value starts after the `|` line
        if start == 0:
            return None
    i = start
    for k, char in enumerate(value[: offset + 1]):
        j = _find_space(source, i, end) if char.isspace() else source.find(char, i, end)
        if j < 0:
            return None
        if k == offset:
            return Position(*line_column(source, j))
        i = j + 1
    return None


def _find_space(source: str, start: int, end: int) -> int:
    return next((n for n in range(start, end) if source[n].isspace()), -1)


def format_path(path: JsonPath) -> str:
    """`("authors", 1, "orcid")` -> `authors[1].orcid`, the way problems name fields."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def _tag(tag: str) -> str:
    """`tag:yaml.org,2002:python/object` -> `!!python/object`, as it is written in the file."""
    return tag.replace("tag:yaml.org,2002:", "!!", 1)


def _position(mark: yaml.Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


# libyaml's parser when PyYAML was built with it (ten times faster) under PyYAML's composer,
# so that `compose_node` below can refuse aliases; PyYAML's own parser otherwise.
if TYPE_CHECKING or not hasattr(yaml, "CSafeLoader"):
    _Base = yaml.SafeLoader
else:

    class _Base(yaml.composer.Composer, yaml.CSafeLoader):
        def __init__(self, stream: str) -> None:
            yaml.CSafeLoader.__init__(self, stream)
            yaml.composer.Composer.__init__(self)


class _Loader(_Base):
    """The safe loader's composer, but an alias is never followed and an anchor is reported.
    The placeholder put where an alias was keeps the document's shape (so every other problem
    is still found) without ever expanding the aliased node.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.refused: list[tuple[yaml.Mark, str]] = []

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            alias = self.get_event()  # type: ignore[no-untyped-call]
            self.refused.append(
                (alias.start_mark, f"aliases (*{alias.anchor}) are not allowed; write the value out in full")
            )
            return yaml.ScalarNode(_NULL, "", alias.start_mark, alias.end_mark)
        event = self.peek_event()  # type: ignore[no-untyped-call]
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.refused.append((event.start_mark, f"anchors (&{anchor}) are not allowed; remove it"))
        return super().compose_node(parent, index)


class _Builder:
    def __init__(self, path: Path, source: str) -> None:
        self.doc = YamlDocument(path, None, source)
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node, where: JsonPath, message: str) -> None:
        self.problems.append(Problem(self.doc.path, _position(node.start_mark), format_path(where), message))

    def refuse_tag(self, node: yaml.Node, where: JsonPath) -> None:
        self.problem(node, where, f"tag {_tag(node.tag)} is not allowed (only text, numbers, lists and mappings)")

    def build(self, node: yaml.Node, where: JsonPath) -> Any:
        self.doc.positions[where] = _position(node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, where)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.refuse_tag(node, where)
                return None
            return [self.build(item, (*where, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                self.refuse_tag(node, where)
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
                self.doc.key_positions[(*where, key)] = _position(key_node.start_mark)
                out[key] = self.build(value_node, (*where, key))
            return out
        self.problem(node, where, "unsupported YAML node")  # pragma: no cover
        return None

    def _scalar(self, node: yaml.ScalarNode, where: JsonPath) -> Any:
        self.doc.styles[where] = node.style
        self.doc.spans[where] = (node.start_mark.index, node.end_mark.index)
        self.doc.raw[where] = node.value
        if node.tag not in _SCALAR_TAGS:
            self.refuse_tag(node, where)
            return None
        if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            text: str = node.value
            found = NOT_TEXT.search(text)
            if found:
                # Only an escape in a double-quoted string can make one: YAML refuses them as they are.
                char = f"U+{ord(found.group()):04X}"
                self.problem(node, where, f"character {char} (a control character or a noncharacter) is not allowed")
                return None
            offset = first_not_nfc(text)
            if offset is not None:
                span = self.doc.spans[where]
                position = _align(self.doc.source, span, node.style, text, offset) or _position(node.start_mark)
                self.problems.append(Problem(self.doc.path, position, format_path(where), NOT_NFC, Severity.WARNING))
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
        # Columns count characters, as editors do: decode the good part of the line.
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8", errors="replace")) + 1
        byte = raw[error.start]
        return None, [
            Problem(
                path,
                Position(line, column),
                field,
                f"the file is not UTF-8 (byte 0x{byte:02X}); save it with UTF-8 encoding",
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, []


def _parse_problem(path: Path, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """PyYAML's `problem` at the place it was found, and its `context` (where the unclosed
    bracket or quote was opened) named in the message."""
    mark = error.problem_mark or error.context_mark
    message = error.problem or error.context or "invalid YAML"
    context = error.context_mark
    if error.context and context is not None and context is not mark:
        message += f" ({error.context} at line {context.line + 1}, column {context.column + 1})"
    quoted = _quoted_over_lines(text, mark) if mark else None
    if quoted is not None:
        where = f"line {quoted.line + 1}, column {quoted.column + 1}"
        message += f"; the quoted value at {where} runs over several lines: is its closing quote missing?"
    return Problem(path, _position(mark) if mark else None, "", f"YAML does not parse: {message}")


def _quoted_over_lines(text: str, error: yaml.Mark) -> yaml.Mark | None:
    """Where a quoted value that ends on the `error`'s line starts, if it runs over several
    lines. A quote left open swallows the lines after it, up to the next quote, and the parser
    stops there, far below it."""
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index > error.index:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.start_mark.line < token.end_mark.line == error.line
            ):
                start: yaml.Mark = token.start_mark
                return start
    except yaml.YAMLError:
        pass
    return None


def load_yaml(path: Path) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML file safely; a file that cannot be read or parsed gives a problem, not an exception."""
    text, problems = read_text(path)
    if text is None:
        return None, problems
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        return None, [_parse_problem(path, text, error)]
    except yaml.reader.ReaderError:
        # A control character. libyaml counts its position in bytes, so find it again here.
        found = yaml.reader.Reader.NON_PRINTABLE.search(text)
        offset = found.start() if found else 0
        message = f"YAML does not parse: control character U+{ord(text[offset]):04X} is not allowed"
        return None, [Problem(path, Position(*line_column(text, offset)), "", message)]
    except yaml.YAMLError as error:
        return None, [Problem(path, None, "", f"YAML does not parse: {error}")]
    builder = _Builder(path, text)
    builder.doc.data = {} if node is None else builder.build(node, ())
    # An alias or anchor starts where the node it stands for starts: name that node's field.
    fields = {position: where for where, position in reversed(builder.doc.positions.items())}
    refused = [
        Problem(path, _position(mark), format_path(fields.get(_position(mark), ())), message)
        for mark, message in loader.refused
    ]
    return builder.doc, refused + builder.problems
