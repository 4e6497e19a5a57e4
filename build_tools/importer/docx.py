"""Word (.docx) -> Drafts. The only module that imports mammoth.

mammoth reads the document's structure (headings, lists, tables, footnotes, images) rather
than its looks, and writes it as a small, fixed set of HTML elements. This module turns those
elements into two things:

- the plain text of each top-level element, one block each, read by the plain-text importer's
  rules (`text.read_source`), so a Word paper's UDC line, title, authors, e-mails, supervisor
  and references are recognised exactly as in a printed volume's text;
- the Markdown of each element, so the body keeps its headings, nested lists, tables,
  footnotes and images, which plain text would lose.

Images are saved beside paper.md (PNG, JPEG or GIF as stored in the document); an image in
another format (EMF, WMF, TIFF...) cannot be shown by a browser and is reported instead.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import mammoth  # type: ignore[import-untyped]  # mammoth ships no type information

from ..text import nfc
from . import Draft, Notice, Plan, Source, detect_language, refuse
from . import text as plain

IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}
NOTE = re.compile(r"^#?(?P<kind>footnote|endnote)-(?P<number>\d+)$")
# Word headings start at 1, but a paper page's own title is its only h1: body sections start at ##.
HEADING_SHIFT = 1
LINK_SCHEMES = ("http://", "https://", "mailto:")
UNSUPPORTED = "unsupported:"


@dataclass
class _Element:
    """One element of mammoth's HTML."""

    tag: str
    attrs: dict[str, str]
    children: list[_Element | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class _Tree(HTMLParser):
    VOID: ClassVar[frozenset[str]] = frozenset({"br", "img", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(_Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


@dataclass(frozen=True)
class Image:
    name: str
    """File name in the paper folder, as paper.md links it."""
    data: bytes


@dataclass(frozen=True)
class WordSource:
    """What was read from a .docx: the drafts, and the images each draft's body shows."""

    source: Source
    images: tuple[tuple[Image, ...], ...]
    """Per draft, in the order of `source.drafts`."""


# --- Markdown of mammoth's elements ------------------------------------------------------------


def _escape(text: str) -> str:
    """Text that Markdown would read as markup is escaped; a tag-like `<` becomes `&lt;`."""
    text = re.sub(r"([\\`*_\[\]])", r"\\\1", text)
    return re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)


def _line_start(text: str) -> str:
    """A paragraph starting like a heading, quote, list or numbered line stays a paragraph."""
    text = re.sub(r"^(\d+)([.)])(?=\s)", r"\1\\\2", text)
    return re.sub(r"^(#|>|[-+](?=\s))", r"\\\1", text)


class _Markdown:
    """Renders elements; remembers the notes and images they refer to."""

    def __init__(self, images: dict[str, Image]) -> None:
        self.images = images
        self.notes: list[str] = []
        self.used_images: list[Image] = []

    def inline(self, element: _Element) -> str:
        return " ".join("".join(self._inline(c) for c in element.children).split(" ")).strip()

    def _inline(self, node: _Element | str) -> str:
        if isinstance(node, str):
            return _escape(" ".join(node.split("\n")))
        tag = node.tag
        inner = "".join(self._inline(c) for c in node.children)
        if tag == "sup" and len(node.children) == 1 and isinstance(node.children[0], _Element):
            note = NOTE.match(node.children[0].attrs.get("href", ""))
            if note:
                label = _note_label(note)
                self.notes.append(label)
                return f"[^{label}]"
        if tag == "strong":
            return f"**{inner}**" if inner.strip() else inner
        if tag == "em":
            return f"*{inner}*" if inner.strip() else inner
        if tag == "a":
            href = node.attrs.get("href", "")
            return f"[{inner}](<{href}>)" if href.startswith(LINK_SCHEMES) and inner.strip() else inner
        if tag == "img":
            image = self.images.get(node.attrs.get("src", ""))
            if image is None:
                return ""
            self.used_images.append(image)
            return f"![{_escape(node.attrs.get('alt', ''))}]({image.name})"
        if tag == "br":
            return "\\\n"
        return inner

    def block(self, element: _Element) -> str:
        tag = element.tag
        if re.fullmatch(r"h[1-6]", tag):
            level = min(int(tag[1]) + HEADING_SHIFT, 6)
            return "#" * level + " " + self.inline(element)
        if tag in ("ul", "ol"):
            return self.list(element, 0)
        if tag == "table":
            return self.table(element)
        return _line_start(self.inline(element))

    def list(self, element: _Element, depth: int) -> str:
        lines: list[str] = []
        items = (c for c in element.children if isinstance(c, _Element) and c.tag == "li")
        for number, item in enumerate(items, start=1):
            marker = f"{number}." if element.tag == "ol" else "-"
            own = _Element("li", {}, [c for c in item.children if not _is_list(c)])
            lines.append("    " * depth + f"{marker} " + self._item_text(own))
            for sub in (c for c in item.children if _is_list(c)):
                assert isinstance(sub, _Element)
                lines.append(self.list(sub, depth + 1))
        return "\n".join(lines)

    def _item_text(self, item: _Element) -> str:
        parts = [self.inline(c) if isinstance(c, _Element) and c.tag == "p" else self._inline(c) for c in item.children]
        return " ".join(" ".join(parts).split())

    def table(self, element: _Element) -> str:
        rows = [row for row in _descendants(element) if row.tag == "tr"]
        cells = [
            [self._cell(cell) for cell in row.children if isinstance(cell, _Element) and cell.tag in ("td", "th")]
            for row in rows
        ]
        if not cells:
            return ""
        width = max(len(row) for row in cells)
        cells = [row + [""] * (width - len(row)) for row in cells]
        # A Markdown table needs a header row: the document's first row is taken as one.
        out = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * width]
        out += ["| " + " | ".join(row) + " |" for row in cells[1:]]
        return "\n".join(out)

    def _cell(self, cell: _Element) -> str:
        parts = [self.inline(c) if isinstance(c, _Element) else self._inline(c) for c in cell.children]
        return " ".join(" ".join(parts).split()).replace("|", "\\|")


def _is_list(node: _Element | str) -> bool:
    return isinstance(node, _Element) and node.tag in ("ul", "ol")


def _descendants(element: _Element) -> Iterator[_Element]:
    for child in element.children:
        if isinstance(child, _Element):
            yield child
            yield from _descendants(child)


def _note_label(match: re.Match[str]) -> str:
    return match.group("number") if match.group("kind") == "footnote" else f"e{match.group('number')}"


def _plain_lines(element: _Element) -> list[str]:
    """The element as a printed text would show it: a paragraph is one line, a list item too."""
    if element.tag in ("ul", "ol"):
        lines = []
        for number, item in enumerate((c for c in element.children if isinstance(c, _Element)), start=1):
            own = " ".join(_Element("li", {}, [c for c in item.children if not _is_list(c)]).text().split())
            lines.append(f"{number}. {own}" if element.tag == "ol" else f"- {own}")
            for sub in (c for c in item.children if _is_list(c)):
                assert isinstance(sub, _Element)
                lines += _plain_lines(sub)
        return lines
    if element.tag == "table":
        return [" ".join(row.text().split()) for row in _descendants(element) if row.tag == "tr"]
    text = " ".join(element.text().split())
    return [text] if text else []


def _is_note_list(element: _Element) -> bool:
    items = [c for c in element.children if isinstance(c, _Element)]
    return element.tag == "ol" and bool(items) and all(NOTE.match(i.attrs.get("id", "")) for i in items)


# --- Reading ----------------------------------------------------------------------------------


def _convert(path: Path) -> tuple[str, dict[str, Image]]:
    """mammoth's HTML of the document, and its images by the `src` written for them."""
    images: dict[str, Image] = {}

    def save(image: Any) -> dict[str, str]:
        suffix = IMAGE_TYPES.get(image.content_type)
        if suffix is None:
            # Marked, so the notice can name the paragraph the image stands in.
            return {"src": UNSUPPORTED + image.content_type}
        with image.open() as stream:
            data = stream.read()
        name = f"image-{len(images) + 1}{suffix}"
        images[name] = Image(name, data)
        return {"src": name, "alt": image.alt_text or ""}

    try:
        with path.open("rb") as stream:
            result = mammoth.convert_to_html(stream, convert_image=mammoth.images.img_element(save))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise refuse(path, f"cannot be read as a Word document (.docx): {error}") from error
    return result.value, images


def read_docx_file(path: Path) -> WordSource:
    """Drafts of the papers in a .docx, with metadata recognised by the plain-text rules."""
    html, images = _convert(path)
    tree = _Tree()
    tree.feed(nfc(html))
    tree.close()
    elements = [c for c in tree.root.children if isinstance(c, _Element)]
    notes = {
        item.attrs["id"]: item
        for element in elements
        if _is_note_list(element)
        for item in element.children
        if isinstance(item, _Element)
    }
    elements = [e for e in elements if not _is_note_list(e)]
    # One block per element, numbered by paragraph: the notices and the import's report name
    # paragraphs of the document where a text's would name lines.
    blocks = [
        plain.Block(number, number, tuple(own))
        for number, element in enumerate(elements, start=1)
        if (own := _plain_lines(element))
    ]
    if not blocks:
        raise refuse(path, "the document has no text")
    source = plain.from_blocks(path, blocks)
    drafts = source.drafts or (_untitled(blocks),)
    extra = [] if source.drafts else [Notice(1, len(elements), "no UDC/УДК/ӘОЖ line: the whole document is one paper")]
    out_drafts: list[Draft] = []
    out_images: list[tuple[Image, ...]] = []
    ends = [d.first_line for d in drafts[1:]] + [len(elements) + 1]
    for draft, end in zip(drafts, ends, strict=True):
        # An element with no text (a picture) belongs to the paper it stands in.
        members = list(range(draft.first_line - 1, end - 1))
        body = _body_elements(draft, elements, members) if source.drafts else members[1:]
        renderer = _Markdown(images)
        parts = [renderer.block(elements[i]) for i in body]
        footnotes = [_note(renderer, notes, label) for label in dict.fromkeys(renderer.notes)]
        markdown = "\n\n".join(b for b in parts if b) + "\n"
        if footnotes:
            markdown += "\n" + "\n".join(footnotes) + "\n"
        out_drafts.append(dataclasses.replace(draft, body=markdown))
        out_images.append(tuple(dict.fromkeys(renderer.used_images)))
    unsupported = [
        Notice(
            number,
            number,
            f"an image in {img.attrs['src'].removeprefix(UNSUPPORTED)}, which browsers cannot show, was left out; "
            "save it as PNG or JPEG into the paper folder and link it from paper.md",
        )
        for number, element in enumerate(elements, start=1)
        for img in [element, *_descendants(element)]
        if img.tag == "img" and img.attrs.get("src", "").startswith(UNSUPPORTED)
    ]
    notices = [*source.notices, *extra, *unsupported]
    return WordSource(Source(path, tuple(out_drafts), tuple(notices)), tuple(out_images))


def _untitled(blocks: list[plain.Block]) -> Draft:
    """A document with no UDC line: its first paragraph is taken as the title."""
    text = "\n".join(line for block in blocks for line in block.lines)
    return Draft(1, blocks[-1].last_line, detect_language(text), (), (), blocks[0].text, (), (), (), "", False)


def _body_elements(draft: Draft, elements: list[_Element], members: list[int]) -> list[int]:
    """The draft's elements that make its body: after the header the plain-text rules read,
    before the reference list's heading."""
    start = len(members)
    for position, i in enumerate(members):
        own = plain.markdown([plain.Block(i + 1, i + 1, tuple(_plain_lines(elements[i])))]).rstrip("\n")
        if own and draft.body.startswith(own):
            start = position
            break
    # Pictures just before the first paragraph are part of the body too.
    while 0 < start < len(members) and not _plain_lines(elements[members[start - 1]]):
        start -= 1
    end = next(
        (
            position
            for position in range(start, len(members))
            if " ".join(_plain_lines(elements[members[position]])).strip(" :.").casefold() in plain.REFERENCES_HEADINGS
        ),
        len(members),
    )
    return members[start:end]


def _note(renderer: _Markdown, notes: dict[str, _Element], label: str) -> str:
    key = f"endnote-{label[1:]}" if label.startswith("e") else f"footnote-{label}"
    item = notes.get(key)
    if item is None:
        return f"[^{label}]: (the note's text was not found in the document)"
    # mammoth ends each note with a link back to its reference (↑); the site makes its own.
    kept = _Element("li", {}, [c for c in item.children if not _is_backlink(c)])
    for child in kept.children:
        if isinstance(child, _Element):
            child.children = [c for c in child.children if not _is_backlink(c)]
    return f"[^{label}]: " + renderer._item_text(kept)


def _is_backlink(node: _Element | str) -> bool:
    return (
        isinstance(node, _Element)
        and node.tag == "a"
        and node.attrs.get("href", "").startswith(("#footnote-ref-", "#endnote-ref-"))
    )


def write_images(plan: Plan, word: WordSource) -> None:
    """Save each paper's images into its folder, made by `importer.write`."""
    for paper, images in zip(plan.papers, word.images, strict=True):
        for image in images:
            (paper.folder / image.name).write_bytes(image.data)
