"""The pages of every work cited across the archive, each with the papers that cite it.

Written as finished HTML, given to the theme without a Markdown pass: reference texts are contributor text,
full of `*`, `[` and `_` that Markdown would read as markup, so they are HTML-escaped and kept
out of Markdown's hands. Only http(s) links are made links.
"""

from __future__ import annotations

from html import escape

from ..catalog import Catalog
from ..collation import letter, sort_key
from ..text import yaml_string
from .references import URL, Work

LABELS = {
    "kk": {"title": "Сілтеме жасалған еңбектер", "works": "Еңбектер", "papers": "Әдебиеттер тізімі бар мақалалар",
           "none": "Әзірге әдебиет жоқ.", "most": "Ең көп сілтеме жасалғандар", "all": "Барлық еңбектер"},
    "ru": {"title": "Цитируемые работы", "works": "Работ", "papers": "Статей со списками литературы",
           "none": "Пока нет ссылок.", "most": "Чаще всего цитируемые", "all": "Все работы"},
    "en": {"title": "Works cited", "works": "Works", "papers": "Papers with reference lists",
           "none": "No references yet.", "most": "Most cited", "all": "All works"},
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


PER_PAGE = 500
"""Works on one page: at 1,000 papers the archive cites some 15,000 works, 7 MB on one page."""
MOST_CITED = 50
"""Works listed first on the first page, when cited by more than one paper."""


def _work_item(catalog: Catalog, work: Work, language: str, root: str, index: str) -> str:
    citing = []
    for citation in work.citations:
        paper = catalog.papers[citation.paper]
        url = f"{root}{escape(paper.id)}/{index}"
        citing.append(
            f'<li><a href="{url}">{escape(paper.printed_title)}</a> '
            f'<a class="works-cited__number" href="{url}#ref-{citation.number}">[{citation.number}]</a></li>'
        )
    # One line per item keeps the HTML block free of blank lines, which would end it in Markdown.
    return (
        "<li>"
        f'<p class="works-cited__text">{_linked(work.reference.text)}</p>'
        f'<p class="works-cited__count">{cited_by(len(work.papers), language)}</p>'
        f'<ul class="works-cited__papers">{"".join(citing)}</ul>'
        "</li>"
    )


def _front_matter(title: str) -> str:
    """The page is finished HTML (`html: true`): build_tools/theme_hook.py gives it to the theme
    without a Markdown pass, which took 0.3 s for each page of 500 works."""
    return f"---\nhtml: true\ntitle: {yaml_string(title)}\n---\n\n"


def page_path(number: int) -> str:
    """Docs path of page `number` (1-based): `works-cited/index.md`, `works-cited/2/index.md`."""
    return "works-cited/index.md" if number == 1 else f"works-cited/{number}/index.md"


def works_cited_pages(
    catalog: Catalog, works: list[Work], language: str, directory_urls: bool = True, per_page: int = PER_PAGE
) -> dict[str, str]:
    """Every work in alphabetical order, `per_page` to a page, the first page opening with the
    most cited. Without `directory_urls` (the offline edition), links name their index.html."""
    labels = LABELS.get(language, LABELS["en"])
    index = "" if directory_urls else "index.html"
    title = labels["title"]
    if not works:
        return {page_path(1): f"{_front_matter(title)}<h1>{escape(title)}</h1>\n<p>{labels['none']}</p>\n"}
    ordered = sorted(works, key=lambda w: sort_key(w.reference.text))
    chunks = [ordered[i : i + per_page] for i in range(0, len(ordered), per_page)]
    ranges = [f"{letter(c[0].reference.text)}–{letter(c[-1].reference.text)}" for c in chunks]
    papers = len({c.paper for w in works for c in w.citations})
    summary = f"{labels['works']}: {len(works)}. {labels['papers']}: {papers}."
    out = {}
    for number, chunk in enumerate(chunks, start=1):
        # Page 1 sits at works-cited/, the others one folder deeper.
        up = "../" if number == 1 else "../../"
        home = "" if number == 1 else "../"
        links = []
        for other, label in enumerate(ranges, start=1):
            if other == number:
                links.append(f'<strong aria-current="page">{escape(label)}</strong>')
            else:
                href = home + ("" if other == 1 else f"{other}/") + index
                links.append(f'<a href="{href}">{escape(label)}</a>')
        pager = f'<nav class="works-cited__pages">{" · ".join(links)}</nav>\n\n' if len(chunks) > 1 else ""
        heading = title if number == 1 else f"{title}: {ranges[number - 1]}"
        parts = [
            f"{_front_matter(heading)}<h1>{escape(heading)}</h1>\n",
            f'<p class="works-cited__summary">{escape(summary)}</p>\n\n',
        ]
        if number == 1:
            most = sorted(
                (w for w in works if len(w.papers) > 1), key=lambda w: (-len(w.papers), sort_key(w.reference.text))
            )[:MOST_CITED]
            if most:
                items = "\n".join(_work_item(catalog, w, language, up, index) for w in most)
                parts.append(f'<h2 id="most-cited">{escape(labels["most"])}</h2>\n')
                parts.append(f'<ol class="works-cited works-cited--most">\n{items}\n</ol>\n\n')
            parts.append(f'<h2 id="all">{escape(labels["all"])}</h2>\n')
        items = "\n".join(_work_item(catalog, w, language, up, index) for w in chunk)
        start = (number - 1) * per_page + 1
        parts += [pager, f'<ol class="works-cited works-cited--all" start="{start}">\n{items}\n</ol>\n', pager]
        out[page_path(number)] = "".join(parts)
    return out
