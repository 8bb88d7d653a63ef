import json
import subprocess
import sys

import pytest

from jlip_desktop.cli import main
from jlip_desktop.core.catalog import get_catalog
from jlip_desktop.core.scoring import answers_to_json, best_value, worst_value


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _answers_file(tmp_path, answers, name="answers.json"):
    p = tmp_path / name
    doc = {"format": "jlip-answers/1", "catalog": "jilin-2021", "region": "220100", "year": 2021, "answers": answers}
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return p


def test_score_best_is_100_excellent_and_worst_is_0(tmp_path, capsys):
    cat = get_catalog()
    best = _answers_file(tmp_path, answers_to_json({n: best_value(p) for n, p in cat.points.items()}), "最好 答案.json")
    code, out, _ = run(capsys, "score", best, "--json")
    data = json.loads(out)
    assert code == 0 and data["total"] == 100.0 and data["grade"] == "优秀" and data["max"] == 100
    assert '"total": 100.0' in out
    assert set(data) >= {"total", "max", "grade", "vetoed", "answered", "unanswered", "primary", "secondary",
                         "tertiary", "points"}
    assert data["primary"]["3"] == {"score": 56.0, "max": 56.0}
    worst = _answers_file(tmp_path, answers_to_json({n: worst_value(p) for n, p in cat.points.items()}))
    code, out, _ = run(capsys, "score", worst, "--json")
    assert code == 0 and '"total": 0.0' in out and json.loads(out)["answered"] == 44


@pytest.mark.parametrize("answers, needle", [
    ({"10": -2}, "point (10)"), ({"10": 2.5}, "point (10)"), ({"9": ["版权"]}, "point (9)"),
    ({"19": 5.2}, "point (19)"), ({"24": 3.5}, "point (24)"), ({"50": 1}, "unknown point"), ({"1": "true"}, "point (1)"),
])
def test_score_bad_answers_exit_2_with_one_line(tmp_path, capsys, answers, needle):
    code, out, err = run(capsys, "score", _answers_file(tmp_path, answers))
    assert code == 2 and out == ""
    assert needle in err and err.count("\n") == 1


def test_score_missing_and_broken_files(tmp_path, capsys):
    assert run(capsys, "score", tmp_path / "none.json")[0] == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "score", bad)
    assert code == 2 and "not valid JSON" in err


def test_set_refused_leaves_database_unchanged(tmp_path, capsys):
    db = tmp_path / "库 目录" / "县 库.db"
    db.parent.mkdir()
    assert run(capsys, "init", "--db", db)[0] == 0
    code, out, _ = run(capsys, "new", "--db", db, "--region", "220102", "--year", 2022, "--assessor", "李四")
    aid = out.strip()
    assert code == 0 and aid.isdigit()
    assert run(capsys, "set", "--db", db, "--id", aid, "10", "3")[0] == 0
    before = db.read_bytes(), run(capsys, "show", "--db", db, "--id", aid, "--json")[1]
    for point, value in [("10", "-1"), ("10", "1.5"), ("9", '["版权"]'), ("19", "6.5"), ("60", "true"), ("1", "yes")]:
        code, out, err = run(capsys, "set", "--db", db, "--id", aid, point, value)
        assert code == 2 and err.count("\n") == 1, (point, value, err)
    assert run(capsys, "show", "--db", db, "--id", aid, "--json")[1] == before[1]


def test_every_set_adds_one_audit_entry(tmp_path, capsys):
    from jlip_desktop.core.store import Store

    db = tmp_path / "a.db"
    run(capsys, "init", "--db", db)
    aid = int(run(capsys, "new", "--db", db, "--region", "220100", "--year", 2021)[1])
    for args in (["1", "true"], ["1", "false"], ["9", '["专利","商标"]', "--note", "=HYPERLINK()"], ["9", "--clear"]):
        st = Store(db)
        n = len(st.audit(aid))
        st.close()
        assert run(capsys, "set", "--db", db, "--id", aid, *args)[0] == 0
        st = Store(db)
        log = st.audit(aid)
        st.close()
        assert len(log) == n + 1
    assert [(e.old, e.new) for e in log[-4:]] == [(None, "true"), ("true", "false"), (None, '["专利", "商标"]'),
                                                 ('["专利", "商标"]', None)]


