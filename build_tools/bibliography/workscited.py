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

LABELS = {
    "kk": {"title": "Сілтеме жасалған еңбектер", "works": "Еңбектер", "papers": "Әдебиеттер тізімі бар мақалалар",
           "none": "Әзірге әдебиет жоқ."},
    "ru": {"title": "Цитируемые работы", "works": "Работ", "papers": "Статей со списками литературы",
           "none": "Пока нет ссылок."},
    "en": {"title": "Works cited", "works": "Works", "papers": "Papers with reference lists",
           "none": "No references yet."},
}  # fmt: skip


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


def cited_by(count: int, language: str) -> str:
    """`cited by 4 papers in this archive`, in the site's interface language."""
    if language == "ru":
        one = count % 10 == 1 and count % 100 != 11
        return f"цитируется в {count} {'статье' if one else 'статьях'} этого архива"
    if language == "kk":
        return f"осы архивтің {count} мақаласында сілтеме жасалған"
    return f"cited by {count} paper{'s' if count != 1 else ''} in this archive"


def works_cited_page(catalog: Catalog, works: list[Work], language: str, directory_urls: bool = True) -> str:
    """Without `directory_urls` (the offline edition), links to papers name their index.html."""
    labels = LABELS.get(language, LABELS["en"])
    index = "" if directory_urls else "index.html"
    ordered = sorted(works, key=lambda w: (-len(w.papers), sort_key(w.reference.text)))
    items = []
    for work in ordered:
        citing = []
        for citation in work.citations:
            paper = catalog.papers[citation.paper]
            citing.append(
                f'<li><a href="../{escape(paper.id)}/{index}">{escape(paper.printed_title)}</a> '
                f'<a class="works-cited__number" href="../{escape(paper.id)}/{index}#ref-{citation.number}">'
                f"[{citation.number}]</a></li>"
            )
        items.append(
            "<li>"
            f'<p class="works-cited__text">{_linked(work.reference.text)}</p>'
            f'<p class="works-cited__count">{cited_by(len(work.papers), language)}</p>'
            f'<ul class="works-cited__papers">{"".join(citing)}</ul>'
            "</li>"
        )
    papers = len({c.paper for w in works for c in w.citations})
    summary = f"{labels['works']}: {len(works)}. {labels['papers']}: {papers}."
    # One line per item keeps the HTML block free of blank lines, which would end it in Markdown.
    body = "\n".join(items)
    head = f"---\ntitle: {labels['title']}\n---\n\n# {labels['title']}\n\n"
    if not items:
        return head + f"<p>{labels['none']}</p>\n"
    return head + f'<p class="works-cited__summary">{escape(summary)}</p>\n\n<ol class="works-cited">\n{body}\n</ol>\n'
