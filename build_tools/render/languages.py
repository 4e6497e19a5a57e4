"""Languages: `/languages/`, the archive's papers counted by language and volume, and a page per
language at `/languages/<kk|ru|en>/` with its papers volume by volume.

The three languages of the archive always have pages, with or without papers: they are a fixed
set the home page and paper pages link to, unlike UDC classes, which get pages only when used.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import LANGUAGE, Catalog
from ..model import LANGUAGES, Language, Paper, Volume
from .base import Site, docs_path, language_url, render
from .facets import PaperItem, labels, paper_items

INDEX_URL = "languages/"


@dataclass(frozen=True)
class VolumeGroup:
    """A language's papers in one volume, in printed order."""

    volume: Volume
    items: tuple[PaperItem, ...]


def counts(catalog: Catalog) -> dict[Language, dict[str, int]]:
    """Papers per language and volume id (every volume, zeros included), for the index table."""
    index = catalog.index(LANGUAGE)
    out: dict[Language, dict[str, int]] = {}
    for language in LANGUAGES:
        papers = index.get(language, [])
        out[language] = {v: sum(p.volume == v for p in papers) for v in catalog.volumes}
    return out


def by_volume(catalog: Catalog, papers: list[Paper]) -> list[VolumeGroup]:
    """`papers` grouped by volume, newest volume first (the catalog orders them by year)."""
    groups = []
    for volume in reversed(catalog.volumes.values()):
        here = [p for p in papers if p.volume == volume.id]
        if here:
            groups.append(VolumeGroup(volume, tuple(paper_items(catalog, here))))
    return groups


def pages(catalog: Catalog, site: Site) -> dict[str, str]:
    t = labels(site.language)
    table = counts(catalog)
    volumes = list(reversed(catalog.volumes.values()))
    out = {
        docs_path(INDEX_URL): render(
            "language_index.md.j2", site, INDEX_URL, t=t, languages=LANGUAGES, table=table, volumes=volumes
        )
    }
    index = catalog.index(LANGUAGE)
    for language in LANGUAGES:
        url = language_url(language)
        papers = index.get(language, [])
        out[docs_path(url)] = render(
            "language_page.md.j2",
            site,
            url,
            t=t,
            language=language,
            total=len(papers),
            groups=by_volume(catalog, papers),
        )
    return out
