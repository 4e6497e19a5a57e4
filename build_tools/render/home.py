"""The home page: the volumes, the newest papers, and papers per year by language as an SVG chart.

The home page is generated; a hand-written docs/index.md would collide with it and is reported.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..catalog import Catalog
from ..model import LANGUAGES, Language, Paper
from .base import LANGUAGE_NAMES, Site, render

NEWEST = 10
# Bar colours per language, dark enough for white text and distinct in greyscale.
COLOURS: dict[Language, str] = {"kk": "#00695c", "ru": "#283593", "en": "#ad1457"}


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    height: int
    count: int
    language: Language


@dataclass(frozen=True)
class Chart:
    """Geometry of the papers-per-year chart, computed here so the template only draws."""

    width: int
    height: int
    baseline: int
    years: tuple[tuple[int, int], ...]
    """(year, x of the group's centre)."""
    bars: tuple[Bar, ...]
    legend: tuple[tuple[Language, int], ...]
    """(language, x of its swatch)."""
    description: str


BAR, GAP, TOP, PLOT, BOTTOM, LEFT = 22, 18, 40, 140, 24, 10


def chart(catalog: Catalog, site: Site) -> Chart | None:
    volumes = catalog.volumes
    counts = Counter((volumes[p.volume].year, p.language) for p in catalog.papers.values())
    if not counts:
        return None
    years = sorted({year for year, _ in counts})
    languages = [lang for lang in LANGUAGES if any(lang == x for _, x in counts)]
    highest = max(counts.values())
    group = BAR * len(languages) + GAP
    bars = []
    centres = []
    for i, year in enumerate(years):
        left = LEFT + i * group
        centres.append((year, left + BAR * len(languages) // 2))
        for j, lang in enumerate(languages):
            count = counts.get((year, lang), 0)
            height = round(PLOT * count / highest)
            bars.append(Bar(left + j * BAR, TOP + PLOT - height, height, count, lang))
    width = max(LEFT * 2 + len(years) * group, 110 * len(languages))
    description = "; ".join(
        f"{year}: "
        + ", ".join(f"{LANGUAGE_NAMES[lang][site.language]} {counts.get((year, lang), 0)}" for lang in languages)
        for year in years
    )
    legend = tuple((lang, LEFT + k * 110) for k, lang in enumerate(languages))
    return Chart(width, TOP + PLOT + BOTTOM, TOP + PLOT, tuple(centres), tuple(bars), legend, description)


def newest(catalog: Catalog) -> list[Paper]:
    """The last papers of the newest volumes, newest volume first, in printed order within one."""
    by_volume = sorted(catalog.volumes.values(), key=lambda v: (-v.year, v.id))
    out: list[Paper] = []
    for volume in by_volume:
        out += catalog.papers_in(volume)[: NEWEST - len(out)]
        if len(out) >= NEWEST:
            break
    return out


def pages(catalog: Catalog, site: Site) -> dict[str, str]:
    volumes = sorted(catalog.volumes.values(), key=lambda v: (-v.year, v.id))
    counts = {v.id: len(catalog.papers_in(v)) for v in volumes}
    return {
        "index.md": render(
            "home.md.j2",
            site,
            "",
            catalog=catalog,
            volumes=volumes,
            counts=counts,
            newest=newest(catalog),
            chart=chart(catalog, site),
            colours=COLOURS,
        )
    }
