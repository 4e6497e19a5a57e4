"""Plot of the build benchmark: build time and search index size against the number of papers.

    python benchmarks/plot.py benchmarks/results.json docs/assets/performance.svg

Reads the JSON written by `build_bench.py --json` and writes a self-contained SVG (two panels,
the archive's build beside stock mkdocs-material). Plain SVG text: no plotting library needed.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from html import escape
from pathlib import Path

WIDTH, HEIGHT = 820, 360
PANEL_W, PANEL_H = 320, 240
LEFT, TOP = 70, 50
GAP = 90
COLOURS = {"archive": "#3f51b5", "stock": "#e65100"}
DASHES = {"raw": "", "gzip": "6 4"}


def nice_ceiling(value: float) -> float:
    """1, 2 or 5 times a power of ten, at least `value`."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:g}"


class Panel:
    def __init__(self, x0: float, title: str, unit: str, x_max: float, y_max: float) -> None:
        self.x0, self.title, self.unit = x0, title, unit
        self.x_max, self.y_max = nice_ceiling(x_max), nice_ceiling(y_max)
        self.parts: list[str] = []

    def x(self, value: float) -> float:
        return self.x0 + value / self.x_max * PANEL_W

    def y(self, value: float) -> float:
        return TOP + PANEL_H - value / self.y_max * PANEL_H

    def axes(self) -> None:
        p = self.parts
        p.append(f'<text x="{self.x0}" y="{TOP - 18}" class="title">{escape(self.title)}</text>')
        for i in range(6):
            value = self.y_max * i / 5
            y = self.y(value)
            p.append(f'<line x1="{self.x0}" y1="{y:.1f}" x2="{self.x0 + PANEL_W}" y2="{y:.1f}" class="grid"/>')
            p.append(f'<text x="{self.x0 - 6}" y="{y + 4:.1f}" class="tick" text-anchor="end">{_number(value)}</text>')
        for i in range(5):
            value = self.x_max * i / 4
            x = self.x(value)
            p.append(
                f'<text x="{x:.1f}" y="{TOP + PANEL_H + 16}" class="tick" text-anchor="middle">{_number(value)}</text>'
            )
        p.append(
            f'<text x="{self.x0 + PANEL_W / 2}" y="{TOP + PANEL_H + 34}" class="label" '
            'text-anchor="middle">papers</text>'
        )
        p.append(
            f'<text x="{self.x0 - 52}" y="{TOP + PANEL_H / 2}" class="label" text-anchor="middle" '
            f'transform="rotate(-90 {self.x0 - 52} {TOP + PANEL_H / 2})">{escape(self.unit)}</text>'
        )
        p.append(f'<rect x="{self.x0}" y="{TOP}" width="{PANEL_W}" height="{PANEL_H}" class="frame"/>')

    def series(self, points: list[tuple[float, float]], colour: str, dash: str, label: str) -> None:
        if not points:
            return
        path = " ".join(f"{self.x(x):.1f},{self.y(y):.1f}" for x, y in points)
        style = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{style}/>')
        for x, y in points:
            self.parts.append(f'<circle cx="{self.x(x):.1f}" cy="{self.y(y):.1f}" r="3.5" fill="{colour}">')
            self.parts.append(
                f"<title>{escape(label)}: {_number(x)} papers, {y:.3g} {escape(self.unit)}</title></circle>"
            )


def points(runs: list[dict[str, object]], side: str, key: str, scale: float) -> list[tuple[float, float]]:
    out = []
    for run in runs:
        figures = run[side]
        value = figures.get(key) if isinstance(figures, dict) else None
        if isinstance(value, (int, float)):
            out.append((float(run["papers"]), value / scale))  # type: ignore[arg-type]
    return out


def render(data: dict[str, object]) -> str:
    runs: list[dict[str, object]] = data["runs"]  # type: ignore[assignment]
    x_max = max((float(r["papers"]) for r in runs), default=1.0)  # type: ignore[arg-type]
    build = {side: points(runs, side, "build_seconds", 1) for side in COLOURS}
    cpu = {side: points(runs, side, "cpu_seconds", 1) for side in COLOURS}
    index = {
        (side, kind): points(runs, side, "index_bytes" if kind == "raw" else "index_gzip_bytes", 1e6)
        for side in COLOURS
        for kind in DASHES
    }
    build_max = max((y for series in build.values() for _, y in series), default=1.0)
    index_max = max((y for series in index.values() for _, y in series), default=1.0)
    left = Panel(LEFT, "Full build time", "seconds", x_max, build_max)
    right = Panel(LEFT + PANEL_W + GAP, "Search index size", "MB", x_max, index_max)
    left.axes()
    right.axes()
    for side, colour in COLOURS.items():
        left.series(build[side], colour, "", f"{side} build, wall time")
        left.series(cpu[side], colour, DASHES["gzip"], f"{side} build, CPU time")
        for kind, dash in DASHES.items():
            right.series(index[(side, kind)], colour, dash, f"{side} index, {kind}")
    legend = []
    y = HEIGHT - 14
    entries = [
        ("archive (build_tools)", COLOURS["archive"], ""),
        ("stock mkdocs-material", COLOURS["stock"], ""),
        ("wall time / raw", "#555", DASHES["raw"]),
        ("CPU time / gzip", "#555", DASHES["gzip"]),
    ]
    x = LEFT
    for label, colour, dash in entries:
        style = f' stroke-dasharray="{dash}"' if dash else ""
        legend.append(
            f'<line x1="{x}" y1="{y - 4}" x2="{x + 24}" y2="{y - 4}" stroke="{colour}" stroke-width="2"{style}/>'
        )
        legend.append(f'<text x="{x + 30}" y="{y}" class="label">{escape(label)}</text>')
        x += 40 + 7 * len(label)
    machine = data.get("machine")
    shown = ("nproc", "cpu", "python", "date")
    caption = ", ".join(f"{k} {v}" for k, v in machine.items() if k in shown) if isinstance(machine, dict) else ""
    style = (
        "<style>text{font-family:sans-serif;fill:#222}.title{font-size:14px;font-weight:bold}"
        ".tick{font-size:10px}.label{font-size:11px}.grid{stroke:#ddd;stroke-width:1}"
        ".frame{fill:none;stroke:#999}.caption{font-size:10px;fill:#666}</style>"
    )
    body = "\n".join([*left.parts, *right.parts, *legend])
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="Build time and search index size against the number of papers">\n'
        f"{style}\n{body}\n"
        f'<text x="{WIDTH - 10}" y="16" class="caption" text-anchor="end">{escape(caption)}</text>\n</svg>\n'
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", type=Path, help="JSON written by build_bench.py --json")
    parser.add_argument("svg", type=Path, help="the SVG file to write")
    args = parser.parse_args(argv)
    data = json.loads(args.results.read_text(encoding="utf-8"))
    args.svg.parent.mkdir(parents=True, exist_ok=True)
    args.svg.write_text(render(data), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
