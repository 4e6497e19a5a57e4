"""UDC classes: `/udc/`, the tree of the classes the archive's papers file under, and a page per
class at `/udc/<main number>/` with its caption in Kazakh, Russian and English, its broader
classes, its subclasses with counts, and the papers classed under it.

Counts roll up: a paper under 327.8 counts for 327.8, 327, 32 and 3 (catalog.UDC files it under
every ancestor). A code with auxiliaries such as `327(574)` files under its main number (327),
and the page shows the code in full beside the paper.

Only classes that have papers, and their broader classes, get pages. The empty siblings from the
UDC Summary (about 2,600 classes) are left out: a reader browsing the archive would meet dead ends
that look like content, and the Summary itself is the place to browse the whole scheme.

Captions are the Multilingual UDC Summary's (CC BY-SA 3.0): every UDC page carries the
attribution line and links to the page that describes the data and its licence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..catalog import UDC, Catalog
from ..model import LANGUAGES, Language, Paper
from ..udc import Caption, ancestors, caption_for, captions
from .base import Site, docs_path, render, udc_url
from .facets import PaperItem, labels, paper_items

INDEX_URL = "udc/"
ABOUT_URL = "udc-captions/"
"""The hand-written page (docs/udc-captions/index.md) on the source and licence of the captions."""

ATTRIBUTION = (
    "Multilingual Universal Decimal Classification Summary (UDCC Publication No. 088). "
    "Copyright: UDC Consortium, 2013. Released for use and distribution under the "
    "Creative Commons Attribution Share Alike 3.0 license."
)
"""In the words the UDC Consortium asks for (build_tools/data/udc/README.md)."""
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/3.0/"


def order(code: str) -> str:
    """UDC order of main numbers: decimal, so 327 < 327.5 < 327.8 < 33 (compare the digits)."""
    return code.replace(".", "")


def parent(code: str) -> str | None:
    chain = ancestors(code)
    return chain[-2] if len(chain) > 1 else None


@dataclass(frozen=True)
class UdcClass:
    """One class of the tree, as the pages show it."""

    code: str
    count: int
    """Papers under this class or any subclass; a paper counts once however many codes it has here."""
    captioned: str | None
    """The code whose caption is shown: this code, the nearest broader class in the Summary, or None."""
    caption: Caption | None
    children: tuple[str, ...]

    def captions(self) -> list[tuple[Language, str]]:
        """The caption in each language that has one (an untranslated cell is left out, not shown in English)."""
        if self.caption is None:
            return []
        found = {"kk": self.caption.kk, "ru": self.caption.ru, "en": self.caption.en}
        return [(lang, text) for lang in LANGUAGES if (text := found[lang])]

    def caption_in(self, language: Language) -> list[tuple[Language, str]]:
        """The caption for a reader of `language`: in it, else in English; empty without a caption."""
        found = dict(self.captions())
        lang: Language = language if language in found else "en"
        return [(lang, found[lang])] if lang in found else []


def tree(catalog: Catalog) -> dict[str, UdcClass]:
    """Every class that has papers, with its broader classes, in UDC order."""
    index = catalog.index(UDC)
    codes = sorted(index, key=order)
    children: dict[str, list[str]] = {code: [] for code in codes}
    for code in codes:
        up = parent(code)
        if up is not None:
            children[up].append(code)
    out = {}
    for code in codes:
        found = caption_for(code)
        out[code] = UdcClass(
            code,
            len(index[code]),
            found[0] if found else None,
            found[1] if found else None,
            tuple(children[code]),
        )
    return out


# Place and form auxiliaries `(574)`, `(075.8)` and language auxiliaries `=512.122`, which the
# Summary captions under exactly that notation.
AUXILIARY = re.compile(r"\([^()]+\)|=[\d.]+")


@dataclass(frozen=True)
class FullCode:
    """A code as printed on a paper, with the captions of the auxiliaries the Summary has."""

    code: str
    auxiliaries: tuple[tuple[str, Caption], ...]


def full_code(code: str) -> FullCode:
    table = captions()
    found = (aux.rstrip(".") for aux in AUXILIARY.findall(code))
    return FullCode(code, tuple((aux, table[aux]) for aux in dict.fromkeys(found) if aux in table))


def filed_under(catalog: Catalog) -> dict[str, list[Paper]]:
    """The papers under each main number of their own codes, in catalog order: one pass over
    the papers, instead of one per class (hundreds of classes times thousands of papers)."""
    out: dict[str, list[Paper]] = {}
    for paper in catalog.papers.values():
        for main in dict.fromkeys(u.main for u in paper.udc):
            out.setdefault(main, []).append(paper)
    return out


def classed_here(
    catalog: Catalog, code: str, filed: dict[str, list[Paper]] | None = None
) -> list[tuple[PaperItem, tuple[FullCode, ...]]]:
    """Papers whose own code files under `code`, each with those codes in full (`327(574)`).
    `filed` is `filed_under(catalog)`, made once for every class."""
    papers = (filed if filed is not None else filed_under(catalog)).get(code, [])
    items = paper_items(catalog, papers)
    return [(item, tuple(full_code(u.code) for u in item.paper.udc if u.main == code)) for item in items]


def pages(catalog: Catalog, site: Site) -> dict[str, str]:
    t = labels(site.language)
    classes = tree(catalog)
    common = {"t": t, "classes": classes, "attribution": ATTRIBUTION, "licence_url": LICENCE_URL, "about": ABOUT_URL}
    roots = [c for c in classes.values() if parent(c.code) is None]
    filed = filed_under(catalog)
    out = {docs_path(INDEX_URL): render("udc_index.md.j2", site, INDEX_URL, roots=roots, **common)}
    for udc_class in classes.values():
        url = udc_url(udc_class.code)
        out[docs_path(url)] = render(
            "udc_class.md.j2",
            site,
            url,
            node=udc_class,
            broader=[classes[c] for c in ancestors(udc_class.code)[:-1]],
            papers=classed_here(catalog, udc_class.code, filed),
            **common,
        )
    return out
