"""A page per volume at `/volumes/<id>/` with its table of contents, and the index `/volumes/`."""

from __future__ import annotations

from ..catalog import Catalog
from .base import Site, docs_path, render, volume_url

INDEX = "volumes/"


def pages(catalog: Catalog, site: Site) -> dict[str, str]:
    out = {
        docs_path(volume_url(v.id)): render(
            "volume.md.j2", site, volume_url(v.id), catalog=catalog, volume=v, papers=catalog.papers_in(v)
        )
        for v in catalog.volumes.values()
    }
    newest_first = sorted(catalog.volumes.values(), key=lambda v: (-v.year, v.id))
    counts = {v.id: len(catalog.papers_in(v)) for v in newest_first}
    out[docs_path(INDEX)] = render("volumes.md.j2", site, INDEX, volumes=newest_first, counts=counts)
    return out
