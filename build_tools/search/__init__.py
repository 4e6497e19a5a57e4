"""The prebuilt search index of the site: `files(catalog)` gives every file of it by path
relative to the site root.

What the browser loads: the manifest, inline in the search page, and script files that call
`archiveSearch.receive(name, json)`, so the same files work over http and from `file://` (a page
opened from disk may not `fetch`):

- `search/manifest.json`: the word tables, where each shard's term range starts, and the
  language and volume filters' choices. The search page holds it inline, first in its <head>
  (it starts the search in the address), so it holds nothing the first results do without.
- `search/meta/<n>.js`: lunr indexes of titles, people, keywords, UDC and abstracts, cut
  by term range; a query loads the few its words fall in, and shows the first results.
- `search/rows/<n>.js`: what a result's row shows first (title, authors, year, language, UDC),
  for every paper, loaded with the first metadata shards: the first results wait for no file
  chosen by the results themselves.
- `search/full/<n>.js`: lunr indexes of the full texts, loaded after the first results.
- `search/docs/<n>.js`: the rest of a result (titles in the other languages, the supervisors, a
  snippet), by groups of papers, loaded for the results on screen once they are shown.
- `search/text/<ref>.js`: one paper's text as plain text, loaded for a result on screen that
  only its full text matched, to show the passage that did.
- `search/facets.js`: each paper's language, volume and UDC numbers, loaded once a filter is set.
- `search/classes.js`: the UDC filter's classes with their captions, loaded once the page is up.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from ..cache import Cache, key
from ..catalog import Catalog
from ..model import LANGUAGES, Paper
from ..names import sound_key, transliterate
from ..udc import ancestors, caption_for, captions
from ..write import Content, Stage, held
from . import words
from .lunrindex import Doc, Field, order, shard_starts, write

META_FIELDS = (Field("title", 10), Field("people", 8), Field("keywords", 5), Field("udc", 4), Field("abstract", 1))
FULL_FIELDS = (Field("text", 1),)
META_POSTINGS = 500
"""Postings per metadata shard. A query's first results wait for its words' shards to be parsed
and loaded into lunr.js, on a page whose scripts are still cold: at 1,000 papers shards of 500
postings (about 20 KB) showed them at medians of 312 and 346 ms against 338 and 376 ms with
2,000 (A/B, 16 and 24 loads each); 250 gained nothing more."""
FULL_POSTINGS = 8_000
"""Postings per full-text shard (a term with more gets a shard of its own)."""
PAPERS_PER_CHUNK = 20
"""Papers per `search/docs/<n>.js`."""
PAPERS_PER_ROWS = 1_000
"""Papers per `search/rows/<n>.js`: about 200 KB, parsed in a few milliseconds, so that the table
loads as a few files (a browser opens only six connections to a server at once)."""
GROUP_POSTINGS = 500_000
"""Postings cut by shard at a time when writing an index (see `_shards`)."""
SNIPPET_CHARS = 400
MANIFEST = "search/manifest.json"
"""Named by the search page's front matter (docs/search/index.md), which holds it inline."""


class Terms:
    """A field's terms with their counts, in first-seen order, as `words.counts` gives them, held
    as a tuple and an array: the index's process holds every paper's terms at once, 8.2 million
    at 10,000 papers, and this takes half the memory of a Counter each (12 against 23 MB for the
    full texts of 1,000 papers). Terms read back from the cache are interned, as `words.fold`
    shares its own: a word of many papers is one string, not one per paper."""

    __slots__ = ("counts", "terms")

    def __init__(self, counts: Mapping[str, int]) -> None:
        self._hold(tuple(counts), array("I", counts.values()))

    def _hold(self, terms: Iterable[str], counts: array[int]) -> None:
        self.terms = tuple(map(sys.intern, terms))
        self.counts = counts

    def __iter__(self) -> Iterator[str]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Terms) and (self.terms, self.counts) == (other.terms, other.counts)

    def items(self) -> Iterator[tuple[str, int]]:
        return zip(self.terms, self.counts, strict=True)

    def total(self) -> int:
        return sum(self.counts)

    # Unpickled (from the cache), the terms are interned again.
    def __getstate__(self) -> tuple[tuple[str, ...], array[int]]:
        return self.terms, self.counts

    def __setstate__(self, state: tuple[tuple[str, ...], array[int]]) -> None:
        self._hold(*state)


