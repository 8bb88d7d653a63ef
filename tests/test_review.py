"""The province's review layer, its workbook back to the county, and the command line over them."""

import json
import random
import sqlite3
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from jlip_desktop.cli import main
from jlip_desktop.core import review
from jlip_desktop.core.catalog import get_catalog
from jlip_desktop.core.scoring import answers_to_json, best_value, score, value_to_json, worst_value
from jlip_desktop.core.store import SCHEMA_VERSION, Store
from jlip_desktop.exchange import xlsx

REGION, YEAR = "220102", 2022  # 南关区


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _full_answers(seed: int = 0):
    cat = get_catalog()
    rnd = random.Random(seed)
    return {n: rnd.choice([best_value(p), worst_value(p)]) for n, p in cat.points.items()}


def _county_and_province(tmp_path, answers=None, status="submitted"):
    """A county database with one exported assessment, and a province database that imported it."""
    county, province = tmp_path / "县 库.db", tmp_path / "省 库.db"
    with Store(county, create=True) as st:
        aid = st.new_assessment(REGION, YEAR, "张三", answers=answers if answers is not None else _full_answers())
        if status == "submitted":
            st.submit(aid)
        wb = xlsx.export_assessment(st, aid, tmp_path / "南关区 2022.xlsx")
    with Store(province, create=True) as st:
        (res,) = xlsx.import_workbooks(st, [wb])
        assert res.outcome == "imported", res.message
        pid = res.assessment_id
    return county, aid, province, pid


def _db_bytes(path):
    return path.read_bytes()


def test_set_on_an_imported_assessment_exits_2_and_changes_nothing(tmp_path, capsys):
    _, _, province, pid = _county_and_province(tmp_path, status="draft")
    before = _db_bytes(province)
    for argv in (["set", "--db", province, "--id", pid, "10", "3"], ["set", "--db", province, "--id", pid, "10", "--clear"],
                 ["set", "--db", province, "--id", pid, "10", "--note", "省里改的"],
                 ["submit", "--db", province, "--id", pid]):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == "" and "imported" in err and err.count("\n") == 1, err
    assert _db_bytes(province) == before
    submitted = tmp_path / "已提交"
    submitted.mkdir()
    _, _, province2, pid2 = _county_and_province(submitted)
    before = _db_bytes(province2)
    code, _, err = run(capsys, "reopen", "--db", province2, "--id", pid2, "--reason", "省里想改")
    assert code == 2 and "imported" in err
    assert _db_bytes(province2) == before


def test_review_value_above_the_maximum_exits_2_and_changes_nothing(tmp_path, capsys):
    _, _, province, pid = _county_and_province(tmp_path)
    cat = get_catalog()
    graded = next(n for n, p in cat.points.items() if p.kind == "graded")
    before = _db_bytes(province)
    above = str(cat.points[graded].max + 1)
    code, _, err = run(capsys, "review", "--db", province, "--id", pid, graded, "--value", above, "--comment", "超了")
    assert code == 2 and f"point ({graded})" in err and err.count("\n") == 1
    for bad in (["--value", "null"], ["--accept", "--issue"], []):
        assert run(capsys, "review", "--db", province, "--id", pid, graded, *bad)[0] == 2
    assert _db_bytes(province) == before


def test_approve_with_an_open_issue_exits_2_and_changes_nothing(tmp_path, capsys):
    _, _, province, pid = _county_and_province(tmp_path)
    assert run(capsys, "review", "--db", province, "--id", pid, "5", "--issue", "--comment", "缺少佐证")[0] == 0
    before = _db_bytes(province)
    code, _, err = run(capsys, "review-decide", "--db", province, "--id", pid, "--approve")
    assert code == 2 and "(5)" in err and "issue" in err
    assert _db_bytes(province) == before
    assert run(capsys, "review", "--db", province, "--id", pid, "5", "--accept")[0] == 0
    assert run(capsys, "review-decide", "--db", province, "--id", pid, "--approve")[0] == 0


def test_only_imported_assessments_are_reviewed(tmp_path, capsys):
    county, aid, _, _ = _county_and_province(tmp_path)
    before = _db_bytes(county)
    code, _, err = run(capsys, "review", "--db", county, "--id", aid, "5", "--accept")
    assert code == 2 and "only imported" in err
    assert run(capsys, "review-decide", "--db", county, "--id", aid, "--return")[0] == 2
    assert _db_bytes(county) == before


