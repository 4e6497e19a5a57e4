"""The search index files: lunr's own serialized form (byte for byte what lunr.py 0.8.0 writes),
cut by term range with every term in exactly one shard, letters as UTF-8, every spelling of a
person indexed."""

from __future__ import annotations

import json
import pickle
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from build_tools import search
from build_tools.catalog import Catalog
from build_tools.search import lunrindex, words
from build_tools.search.lunrindex import Field


@pytest.fixture(scope="module")
def files(catalog: Catalog) -> dict[str, bytes]:
    made = search.files(catalog)
    assert all(isinstance(data, bytes) for data in made.values())
    return made  # type: ignore[return-value]  # without a stage, every file is bytes


def test_a_fields_terms_keep_their_order_and_come_back_from_the_cache_interned() -> None:
    terms = search.Terms(words.counts(["Одақ одаққа", "ОДАҚ soft"]))
    # Kazakh letters as a Russian keyboard types them (words.fold).
    assert list(terms.items()) == [("одак", 2), ("одакка", 1), ("soft", 1)]
    assert (list(terms), len(terms), terms.total()) == (["одак", "одакка", "soft"], 3, 4)
    again = pickle.loads(pickle.dumps(terms))
    assert again == terms and again is not terms
    # One string for a term however many papers have it.
    assert all(sys.intern(term) is term for term in again)


def receive(data: bytes) -> tuple[str, Any]:
    match = re.fullmatch(r'archiveSearch\.receive\(("[^"]+"),(".*")\);\n', data.decode("utf-8"), re.DOTALL)
    assert match, data[:80]
    return json.loads(match.group(1)), json.loads(json.loads(match.group(2)))


def shards(files: dict[str, bytes], kind: str) -> list[dict[str, Any]]:
    count = len([p for p in files if p.startswith(f"search/{kind}/")])
    return [receive(files[f"search/{kind}/{n}.js"])[1] for n in range(count)]


def random_docs(
    seed: int, text: str, *, made_up: int, count: int, most: int, longer_by: int = 0
) -> tuple[list[Field], list[lunrindex.Doc]]:
    """`count` documents of up to `most` terms a field, drawn from the terms of `text` and `made_up`
    made-up ones; each field's length may exceed its terms by up to `longer_by` (stop words)."""
    rng = random.Random(seed)
    vocabulary = words.terms(text) + [f"w{i}" for i in range(made_up)]
    fields = [Field("title", 10), Field("people", 8), Field("text", 1)]
    docs: list[lunrindex.Doc] = []
    for ref in range(count):
        terms = {f.name: Counter(rng.choice(vocabulary) for _ in range(rng.randint(0, most))) for f in fields}
        lengths = {name: t.total() + (rng.randint(0, longer_by) if longer_by else 0) for name, t in terms.items()}
        docs.append((str(ref), terms, lengths))
    return fields, docs


def test_the_writer_gives_lunr_py_output_without_empty_vectors() -> None:
    text = "Одақ одаққа Ұлыбританияның Yergaliyeva 327.8 soft power ёмкость"
    fields, docs = random_docs(5, text, made_up=400, count=150, most=40, longer_by=9)
    written = lunrindex.write(fields, docs, 200)
    assert written == lunrindex.with_lunr(fields, docs, 200, empty=False)
    # Only empty vectors are left out.
    assert len(written) < len(lunrindex.with_lunr(fields, docs, 200))


def test_a_field_empty_in_every_paper_is_written_as_lunr_py_writes_it() -> None:
    """As a shard's abstract field is when none of its papers has an abstract: its lengths are 0."""
    fields, docs = random_docs(7, "Одақ одаққа soft power", made_up=50, count=20, most=10)
    docs = [(ref, {**terms, "people": Counter()}, {**lengths, "people": 0}) for ref, terms, lengths in docs]
    written = lunrindex.write(fields, docs, 20)
    assert written == lunrindex.with_lunr(fields, docs, 20, empty=False)


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
            expected = lunrindex.with_lunr(fields, docs, len(documents), empty=False)
            assert receive(files[f"search/{kind}/{n}.js"])[1] == json.loads(expected)
            assert json.dumps(shard, ensure_ascii=False, separators=(",", ":")) == expected


