"""Search benchmark: the archive's prebuilt search next to mkdocs-material's own, on generated
archives, in headless Chromium, over http on loopback and from file://.

    python benchmarks/search_bench.py --papers 1000 --papers 10000 --work /tmp/search-bench --runs 3

For each size it generates an archive (benchmarks/generate.py, kept in --work for the next run),
then builds:

- ours: `build_tools.search.files(catalog)` and the real search page (docs/search/index.md with
  the archive's theme) built by mkdocs. Only the search page is built, not the paper pages: the
  search loads nothing from them, and a full site of 10,000 papers takes far longer to build.
- material: a stock mkdocs-material site with its search plugin, one page per paper (title,
  authors, abstract, text).

and measures, for each query, in a fresh browser context (empty cache):

- paint: ms from navigation start to the page's first contentful paint (the theme's own floor);
- inserted: ms from navigation start to the first result put in the page;
- first: ms from navigation start to the first result on screen: the end of the first frame
  drawn after it was put in the page (a requestAnimationFrame callback posts a message, which
  runs once that frame is drawn), and not before the page's first contentful paint;
- full: ms until the full-text matches are in (ours; material shows everything at once);
- longest task: the longest main-thread task (PerformanceObserver 'longtask'), in ms;
- bytes: what was loaded before the first result, gzip-compressed (level 6), in KB.

Budgets (issue 5): first <= 300 ms at 1,000 papers and <= 1,000 ms at 10,000; full <= 2,000 ms at
10,000; no task over 200 ms; bytes <= 1,500 KB at 10,000. Figures depend on the machine and its
load: run it on an idle one.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import pickle
import resource
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script: make build_tools importable
    sys.path.insert(0, str(REPO))

from benchmarks.generate import generate  # noqa: E402
from build_tools import search  # noqa: E402
from build_tools.catalog import Catalog  # noqa: E402
from build_tools.load import load_archive  # noqa: E402
from tests.browsing import ARGS, CHROMIUM, serve  # noqa: E402  (the browser and server the tests use)

QUIET = 2.0
"""Seconds the page is left alone after it starts loading (see `measure`)."""
BUDGETS = {1000: (300, None, 200, None), 10000: (1000, 2000, 200, 1500)}
"""Papers -> (first ms, full ms, longest task ms, KB gzip before the first result)."""

# Installed before any script of the page: records when the first result is put in the page and
# when the frame that shows it has been drawn, when our search says it is done (aria-busy="false"
# on its results), and the longest task.
RECORDER = """
(() => {
  const b = window.__bench = { inserted: null, first: null, full: null, longest: 0 };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longest = Math.max(b.longest, e.duration);
    }).observe({ type: "longtask", buffered: true });
  } catch (error) {}
  const check = () => {
    if (b.inserted === null && document.querySelector(".archive-search__item, .md-search-result__item")) {
      b.inserted = performance.now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { b.first = performance.now(); };
        channel.port2.postMessage(null);
      });
    }
    const ours = document.querySelector(".archive-search__results");
    if (b.full === null && b.inserted !== null && ours && ours.getAttribute("aria-busy") === "false") {
      b.full = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})();
"""


@dataclass(frozen=True)
class Measure:
    engine: str
    mode: str
    query: str
    inserted: float | None
    first: float | None
    full: float | None
    longest: float
    kb: float
    paint: float | None
    """The page's first contentful paint: before it nothing shows, results or not."""


def load_catalog(papers: Path) -> Catalog:
    archive, problems = load_archive(papers)
    catalog, more = Catalog.build(archive)
    errors = [p for p in problems + more if p.severity.name == "ERROR"]
    if errors:
        raise SystemExit(f"{papers}: {len(errors)} errors, first: {errors[0]}")
    return catalog


def mkdocs(config: dict[str, Any], folder: Path) -> float:
    path = folder / "mkdocs.yml"
    path.write_text(json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(path), "-d", str(folder / "site")],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"mkdocs build in {folder} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - start


def build_ours(catalog: Catalog, folder: Path) -> tuple[Path, str]:
    shutil.rmtree(folder, ignore_errors=True)
    docs = folder / "docs"
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    files = search.files(catalog)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for path, data in files.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (docs / "search").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "docs" / "search" / "index.md", docs / "search" / "index.md")
    config = {
        "INHERIT": str(REPO / "mkdocs.yml"),
        "docs_dir": str(docs),
        "theme": {"custom_dir": str(REPO / "build_tools" / "theme")},
        "hooks": [str(REPO / "build_tools" / "theme_hook.py")],  # puts the manifest inline, as builds do
        "nav": ["search/index.md"],
    }
    page_seconds = mkdocs(config, folder)
    size = sum(len(d) for d in files.values())
    report = (
        f"ours: search.files {seconds:.1f} s (peak RSS {peak // 1024} MB, was {before // 1024} MB), "
        f"{len(files)} files, {size / 1e6:.1f} MB; search page built in {page_seconds:.1f} s"
    )
    return folder / "site", report


