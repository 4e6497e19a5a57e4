"""Build benchmark: the archive's site against stock mkdocs-material on the same generated archive.

    python benchmarks/build_bench.py                 # 1,000 and 10,000 papers
    python benchmarks/build_bench.py --sizes 1000    # one size
    python benchmarks/build_bench.py --quick         # 200 papers, a smoke run

For each size it generates an archive (benchmarks/generate.py, fixed seed) into a temporary
folder and measures, for `python -m build_tools build` and for the same archive written as plain
Markdown pages and built by stock mkdocs-material with its own search plugin:

- full build wall time, CPU time, and peak memory (the memory of the whole process tree, sampled
  from /proc as proportional set sizes so that pages forked processes share count once, and the
  largest single process's resident size from getrusage(RUSAGE_CHILDREN));
- the time of each stage, read from the build's own stage lines (`name: detail (1.23 s)`);
- total site size, the HTML size of a paper page, the search index bytes (raw and gzip);
- the time from saving an edit to one paper's Markdown until the served page shows it
  (`python -m build_tools serve` against `mkdocs serve`), on a loopback port: three edits in the
  archive's server, each once the regeneration after the one before has ended, the slowest held
  to the target; one in the stock server, whose rebuild is a whole build.

The stock baseline is the obvious way to publish the archive with the theme: one Markdown page per
paper (title, authors, supervisor, UDC, abstract, keywords as text, then the body and the numbered
references), in one folder per volume, no `nav` (MkDocs then lists every page in the navigation,
which Material renders into every page), and the default search plugin. That is what a project
would get without the archive's tooling, and it is the cost the archive's layout decisions avoid.

Targets (2-core machine) are printed beside the figures, with MISSED where one is missed.
Results are also written as JSON (--json), which benchmarks/plot.py turns into the plot of the
performance page.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from build_tools.pipeline import GENERATED  # noqa: E402
from tests.browsing import fetch, free_port  # noqa: E402  (the loopback helpers the tests use)

PYTHON = sys.executable
EDITS = 3
"""Edits timed one after another in the archive's served site (the stock one's rebuild is a whole
build: one edit)."""
STAGES = ("load & validate", "render", "bibliography", "search", "write", "theme rendering")
STAGE_LINE = re.compile(r"^(?P<name>[a-z &]+): (?P<detail>.*) \((?P<seconds>[0-9.]+) s\)$")
# What the issue calls each stage, and the build's stage lines that make it up.
STAGE_GROUPS = (
    ("load and validate", ("load & validate",)),
    ("generate pages", ("render", "write")),
    ("exports (bibliography)", ("bibliography",)),
    ("search index", ("search",)),
    ("theme rendering", ("theme rendering",)),
)

# Wraps a measured command: runs it, then reports the CPU time and the largest resident set of
# its process tree (ru_maxrss of RUSAGE_CHILDREN covers every waited-for descendant).
WRAPPER = """
import json, resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "user": usage.ru_utime, "sys": usage.ru_stime, "maxrss_kb": usage.ru_maxrss}, out)
sys.exit(code)
"""


@dataclass
class Run:
    """One measured command."""

    seconds: float
    cpu_seconds: float
    system_seconds: float
    """Of `cpu_seconds`, the time spent in the kernel (making files, mostly)."""
    max_rss: int
    """Bytes: the largest single process."""
    peak_tree_rss: int
    """Bytes: the largest sum over the process tree at one sampling instant (see `Sampler`)."""
    code: int
    output: str


@dataclass
class Figures:
    """What one side (the archive's build or the stock build) measured at one size."""

    build_seconds: float | None = None
    cpu_seconds: float | None = None
    system_seconds: float | None = None
    peak_memory: int | None = None
    max_process_rss: int | None = None
    stages: dict[str, float] = field(default_factory=dict)
    site_bytes: int | None = None
    paper_page_bytes: int | None = None
    index_bytes: int | None = None
    index_gzip_bytes: int | None = None
    edits: list[float] = field(default_factory=list)
    """Seconds until each edit was seen in the served site."""
    edit_seconds: float | None = None
    """The slowest of `edits`: the target is that every edit shows within it."""
    serve_start_seconds: float | None = None
    gave_up_after: float | None = None
    """Seconds after which an unfinished build was stopped: its time is more than that."""
    note: str = ""


# ---------------------------------------------------------------------------------------------
# Measuring


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _memory(pid: int) -> int:
    """Bytes of memory of one process: its proportional set size (a page shared by n processes
    counts 1/n in each), else its resident size where the kernel gives no PSS."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def tree_rss(pid: int) -> int:
    """Bytes of memory of `pid` and all its descendants now. Proportional sizes are summed, not
    resident ones: forked workers share their parent's pages, and the sum of resident sizes would
    count each shared page once per process."""
    tree = _children()
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo += tree.get(current, [])
        total += _memory(current)
    return total


class Sampler:
    """Samples the memory of a process tree (`tree_rss`) in a thread, keeping the peak."""

    # Every 0.5 s, not more often: the kernel walks a process's pages to give its proportional
    # size, and at 10,000 papers sampling every 0.1 s took a quarter of one of the two CPUs the
    # build runs on.
    def __init__(self, pid: int, interval: float = 0.5) -> None:
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._stop.wait(self.interval)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def measure(command: list[str], cwd: Path, timeout: float, env: dict[str, str] | None = None) -> Run | None:
    """Run `command` and measure it; None if it did not finish within `timeout` seconds."""
    with tempfile.NamedTemporaryFile("r", suffix=".json") as report, tempfile.TemporaryFile("w+") as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            [PYTHON, "-c", WRAPPER, report.name, *command],
            cwd=cwd,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        with Sampler(process.pid) as sampler:
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait()
                return None
        seconds = time.perf_counter() - start
        output.seek(0)
        usage = json.loads(Path(report.name).read_text() or "{}")
        return Run(
            seconds,
            usage.get("user", 0.0) + usage.get("sys", 0.0),
            usage.get("sys", 0.0),
            usage.get("maxrss_kb", 0) * 1024,
            sampler.peak,
            process.returncode,
            output.read(),
        )


def stage_times(output: str) -> dict[str, float]:
    """The build's stage lines, `name: detail (1.23 s)`, summed by stage name."""
    times: dict[str, float] = {}
    for line in output.splitlines():
        match = STAGE_LINE.match(line.strip())
        if match and match["name"] in STAGES:
            times[match["name"]] = times.get(match["name"], 0.0) + float(match["seconds"])
    return times


def folder_bytes(folder: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in folder.rglob(pattern) if p.is_file())


def gzip_bytes(paths: list[Path]) -> int:
    return sum(len(gzip.compress(p.read_bytes(), 6, mtime=0)) for p in paths)


def served_edit(
    command: list[str],
    cwd: Path,
    url: str,
    page_source: Path,
    timeout: float,
    log: Path,
    edits: int = 1,
    settled: Path | None = None,
) -> tuple[float | None, list[float], str]:
    """Start a server, wait until `url` answers, then `edits` times: append a marker to
    `page_source` and time how long until the served page shows it. Before the next edit the
    server is let settle: until the file `settled` is touched (the archive's regeneration after an
    edit has ended), then a second. Returns (start-up seconds, each edit's seconds, note)."""
    original = page_source.read_bytes()
    start = time.perf_counter()
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    seen: list[float] = []
    try:
        startup = None
        while time.perf_counter() - start < timeout:
            if server.poll() is not None:
                return None, seen, f"server exited ({server.returncode}); see {log}"
            if fetch(url) is not None:
                startup = time.perf_counter() - start
                break
            time.sleep(0.2)
        if startup is None:
            return None, seen, f"server did not answer within {timeout:.0f} s"
        time.sleep(1.0)  # let the watcher settle after the first build
        for number in range(edits):
            if number and settled is not None:
                saved = time.time()
                while time.time() - saved < timeout and settled.stat().st_mtime < saved:
                    time.sleep(0.2)
                time.sleep(1.0)
            marker = f"Benchmarkmarker{int(time.time() * 1000) % 10**8}"
            edited = time.perf_counter()
            page_source.write_bytes(original + f"\n\n{marker} paragraph added by the benchmark.\n".encode())
            while time.perf_counter() - edited < timeout:
                page = fetch(url)
                if page is not None and marker in page:
                    seen.append(time.perf_counter() - edited)
                    break
                time.sleep(0.05)
            else:
                return startup, seen, f"edit not visible within {timeout:.0f} s"
        return startup, seen, ""
    finally:
        os.killpg(server.pid, 15)
        try:
            server.wait(120)  # MkDocs removes its temporary site first: seconds at 10,000 papers
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, 9)
            server.wait()
        page_source.write_bytes(original)


