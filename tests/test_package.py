"""The package (上报材料包): evidence travels with the workbook, and every doubtful package is refused whole."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import time
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from xlsx_helpers import varied_answers
from zip_helpers import bomb_entry, deflate_entry, entries_of, write_zip

from jlip_desktop import cli
from jlip_desktop.core import schema
from jlip_desktop.core.catalog import get_catalog
from jlip_desktop.core.errors import BadInput
from jlip_desktop.core.evidence import evidence_status
from jlip_desktop.core.store import Store
from jlip_desktop.exchange import importer, package, xlsx

EVIDENCE = {  # point -> [(name, bytes)]
    3: [("会议 纪要（2021）.pdf", b"%PDF-1.4 " + bytes(range(256)) * 40), ("签到 表.txt", "张三\n李四\n".encode())],
    5: [("信息 报送 第1期.docx", b"PK\x03\x04 not really a docx" * 100)],
    20: [("照片 A.jpg", bytes(range(255, -1, -1)) * 300), ("照片 A.jpg", b"another photo, same name")],
}


def digest(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(con.iterdump()).encode()).hexdigest()
    finally:
        con.close()


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """A county database with a complete, submitted assessment and evidence files (Chinese names, spaces)."""
    folder = tmp_path_factory.mktemp("county")
    db = folder / "县 库.sqlite"
    with Store(db, create=True) as st:
        cat = get_catalog("jilin-2021")
        aid = st.new_assessment("220100", 2021, "王五", answers=varied_answers(cat, seed=21, unanswered=0))
        for point, files in EVIDENCE.items():
            for name, data in files:
                st.add_evidence(aid, point, name, data)
    return db, aid


@pytest.fixture(scope="module")
def pkg(county, tmp_path_factory):
    db, aid = county
    out = tmp_path_factory.mktemp("pkg") / "长春市 2021 上报材料.zip"
    assert cli.main(["export-package", "--db", str(db), "--id", str(aid), "-o", str(out)]) == 0
    return out


@pytest.fixture
def province(tmp_path):
    db = tmp_path / "省 中心.sqlite"
    Store(db, create=True).close()
    return db


def manifest(path: Path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read("manifest.json"))


def test_package_round_trips_evidence_bytes_and_hashes(county, pkg, province, capsys):
    db, aid = county
    with zipfile.ZipFile(pkg) as zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        assert all(i.flag_bits & 0x800 for i in infos if not i.filename.isascii())  # UTF-8 names
        assert "证据材料/（3）纳入议事日程、定期召开专题会议/会议 纪要（2021）.pdf" in names
        assert "证据材料/（3）纳入议事日程、定期召开专题会议/签到 表.txt" in names
        assert {"长春市 2021 评估表（第1版）.xlsx", "长春市 2021 评估结果.pdf", "manifest.json"} <= set(names)
        assert zf.testzip() is None
        m = json.loads(zf.read("manifest.json"))
        for e in m["entries"]:
            assert hashlib.sha256(zf.read(e["path"])).hexdigest() == e["sha256"], e["path"]
        folder = "证据材料/（20）" + get_catalog("jilin-2021").points[20].label
        assert {f"{folder}/照片 A.jpg", f"{folder}/照片 A (2).jpg"} <= set(names)  # same name twice: both kept
    assert m["format"] == "jlip-package/1" and set(names) == {e["path"] for e in m["entries"]} | {"manifest.json"}

    code, out, err = run(capsys, "import-package", "--db", province, pkg)
    assert code == 0 and err == "" and out.startswith("imported") and pkg.name in out
    with Store(db) as county_st, Store(province) as prov:
        [a] = prov.list_assessments()
        sent = sorted((e.point, e.filename, e.sha256, county_st.evidence_data(e.id)) for e in county_st.evidence(aid))
        got = sorted((e.point, e.filename, e.sha256, prov.evidence_data(e.id)) for e in prov.evidence(a.id))
        assert got == sent
        assert all(hashlib.sha256(data).hexdigest() == h for _, _, h, data in got)
        assert all(i.received for i in evidence_status(prov, a.id))
    code, out, _ = run(capsys, "evidence-list", "--db", province, "--id", a.id, "--json")
    listed = json.loads(out)
    assert code == 0 and len(listed) == 5 and all(d["received"] for d in listed)
    assert {(d["point"], d["name"], d["size"]) for d in listed} == {
        (p, n, len(b)) for p, files in EVIDENCE.items() for n, b in files}


def test_export_package_records_the_revision_and_lists_evidence_in_the_workbook(county, pkg):
    db, aid = county
    with Store(db) as st:
        assert st.assessment(aid).export_revision == 1
        assert [e.detail for e in st.audit(aid) if e.action == "export"] == ["package"]
    from xlsx_helpers import data_payload

    with zipfile.ZipFile(pkg) as zf:
        wb = Path(pkg.parent / "wb.xlsx")
        wb.write_bytes(zf.read("长春市 2021 评估表（第1版）.xlsx"))
    payload = data_payload(wb)
    assert sorted((d["point"], d["name"]) for d in payload["evidence"]) == sorted(
        (p, n) for p, files in EVIDENCE.items() for n, _ in files)
    import openpyxl

    sheet = openpyxl.load_workbook(wb)["佐证材料"]
    assert sheet.max_row == 6 and sheet["C2"].value == "会议 纪要（2021）.pdf"


def test_a_plain_workbook_imports_with_its_evidence_not_received(county, province, tmp_path, capsys):
    db, aid = county
    with Store(db) as st:
        wb = xlsx.export_assessment(st, aid, tmp_path / "只有 表格.xlsx")
    code, out, _ = run(capsys, "import-package", "--db", province, wb)
    assert code == 0 and "5 evidence file(s) not received" in out
    code, out, _ = run(capsys, "evidence-list", "--db", province, "--id", "1")
    assert code == 0 and out.count("未收到") == 5
    listed = json.loads(run(capsys, "evidence-list", "--db", province, "--id", "1", "--json")[1])
    assert len(listed) == 5 and not any(d["received"] for d in listed)
    assert set(listed[0]) == {"point", "name", "size", "sha256", "received"}


# -- refusals -------------------------------------------------------------------------

def _rewrite(pkg: Path, out: Path, change) -> Path:
    """A copy of the package with its entries changed by `change(entries, manifest)` (manifest kept in step)."""
    m = manifest(pkg)
    entries = [e for e in entries_of(pkg) if e.name != "manifest.json"]
    entries, m = change(entries, m)
    if m is not None:
        entries.append(deflate_entry("manifest.json", json.dumps(m, ensure_ascii=False).encode()))
    return write_zip(out, entries)


def _evidence_entry(entries, fragment="签到 表.txt"):
    return next(i for i, e in enumerate(entries) if e.name.endswith(fragment))


def altered(entries, m):
    i = _evidence_entry(entries)
    e = deflate_entry(entries[i].name, "张三\n王五\n".encode())
    entries[i] = e
    return entries, m


def altered_in_manifest_too(entries, m):
    entries, m = altered(entries, m)
    for d in m["entries"]:
        if d["path"].endswith("签到 表.txt"):
            d["sha256"] = hashlib.sha256("张三\n王五\n".encode()).hexdigest()
    return entries, m


def missing(entries, m):
    i = _evidence_entry(entries)
    m["entries"] = [d for d in m["entries"] if d["path"] != entries[i].name]
    del entries[i]
    return entries, m


def extra(entries, m):
    return entries + [deflate_entry("证据材料/（3）纳入议事日程、定期召开专题会议/多余 文件.txt", b"extra")], m


def extra_in_manifest(entries, m):
    name = "证据材料/（3）纳入议事日程、定期召开专题会议/多余 文件.txt"
    m["entries"].append({"path": name, "role": "evidence", "point": 3, "name": "多余 文件.txt", "size": 5,
                         "sha256": hashlib.sha256(b"extra").hexdigest()})
    return entries + [deflate_entry(name, b"extra")], m


def slip(entries, m):
    return entries + [deflate_entry("../../逃逸.txt", b"x")], m


def absolute(entries, m):
    return entries + [deflate_entry("/etc/cron.d/evil", b"x")], m


def link(entries, m):
    i = _evidence_entry(entries)
    entries[i] = replace(entries[i], external_attr=0o120777 << 16)
    return entries, m


def encrypted(entries, m):
    i = _evidence_entry(entries)
    entries[i] = replace(entries[i], flags=entries[i].flags | 0x1)
    return entries, m


def duplicate(entries, m):
    return entries + [entries[_evidence_entry(entries)]], m


def bomb(entries, m):
    i = _evidence_entry(entries, "照片 A.jpg")
    entries[i] = bomb_entry(entries[i].name, 1024**3)
    return entries, m


def lying_bomb(entries, m):
    i = _evidence_entry(entries, "照片 A.jpg")
    entries[i] = bomb_entry(entries[i].name, 1024**3, declared=entries[i].size)
    return entries, m


CASES = {
    "altered": (altered, "签到 表.txt", "altered"),
    "altered with its manifest": (altered_in_manifest_too, "签到 表.txt", "extra or altered"),
    "missing": (missing, "签到 表.txt", "not in the package"),
    "extra": (extra, "多余 文件.txt", "not in the manifest"),
    "extra in the manifest": (extra_in_manifest, "多余 文件.txt", "not among the evidence files"),
    "zip-slip": (slip, "../../逃逸.txt", "leaves the folder"),
    "absolute": (absolute, "/etc/cron.d/evil", "absolute path"),
    "symlink": (link, "签到 表.txt", "is a link"),
    "encrypted": (encrypted, "签到 表.txt", "is encrypted"),
    "duplicate": (duplicate, "签到 表.txt", "appears twice"),
    "bomb": (bomb, "照片 A.jpg", "unpacks to"),
    "lying bomb": (lying_bomb, "照片 A.jpg", "照片 A.jpg"),
}


@pytest.mark.parametrize("case", CASES)
def test_doubtful_package_is_refused_whole_naming_file_and_entry(pkg, province, tmp_path, capsys, case):
    change, entry, reason = CASES[case]
    bad = _rewrite(pkg, tmp_path / f"坏 包 {case}.zip", change)
    before = digest(province)
    listing = sorted(p.name for p in tmp_path.iterdir())
    t0 = time.perf_counter()
    code, out, err = run(capsys, "import-package", "--db", province, bad)
    took = time.perf_counter() - t0
    assert code == 2 and out == ""
    [line] = err.splitlines()
    assert line.startswith("jlip: refused: ") and bad.name in line and entry in line and reason in line, line
    assert digest(province) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing  # nothing written anywhere
    if "bomb" in case:
        assert took < 2, f"{case} refused in {took:.2f} s"


@pytest.mark.parametrize("damage", ["truncated", "not a zip", "empty"])
def test_truncated_or_non_zip_package_is_refused(pkg, province, tmp_path, capsys, damage):
    bad = tmp_path / f"{damage} 包.zip"
    data = pkg.read_bytes()
    bad.write_bytes({"truncated": data[: len(data) // 2], "not a zip": b"%PDF-1.4 nope" * 50, "empty": b""}[damage])
    before = digest(province)
    code, out, err = run(capsys, "import-package", "--db", province, bad)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert bad.name in err and "not a zip file" in err
    assert digest(province) == before


def test_package_whose_workbook_is_a_bomb_is_refused_naming_both(pkg, province, tmp_path, capsys):
    def bomb_workbook(entries, m):
        i = next(k for k, e in enumerate(entries) if e.name.endswith(".xlsx"))
        inner = tmp_path / "inner.xlsx"
        write_zip(inner, [bomb_entry("xl/worksheets/sheet2.xml", 1024**3)])
        data = inner.read_bytes()
        inner.unlink()
        entries[i] = deflate_entry(entries[i].name, data)
        for d in m["entries"]:
            if d["path"] == entries[i].name:
                d["sha256"], d["size"] = hashlib.sha256(data).hexdigest(), len(data)
        return entries, m

    bad = _rewrite(pkg, tmp_path / "表格 炸弹.zip", bomb_workbook)
    with Store(province) as prov:
        [res] = importer.import_workbooks(prov, [bad])
    assert res.outcome == "refused" and res.code.startswith("zip."), res
    assert res.params["entry"].endswith("评估表（第1版）.xlsx") and "sheet2.xml" in res.message


def test_package_with_a_template_or_edited_workbook_is_refused(pkg, province, tmp_path, capsys):
    def edit_workbook(entries, m):
        i = next(k for k, e in enumerate(entries) if e.name.endswith(".xlsx"))
        entries[i] = deflate_entry(entries[i].name, b"PK junk")
        return entries, m

    bad = _rewrite(pkg, tmp_path / "表格 坏.zip", edit_workbook)
    code, _, err = run(capsys, "import-package", "--db", province, bad)
    assert code == 2 and "评估表（第1版）.xlsx" in err and "altered" in err


# -- the two-phase batch for the GUI ----------------------------------------------------

def test_batch_asks_before_replacing_and_applies_only_what_was_confirmed(county, pkg, province, tmp_path):
    db = Path(shutil.copy(county[0], tmp_path / "县 副本.sqlite"))
    aid = county[1]
    with Store(db) as st:
        st.add_evidence(aid, 7, "补充 材料.txt", b"second revision")
        r2 = package.export_package(st, aid, tmp_path / "第二版 包.zip")
        plain = xlsx.export_assessment(st, aid, tmp_path / "第三版.xlsx")
    junk = tmp_path / "坏.zip"
    junk.write_bytes(b"junk")
    with Store(province) as prov:
        before = digest(province)
        plan = importer.check_files(prov, [pkg, r2, junk])
        assert digest(province) == before  # checking writes nothing
        [q] = plan.questions
        assert q.path == r2 and q.existing_id is None and q.existing_revision == 1 and q.revision > 1
        rev = q.revision
        assert q.status == "draft" and q.points_total == 44
        results = importer.apply_plan(prov, plan, replace=[r2])
        assert [r.outcome for r in results] == ["imported", "replaced", "refused"]
        assert results[2].code == "zip.not_zip" and results[2].params["file"] == "坏.zip"
        [a] = prov.list_assessments()
        assert a.source_revision == rev and len(prov.evidence(a.id)) == 6
        # a plain workbook of a later revision: confirmed replace, evidence then not received
        plan = importer.check_files(prov, [plain])
        [q] = plan.questions
        assert (q.existing_id, q.existing_revision, q.revision) == (a.id, rev, rev + 1)
        [res] = importer.apply_plan(prov, plan, replace=False)
        assert res.outcome == "exists" and res.code == "import.exists"
        [res] = importer.apply_plan(prov, importer.check_files(prov, [plain]), replace=True)
        assert res.outcome == "replaced" and res.evidence_listed == 6 and res.evidence_received == 0
        assert [i.received for i in evidence_status(prov, a.id)] == [False] * 6


def test_export_package_over_the_size_limit_is_refused_before_writing(county, tmp_path, monkeypatch):
    db, aid = county
    monkeypatch.setattr(package, "MAX_EVIDENCE_FILE", 1000)
    with Store(db) as st:
        before_rev = st.assessment(aid).export_revision
        with pytest.raises(BadInput) as e:
            package.export_package(st, aid, tmp_path / "太大.zip")
        assert e.value.code == "package.evidence_too_large"
        assert e.value.params["limit"] == 1000 and e.value.params["point"] == 3 and e.value.params["size"] > 1000
        assert st.assessment(aid).export_revision == before_rev
    monkeypatch.setattr(package, "MAX_EVIDENCE_FILE", 100 * 1024 * 1024)
    monkeypatch.setattr(package, "MAX_PACKAGE_BYTES", 20_000)
    with Store(db) as st, pytest.raises(BadInput) as e:
        package.export_package(st, aid, tmp_path / "太大.zip")
    assert e.value.code == "package.too_large" and e.value.params["limit"] == 20_000
    assert e.value.params["limit_mb"] == "0" and float(e.value.params["size_mb"]) > 0
    assert not (tmp_path / "太大.zip").exists()


def test_evidence_add_is_all_or_nothing(tmp_path, capsys):
    db = tmp_path / "库.sqlite"
    Store(db, create=True).close()
    aid = run(capsys, "new", "--db", db, "--region", "220100", "--year", "2021")[1].strip()
    good = tmp_path / "好 文件.pdf"
    good.write_bytes(b"%PDF")
    before = digest(db)
    code, out, err = run(capsys, "evidence-add", "--db", db, "--id", aid, "5", good, tmp_path / "没有.pdf")
    assert code == 2 and out == "" and "没有.pdf" in err and err.count("\n") == 1
    assert digest(db) == before
    code, out, _ = run(capsys, "evidence-add", "--db", db, "--id", aid, "（5）", good)
    assert code == 0 and "好 文件.pdf" in out
    assert json.loads(run(capsys, "evidence-list", "--db", db, "--id", aid, "--json")[1]) == [
        {"point": 5, "name": "好 文件.pdf", "size": 4, "sha256": hashlib.sha256(b"%PDF").hexdigest(),
         "received": True}]


# -- schema 4 --------------------------------------------------------------------------

def test_a_schema_3_database_migrates_to_hold_the_expected_evidence(tmp_path):
    p = tmp_path / "三 版.sqlite"
    con = sqlite3.connect(p, isolation_level=None)
    con.execute("BEGIN")
    schema.migrate(con, 0, 3)
    con.execute("INSERT INTO meta(key, value) VALUES ('app', 'jlip-desktop')")
    con.execute("COMMIT")
    con.close()
    with Store(p) as st:
        assert st.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        cols = [r[1] for r in st.conn.execute("PRAGMA table_info(evidence_expected)")]
        assert cols == ["id", "assessment_id", "point", "filename", "size", "sha256"]
        aid = st.new_assessment("220100", 2021)
        st.conn.execute("INSERT INTO evidence_expected(assessment_id, point, filename, size, sha256) "
                        "VALUES (?, 1, 'a.pdf', 1, 'x')", (aid,))
        st.delete_assessment(aid)
        assert st.conn.execute("SELECT count(*) FROM evidence_expected").fetchone()[0] == 0  # cascades
    assert list((tmp_path / "backups").glob("*.sqlite"))


def test_mutated_packages_end_in_import_or_refusal(pkg, tmp_path):
    """Seeded byte flips and truncations of a package: an import or a refusal with a code, never an internal error."""
    import random

    rnd = random.Random(1313)
    raw = pkg.read_bytes()
    outcomes: dict[str, int] = {}
    db = tmp_path / "省 模糊.sqlite"
    with Store(db, create=True) as prov:
        for i in range(80):
            data = bytearray(raw)
            if i % 4 == 3:
                data = data[: rnd.randrange(len(data))]
            else:
                for _ in range(rnd.randint(1, 6)):
                    data[rnd.randrange(len(data))] ^= rnd.randint(1, 255)
            p = tmp_path / f"变异 {i:02d}.zip"
            p.write_bytes(bytes(data))
            before = "\n".join(prov.conn.iterdump())
            [res] = importer.import_workbooks(prov, [p])
            assert res.code != importer.UNREADABLE, (p.name, res.message)
            if res.outcome == "refused":
                assert "\n".join(prov.conn.iterdump()) == before
            outcomes[res.outcome] = outcomes.get(res.outcome, 0) + 1
            p.unlink()
    assert outcomes.get("refused", 0) >= 60, outcomes
