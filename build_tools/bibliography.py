"""Citations and exports of the archive's papers. The only module that imports pybtex.

Interface used by the pipeline and the paper page (its owner fills it in):
- `files(catalog)`: downloadable files (BibTeX, RIS, CSL-JSON...) by path relative to the site root.
- `paper_head(catalog, paper)`: HTML for the paper page's <head> (citation_* meta tags...).
- `cite_box(catalog, paper)`: HTML of the "Cite this paper" box.
- `pages(catalog)`: extra Markdown pages (works cited...) by path relative to the docs folder.
"""

from __future__ import annotations

from .catalog import Catalog
from .model import Paper


def files(catalog: Catalog) -> dict[str, bytes]:
    return {}


def paper_head(catalog: Catalog, paper: Paper) -> str:
    return ""


def cite_box(catalog: Catalog, paper: Paper) -> str:
    return ""


def pages(catalog: Catalog) -> dict[str, str]:
    return {}