# ---------------------------------------------------------------------------------------------
# The two sides


def snapshot(work: Path) -> Path:
    """A copy of the tool (build_tools/, docs/, mkdocs.yml) to run from: `serve` writes its docs
    folder beside the tool, and the benchmark must not touch the repository's build/."""
    target = work / "tool"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "build_tools", target / "build_tools", ignore=ignore)
    shutil.copytree(REPO / "docs", target / "docs", ignore=ignore)
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


def first_paper(papers: Path) -> tuple[str, str]:
    """(volume id, paper id) of the first paper of the newest volume."""
    volume = sorted(p for p in papers.iterdir() if p.is_dir())[-1]
    paper = sorted(p for p in volume.iterdir() if p.is_dir())[0]
    return volume.name, paper.name


def measure_archive(papers: Path, work: Path, timeout: float, serve: bool) -> Figures:
    tool = snapshot(work)
    site = work / "archive-site"
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(work / "build", ignore_errors=True)
    figures = Figures()
    command = [PYTHON, "-m", "build_tools", "build", "--papers", str(papers), "--site", str(site)]
    run = measure(command, tool, timeout)
    if run is None:
        figures.note = f"build did not finish within {timeout:.0f} s"
        return figures
    if run.code != 0:
        figures.note = "build failed: " + " | ".join(run.output.splitlines()[-5:])
        return figures
    figures.build_seconds = run.seconds
    figures.cpu_seconds = run.cpu_seconds
    figures.system_seconds = run.system_seconds
    figures.peak_memory = run.peak_tree_rss
    figures.max_process_rss = run.max_rss
    figures.stages = stage_times(run.output)
    figures.site_bytes = folder_bytes(site)
    pages = [site / pid / "index.html" for pid in sorted(papers_ids(papers)) if (site / pid / "index.html").is_file()]
    if pages:
        figures.paper_page_bytes = int(statistics.median(p.stat().st_size for p in pages))
    index = [p for p in (site / "search").rglob("*") if p.is_file() and p.suffix in (".js", ".json")]
    figures.index_bytes = sum(p.stat().st_size for p in index)
    figures.index_gzip_bytes = gzip_bytes(index)
    if serve:
        volume, paper = first_paper(papers)
        port = free_port()
        command = [PYTHON, "-m", "build_tools", "serve", "--papers", str(papers), "--dev-addr", f"127.0.0.1:{port}"]
        startup, edits, note = served_edit(
            command,
            tool,
            f"http://127.0.0.1:{port}/{paper}/",
            papers / volume / paper / "paper.md",
            timeout,
            work / "archive-serve.log",
            edits=EDITS,
            settled=tool / "build" / GENERATED,
        )
        figures.serve_start_seconds, figures.edits = startup, edits
        figures.edit_seconds = max(edits, default=None)
        figures.note = note
    return figures


