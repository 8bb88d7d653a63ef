"""Nothing in the code knows jilin-2021: its facts live in its catalogue file only.

Outside jlip_desktop/catalogues/ (and the tests), no source names an
indicator or point of jilin-2021 (by its Chinese name or label) or uses one
of its numbers as a fact (the tie-break indicator 3, the veto point 1,
"point (17)", `primary[3]` …), and only core/catalog.py names the id.
"""

import re
from pathlib import Path

from jlip_desktop.core.catalog import get_catalog

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "jlip_desktop"
# Where the default id may be named: the loader's DEFAULT_CATALOG_ID.
ID_ALLOWED = {"core/catalog.py"}

NUMBER_FACTS = [
    re.compile(r"\b(?:point|points|Point)\s*\(\d+\)"),  # point (1) — with the number written in
    re.compile(r"(?:第|要点|考核要点)\s*[（(]\d+[)）]"),  # 第 (1) 项, 要点(17)
    re.compile(r"\b(?:primary|secondary|tertiary|points)(?:\.get)?[\[(]\d+[\]),]"),  # primary[3], points.get(17,
    re.compile(r"\bp\d\s*=\s*\d\b"),  # p3 = 3
    re.compile(r"(?:indicator|指标)\s*\d+\s*[（(]"),  # indicator 3 (重点…)
]


def _sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith("catalogues/"):
            continue
        yield rel, path.read_text(encoding="utf-8")


def _names():
    cat = get_catalog("jilin-2021")
    names = set()
    for level in ("primary", "secondary", "tertiary"):
        for node in cat.level(level).values():
            names.add(node.name)
            if node.table1_name:
                names.add(node.table1_name)
    for p in cat.points.values():
        names.add(p.label)
        names.add(p.rule)
    return {n for n in names if len(n) >= 4}


def test_no_source_names_an_indicator_or_point_of_jilin_2021():
    names = _names()
    hits = [f"{rel}: {name}" for rel, text in _sources() for name in names if name in text]
    assert hits == []


def test_no_source_uses_a_number_of_jilin_2021_as_a_fact():
    hits = []
    for rel, text in _sources():
        for i, line in enumerate(text.splitlines(), start=1):
            for pat in NUMBER_FACTS:
                m = pat.search(line)
                if m:
                    hits.append(f"{rel}:{i}: {m.group(0)}  ←  {line.strip()[:100]}")
    assert hits == []


def test_only_the_loader_names_the_shipped_id():
    hits = [rel for rel, text in _sources() if "jilin-2021" in text and rel not in ID_ALLOWED]
    assert hits == []


def test_the_checks_catch_what_they_are_meant_to():
    names = _names()
    planted = 'TIE = "重点工作推进情况"\nveto = "point (1) not done"\np3 = 3\nx = sc.primary[3]\n'
    assert any(n in planted for n in names)
    assert sum(1 for line in planted.splitlines() for pat in NUMBER_FACTS if pat.search(line)) >= 3
