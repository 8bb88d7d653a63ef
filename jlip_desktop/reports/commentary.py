"""The report's prose, written from scores by rules and phrases kept in data.

Seed 004's chapter 3 closes each region's section with a paragraph that names
where the region is strong (an indicator "是…的优势部分") and which indicators
"需要继续加强", with the actions to take.  It never
grades a region there and never lists lost marks: it names the areas and writes
actions.  This module writes that paragraph, the narrative before each chart,
the overview's grouping sentence and chapter 4 (问题分析 / 对策建议).

Every phrase, every action and every threshold lives in the commentary file
beside the catalogue (`catalogues/<catalogue id>.commentary.json`); the code
only holds the rules that choose among them:

* areas are the primary indicators.  An area is **strong** when its score rate
  reaches `strong_area` and none of its tertiary indicators is weak; it is
  **weak** when its rate is below `weak_area` or it holds a weak tertiary
  (rate below `weak_indicator`).  Strong and weak areas are disjoint, so a
  paragraph never praises and faults the same area.
* a weak area is written as actions: a secondary indicator's action when all
  its tertiaries are weak, a tertiary's action when it scored nothing (or has
  one point), otherwise the actions of the points that lost marks (the verbs
  of Appendix 1's rules).  A full-marks node is therefore never in a weakness.
* achievement-phrased indicators (工作进展及成效, "…取得突出进展或积极成效的")
  are never listed as weak by name: their actions are written instead.
* wording varies: each slot has several phrasings and a region's variant
  number rotates them (different slots rotate differently).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from itertools import chain
from pathlib import Path

from ..core.catalog import DEFAULT_CATALOG_ID, Catalog, Node
from ..core.scoring import Score, fmt, one_decimal

_DIR = Path(__file__).resolve().parent.parent / "catalogues"
DEFAULT_PHRASES = DEFAULT_CATALOG_ID
PROSE_SUFFIXES = ("相关情况", "情况", "的")

Ref = tuple[str, int]  # (level, number); level in primary | secondary | tertiary | point


@dataclass(frozen=True)
class Commentary:
    """The paragraph and what it names.

    parts: the paragraph's pieces in order, each (kind, text) with kind
    "strength", "weakness" or "neutral"; text is their concatenation.
    strengths: areas praised (strongest first); weaknesses: what the
    weakness parts name, weakest first, then the weak areas.
    """

    text: str
    strengths: list[Ref] = field(default_factory=list)
    weaknesses: list[Ref] = field(default_factory=list)
    parts: list[tuple[str, str]] = field(default_factory=list)

    def of_kind(self, kind: str) -> str:
        return "".join(t for k, t in self.parts if k == kind)


# -- the phrase file -------------------------------------------------------------
@cache
def phrases(catalog_id: str = DEFAULT_PHRASES) -> dict:
    """The commentary file for a catalogue (the default one when a catalogue has none)."""
    path = _DIR / f"{catalog_id}.commentary.json"
    if not path.is_file():
        path = _DIR / f"{DEFAULT_PHRASES}.commentary.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != "jlip-commentary/1":
        raise ValueError(f"{path}: not a jlip-commentary/1 file")
    return data


def _data_for(cat: Catalog) -> dict:
    data = phrases(cat.id)
    if data.get("catalog") != cat.id:  # another scheme: actions from the catalogue's own names
        data = dict(data)
        data["tertiary"] = {str(n): {"strength": prose_name(t), "action": f"加强{prose_name(t)}工作"}
                            for n, t in cat.tertiary.items()}
        data["secondary"] = {str(n): {"strength": prose_name(s), "action": f"加强{prose_name(s)}工作"}
                             for n, s in cat.secondary.items()}
        data["points"] = {str(n): p.label for n, p in cat.points.items()}
        data["area_names"] = {str(n): prose_name(p) for n, p in cat.primary.items()}
        data["achievement"] = {"primary": [], "secondary": [], "tertiary": [], "markers": []}
    return data


class _Picker:
    """Chooses one phrasing per slot: the variant number rotates each slot's list differently."""

    def __init__(self, data: dict, variant: int):
        self.p = data["phrases"]
        self.variant = variant

    def __call__(self, slot: str, **kw) -> str:
        options = self.p[slot]
        k = (self.variant + zlib.crc32(slot.encode())) % len(options)
        return options[k].format(**kw)


