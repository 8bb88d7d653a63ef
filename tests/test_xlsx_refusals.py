"""Failures that must change nothing: a failed export, crafted and damaged workbooks, zip bombs."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import time
import tracemalloc
from pathlib import Path

import openpyxl
import pytest
from xlsx_helpers import data_payload, fill_template, varied_answers
from zip_helpers import bomb_entry, entries_of, with_data_texts, write_zip

from jlip_desktop import cli
from jlip_desktop.core.catalog import get_catalog
from jlip_desktop.core.errors import BadInput
from jlip_desktop.core.store import Store
from jlip_desktop.exchange import importer, xlsx
from jlip_desktop.exchange.xlsx_common import checksum


def digest(store) -> str:
    return hashlib.sha256("\n".join(store.conn.iterdump()).encode()).hexdigest()


@pytest.fixture
def county(tmp_path, catalog):
    st = Store(tmp_path / "县 库.sqlite", create=True)
    aid = st.new_assessment("220100", 2021, "王五", answers=varied_answers(catalog, seed=5), notes={2: "纪要"})
    yield st, aid
    st.close()


@pytest.fixture
def province(tmp_path):
    st = Store(tmp_path / "省 库.sqlite", create=True)
    yield st
    st.close()


@pytest.fixture(scope="module")
def exported_once(tmp_path_factory):
    folder = tmp_path_factory.mktemp("county")
    with Store(folder / "县.sqlite", create=True) as st:
        aid = st.new_assessment("220100", 2021, "王五", answers=varied_answers(get_catalog("jilin-2021"), seed=5),
                                notes={2: "纪要"})
        return xlsx.export_assessment(st, aid, folder / "长春 2021.xlsx")


@pytest.fixture
def exported(exported_once, tmp_path):
    return Path(shutil.copy(exported_once, tmp_path / exported_once.name))


# -- a failed export changes nothing --------------------------------------------

def _no_temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def _assert_unchanged(st, aid, before, folder):
    assert digest(st) == before, "a failed export changed the database"
    assert st.assessment(aid).export_revision == 0
    assert [e.action for e in st.audit(aid)].count("export") == 0
    assert _no_temp_files(folder) == []


def test_export_into_a_read_only_folder_records_nothing(county, tmp_path, monkeypatch):
    st, aid = county
    folder = tmp_path / "只读 文件夹"
    folder.mkdir()
    folder.chmod(0o555)

    def denied(*a, **k):  # what the OS says for a read-only folder (root ignores the mode bits)
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    before = digest(st)
    try:
        with pytest.raises(BadInput) as e:
            xlsx.export_assessment(st, aid, folder / "导出.xlsx")
    finally:
        folder.chmod(0o755)
    assert e.value.code == "file.not_writable" and "导出.xlsx" in str(e.value)
    _assert_unchanged(st, aid, before, folder)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("where", ["replace", "writer"])
def test_export_on_a_full_disk_records_nothing(county, tmp_path, monkeypatch, where):
    st, aid = county
    old = tmp_path / "旧 文件.xlsx"
    old.write_bytes(b"the previous export")

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    if where == "replace":
        monkeypatch.setattr(os, "replace", full)
    else:
        real_save = openpyxl.Workbook.save

        def half_then_full(self, filename):
            Path(filename).write_bytes(b"PK\x03\x04 half a workbook")
            full()

        monkeypatch.setattr(openpyxl.Workbook, "save", half_then_full)
        assert real_save is not None
    before = digest(st)
    with pytest.raises(BadInput) as e:
        xlsx.export_assessment(st, aid, old)
    assert e.value.code == "file.disk_full" and "disk is full" in str(e.value)
    _assert_unchanged(st, aid, before, tmp_path)
    assert old.read_bytes() == b"the previous export"


def test_export_over_a_file_held_open_records_nothing(county, tmp_path, monkeypatch):
    st, aid = county

    def locked(*a, **k):  # Windows: the target is open in Excel
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", locked)
    before = digest(st)
    with pytest.raises(BadInput, match="open in another program") as e:
        xlsx.export_assessment(st, aid, tmp_path / "打开 中.xlsx")
    assert e.value.code == "file.not_writable"
    _assert_unchanged(st, aid, before, tmp_path)


class _CommitFails:
    """A connection whose COMMIT fails (the disk filled up after the file was written)."""

    def __init__(self, conn):
        self._conn = conn

    def execute(self, sql, *args):
        if sql.strip().upper() == "COMMIT":
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def test_export_whose_record_fails_leaves_no_file(county, tmp_path):
    st, aid = county
    before = digest(st)
    real = st.conn
    st.conn = _CommitFails(real)
    try:
        with pytest.raises(BadInput) as e:
            xlsx.export_assessment(st, aid, tmp_path / "未 记录.xlsx")
    finally:
        st.conn = real
    assert e.value.code == "export.not_recorded"
    assert not (tmp_path / "未 记录.xlsx").exists()
    _assert_unchanged(st, aid, before, tmp_path)


def test_export_records_revision_and_history_once_written(county, tmp_path):
    st, aid = county
    for rev in (1, 2):
        path = xlsx.export_assessment(st, aid, tmp_path / f"第{rev}版.xlsx")
        assert data_payload(path)["revision"] == rev
        assert st.assessment(aid).export_revision == rev
    assert [e.new for e in st.audit(aid) if e.action == "export"] == ["1", "2"]


def test_command_line_export_failure_is_one_line_and_exit_2(county, tmp_path, monkeypatch, capsys):
    st, aid = county
    db = str(st.path)
    st.close()

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with Store(db) as s:
        before = digest(s)
    assert cli.main(["export-xlsx", "--db", db, "--id", str(aid), "-o", str(tmp_path / "满.xlsx")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "满.xlsx" in err and "disk is full" in err
    monkeypatch.undo()
    with Store(db) as s:
        assert digest(s) == before


# -- crafted and damaged workbooks are refused, never an internal error -----------

def with_data_text(path: Path, out: Path, texts: dict[str, str], *, reseal: dict | None = None) -> Path:
    """A copy whose data-sheet rows for `texts` hold that raw JSON text; `reseal`: the payload to checksum."""
    if reseal is not None:
        texts = {**texts, "sha256": json.dumps(checksum(reseal))}
    return with_data_texts(path, out, texts)


def refused(store, path) -> importer.ImportResult:
    before = digest(store)
    [res] = importer.import_workbooks(store, [path])
    assert res.outcome == "refused", res.message
    assert res.code != importer.UNREADABLE, res.message
    assert digest(store) == before
    return res


@pytest.mark.parametrize(("texts", "needle"), [
    ({"answers": '{"10": NaN}'}, "NaN"),
    ({"answers": '{"10": Infinity}'}, "Infinity"),
    ({"answers": '{"19": 1e999}'}, "too large"),
    ({"answers": '{"10": 9223372036854775808}'}, "too large"),
    ({"revision": "9223372036854775808"}, "too large"),
    ({"assessor": '"a\\ud800b"'}, "lone surrogate"),
    ({"notes": '{"a\\udfffb": "x"}'}, "lone surrogate"),
    ({"layout": "[" * 50000 + "]" * 50000}, "nested too deeply"),
    ({"answers": '{"1": true, "1": false}'}, "appears twice"),
    ({"region": "1e999"}, "too large"),
])
def test_crafted_data_values_are_refused(exported, province, tmp_path, texts, needle):
    res = refused(province, with_data_text(exported, tmp_path / "改.xlsx", texts))
    assert res.code == "import.damaged" and needle in res.message


@pytest.mark.parametrize(("change", "needle"), [
    ({"notes": {"²": "上标"}}, "unknown point"),
    ({"notes": {"１": "全角"}}, "unknown point"),
    ({"notes": {"x": "不是数字"}}, "unknown point"),
    ({"region": 220102.5}, "unknown region"),
    ({"region": [220100]}, "not a region code"),
    ({"revision": 10**12}, "revision"),
    ({"answered": 3}, "answered count"),
    ({"evidence": [{"point": 99, "name": "a.pdf", "size": 1, "sha256": "0" * 64}]}, "unknown point"),
    ({"evidence": [{"point": 1, "name": "../a.pdf", "size": 1, "sha256": "0" * 64}]}, "not a plain file name"),
])
def test_crafted_but_resealed_values_are_refused(exported, province, tmp_path, change, needle):
    payload = data_payload(exported)
    payload.update(change)
    texts = {k: json.dumps(v, ensure_ascii=True) for k, v in change.items()}
    res = refused(province, with_data_text(exported, tmp_path / "封.xlsx", texts, reseal=payload))
    assert needle in res.message


def test_a_fractional_region_is_never_truncated_to_a_code(exported, province, tmp_path):
    payload = data_payload(exported)
    payload["region"] = 220102.5
    res = refused(province, with_data_text(exported, tmp_path / "半.xlsx", {"region": "220102.5"}, reseal=payload))
    assert res.code == "import.unknown_region" and "220102.5" in res.message
    assert province.list_assessments() == []


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A template filled in by a county (region, year and answers typed in)."""
    folder = tmp_path_factory.mktemp("template")
    cat = get_catalog("jilin-2021")
    blank = xlsx.write_template(folder / "空 模板.xlsx")
    return fill_template(blank, folder / "模板.xlsx", cat, varied_answers(cat, seed=8))