@pytest.mark.parametrize("seed", range(25))
def test_verified_total_is_the_scoring_core_on_the_adjusted_answers(tmp_path, seed):
    cat = get_catalog()
    rnd = random.Random(seed)

    def random_value(p):
        if p.kind == "yesno":
            return rnd.random() < 0.5
        if p.kind == "count":
            return rnd.randint(0, 6)
        if p.kind == "domains":
            return tuple(d for d in p.domains if rnd.random() < 0.4)
        steps = int(p.max / p.step)
        return p.step * rnd.randint(0, steps)

    answers = {n: random_value(p) for n, p in cat.points.items() if rnd.random() < 0.9}
    with Store(tmp_path / "p.db", create=True) as st:
        aid = st.import_assessment(REGION, YEAR, cat.id, answers, {}, status="submitted", revision=1)
        expected = dict(answers)
        for n in rnd.sample(sorted(cat.points), rnd.randint(1, 20)):
            p = cat.points[n]
            kind = rnd.choice(["accept", "adjust", "issue", "adjust"])
            if kind == "adjust":
                v = random_value(p)
                review.set_verdict(st, aid, n, "adjust", value_to_json(v), "核定")
                expected[n] = v
            else:
                review.set_verdict(st, aid, n, kind, None, "")
        # a verdict changed back: the adjustment is gone, the county's answer counts again
        n = next(iter(review.review_state(st, aid).points))
        review.clear_verdict(st, aid, n)
        expected.pop(n, None)
        if n in answers:
            expected[n] = answers[n]
        want = score(cat, expected)
        got = review.verified_score(st, aid)
        assert got.total == want.total and got.points == want.points and got.grade == want.grade
        assert review.verified_answers(st, aid) == dict(sorted(expected.items()))
        assert st.score(aid).total == score(cat, answers).total  # the county's answers untouched


