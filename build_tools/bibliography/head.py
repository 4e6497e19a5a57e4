"""A `Record` as the tags indexers and reference managers read from a paper page's <head>.

Highwire Press `citation_*` tags (what Google Scholar's inclusion guidelines ask for), Dublin
Core, Open Graph and schema.org `ScholarlyArticle` JSON-LD: four renderings of the same record.
Every value is contributor text, so every value is escaped here.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from .record import Record

OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}


def licence_url(licence: str) -> str | None:
    """`CC-BY-4.0` -> its deed URL (Creative Commons licences are the archive's usual ones)."""
    parts = licence.split("-")
    if len(parts) >= 3 and parts[0] == "CC" and parts[-1].replace(".", "").isdigit():
        kind = "-".join(parts[1:-1]).lower()
        if kind == "0":
            return f"https://creativecommons.org/publicdomain/zero/{parts[-1]}/"
        return f"https://creativecommons.org/licenses/{kind}/{parts[-1]}/"
    return None


def highwire(record: Record, site_url: str | None) -> list[tuple[str, str]]:
    tags = [("citation_title", record.title)]
    for author in record.authors:
        tags.append(("citation_author", author.inverted))
        if author.affiliation:
            # Scholar reads an institution as belonging to the citation_author just before it.
            tags.append(("citation_author_institution", author.affiliation))
    # Scholar asks for the date the paper would be cited with: for proceedings, the year.
    tags.append(("citation_publication_date", str(record.year)))
    tags.append(("citation_conference_title", record.conference or record.container))
    tags.append(("citation_inbook_title", record.container))
    tags.append(("citation_publisher", record.publisher))
    if record.pages:
        tags += [("citation_firstpage", str(record.pages.first)), ("citation_lastpage", str(record.pages.last))]
    if record.isbn:
        tags.append(("citation_isbn", record.isbn))
    tags.append(("citation_language", record.language))
    if record.keywords:
        tags.append(("citation_keywords", "; ".join(record.keywords)))
    if record.abstract:
        tags.append(("citation_abstract", record.abstract))
    if url := record.url(site_url):
        tags.append(("citation_abstract_html_url", url))
    # Without a site URL the PDF is named relative to the page, which sits in the same folder.
    pdf = record.pdf_url(site_url) or (f"{record.key}.pdf" if record.pdf_path else None)
    if pdf:
        tags.append(("citation_pdf_url", pdf))
    return tags


def dublin_core(record: Record, site_url: str | None) -> list[tuple[str, str]]:
    tags = [("DC.title", record.title)]
    tags += [("DC.creator", author.inverted) for author in record.authors]
    tags += [
        ("DC.date", str(record.year)),
        ("DC.type", "Text"),
        ("DC.language", record.language),
        ("DC.publisher", record.publisher),
        ("DC.source", record.container),
        ("DC.rights", record.licence),
    ]
    tags += [("DC.subject", keyword) for keyword in record.keywords]
    if record.abstract:
        tags.append(("DC.description", record.abstract))
    if url := record.url(site_url):
        tags.append(("DC.identifier", url))
    return tags


def open_graph(record: Record, site_url: str | None) -> list[tuple[str, str]]:
    tags = [("og:type", "article"), ("og:title", record.title), ("og:locale", OG_LOCALES[record.language])]
    if url := record.url(site_url):
        tags.append(("og:url", url))
    if record.abstract:
        tags.append(("og:description", record.abstract))
    tags += [("article:tag", keyword) for keyword in record.keywords]
    return tags


def json_ld(record: Record, site_url: str | None) -> dict[str, Any]:
    publisher = {"@type": "Organization", "name": record.publisher}
    book: dict[str, Any] = {"@type": "Book", "name": record.container, "publisher": publisher}
    if record.conference:
        # The proceedings are about the conference (schema.org has no property tying a paper to one).
        book["about"] = {"@type": "Event", "name": record.conference, "location": record.city}
    if record.isbn:
        book["isbn"] = record.isbn
    authors = []
    for author in record.authors:
        person: dict[str, Any] = {"@type": "Person", "name": author.natural, "familyName": author.name.surname}
        if author.affiliation:
            person["affiliation"] = {"@type": "Organization", "name": author.affiliation}
        if author.orcid:
            person["sameAs"] = f"https://orcid.org/{author.orcid}"
        authors.append(person)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": record.title,
        "name": record.title,
        "author": authors,
        "datePublished": str(record.year),
        "inLanguage": record.language,
        "isPartOf": book,
        "publisher": publisher,
        "license": licence_url(record.licence) or record.licence,
    }
    if record.keywords:
        data["keywords"] = list(record.keywords)
    if record.pages:
        data["pageStart"] = str(record.pages.first)
        data["pageEnd"] = str(record.pages.last)
        data["pagination"] = str(record.pages)
    if record.abstract:
        data["abstract"] = record.abstract
    if url := record.url(site_url):
        data["url"] = url
    if pdf := record.pdf_url(site_url):
        data["encoding"] = {"@type": "MediaObject", "contentUrl": pdf, "encodingFormat": "application/pdf"}
    return data


def script_json(data: Any) -> str:
    """JSON safe inside <script>: `<`, `>` and `&` as \\u escapes, so `</script>` or `<!--` in
    contributor text cannot end or change the script element (the HTML spec's script data rules)."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def head_html(record: Record, site_url: str | None) -> str:
    # No `<link rel="schema.DC">` declaring the prefix: readers (Zotero, Scholar) know `DC.*`
    # without it, and the site links nothing on another host.
    lines = []
    for name, content in highwire(record, site_url) + dublin_core(record, site_url):
        lines.append(f'<meta name="{escape(name)}" content="{escape(content)}">')
    for prop, content in open_graph(record, site_url):
        lines.append(f'<meta property="{escape(prop)}" content="{escape(content)}">')
    lines.append(f'<script type="application/ld+json">\n{script_json(json_ld(record, site_url))}\n</script>')
    return "\n".join(lines) + "\n"