@pytest.mark.parametrize(("layout_change", "needle"), [
    ({"region_cell": None}, "not a cell reference"),
    ({"region_cell": "ZZZZ1"}, "not a cell reference"),
    ({"year_cell": "A99999999"}, "not a cell reference"),
    ({"year_cell": 5}, "not a cell reference"),
    ({"assessor_cell": "XFE1"}, "outside the sheet"),
    ({"answer_col": 10}, "bad column"),
    ({"note_col": "ZZZZ"}, "bad column"),
    ({"points": {"1": "seven"}}, "rows were moved"),
    ({"points": None}, "no layout"),
    ({"domains": {"9": {"专利": "x"}}}, "domain rows"),
    ({"domains": []}, "domain rows"),
])
def test_damaged_template_layout_is_refused(template, province, tmp_path, layout_change, needle):
    layout = data_payload(template)["layout"]
    if "points" in layout_change and isinstance(layout_change["points"], dict):
        layout_change = {"points": {**layout["points"], **layout_change["points"]}}
    if "domains" in layout_change and isinstance(layout_change["domains"], dict):
        layout_change = {"domains": {**layout["domains"], **layout_change["domains"]}}
    layout.update(layout_change)
    res = refused(province, with_data_text(template, tmp_path / "坏模板.xlsx", {"layout": json.dumps(layout)}))
    assert needle in res.message, res.message


