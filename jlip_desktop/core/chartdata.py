"""The numbers behind every chart, computed from scores.

The GUI (pyqtgraph) and the PDF (reportlab) draw the same series from these
functions, so a chart on screen and on paper can't disagree.  No Qt here.

Ranking rule (documented here, used everywhere): regions are ordered by total,
highest first; equal totals are ordered by the higher score on primary
indicator 3 (重点工作推进情况, the largest block), then by region code
ascending.  Ranks are competition ranks: equal totals share a rank and the
next rank skips (1, 2, 2, 4).  `ranking(..., tier=...)` ranks only the regions of
one tier (prefecture-level or county-level), so cities and counties need not
be ranked together.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .scoring import Score


@dataclass(frozen=True)
class RadarAxis:
    level: str  # primary | secondary
    number: int
    name: str
    name_en: str
    score: Decimal
    max: Decimal
    rate: Decimal  # percent, 0..100, exact

    def label(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name


def radar_series(score: Score, level: str = "primary") -> list[RadarAxis]:
    """One axis per primary (4) or secondary (8) indicator: score rate in %."""
    if level not in ("primary", "secondary"):
        raise ValueError(f"radar level must be primary or secondary, got {level!r}")
    nodes = score.catalog.level(level)
    return [
        RadarAxis(level, n, node.name, node.name_en, score.node(level, n), node.max, score.rate(level, n))
        for n, node in nodes.items()
    ]


def average_radar(scores: list[Score], level: str = "primary") -> list[RadarAxis]:
    """The mean score rate per axis over several assessments (for "compare with average")."""
    if not scores:
        return []
    cat = scores[0].catalog
    nodes = cat.level(level)
    out = []
    for n, node in nodes.items():
        mean = sum((s.node(level, n) for s in scores), Decimal(0)) / len(scores)
        out.append(RadarAxis(level, n, node.name, node.name_en, mean, node.max, mean * 100 / node.max))
    return out


@dataclass(frozen=True)
class RankRow:
    rank: int
    assessment_id: int
    region: str
    region_name: str
    region_short: str
    total: Decimal
    grade: str
    vetoed: bool
    score: Score


TIERS = ("prefecture", "county")


def ranking(store, year: int, tier: str | None = None) -> list[RankRow]:
    """Every assessment of a year, ranked (see the module docstring for ties).

    tier: None for all regions, else "prefecture" or "county" (a region's level).
    """
    if tier is not None and tier not in TIERS:
        raise ValueError(f"tier must be one of {', '.join(TIERS)} or None, got {tier!r}")
    rows = []
    for a in store.list_assessments(year=year):
        reg = store.region(a.region)
        if tier is not None and (reg is None or reg.level != tier):
            continue
        rows.append((a, reg, store.score(a.id)))
    p3 = 3

    def key(item):
        a, reg, sc = item
        third = sc.primary.get(p3, Decimal(0))
        return (-sc.total, -third, a.region)

    rows.sort(key=key)
    out: list[RankRow] = []
    prev_total = None
    rank = 0
    for i, (a, reg, sc) in enumerate(rows, start=1):
        if sc.total != prev_total:
            rank = i
            prev_total = sc.total
        out.append(RankRow(rank, a.id, a.region, reg.name if reg else a.region, reg.short if reg else a.region,
                           sc.total, sc.grade.name, sc.vetoed, sc))
    return out


def trend(store, region: str) -> list[tuple[int, Decimal]]:
    """A region's totals across years, oldest first."""
    points = [(a.year, store.score(a.id).total) for a in store.list_assessments(region=region)]
    return sorted(points)