def test_every_term_is_in_the_shard_its_range_names(files: dict[str, bytes]) -> None:
    manifest = json.loads(files["search/manifest.json"])
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
    assert "улыбритания".encode() in everything
    assert b"\\u04" not in everything and b"\\u0" not in everything


def all_terms(files: dict[str, bytes], kind: str, field: str) -> dict[str, set[str]]:
    """Papers (by id) under each term of `field`."""
    manifest_docs = {}
    for path, data in files.items():
        if path.startswith("search/rows/"):
            name, rows = receive(data)
            first = int(name.split("/")[1]) * search.PAPERS_PER_ROWS
            manifest_docs.update({str(first + i): row[0] for i, row in enumerate(rows)})
    out: dict[str, set[str]] = {}
    for shard in shards(files, kind):
        for term, posting in shard["invertedIndex"]:
            if posting[field]:
                out[term] = {manifest_docs[ref] for ref in posting[field]}
    return out


def test_every_spelling_of_a_person_and_its_transliteration_is_indexed(files: dict[str, bytes]) -> None:
    people = all_terms(files, "meta", "people")
    # Printed `Ерғалиева Айша Айтжанқызы`; the registry adds `Yergaliyeva Aisha`.
    for spelling in ("ергалиева", "yergaliyeva", "ergalieva", "айтжанкызы"):
        assert people[spelling] == {"2020-ir-002"}
    # The supervisor printed `Dauylbayev A.B.` in one paper and `Дауылбаев А.Б.` in another.
    assert people["dauylbayev"] == people["дауылбаев"] == {"2020-ir-002", "2021-ir-001"}


def test_udc_codes_and_captions_are_indexed(files: dict[str, bytes]) -> None:
    udc = all_terms(files, "meta", "udc")
    assert udc["327.8"] == {"2020-ir-001"}
    assert udc["всеобщая"] == {"2021-ir-001"}
    assert "2020-ir-002" in udc["327"]


def test_full_text_and_references_are_in_the_full_index_only(files: dict[str, bytes]) -> None:
    assert all_terms(files, "full", "text")["одакка"] == {"2020-ir-002"}
    assert all_terms(files, "full", "text")["stoletov"] == {"2020-ir-001"}
    assert "одакка" not in all_terms(files, "meta", "title")


# Loads an index written by `lunrindex.write` with lunr.js and runs the queries the search page
# runs (a stem as a prefix, the whole word boosted); prints [ref, score] of each result.
RANK_JS = """
const fs = require("fs");
const [lunrJs, indexFile, queriesFile] = process.argv.slice(1);
const lunr = require(lunrJs);
const index = lunr.Index.load(JSON.parse(fs.readFileSync(indexFile, "utf8")));
const out = JSON.parse(fs.readFileSync(queriesFile, "utf8")).map(([stem, word]) =>
  index.query((q) => {
    q.term(stem, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
    q.term(word, { usePipeline: false, boost: 10 });
  }).map((r) => [r.ref, r.score]));
console.log(JSON.stringify(out));
"""