def test_template_with_a_numeric_region_of_1e999_is_refused(template, province, tmp_path):
    wb = openpyxl.load_workbook(template)
    layout = data_payload(template)["layout"]
    wb["评分表"][layout["region_cell"]] = float("inf")  # written as INF, read back as a float
    wb["评分表"][layout["year_cell"]] = 2021
    wb.save(tmp_path / "无穷.xlsx")
    res = refused(province, tmp_path / "无穷.xlsx")
    assert res.code == "import.unknown_region"


# -- zip bombs -------------------------------------------------------------------

def _bomb_of(exported: Path, out: Path, *, declared: int | None = None) -> Path:
    entries = entries_of(exported)
    name = "xl/worksheets/sheet2.xml"
    i = next(k for k, e in enumerate(entries) if e.name == name)
    entries[i] = bomb_entry(name, 1024 * 1024 * 1024, prefix=b'<worksheet xmlns="http://schemas.openxmlformats.org/'
                            b'spreadsheetml/2006/main"><sheetData>', suffix=b"</sheetData></worksheet>",
                            declared=declared)
    return write_zip(out, entries)


@pytest.mark.parametrize("declared", [None, 60_000])
def test_zip_bomb_is_refused_in_a_second_with_bounded_memory(exported, province, tmp_path, declared):
    t0 = time.perf_counter()
    bomb = _bomb_of(exported, tmp_path / "炸弹 1GB.xlsx", declared=declared)
    made = time.perf_counter() - t0
    assert made < 3 and bomb.stat().st_size < 4 * 1024 * 1024
    before = digest(province)
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        [res] = importer.import_workbooks(province, [bomb])
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    took = time.perf_counter() - t0
    assert res.outcome == "refused" and res.code != importer.UNREADABLE, res.message
    if declared is None:  # honest headers: refused from the central directory
        assert res.code in ("zip.entry_too_large", "zip.ratio", "zip.too_large") and "sheet2.xml" in res.message
    assert took < 1.5, f"bomb refused in {took:.2f} s"
    assert peak < 64 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
    assert digest(province) == before and province.list_assessments() == []


# -- the command line names each refused file on stderr ----------------------------

def test_import_prints_one_stderr_line_per_refused_file(exported, province, tmp_path, capsys):
    junk = tmp_path / "垃圾 文件.xlsx"
    junk.write_bytes(b"not a zip at all")
    payload = data_payload(exported)
    payload["region"] = 220102.5
    half = with_data_text(exported, tmp_path / "半 地区.xlsx", {"region": "220102.5"}, reseal=payload)
    bomb = _bomb_of(exported, tmp_path / "炸弹.xlsx")
    db = str(province.path)
    before = digest(province)
    province.close()
    assert cli.main(["import-xlsx", "--db", db, str(junk), str(exported), str(half), str(bomb)]) == 2
    out, err = capsys.readouterr()
    [imported] = out.splitlines()
    assert imported.startswith("imported") and exported.name in imported
    lines = err.splitlines()
    assert len(lines) == 3
    for line, f, why in zip(lines, (junk, half, bomb), ("not an Excel workbook", "unknown region", "sheet2.xml"),
                            strict=True):
        assert line.startswith("jlip: refused: ") and f.name in line and why in line, line
    with Store(db) as st:
        assert digest(st) != before and len(st.list_assessments()) == 1


# -- drafts and incomplete files are said to be so ---------------------------------

def test_import_result_says_draft_and_incomplete(county, province, tmp_path, catalog):
    st, aid = county
    path = xlsx.export_assessment(st, aid, tmp_path / "草稿.xlsx")
    payload = data_payload(path)
    answered = len(st.answers(aid))
    assert payload["status"] == "draft" and payload["answered"] == answered and payload["points_total"] == 44
    cover = {r[0]: r[1] for r in openpyxl.load_workbook(path)["封面"].iter_rows(min_row=3, values_only=True)}
    assert cover["状态"] == "草稿" and cover["已填报要点"] == f"{answered} / 44" and "未填完" in cover["提示"]
    [res] = importer.import_workbooks(province, [path])
    assert res.outcome == "imported" and res.draft and res.incomplete
    assert (res.status, res.answered, res.points_total) == ("draft", answered, 44)
    assert "a draft" in res.message and f"{44 - answered} point(s) unanswered" in res.message
