"""A page per paper at `/<paper-id>/`, with its PDF and images beside it."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from .. import bibliography, cache, parallel, write
from ..catalog import Catalog
from ..load import IMAGE_SUFFIXES
from ..markdown import BodyRenderer, EmailMode, Heading, mask_emails
from ..model import Paper, Person
from ..udc import caption_for
from .base import Site, docs_path, paper_url, render

# A URL or a DOI inside a printed reference, made into a live link. The match is greedy;
# `_trim` then gives back the punctuation that ends the sentence around it.
URL = re.compile(r"https?://[^\s<>\"«»]+")
DOI = re.compile(r"(?:\bdoi:\s*|https?://(?:dx\.)?doi\.org/|\b)(10\.\d{4,9}/[^\s<>\"«»]+)", re.IGNORECASE)


def _trim(text: str) -> str:
    """Drop trailing punctuation, and a closing bracket that the link did not open."""
    unopened = {")": "(", "]": "["}
    while text and (
        text[-1] in ".,;:!?'" or (text[-1] in unopened and text.count(unopened[text[-1]]) < text.count(text[-1]))
    ):
        text = text[:-1]
    return text


@dataclass(frozen=True)
class Segment:
    """A piece of a reference: plain text, or a link with its text."""

    text: str
    href: str | None = None


def link_reference(reference: str) -> list[Segment]:
    """Split a printed reference into text and live links (URLs as printed, DOIs via doi.org)."""
    out: list[Segment] = []
    pos = 0
    matches: list[tuple[int, int, str]] = []
    for m in DOI.finditer(reference):
        doi = _trim(m.group(1))
        end = m.start(1) + len(doi)
        matches.append((m.start(), end, "https://doi.org/" + doi))
    for m in URL.finditer(reference):
        url = _trim(m.group())
        if not any(start < m.start() + len(url) and m.start() < end for start, end, _ in matches):
            matches.append((m.start(), m.start() + len(url), url))
    for start, end, href in sorted(matches):
        if start > pos:
            out.append(Segment(reference[pos:start]))
        out.append(Segment(reference[start:end], href))
        pos = end
    if pos < len(reference):
        out.append(Segment(reference[pos:]))
    return out


@dataclass(frozen=True)
class Credit:
    """One author or supervisor line of the page: as printed, and the registry person."""

    name: str
    person: Person
    details: tuple[str, ...]
    email: str | None = None
    orcid: str | None = None


def _credits(catalog: Catalog, paper: Paper) -> tuple[list[Credit], list[Credit]]:
    authors = [
        Credit(a.name.text, person, tuple(x for x in (a.status, a.affiliation) if x), a.email, a.orcid or person.orcid)
        for a, person in zip(paper.authors, catalog.credited(paper, "authors"), strict=True)
    ]
    supervisors = [
        Credit(s.name.text, person, tuple(x for x in (s.degree, s.affiliation) if x))
        for s, person in zip(paper.supervisors, catalog.credited(paper, "supervisors"), strict=True)
    ]
    return authors, supervisors


# The ids the page template gives its own parts; the body's anchors keep clear of them.
PAGE_IDS = frozenset({"paper-title", "paper-abstract", "paper-contents", "paper-references"})


def pdf_name(paper: Paper) -> str:
    return f"{paper.id}.pdf"


def render_paper(catalog: Catalog, site: Site, paper: Paper, bodies: BodyRenderer | None = None) -> str:
    url = paper_url(paper.id)
    reserved = PAGE_IDS | {f"ref-{i}" for i in range(1, len(paper.references) + 1)}
    body = (bodies or BodyRenderer(site.show_emails)).render(
        paper.body, reserved, paper.language, len(paper.references)
    )
    authors, supervisors = _credits(catalog, paper)
    volume = catalog.volumes[paper.volume]
    udc = []
    for code in paper.udc:
        found = caption_for(code.main)
        udc.append((code, found[1].get(site.language) if found else None))
    return render(
        "paper.md.j2",
        site,
        url,
        paper=paper,
        volume=volume,
        authors=authors,
        supervisors=supervisors,
        udc=udc,
        body=body,
        contents=[Heading(h.level, h.id, html.unescape(h.text)) for h in body.headings],
        references=[link_reference(mask_emails(r, site.show_emails)) for r in paper.references],
        pdf=pdf_name(paper) if paper.pdf else None,
        head=bibliography.paper_head(catalog, paper, site_url=site.url),
        cite_box=bibliography.cite_box(catalog, paper, site_url=site.url, language=site.language),
    )


@lru_cache(maxsize=4)
def _bodies(emails: EmailMode) -> BodyRenderer:
    """One body renderer per e-mail mode and process: making Python-Markdown costs about 1 ms."""
    return BodyRenderer(emails)


def _render_one(shared: tuple[Catalog, Site], paper_id: str) -> str:
    catalog, site = shared
    return render_paper(catalog, site, catalog.papers[paper_id], _bodies(site.show_emails))


def render_papers(catalog: Catalog, site: Site, ids: list[str]) -> dict[str, str]:
    """The pages of the papers `ids`; a large archive's in one process per core (about 14 ms of
    CPU a page, most of it Python-Markdown)."""
    pages = parallel.map_papers(_render_one, (catalog, site), ids)
    return {docs_path(paper_url(i)): page for i, page in zip(ids, pages, strict=True)}


def page_key(catalog: Catalog, site: Site, paper: Paper) -> str:
    """The cache key of a paper's page: everything the page is made from (the paper, its volume
    and editors, the registry people it credits, the site settings) and the build code."""
    volume = catalog.volumes[paper.volume]
    return cache.key(
        "paper page",
        site,
        paper,
        volume,
        catalog.edited(volume),
        catalog.credited(paper, "authors"),
        catalog.credited(paper, "supervisors"),
    )


def pages(
    catalog: Catalog, site: Site, kept: cache.Cache | None = None, stage: write.Stage | None = None
) -> dict[str, write.Content]:
    """Every paper's page; with `kept`, pages of unchanged papers come from the cache and only
    the others are rendered. With `stage`, each page is written there as it comes, and the
    result names those files instead of holding the pages."""
    kept = kept or cache.Cache(None, "paper-pages")
    keys = {paper.id: page_key(catalog, site, paper) for paper in catalog.papers.values()}

    made = kept.made_by_workers(keys, _render_one, (catalog, site), str, partial(_hold, stage))
    return {docs_path(paper_url(paper_id)): page for paper_id, page in made.items()}


def _hold(stage: write.Stage | None, paper_id: str, page: str) -> write.Content:
    return write.held(stage, docs_path(paper_url(paper_id)), page)


def files(catalog: Catalog) -> dict[str, Path]:
    """The PDF and images of each paper, beside its page (docs-relative path -> source file)."""
    out: dict[str, Path] = {}
    for paper in catalog.papers.values():
        if paper.pdf is not None:
            out[paper_url(paper.id) + pdf_name(paper)] = paper.pdf
        for item in sorted(paper.folder.iterdir()):
            if item.is_file() and item.suffix.lower() in IMAGE_SUFFIXES:
                out[paper_url(paper.id) + item.name] = item
    return out