def test_lunr_js_ranks_the_written_index_as_lunr_py_does(tmp_path: Path) -> None:
    import subprocess

    from lunr.index import Index  # type: ignore[import-untyped]
    from lunr.query import Query  # type: ignore[import-untyped]

    text = "одақ одаққа одақтан ұлыбритания ұлыбританияның soft power powers security"
    fields, docs = random_docs(7, text, made_up=200, count=120, most=30)
    serialized = lunrindex.write(fields, docs, 120)
    queries = [("одак", "одактан"), ("улыбритания", "улыбританиянын"), ("power", "powers"), ("w1", "w1")]

    # lunr.py queries its own index, empty vectors included; lunr.js the written one.
    index = Index.load(json.loads(lunrindex.with_lunr(fields, docs, 120)))
    in_python = []
    for stem, word in queries:
        query = index.create_query()
        query.term(stem, use_pipeline=False, wildcard=Query.WILDCARD_TRAILING)
        query.term(word, use_pipeline=False, boost=10)
        in_python.append([[r["ref"], r["score"]] for r in index.query(query)])

    (tmp_path / "index.json").write_text(serialized, encoding="utf-8")
    (tmp_path / "queries.json").write_text(json.dumps(queries), encoding="utf-8")
    lunr_js = Path(__file__).resolve().parent.parent / "build_tools/theme/assets/search/lunr.min.js"
    done = subprocess.run(
        ["/usr/bin/node", "-e", RANK_JS, str(lunr_js), str(tmp_path / "index.json"), str(tmp_path / "queries.json")],
        capture_output=True,
        text=True,
        check=True,
    )
    in_js = json.loads(done.stdout)
    assert all(in_python) and len(in_python[0]) > 5
    for python, js in zip(in_python, in_js, strict=True):
        assert [ref for ref, _ in python] == [ref for ref, _ in js]
        assert [round(s, 9) for _, s in python] == pytest.approx([round(s, 9) for _, s in js], rel=1e-9)


def test_rows_hold_what_a_result_shows_first_and_records_the_rest(files: dict[str, bytes]) -> None:
    # The first results are drawn from the rows alone; titles in the other languages and the
    # snippet come with `docs/` once the results are known.
    manifest = json.loads(files["search/manifest.json"])
    rows = [row for n in range(manifest["rows"]) for row in receive(files[f"search/rows/{n}.js"])[1]]
    assert rows[1] == [
        "2020-ir-002",
        "Ұлыбритания және Еуропалық Одақ қарым-қатынастары. «Brexit» салдары",
        "Ерғалиева Айша Айтжанқызы, Әбілқайыр Нұрлан",
        "2020",
        "kk",
        "327.7, 327(574)",
    ]
    assert [row[0] for row in rows] == ["2020-ir-001", "2020-ir-002", "2020-ir-003", "2021-ir-001"]
    # 2021-ir's year is inferred (not printed): a result shows it in brackets, as its volume's page does.
    assert rows[3][3] == "[2021]"
    records = receive(files["search/docs/0.js"])[1]
    english = "Relations between the United Kingdom and the European Union. Consequences of Brexit"
    assert records[1]["titles"] == [english]
    assert set(records[1]) == {"titles", "supervisors", "snippet", "aliases"}
    assert records[1]["supervisors"] == "Дауылбаев А.Б."
    # The words of the names shown, with the same words of the paper's other spellings of names.
    assert records[1]["aliases"]["Ерғалиева"] == ["Ergalieva", "Yergaliyeva"]
    assert records[1]["aliases"]["Дауылбаев"] == ["Dauylbaev", "Dauylbayev"]
    assert "А" not in records[1]["aliases"]


def test_each_papers_text_is_there_as_plain_text_for_the_passage_a_query_matched(files: dict[str, bytes]) -> None:
    texts = {path: receive(data) for path, data in files.items() if path.startswith("search/text/")}
    assert sorted(texts) == [f"search/text/{n}.js" for n in range(4)]
    name, text = texts["search/text/0.js"]
    assert name == "text/0"
    # The body without its Markdown, then the references; one line, spaces single.
    assert "Only constant monitoring of the image of the state will lead to its improvement 1." in text
    assert text.endswith("Nye J. Soft power. doi:10.1000/xyz123")
    assert "Stoletov O.V. Smart power strategy" in text
    assert "\n" not in text and "  " not in text and "[" not in text
