"""A region's assessment paragraph, written from its score by rules.

The province report (seed 004, chapter 3) closes each region's section with a
paragraph of the form "在整体组织实施情况和资源配备保障方面，长春市得分接近满分，
工作进展及成效得到满分，体现出……工作效果良好……。在重点工作推进方面需要继续
加强，主要包括规制商标恶意注册、非正常专利申请行为、专业技术支撑……等方面。"
This module writes that paragraph from the numbers:

Strengths
  Primary indicators whose score rate is at least NEAR_FULL_RATE ("接近满分"),
  or FULL_RATE ("满分").  Their full-mark tertiary indicators are named as the
  work that shows it (at most MAX_SHOWN_GOOD).  With no such primary, the best
  primary is called the relative strength if its rate reaches RELATIVE_STRONG_RATE;
  otherwise the paragraph says every part has room to improve.

Weaknesses
  Tertiary indicators ordered by score rate (lowest first; ties: more marks
  lost first, then catalogue order).  The lowest is always named; further ones
  are named while their rate is below WEAK_RATE, up to MAX_WEAK_INDICATORS.
  Then the scoring points that lost the most marks (up to MAX_WEAK_POINTS).
  The primary indicators these belong to open the sentence; the verb depends on
  how low the weakest of them is (below URGENT_RATE: "需要重点改善").

Indicator names are the catalogue's, as the report writes them in prose: only
the clause before the first "，" ("定期召开专题会议，将……纳入……议事日程" ->
"定期召开专题会议"), without a trailing "相关情况" / "情况" / "的"
("规制商标恶意注册、非正常专利申请行为相关情况" -> "规制商标恶意注册、非正常专利申请行为").
Strengths are illustrated only with names up to MAX_GOOD_NAME_CHARS long.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..core.catalog import Node
from ..core.scoring import Score, fmt, one_decimal

FULL_RATE = Decimal(100)  # "得到满分"
NEAR_FULL_RATE = Decimal(90)  # "得分接近满分"
RELATIVE_STRONG_RATE = Decimal(75)  # the best primary is "相对优势" when no primary is near full marks
WEAK_RATE = Decimal(60)  # tertiary indicators below this are named as weaknesses
URGENT_RATE = Decimal(50)  # a primary below this "需要重点改善" rather than "需要继续加强"
MAX_SHOWN_GOOD = 5  # full-mark tertiary indicators named as evidence of a strength
MAX_GOOD_NAME_CHARS = 16
MAX_WEAK_INDICATORS = 4
MAX_WEAK_POINTS = 3
MAX_NAMES_PER_GRADE = 6  # the province overview names at most this many regions per grade
PROSE_SUFFIXES = ("相关情况", "情况", "的")

Ref = tuple[str, int]  # (level, number); level in primary | secondary | tertiary | point


@dataclass(frozen=True)
class Commentary:
    """The paragraph and what it names.

    strengths: strongest first; weaknesses: the weakest tertiary indicators
    (weakest first), then the scoring points that lost most (most first).
    """

    text: str
    strengths: list[Ref] = field(default_factory=list)
    weaknesses: list[Ref] = field(default_factory=list)


def prose_name(node: Node, lang: str = "zh") -> str:
    """An indicator's name as written in running text."""
    if lang == "en":
        return node.display("en")
    name = node.name.split("，")[0]
    for suffix in PROSE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _inner(text: str) -> str:
    """Quotation marks inside a quoted name become single ones: “开展‘五进’公益宣传活动”."""
    return text.replace("“", "‘").replace("”", "’")


def _join_zh(items: list[str], last: str = "以及") -> str:
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + last + items[-1]


