"""model -> Markdown pages: each renderer module makes a set of pages from the catalog.

A renderer is a module with `pages(catalog, site) -> {docs-relative path: Markdown}`; add it to
`RENDERERS` and its pages are built, checked for clashes and written like every other. A
renderer may also have `files(catalog) -> {docs-relative path: source file}` for files copied
as they are (a paper's PDF and images): list it in `COPIERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from .. import write
from ..cache import Cache
from ..catalog import Catalog
from . import home, languages, paper, people, schema_reference, udc, volume
from .base import Site

Renderer = Callable[[Catalog, Site], Mapping[str, write.Content]]
Copier = Callable[[Catalog], dict[str, Path]]

RENDERERS: tuple[Renderer, ...] = (
    home.pages,
    paper.pages,
    volume.pages,
    people.pages,
    udc.pages,
    languages.pages,
    schema_reference.pages,
)
COPIERS: tuple[Copier, ...] = (paper.files,)

__all__ = ["COPIERS", "RENDERERS", "Site", "copies", "pages"]


def pages(
    catalog: Catalog, site: Site, kept: Cache | None = None, stage: write.Stage | None = None
) -> dict[str, write.Content]:
    """Every generated page. Two renderers making one path is a bug, raised at once. Paper
    pages, the bulk of the work, are kept in `kept` between builds and, with `stage`, written
    there as they come (their files stand for them in the result)."""
    out: dict[str, write.Content] = {}
    for renderer in RENDERERS:
        made = paper.pages(catalog, site, kept, stage) if renderer is paper.pages else renderer(catalog, site)
        for path, text in made.items():
            if path in out:
                raise ValueError(f"two renderers make {path}")
            out[path] = text
    return out


def copies(catalog: Catalog) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for copier in COPIERS:
        out.update(copier(catalog))
    return out
