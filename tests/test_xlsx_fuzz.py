"""Fuzzing the workbook import: every mutated file ends in an import or a refusal, never an internal
error, never a hang, never a changed database on refusal.

Seeded and bounded (a few hundred files, well under a minute): zip-level byte flips and truncations,
zip structure (duplicate, encrypted, linked, missing entries), data-sheet values of every wrong type and
size (resealed or not), damaged template layouts, and bombs.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from xlsx_helpers import fill_template, varied_answers
from zip_helpers import bomb_entry, data_texts, entries_of, with_data_texts, write_zip

from jlip_desktop.core.catalog import get_catalog
from jlip_desktop.core.store import Store
from jlip_desktop.exchange import importer, xlsx
from jlip_desktop.exchange.xlsx_common import checksum

SEED = 20211
PER_FILE_SECONDS = 5.0

BAD_VALUES = [
    None, True, False, -1, 0, 1.5, -0.0, 2**53, 10**15 - 1, 1e308, "", "x", "否", "x" * 40_000, [], {}, [[]],
    {"a": {"b": {"c": [1, [2, [3]]]}}}, 220102.5, "220100", "999999", [1, "2", None], {"1": None},
    ["专利", "专利"], ["不是领域"], "=cmd|' /C calc'!A0", "\t\n", 4.25, 100, -4.5,
]
BAD_TEXTS = ["NaN", "Infinity", "-Infinity", "1e999", "{", "[1,", '"\\ud800"', '{"\\udc00": 1}', "9" * 30,
             "[" * 5000 + "]" * 5000, "", "null", '{"1": true, "1": false}', "\x00"]


def digest(store) -> str:
    return hashlib.sha256("\n".join(store.conn.iterdump()).encode()).hexdigest()


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz-src")
    cat = get_catalog("jilin-2021")
    with Store(folder / "县.sqlite", create=True) as st:
        aid = st.new_assessment("220100", 2021, "王五", answers=varied_answers(cat, seed=11, unanswered=0),
                                notes={1: "纪要", 9: "=SUM(A1)"})
        st.add_evidence(aid, 3, "会议 纪要.pdf", b"%PDF-1.4 fake")
        export = xlsx.export_assessment(st, aid, folder / "长春 2021.xlsx")
    blank = xlsx.write_template(folder / "空 模板.xlsx")
    template = fill_template(blank, folder / "德惠 模板.xlsx", cat, varied_answers(cat, seed=12),
                             region="220183 德惠市", year=2022)
    return export, template


def _set_path(obj, path: list, value):
    for k in path[:-1]:
        obj = obj[k]
    obj[path[-1]] = value


def _paths(payload: dict, rnd: random.Random) -> list:
    """A random place in the payload: a top-level key or one level into a map."""
    key = rnd.choice(sorted(payload))
    value = payload[key]
    if isinstance(value, dict) and value and rnd.random() < 0.7:
        sub = rnd.choice(sorted(value))
        if isinstance(value[sub], dict) and value[sub] and rnd.random() < 0.5:
            return [key, sub, rnd.choice(sorted(value[sub]))]
        return [key, sub]
    if isinstance(value, list) and value and rnd.random() < 0.5:
        return [key, rnd.randrange(len(value))]
    return [key]


def mutations(export: Path, template: Path, out: Path, rnd: random.Random):
    """(kind, path) of every mutated file, written into `out`."""
    raw = {"export": export.read_bytes(), "template": template.read_bytes()}
    texts = {"export": data_texts(export), "template": data_texts(template)}
    n = 0

    def name(kind: str) -> Path:
        nonlocal n
        n += 1
        return out / f"{kind} {n:03d} 变异.xlsx"

    yield "control", export
    for _ in range(110):  # byte flips anywhere in the zip
        src = rnd.choice(("export", "template"))
        data = bytearray(raw[src])
        for _ in range(rnd.randint(1, 8)):
            data[rnd.randrange(len(data))] ^= rnd.randint(1, 255)
        p = name("flip")
        p.write_bytes(bytes(data))
        yield "flip", p
    for cut in [0, 1, 4, 22, 100] + [rnd.randrange(len(raw["export"])) for _ in range(35)]:
        p = name("truncate")
        p.write_bytes(raw["export"][:cut])
        yield "truncate", p
    for _ in range(150):  # data-sheet values of every wrong type and size
        src = "export" if rnd.random() < 0.75 else "template"
        payload = {k: json.loads(v) for k, v in texts[src].items()}
        where = _paths(payload, rnd)
        p = name("value")
        if rnd.random() < 0.25:
            bad = {where[0]: rnd.choice(BAD_TEXTS)}
        else:
            _set_path(payload, where, rnd.choice(BAD_VALUES))
            if src == "export" and rnd.random() < 0.7:
                payload["sha256"] = checksum(payload)
            bad = {k: json.dumps(v, ensure_ascii=rnd.random() < 0.5) for k, v in payload.items()}
        with_data_texts(raw_path(src, export, template), p, bad)
        yield "value", p
    for _ in range(40):  # damaged template layouts
        payload = {k: json.loads(v) for k, v in texts["template"].items()}
        layout = payload["layout"]
        key = rnd.choice(sorted(layout))
        if isinstance(layout[key], dict) and layout[key] and rnd.random() < 0.6:
            sub = rnd.choice(sorted(layout[key]))
            layout[key][sub] = rnd.choice(BAD_VALUES + [10**7, "A0", "ZZZZ1", -3])
        else:
            layout[key] = rnd.choice(BAD_VALUES + ["XFE1", "A1048577", "C", 7])
        p = name("layout")
        with_data_texts(template, p, {"layout": json.dumps(layout, ensure_ascii=False)})
        yield "layout", p
    entries = entries_of(export)
    structural = {
        "duplicate": entries + [entries[3]],
        "encrypted": [*entries[:3], _with(entries[3], flags=0x801), *entries[4:]],
        "link": [*entries[:3], _with(entries[3], external_attr=0o120777 << 16), *entries[4:]],
        "no sheets": [e for e in entries if "worksheets" not in e.name],
        "slip": [*entries, _with(entries[0], name="../../evil.xml")],
        "absolute": [*entries, _with(entries[0], name="/etc/evil.xml")],
        "stored method 99": [*entries[:3], _with(entries[3], method=99), *entries[4:]],
    }
    for label, ents in structural.items():
        p = name("zip " + label)
        write_zip(p, ents)
        yield "zip", p
    sheet = "xl/worksheets/sheet2.xml"
    for declared in (None, 60_000):
        p = name("bomb")
        bombed = [bomb_entry(sheet, 1024**3, prefix=b"<worksheet><sheetData>", suffix=b"</sheetData></worksheet>",
                             declared=declared) if e.name == sheet else e for e in entries]
        write_zip(p, bombed)
        yield "bomb", p


def raw_path(src: str, export: Path, template: Path) -> Path:
    return export if src == "export" else template


def _with(entry, **changes):
    from dataclasses import replace

    return replace(entry, **changes)


def test_mutated_workbooks_end_in_import_or_refusal(sources, tmp_path, capsys):
    export, template = sources
    rnd = random.Random(SEED)
    outcomes: Counter = Counter()
    kinds: Counter = Counter()
    slowest = 0.0
    started = time.perf_counter()
    with Store(tmp_path / "省 库.sqlite", create=True) as province:
        for kind, path in mutations(export, template, tmp_path, rnd):
            before = digest(province)
            t0 = time.perf_counter()
            [res] = importer.import_workbooks(province, [path])
            took = time.perf_counter() - t0
            slowest = max(slowest, took)
            assert took < PER_FILE_SECONDS, f"{path.name}: {took:.1f} s"
            assert res.outcome in importer.OUTCOMES
            assert res.code != importer.UNREADABLE, f"{path.name}: {res.message}"
            if res.outcome == "refused":
                assert res.message and digest(province) == before, f"{path.name}: refused but changed the database"
            else:
                assert res.outcome in ("imported", "duplicate", "replaced", "exists", "stale"), res
            outcomes[res.outcome] += 1
            kinds[kind] += 1
            path.unlink() if path != export else None
        assert province.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    total = sum(outcomes.values())
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(f"\nfuzz: {total} files tried ({dict(kinds)}); outcomes {dict(outcomes)}; "
              f"slowest {slowest:.2f} s; {elapsed:.1f} s in all")
    assert total >= 350
    assert outcomes["refused"] >= 250 and outcomes["imported"] >= 1
    assert zipfile.is_zipfile(export)  # the source itself was never touched
