"""Scoring: a pure function of (catalogue, answers), in exact decimal arithmetic.

Answers are held as a map from point number to a plain value:
yes/no -> bool, count -> int, domains -> tuple of names (in the catalogue's
order), graded -> Decimal.  A point missing from the map is unanswered, which
is not the same as 0.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from .catalog import DEFAULT_CATALOG_ID, Catalog, Grade, Point, get_catalog
from .errors import BadInput

ANSWERS_FORMAT = "jlip-answers/1"
SCORE_FORMAT = "jlip-score/1"
ONE_DECIMAL = Decimal("0.1")
KIND_NAMES = {"yesno": "yes/no", "count": "count", "domains": "domains", "graded": "graded"}

Value = bool | int | tuple[str, ...] | Decimal


class AnswerError(BadInput):
    """An answer that breaks its point's rule; the message names the point."""

    def __init__(self, message: str, point: int | None = None):
        super().__init__(message)
        self.point = point


def expected(point: Point) -> str:
    """What a valid answer to this point looks like, for messages and tooltips."""
    if point.kind == "yesno":
        return "true or false"
    if point.kind == "count":
        return "a whole number ≥ 0"
    if point.kind == "domains":
        return "a list of names from: " + "、".join(point.domains)
    return f"a number from 0 to {fmt(point.max)} in steps of {fmt(point.step)}"


def _number(raw: Any) -> Decimal | None:
    if isinstance(raw, bool) or not isinstance(raw, (int, float, Decimal)):
        return None
    try:
        d = Decimal(str(raw)) if isinstance(raw, float) else Decimal(raw)
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def parse_value(point: Point, raw: Any) -> Value:
    """Check one raw (JSON-shaped) answer against its point's rule."""
    n = point.number
    where = f"point ({n}) is {KIND_NAMES[point.kind]}"
    if point.kind == "yesno":
        if not isinstance(raw, bool):
            raise AnswerError(f"{where}: expected true or false, got {_show(raw)}", n)
        return raw
    if point.kind == "count":
        d = _number(raw)
        if d is None:
            raise AnswerError(f"{where}: expected a whole number ≥ 0, got {_show(raw)}", n)
        if d != d.to_integral_value():
            raise AnswerError(f"{where}: expected a whole number ≥ 0, got the fraction {_show(raw)}", n)
        if d < 0:
            raise AnswerError(f"{where}: expected a whole number ≥ 0, got the negative {_show(raw)}", n)
        if d > 1_000_000:
            raise AnswerError(f"{where}: expected a whole number up to 1000000, got {_show(raw)}", n)
        return int(d)
    if point.kind == "domains":
        if not isinstance(raw, (list, tuple)):
            raise AnswerError(f"{where}: expected a list of names from {'、'.join(point.domains)}, got {_show(raw)}", n)
        seen = set()
        for item in raw:
            if not isinstance(item, str) or item not in point.domains:
                raise AnswerError(
                    f"{where}: unknown domain {_show(item)}; expected names from {'、'.join(point.domains)}", n
                )
            if item in seen:
                raise AnswerError(f"{where}: domain {_show(item)} is listed twice", n)
            seen.add(item)
        return tuple(d for d in point.domains if d in seen)
    # graded
    d = _number(raw)
    if d is None:
        raise AnswerError(f"{where}: expected {expected(point)}, got {_show(raw)}", n)
    if d < 0 or d > point.max:
        raise AnswerError(f"{where}: expected {expected(point)}, got {_show(raw)}, outside 0–{fmt(point.max)}", n)
    if d % point.step != 0:
        raise AnswerError(f"{where}: expected {expected(point)}, got {_show(raw)}, off the steps", n)
    return d.normalize() if d != 0 else Decimal(0)


