"""Several schemes in one database: catalog-install, catalogs, new --catalog."""

import json
import sqlite3

from second_scheme import SECOND_ID, second_raw, write_second

from jlip_desktop.cli import main
from jlip_desktop.core.catalog import parse_catalog


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _dump(db):
    con = sqlite3.connect(db)
    try:
        return [con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in ("catalogues", "assessments")]
    finally:
        con.close()


def test_second_scheme_is_valid_and_unlike_the_first():
    cat = parse_catalog(json.dumps(second_raw(), ensure_ascii=False))
    assert len(cat.primary) == 3 and cat.total_max == 120 and cat.veto_points == [5] and cat.tie_break == 2
    assert cat.points[9].requires == (8,) and cat.points[4].step == 1


def test_install_beside_the_first_and_score_each_assessment_by_its_own(tmp_path, capsys):
    db = tmp_path / "两 套方案.sqlite"
    assert run(capsys, "init", "--db", db)[0] == 0
    code, out, _ = run(capsys, "catalog-install", "--db", db, write_second(tmp_path))
    assert code == 0 and "installed" in out
    code, out, _ = run(capsys, "catalogs", "--db", db, "--json")
    listed = json.loads(out)
    assert [c["id"] for c in listed] == [SECOND_ID, "jilin-2021"] and listed[0]["points"] == 9
    assert listed[0]["year"] == 2023 and listed[0]["max"] == 120
    code, out, _ = run(capsys, "catalogs", "--db", db)
    assert code == 0 and "测试方案" in out and "jilin-2021" in out

    old = int(run(capsys, "new", "--db", db, "--region", "220100", "--year", 2021)[1])
    default_new = int(run(capsys, "new", "--db", db, "--region", "220200", "--year", 2024)[1])
    chosen_old = int(run(capsys, "new", "--db", db, "--region", "220300", "--year", 2024, "--catalog", "jilin-2021")[1])
    shows = {i: json.loads(run(capsys, "show", "--db", db, "--id", i, "--json")[1]) for i in (old, default_new, chosen_old)}
    assert shows[old]["catalog"] == "jilin-2021" and shows[chosen_old]["catalog"] == "jilin-2021"
    assert shows[default_new]["catalog"] == SECOND_ID and shows[default_new]["score"]["max"] == 120

    # Point 4 of the second scheme is graded 0..10 in steps of 1; in jilin-2021 it is yes/no.
    code, _, err = run(capsys, "set", "--db", db, "--id", default_new, "4", "11")
    assert code == 2 and "0 to 10 in steps of 1" in err
    assert run(capsys, "set", "--db", db, "--id", default_new, "4", "7")[0] == 0
    assert run(capsys, "set", "--db", db, "--id", old, "4", "true")[0] == 0
    assert run(capsys, "set", "--db", db, "--id", old, "4", "7")[0] == 2
    s_new = json.loads(run(capsys, "show", "--db", db, "--id", default_new, "--json")[1])["score"]
    s_old = json.loads(run(capsys, "show", "--db", db, "--id", old, "--json")[1])["score"]
    assert s_new["total"] == 7.0 and set(s_new["primary"]) == {"1", "2", "3"}
    assert s_old["total"] == 2.0 and s_old["max"] == 100 and len(s_old["points"]) == 44


def test_a_year_before_every_scheme_but_the_first_gets_the_first(tmp_path, capsys):
    db = tmp_path / "d.sqlite"
    run(capsys, "init", "--db", db)
    run(capsys, "catalog-install", "--db", db, write_second(tmp_path))
    aid = run(capsys, "new", "--db", db, "--region", "220100", "--year", 2022)[1].strip()
    assert json.loads(run(capsys, "show", "--db", db, "--id", aid, "--json")[1])["catalog"] == "jilin-2021"


def test_conflicting_or_broken_installs_exit_2_and_change_nothing(tmp_path, capsys):
    db = tmp_path / "d.sqlite"
    run(capsys, "init", "--db", db)
    first = write_second(tmp_path)
    assert run(capsys, "catalog-install", "--db", db, first)[0] == 0
    before = _dump(db)
    code, out, _ = run(capsys, "catalog-install", "--db", db, first)
    assert code == 0 and "same content" in out and _dump(db) == before

    changed = second_raw()
    changed["title"] = "另一个测试方案"
    other = tmp_path / "另一个.json"
    other.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "catalog-install", "--db", db, other)
    assert code == 2 and len(err.splitlines()) == 1 and "already installed" in err and _dump(db) == before

    shipped_id = second_raw(cid="jilin-2021")
    clash = tmp_path / "冒名.json"
    clash.write_text(json.dumps(shipped_id, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "catalog-install", "--db", db, clash)
    assert code == 2 and "jilin-2021" in err and _dump(db) == before

    cyc = second_raw(cid="cycle-2023")
    cyc["primary"][2]["secondary"][0]["tertiary"][0]["points"][0]["requires"] = [9]
    bad = tmp_path / "环.json"
    bad.write_text(json.dumps(cyc, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "catalog-install", "--db", db, bad)
    assert code == 2 and "cycle" in err and _dump(db) == before

    code, _, err = run(capsys, "catalog-install", "--db", db, tmp_path / "无.json")
    assert code == 2 and _dump(db) == before


def test_jlip_submit_exits_2_on_a_broken_requires_rule_and_score_json_lists_it(tmp_path, capsys):
    from jlip_desktop.core.catalog import get_catalog
    from jlip_desktop.core.scoring import answers_to_json, best_value

    cat = get_catalog("jilin-2021")
    answers = {n: best_value(p) for n, p in cat.points.items()}
    answers[16] = False
    doc = {"format": "jlip-answers/1", "catalog": "jilin-2021", "answers": answers_to_json(answers)}
    f = tmp_path / "答案 17 无 16.json"
    f.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "score", f, "--json")
    js = json.loads(out)
    assert code == 0 and js["total"] == 96.0 and [p["point"] for p in js["problems"]] == [17]
    code, out, _ = run(capsys, "score", f)
    assert "problem point (17) requires point (16)" in out

    db = tmp_path / "d.sqlite"
    run(capsys, "init", "--db", db)
    aid = run(capsys, "new", "--db", db, "--region", "220100", "--year", 2021)[1].strip()
    for n, v in answers_to_json(answers).items():
        assert run(capsys, "set", "--db", db, "--id", aid, n, json.dumps(v, ensure_ascii=False))[0] == 0
    before = _dump(db)
    code, _, err = run(capsys, "submit", "--db", db, "--id", aid)
    assert code == 2 and len(err.splitlines()) == 1 and "(17)" in err and "(16)" in err
    assert _dump(db) == before
    show = json.loads(run(capsys, "show", "--db", db, "--id", aid, "--json")[1])
    assert show["status"] == "draft" and show["score"]["problems"][0]["requires"] == 16
