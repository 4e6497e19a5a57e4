"""The "Cite this paper" box: GOST, APA and BibTeX, each with a copy button, and the downloads.

The box is plain HTML that works without JavaScript: the citations are selectable text and the
downloads are links. The copy buttons start `hidden` and `cite-box.js` shows them, so a reader
without JavaScript never sees a button that does nothing.
"""

from __future__ import annotations

from html import escape

from .record import Record

LABELS = {
    "kk": {"title": "Мақаланы дәйексөзге алу", "copy": "Көшіру", "done": "Көшірілді", "download": "Жүктеп алу"},
    "ru": {"title": "Как цитировать", "copy": "Копировать", "done": "Скопировано", "download": "Скачать"},
    "en": {"title": "Cite this paper", "copy": "Copy", "done": "Copied", "download": "Download"},
}
SCRIPT = "assets/javascripts/cite-box.js"
"""The copy buttons' script, relative to the site root (in build_tools/theme/)."""


def cite_box_html(record: Record, gost_html: str, apa_html: str, bibtex: str, language: str | None = None) -> str:
    """`gost_html` and `apa_html` come escaped from pybtex's HTML backend; `bibtex` is plain text.
    The box's own words are in the interface `language`; the citations in the paper's."""
    labels = LABELS.get(language or record.language, LABELS[record.language])
    items = []
    for kind, label, body in (
        ("gost", "GOST R 7.0.100-2018" if language == "en" else "ГОСТ Р 7.0.100-2018", f"<p>{gost_html}</p>"),
        ("apa", "APA 7", f"<p>{apa_html}</p>"),
        ("bibtex", "BibTeX", f"<pre><code>{escape(bibtex.strip())}</code></pre>"),
    ):
        target = f"cite-{record.key}-{kind}"
        items.append(
            f'<div class="cite-box__item">\n'
            f'<div class="cite-box__label"><strong>{label}</strong> '
            f'<button type="button" class="md-button cite-box__copy" data-cite-copy="{target}" '
            f'data-cite-done="{labels["done"]}" aria-live="polite" hidden>'
            f"{labels['copy']}</button></div>\n"
            f'<div class="cite-box__text" id="{target}">{body}</div>\n'
            f"</div>"
        )
    downloads = " · ".join(
        f'<a href="{escape(record.key + suffix)}" download>{name}</a>'
        for suffix, name in (
            (".bib", "BibTeX"),
            ("-ascii.bib", "BibTeX (ASCII)"),
            (".ris", "RIS"),
            (".json", "CSL-JSON"),
        )
    )
    return (
        f'<section class="cite-box" id="cite" aria-label="{labels["title"]}">\n'
        f'<p class="cite-box__title"><strong>{labels["title"]}</strong></p>\n'
        + "\n".join(items)
        + f'\n<p class="cite-box__downloads">{labels["download"]}: {downloads}</p>\n'
        "</section>\n"
    )
