"""The indicator catalogue: a versioned data file, validated when loaded.

A catalogue is the single source of truth for the indicator tree, every
scoring point's rule and the grade bands.  Nothing else in the code knows a
maximum or a rule; it asks the catalogue.  A province that changes the scheme
ships a new catalogue file with a new id, and assessments keep the id (and a
copy of the file) they were scored with.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from .errors import BadInput

CATALOG_FORMAT = "jlip-catalog/1"
DEFAULT_CATALOG_ID = "jilin-2021"
KINDS = ("yesno", "count", "domains", "graded")
LEVELS = ("primary", "secondary", "tertiary")
# A catalogue id becomes a file name (`<id>.json`) on every system: keep it plain.
# A file name on Windows too: not a device name (con, nul, com1 …), which "con.json" would still open.
SAFE_ID = re.compile(r"^(?!(?:con|prn|aux|nul|com[1-9]|lpt[1-9])(?:\.|$))[a-z0-9][a-z0-9._-]{0,63}$")

_BUILTIN_DIR = Path(__file__).resolve().parent.parent / "catalogues"


class CatalogError(BadInput):
    """A catalogue file that can't be trusted; the message names the node."""


@dataclass(frozen=True)
class Point:
    number: int
    kind: str
    label: str
    label_en: str
    rule: str
    max: Decimal
    unit: Decimal | None = None
    cap: Decimal | None = None
    step: Decimal | None = None
    domains: tuple[str, ...] = ()
    domains_en: tuple[str, ...] = ()
    veto: bool = False
    tertiary: int = 0
    requires: tuple[int, ...] = ()  # points that must earn marks before this one may

    def display(self, lang: str = "zh") -> str:
        return self.label_en if lang == "en" and self.label_en else self.label