def _show(raw: Any) -> str:
    if isinstance(raw, Decimal):
        return fmt(raw)
    try:
        return json.dumps(raw, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(raw)


def parse_point_key(catalog: Catalog, key: Any) -> int:
    """A point number given as a JSON key ("12") or an int."""
    if isinstance(key, bool):
        raise AnswerError(f"unknown point {key!r}: expected a point number from 1 to {max(catalog.points)}")
    if isinstance(key, int):
        n = key
    elif isinstance(key, str) and key.strip().isdigit() and key.strip().isascii():
        n = int(key.strip())
    else:
        raise AnswerError(f"unknown point {_show(key)}: expected a point number from 1 to {max(catalog.points)}")
    if n not in catalog.points:
        raise AnswerError(f"unknown point {_show(key)}: expected a point number from 1 to {max(catalog.points)}")
    return n


def validate_answers(catalog: Catalog, answers: Any) -> dict[int, Value]:
    """The answers map of an answers JSON, checked point by point."""
    if not isinstance(answers, dict):
        raise AnswerError(f"'answers' must be an object keyed by point number, got {_show(answers)}")
    out: dict[int, Value] = {}
    for key, raw in answers.items():
        n = parse_point_key(catalog, key)
        if n in out:
            raise AnswerError(f"point ({n}) is given twice", n)
        if raw is None:
            raise AnswerError(
                f"point ({n}) is {KIND_NAMES[catalog.points[n].kind]}: expected {expected(catalog.points[n])}, "
                "got null (leave the key out for unanswered)",
                n,
            )
        out[n] = parse_value(catalog.points[n], raw)
    return dict(sorted(out.items()))


@dataclass(frozen=True)
class AnswersDoc:
    """A parsed answers JSON document."""

    catalog: Catalog
    region: str | None
    year: int | None
    answers: dict[int, Value]


def parse_answers_doc(doc: Any, catalog_loader=get_catalog) -> AnswersDoc:
    """Validate a whole `jlip-answers/1` document (already JSON-decoded)."""
    if not isinstance(doc, dict):
        raise AnswerError("an answers file must be a JSON object")
    if doc.get("format") != ANSWERS_FORMAT:
        raise AnswerError(f"'format' must be {ANSWERS_FORMAT!r}, got {_show(doc.get('format'))}")
    cid = doc.get("catalog", DEFAULT_CATALOG_ID)
    if not isinstance(cid, str):
        raise AnswerError(f"'catalog' must be a catalogue id such as {DEFAULT_CATALOG_ID!r}, got {_show(cid)}")
    try:
        catalog = catalog_loader(cid)
    except ValueError as e:
        raise AnswerError(f"'catalog': {e}") from None
    region = doc.get("region")
    if region is not None and (not isinstance(region, str) or not region.strip()):
        raise AnswerError(f"'region' must be a region code as text such as \"220100\", got {_show(region)}")
    year = doc.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200):
        raise AnswerError(f"'year' must be a whole year such as 2021, got {_show(year)}")
    if "answers" not in doc:
        raise AnswerError("'answers' is missing: expected an object keyed by point number")
    return AnswersDoc(catalog, region, year, validate_answers(catalog, doc["answers"]))


def value_to_json(value: Value) -> Any:
    """The answers-JSON form of a value."""
    if isinstance(value, bool) or isinstance(value, int):
        return value
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"not an answer value: {value!r}")


def answers_to_json(answers: Mapping[int, Value]) -> dict[str, Any]:
    return {str(n): value_to_json(v) for n, v in sorted(answers.items())}


def fmt(d: Decimal | None) -> str:
    """A score or maximum as printed: one decimal for scores, plain for rules."""
    if d is None:
        return ""
    s = format(d.normalize(), "f")
    return s


def one_decimal(d: Decimal) -> str:
    return format(d.quantize(ONE_DECIMAL), "f")


def point_score(point: Point, value: Value | None) -> Decimal:
    """Marks for one point; unanswered scores 0 (but stays unanswered)."""
    if value is None:
        return Decimal(0)
    if point.kind == "yesno":
        return point.max if value else Decimal(0)
    if point.kind == "count":
        return min(point.unit * value, point.cap)
    if point.kind == "domains":
        return min(point.unit * len(value), point.cap)
    return value


