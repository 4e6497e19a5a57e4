"""The contributor guide's field reference, `/contributing/fields/`, made from the JSON Schemas
at every build.

The schemas are what `validate` checks, so a reference written from them cannot drift from the
checks: a description changed in `build_tools/schema/*.schema.json` is on the site at the next
build, and no Markdown file holds a copy of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .. import schema
from ..catalog import Catalog
from .base import Site

PATH = "contributing/fields.md"
FILES = {
    "paper": "papers/<volume>/<paper-id>/paper.yml",
    "volume": "papers/<volume>/volume.yml",
    "people": "papers/people.yml",
}
LANGUAGE_KEYS = {"kk", "ru", "en"}


@dataclass(frozen=True)
class Field:
    """One row of a table: a field of a YAML mapping."""

    name: str
    required: bool
    kind: str
    description: str


@dataclass(frozen=True)
class Table:
    """The fields of one mapping: a whole file, or the items of one of its lists."""

    title: str
    anchor: str
    description: str
    fields: tuple[Field, ...]


class _Reader:
    """Walks one schema, following `$ref`s into any of the archive's schemas. Each node travels
    with the name of the schema it is in, against which its own `#/...` references resolve."""

    def __init__(self, schemas: dict[str, dict[str, Any]]) -> None:
        self.schemas = schemas
        self.tables: list[Table] = []

    def resolve(self, node: dict[str, Any], document: str) -> tuple[dict[str, Any], str]:
        """`node` with its `$ref`s followed; the node's own description wins over the target's."""
        while "$ref" in node:
            target_file, _, pointer = str(node["$ref"]).partition("#")
            document = target_file.removesuffix(".schema.json") or document
            target: Any = self.schemas[document]
            for part in filter(None, pointer.split("/")):
                target = target[part]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return node, document

    def kind(self, node: dict[str, Any], document: str, path: str) -> str:
        node, document = self.resolve(node, document)
        if "enum" in node:
            return "one of " + ", ".join(f"`{value}`" for value in node["enum"])
        kind = node.get("type")
        if kind == "object":
            properties = node.get("properties", {})
            if properties and set(properties) <= LANGUAGE_KEYS:
                inner = self.kind(next(iter(properties.values())), document, path)
                return f"{inner}, per language (`kk`, `ru`, `en`)"
            if properties:
                self.table(node, document, path)
                return f"mapping: [see below](#{_anchor(path)})"
            return "mapping"
        if kind == "array":
            items, items_document = self.resolve(node.get("items", {}), document)
            least = " (at least one)" if node.get("minItems") else ""
            if items.get("type") == "object" and items.get("properties"):
                self.table(items, items_document, path + "[]")
                return f"list of mappings{least}: [see below](#{_anchor(path + '[]')})"
            return f"list of {self.kind(items, items_document, path + '[]')}{least}"
        words = {"string": "text", "integer": "whole number", "boolean": "`true` or `false`"}
        out = words.get(str(kind), str(kind))
        if "pattern" in node:
            out += f" of the form `{node['pattern']}`"
        bounds = [
            f"{word} {node[key]}" for key, word in (("minimum", "at least"), ("maximum", "at most")) if key in node
        ]
        return out + (f" ({', '.join(bounds)})" if bounds else "")

    def table(self, node: dict[str, Any], document: str, path: str, title: str | None = None) -> None:
        required = set(node.get("required", []))
        rows = []
        position = len(self.tables)
        for name, field in node.get("properties", {}).items():
            resolved, _ = self.resolve(field, document)
            kind = self.kind(field, document, f"{path}.{name}" if path else name)
            rows.append(Field(name, name in required, kind, resolved.get("description", "")))
        # A mapping's table comes before the tables of the mappings inside it.
        table = Table(title or f"`{path}`", _anchor(path or document), node.get("description", ""), tuple(rows))
        self.tables.insert(position, table)


def _anchor(path: str) -> str:
    return "field-" + "".join(c if c.isalnum() else "-" for c in path).strip("-")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def tables(schemas: dict[str, dict[str, Any]], name: str) -> list[Table]:
    """The tables of one schema: its file first, then the mappings inside it, outer before inner."""
    reader = _Reader(schemas)
    reader.table(schemas[name], name, "", title=f"`{FILES[name]}`")
    return reader.tables


def _markdown(tables_by_file: Iterable[tuple[str, list[Table]]]) -> str:
    lines = [
        "---",
        "title: Field reference",
        "---",
        "",
        "# Field reference",
        "",
        '<div lang="en" markdown>',
        "",
        "Every field of the archive's files, as `python -m build_tools validate` checks it. This page is",
        "made from the JSON Schemas in `build_tools/schema/` at every build; an editor with a YAML",
        "language server can use the same schemas to check a file while it is typed.",
        "",
    ]
    for name, found in tables_by_file:
        lines += [f"## `{name}`", ""]
        for table in found:
            if table is not found[0]:
                lines += [f"### {table.title} {{ #{table.anchor} }}", ""]
            if table.description:
                lines += [table.description, ""]
            lines += ["| Field | Required | Value | Meaning |", "|---|---|---|---|"]
            for row in table.fields:
                lines.append(
                    f"| `{row.name}` | {'yes' if row.required else ''} | {_cell(row.kind)} | {_cell(row.description)} |"
                )
            lines.append("")
    lines += ["</div>", ""]
    return "\n".join(lines)


def reference(schemas: dict[str, dict[str, Any]]) -> str:
    """The page's Markdown for `schemas` (by name: paper, volume, people)."""
    return _markdown((FILES[name], tables(schemas, name)) for name in ("paper", "volume", "people"))


def pages(catalog: Catalog, site: Site) -> dict[str, str]:
    return {PATH: reference({name: schema.schema(name) for name in schema.NAMES})}