def test_schema_1_and_2_files_migrate_to_the_review_tables(tmp_path):
    import shutil
    from pathlib import Path

    from jlip_desktop.core import schema

    v1 = tmp_path / "旧 库 v1.sqlite"
    shutil.copyfile(Path(__file__).parent / "fixtures" / "jlip-v1.sqlite", v1)
    v2 = tmp_path / "旧 库 v2.sqlite"
    conn = sqlite3.connect(v2, isolation_level=None)
    conn.execute("BEGIN")
    schema.migrate(conn, 0, 2)
    conn.execute("INSERT INTO meta(key, value) VALUES ('app', 'jlip-desktop')")
    conn.execute("COMMIT")
    conn.close()
    for db in (v1, v2):
        with Store(db) as st:
            assert st.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 3
            assert {"reviews", "review_points"} <= {r[0] for r in st.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            for a in st.list_assessments():
                assert review.review_state(st, a.id).status == ("pending" if a.imported else "none")
            aid = st.import_assessment(REGION, 2030, "jilin-2021", {1: True}, {}, revision=1)
            review.set_verdict(st, aid, 1, "issue", comment="看看")
            st.delete_assessment(aid)
            assert st.conn.execute("SELECT count(*) FROM review_points").fetchone()[0] == 0


def _edit_data_sheet(path, key, mutate):
    wb = load_workbook(path)
    ws = wb["jlip-data"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == key:
            row[1].value = json.dumps(mutate(json.loads(row[1].value)), ensure_ascii=False, sort_keys=True)
    wb.save(path)


def test_a_tampered_review_or_another_revision_is_refused_at_the_county(tmp_path, capsys):
    county, aid, province, pid = _county_and_province(tmp_path)
    run(capsys, "review", "--db", province, "--id", pid, "5", "--issue", "--comment", "缺少佐证")
    run(capsys, "review-decide", "--db", province, "--id", pid, "--return", "--comment", "请补充")
    good = tmp_path / "审核 结果.xlsx"
    assert run(capsys, "export-review", "--db", province, "--id", pid, "-o", good)[0] == 0
    before = _db_bytes(county)

    tampered = tmp_path / "改过的 审核.xlsx"
    tampered.write_bytes(good.read_bytes())
    _edit_data_sheet(tampered, "status", lambda s: "approved")
    code, _, err = run(capsys, "import-review", "--db", county, tampered)
    assert code == 2 and "checksum" in err and err.count("\n") == 1

    visible = tmp_path / "改过的 意见.xlsx"
    wb = load_workbook(good)
    ws = wb[review_sheet()]
    for row in ws.iter_rows():
        if row[0].value == 5:
            row[8].value = "没问题"
    wb.save(visible)
    code, _, err = run(capsys, "import-review", "--db", county, visible)
    assert code == 2 and "(5)" in err

    # the county exported again: the review is of an older revision
    with Store(county) as st:
        xlsx.export_assessment(st, aid, tmp_path / "rev2.xlsx")
    before = _db_bytes(county)
    code, _, err = run(capsys, "import-review", "--db", county, good)
    assert code == 2 and "revision 1" in err and "revision 2" in err
    assert _db_bytes(county) == before

    # another region
    other = tmp_path / "other.db"
    with Store(other, create=True) as st:
        st.new_assessment("220100", YEAR, answers=_full_answers())
    before = _db_bytes(other)
    code, _, err = run(capsys, "import-review", "--db", other, good)
    assert code == 2 and "no assessment" in err
    assert _db_bytes(other) == before
    assert run(capsys, "import-review", "--db", other, tmp_path / "none.xlsx")[0] == 2


def review_sheet():
    from jlip_desktop.exchange.review_xlsx import REVIEW_SHEET

    return REVIEW_SHEET


def test_the_whole_loop_through_the_command_line(tmp_path, capsys):
    from jlip_desktop.core.chartdata import ranking

    county, province = tmp_path / "南关区 县库.db", tmp_path / "吉林省 省库.db"
    assert run(capsys, "init", "--db", county)[0] == 0
    assert run(capsys, "init", "--db", province)[0] == 0
    code, out, _ = run(capsys, "new", "--db", county, "--region", REGION, "--year", YEAR, "--assessor", "张三")
    aid = out.strip()
    cat = get_catalog()
    answers = answers_to_json({n: best_value(p) for n, p in cat.points.items()})
    for n, v in answers.items():
        if n == "19":
            continue
        assert run(capsys, "set", "--db", county, "--id", aid, n, json.dumps(v, ensure_ascii=False))[0] == 0
    code, _, err = run(capsys, "submit", "--db", county, "--id", aid)
    assert code == 2 and "(19)" in err
    assert run(capsys, "set", "--db", county, "--id", aid, "19", answers["19"])[0] == 0
    max19 = float(cat.points[19].max)
    assert run(capsys, "submit", "--db", county, "--id", aid)[0] == 0
    evidence = tmp_path / "证据 材料"
    evidence.mkdir()
    (evidence / "案件 清单.pdf").write_bytes(b"%PDF-1.4 cases " * 100)
    assert run(capsys, "evidence-add", "--db", county, "--id", aid, "19", evidence / "案件 清单.pdf")[0] == 2  # locked
    assert run(capsys, "reopen", "--db", county, "--id", aid, "--reason", "补充佐证")[0] == 0
    assert run(capsys, "evidence-add", "--db", county, "--id", aid, "19", evidence / "案件 清单.pdf")[0] == 0
    assert run(capsys, "submit", "--db", county, "--id", aid)[0] == 0
    wb1 = tmp_path / "南关区 2022 第1版.zip"
    assert run(capsys, "export-package", "--db", county, "--id", aid, "-o", wb1)[0] == 0

    # province: import, review with an issue and an adjustment, return
    code, out, _ = run(capsys, "import-package", "--db", province, wb1)
    assert code == 0, out
    shown = json.loads(run(capsys, "show", "--db", province, "--id", 1, "--json")[1])
    pid = shown["id"]
    assert shown["review_status"] == "pending" and shown["verified_total"] is None and shown["catalog"] == cat.id
    assert shown["review"]["status"] == "pending" and shown["review"]["verified"] is None
    assert run(capsys, "review", "--db", province, "--id", pid, "19", "--value", "3.5", "--comment", "案件数核减")[0] == 0
    assert run(capsys, "review", "--db", province, "--id", pid, "5", "--issue", "--comment", "缺少报送记录")[0] == 0
    assert run(capsys, "review", "--db", province, "--id", pid, "1", "--accept")[0] == 0
    shown = json.loads(run(capsys, "show", "--db", province, "--id", pid, "--json")[1])
    assert shown["verified_total"] == 100 - (max19 - 3.5) and shown["total"] == 100.0
    assert shown["review"]["points"]["19"] == {"verdict": "adjust", "value": 3.5, "comment": "案件数核减"}
    assert shown["review"]["points"]["5"]["verdict"] == "issue"
    assert shown["review"]["verified"]["total"] == 100 - (max19 - 3.5)
    text = run(capsys, "show", "--db", province, "--id", pid)[1]
    assert "review  pending, verified total" in text and "review: adjust 3.5 — 案件数核减" in text
    assert "review: issue — 缺少报送记录" in text
    assert run(capsys, "review-decide", "--db", province, "--id", pid, "--approve")[0] == 2
    assert run(capsys, "review-decide", "--db", province, "--id", pid, "--return", "--comment", "请补充第5项")[0] == 0
    listed = json.loads(run(capsys, "list", "--db", province, "--json")[1])
    assert [(r["review_status"], r["verified_total"]) for r in listed] == [("returned", 100 - (max19 - 3.5))]
    back = tmp_path / "审核 结果 第1版.xlsx"
    assert run(capsys, "export-review", "--db", province, "--id", pid, "-o", back)[0] == 0

    # county: import the review, the assessment reopens; fix point 5 and 19, resubmit, export revision 2
    code, out, _ = run(capsys, "import-review", "--db", county, back)
    assert code == 0 and "reopened" in out
    shown = json.loads(run(capsys, "show", "--db", county, "--id", aid, "--json")[1])
    assert shown["status"] == "draft" and shown["review_status"] == "returned"
    assert shown["review"]["comment"] == "请补充第5项" and shown["review"]["points"]["5"]["comment"] == "缺少报送记录"
    assert run(capsys, "set", "--db", county, "--id", aid, "19", "3.5", "--note", "按省里核定")[0] == 0
    assert run(capsys, "set", "--db", county, "--id", aid, "5", "true", "--note", "补充了报送记录")[0] == 0
    (evidence / "报送 记录.docx").write_bytes(b"PK reports " * 50)
    assert run(capsys, "evidence-add", "--db", county, "--id", aid, "5", evidence / "报送 记录.docx")[0] == 0
    assert run(capsys, "submit", "--db", county, "--id", aid)[0] == 0
    wb2 = tmp_path / "南关区 2022 第2版.zip"
    assert run(capsys, "export-package", "--db", county, "--id", aid, "-o", wb2)[0] == 0

    # province: the new revision replaces the answers, the earlier review goes to the history
    assert run(capsys, "import-package", "--db", province, wb2, "--replace")[0] == 0
    county_files = json.loads(run(capsys, "evidence-list", "--db", county, "--id", aid, "--json")[1])
    province_files = json.loads(run(capsys, "evidence-list", "--db", province, "--id", pid, "--json")[1])
    assert [(f["point"], f["name"], f["sha256"]) for f in province_files] == \
        [(f["point"], f["name"], f["sha256"]) for f in county_files] and len(county_files) == 2
    assert all(f["received"] for f in province_files)
    listed = json.loads(run(capsys, "list", "--db", province, "--json")[1])
    (row,) = listed
    pid = row["id"]
    assert row["review_status"] == "pending" and row["verified_total"] is None and row["source_revision"] == 2
    with Store(province) as st:
        (earlier,) = review.earlier_reviews(st, pid)
        assert earlier["revision"] == 1 and earlier["status"] == "returned" and earlier["comment"] == "请补充第5项"
        archived = [e for e in st.audit(pid) if e.action == "review-archived"]
        assert len(archived) == 1 and json.loads(archived[0].detail)["status"] == "returned"
        assert json.loads(archived[0].detail)["points"]["5"]["comment"] == "缺少报送记录"
    assert run(capsys, "review", "--db", province, "--id", pid, "5", "--accept", "--comment", "已补充")[0] == 0
    assert run(capsys, "review", "--db", province, "--id", pid, "9", "--value", '["专利","商标"]',
               "--comment", "只认两个领域")[0] == 0
    assert run(capsys, "review-decide", "--db", province, "--id", pid, "--approve", "--comment", "同意")[0] == 0
    shown = json.loads(run(capsys, "show", "--db", province, "--id", pid, "--json")[1])
    assert shown["review_status"] == "approved"
    verified = shown["verified_total"]
    assert verified < shown["total"] == 100 - (max19 - 3.5)
    with Store(province) as st:
        rows = ranking(st, YEAR)
        assert [(r.assessment_id, float(r.total), r.basis_label) for r in rows] == [(pid, verified, "核定")]
        assert rows[0].self_total == 100 - (cat.points[19].max - Decimal("3.5"))
        hist = [e.action for e in st.audit(pid)]
    assert hist[-3:] == ["review", "review", "review-approve"]
    report = tmp_path / "全省 报告.pdf"
    assert run(capsys, "province-pdf", "--db", province, "--year", YEAR, "-o", report)[0] == 0
    text = subprocess.run(["pdftotext", "-raw", str(report), "-"], capture_output=True, check=True, text=True,
                          encoding="utf-8").stdout
    assert "核定" in text and f"{verified:.1f}" in text
    # the county sees the approval too
    ok = tmp_path / "审核 结果 第2版.xlsx"
    assert run(capsys, "export-review", "--db", province, "--id", pid, "-o", ok)[0] == 0
    code, out, _ = run(capsys, "import-review", "--db", county, ok)
    assert code == 0 and "reopened" not in out
    shown = json.loads(run(capsys, "show", "--db", county, "--id", aid, "--json")[1])
    assert shown["status"] == "submitted" and shown["review_status"] == "approved"
    assert shown["verified_total"] == verified


def test_a_verdict_after_the_decision_sets_the_review_back_to_pending(tmp_path):
    _, _, province, pid = _county_and_province(tmp_path)
    with Store(province) as st:
        review.decide(st, pid, "approve", "好")
        assert review.review_state(st, pid).status == "approved"
        assert review.verified_score(st, pid).total == st.score(pid).total
        review.set_verdict(st, pid, 5, "issue", comment="再看看")
        state = review.review_state(st, pid)
        assert state.status == "pending" and state.open_issues == [5]
        with pytest.raises(review.ReviewError) as e:
            review.set_verdict(st, pid, 5, "adjust", None)
        assert e.value.code == "review.no_value"
        with pytest.raises(review.ReviewError):
            review.set_verdict(st, pid, 5, "accept", True)
        with pytest.raises(review.ReviewError):
            review.set_verdict(st, pid, 5, "maybe")


def test_export_review_needs_a_decision(tmp_path, capsys):
    _, _, province, pid = _county_and_province(tmp_path)
    code, _, err = run(capsys, "export-review", "--db", province, "--id", pid, "-o", tmp_path / "r.xlsx")
    assert code == 2 and "pending" in err and not (tmp_path / "r.xlsx").exists()


def test_submit_names_a_broken_requires_rule_and_reopen_needs_a_reason(tmp_path, capsys):
    db = tmp_path / "县.db"
    cat = get_catalog()
    answers = {n: best_value(p) for n, p in cat.points.items()}
    requiring = next(n for n, p in cat.points.items() if p.requires)
    needed = cat.points[requiring].requires[0]
    answers[needed] = worst_value(cat.points[needed])
    with Store(db, create=True) as st:
        aid = st.new_assessment(REGION, YEAR, answers=answers)
    before = _db_bytes(db)
    code, _, err = run(capsys, "submit", "--db", db, "--id", aid)
    assert code == 2 and f"({requiring})" in err and f"({needed})" in err and err.count("\n") == 1
    assert _db_bytes(db) == before
    assert run(capsys, "set", "--db", db, "--id", aid, needed, json.dumps(value_to_json(best_value(cat.points[needed]))))[0] == 0
    assert run(capsys, "submit", "--db", db, "--id", aid)[0] == 0
    assert run(capsys, "reopen", "--db", db, "--id", aid, "--reason", " ")[0] == 2
    assert run(capsys, "reopen", "--db", db, "--id", aid)[0] == 2
    assert run(capsys, "reopen", "--db", db, "--id", aid, "--reason", "补充材料")[0] == 0
    shown = json.loads(run(capsys, "show", "--db", db, "--id", aid, "--json")[1])
    assert shown["status"] == "draft" and shown["review_status"] == "none" and shown["verified_total"] is None
    assert shown["review"] == {"status": "none", "comment": "", "points": {}, "verified": None, "revision": None,
                               "origin": None, "decided_at": None}


def test_approving_verified_answers_that_break_a_requires_rule_is_refused(tmp_path):
    cat = get_catalog()
    requiring = next(n for n, p in cat.points.items() if p.requires)
    needed = cat.points[requiring].requires[0]
    _, _, province, pid = _county_and_province(tmp_path, answers={n: best_value(p) for n, p in cat.points.items()})
    with Store(province) as st:
        review.set_verdict(st, pid, needed, "adjust", value_to_json(worst_value(cat.points[needed])), "没做")
        with pytest.raises(review.ReviewError) as e:
            review.decide(st, pid, "approve")
        assert e.value.code == "review.requires" and review.review_state(st, pid).status == "pending"
        review.set_verdict(st, pid, requiring, "adjust", value_to_json(worst_value(cat.points[requiring])))
        assert review.decide(st, pid, "approve").status == "approved"


def test_review_changes_reach_the_store_listeners_after_commit(tmp_path):
    _, _, province, pid = _county_and_province(tmp_path)
    with Store(province) as st:
        seen = []
        st.subscribe(lambda ch: seen.append((ch.kind, ch.assessment_id, ch.point)))
        review.set_verdict(st, pid, 5, "issue", comment="缺")
        with pytest.raises(review.ReviewError):
            review.decide(st, pid, "approve")
        review.clear_verdict(st, pid, 5)
        review.decide(st, pid, "return", "补")
        assert seen == [("review", pid, 5), ("review", pid, 5), ("review", pid, None)]


def test_a_file_that_is_no_workbook_or_a_zip_bomb_is_refused_at_the_county(tmp_path, capsys):
    from zip_helpers import bomb_entry, write_zip

    county, _, _, _ = _county_and_province(tmp_path)
    before = _db_bytes(county)
    text = tmp_path / "审核 结果.xlsx"
    text.write_text("not a workbook", encoding="utf-8")
    bomb = tmp_path / "炸弹 审核.xlsx"
    write_zip(bomb, [bomb_entry("xl/worksheets/sheet1.xml", 200 * 1024 * 1024)])
    for f in (text, bomb, tmp_path):
        code, out, err = run(capsys, "import-review", "--db", county, f)
        assert code == 2 and out == "" and str(f) in err and err.count("\n") == 1, err
    assert _db_bytes(county) == before


def test_review_view_has_both_scores_per_point(tmp_path):
    cat = get_catalog()
    _, _, province, pid = _county_and_province(tmp_path, answers={n: best_value(p) for n, p in cat.points.items()})
    with Store(province) as st:
        view = review.review_view(st, pid)
        assert view.can_review and view.can_approve and not view.started
        assert view.self_score.total == view.verified.total == 100
        review.set_verdict(st, pid, 19, "adjust", 1, "核减")
        review.set_verdict(st, pid, 5, "issue", comment="缺")
        view = review.review_view(st, pid)
        assert view.started and not view.can_approve
        row = view.points[19]
        assert row.adjusted and row.self_score == cat.points[19].max and row.verified_score == 1
        assert view.points[5].issue and view.verified.total == 100 - cat.points[19].max + 1
        assert view.verified.total == review.verified_score(st, pid).total


def test_a_draft_from_the_county_can_be_returned_but_not_approved(tmp_path, capsys):
    _, _, province, pid = _county_and_province(tmp_path, status="draft")
    before = _db_bytes(province)
    code, _, err = run(capsys, "review-decide", "--db", province, "--id", pid, "--approve")
    assert code == 2 and "draft" in err
    assert _db_bytes(province) == before
    with Store(province) as st:
        assert not review.review_view(st, pid).can_approve
    assert run(capsys, "review-decide", "--db", province, "--id", pid, "--return", "--comment", "请提交后再报")[0] == 0