@dataclass(frozen=True)
class Document:
    """One paper as the index sees it: terms by field, and what a result shows."""

    ref: str
    meta: dict[str, Terms]
    """Each field's terms with their counts, in first-seen order."""
    full: dict[str, Terms]
    row: tuple[str, str, str, str, str, str]
    """What the first results show: id, title, authors, year (in brackets when inferred, as
    the volume's page shows it), language, UDC codes."""
    record: dict[str, object]
    """What comes after: titles in the other languages, the supervisors as printed, the snippet,
    and the other spellings of the words of the names shown (`_aliases`)."""


def files(catalog: Catalog, kept: Cache | None = None, stage: Stage | None = None) -> dict[str, Content]:
    """Every file of the index, as bytes, or with `stage`, written there as it is made (at
    10,000 papers the index is 300 MB) and given as its file. Each paper's terms are kept in
    `kept` between builds: counting the words of the full texts is half the work, and a paper's
    terms change only with it."""
    kept = kept or Cache(None, "search-documents")
    refs = {paper.id: str(n) for n, paper in enumerate(catalog.papers.values())}
    keys = {paper.id: _document_key(catalog, paper) for paper in catalog.papers.values()}
    kept_documents = kept.outputs(
        keys, lambda missing: [_document(catalog, refs[i], catalog.papers[i]) for i in missing], Document
    )
    # A kept document carries the number the paper had when it was made; numbers follow the order.
    documents = [replace(document, ref=refs[paper_id]) for paper_id, document in kept_documents.items()]
    out = _Files(stage)
    meta_starts = _shards(out, "meta", META_FIELDS, [(d.ref, d.meta) for d in documents], META_POSTINGS)
    full_starts = _shards(out, "full", FULL_FIELDS, [(d.ref, d.full) for d in documents], FULL_POSTINGS)
    for n in range(0, len(documents), PAPERS_PER_ROWS):
        rows = [d.row for d in documents[n : n + PAPERS_PER_ROWS]]
        out.put(f"search/rows/{n // PAPERS_PER_ROWS}.js", _script(f"rows/{n // PAPERS_PER_ROWS}", rows))
    for n in range(0, len(documents), PAPERS_PER_CHUNK):
        chunk = [d.record for d in documents[n : n + PAPERS_PER_CHUNK]]
        out.put(f"search/docs/{n // PAPERS_PER_CHUNK}.js", _script(f"docs/{n // PAPERS_PER_CHUNK}", chunk))
    # From the catalog, not the kept documents: the index's process holds every document at once,
    # and a paper's text is most of it (0.35 GB at 10,000 papers).
    for paper_id, ref in refs.items():
        out.put(f"search/text/{ref}.js", _script(f"text/{ref}", _plain(catalog.papers[paper_id])))
    out.put("search/facets.js", _script("facets", _facets(catalog)))
    out.put("search/classes.js", _script("classes", _classes(catalog)))
    manifest = {
        "version": out.version(),
        "words": words.tables(),
        "meta": {"starts": meta_starts, "fields": [f.name for f in META_FIELDS]},
        "full": {"starts": full_starts, "fields": [f.name for f in FULL_FIELDS]},
        "papersPerChunk": PAPERS_PER_CHUNK,
        "papersPerRows": PAPERS_PER_ROWS,
        "rows": -(-len(documents) // PAPERS_PER_ROWS),
        **_choices(catalog),
    }
    # JSON that the search page holds inline in a data element (theme_hook.py). `<` is written
    # `\u003c`, so that no title can end that element.
    out.put(MANIFEST, _json(manifest).replace("<", "\\u003c").encode())
    return out.files


class _Files:
    """The index's files as they are made: kept, or written to `stage`; with a digest of each,
    from which the index's version is made."""

    def __init__(self, stage: Stage | None) -> None:
        self.stage = stage
        self.files: dict[str, Content] = {}
        self.digests: dict[str, bytes] = {}

    def put(self, path: str, data: bytes) -> None:
        self.digests[path] = hashlib.sha256(data).digest()
        self.files[path] = held(self.stage, path, data)

    def version(self) -> str:
        """Changes with any file: the URLs of the index's files carry it, past browser caches."""
        digest = hashlib.sha256()
        for path in sorted(self.digests):
            digest.update(self.digests[path])
        return digest.hexdigest()[:12]


def _script(name: str, data: object) -> bytes:
    return _script_raw(name, _json(data))


def _script_raw(name: str, data: str) -> bytes:
    # The JSON goes in as one string for JSON.parse: browsers parse that several times faster
    # than the same data written as a JavaScript object literal, and only when it is used.
    return f"archiveSearch.receive({json.dumps(name)},{json.dumps(data, ensure_ascii=False)});\n".encode()


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _shards(
    out: _Files,
    kind: str,
    fields: Sequence[Field],
    docs: Sequence[tuple[str, Mapping[str, Terms]]],
    target: int,
) -> list[str]:
    """Writes the shards of one index into `out`; returns their first terms."""
    postings: Counter[str] = Counter()
    for _, terms in docs:
        postings.update({t for counts in terms.values() for t in counts})
    starts = shard_starts(postings, target)
    keys = [order(s) for s in starts]
    shard_of = {term: bisect_right(keys, order(term)) - 1 for term in postings}
    held = [0] * len(starts)
    for term, n in postings.items():
        held[shard_of[term]] += n
    lengths = [{name: counts.total() for name, counts in terms.items()} for _, terms in docs]
    # A paper has terms in most shards, so its terms cut by shard are a small mapping per paper
    # and shard: for all shards at once, 2 GB at 10,000 papers. Shards are cut a group at a time,
    # and each field's terms are put in shard order once (a stable sort: within a shard they keep
    # their order), so that a group's terms of a field are a slice of them, found by bisection.
    cut = [{name: _in_shard_order(counts, shard_of) for name, counts in terms.items()} for _, terms in docs]
    first = 0
    while first < len(starts):
        last, group = first, 0
        while last < len(starts) and (last == first or group + held[last] <= GROUP_POSTINGS):
            group += held[last]
            last += 1
        buckets: list[list[Doc]] = [[] for _ in range(first, last)]
        for (ref, terms), by_shard, length in zip(docs, cut, lengths, strict=True):
            split: dict[int, dict[str, dict[str, int]]] = {}
            for name, counts in terms.items():
                positions, shards = by_shard[name]
                words, numbers = counts.terms, counts.counts
                for j in range(bisect_left(shards, first), bisect_left(shards, last)):
                    k = positions[j]
                    split.setdefault(shards[j], {}).setdefault(name, {})[words[k]] = numbers[k]
            for shard, shard_terms in split.items():
                buckets[shard - first].append((ref, shard_terms, length))
        for shard, bucket in enumerate(buckets, start=first):
            out.put(f"search/{kind}/{shard}.js", _script_raw(f"{kind}/{shard}", write(fields, bucket, len(docs))))
        first = last
    return starts


def _in_shard_order(terms: Terms, shard_of: Mapping[str, int]) -> tuple[array[int], array[int]]:
    """The positions of `terms` in shard order, and the shard of each."""
    shards = [shard_of[term] for term in terms]
    positions = sorted(range(len(shards)), key=shards.__getitem__)
    return array("I", positions), array("I", [shards[k] for k in positions])


def _document_key(catalog: Catalog, paper: Paper) -> str:
    """Everything a paper's document is made from."""
    return key(
        "search document",
        paper,
        catalog.volumes[paper.volume].shown("year", paper.language),
        catalog.credited(paper, "authors"),
        catalog.credited(paper, "supervisors"),
    )


def _document(catalog: Catalog, ref: str, paper: Paper) -> Document:
    volume = catalog.volumes[paper.volume]
    return Document(
        ref,
        meta={
            "title": Terms(words.counts(text for _, text in paper.title.items())),
            "people": Terms(words.counts(_spellings(catalog, paper))),
            "keywords": Terms(words.counts(k for keywords in paper.keywords.values() for k in keywords)),
            "udc": Terms(words.counts(_udc_text(paper))),
            "abstract": Terms(words.counts(text for _, text in paper.abstract.items()) if paper.abstract else {}),
        },
        full={"text": Terms(words.counts([paper.body, *paper.references]))},
        row=(
            paper.id,
            paper.printed_title,
            ", ".join(a.name.text for a in paper.authors),
            volume.shown("year", paper.language),
            paper.language,
            ", ".join(u.code for u in paper.udc),
        ),
        record={
            "titles": [text for lang, text in paper.title.items() if lang != paper.language],
            "supervisors": ", ".join(s.name.text for s in paper.supervisors),
            "snippet": _snippet(paper),
            "aliases": _aliases(catalog, paper),
        },
    )


def _spellings(catalog: Catalog, paper: Paper) -> Iterator[str]:
    """Every spelling the registry knows of each author and supervisor, the spellings printed
    in the paper, and the transliteration of each Cyrillic one (`Ерғалиева` -> `Ergalieva`)."""
    names = [n for a in paper.authors for n in (a.name, a.name_latin) if n]
    names += [n for s in paper.supervisors for n in (s.name, s.name_latin) if n]
    for role in ("authors", "supervisors"):
        for person in catalog.credited(paper, role):
            names.extend(person.names)
    for name in dict.fromkeys(names):
        yield name.text
        if name.script == "cyrl":
            yield transliterate(name.text)


def _aliases(catalog: Catalog, paper: Paper) -> dict[str, list[str]]:
    """For each word of the names a result shows (its authors and supervisors as printed), the
    words of the paper's other spellings of names (`_spellings`) that sound the same
    (`names.sound_key`): the search page marks a printed `Ерғалиева` for the query `Yergaliyeva`,
    which found the paper through the registry. Initials are left out."""
    spellings = {w for text in _spellings(catalog, paper) for w in words.TOKEN.findall(text) if len(w) > 2}
    sounds = {w: sound_key(w) for w in spellings}
    out: dict[str, list[str]] = {}
    for name in [a.name for a in paper.authors] + [s.name for s in paper.supervisors]:
        for printed in words.TOKEN.findall(name.text):
            if len(printed) <= 2:
                continue
            sound = sound_key(printed)
            others = {words.fold(w): w for w in spellings if sounds[w] == sound}
            others.pop(words.fold(printed), None)
            if others:
                out[printed] = sorted(others.values())
    return out


def _udc_text(paper: Paper) -> Iterator[str]:
    """Each code as printed and the captions of the classes it files under, in every language."""
    table = captions()
    for udc in paper.udc:
        yield udc.code
        for code in ancestors(udc.main):
            yield code
            if code in table:
                caption = table[code]
                yield from (text for text in (caption.en, caption.ru, caption.kk) if text)


_MARKUP = re.compile(r"^\s*(?:#+|[-*+]|\d+\.)\s+|[*_`>\[\]]|\(https?://[^)]*\)", re.MULTILINE)


def _snippet(paper: Paper) -> str:
    """The abstract in the paper's language, else the start of its text, as plain text."""
    text = paper.abstract.best(paper.language) if paper.abstract else _MARKUP.sub("", paper.body)
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"


def _plain(paper: Paper) -> str:
    """What the full-text index holds of a paper, its text and references, as plain text on one
    line, from which the search page cuts the passage a query matched."""
    return " ".join(" ".join([_MARKUP.sub("", paper.body), *paper.references]).split())


def _choices(catalog: Catalog) -> dict[str, object]:
    """The filters' choices."""
    papers = list(catalog.papers.values())
    return {
        "languages": [lang for lang in LANGUAGES if any(p.language == lang for p in papers)],
        # Each title in every interface language: the search page shows the one of its own.
        "volumes": [
            {"id": v.id, "title": {lang: v.shown("title", lang) for lang in LANGUAGES}, "year": v.shown("year", "en")}
            for v in catalog.volumes.values()
        ],
    }


def _classes(catalog: Catalog) -> list[dict[str, object]]:
    """The UDC filter's choices with their captions in three languages: `search/classes.js`, not
    in the manifest, which the search page loads before it can show anything (these captions
    were three fifths of the manifest at 1,000 papers)."""
    codes = {c for p in catalog.papers.values() for u in p.udc for c in ancestors(u.main) if len(c) <= 3}
    return [{"code": c, "caption": _caption(c)} for c in sorted(codes)]


def _facets(catalog: Catalog) -> dict[str, object]:
    """Each paper's value for the filters, by ref: `search/facets.js`, loaded only once a filter
    is set (a quarter of a megabyte at 10,000 papers that a plain query does without)."""
    papers = list(catalog.papers.values())
    volumes = list(catalog.volumes)
    return {
        "language": [p.language for p in papers],
        "volume": [volumes.index(p.volume) for p in papers],
        "udc": [" ".join(u.main for u in p.udc) for p in papers],
    }


def _caption(code: str) -> dict[str, str]:
    found = caption_for(code)
    if found is None or found[0] != code:
        return {}
    caption = found[1]
    return {lang: caption.get(lang) for lang in LANGUAGES}
