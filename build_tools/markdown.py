"""The one place where a paper's Markdown body becomes HTML.

A paper's text is written by a contributor and is untrusted. Two walls keep its HTML safe:
1. Python-Markdown runs with raw HTML switched off, so `<script>` in a paper is shown as text;
2. nh3 (the Rust sanitiser ammonia) then keeps only an allowlist of tags and attributes, drops
   every URL scheme except http(s), and only lets images come from beside the paper (a remote
   image would be a tracking pixel in every reader's browser).
E-mail addresses in the text are masked as the site setting says, since they are personal data.

What happens to each hostile construct, and why (tested end to end in tests/test_hostile.py):
- `<script>`, `<iframe>`, `<object>`, `<embed>`, inline `<svg>` (with `<script>` or `onload`),
  `<style>`, `style=` and event-handler attributes (`<img src=x onerror=...>`) in the body:
  neutralised, shown as the literal text written. Raw HTML is off (wall 1), so they never become
  elements; rejecting them instead would stop papers that quote markup or come from Word with
  stray angle brackets, and text shown as typed hides nothing.
- `[x](javascript:...)`, reference-style and entity-spelled (`jav&#x61;script:`) links, `data:`
  URLs, and `<...>` autolinks: neutralised; nh3 parses the attribute as a browser would and
  drops every href whose scheme is not http(s), keeping the link text.
- Remote images: the src is dropped (tracking); images beside the paper stay.
- An `.svg` file in a paper folder: rejected by `validate` (load.py): an SVG opened from the
  site runs its scripts, and there is no safe way to show one short of converting it.
- Metadata (titles, names, keywords, abstracts, references, volume fields): always data, never
  markup. Templates autoescape; front matter values are escaped once for Material
  (render/base.py); JSON-LD and the search index are JSON in which `<`, `>` and `&` cannot end
  the script (bibliography/head.py; the search index is a separate .js file, never inline).
- YAML anchors/aliases (alias bombs) and tags that construct objects (`!!python/...`):
  rejected by yamlsource.py with file, line and field, before anything is written.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.toc import unique
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from pymdownx.slugs import slugify as _unicode_slugify  # type: ignore[import-untyped]

EmailMode = Literal["hidden", "obfuscated"]

# Python-Markdown's default slugs drop every non-ASCII letter, so a Kazakh heading would get an
# empty anchor; pymdownx's Unicode slugs keep Cyrillic.
slugify = _unicode_slugify(case="lower")

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# C0 controls (other than tab and newlines) have no place in a paper; \x02 and \x03 would also
# collide with Python-Markdown's placeholders when the page is rendered again by MkDocs.
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre", "blockquote",
    "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "img", "sup", "sub", "div",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
    "li": {"id"},
    "sup": {"id"},
}
CLASSES = {"a": {"footnote-ref", "footnote-backref"}, "div": {"footnote"}}


def mask_email(address: str, mode: EmailMode) -> str:
    """`name@example.org` as published: left out, or spelled so that harvesters miss it."""
    if mode == "hidden":
        return ""
    local, _, domain = address.partition("@")
    return f"{local} [at] {domain.replace('.', ' [dot] ')}"


def mask_emails(text: str, mode: EmailMode) -> str:
    return EMAIL.sub(lambda m: mask_email(m.group(), mode) or "[e-mail]", text)


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass(frozen=True)
class Body:
    """A paper's text as safe HTML, with its headings for the page's contents list."""

    html: str
    headings: tuple[Heading, ...]


class _Headings(Treeprocessor):
    """The paper's title is the page's only <h1>: body headings start at <h2>. Their anchors are
    set here, before `toc` (which keeps an existing id), so they never take an id of the page
    around the body."""

    def __init__(self, md: markdown.Markdown | None, reserved: frozenset[str]) -> None:
        super().__init__(md)
        self.reserved = reserved

    def run(self, root: etree.Element) -> None:
        headings = [el for el in root.iter() if re.fullmatch(r"h[1-6]", el.tag)]
        shift = 2 - min(int(el.tag[1]) for el in headings) if headings else 0
        used = set(self.reserved)
        for el in headings:
            el.tag = f"h{min(int(el.tag[1]) + max(shift, 0), 6)}"
            el.set("id", unique(slugify("".join(el.itertext()), "-") or "section", used))


class _Emails(Treeprocessor):
    def __init__(self, md: markdown.Markdown, mode: EmailMode) -> None:
        super().__init__(md)
        self.mode = mode

    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            if el.text and "@" in el.text:
                el.text = type(el.text)(mask_emails(el.text, self.mode))
            if el.tail and "@" in el.tail:
                el.tail = type(el.tail)(mask_emails(el.tail, self.mode))


# A citation in the text, as the archive's papers print them: `[3]`, `[2, 5]`, `[1–3]`,
# `[4, p. 12]`, `[4, с. 12]`. Years (`[2007]`) have four digits and are not taken.
CITATION = re.compile(r"\[(\d{1,3}(?:\s*[,;–—-]\s*\d{1,3})*)((?:[,;][^\[\]\n]{0,60})?)\]")
_NUMBER = re.compile(r"\d+")


class _Citations(Treeprocessor):
    """Links each number of a citation to the reference of that number in the paper's list
    (`#ref-N` on the paper's page), where the paper has that many references: `[12]` in a
    paper of 9 references stays text."""

    def __init__(self, md: markdown.Markdown | None) -> None:
        super().__init__(md)
        self.count = 0
        """How many references the paper being rendered has."""

    def run(self, root: etree.Element) -> None:
        if not self.count:
            return
        for parent in list(root.iter()):
            if parent.tag in ("a", "code", "pre"):
                continue
            if parent.text and "[" in parent.text:
                parent.text, parent[0:0] = self._linked(parent.text)
            for child in list(parent):
                if child.tail and "[" in child.tail:
                    at = list(parent).index(child) + 1
                    child.tail, parent[at:at] = self._linked(child.tail)

    def _linked(self, text: str) -> tuple[str, list[etree.Element]]:
        """`text` up to its first linked number, and the links, each with the text after it."""
        head, pos = text, 0
        made: list[etree.Element] = []
        for match in CITATION.finditer(text):
            numbers = list(_NUMBER.finditer(match.group(1)))
            if not all(1 <= int(n.group()) <= self.count for n in numbers):
                continue
            for number in numbers:
                start = match.start(1) + number.start()
                if made:
                    made[-1].tail = text[pos:start]
                else:
                    head = text[:start]
                made.append(etree.Element("a", {"href": f"#ref-{int(number.group())}"}))
                made[-1].text = number.group()
                pos = start + len(number.group())
        if made:
            made[-1].tail = text[pos:]
        return head, made


# What each of Python-Markdown's inline patterns needs in a text to match (one of these strings,
# the literal its expression starts with). A pattern not named here is always tried.
# A match puts a placeholder of letters and control characters in the text, none of these.
_NEEDS = {
    "backtick": ("`",), "escape": ("\\",), "footnote": ("[^",), "reference": ("[",), "link": ("[",),
    "image_link": ("![",), "image_reference": ("![",), "short_reference": ("[",), "short_image_ref": ("![",),
    "autolink": ("<",), "linebreak": ("  \n",), "entity": ("&",), "em_strong": ("*", "_"),
}  # fmt: skip


class _Inline(InlineProcessor):
    """Python-Markdown's inline stage, which skips a pattern where what it needs is missing.

    The stage tries each of its 13 patterns on each text of the body, a Python call each, though
    most texts of a paper have no markup at all: that was about 45% of the time of a body. Whether a
    pattern can match is a substring test or two. The output is unchanged (tests/test_site_markdown.py
    compares it with Python-Markdown's own stage). This replaces the stage's loop over the patterns,
    a private method of Python-Markdown 3 (pinned in constraints.txt): were it renamed, the stage
    would run as before, only slower."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self._needs: list[tuple[str, ...]] = []

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        named = {id(self.inlinePatterns[name]): needs for name, needs in _NEEDS.items() if name in self.inlinePatterns}
        self._needs = [named.get(id(pattern), ("",)) for pattern in self.inlinePatterns]  # "" is in every text
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if isinstance(data, markdown.util.AtomicString):
            return data
        start = 0
        while patternIndex < len(self._needs):
            for need in self._needs[patternIndex]:
                if need in data:
                    break
            else:  # as after a pattern that did not match
                patternIndex, start = patternIndex + 1, 0
                continue
            pattern = self.inlinePatterns[patternIndex]
            data, matched, start = self._InlineProcessor__applyPattern(pattern, data, patternIndex, start)  # type: ignore[attr-defined]
            if not matched:
                patternIndex += 1
        return data


class _Untrusted(Extension):
    def __init__(self, mode: EmailMode) -> None:
        super().__init__()
        self.mode = mode
        self.headings = _Headings(None, frozenset())
        self.citations = _Citations(None)

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # No raw HTML at all: the block and inline HTML readers go, so tags stay text.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # <a@b.c> would otherwise become a mailto: link spelled in entities.
        md.inlinePatterns.deregister("automail")
        # Before `toc` (priority 5) so anchors and the contents list see the final levels.
        self.headings.md = md
        self.citations.md = md
        md.treeprocessors.register(self.headings, "paper_headings", 6)
        md.treeprocessors.register(_Emails(md, self.mode), "paper_emails", 4)
        md.treeprocessors.register(self.citations, "paper_citations", 3)
        md.treeprocessors.register(_Inline(md), "inline", 20)


# What a browser drops from an address before it reads it (the URL standard): spaces and
# controls at either end, tabs and line breaks anywhere.
_URL_ENDS = "".join(map(chr, range(0x21)))
_URL_BREAKS = re.compile("[\t\n\r]")


def _local_image(tag: str, attribute: str, value: str) -> str | None:
    """A picture of the paper's own folder, never one from elsewhere (which would tell another
    site who reads the paper). The address is judged as a browser reads it: `\\host/x` and
    `\\/host/x` are `//host/x` to a browser, though not to `urlsplit`."""
    if tag == "img" and attribute == "src":
        value = _URL_BREAKS.sub("", value.strip(_URL_ENDS)).replace("\\", "/")
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or value.startswith("/"):
            return None
    return value


def sanitise(html: str) -> str:
    """Keep only the allowlisted markup of a paper body."""
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        attribute_filter=_local_image,
        url_schemes={"http", "https"},
        allowed_classes=CLASSES,
        link_rel="noopener noreferrer nofollow",
    )


BACKLINK_TITLES = {
    "kk": "Мәтіндегі {}-ескертпеге оралу",
    "ru": "Вернуться к сноске {} в тексте",
    "en": "Jump back to footnote {} in the text",
}


class BodyRenderer:
    """Renders paper bodies one after another with one Python-Markdown instance: making an
    instance costs about as much as converting a short paper."""

    def __init__(self, emails: EmailMode = "hidden") -> None:
        self._untrusted = _Untrusted(emails)
        self._footnotes = FootnoteExtension()
        self._md = markdown.Markdown(
            extensions=["tables", "fenced_code", self._footnotes, "sane_lists", "toc", self._untrusted],
            extension_configs={
                "tables": {"use_align_attribute": True},
                "toc": {"slugify": slugify, "toc_depth": "2-3"},
            },
            output_format="html",
        )

    def render(
        self, text: str, reserved: frozenset[str] = frozenset(), language: str = "en", references: int = 0
    ) -> Body:
        """A paper's Markdown body as safe HTML; its headings' anchors avoid the ids in `reserved`.
        A footnote's link back to the text is titled in the paper's `language`; citations of its
        `references` link to them."""
        self._untrusted.headings.reserved = reserved
        self._untrusted.citations.count = references
        self._footnotes.setConfig("BACKLINK_TITLE", BACKLINK_TITLES.get(language, BACKLINK_TITLES["en"]))
        self._md.reset()
        html = self._md.convert(CONTROLS.sub("", text))
        headings = tuple(_flatten(getattr(self._md, "toc_tokens", [])))
        return Body(sanitise(html), headings)


def render_body(text: str, emails: EmailMode = "hidden", reserved: frozenset[str] = frozenset()) -> Body:
    """One paper body as safe HTML (see BodyRenderer)."""
    return BodyRenderer(emails).render(text, reserved)


def _flatten(tokens: list[dict[str, object]]) -> list[Heading]:
    out = []
    for token in tokens:
        out.append(Heading(int(str(token["level"])), str(token["id"]), str(token["name"])))
        children = token.get("children")
        if isinstance(children, list):
            out += _flatten(children)
    return out
