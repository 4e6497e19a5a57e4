"""Citations and exports of the archive's papers. The only package that imports pybtex.

Interface used by the pipeline and the paper page:
- `files(catalog)`: downloads by path relative to the site root: for each paper
  `<id>/<id>.bib` (UTF-8), `<id>/<id>-ascii.bib` (7-bit), `<id>/<id>.ris`, `<id>/<id>.json`
  (CSL-JSON) and `<id>/<id>-references.json` (its reference list, parsed); for each volume
  `volumes/<id>/<id>.bib`, for each author `people/<id>/<id>.bib`, and `archive.bib`.
- `paper_head(catalog, paper)`: citation tags for the paper page's <head>.
- `cite_box(catalog, paper)`: HTML of the "Cite this paper" box.
- `pages(catalog)`: `works-cited/index.md`, every work cited across the archive.

`site_url` (the site's public root, such as `https://example.org/archive/`) makes the URLs in
the exports and tags absolute; without it, exports carry no URL and tags link relative to the
paper page.

Inside: `record` builds the one `Record` of a paper; `exports`, `styles`, `head` and `citebox`
render it; `references` reads the printed reference lists; `workscited` writes the page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import partial

from .. import write
from ..cache import Cache, key
from ..catalog import Catalog
from ..model import Paper
from . import exports, styles
from .citebox import cite_box_html
from .head import head_html
from .record import build_record
from .references import Citation, Reference, parse, works
from .workscited import works_cited_pages

__all__ = ["citations", "cite_box", "files", "pages", "paper_head", "references_of"]


def files(
    catalog: Catalog, *, site_url: str | None = None, kept: Cache | None = None, stage: write.Stage | None = None
) -> dict[str, write.Content]:
    """Every download. A paper's own exports are kept in `kept` between builds: made by pybtex
    and latexcodec, they cost about 20 ms a paper, and change only when the paper does. With
    `stage`, they are written there as they come (their files stand for them in the result)."""
    kept = kept or Cache(None, "paper-exports")
    keys = {paper.id: _exports_key(catalog, paper, site_url) for paper in catalog.papers.values()}

    made = kept.made_by_workers(keys, _exports_of, (catalog, site_url), tuple, partial(_hold, stage))
    texts: dict[str, str] = {paper_id: text for paper_id, (text, _) in made.items()}
    out: dict[str, write.Content] = {path: data for _, held in made.values() for path, data in held.items()}
    for volume in catalog.volumes.values():
        out[f"volumes/{volume.id}/{volume.id}.bib"] = exports.bib_file([texts[p.id] for p in catalog.papers_in(volume)])
    for person_id, papers in catalog.works("authors").items():
        out[f"people/{person_id}/{person_id}.bib"] = exports.bib_file([texts[p.id] for p in papers])
    out["archive.bib"] = exports.bib_file(list(texts.values()))
    return out


def _exports_key(catalog: Catalog, paper: Paper, site_url: str | None) -> str:
    """Everything a paper's record is made from (record.build_record), and the site's address."""
    volume = catalog.volumes[paper.volume]
    return key("paper exports", site_url, paper, volume, catalog.edited(volume), catalog.credited(paper, "authors"))


def _hold(
    stage: write.Stage | None, _: str, made: tuple[str, dict[str, bytes]]
) -> tuple[str, Mapping[str, write.Content]]:
    text, paper_files = made
    return text, {path: write.held(stage, path, data) for path, data in paper_files.items()}


def _exports_of(shared: tuple[Catalog, str | None], paper_id: str) -> tuple[str, dict[str, bytes]]:
    catalog, site_url = shared
    return _paper_files(catalog, catalog.papers[paper_id], site_url)


def _paper_files(catalog: Catalog, paper: Paper, site_url: str | None) -> tuple[str, dict[str, bytes]]:
    """A paper's BibTeX entry, and its downloads by path."""
    record = build_record(catalog, paper)
    entry = exports.entry(record, site_url)
    text = exports.bibtex_entry(entry)
    out: dict[str, bytes] = {}
    out[record.download(".bib")] = exports.bib_file([text])
    out[record.download("-ascii.bib")] = exports.bib_file([exports.bibtex_entry(entry, "ascii")], "ascii")
    out[record.download(".ris")] = exports.ris(entry)
    out[record.download(".json")] = exports.csl_json([exports.csl(entry)])
    parsed = [_reference_json(r) for r in references_of(paper)]
    out[record.download("-references.json")] = (json.dumps(parsed, ensure_ascii=False, indent=2) + "\n").encode()
    return text, out


def paper_head(catalog: Catalog, paper: Paper, *, site_url: str | None = None) -> str:
    return head_html(build_record(catalog, paper), site_url)


def cite_box(catalog: Catalog, paper: Paper, *, site_url: str | None = None, language: str | None = None) -> str:
    """The box's labels in the interface `language` (default: the paper's); citations in the paper's."""
    record = build_record(catalog, paper)
    cited = exports.entry(record, site_url, marked=True)
    gost = styles.render(styles.gost(), cited, "html")
    apa = styles.render(styles.apa(), cited, "html")
    bibtex = exports.bibtex_entry(exports.entry(record, site_url))
    return cite_box_html(record, gost, apa, bibtex, language)


def citation_text(catalog: Catalog, paper: Paper, style: str, *, site_url: str | None = None) -> str:
    """The paper's citation as plain text, in `gost` or `apa` style."""
    entry = exports.entry(build_record(catalog, paper), site_url, marked=True)
    chosen = styles.gost() if style == "gost" else styles.apa()
    return styles.render(chosen, entry, "text")


def pages(catalog: Catalog, *, language: str = "en", directory_urls: bool = True) -> dict[str, str]:
    """The works-cited pages (`works-cited/index.md` first), labels in the interface `language`."""
    return works_cited_pages(catalog, works(citations(catalog)), language, directory_urls)


def references_of(paper: Paper) -> list[Reference]:
    """The paper's reference list, each printed reference read into fields, in printed order."""
    return [parse(text) for text in paper.references]


def citations(catalog: Catalog) -> list[Citation]:
    return [
        Citation(paper.id, number, reference)
        for paper in catalog.papers.values()
        for number, reference in enumerate(references_of(paper), start=1)
    ]


def _reference_json(reference: Reference) -> dict[str, object]:
    fields = {
        "printed": reference.text,
        "authors": list(reference.authors),
        "title": reference.title,
        "year": reference.year,
        "container": reference.container,
        "pages": reference.pages,
        "url": reference.url,
        "doi": reference.doi,
        "accessed": reference.accessed,
    }
    return {key: value for key, value in fields.items() if value not in (None, [])}