@dataclass(frozen=True)
class Node:
    """An indicator of the tree: primary, secondary or tertiary."""

    level: str
    number: int
    name: str
    name_en: str
    max: Decimal
    parent: int | None
    children: tuple[int, ...]  # numbers of the next level (points for tertiary)
    table1_name: str | None = None

    @property
    def key(self) -> str:
        return f"{self.level}:{self.number}"

    def display(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name


@dataclass(frozen=True)
class Grade:
    name: str
    name_en: str
    min: Decimal

    def display(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name


@dataclass(frozen=True)
class Catalog:
    id: str
    title: str
    title_en: str
    source: str
    total_max: Decimal
    primary: dict[int, Node]
    secondary: dict[int, Node]
    tertiary: dict[int, Node]
    points: dict[int, Point]
    grades: tuple[Grade, ...]
    grades_source: str
    veto_excludes: tuple[str, ...]
    raw: dict[str, Any] = field(repr=False, compare=False, hash=False)
    text: str = field(repr=False, compare=False, hash=False, default="")
    year: int | None = None  # the first assessment year the scheme is meant for
    tie_break: int | None = None  # primary indicator whose score orders equal totals
    notes: tuple[str, ...] = ()

    # -- navigation -------------------------------------------------------
    def level(self, level: str) -> dict[int, Node]:
        return {"primary": self.primary, "secondary": self.secondary, "tertiary": self.tertiary}[level]

    def point_numbers(self) -> list[int]:
        return sorted(self.points)

    def ancestors(self, point: int) -> tuple[Node, Node, Node]:
        """(tertiary, secondary, primary) of a scoring point."""
        t = self.tertiary[self.points[point].tertiary]
        s = self.secondary[t.parent]
        p = self.primary[s.parent]
        return t, s, p

    def walk(self) -> Iterator[Node | Point]:
        """Depth-first: primary, its secondaries, their tertiaries, their points."""
        for p in self.primary.values():
            yield p
            for s_no in p.children:
                s = self.secondary[s_no]
                yield s
                for t_no in s.children:
                    t = self.tertiary[t_no]
                    yield t
                    for pt in t.children:
                        yield self.points[pt]

    def grade_for(self, total: Decimal, vetoed: bool) -> Grade:
        for g in self.grades:
            if total >= g.min and not (vetoed and g.name in self.veto_excludes):
                return g
        return self.grades[-1]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def display_title(self, lang: str = "zh") -> str:
        return self.title_en if lang == "en" and self.title_en else self.title

    # -- rules that are data: veto, tie-break, requires ----------------------
    @property
    def veto_points(self) -> list[int]:
        return [n for n, p in self.points.items() if p.veto]

    def veto_text(self, lang: str = "zh") -> str:
        """What the veto means, worded from the catalogue (empty if it has none)."""
        pts = self.veto_points
        if not pts:
            return ""
        if lang == "en":
            excl = ", ".join(g.name_en for g in self.grades if g.name in self.veto_excludes)
            which = ", ".join(f"({n})" for n in pts)
            return f"point {which} not done: can't be graded {excl}" if len(pts) == 1 else \
                f"one of points {which} not done: can't be graded {excl}"
        excl = "、".join(self.veto_excludes)
        which = "、".join(f"({n})" for n in pts)
        return f"考核要点{which}未得满分，不列入{excl}等次"

    @property
    def tie_break_node(self) -> Node | None:
        return self.primary.get(self.tie_break) if self.tie_break is not None else None

    def ranking_text(self, lang: str = "zh") -> str:
        """The ranking rule in words, with this catalogue's tie-break indicator."""
        node = self.tie_break_node
        if lang == "en":
            tb = f"by the score on primary indicator {node.number} ({node.display('en')}), then " if node else ""
            return f"highest total first; equal totals {tb}by region code"
        tb = f"按“{node.name}”得分、再" if node else ""
        return f"总分高者在前；总分相同{tb}按行政区划代码排序"

    def scoring_key(self) -> str:
        """Everything that decides a score or a grade, as one text.

        Two catalogues with the same key score every answer set alike; a new
        revision of a shipped scheme may differ from an older copy only in
        wording, notes and requires rules.
        """
        tree = [(n.key, n.parent, n.children, str(n.max)) for n in self.walk() if isinstance(n, Node)]
        pts = [(p.number, p.tertiary, p.kind, str(p.max), str(p.unit), str(p.cap), str(p.step), p.domains, p.veto)
               for p in self.points.values()]
        grades = [(g.name, str(g.min)) for g in self.grades]
        return json.dumps([self.id, str(self.total_max), tree, pts, grades, self.veto_excludes], ensure_ascii=False)


def _dec(value: Any, where: str, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise CatalogError(f"{where}: {what} must be a number, got {value!r}")
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        raise CatalogError(f"{where}: {what} must be a number, got {value!r}") from None
    if not d.is_finite() or d < 0:
        raise CatalogError(f"{where}: {what} must be a non-negative number, got {value!r}")
    return d


def _str(d: dict, key: str, where: str, required: bool = True) -> str:
    v = d.get(key)
    if v is None and not required:
        return ""
    if not isinstance(v, str) or not v.strip():
        raise CatalogError(f"{where}: '{key}' must be a non-empty text")
    return v


def _int(d: dict, key: str, where: str) -> int:
    v = d.get(key)
    if isinstance(v, bool) or not isinstance(v, int) or v < 1:
        raise CatalogError(f"{where}: '{key}' must be a whole number from 1, got {v!r}")
    return v


def _list(d: dict, key: str, where: str) -> list:
    v = d.get(key)
    if not isinstance(v, list) or not v:
        raise CatalogError(f"{where}: '{key}' must be a non-empty list")
    return v


def parse_catalog(text: str, origin: str = "catalogue") -> Catalog:
    """Parse and validate a catalogue; CatalogError names the offending node."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        raise CatalogError(f"{origin}: not valid JSON ({e.msg} at line {e.lineno})") from None
    if not isinstance(raw, dict):
        raise CatalogError(f"{origin}: the top level must be an object")
    if raw.get("format") != CATALOG_FORMAT:
        raise CatalogError(f"{origin}: format must be '{CATALOG_FORMAT}', got {raw.get('format')!r}")
    cid = _str(raw, "id", origin)
    if not SAFE_ID.match(cid):
        raise CatalogError(f"{origin}: id {cid!r} is not a safe file name (expected lower-case letters, digits, "
                           "'.', '_' or '-', starting with a letter or digit, at most 64 characters, "
                           "not a Windows device name such as con or nul)",
                           code="catalog.bad_id", id=cid)
    where0 = f"catalogue {cid}"
    lists = raw.get("domain_lists", {})
    lists_en = raw.get("domain_lists_en", {})
    if not isinstance(lists, dict):
        raise CatalogError(f"{where0}: 'domain_lists' must be an object")

    primary: dict[int, Node] = {}
    secondary: dict[int, Node] = {}
    tertiary: dict[int, Node] = {}
    points: dict[int, Point] = {}

    def node_sum(where: str, declared: Decimal, parts: list[Decimal]) -> None:
        total = sum(parts, Decimal(0))
        if total != declared:
            raise CatalogError(f"{where}: maximum {declared} but its parts add up to {total}")

    for p in _list(raw, "primary", where0):
        pn = _int(p, "number", f"{where0} primary indicator")
        pw = f"{where0} primary indicator {pn}"
        if pn in primary:
            raise CatalogError(f"{pw}: number used twice")
        p_sec = []
        for s in _list(p, "secondary", pw):
            sn = _int(s, "number", f"{pw} secondary indicator")
            sw = f"{where0} secondary indicator {sn}"
            if sn in secondary:
                raise CatalogError(f"{sw}: number used twice")
            s_ter = []
            for t in _list(s, "tertiary", sw):
                tn = _int(t, "number", f"{sw} tertiary indicator")
                tw = f"{where0} tertiary indicator {tn}"
                if tn in tertiary:
                    raise CatalogError(f"{tw}: number used twice")
                t_pts = []
                for pt in _list(t, "points", tw):
                    n = _int(pt, "number", f"{tw} scoring point")
                    w = f"{where0} scoring point ({n})"
                    if n in points:
                        raise CatalogError(f"{w}: number used twice")
                    points[n] = _parse_point(pt, n, w, tn, lists, lists_en)
                    t_pts.append(n)
                tmax = _dec(t.get("max"), tw, "'max'")
                node_sum(tw, tmax, [points[n].max for n in t_pts])
                tertiary[tn] = Node("tertiary", tn, _str(t, "name", tw), _str(t, "name_en", tw, False),
                                    tmax, sn, tuple(t_pts), t.get("table1_name"))
                s_ter.append(tn)
            smax = _dec(s.get("max"), sw, "'max'")
            node_sum(sw, smax, [tertiary[n].max for n in s_ter])
            secondary[sn] = Node("secondary", sn, _str(s, "name", sw), _str(s, "name_en", sw, False),
                                 smax, pn, tuple(s_ter))
            p_sec.append(sn)
        pmax = _dec(p.get("max"), pw, "'max'")
        node_sum(pw, pmax, [secondary[n].max for n in p_sec])
        primary[pn] = Node("primary", pn, _str(p, "name", pw), _str(p, "name_en", pw, False), pmax, None, tuple(p_sec))

    total_max = _dec(raw.get("total_max"), where0, "'total_max'")
    node_sum(where0, total_max, [n.max for n in primary.values()])

    grades = []
    for i, g in enumerate(_list(raw, "grades", where0)):
        gw = f"{where0} grade band {i + 1}"
        grades.append(Grade(_str(g, "name", gw), _str(g, "name_en", gw, False) or g["name"],
                            _dec(g.get("min"), gw, "'min'")))
    mins = [g.min for g in grades]
    if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins) or mins[-1] != 0:
        raise CatalogError(f"{where0}: grade bands must have strictly falling minima ending at 0")
    excludes = raw.get("veto_excludes", [])
    names = {g.name for g in grades}
    if not isinstance(excludes, list) or any(e not in names for e in excludes):
        raise CatalogError(f"{where0}: 'veto_excludes' must list grade names from 'grades'")
    _check_requires(points, where0)
    year = raw.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200):
        raise CatalogError(f"{where0}: 'year' must be a whole year such as 2021, got {year!r}")
    tie_break = raw.get("tie_break")
    if tie_break is not None and (isinstance(tie_break, bool) or tie_break not in primary):
        raise CatalogError(f"{where0}: 'tie_break' must name a primary indicator "
                           f"({', '.join(map(str, primary))}), got {tie_break!r}")
    notes = raw.get("notes", [])
    if not isinstance(notes, list) or not all(isinstance(x, str) for x in notes):
        raise CatalogError(f"{where0}: 'notes' must be a list of texts")

    return Catalog(
        id=cid,
        title=_str(raw, "title", where0),
        title_en=_str(raw, "title_en", where0, False),
        source=_str(raw, "source", where0, False),
        total_max=total_max,
        primary=primary,
        secondary=secondary,
        tertiary=tertiary,
        points=dict(sorted(points.items())),
        grades=tuple(grades),
        grades_source=str(raw.get("grades_source", "")),
        veto_excludes=tuple(excludes),
        raw=raw,
        text=text,
        year=year,
        tie_break=tie_break,
        notes=tuple(notes),
    )


def requires_cycle(requires: dict[int, tuple[int, ...]]) -> list[int] | None:
    """A cycle of requires rules as a list of points (first repeated last), or None."""
    state: dict[int, int] = {}  # 1 = on the path, 2 = done
    for start in sorted(requires):
        if state.get(start):
            continue
        path: list[int] = []
        stack = [(start, iter(requires.get(start, ())))]
        state[start] = 1
        path.append(start)
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
                path.pop()
                continue
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, iter(requires.get(nxt, ()))))
    return None


def _check_requires(points: dict[int, Point], where0: str) -> None:
    for n, p in sorted(points.items()):
        for r in p.requires:
            if r not in points:
                raise CatalogError(f"{where0} scoring point ({n}): 'requires' names point ({r}), which does not exist",
                                   code="catalog.requires_missing", point=n, requires=r)
    cycle = requires_cycle({n: p.requires for n, p in points.items()})
    if cycle:
        shown = " → ".join(f"({n})" for n in cycle)
        raise CatalogError(f"{where0}: 'requires' rules form a cycle: {shown}",
                           code="catalog.requires_cycle", cycle=shown)


def _parse_point(pt: dict, n: int, w: str, tn: int, lists: dict, lists_en: dict) -> Point:
    kind = pt.get("kind")
    if kind not in KINDS:
        raise CatalogError(f"{w}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
    mx = _dec(pt.get("max"), w, "'max'")
    if mx == 0:
        raise CatalogError(f"{w}: 'max' must be above 0")
    unit = cap = step = None
    domains: tuple[str, ...] = ()
    domains_en: tuple[str, ...] = ()
    if kind in ("count", "domains"):
        unit = _dec(pt.get("unit"), w, "'unit'")
        cap = _dec(pt.get("cap"), w, "'cap'")
        if unit == 0:
            raise CatalogError(f"{w}: 'unit' must be above 0")
        if cap != mx:
            raise CatalogError(f"{w}: 'cap' ({cap}) must equal 'max' ({mx})")
    if kind == "domains":
        ref = pt.get("domains")
        dl = lists.get(ref) if isinstance(ref, str) else ref
        if not isinstance(dl, list) or not dl or not all(isinstance(x, str) and x for x in dl):
            raise CatalogError(f"{w}: 'domains' must name a list in 'domain_lists' or be a list of names")
        if len(set(dl)) != len(dl):
            raise CatalogError(f"{w}: the domain list repeats a name")
        domains = tuple(dl)
        en = lists_en.get(ref) if isinstance(ref, str) else None
        domains_en = tuple(en) if isinstance(en, list) and len(en) == len(dl) else domains
    if kind == "graded":
        step = _dec(pt.get("step"), w, "'step'")
        if step == 0 or mx % step != 0:
            raise CatalogError(f"{w}: 'step' must be above 0 and divide 'max'")
    req = pt.get("requires", [])
    if isinstance(req, int) and not isinstance(req, bool):
        req = [req]
    if not isinstance(req, list) or not all(isinstance(r, int) and not isinstance(r, bool) for r in req):
        raise CatalogError(f"{w}: 'requires' must be a list of point numbers, got {req!r}")
    if n in req:
        raise CatalogError(f"{w}: 'requires' names the point itself", code="catalog.requires_cycle",
                           cycle=f"({n}) → ({n})")
    return Point(
        number=n,
        kind=kind,
        label=_str(pt, "label", w),
        label_en=_str(pt, "label_en", w, False),
        rule=_str(pt, "rule", w),
        max=mx,
        unit=unit,
        cap=cap,
        step=step,
        domains=domains,
        domains_en=domains_en,
        veto=bool(pt.get("veto", False)),
        tertiary=tn,
        requires=tuple(dict.fromkeys(req)),
    )


def load_catalog_file(path: Path) -> Catalog:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise CatalogError(f"{path}: can't read the catalogue ({e})") from None
    return parse_catalog(text, str(path))


def builtin_ids() -> list[str]:
    return sorted(p.stem for p in _BUILTIN_DIR.glob("*.json") if "." not in p.stem)  # not *.commentary.json


@cache
def get_catalog(catalog_id: str = DEFAULT_CATALOG_ID) -> Catalog:
    """A catalogue shipped with the application, by id."""
    path = _BUILTIN_DIR / f"{catalog_id}.json"
    if catalog_id not in builtin_ids():
        raise CatalogError(f"unknown catalogue {catalog_id!r} (known: {', '.join(builtin_ids())})")
    cat = load_catalog_file(path)
    if cat.id != catalog_id:
        raise CatalogError(f"{path}: its id is {cat.id!r}, not {catalog_id!r}")
    return cat
