"""`new`: a paper folder with the next free id, a commented paper.yml and a paper.md stub.

The template's comments are the JSON Schema's own descriptions, so they say what the
validator checks and cannot drift from it. Its placeholders are empty on purpose: until the
contributor fills them, `validate` names each one ("title: must not be empty"), so a
half-filled paper cannot slip through.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import schema
from .problems import ArchiveError, Problem
from .yamlsource import load_yaml

LANGUAGES = ("kk", "ru", "en")
NUMBER_WIDTH = 3


class ScaffoldError(ArchiveError):
    """The paper folder cannot be made (unknown volume, folder in the way)."""


def next_free_id(volume_folder: Path) -> str:
    """`<volume>-NNN`, one above the highest number used in the volume.

    Gaps are never filled: a number whose paper was removed may still be cited by its URL.
    """
    volume = volume_folder.name
    pattern = re.compile(rf"^{re.escape(volume)}-(\d{{{NUMBER_WIDTH}}})$")
    used = [int(m.group(1)) for p in volume_folder.iterdir() if p.is_dir() and (m := pattern.match(p.name))]
    return f"{volume}-{max(used, default=0) + 1:0{NUMBER_WIDTH}d}"


def _describe(field: str) -> str:
    """The schema's description of a paper.yml field; `authors.name` reaches into list items."""
    paper = schema.schema("paper")
    first, *rest = field.split(".")
    node: dict[str, Any] = paper["properties"][first]
    for part in rest:
        node = _resolve(paper, node["items"]["$ref"])["properties"][part]
    description: str = node.get("description", "")
    return description


def _resolve(root: dict[str, Any], ref: str) -> dict[str, Any]:
    node = root
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _comment(text: str, indent: str = "") -> str:
    lines = textwrap.wrap(text, width=96 - len(indent), break_on_hyphens=False)
    return "".join(f"{indent}# {line}\n" for line in lines)


@dataclass(frozen=True)
class Template:
    """What `new` writes into a paper folder."""

    paper_id: str
    language: str | None
    licence: str | None

    def paper_yml(self) -> str:
        language = self.language or ""
        title_key = f"{self.language}: " if self.language else ""
        return "".join(
            [
                # Editors with a YAML language server (VS Code's YAML extension, among others)
                # check the file against the schema while it is typed.
                "# yaml-language-server: $schema=../../../build_tools/schema/paper.schema.json\n",
                "# paper.yml: the record of one paper. Fill every empty value, then run\n",
                "#   python -m build_tools validate\n",
                "# which names each field still missing. The field reference is in the contributor guide.\n\n",
                _comment(_describe("id")),
                f"id: {self.paper_id}\n\n",
                _comment(_describe("language")),
                f'language: "{language}"\n\n',
                _comment(_describe("udc")),
                'udc: [""]\n\n',
                _comment(_describe("title")),
                _comment("Write it as `<language>: the title`, one line per language, e.g. `en: Country image`."),
                "title:\n" if self.language else "title: {}\n",
                f'  {title_key}""\n\n' if self.language else "\n",
                _comment(_describe("authors") + " One item per author; fields other than name are optional."),
                "authors:\n",
                _comment(_describe("authors.name"), "  "),
                '  - name: ""\n',
                _comment(_describe("authors.affiliation"), "    "),
                '    affiliation: ""\n',
                _comment(_describe("authors.email"), "    "),
                "    # email: name@example.org\n",
                _comment(_describe("authors.status"), "    "),
                "    # status: Master's student\n\n",
                _comment(_describe("supervisors") + " Delete the list if the paper names none."),
                "supervisors:\n",
                '  - name: ""\n\n',
                _comment(_describe("pages") + " Uncomment and fill it when the paper is printed."),
                "# pages: {first: 1, last: 2}\n\n",
                _comment(_describe("references")),
                "references: []\n\n",
                _comment(_describe("licence")),
                f'licence: "{self.licence or ""}"\n',
            ]
        )

    @staticmethod
    def paper_md() -> str:
        return (
            "Replace this paragraph with the paper's text in Markdown: paragraphs separated by a blank line,\n"
            "`## Heading` for a section heading, `- item` for a list. The title, authors and references\n"
            "belong in paper.yml, not here.\n"
        )


def _volume_licence(volume_folder: Path) -> str | None:
    doc, _ = load_yaml(volume_folder / "volume.yml")
    if doc is None or not isinstance(doc.data, dict):
        return None
    licence = doc.data.get("licence")
    return licence if isinstance(licence, str) else None


def new_paper(papers: Path, volume: str, language: str | None = None) -> Path:
    """Make `papers/<volume>/<next id>/` with paper.yml and paper.md; returns the folder."""
    volume_folder = papers / volume
    if not (volume_folder / "volume.yml").is_file():
        known = sorted(p.name for p in papers.iterdir() if (p / "volume.yml").is_file()) if papers.is_dir() else []
        hint = f"; known volumes: {', '.join(known)}" if known else ""
        raise ScaffoldError([Problem(volume_folder / "volume.yml", None, "volume", f"no volume {volume!r}{hint}")])
    if language is not None and language not in LANGUAGES:
        raise ScaffoldError(
            [Problem(volume_folder, None, "language", f"must be one of {', '.join(LANGUAGES)} (got {language!r})")]
        )
    paper_id = next_free_id(volume_folder)
    folder = volume_folder / paper_id
    template = Template(paper_id, language, _volume_licence(volume_folder))
    folder.mkdir()
    (folder / "paper.yml").write_text(template.paper_yml(), encoding="utf-8")
    (folder / "paper.md").write_text(template.paper_md(), encoding="utf-8")
    return folder
