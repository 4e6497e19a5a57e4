"""Where a build's time goes: cProfile of the stages before the theme (load and validate, render,
bibliography, search, write) on one archive, summed by module and listed by function.

    python benchmarks/profile_build.py PAPERS [--top 25]

PAPERS is a papers folder (make one with benchmarks/generate.py). The docs folder is written to a
temporary folder. The theme stage (MkDocs) runs in its own process; profile it with
`python -m cProfile -m mkdocs build -f build/mkdocs.yml` on the generated config if needed.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from build_tools.pipeline import Progress, generate  # noqa: E402


def by_module(stats: pstats.Stats) -> list[tuple[str, float]]:
    """Own time (tottime) summed per source file, largest first."""
    totals: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        name = filename
        if "site-packages/" in filename:
            name = filename.split("site-packages/", 1)[1].split("/", 1)[0] + " (library)"
        elif str(REPO) in filename:
            name = filename.replace(str(REPO) + "/", "")
        elif filename.startswith("~") or filename.startswith("<"):
            name = "builtins"
        else:
            name = Path(filename).name + " (stdlib)"
        totals[name] += tottime
    return sorted(totals.items(), key=lambda item: -item[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("papers", type=Path)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--save", type=Path, help="also write the raw profile here (for pstats or snakeviz)")
    args = parser.parse_args(argv)
    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory() as work:
        progress = Progress()
        profiler.enable()
        generate(args.papers, Path(work), progress=progress)
        profiler.disable()
    stats = pstats.Stats(profiler)
    if args.save is not None:
        stats.dump_stats(args.save)
    total = sum(s.seconds for s in progress.stages)
    print(f"\nstages (profiled, so slower than a plain run): {total:.1f} s")
    for stage in progress.stages:
        print(f"  {stage.name:<18}{stage.seconds:8.1f} s  {100 * stage.seconds / total:5.1f} %")
    print("\nown time by module:")
    for name, seconds in by_module(stats)[: args.top]:
        print(f"  {seconds:8.1f} s  {name}")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.top)
    print("\n" + out.getvalue().split("\n", 4)[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