def test_show_and_list_json(tmp_path, capsys):
    db = tmp_path / "a.db"
    run(capsys, "init", "--db", db)
    aid = run(capsys, "new", "--db", db, "--region", "220100", "--year", 2021)[1].strip()
    run(capsys, "set", "--db", db, "--id", aid, "19", "4.5", "--note", "案件 12 件")
    shown = json.loads(run(capsys, "show", "--db", db, "--id", aid, "--json")[1])
    assert shown["answers"] == {"19": 4.5} and shown["notes"] == {"19": "案件 12 件"}
    assert shown["score"]["total"] == 4.5 and shown["region_name"] == "长春市"
    listed = json.loads(run(capsys, "list", "--db", db, "--json")[1])
    assert [(r["id"], r["region"], r["region_name"], r["year"], r["status"], r["total"], r["grade"]) for r in listed] \
        == [(int(aid), "220100", "长春市", 2021, "draft", 4.5, "较差")]
    assert json.loads(run(capsys, "list", "--db", db, "--year", 2020, "--json")[1]) == []


def test_usage_errors_exit_2_with_one_line(tmp_path, capsys):
    for argv in (["new", "--db", tmp_path / "x.db"], ["bogus"], ["show", "--db", tmp_path / "x.db", "--id", "abc"],
                 ["new", "--db", tmp_path / "none.db", "--region", "220100", "--year", "2021"]):
        code, _, err = run(capsys, *argv)
        assert code == 2 and err.count("\n") == 1, argv


def test_console_entry_point_runs(tmp_path):
    out = subprocess.run([sys.executable, "-m", "jlip_desktop.cli", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("jlip ")


def test_contract_edges_exit_2_with_one_line(tmp_path, capsys):
    dup = tmp_path / "dup.json"
    dup.write_text('{"format": "jlip-answers/1", "answers": {"1": true, "1": false}}', encoding="utf-8")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    for argv, needle in (
        (["score", dup], "appears twice"),
        (["score", deep], "nested too deeply"),
        ([], "no verb given"),
        (["list", "--db", empty], "empty file"),
        (["show", "--db", tmp_path / "x.db", "--id", "-1"], "whole number from 1"),
    ):
        code, out, err = run(capsys, *argv)
        assert code == 2 and err.count("\n") == 1 and needle in err, (argv, err)
        assert not err.startswith("jlip: jlip")
    assert empty.read_bytes() == b""  # a read-only verb created nothing


def test_output_whose_folder_is_a_file_exits_2(tmp_path, capsys):
    (tmp_path / "file.txt").write_text("x")
    code, _, err = run(capsys, "template-xlsx", "-o", tmp_path / "file.txt" / "模板.xlsx")
    assert code == 2 and "can't write in" in err and err.count("\n") == 1


def test_delete_removes_the_assessment_and_refuses_an_unknown_id(tmp_path, capsys):
    db = tmp_path / "删除 测试.db"
    assert run(capsys, "init", "--db", db)[0] == 0
    code, out, _ = run(capsys, "new", "--db", db, "--region", "220100", "--year", "2021")
    aid = int(out)
    assert run(capsys, "set", "--db", db, "--id", aid, "1", "true")[0] == 0
    assert run(capsys, "delete", "--db", db, "--id", aid) == (0, "", "")
    code, out, err = run(capsys, "list", "--db", db, "--json")
    assert json.loads(out) == []
    code, out, err = run(capsys, "delete", "--db", db, "--id", aid)
    assert code == 2 and out == "" and err.count("\n") == 1 and f"no assessment with id {aid}" in err
    code, out, _ = run(capsys, "new", "--db", db, "--region", "220200", "--year", "2021")
    assert int(out) == aid + 1