_IDS: dict[Path, set[str]] = {}


def papers_ids(papers: Path) -> set[str]:
    if papers not in _IDS:
        _IDS[papers] = {p.parent.name for p in papers.glob("*/*/paper.yml")}
    return _IDS[papers]


def _names(entries: list[dict[str, str]]) -> str:
    return ", ".join(e["name"] + (f" ({e['affiliation']})" if e.get("affiliation") else "") for e in entries)


def stock_page(meta: dict[str, object], body: str) -> str:
    """A paper as the plain Markdown page a stock project would have."""
    language = str(meta["language"])
    titles: dict[str, str] = meta["title"]  # type: ignore[assignment]
    lines = [f"# {titles[language]}", ""]
    lines.append(f"**UDC:** {', '.join(meta['udc'])}  ")  # type: ignore[arg-type]
    lines.append(f"**Language:** {language}  ")
    lines.append(f"**Authors:** {_names(meta['authors'])}  ")  # type: ignore[arg-type]
    if meta.get("supervisors"):
        lines.append(f"**Supervisor:** {_names(meta['supervisors'])}  ")  # type: ignore[arg-type]
    if meta.get("pages"):
        pages: dict[str, int] = meta["pages"]  # type: ignore[assignment]
        lines.append(f"**Pages:** {pages['first']}–{pages['last']}  ")
    lines.append("")
    for key, label in (("abstract", "Abstract"), ("keywords", "Keywords")):
        value = meta.get(key)
        if isinstance(value, dict):
            for text in value.values():
                lines += [f"**{label}:** {text if isinstance(text, str) else ', '.join(text)}", ""]
    lines += [body.strip(), "", "## References", ""]
    references: list[str] = meta.get("references") or []  # type: ignore[assignment]
    lines += [f"{i}. {ref}" for i, ref in enumerate(references, 1)]
    return "\n".join(lines) + "\n"