def variant_for(name: str) -> int:
    return zlib.crc32(name.encode("utf-8"))


# -- names -------------------------------------------------------------------------
def prose_name(node: Node, lang: str = "zh") -> str:
    """An indicator's name as written in running text."""
    if lang == "en":
        return node.display("en")
    name = node.name.split("，")[0]
    for suffix in PROSE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def area_name(cat: Catalog, n: int) -> str:
    return _data_for(cat)["area_names"].get(str(n)) or prose_name(cat.primary[n])


def action_of(cat: Catalog, ref: Ref) -> str:
    data = _data_for(cat)
    level, n = ref
    if level == "point":
        return data["points"].get(str(n)) or cat.points[n].label
    entry = data[level].get(str(n))
    return entry["action"] if entry else f"加强{prose_name(cat.level(level)[n])}工作"


def strength_of(cat: Catalog, ref: Ref) -> str:
    data = _data_for(cat)
    level, n = ref
    entry = data[level].get(str(n))
    return entry["strength"] if entry else prose_name(cat.level(level)[n])


def _join_zh(items: list[str], last: str = "和") -> str:
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + last + items[-1]


def _join_actions(items: list[str]) -> str:
    if len(items) >= 3:
        return "，".join(items[:-1]) + "，并" + items[-1]
    return "，".join(items)


