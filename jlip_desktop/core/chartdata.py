"""The numbers behind every chart, computed from scores.

The GUI (pyqtgraph) and the PDF (reportlab) draw the same series from these
functions, so a chart on screen and on paper can't disagree.  No Qt here.

Ranking rule (documented here, used everywhere): regions are ordered by total,
highest first; equal totals are ordered by the higher score on the
catalogue's tie-break indicator (its `tie_break`, a primary indicator), then
by region code ascending.  Ranks are competition ranks: equal totals share a
rank and the next rank skips (1, 2, 2, 4).  Totals and tie-break scores are
compared as score rates (score / maximum), so a year whose assessments use
different schemes ranks fairly; with one scheme that is the order of totals.

Which total: the verified one (核定) where the province approved the
assessment, the self-assessed one (自评) otherwise; each row says which.
Drafts and incomplete assessments are left out of the ranking unless the
caller includes them (rank_regions; `ranking`, kept for the earlier callers,
ranks them by default); `with_excluded` lists them after, marked, unranked.
`tier=...` ranks only the regions of one tier (prefecture-level or county-level), so cities and counties need not
be ranked together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .catalog import Catalog, Grade
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
    """One region's row of the ranking.

    `total` / `grade` / `score` are what the ranking uses: the verified score
    where the province approved (basis "verified", 核定), the self-score
    otherwise (basis "self", 自评).  `rank` is None for a row left out of the
    ranking (a draft or an incomplete assessment, listed with_excluded).
    `score` is the Score, or what rank_regions' `keep` made of it (a ScoreTotals).
    """

    rank: int | None
    assessment_id: int
    region: str
    region_name: str
    region_short: str
    total: Decimal
    grade: str
    vetoed: bool
    score: Score
    basis: str = "self"  # verified | self
    status: str = "submitted"  # the assessment's own status: draft | submitted
    review_status: str = "none"  # none | pending | approved | returned
    complete: bool = True  # every point answered
    self_total: Decimal | None = None
    verified_total: Decimal | None = None  # None before the province's first verdict

    @property
    def basis_label(self) -> str:
        """核定 (verified by the province) or 自评 (self-assessed)."""
        return BASIS_LABELS[self.basis]

    @property
    def eligible(self) -> bool:
        """Ranked by default: submitted and complete."""
        return self.status == "submitted" and self.complete

    @property
    def remark(self) -> str:
        """Why a row is marked: 草稿 / 未完成 (both when both), else ''."""
        parts = []
        if self.status != "submitted":
            parts.append("草稿")
        if not self.complete:
            parts.append("未完成")
        return "、".join(parts)


@dataclass(frozen=True, slots=True)
class ScoreTotals:
    """What a ranking row needs of a score: the totals and the primary indicators' scores.

    A Score holds every indicator and point (about 13 KB); a report of a
    large year keeps this instead (rank_regions(keep=ScoreTotals.of)) and
    scores a region again where it needs the detail."""

    catalog: Catalog
    total: Decimal
    max: Decimal
    grade: Grade
    vetoed: bool
    unanswered: int
    primary: dict[int, Decimal]

    @classmethod
    def of(cls, score: Score) -> ScoreTotals:
        return cls(score.catalog, score.total, score.max, score.grade, score.vetoed, score.unanswered,
                   dict(score.primary))

    def rate(self, level: str, number: int) -> Decimal:
        """Score / maximum of a primary indicator, in percent, exact (as Score.rate)."""
        if level != "primary":
            raise ValueError(f"ScoreTotals keeps the primary indicators only, not {level!r}")
        return self.primary[number] * 100 / self.catalog.primary[number].max


TIERS = ("prefecture", "county")
BASIS_LABELS = {"verified": "核定", "self": "自评"}


def year_scores(store, year: int) -> dict[int, Score]:
    """The self-score of every assessment of a year, read in one query (assessment id -> Score).

    What rank_regions would get from store.score one assessment at a time, for a
    caller that ranks a large year more than once (the dashboard)."""
    import json

    from .scoring import parse_value, score

    by_id: dict[int, dict] = {}
    cats: dict[int, str] = {}
    for aid, cat_id in store.conn.execute("SELECT id, catalog FROM assessments WHERE year = ?", (int(year),)):
        by_id[aid] = {}
        cats[aid] = cat_id
    rows = store.conn.execute(
        "SELECT a.id, s.point, s.value FROM answers s JOIN assessments a ON a.id = s.assessment_id "
        "WHERE a.year = ? AND s.value IS NOT NULL", (int(year),))
    catalogs = {c: store.catalog(c) for c in set(cats.values())}
    parsed: dict[tuple, object] = {}  # the same few stored values recur: parse each once
    for aid, point, value in rows:
        key = (cats[aid], point, value)
        v = parsed.get(key, parsed)
        if v is parsed:
            v = parsed[key] = parse_value(catalogs[cats[aid]].points[point], json.loads(value))
        by_id[aid][point] = v
    return {aid: score(catalogs[cats[aid]], answers) for aid, answers in by_id.items()}


def ranking(store, year: int, tier: str | None = None, *, include_drafts: bool = True,
            with_excluded: bool = False, scores: dict[int, Score] | None = None) -> list[RankRow]:
    """Every assessment of a year ranked, drafts included: the earlier callers' behaviour.

    Same rows as rank_regions (verified totals where approved, per-row basis
    and marks) but drafts and incomplete assessments are ranked unless
    include_drafts=False.  New code calls rank_regions, whose default leaves
    them out.
    """
    return rank_regions(store, year, tier, include_drafts=include_drafts, with_excluded=with_excluded, scores=scores)


def rank_regions(store, year: int, tier: str | None = None, *, include_drafts: bool = False,
                 with_excluded: bool = False, scores: dict[int, Score] | None = None,
                 keep: Callable[[Score], Any] | None = None) -> list[RankRow]:
    """The assessments of a year, ranked (see the module docstring for ties).

    tier: None for all regions, else "prefecture" or "county" (a region's level).
    Each row uses the verified total where the province approved, the self
    total otherwise (`basis`).  Drafts and incomplete assessments are left
    out unless include_drafts; with_excluded lists them after the ranked
    rows, with rank None, so that a table can show them marked.
    scores: assessment id -> self-score, if the caller has them (year_scores); else read one by one.
    keep: what a row keeps of its score (`score`), the Score itself by default; ScoreTotals.of keeps
    the totals only, and no Score outlives its row's making.
    """
    from . import review

    if tier is not None and tier not in TIERS:
        raise ValueError(f"tier must be one of {', '.join(TIERS)} or None, got {tier!r}")
    ranked, left_out = [], []
    regions = {r.code: r for r in store.regions()}
    scores = scores or {}
    # assessments the province has a review row or a verdict for; the others' state needs no query
    reviewed = {r[0] for r in store.conn.execute(
        "SELECT assessment_id FROM reviews UNION SELECT assessment_id FROM review_points")}
    for a in store.list_assessments(year=year):
        reg = regions.get(a.region)
        if tier is not None and (reg is None or reg.level != tier):
            continue
        self_sc = scores.get(a.id) or store.score(a.id)
        if a.id in reviewed:
            state = review.review_state(store, a.id)
            ver_sc = review.verified_score(store, a.id)
        else:  # what review_state / verified_score say of an assessment without review data
            state = review.ReviewState(a.id, "pending" if a.imported else "none")
            ver_sc = None
        used, basis = (ver_sc, "verified") if state.status == "approved" and ver_sc is not None else (self_sc, "self")
        item = (a, reg, used if keep is None else keep(used), basis, state.status, self_sc.total,
                None if ver_sc is None else ver_sc.total)
        ok = a.status == "submitted" and used.unanswered == 0
        (ranked if ok or include_drafts else left_out).append(item)
    def key(item):
        a, sc = item[0], item[2]
        tb = sc.catalog.tie_break  # the catalogue's tie-break indicator
        tie = sc.rate("primary", tb) if tb in sc.catalog.primary else Decimal(0)
        return (-total_rate(sc), -tie, a.region)

    def row(item, rank):
        a, reg, sc, basis, rstatus, self_total, ver_total = item
        return RankRow(rank, a.id, a.region, reg.name if reg else a.region, reg.short if reg else a.region,
                       sc.total, sc.grade.name, sc.vetoed, sc, basis, a.status, rstatus, sc.unanswered == 0,
                       self_total, ver_total)

    ranked.sort(key=key)
    out: list[RankRow] = []
    prev_total = None
    rank = 0
    for i, item in enumerate(ranked, start=1):
        if total_rate(item[2]) != prev_total:
            rank = i
            prev_total = total_rate(item[2])
        out.append(row(item, rank))
    if with_excluded:
        out.extend(row(item, None) for item in sorted(left_out, key=key))
    return out


def total_rate(sc: Score | ScoreTotals) -> Decimal:
    """The total as a percentage of the scheme's maximum (exact): comparable across schemes."""
    return sc.total * 100 / sc.max


def mixed_schemes(rows) -> bool:
    """Whether ranked rows use more than one scheme (then say that rates are compared)."""
    return len({r.score.catalog.id for r in rows}) > 1


def trend(store, region: str, rates: bool = False) -> list[tuple[int, Decimal]]:
    """A region's totals across years, oldest first (score rates in % with rates=True)."""
    scores = [(a.year, store.score(a.id)) for a in store.list_assessments(region=region)]
    return sorted((y, total_rate(sc) if rates else sc.total) for y, sc in scores)


def trend_mixes_schemes(store, region: str) -> bool:
    """Whether a region's years use more than one scheme (then its trend compares score rates, and says so)."""
    return len({a.catalog for a in store.list_assessments(region=region)}) > 1