def write_stock(papers: Path, project: Path) -> None:
    """The archive as a stock mkdocs-material project: a page per paper, a folder per volume."""
    shutil.rmtree(project, ignore_errors=True)
    docs = project / "docs"
    docs.mkdir(parents=True)
    (project / "mkdocs.yml").write_text(
        "site_name: Student Conference on International Relations\n"
        "site_url: https://ir-archive.example.org/\n"
        "theme:\n  name: material\n"
        "plugins:\n  - search\n",
        encoding="utf-8",
    )
    (docs / "index.md").write_text("# Archive\n\nPapers of the student conference, by volume.\n", encoding="utf-8")
    for meta_path in sorted(papers.glob("*/*/paper.yml")):
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        body = (meta_path.parent / "paper.md").read_text(encoding="utf-8")
        page = docs / meta_path.parent.parent.name / f"{meta_path.parent.name}.md"
        page.parent.mkdir(exist_ok=True)
        page.write_text(stock_page(meta, body), encoding="utf-8")


def measure_stock(papers: Path, work: Path, timeout: float, serve: bool) -> Figures:
    project = work / "stock"
    write_stock(papers, project)
    site = project / "site"
    figures = Figures()
    run = measure([PYTHON, "-m", "mkdocs", "build", "--clean", "-q", "-d", str(site)], project, timeout)
    if run is None:
        figures.note = f"stock build did not finish within {timeout:.0f} s"
        figures.gave_up_after = timeout
        return figures
    if run.code != 0:
        figures.note = "stock build failed: " + " | ".join(run.output.splitlines()[-5:])
        return figures
    figures.build_seconds = run.seconds
    figures.cpu_seconds = run.cpu_seconds
    figures.system_seconds = run.system_seconds
    figures.peak_memory = run.peak_tree_rss
    figures.max_process_rss = run.max_rss
    figures.site_bytes = folder_bytes(site)
    ids = papers_ids(papers)
    pages = [p for p in site.glob("*/*/index.html") if p.parent.name in ids]
    if pages:
        figures.paper_page_bytes = int(statistics.median(p.stat().st_size for p in pages))
    index = [site / "search" / "search_index.json"]
    figures.index_bytes = index[0].stat().st_size
    figures.index_gzip_bytes = gzip_bytes(index)
    if serve:
        volume, paper = first_paper(papers)
        port = free_port()
        command = [PYTHON, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
        startup, edits, note = served_edit(
            command,
            project,
            f"http://127.0.0.1:{port}/{volume}/{paper}/",
            project / "docs" / volume / f"{paper}.md",
            timeout,
            work / "stock-serve.log",
        )
        figures.serve_start_seconds, figures.edits = startup, edits
        figures.edit_seconds = max(edits, default=None)
        figures.note = note
    shutil.rmtree(site, ignore_errors=True)  # can be gigabytes
    return figures


# ---------------------------------------------------------------------------------------------
# Report


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} s" if value >= 1 else f"{value * 1000:.0f} ms"


