"""The prebuilt search index of the site. The only module that imports lunr.

Interface used by the pipeline (its owner fills it in):
- `files(catalog)`: the index and its data files by path relative to the site root.
"""

from __future__ import annotations

from .catalog import Catalog


def files(catalog: Catalog) -> dict[str, bytes]:
    return {}
