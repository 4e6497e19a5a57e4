"""Serialized lunr indexes, one per range of terms. The only module that imports lunr.

The browser runs lunr.js 2.3.9 and loads these with `lunr.Index.load`. The index is cut by
term range (a "shard" holds every posting of the terms from its first term up to the next
shard's first term), so the browser loads only the shards its query words fall in: at
10,000 papers the whole full-text index is far too big to load at once.

Two writers. `with_lunr` is lunr.py 0.8.0's own Builder. `write` computes what it serializes,
in the same order and with the same arithmetic, without lunr.py's per-token objects (a Token
and a deep copy of its metadata for every word of every paper), which made lunr.py most of the
build's time (profiled: 30 of 48 s for 200 papers of 2,500 words). It leaves out one thing:
the empty vector lunr.py writes for each field of a paper that has no term of the shard in that
field. lunr.js reads a paper's field vector only for a field a query term matched in, so these
are never read, and at 10,000 papers they were three quarters of a metadata shard. Tests check
that `write` gives `with_lunr`'s text without them, and that lunr.js ranks as lunr.py does.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from lunr import __TARGET_JS_VERSION__  # type: ignore[import-untyped]
from lunr.builder import Builder  # type: ignore[import-untyped]
from lunr.field_ref import FieldRef  # type: ignore[import-untyped]

K1 = 1.2
B = 0.75
"""lunr's default BM25 parameters."""


@dataclass(frozen=True)
class Field:
    name: str
    boost: int


Doc = tuple[str, Mapping[str, Mapping[str, int]], Mapping[str, int]]
"""(ref, {field: {term: count}}, length by field) of a paper that has a term in the shard, the
terms of a field in the order they first occur in it (as a Counter of its words keeps them). The lengths
are those of the whole field, so that a shard scores its terms as one index over everything
would; `document_count` is likewise the number of papers in the whole archive."""


def order(term: str) -> bytes:
    """lunr.js compares terms as JavaScript strings, by UTF-16 code units."""
    return term.encode("utf-16-be")


def shard_starts(postings: Mapping[str, int], target: int) -> list[str]:
    """First terms of consecutive term ranges holding about `target` postings each."""
    starts: list[str] = []
    held = target
    for term in sorted(postings, key=order):
        if held >= target:
            starts.append(term)
            held = 0
        held += postings[term]
    return starts


_NONE: Mapping[str, int] = {}
_NO_METADATA: dict[str, object] = {}
"""What lunr keeps of each posting here (no metadata is whitelisted): written `{}`, shared."""


def _lowered(counts: Mapping[str, int]) -> Counter[str]:
    lowered: Counter[str] = Counter()
    for term, n in counts.items():
        lowered[term.lower()] += n
    return lowered


def _json(data: object) -> str:
    # Compact, and letters as UTF-8: a Cyrillic letter is 2 bytes, not a 6-byte `\uXXXX`.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def with_lunr(fields: Sequence[Field], docs: Iterable[Doc], document_count: int, empty: bool = True) -> str:
    """The serialized index as lunr.py's Builder makes it; without its empty field vectors
    when not `empty`."""
    builder = Builder()
    builder.ref("id")
    for field in fields:
        builder.field(field.name, boost=field.boost)
    for ref, terms, lengths in docs:
        # The words again, repeats together: lunr keeps a field's terms in first-seen order only.
        builder.add(
            {"id": ref, **{f.name: [t for t, n in terms.get(f.name, {}).items() for _ in range(n)] for f in fields}}
        )
        # lunr takes a field's length from the terms it was given, here only this shard's.
        for field in fields:
            builder.field_lengths[str(FieldRef(ref, field.name))] = lengths.get(field.name, 0)
    builder.document_count = document_count
    serialized = builder.build().serialize()
    if not empty:
        serialized["fieldVectors"] = [v for v in serialized["fieldVectors"] if v[1]]
    return _json(serialized)


def write(fields: Sequence[Field], docs: Iterable[Doc], document_count: int) -> str:
    """`with_lunr`'s text without empty field vectors, step for step as lunr.py's Builder.add,
    build and serialize do."""
    names = [f.name for f in fields]
    docs = list(docs)
    # lunr's tokenizer lowers every word. Folded terms (words.fold) are lower already: the terms
    # are looked at once a shard, and lowered only in a shard that has one that is not.
    if any(term != term.lower() for term in {t for _, terms, _ in docs for counts in terms.values() for t in counts}):
        docs = [
            (ref, {name: _lowered(counts) for name, counts in terms.items()}, lengths) for ref, terms, lengths in docs
        ]
    # The inverted index: each term's number (in first-seen order) and its papers by field.
    numbers: dict[str, int] = {}
    papers: dict[str, dict[str, dict[str, dict[str, object]]]] = {}
    # The field vectors to write, in lunr.py's order: (field, ref, length of the field, counts).
    vectors_of: list[tuple[str, str, int, Mapping[str, int]]] = []
    length_sum = dict.fromkeys(names, 0)
    for ref, terms, lengths in docs:
        for name in names:
            counts = terms.get(name, _NONE)
            length = lengths.get(name, 0)
            length_sum[name] += length
            if counts:  # an empty field vector is left out (and its field's average may be 0)
                vectors_of.append((name, ref, length, counts))
            for term in counts:
                by_field = papers.get(term)
                if by_field is None:
                    by_field = papers[term] = {n: {} for n in names}
                    numbers[term] = len(numbers)
                by_field[name][ref] = _NO_METADATA
    average = {name: length_sum[name] / len(docs) for name in names} if docs else {}
    boost = {f.name: f.boost for f in fields}
    idf: dict[str, float] = {}
    vectors = []
    for name, ref, length, counts in vectors_of:
        # lunr's BM25, its operations in its order (the floats must come out the same): the
        # length part is the same for every term of the field.
        length_part = K1 * (1 - B + B * (length / average[name]))
        field_boost = boost[name]  # lunr's document boost, 1, leaves the score as it is
        elements: list[tuple[int, float]] = []
        for term, tf in counts.items():
            weight = idf.get(term)
            if weight is None:
                with_term = sum(map(len, papers[term].values()))
                x = (document_count - with_term + 0.5) / (with_term + 0.5)
                weight = idf[term] = math.log(1 + abs(x))
            elements.append((numbers[term], round(weight * ((K1 + 1) * tf) / (length_part + tf) * field_boost, 3)))
        elements.sort()
        vectors.append([f"{name}/{ref}", [x for pair in elements for x in pair]])
    inverted = [[term, {**papers[term], "_index": numbers[term]}] for term in sorted(papers)]
    return _json(
        {
            "version": __TARGET_JS_VERSION__,
            "fields": names,
            "fieldVectors": vectors,
            "invertedIndex": inverted,
            "pipeline": [],
        }
    )