def _bytes(value: int | None) -> str:
    if value is None:
        return "—"
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if value >= size:
            return f"{value / size:.1f} {unit}"
    return f"{value} B"


def _ratio(ours: float | None, stock: float | None) -> str:
    return "—" if not ours or not stock else f"{ours / stock:.2f}×"


@dataclass(frozen=True)
class Row:
    label: str
    ours: float | None
    stock: float | None
    kind: str
    target: str = ""


def stage_sum(figures: Figures, names: tuple[str, ...]) -> float | None:
    found = [figures.stages[n] for n in names if n in figures.stages]
    return sum(found) if found else None


def rows(n: int, ours: Figures, stock: Figures) -> list[Row]:
    def verdict(ok: bool | None, text: str) -> str:
        return "" if ok is None else f"{'met' if ok else 'MISSED'} ({text})"

    build_targets = []
    if ours.build_seconds is not None:
        if n == 1000:
            build_targets.append(verdict(ours.build_seconds <= 20, "≤ 20 s at 1,000"))
        if n == 10000:
            build_targets.append(verdict(ours.build_seconds <= 180, "≤ 3 min at 10,000"))
        if stock.build_seconds is not None:
            build_targets.append(verdict(ours.build_seconds <= 0.7 * stock.build_seconds, "≤ 0.7× stock"))
        elif stock.gave_up_after is not None and ours.build_seconds <= 0.7 * stock.gave_up_after:
            build_targets.append(verdict(True, "≤ 0.7× stock, which took longer than it was given"))
    elif n in (1000, 10000):
        build_targets.append("MISSED (no full build)")
    memory_target = ""
    if n == 10000:
        memory_target = (
            verdict(ours.peak_memory <= 2e9, "≤ 2 GB") if ours.peak_memory is not None else "MISSED (not measured)"
        )
    edit_target = ""
    if n == 1000:
        edit_target = (
            verdict(ours.edit_seconds <= 3, "≤ 3 s at 1,000") if ours.edit_seconds is not None else "MISSED (not seen)"
        )
    out = [
        Row("full build, wall time", ours.build_seconds, stock.build_seconds, "s", "; ".join(build_targets)),
        Row("  CPU time (user + system)", ours.cpu_seconds, stock.cpu_seconds, "s"),
        Row("  of which system", ours.system_seconds, stock.system_seconds, "s"),
        Row("peak memory (process tree)", ours.peak_memory, stock.peak_memory, "B", memory_target),
        Row("  largest single process", ours.max_process_rss, stock.max_process_rss, "B"),
    ]
    for label, names in STAGE_GROUPS:
        out.append(Row(f"stage: {label}", stage_sum(ours, names), None, "s"))
    out += [
        Row("total site size", ours.site_bytes, stock.site_bytes, "B"),
        Row("paper page HTML (median)", ours.paper_page_bytes, stock.paper_page_bytes, "B"),
        Row("search index, raw", ours.index_bytes, stock.index_bytes, "B"),
        Row("search index, gzip", ours.index_gzip_bytes, stock.index_gzip_bytes, "B"),
        Row("served site: start-up", ours.serve_start_seconds, stock.serve_start_seconds, "s"),
        Row("served site: edit visible, slowest", ours.edit_seconds, stock.edit_seconds, "s", edit_target),
    ]
    return out