def _join_en(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def weakest_tertiaries(score: Score) -> list[int]:
    """Tertiary indicators that lost marks, lowest rate first (ties: most lost, then number)."""
    cat = score.catalog
    lost = [n for n, t in cat.tertiary.items() if score.tertiary[n] < t.max]
    return sorted(lost, key=lambda n: (score.rate("tertiary", n), -(cat.tertiary[n].max - score.tertiary[n]), n))


# -- analysis ----------------------------------------------------------------------
@dataclass
class Analysis:
    strong: list[int]  # primaries, strongest first
    full: list[int]
    near: list[int]
    relative: int | None  # a primary praised as relatively good (no strong one)
    weak_areas: list[int]  # primaries, catalogue order, achievement ones excluded
    weak_tertiaries: list[int]  # below weak_indicator, weakest first
    actions: list[Ref]  # what the weakness sentence writes, catalogue order
    progress_actions: list[Ref]  # actions for an achievement area that fell short
    all_room: bool  # every non-achievement area is weak and nothing stands out


def _primary_of(cat: Catalog, t: int) -> int:
    return cat.secondary[cat.tertiary[t].parent].parent


def _actions_for(score: Score, tertiaries: list[int]) -> list[Ref]:
    """Actions for weak tertiaries: secondary when all its tertiaries are weak, else tertiary or points."""
    cat = score.catalog
    out: list[Ref] = []
    chosen = set(tertiaries)
    done: set[int] = set()
    for t in sorted(tertiaries):
        if t in done:
            continue
        s = cat.tertiary[t].parent
        siblings = cat.secondary[s].children
        if len(siblings) > 1 and all(x in chosen for x in siblings):
            out.append(("secondary", s))
            done.update(siblings)
            continue
        done.add(t)
        pts = cat.tertiary[t].children
        if all(score.points[p] < cat.points[p].max for p in pts):
            out.append(("tertiary", t))
            continue
        lost = sorted((p for p in pts if score.points[p] < cat.points[p].max),
                      key=lambda p: (-(cat.points[p].max - score.points[p]), p))[:2]
        out.extend(("point", p) for p in sorted(lost))
    return out


def analyse(score: Score) -> Analysis:
    cat = score.catalog
    data = _data_for(cat)
    th = {k: Decimal(str(v)) for k, v in data["thresholds"].items()}
    ach = {(lv, n) for lv in ("primary", "secondary", "tertiary") for n in data["achievement"][lv]}
    rate = score.rate
    weak_ter = [t for t in weakest_tertiaries(score) if rate("tertiary", t) < th["weak_indicator"]]
    holds_weak = {_primary_of(cat, t) for t in weak_ter}
    strong = sorted((p for p in cat.primary if rate("primary", p) >= th["strong_area"] and p not in holds_weak),
                    key=lambda p: (-rate("primary", p), p))
    full = [p for p in strong if rate("primary", p) >= 100]
    near = [p for p in strong if rate("primary", p) < 100]
    weak_any = [p for p in cat.primary if p not in strong
                and (rate("primary", p) < th["weak_area"] or p in holds_weak)]
    weak_areas = [p for p in weak_any if ("primary", p) not in ach]
    plain = [p for p in cat.primary if ("primary", p) not in ach]
    all_room = bool(plain) and all(p in weak_areas for p in plain) and not any(p in strong for p in plain)

    relative = None
    if not [p for p in strong if ("primary", p) not in ach]:
        cands = [p for p in plain if p not in weak_any]
        if cands:
            relative = max(cands, key=lambda p: (rate("primary", p), -p))

    def area_tertiaries(p: int) -> list[int]:
        inside = [t for t in weak_ter if _primary_of(cat, t) == p]
        if inside:
            return inside
        lost = [t for t in weakest_tertiaries(score) if _primary_of(cat, t) == p]
        return lost[:1]

    cap = int(th["max_actions"])
    picked: list[int] = []
    for p in weak_areas:
        picked += area_tertiaries(p)
    # the lowest first when there are too many, written in catalogue order
    order = {t: i for i, t in enumerate(weakest_tertiaries(score))}
    actions = _actions_for(score, picked)

    def worst(ref: Ref) -> Decimal:  # a point counts with its tertiary's rate
        lv, n = ref
        return rate("tertiary", cat.points[n].tertiary) if lv == "point" else rate(lv, n)

    if len(actions) > cap:
        keep = sorted(actions, key=lambda r: (worst(r), order.get(r[1], 99) if r[0] == "tertiary" else 99))[:cap]
        actions = [a for a in actions if a in keep]
    progress: list[Ref] = []
    for p in weak_any:
        if ("primary", p) in ach:
            progress += _actions_for(score, area_tertiaries(p))
    return Analysis(strong, full, near, relative, weak_areas, weak_ter, actions, progress, all_room)


def _node_rate(score: Score, ref: Ref) -> Decimal:
    lv, n = ref
    if lv == "point":
        return score.points[n] * 100 / score.catalog.points[n].max
    return score.rate(lv, n)


def _strength_phrases(score: Score, p: int, limit: int) -> list[str]:
    """What a strong area shows: its full secondaries (or their full tertiaries)."""
    cat = score.catalog
    out = []
    for s in cat.primary[p].children:
        ters = cat.secondary[s].children
        if score.rate("secondary", s) >= 100 and len(ters) > 1:
            out.append(strength_of(cat, ("secondary", s)))
        else:
            out += [strength_of(cat, ("tertiary", t)) for t in ters if score.rate("tertiary", t) >= 100]
    return out[:limit]


# -- the region paragraph -----------------------------------------------------------
def region_commentary(score: Score, region_name: str, lang: str = "zh", variant: int | None = None) -> Commentary:
    """The assessment paragraph for one region (zh: the report's manner; en: the same facts)."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be zh or en, got {lang!r}")
    a = analyse(score)
    strengths: list[Ref] = [("primary", p) for p in a.strong] + ([("primary", a.relative)] if a.relative else [])
    weak_refs = sorted(set(a.actions + a.progress_actions), key=lambda r: (_node_rate(score, r), r))
    weaknesses: list[Ref] = weak_refs + [("primary", p) for p in a.weak_areas]
    if lang == "en":
        return Commentary(_en(score, region_name, a), strengths, weaknesses, [])
    parts = _zh(score, region_name, a, _Picker(_data_for(score.catalog), variant_for(region_name)
                                               if variant is None else variant))
    return Commentary("".join(t for _, t in parts), strengths, weaknesses, parts)


def _zh(score: Score, R: str, a: Analysis, pick: _Picker) -> list[tuple[str, str]]:
    cat = score.catalog
    data = _data_for(cat)
    limit = int(data["thresholds"]["max_strength_phrases"])
    ach = set(data["achievement"]["primary"])
    parts: list[tuple[str, str]] = []
    urgent = Decimal(str(data["thresholds"]["urgent_area"]))

    if score.vetoed and cat.grade_for(score.total, False) != score.grade:
        vetoes = [p.label for n, p in cat.points.items() if p.veto and score.points[n] < p.max]
        parts.append(("neutral", pick("veto", X="”“".join(vetoes), G="、".join(cat.veto_excludes))))

    if not score.lost and not score.unanswered:
        parts.append(("strength", pick("full_marks", R=R)))
        return parts

    A = _join_actions([action_of(cat, r) for r in a.actions])
    W = _join_zh([area_name(cat, p) for p in a.weak_areas])
    is_urgent = bool(a.weak_areas) and min(score.rate("primary", p) for p in a.weak_areas) < urgent
    open_sentence = False  # a strength clause waits for its weakness to join it

    plain_strong = [p for p in a.strong if p not in ach]
    if plain_strong:
        style = pick.variant % 2 if len(plain_strong) == 1 and a.actions else 0
        if style == 1:  # "可以看出，资源配备保障是吉林市……的优势部分，而……"
            S = _join_zh([area_name(cat, p) for p in plain_strong])
            parts.append(("strength", pick("one_strong", S=S, R=R)))
            open_sentence = True
        else:  # "在……方面，长春市得分接近满分，……得到满分，体现出……"
            near = [p for p in a.near if p not in ach]
            full = [p for p in a.full if p not in ach]
            s = ""
            if near:
                s = pick("near_full", S=_join_zh([area_name(cat, p) for p in near]), R=R)
                if full:
                    s += "，" + pick("full", S=_join_zh([area_name(cat, p) for p in full]))
            elif full:
                s = pick("full_only", S=_join_zh([area_name(cat, p) for p in full]), R=R)
            shows = []
            for k, p in enumerate(sorted(plain_strong)):
                G = "、".join(_strength_phrases(score, p, limit))
                if G:
                    verb = pick.p["shows_verbs"][(pick.variant + k) % len(pick.p["shows_verbs"])]
                    shows.append((G, verb))
            if shows and s:
                s += pick("shows", R=R, G=shows[0][0], V=shows[0][1])
                for G, V in shows[1:]:
                    s += f"，在{G}等方面{V}"
            if any(p in ach for p in a.strong):
                s += ("，" if s else "") + pick("achieved")
            parts.append(("strength", s + "。"))
    elif a.all_room:
        progress = any(p in ach and score.rate("primary", p) >= 100 for p in cat.primary)
        slot = "all_room_with_progress" if progress else "all_room"
        parts.append(("strength" if progress else "neutral", pick(slot, R=R) + "。"))
        if a.actions:
            parts.append(("weakness", pick("actions_after_room", A=A) + "。"))
    elif a.relative:
        parts.append(("strength", pick("relative", S=area_name(cat, a.relative), R=R)))
        open_sentence = True

    if a.actions and not a.all_room:
        if open_sentence:
            parts.append(("weakness", pick("weak_after_strong", W=W, A=A) + "。"))
        elif a.weak_areas:
            slot = "weak_urgent" if is_urgent else "weak_alone"
            parts.append(("weakness", pick(slot, R=R, W=W, A=A) + "。"))
        else:
            parts.append(("weakness", pick("weak_small", R=R, A=A) + "。"))
    elif open_sentence:
        parts[-1] = (parts[-1][0], parts[-1][1] + "。")
    if a.progress_actions:
        A2 = _join_actions([action_of(cat, r) for r in a.progress_actions])
        parts.append(("weakness", pick("progress_missing", A=A2) + "。"))
    if not a.actions and not a.progress_actions and not a.strong and not a.all_room and score.lost:
        lowest = weakest_tertiaries(score)[:1]
        A3 = _join_actions([action_of(cat, r) for r in _actions_for(score, lowest)])
        parts.append(("weakness", pick("weak_small", R=R, A=A3) + "。"))
    if score.unanswered:
        parts.append(("neutral", pick("unanswered", K=score.unanswered)))
    return parts


def _en(score: Score, R: str, a: Analysis) -> str:
    cat = score.catalog
    P = {n: cat.primary[n].display("en") for n in cat.primary}
    out = [f"{R} scored {one_decimal(score.total)} of {fmt(score.max)} points."]
    if score.vetoed and cat.grade_for(score.total, False) != score.grade:
        vetoes = [p.display("en") for n, p in cat.points.items() if p.veto and score.points[n] < p.max]
        excluded = ", ".join(g.display("en") for g in cat.grades if g.name in cat.veto_excludes)
        out.append(f" Because “{'”, “'.join(vetoes)}” earned no marks, the grade cannot be {excluded}.")
    if not score.lost and not score.unanswered:
        out.append(" It earned full marks on every indicator.")
        return "".join(out)
    if a.strong:
        out.append(f" It is strong on {_join_en([P[p] for p in a.strong])}.")
    elif a.all_room:
        out.append(" Every part of the assessment leaves much room for improvement.")
    elif a.relative:
        out.append(f" Its relative strength is {P[a.relative]}.")
    refs = a.actions + a.progress_actions
    if refs:
        def en(r: Ref) -> str:
            lv, n = r
            return cat.points[n].display("en") if lv == "point" else cat.level(lv)[n].display("en")

        where = f" on {_join_en([P[p] for p in a.weak_areas])}" if a.weak_areas else ""
        out.append(f" It needs further work{where}, chiefly: {_join_en([en(r) for r in refs])}.")
    if score.unanswered:
        out.append(f" {score.unanswered} points are still unanswered and count as 0.")
    return "".join(out)


# -- narrative before the chart, change since last year ------------------------------
def narrative(notes: dict[int, str], catalog: Catalog, region: str, variant: int | None = None) -> str:
    """Facts from a region's point notes, as a paragraph ("" when there are none)."""
    data = _data_for(catalog)
    pick = _Picker(data, variant_for(region) if variant is None else variant)
    th = data["thresholds"]
    skip = tuple(data["phrases"]["narrative_skip_prefixes"])
    facts: list[str] = []
    for n in sorted(notes):
        text = " ".join(str(notes[n]).split())
        if not text or text.startswith(skip):
            continue
        text = text.split("报告：")[0].strip()
        if not text:
            continue
        if text[-1] not in "。！？；":
            text = text.rstrip("，、；：") + "。"
        if any(text[:12] in f for f in facts):  # the same fact noted under two points
            continue
        facts.append(text)
    facts = facts[: int(th["narrative_max_notes"])]
    if not facts:
        return ""
    joins = data["phrases"]["narrative_join"]
    out = pick("narrative_open", R=region) + facts[0]
    for k, f in enumerate(facts[1:]):
        if len(out) + len(f) > int(th["narrative_max_chars"]):
            break
        out += joins[(pick.variant + k) % len(joins)] + f
    return out


def change_since(score: Score, previous: Score, region: str, variant: int | None = None) -> str:
    """"与上年相比，……提高 x 分，其中……方面提升最多。" (previous: the same region's score a year before)."""
    cat = score.catalog
    pick = _Picker(_data_for(cat), variant_for(region) if variant is None else variant)
    d = score.total - previous.total
    if d == 0:
        return pick("previous_same", R=region)
    common = [p for p in cat.primary if p in previous.primary]
    if not common:
        return ""
    sign = 1 if d > 0 else -1
    best = max(common, key=lambda p: (sign * (score.primary[p] - previous.primary[p]), -p))
    slot = "previous_up" if d > 0 else "previous_down"
    return pick(slot, R=region, D=one_decimal(abs(d)), S=area_name(cat, best))


# -- the overview and chapter 4 -------------------------------------------------------
def province_overview(rows, lang: str = "zh", previous: dict | None = None) -> str:
    """The grouping sentence of chapter 3's opening ("…得分超过 70 分…").

    rows: chartdata.ranking(store, year), ranking order; previous: region -> total a year before.
    """
    if not rows:
        return ""
    cat = rows[0].score.catalog
    total = sum((r.total for r in rows), Decimal(0))
    mean = total / len(rows)
    if lang == "en":
        top = [r for r in rows if r.rank == 1]
        return (f"{len(rows)} regions were assessed against {cat.title_en or cat.title}. "
                f"{_join_en([r.region_short for r in top])} leads with {one_decimal(top[0].total)} points; "
                f"the mean is {one_decimal(mean)}.")
    ov = _data_for(cat)["overview"]
    top = [r for r in rows if r.rank == 1]
    s = ov["lead"].format(R="、".join(r.region_short for r in top), T=one_decimal(top[0].total))
    rest = [r for r in rows if r.rank != 1]
    clauses = []
    for band in ov["bands"]:
        lo = Decimal(str(band["min"]))
        members = [r for r in rest if r.total >= lo]
        rest = [r for r in rest if r.total < lo]
        if not members:
            continue
        names = "、".join(r.region_short for r in members)
        if len(members) == 1:
            clauses.append(ov["single"].format(R=names, T=one_decimal(members[0].total)) + band["tail"])
        else:
            clauses.append(ov["group"].format(R=names, T=fmt(lo)) + band["tail"])
    if rest:
        low = Decimal(str(ov["bands"][-1]["min"])) if ov["bands"] else Decimal(0)
        if len(rest) == 1:
            clauses.append(ov["low_single"].format(R=rest[0].region_short, T=one_decimal(rest[0].total)))
        else:
            clauses.append(ov["low"].format(R="、".join(r.region_short for r in rest), L=fmt(low)))
        clauses[-1] += ov["low_tail"]
    s += "".join("；" + c for c in clauses) + "。" + ov["mean"].format(N=len(rows), M=one_decimal(mean))
    if previous:
        both = [r for r in rows if r.region in previous]
        if both:
            up = sum(1 for r in both if r.total > previous[r.region])
            down = sum(1 for r in both if r.total < previous[r.region])
            s += ov["previous"].format(K=len(both), U=up, D=down)
    return s


@dataclass(frozen=True)
class IndicatorFigure:
    level: str  # tertiary | point
    number: int
    name: str
    mean_rate: Decimal
    weak: int  # regions below the threshold
    regions: int


def indicator_figures(scores: Iterable[Score]) -> list[IndicatorFigure]:
    """Province-wide figures per tertiary indicator and per point: mean rate, regions below the threshold.

    One pass over `scores` (a list, or scores made one at a time: none is kept)."""
    it = iter(scores)
    first = next(it, None)
    if first is None:
        return []
    cat = first.catalog
    t = Decimal(str(_data_for(cat)["thresholds"]["chapter4_weak_below"]))
    tertiary = {n: node.max for n, node in cat.tertiary.items()}
    points = {n: pt.max for n, pt in cat.points.items()}
    sums = {("tertiary", n): 0 for n in tertiary} | {("point", n): 0 for n in points}
    weak = dict.fromkeys(sums, 0)
    count = 0
    for s in chain((first,), it):
        count += 1
        for n, mx in tertiary.items():
            rate = s.tertiary[n] * 100 / mx
            sums["tertiary", n] += rate
            weak["tertiary", n] += rate < t
        for n, mx in points.items():
            rate = s.points[n] * 100 / mx
            sums["point", n] += rate
            weak["point", n] += rate < t
    out = [IndicatorFigure("tertiary", n, prose_name(node), sums["tertiary", n] / count, weak["tertiary", n], count)
           for n, node in cat.tertiary.items()]
    out += [IndicatorFigure("point", n, pt.label, sums["point", n] / count, weak["point", n], count)
            for n, pt in cat.points.items()]
    return out


@dataclass(frozen=True)
class Chapter4:
    problem_intro: str
    problems: list[tuple[str, str]]  # (heading sentence, paragraph)
    advice_intro: str
    advice: list[tuple[str, str]]
    named: list[Ref]  # indicators and points the figures name


def chapter4(scores: Iterable[Score], province: str = "吉林省", notes: str = "") -> Chapter4:
    """问题分析 and 对策建议 from the province-wide figures, grouped into the commentary file's themes.

    scores: the year's scores of one scheme, in ranking order (a list, or made one at a time)."""
    it = iter(scores)
    first = next(it, None)
    if first is None:
        raise ValueError("chapter 4 needs at least one score")
    cat = first.catalog
    data = _data_for(cat)
    c4 = data["chapter4"]
    T = data["thresholds"]["chapter4_weak_below"]
    figs = {(f.level, f.number): f for f in indicator_figures(chain((first,), it))}
    n_scores = next(iter(figs.values())).regions
    ords = c4["ordinals"]
    problems, advice, named = [], [], []

    def family(f: IndicatorFigure) -> int:
        return f.number if f.level == "tertiary" else cat.points[f.number].tertiary

    def fig_text(refs: list[Ref]) -> str:
        shown: list[IndicatorFigure] = []
        for f in sorted((figs[r] for r in refs if figs[r].weak), key=lambda f: (-f.weak, f.mean_rate, f.level != "tertiary")):
            common = f.weak * 4 >= f.regions or not shown  # weak in at least a quarter of the regions
            if len(shown) < 3 and common and family(f) not in {family(g) for g in shown}:
                shown.append(f)
        for f in shown:
            named.append((f.level, f.number))
        return c4["figures_join"].join(
            c4["figures"].format(I=(f"“{f.name}”" if f.level == "point" else f.name), M=one_decimal(f.mean_rate),
                                 N=f.regions, K=f.weak, T=T) for f in shown)

    used = set()
    for theme in c4["themes"] if data.get("catalog") == cat.id else []:
        refs = [("tertiary", n) for n in theme["tertiary"]] + [("point", n) for n in theme["points"]]
        refs = [r for r in refs if r in figs]
        used.update(refs)
        if not any(figs[r].weak * 2 >= figs[r].regions for r in refs):
            continue
        k = len(problems)
        figures = fig_text(refs)
        problems.append((f"{ords[k % len(ords)]}{theme['problem']}。",
                         f"从评估结果看，{figures}。{theme['problem_text']}"))
        advice.append((f"{ords[k % len(ords)]}{theme['advice']}。", theme["advice_text"]))
    # indicators weak in most regions that no theme covers
    rest = sorted((f for f in figs.values() if f.level == "tertiary" and f.weak * 2 >= f.regions
                   and ("tertiary", f.number) not in used), key=lambda f: (-f.weak, f.mean_rate, f.number))[:3]
    if rest:
        k = len(problems)
        names = "、".join(f.name for f in rest)
        problems.append((f"{ords[k % len(ords)]}{names}等方面普遍薄弱。",
                         f"从评估结果看，{fig_text([('tertiary', f.number) for f in rest])}。"))
        acts = _join_actions([action_of(cat, ("tertiary", f.number)) for f in rest])
        advice.append((f"{ords[k % len(ords)]}补齐{names}等方面的短板。", f"各地区应{acts}。"))
    if notes.strip():
        problems.append(("", c4["notes_head"] + notes.strip()))
    intro = c4["problem_intro"].format(N=n_scores, P=province)
    if not problems:
        problems.append(("", c4["no_problem"].format(T=T)))
    return Chapter4(intro, problems, c4["advice_intro"].format(P=province), advice, named)
