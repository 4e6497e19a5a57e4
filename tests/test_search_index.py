"""The search index files: lunr's own serialized form (byte for byte what lunr.py 0.8.0 writes),
cut by term range with every term in exactly one shard, letters as UTF-8, every spelling of a
person indexed."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from build_tools import search
from build_tools.__main__ import validate
from build_tools.catalog import Catalog
from build_tools.search import lunrindex, words
from build_tools.search.lunrindex import Field


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    fixture = Path(__file__).parent / "fixtures" / "archive"
    found, problems = validate(fixture)
    assert not [p for p in problems if p.severity.name == "ERROR"]
    return found


@pytest.fixture(scope="module")
def files(catalog: Catalog) -> dict[str, bytes]:
    return search.files(catalog)


def receive(data: bytes) -> tuple[str, Any]:
    match = re.fullmatch(r'archiveSearch\.receive\(("[^"]+"),(".*")\);\n', data.decode("utf-8"), re.DOTALL)
    assert match, data[:80]
    return json.loads(match.group(1)), json.loads(json.loads(match.group(2)))


def shards(files: dict[str, bytes], kind: str) -> list[dict[str, Any]]:
    count = len([p for p in files if p.startswith(f"search/{kind}/")])
    return [receive(files[f"search/{kind}/{n}.js"])[1] for n in range(count)]


def test_the_writer_gives_lunr_py_output_byte_for_byte() -> None:
    rng = random.Random(5)
    vocabulary = words.terms("Одақ одаққа Ұлыбританияның Yergaliyeva 327.8 soft power ёмкость") + [
        f"w{i}" for i in range(400)
    ]
    fields = [Field("title", 10), Field("people", 8), Field("text", 1)]
    docs: list[lunrindex.Doc] = []
    for ref in range(150):
        terms = {f.name: Counter(rng.choice(vocabulary) for _ in range(rng.randint(0, 40))) for f in fields}
        docs.append((str(ref), terms, {name: t.total() + rng.randint(0, 9) for name, t in terms.items()}))
    assert lunrindex.write(fields, docs, 200) == lunrindex.with_lunr(fields, docs, 200)


def test_each_shard_is_what_lunr_py_writes(catalog: Catalog, files: dict[str, bytes]) -> None:
    # Rebuild the metadata shards through lunr.py's Builder from the same documents.
    documents = [search._document(catalog, str(n), p) for n, p in enumerate(catalog.papers.values())]
    for kind, fields in (("meta", search.META_FIELDS), ("full", search.FULL_FIELDS)):
        for n, shard in enumerate(shards(files, kind)):
            terms = {term for term, _ in shard["invertedIndex"]}
            docs = []
            for d in documents:
                fields_terms = d.meta if kind == "meta" else d.full
                mine = {name: Counter({t: n for t, n in ts.items() if t in terms}) for name, ts in fields_terms.items()}
                if any(mine.values()):
                    docs.append((d.ref, mine, {name: ts.total() for name, ts in fields_terms.items()}))
            expected = lunrindex.with_lunr(fields, docs, len(documents))
            assert receive(files[f"search/{kind}/{n}.js"])[1] == json.loads(expected)
            assert json.dumps(shard, ensure_ascii=False, separators=(",", ":")) == expected


def test_every_term_is_in_the_shard_its_range_names(files: dict[str, bytes]) -> None:
    manifest = receive(files["search/manifest.js"])[1]
    for kind in ("meta", "full"):
        starts = manifest[kind]["starts"]
        seen: set[str] = set()
        for n, shard in enumerate(shards(files, kind)):
            for term, _ in shard["invertedIndex"]:
                assert term not in seen
                seen.add(term)
                assert lunrindex.order(starts[n]) <= lunrindex.order(term)
                if n + 1 < len(starts):
                    assert lunrindex.order(term) < lunrindex.order(starts[n + 1])
        assert seen


def test_cyrillic_is_written_as_utf8(files: dict[str, bytes]) -> None:
    everything = b"".join(files.values())
    assert "ұлыбритания".encode() in everything
    assert b"\\u04" not in everything and b"\\u0" not in everything


def all_terms(files: dict[str, bytes], kind: str, field: str) -> dict[str, set[str]]:
    """Papers (by id) under each term of `field`."""
    manifest_docs = {}
    for path, data in files.items():
        if path.startswith("search/docs/"):
            name, records = receive(data)
            first = int(name.split("/")[1]) * search.PAPERS_PER_CHUNK
            manifest_docs.update({str(first + i): r["id"] for i, r in enumerate(records)})
    out: dict[str, set[str]] = {}
    for shard in shards(files, kind):
        for term, posting in shard["invertedIndex"]:
            if posting[field]:
                out[term] = {manifest_docs[ref] for ref in posting[field]}
    return out


def test_every_spelling_of_a_person_and_its_transliteration_is_indexed(files: dict[str, bytes]) -> None:
    people = all_terms(files, "meta", "people")
    # Printed `Ерғалиева Айша Айтжанқызы`; the registry adds `Yergaliyeva Aisha`.
    for spelling in ("ерғалиева", "yergaliyeva", "ergalieva", "айтжанқызы"):
        assert people[spelling] == {"2020-ir-002"}
    # The supervisor printed `Dauylbayev A.B.` in one paper and `Дауылбаев А.Б.` in another.
    assert people["dauylbayev"] == people["дауылбаев"] == {"2020-ir-002", "2021-ir-001"}


def test_udc_codes_and_captions_are_indexed(files: dict[str, bytes]) -> None:
    udc = all_terms(files, "meta", "udc")
    assert udc["327.8"] == {"2020-ir-001"}
    assert udc["всеобщая"] == {"2021-ir-001"}
    assert "2020-ir-002" in udc["327"]


def test_full_text_and_references_are_in_the_full_index_only(files: dict[str, bytes]) -> None:
    assert all_terms(files, "full", "text")["одаққа"] == {"2020-ir-002"}
    assert all_terms(files, "full", "text")["stoletov"] == {"2020-ir-001"}
    assert "одаққа" not in all_terms(files, "meta", "title")
