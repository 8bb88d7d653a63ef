"""jlip regions-import and import-answers: all or nothing, refusals name the line or entry."""

from __future__ import annotations

import json
import shutil

import pytest

from jlip_desktop.cli import main as jlip
from jlip_desktop.core.scoring import best_value, value_to_json
from jlip_desktop.core.store import Store


def run(capsys, *argv):
    code = jlip(list(map(str, argv)))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "数据 库.sqlite"
    Store(path, create=True).close()
    return path


def jilin_csv(store_path, tmp_path, edit=None, name="地区 表.csv"):
    """The database's current region list as a CSV (code,name,parent), optionally edited line by line."""
    with Store(store_path) as st:
        rows = [[r.code, r.name, r.parent or ""] for r in st.regions()]
    if edit:
        rows = edit(rows)
    path = tmp_path / name
    path.write_text("code,name,parent\n" + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


def snapshot(path):
    with Store(path) as st:
        return ([(r.code, r.name, r.short, r.name_en, r.parent, r.level) for r in st.regions()],
                [(a.id, a.region, a.year) for a in st.list_assessments()])


def test_same_list_changes_nothing_and_a_rename_keeps_the_assessments(db, tmp_path, capsys):
    with Store(db) as st:
        aid = st.new_assessment("220183", 2021)
    csv = jilin_csv(db, tmp_path)
    assert run(capsys, "regions-import", "--db", db, csv)[0] == 0

    def rename(rows):
        return [[c, "德惠市（新）" if c == "220183" else n, p] for c, n, p in rows]

    code, out, _ = run(capsys, "regions-import", "--db", db, jilin_csv(db, tmp_path, rename))
    assert code == 0 and "1 renamed" in out
    with Store(db) as st:
        assert st.region("220183").name == "德惠市（新）"
        assert st.assessment(aid).region == "220183" and st.score(aid) is not None


def test_a_renumbered_region_takes_its_assessments_along(db, tmp_path, capsys):
    with Store(db) as st:
        aid = st.new_assessment("220184", 2019)  # 公主岭市
        rows = [[r.code, r.name, r.parent or "", ""] for r in st.regions()]
    rows = [r if r[0] != "220184" else ["220185", "公主岭市", "220100", "220184"] for r in rows]
    path = tmp_path / "renumber.csv"
    path.write_text("code,name,parent,was\n" + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    code, out, err = run(capsys, "regions-import", "--db", db, path)
    assert code == 0, err
    assert "1 renumbered" in out
    with Store(db) as st:
        assert st.assessment(aid).region == "220185" and st.region("220184") is None


def test_a_move_keeps_the_assessments(db, tmp_path, capsys):
    # 长白山 (229901) moved under 白山市 (220600) as 220699 would change its code; a same-code move:
    # 公主岭市 220184 listed under the province directly (a county-level city run by the province).
    with Store(db) as st:
        aid = st.new_assessment("220184", 2021)

    def move(rows):
        return [[c, n, "220000" if c == "220184" else p] for c, n, p in rows]

    code, out, err = run(capsys, "regions-import", "--db", db, jilin_csv(db, tmp_path, move))
    assert code == 0, err
    assert "1 moved" in out
    with Store(db) as st:
        assert st.region("220184").parent == "220000" and st.region("220184").level == "prefecture"
        assert st.assessment(aid).region == "220184"


def test_absent_regions_are_removed_unless_they_have_assessments(db, tmp_path, capsys):
    def drop_nongan(rows):
        return [r for r in rows if r[0] != "220122"]

    code, out, _ = run(capsys, "regions-import", "--db", db, jilin_csv(db, tmp_path, drop_nongan))
    assert code == 0 and "1 removed" in out
    with Store(db) as st:
        assert st.region("220122") is None
        st.new_assessment("220183", 2021)
    before = snapshot(db)
    code, _, err = run(capsys, "regions-import", "--db", db,
                       jilin_csv(db, tmp_path, lambda rows: [r for r in rows if r[0] != "220183"]))
    assert code == 2 and "220183" in err and "can't be removed" in err
    assert snapshot(db) == before


BAD = {
    "bad code": (lambda rows: rows + [["22018X", "坏码", "220100"]], "bad code"),
    "unknown parent": (lambda rows: rows + [["220199", "某地", "220900"]], "unknown parent"),
    "prefix mismatch": (lambda rows: rows + [["220299", "某地", "220100"]], "doesn't agree with its parent"),
    "duplicate code": (lambda rows: rows + [["220183", "德惠市", "220100"]], "duplicate code"),
    "cycle": (lambda rows: [[c, n, "220183" if c == "220100" else p] for c, n, p in rows], "cycle"),
    "self parent": (lambda rows: rows + [["220188", "某地", "220188"]], "cycle"),
    "top level without 0000": (lambda rows: rows + [["230100", "哈尔滨市", ""]], "must end in 0000"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_refusals_exit_2_naming_the_line_and_change_nothing(db, tmp_path, capsys, case):
    with Store(db) as st:
        st.new_assessment("220183", 2021)
    edit, words = BAD[case]
    before = snapshot(db)
    path = jilin_csv(db, tmp_path, edit)
    code, out, err = run(capsys, "regions-import", "--db", db, path)
    assert code == 2 and out == ""
    assert words in err and "line " in err and err.count("\n") == 1
    assert snapshot(db) == before


def test_refusal_names_the_right_line(db, tmp_path, capsys):
    path = jilin_csv(db, tmp_path, lambda rows: rows[:3] + [["220199", "某地", "220900"]] + rows[3:])
    code, _, err = run(capsys, "regions-import", "--db", db, path)
    assert code == 2 and "line 5:" in err  # header is line 1, then rows 2, 3, 4, the bad one


def test_a_new_provinces_list_replaces_an_unused_one(db, tmp_path, capsys):
    path = tmp_path / "hlj.csv"
    path.write_text("code,name,parent,name_en\n230000,黑龙江省,,Heilongjiang\n230100,哈尔滨市,230000,Harbin\n"
                    "230102,道里区,230100,Daoli District\n", encoding="utf-8-sig")
    code, out, err = run(capsys, "regions-import", "--db", db, path)
    assert code == 0, err
    with Store(db) as st:
        assert [(r.code, r.level) for r in st.regions()] == [
            ("230000", "province"), ("230100", "prefecture"), ("230102", "county")]
        assert st.region("230102").name_en == "Daoli District"
        st.new_assessment("230102", 2021)


def answers_doc(cat, region, year, points=None):
    points = points if points is not None else list(cat.points)
    return {"format": "jlip-answers/1", "catalog": cat.id, "region": region, "year": year,
            "answers": {str(n): value_to_json(best_value(cat.points[n])) for n in points}}


def test_import_answers_a_list_in_one_go(db, tmp_path, capsys, catalog):
    docs = [answers_doc(catalog, "220183", y) for y in (2019, 2020)] + [answers_doc(catalog, "220100", 2020, [1, 2])]
    path = tmp_path / "答案 列表.json"
    path.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "import-answers", "--db", db, path, "--json")
    assert code == 0, err
    ids = [d["id"] for d in json.loads(out)]
    with Store(db) as st:
        assert [st.assessment(i).year for i in ids] == [2019, 2020, 2020]
        assert st.score(ids[0]).total == catalog.total_max and st.score(ids[2]).answered == 2
        assert st.assessment(ids[0]).status == "draft"


def test_import_answers_one_object_submitted(db, tmp_path, capsys, catalog):
    path = tmp_path / "one.json"
    path.write_text(json.dumps(answers_doc(catalog, "220183", 2019)), encoding="utf-8")
    code, out, err = run(capsys, "import-answers", "--db", db, path, "--submit")
    assert code == 0, err
    with Store(db) as st:
        assert [a.status for a in st.list_assessments()] == ["submitted"]


@pytest.mark.parametrize("bad, words", [
    (lambda d: d["answers"].update({"10": -1}), "point (10)"),
    (lambda d: d.update({"region": "999999"}), "unknown region"),
    (lambda d: d.pop("year"), "'year'"),
    (lambda d: d.update({"year": 2019, "region": "220183"}), "also entry 1"),
])
def test_import_answers_with_one_bad_entry_imports_nothing_and_names_it(db, tmp_path, capsys, catalog, bad, words):
    docs = [answers_doc(catalog, "220183", 2019), answers_doc(catalog, "220100", 2019),
            answers_doc(catalog, "220200", 2019)]
    bad(docs[2])
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "import-answers", "--db", db, path)
    assert code == 2 and out == "" and "entry 3" in err and words in err, err
    with Store(db) as st:
        assert st.list_assessments() == []


def test_import_answers_submit_needs_complete_answers_and_existing_ones_are_refused(db, tmp_path, capsys, catalog):
    path = tmp_path / "partial.json"
    path.write_text(json.dumps([answers_doc(catalog, "220183", 2019), answers_doc(catalog, "220100", 2019, [1])]),
                    encoding="utf-8")
    code, _, err = run(capsys, "import-answers", "--db", db, path, "--submit")
    assert code == 2 and "entry 2" in err and "unanswered" in err
    with Store(db) as st:
        st.new_assessment("220100", 2019)
    code, _, err = run(capsys, "import-answers", "--db", db, path)
    assert code == 2 and "entry 2" in err and "already has an assessment" in err
    with Store(db) as st:
        assert len(st.list_assessments()) == 1
    shutil.rmtree(tmp_path / "backups", ignore_errors=True)


def test_import_answers_submit_keeps_the_requires_rules(db, tmp_path, capsys, catalog):
    doc = answers_doc(catalog, "220183", 2019)
    doc["answers"]["16"] = False  # (17) earns marks but the point it requires earns none
    path = tmp_path / "rules.json"
    path.write_text(json.dumps([answers_doc(catalog, "220100", 2019), doc], ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "import-answers", "--db", db, path, "--submit")
    assert code == 2 and "entry 2" in err and "(17)" in err
    with Store(db) as st:
        assert st.list_assessments() == []
    assert run(capsys, "import-answers", "--db", db, path)[0] == 0  # as drafts they may be imported