def _join_en(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def weakest_tertiaries(score: Score) -> list[int]:
    """Tertiary indicators that lost marks, lowest rate first (ties: most lost, then number)."""
    cat = score.catalog
    lost = [n for n, t in cat.tertiary.items() if score.tertiary[n] < t.max]
    return sorted(lost, key=lambda n: (score.rate("tertiary", n), -(cat.tertiary[n].max - score.tertiary[n]), n))


def _analyse(score: Score):
    cat = score.catalog
    rates = {n: score.rate("primary", n) for n in cat.primary}
    full = [n for n in cat.primary if rates[n] >= FULL_RATE]
    near = [n for n in cat.primary if NEAR_FULL_RATE <= rates[n] < FULL_RATE]
    strengths: list[Ref] = [("primary", n) for n in sorted(full + near, key=lambda n: (-rates[n], n))]
    good_ter = [
        t for p in sorted(full + near) for s in cat.primary[p].children for t in cat.secondary[s].children
        if score.tertiary[t] >= cat.tertiary[t].max and len(prose_name(cat.tertiary[t])) <= MAX_GOOD_NAME_CHARS
    ][:MAX_SHOWN_GOOD]

    ordered = weakest_tertiaries(score)
    weak_ter = ordered[:1] + [t for t in ordered[1:] if score.rate("tertiary", t) < WEAK_RATE]
    weak_ter = weak_ter[:MAX_WEAK_INDICATORS]
    top_lost = sorted(score.lost, key=lambda lo: (-lo.lost, lo.point))[:MAX_WEAK_POINTS]
    weak_pts = [lo.point for lo in top_lost]
    weaknesses: list[Ref] = [("tertiary", t) for t in weak_ter] + [("point", p) for p in weak_pts]

    def primary_of(t: int) -> int:
        return cat.secondary[cat.tertiary[t].parent].parent

    weak_areas = sorted({primary_of(t) for t in weak_ter} | {cat.ancestors(p)[2].number for p in weak_pts})
    best = max(cat.primary, key=lambda n: (rates[n], -n))
    return rates, full, near, good_ter, weak_ter, top_lost, weak_areas, best, strengths, weaknesses


def _veto_changed_grade(score: Score) -> bool:
    """The veto is worth a sentence only when it lowered the grade."""
    return score.vetoed and score.catalog.grade_for(score.total, False) != score.grade


def region_commentary(score: Score, region_name: str, lang: str = "zh") -> Commentary:
    """The paragraph for one region's assessment (zh: the report's manner; en: the same facts)."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be zh or en, got {lang!r}")
    rates, full, near, good_ter, weak_ter, top_lost, weak_areas, best, strengths, weaknesses = _analyse(score)
    writer = _zh if lang == "zh" else _en
    text = writer(score, region_name, rates, full, near, good_ter, weak_ter, top_lost, weak_areas, best)
    return Commentary(text, strengths, weaknesses)


def _zh(score, region, rates, full, near, good_ter, weak_ter, top_lost, weak_areas, best) -> str:
    cat = score.catalog
    P = {n: prose_name(cat.primary[n]) for n in cat.primary}
    out = [f"{region}知识产权保护水平评估得分{one_decimal(score.total)}分（满分{fmt(score.max)}分），"
           f"评估等级为“{score.grade.name}”。"]
    if _veto_changed_grade(score):
        vetoes = [_inner(p.label) for n, p in cat.points.items() if p.veto and score.points[n] < p.max]
        out.append(f"因“{'”“'.join(vetoes)}”未得分，按评分规则不列入{'、'.join(cat.veto_excludes)}等次。")

    if near or full:
        s = ""
        if near:
            s += f"在{_join_zh([P[n] for n in near], '和')}方面，{region}得分接近满分"
        if full:
            s += ("，" if near else f"{region}在") + f"{_join_zh([P[n] for n in full], '和')}方面得到满分"
        if good_ter:
            names = "、".join(prose_name(cat.tertiary[t]) for t in good_ter)
            s += f"，体现出{region}在{names}等方面工作效果良好"
        out.append(s + "。")
    elif rates[best] >= RELATIVE_STRONG_RATE:
        out.append(f"可以看出，{P[best]}是{region}知识产权保护工作的相对优势部分"
                   f"（得分率{one_decimal(rates[best])}%）。")
    elif weak_ter:
        out.append(f"可以看出，{region}在知识产权保护水平考核的各个方面均有很大提升空间。")

    if not weak_ter:
        unanswered = score.unanswered
        if unanswered:
            out.append(f"已作答的各得分点均得到满分，尚有{unanswered}个得分点未作答。")
        else:
            out.append("各项指标均得到满分。")
        return "".join(out)

    verb = "需要重点改善" if min(rates[n] for n in weak_areas) < URGENT_RATE else "需要继续加强"
    areas = _join_zh([P[n] for n in weak_areas], "和")
    names = _join_zh([prose_name(cat.tertiary[t]) for t in weak_ter])
    s = f"在{areas}方面{verb}，主要包括{names}等方面"
    if top_lost:
        pts = "、".join(f"“{_inner(cat.points[lo.point].label)}”（失{fmt(lo.lost)}分）" for lo in top_lost)
        s += f"；失分较多的得分点为{pts}"
    out.append(s + "。")
    if score.unanswered:
        out.append(f"另有{score.unanswered}个得分点尚未作答，按0分计。")
    return "".join(out)


def _en(score, region, rates, full, near, good_ter, weak_ter, top_lost, weak_areas, best) -> str:
    cat = score.catalog
    P = {n: cat.primary[n].display("en") for n in cat.primary}
    out = [f"{region} scored {one_decimal(score.total)} of {fmt(score.max)} points, "
           f"graded “{score.grade.display('en')}”."]
    if _veto_changed_grade(score):
        vetoes = [p.display("en") for n, p in cat.points.items() if p.veto and score.points[n] < p.max]
        excluded = ", ".join(g.display("en") for g in cat.grades if g.name in cat.veto_excludes)
        out.append(f" Because “{'”, “'.join(vetoes)}” earned no marks, the grade cannot be {excluded}.")
    if near or full:
        parts = []
        if near:
            parts.append(f"close to full marks on {_join_en([P[n] for n in near])}")
        if full:
            parts.append(f"full marks on {_join_en([P[n] for n in full])}")
        s = f" It scored {' and '.join(parts)}"
        if good_ter:
            s += f", with full marks for {_join_en([cat.tertiary[t].display('en') for t in good_ter])}"
        out.append(s + ".")
    elif rates[best] >= RELATIVE_STRONG_RATE:
        out.append(f" Its relative strength is {P[best]} ({one_decimal(rates[best])}% of the marks).")
    elif weak_ter:
        out.append(" Every part of the assessment leaves much room for improvement.")
    if not weak_ter:
        if score.unanswered:
            out.append(f" Every answered point earned full marks; {score.unanswered} points are unanswered.")
        else:
            out.append(" It earned full marks on every indicator.")
        return "".join(out)
    verb = "needs urgent improvement" if min(rates[n] for n in weak_areas) < URGENT_RATE else "needs further work"
    s = (f" {_join_en([P[n] for n in weak_areas])} {verb}, chiefly "
         f"{_join_en([cat.tertiary[t].display('en') for t in weak_ter])}")
    if top_lost:
        pts = ", ".join(f"“{cat.points[lo.point].display('en')}” (−{fmt(lo.lost)})" for lo in top_lost)
        s += f"; the points that lost most were {pts}"
    out.append(s + ".")
    if score.unanswered:
        out.append(f" {score.unanswered} points are still unanswered and count as 0.")
    return "".join(out)


def province_overview(rows, lang: str = "zh") -> str:
    """The opening of the province report's chapter: who leads, how the grades fall, the spread.

    rows: chartdata.ranking(store, year), ranking order.
    """
    if not rows:
        return ""
    cat = rows[0].score.catalog
    top = [r for r in rows if r.rank == 1]
    total = sum((r.total for r in rows), Decimal(0))
    mean = total / len(rows)
    by_grade = [(g, [r for r in rows if r.grade == g.name]) for g in cat.grades]
    if lang == "en":
        s = (f"{len(rows)} regions were assessed against {cat.title_en or cat.title}. "
             f"{_join_en([r.region_name for r in top])} leads with {one_decimal(top[0].total)} points; "
             f"the mean is {one_decimal(mean)}.")
        for g, members in by_grade:
            if members:
                s += f" {g.display('en')}: {', '.join(r.region_name for r in members)}."
        return s
    s = (f"根据{cat.title}的评分标准，综合得到{len(rows)}个地区的知识产权保护水平得分情况。"
         f"整体上看，{_join_zh([r.region_name for r in top], '和')}知识产权保护水平居于前列，"
         f"得分{one_decimal(top[0].total)}分；各地区平均得分{one_decimal(mean)}分。")
    parts = []
    for g, members in by_grade:
        if members:
            names = "、".join(r.region_name for r in members[:MAX_NAMES_PER_GRADE])
            many = len(members) > 2 or len(members) > MAX_NAMES_PER_GRADE
            count = f"{'等' if many else ''}{len(members)}个地区" if len(members) > 1 else ""
            parts.append(f"{names}{count}评估等级为“{g.name}”")
    if parts:
        s += "其中，" + "；".join(parts) + "。"
    if len(rows) > 1:
        last = rows[-1]
        s += f"得分最低的是{last.region_name}（{one_decimal(last.total)}分），需要对工作中的重点问题积极改善，加大工作力度。"
    return s