def print_table(n: int, ours: Figures, stock: Figures) -> None:
    print(f"\n{n:,} papers{'':<22}{'archive':>12}{'stock':>12}{'ratio':>9}  target")
    for row in rows(n, ours, stock):
        fmt = _seconds if row.kind == "s" else _bytes
        theirs, ratio = fmt(row.stock), _ratio(row.ours, row.stock)  # type: ignore[arg-type]
        if row.label == "full build, wall time" and stock.gave_up_after and row.ours:
            theirs, ratio = f"> {stock.gave_up_after:.0f} s", f"< {row.ours / stock.gave_up_after:.2f}×"
        print(f"{row.label:<34}{fmt(row.ours):>12}{theirs:>12}{ratio:>9}  {row.target}".rstrip())  # type: ignore[arg-type]
    for side, figures in (("archive", ours), ("stock", stock)):
        if len(figures.edits) > 1:
            print(f"edits ({side}): " + ", ".join(f"{seconds:.2f} s" for seconds in figures.edits))
        if figures.note:
            print(f"note ({side}): {figures.note}")
    sys.stdout.flush()


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    return {
        "nproc": str(os.cpu_count()),
        "memory": memory,
        "cpu": cpu,
        "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


@contextlib.contextmanager
def workspace(path: Path | None, keep: bool) -> Iterator[Path]:
    if path is not None:
        path.mkdir(parents=True, exist_ok=True)
        yield path
        return
    folder = Path(tempfile.mkdtemp(prefix="archive-bench-"))
    try:
        yield folder
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="numbers of papers")
    parser.add_argument("--quick", action="store_true", help="one small run of 200 papers")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated archives (default 1)")
    parser.add_argument("--timeout", type=float, default=1800, help="give up on one build after this many seconds")
    parser.add_argument(
        "--stock-timeout", type=float, help="give up on a stock build after this many seconds (default: --timeout)"
    )
    parser.add_argument("--no-serve", action="store_true", help="skip the served-site edit measurement")
    parser.add_argument("--no-stock", action="store_true", help="skip the stock mkdocs-material baseline")
    parser.add_argument(
        "--no-stock-serve",
        action="store_true",
        help="skip the stock site's served edit (at 10,000 papers its start-up and its rebuild are each a stock build)",
    )
    parser.add_argument("--work", type=Path, help="folder for archives and sites (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--json", type=Path, help="add the results to this JSON file (for benchmarks/plot.py)")
    args = parser.parse_args(argv)
    sizes = [200] if args.quick else args.sizes
    info = machine()
    print("machine: " + ", ".join(f"{k} {v}" for k, v in info.items()))
    results = []
    with workspace(args.work, args.keep) as work:
        for n in sizes:
            papers = work / f"papers-{n}-seed{args.seed}"
            if not (papers / "people.yml").is_file():
                shutil.rmtree(papers, ignore_errors=True)
                started = time.perf_counter()
                generate(papers, n, args.seed)
                print(f"generated {n:,} papers in {time.perf_counter() - started:.1f} s: {papers}", flush=True)
            ours = measure_archive(papers, work / f"run-{n}", args.timeout, not args.no_serve)
            stock = Figures(note="not measured (--no-stock)")
            if not args.no_stock:
                stock_timeout = args.stock_timeout or args.timeout
                stock_serve = not (args.no_serve or args.no_stock_serve)
                stock = measure_stock(papers, work / f"run-{n}", stock_timeout, stock_serve)
            print_table(n, ours, stock)
            results.append(
                {"papers": n, "seed": args.seed, "machine": info, "archive": asdict(ours), "stock": asdict(stock)}
            )
    if args.json is not None:
        data = json.loads(args.json.read_text()) if args.json.is_file() else {"runs": []}
        data["machine"] = info
        kept = [r for r in data["runs"] if r["papers"] not in sizes]
        data["runs"] = sorted(kept + results, key=lambda r: r["papers"])
        args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
