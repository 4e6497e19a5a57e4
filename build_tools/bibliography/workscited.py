"""The page of every work cited across the archive, each with the papers that cite it.

Written as one raw HTML block inside the Markdown page: reference texts are contributor text,
full of `*`, `[` and `_` that Markdown would read as markup, so they are HTML-escaped and kept
out of Markdown's hands. Only http(s) links are made links.
"""

from __future__ import annotations

from html import escape

from ..catalog import Catalog
from ..collation import sort_key
from .references import URL, Work

TITLE = "Works cited"


def _linked(text: str) -> str:
    """The printed text, escaped, with its http(s) URLs as links."""
    out = []
    last = 0
    for match in URL.finditer(text):
        url = match.group(1).rstrip(".,;:)")
        start = match.start(1)
        out.append(escape(text[last:start]))
        out.append(f'<a href="{escape(url)}" rel="nofollow noopener">{escape(url)}</a>')
        last = start + len(url)
    out.append(escape(text[last:]))
    return "".join(out)


def cited_by(count: int) -> str:
    return f"cited by {count} paper{'s' if count != 1 else ''} in this archive"


def works_cited_page(catalog: Catalog, works: list[Work]) -> str:
    ordered = sorted(works, key=lambda w: (-len(w.papers), sort_key(w.reference.text)))
    items = []
    for work in ordered:
        citing = []
        for citation in work.citations:
            paper = catalog.papers[citation.paper]
            citing.append(
                f'<li><a href="../{escape(paper.id)}/">{escape(paper.printed_title)}</a> '
                f'<span class="works-cited__number">[{citation.number}]</span></li>'
            )
        items.append(
            "<li>"
            f'<p class="works-cited__text">{_linked(work.reference.text)}</p>'
            f'<p class="works-cited__count">{cited_by(len(work.papers))}</p>'
            f'<ul class="works-cited__papers">{"".join(citing)}</ul>'
            "</li>"
        )
    papers = len({c.paper for w in works for c in w.citations})
    summary = f"{len(works)} works cited in {papers} papers of the archive."
    # One line per item keeps the HTML block free of blank lines, which would end it in Markdown.
    body = "\n".join(items)
    return (
        f"---\ntitle: {TITLE}\n---\n\n# {TITLE}\n\n"
        f'<p class="works-cited__summary">{escape(summary)}</p>\n\n'
        f'<ol class="works-cited">\n{body}\n</ol>\n'
        if items
        else f"---\ntitle: {TITLE}\n---\n\n# {TITLE}\n\n<p>No references yet.</p>\n"
    )
