"""The search's word rules, in Python (build) and in JavaScript (browser), against one set of
vectors (tests/data/search_words.json). The JavaScript runs in node with the tables the build
writes into the manifest."""

from __future__ import annotations

import json
import subprocess
from bisect import bisect_left
from pathlib import Path
from typing import Any

import pytest

from build_tools.search import words

ROOT = Path(__file__).resolve().parent.parent
VECTORS = json.loads((Path(__file__).parent / "data" / "search_words.json").read_text(encoding="utf-8"))
WORDS_JS = ROOT / "build_tools" / "theme" / "assets" / "search" / "words.js"
NODE = "/usr/bin/node"

# Runs words.js on every vector; prints what it gives, in the shape of the vectors file.
RUN_JS = """
const fs = require("fs");
const [wordsJs, tablesFile, vectorsFile] = process.argv.slice(1);
const w = require(wordsJs).make(JSON.parse(fs.readFileSync(tablesFile, "utf8")));
const v = JSON.parse(fs.readFileSync(vectorsFile, "utf8"));
console.log(JSON.stringify({
  terms: v.terms.map(([text]) => [text, w.terms(text)]),
  query: v.query.map(([text]) => [text, w.queryWords(text).map((q) => [q.word, q.stem, q.prefix])]),
  finds: v.finds.map(([text, found]) => [text, found.filter((f) => w.queryWords(text).some((q) => w.matches(q, f)))]),
  misses: v.misses.map(([text, other]) => [text, other.filter((f) => w.queryWords(text).some((q) => w.matches(q, f)))]),
}));
"""


def python_results() -> dict[str, Any]:
    def query(text: str) -> list[list[object]]:
        return [[q.word, q.stem, q.prefix] for q in words.query_words(text)]

    def finds(text: str, found: list[str]) -> list[str]:
        qs = words.query_words(text)
        return [f for f in found if any(words.matches(q, f) for q in qs)]

    return {
        "terms": [[text, words.terms(text)] for text, _ in VECTORS["terms"]],
        "query": [[text, query(text)] for text, _ in VECTORS["query"]],
        "finds": [[text, finds(text, found)] for text, found in VECTORS["finds"]],
        "misses": [[text, finds(text, other)] for text, other in VECTORS["misses"]],
    }


def expected() -> dict[str, Any]:
    return {
        **{key: VECTORS[key] for key in ("terms", "query", "finds")},
        "misses": [[text, []] for text, _ in VECTORS["misses"]],
    }


@pytest.fixture(scope="module")
def js_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("words")
    tables = folder / "tables.json"
    tables.write_text(json.dumps(words.tables(), ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [NODE, "-e", RUN_JS, str(WORDS_JS), str(tables), str(Path(__file__).parent / "data" / "search_words.json")],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize("part", ["terms", "query", "finds", "misses"])
def test_python_gives_the_vectors(part: str) -> None:
    assert python_results()[part] == expected()[part]


@pytest.mark.parametrize("part", ["terms", "query", "finds", "misses"])
def test_javascript_gives_the_vectors(js_results: dict[str, Any], part: str) -> None:
    assert js_results[part] == expected()[part]


def test_stems_only_truncate() -> None:
    # The index is unstemmed: each stem begins the word, and the shortest begins every stem (the
    # browser loads the shards from there on).
    for text, _ in VECTORS["terms"] + VECTORS["query"] + VECTORS["finds"]:
        for q in words.query_words(text):
            assert all(q.word.startswith(s) and s.startswith(q.stem) for s in q.stems + q.open)


def test_a_stem_keeps_half_the_word() -> None:
    assert words.stems("relations") == [["relation"]]
    assert words.stems("одақтан") == [["одақ"]]
    assert all(len(s) >= len("ұлыбританияның") // 2 for level in words.stems("ұлыбританияның") for s in level)
    # Every cut, not only the longest ending's: `стран` (Russian `а`) beside `стра` (Kazakh `на`);
    # a Russian ending is cut after Kazakh ones only from a stem of six letters or more (not `стр`).
    assert words.stems("страна") == [["стра", "стран"]]
    # Kazakh endings stack, also as typed without Kazakh letters (`и` for `і`).
    assert words.stems("билимине") == [["билими", "билимин"], ["билим"]]


def test_python_and_javascript_find_the_same_words(tmp_path: Path) -> None:
    """Each word of the fixture archive's and the archive's texts, as printed and as typed
    without Kazakh letters, against the words of those texts that begin with its stem (every
    word it may find): both halves find the same ones."""
    files = sorted((ROOT / "tests/fixtures/archive").rglob("paper.*")) + sorted((ROOT / "papers").rglob("paper.*"))
    tokens = sorted(set(words._tokens(" ".join(p.read_text(encoding="utf-8") for p in files))))
    index = sorted({words.fold(t) for t in tokens})
    queries = tokens + sorted({words.fold(t) for t in tokens} - set(tokens))
    python = []
    for text in queries:
        qs = words.query_words(text)
        begun = {t for q in qs for t in index[bisect_left(index, q.stem) : bisect_left(index, q.stem + "\uffff")]}
        python.append([t for t in index if t in begun and any(words.matches(q, t) for q in qs)])
    data = tmp_path / "data.json"
    data.write_text(json.dumps({"tables": words.tables(), "index": index, "queries": queries}), encoding="utf-8")
    run = """
const fs = require("fs");
const [wordsJs, dataFile] = process.argv.slice(1);
const d = JSON.parse(fs.readFileSync(dataFile, "utf8"));
const w = require(wordsJs).make(d.tables);
const from = (s) => {
  let lo = 0, hi = d.index.length;
  while (lo < hi) { const m = (lo + hi) >> 1; if (d.index[m] < s) lo = m + 1; else hi = m; }
  return lo;
};
console.log(JSON.stringify(d.queries.map((text) => {
  const qs = w.queryWords(text), begun = new Set();
  qs.forEach((q) => d.index.slice(from(q.stem), from(q.stem + "\\uffff")).forEach((t) => begun.add(t)));
  return d.index.filter((t) => begun.has(t) && qs.some((q) => w.matches(q, t)));
})));
"""
    done = subprocess.run([NODE, "-e", run, str(WORDS_JS), str(data)], capture_output=True, text=True, check=True)
    assert len(queries) > 1000
    assert json.loads(done.stdout) == python