def best_value(point: Point) -> Value:
    """An answer that earns the point's maximum (for examples and tests)."""
    if point.kind == "yesno":
        return True
    if point.kind == "count":
        return int(-(-point.cap // point.unit))
    if point.kind == "domains":
        return point.domains
    return point.max


def worst_value(point: Point) -> Value:
    return {"yesno": False, "count": 0, "domains": (), "graded": Decimal(0)}[point.kind]


@dataclass(frozen=True)
class Lost:
    """A point answered for fewer than its full marks."""

    point: int
    score: Decimal
    max: Decimal
    rule: str

    @property
    def lost(self) -> Decimal:
        return self.max - self.score


@dataclass(frozen=True)
class Problem:
    """An answer set that breaks a requires rule: scores stand, submission does not."""

    point: int
    requires: int

    @property
    def message(self) -> str:
        return (f"point ({self.point}) requires point ({self.requires}): ({self.point}) earns marks "
                f"but ({self.requires}) earns none")

    def to_json(self) -> dict[str, Any]:
        return {"point": self.point, "requires": self.requires, "message": self.message}


class RequiresError(BadInput):
    """Submission refused: requires rules are broken (code `submit.requires`)."""

    def __init__(self, problems: list[Problem]):
        shown = "; ".join(p.message for p in problems)
        super().__init__(f"can't submit: {shown}", code="submit.requires",
                         points=[p.point for p in problems], requires=[p.requires for p in problems])
        self.problems = problems


def requires_problems(catalog: Catalog, answers: Mapping[int, Value], pts: Mapping[int, Decimal]) -> tuple[Problem, ...]:
    """Points that earn marks while a point they require is answered and earns none."""
    out = []
    for n, p in catalog.points.items():
        if not p.requires or n not in answers or pts[n] <= 0:
            continue
        for r in p.requires:
            if r in answers and pts[r] <= 0:
                out.append(Problem(n, r))
    return tuple(out)


def submission_problems(sc: Score) -> list[Problem]:
    """What keeps a complete answer set from being submitted (broken requires rules)."""
    return list(sc.problems)


def check_submittable(sc: Score) -> None:
    """Raise RequiresError naming the points if a requires rule is broken."""
    problems = submission_problems(sc)
    if problems:
        raise RequiresError(problems)


@dataclass(frozen=True)
class Score:
    catalog: Catalog = field(repr=False)
    total: Decimal
    max: Decimal
    grade: Grade
    vetoed: bool
    answered: int
    unanswered: int
    primary: dict[int, Decimal]
    secondary: dict[int, Decimal]
    tertiary: dict[int, Decimal]
    points: dict[int, Decimal]
    answered_points: frozenset[int]
    lost: tuple[Lost, ...]
    problems: tuple[Problem, ...] = ()

    def point_problems(self, point: int) -> list[Problem]:
        return [p for p in self.problems if p.point == point]

    def node(self, level: str, number: int) -> Decimal:
        return {"primary": self.primary, "secondary": self.secondary, "tertiary": self.tertiary,
                "point": self.points}[level][number]

    def rate(self, level: str, number: int) -> Decimal:
        """Score / maximum of an indicator, in percent, exact."""
        mx = self.catalog.level(level)[number].max if level != "point" else self.catalog.points[number].max
        return self.node(level, number) * 100 / mx

    @property
    def unanswered_points(self) -> list[int]:
        return [n for n in self.catalog.points if n not in self.answered_points]

    def to_json(self) -> dict[str, Any]:
        """The score JSON of PRODUCT.md (numbers with one decimal)."""
        cat = self.catalog

        def num(d: Decimal) -> float:
            return float(d.quantize(ONE_DECIMAL))

        def level_map(scores: dict[int, Decimal], nodes) -> dict[str, Any]:
            return {str(n): {"score": num(scores[n]), "max": num(nodes[n].max)} for n in sorted(scores)}

        points = {}
        for n, p in cat.points.items():
            points[str(n)] = {"score": num(self.points[n]), "max": num(p.max), "answered": n in self.answered_points}
        return {
            "format": SCORE_FORMAT,
            "catalog": cat.id,
            "total": num(self.total),
            "max": num(self.max),
            "grade": self.grade.name,
            "vetoed": self.vetoed,
            "answered": self.answered,
            "unanswered": self.unanswered,
            "primary": level_map(self.primary, cat.primary),
            "secondary": level_map(self.secondary, cat.secondary),
            "tertiary": level_map(self.tertiary, cat.tertiary),
            "points": points,
            "problems": [p.to_json() for p in self.problems],
        }


_ZERO = Decimal(0)
_MISSING = object()
_PLANS: dict[int, tuple[Catalog, tuple]] = {}


def _plan(catalog: Catalog) -> tuple:
    """The catalogue's tree walks, done once per catalogue object (catalogues are immutable)."""
    got = _PLANS.get(id(catalog))
    if got is not None and got[0] is catalog:
        return got[1]
    points = tuple((n, p.kind, p.max, p.unit, p.cap, p.rule) for n, p in catalog.points.items())
    levels = tuple(
        tuple((n, tuple(node.children)) for n, node in nodes.items())
        for nodes in (catalog.tertiary, catalog.secondary, catalog.primary)
    )
    vetoes = tuple((n, p.max) for n, p in catalog.points.items() if p.veto)
    requires = tuple((n, tuple(p.requires)) for n, p in catalog.points.items() if p.requires)
    plan = (points, levels, vetoes, requires)
    _PLANS[id(catalog)] = (catalog, plan)
    return plan


def _roll_up(nodes, below: dict) -> dict:
    """Each node's score: the sum of its children's scores one level below (exact Decimal additions)."""
    out = {}
    for n, children in nodes:
        s = _ZERO
        for c in children:
            s += below[c]
        out[n] = s
    return out


def score(catalog: Catalog, answers: Mapping[int, Value]) -> Score:
    """The whole score tree for a map of valid answers (see validate_answers).

    The same arithmetic as score_reference (point_score per point, sums up the
    tree), on the catalogue's structure walked once (_plan)."""
    points, (ter_nodes, sec_nodes, pri_nodes), vetoes, requires = _plan(catalog)
    get = answers.get
    pts: dict[int, Decimal] = {}
    lost = []
    answered = []
    for n, kind, mx, unit, cap, rule in points:
        value = get(n, _MISSING)
        if value is _MISSING:
            pts[n] = _ZERO
            continue
        answered.append(n)
        if value is None:
            s = _ZERO
        elif kind == "yesno":
            s = mx if value else _ZERO
        elif kind == "count":
            s = min(unit * value, cap)
        elif kind == "domains":
            s = min(unit * len(value), cap)
        else:
            s = value
        pts[n] = s
        if s < mx:
            lost.append(Lost(n, s, mx, rule))
    ter = _roll_up(ter_nodes, pts)
    sec = _roll_up(sec_nodes, ter)
    pri = _roll_up(pri_nodes, sec)
    total = _ZERO
    for v in pri.values():
        total += v
    # A veto point counts as done only when it is answered and earns its marks.
    vetoed = any(pts[n] < mx for n, mx in vetoes)
    problems = []
    for n, reqs in requires:
        if n not in answers or pts[n] <= 0:
            continue
        for r in reqs:
            if r in answers and pts[r] <= 0:
                problems.append(Problem(n, r))
    return Score(
        catalog=catalog,
        total=total,
        max=catalog.total_max,
        grade=catalog.grade_for(total, vetoed),
        vetoed=vetoed,
        answered=len(answered),
        unanswered=len(points) - len(answered),
        primary=pri,
        secondary=sec,
        tertiary=ter,
        points=pts,
        answered_points=frozenset(answered),
        lost=tuple(lost),
        problems=tuple(problems),
    )


def score_reference(catalog: Catalog, answers: Mapping[int, Value]) -> Score:
    """score() written plainly, point by point and node by node: the definition the fast path is tested against."""
    pts = {n: point_score(p, answers.get(n)) for n, p in catalog.points.items()}
    ter = {n: sum((pts[c] for c in t.children), Decimal(0)) for n, t in catalog.tertiary.items()}
    sec = {n: sum((ter[c] for c in s.children), Decimal(0)) for n, s in catalog.secondary.items()}
    pri = {n: sum((sec[c] for c in p.children), Decimal(0)) for n, p in catalog.primary.items()}
    total = sum(pri.values(), Decimal(0))
    answered = frozenset(n for n in catalog.points if n in answers)
    # A veto point counts as done only when it is answered and earns its marks.
    vetoed = any(p.veto and pts[n] < p.max for n, p in catalog.points.items())
    lost = tuple(
        Lost(n, pts[n], p.max, p.rule) for n, p in catalog.points.items() if n in answered and pts[n] < p.max
    )
    return Score(
        catalog=catalog,
        total=total,
        max=catalog.total_max,
        grade=catalog.grade_for(total, vetoed),
        vetoed=vetoed,
        answered=len(answered),
        unanswered=len(catalog.points) - len(answered),
        primary=pri,
        secondary=sec,
        tertiary=ter,
        points=pts,
        answered_points=answered,
        lost=lost,
        problems=requires_problems(catalog, answers, pts),
    )