def build_material(catalog: Catalog, folder: Path) -> tuple[Path, str]:
    shutil.rmtree(folder, ignore_errors=True)
    docs = folder / "docs"
    (docs / "papers").mkdir(parents=True)
    (docs / "index.md").write_text("# Archive\n", encoding="utf-8")
    for paper in catalog.papers.values():
        authors = ", ".join(a.name.text for a in paper.authors)
        abstract = paper.abstract.best(paper.language) if paper.abstract else ""
        text = f"# {paper.printed_title}\n\n{authors}\n\n{abstract}\n\n{paper.body}\n"
        (docs / "papers" / f"{paper.id}.md").write_text(text, encoding="utf-8")
    config = {
        "site_name": "Archive",
        "docs_dir": str(docs),
        "theme": {"name": "material"},
        "plugins": ["search"],
        "nav": ["index.md"],
        "validation": {"nav": {"omitted_files": "ignore"}},
    }
    seconds = mkdocs(config, folder)
    index = folder / "site" / "search" / "search_index.json"
    report = f"material: mkdocs build {seconds:.1f} s, search_index.json {index.stat().st_size / 1e6:.1f} MB"
    return folder / "site", report


def gzip_kb(site: Path, base: str, urls: set[str]) -> float:
    total = 0
    for url in urls:
        if not url.startswith(base):
            continue
        path = urllib.parse.unquote(urllib.parse.urlsplit(url[len(base) :]).path).lstrip("/")
        file = site / path
        if file.is_dir() or path == "" or path.endswith("/"):
            file = file / "index.html"
        if file.is_file():
            total += len(gzip.compress(file.read_bytes(), compresslevel=6))
    return total / 1000


def measure(browser: Any, site: Path, base: str, page_path: str, query: str, timeout: float) -> Measure:
    context = browser.new_context()
    finished: list[tuple[str, float]] = []

    def done(request: Any) -> None:
        timing = request.timing
        finished.append((request.url, timing["startTime"] + max(timing["responseEnd"], 0)))

    context.on("requestfinished", done)
    page = context.new_page()
    page.add_init_script(RECORDER)
    url = f"{base}/{page_path}?q={urllib.parse.quote(query)}"
    page.goto(url, wait_until="commit")
    engine = "material" if page_path == "index.html" else "ours"
    wait = "__bench.first !== null" + (" && __bench.full !== null" if engine == "ours" else "")
    # The page records its own times; the first look from here comes late and the next ones
    # seldom, because each runs script in the page: Playwright's `wait_for_function` put 65 ms of
    # its own script on the page's main thread while it loaded, in the middle of what is measured.
    # A search that never answers (the theme's from file://) is a result, not a crash.
    deadline = time.monotonic() + timeout
    time.sleep(QUIET)
    while time.monotonic() < deadline and not page.evaluate(f"!!window.__bench && {wait}"):
        time.sleep(0.25)
    time.sleep(0.3)  # let a long task that is still running be reported
    bench = page.evaluate("window.__bench")
    inserted, first = bench["inserted"], bench["first"]
    paints = page.evaluate("performance.getEntriesByName('first-contentful-paint').map(e => e.startTime)")
    origin = page.evaluate("performance.timeOrigin")
    entries = page.evaluate(
        "performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
        ".map(e => [e.name, e.responseEnd])"
    )
    limit = inserted if inserted is not None else float("inf")
    # A result put in the page before its first paint is seen at that paint, not before.
    if first is not None and paints:
        first = max(first, paints[0])
    urls = {name for name, end in entries if end <= limit}
    urls |= {name for name, end in finished if end - origin <= limit}
    kb = gzip_kb(site, base, urls)
    context.close()
    mode = "file" if base.startswith("file:") else "http"
    paint = paints[0] if paints else None
    return Measure(engine, mode, query, inserted, first, bench["full"], bench["longest"], kb, paint)


def queries_for(catalog: Catalog) -> list[str]:
    """Words of each language and a person's name in Latin letters, as the registry has it."""
    person = next(p for p in catalog.people.values() if p.name_in("latn"))
    latin = person.name_in("latn")
    assert latin is not None
    return ["қауіпсіздік", "дипломатии", "security", latin.surname]


def fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def span(values: list[float]) -> str:
    """`min–max` of the figures measured, or `—` when there are none."""
    if not values:
        return "—"
    low, high = min(values), max(values)
    return f"{low:.0f}" if round(low) == round(high) else f"{low:.0f}–{high:.0f}"


def run(n: int, seed: int, work: Path, timeout: float, material: bool, runs: int) -> None:
    papers = work / f"papers-{n}-seed{seed}"
    if not (papers / "people.yml").is_file():
        shutil.rmtree(papers, ignore_errors=True)
        start = time.perf_counter()
        generate(papers, n, seed)
        print(f"{n} papers: generated in {time.perf_counter() - start:.0f} s", flush=True)
    # Loading and checking 10,000 papers takes minutes: the catalog is kept for the next run.
    cached = work / f"catalog-{n}-seed{seed}.pickle"
    if cached.is_file():
        catalog = pickle.loads(cached.read_bytes())
    else:
        start = time.perf_counter()
        catalog = load_catalog(papers)
        print(f"{n} papers: loaded and checked in {time.perf_counter() - start:.0f} s", flush=True)
        cached.write_bytes(pickle.dumps(catalog))
    ours, report = build_ours(catalog, work / f"ours-{n}")
    print(f"{n} papers: {report}", flush=True)
    sites = [("ours", ours, "search/index.html")]
    if material:
        stock, report = build_material(catalog, work / f"material-{n}")
        print(f"{n} papers: {report}", flush=True)
        sites.append(("material", stock, "index.html"))
    queries = queries_for(catalog)
    results: list[Measure] = []
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for _, site, page_path in sites:
                for mode in ("http", "file"):
                    with contextlib.ExitStack() as stack:
                        base = site.resolve().as_uri() if mode == "file" else stack.enter_context(serve(site))
                        for _ in range(runs):
                            for query in queries:
                                results.append(measure(browser, site, base, page_path, query, timeout))
        finally:
            browser.close()
    print(f"\n{n} papers (seed {seed}), ms from navigation start; KB gzip loaded before the first result")
    print("(paint: the page's first contentful paint, the earliest anything can show)")
    print(
        f"{'engine':9} {'mode':5} {'query':14} {'paint':>7} {'inserted':>9} {'first':>7} {'full':>7} "
        f"{'longest task':>13} {'KB':>8}"
    )
    for m in results:
        print(
            f"{m.engine:9} {m.mode:5} {m.query:14} {fmt(m.paint):>7} {fmt(m.inserted):>9} {fmt(m.first):>7} "
            f"{fmt(m.full):>7} {fmt(m.longest):>13} {m.kb:>8.0f}"
        )
    budget = BUDGETS.get(n)
    print(f"\nranges over {runs} run(s) of {len(queries)} queries")
    for engine, mode in dict.fromkeys((m.engine, m.mode) for m in results):
        mine = [m for m in results if m.engine == engine and m.mode == mode]
        never = [m for m in mine if m.first is None]
        line = (
            f"{engine} {mode}: paint {span([m.paint for m in mine if m.paint is not None])} ms, "
            f"inserted {span([m.inserted for m in mine if m.inserted is not None])} ms, "
            f"first {span([m.first for m in mine if m.first is not None])} ms, "
            f"full {span([m.full for m in mine if m.full is not None])} ms, "
            f"longest task {max(m.longest for m in mine):.0f} ms, KB before first result {span([m.kb for m in mine])}"
        )
        if never:
            line += f"; no result within {timeout:.0f} s for {len(never)} of {len(mine)}"
        print(line)
    if budget:
        first, full, task, kb = budget
        print(
            f"budgets at {n}: first <= {first} ms"
            + (f", full <= {full} ms" if full else "")
            + f", longest task <= {task} ms"
            + (f", <= {kb} KB gzip before the first result" if kb else "")
        )
        for mode in ("http", "file"):
            mine = [m for m in results if m.engine == "ours" and m.mode == mode]
            firsts = [m.first for m in mine if m.first is not None]
            within = sum(1 for f in firsts if f <= first)
            median = f"{statistics.median(firsts):.0f} ms" if firsts else "—"
            print(f"ours {mode}: first results within {first} ms in {within} of {len(mine)} loads (median {median})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, action="append", help="archive size (repeatable; default 1000 and 10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/search-bench"), help="folder for archives and sites")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for a search to answer")
    parser.add_argument("--no-material", action="store_true", help="skip the stock mkdocs-material build")
    parser.add_argument("--runs", type=int, default=1, help="times each query is measured (figures vary run to run)")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    for n in args.papers or [1000, 10000]:
        run(n, args.seed, args.work, args.timeout, not args.no_material, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
