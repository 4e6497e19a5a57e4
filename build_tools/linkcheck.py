"""`check-links`: every internal link and anchor of a built site resolves.

Reads the HTML files the build wrote, with no server: a link is followed the way a browser
reading the files would, so the same check holds for GitHub Pages and the offline copy.
Links to other sites are not followed (the check runs without a network), but a link
with a scheme a reader's browser should never follow from this archive is reported.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .problems import Position, Problem

# Attributes that make the browser load or navigate to a URL.
LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src")}
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "doi"}
ALLOWED_DATA = {"img"}


@dataclass(frozen=True)
class Link:
    tag: str
    url: str
    position: Position


class _Page(HTMLParser):
    """The links and anchor targets of one HTML file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, offset = self.getpos()
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.anchors.add(value)
            if (tag, name) in LINK_ATTRIBUTES:
                self.links.append(Link(tag, value, Position(line, offset + 1)))

    handle_startendtag = handle_starttag


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    page.close()
    return page


def _target(site: Path, page: Path, path: str, files_only: bool = False) -> Path:
    """The file a relative or root-relative link from `page` points at."""
    base = "/" + page.parent.relative_to(site).as_posix()
    joined = posixpath.normpath(posixpath.join(base, unquote(path)))
    target = site / joined.lstrip("/")
    if (path.endswith("/") or target.is_dir()) and not files_only:
        target = target / "index.html"
    return target


def check_links(site: Path, files_only: bool = False) -> list[Problem]:
    """Every problem with the links of the HTML files under `site`. With `files_only` (the
    offline edition, read from disk), a link must name a file: a browser opening a folder from
    disk shows its listing, not its index.html."""
    problems: list[Problem] = []
    if not site.is_dir():
        return [Problem(site, None, "", "the site folder does not exist; build the site first")]
    pages = {path: _parse(path) for path in sorted(site.rglob("*.html"))}
    root = site.resolve()
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link.url)
            if parts.scheme:
                if parts.scheme in EXTERNAL_SCHEMES or (parts.scheme == "data" and link.tag in ALLOWED_DATA):
                    continue
                problems.append(Problem(path, link.position, "link", f"{link.url!r}: scheme {parts.scheme!r}"))
                continue
            if parts.netloc:
                continue  # protocol-relative: another site
            if files_only and parts.path.startswith("/"):
                message = f"{link.url!r}: read from disk, a link from the root points at the disk's root"
                problems.append(Problem(path, link.position, "link", message))
                continue
            target = _target(site, path, parts.path, files_only) if parts.path else path
            if not target.resolve().is_relative_to(root):
                problems.append(Problem(path, link.position, "link", f"{link.url!r} points outside the site"))
            elif files_only and target.is_dir():
                message = f"{link.url!r} names a folder: read from disk, it must name the folder's index.html"
                problems.append(Problem(path, link.position, "link", message))
            elif not target.is_file():
                problems.append(Problem(path, link.position, "link", f"{link.url!r}: no such page or file"))
            elif parts.fragment and target.suffix == ".html":
                anchors = pages[target].anchors if target in pages else _parse(target).anchors
                if unquote(parts.fragment) not in anchors:
                    problems.append(
                        Problem(path, link.position, "link", f"{link.url!r}: no anchor #{parts.fragment} there")
                    )
    return problems
