"""`jlip list` reads its rows set-wise (core/listing.py); each row equals what the per-assessment functions give."""

import json
import sqlite3

from jlip_desktop.cli import _assessment_json, main
from jlip_desktop.core import review
from jlip_desktop.core.listing import answers_of, list_rows
from jlip_desktop.core.scorecache import ScoreSummary
from jlip_desktop.core.scoring import best_value, value_to_json, worst_value
from jlip_desktop.core.store import Store
from jlip_desktop.exchange import xlsx

REGIONS = ["220102", "220103", "220104", "220105"]


def _answers(cat, k):
    return {n: (best_value(p) if (n + k) % 3 else worst_value(p)) for n, p in cat.points.items() if (n * k) % 7 != 1}


def _province(tmp_path):
    county, province = tmp_path / "县 库.db", tmp_path / "省 库.db"
    books = []
    with Store(county, create=True) as st:
        cat = st.catalog("jilin-2021")
        for k, region in enumerate(REGIONS):
            aid = st.new_assessment(region, 2022, "张三", answers={n: best_value(p) for n, p in cat.points.items()}
                                    if k % 2 == 0 else _answers(cat, k))
            if k % 2 == 0:
                st.submit(aid)
            books.append(xlsx.export_assessment(st, aid, tmp_path / f"{region} 2022.xlsx"))
    st = Store(province, create=True)
    ids = [r.assessment_id for r in xlsx.import_workbooks(st, books)]
    cat = st.catalog("jilin-2021")
    # one approved with an adjustment, one with an issue, one accepted point, one untouched
    review.set_verdict(st, ids[0], 10, "adjust", value_to_json(worst_value(cat.points[10])), "核定")
    review.decide(st, ids[0], "approve", "好")
    review.set_verdict(st, ids[1], 1, "issue", comment="看看")
    review.set_verdict(st, ids[2], 3, "accept")
    # the province's own assessments, another year too
    st.new_assessment("220106", 2022, "李四", answers=_answers(cat, 5))
    st.new_assessment("220102", 2021, "李四", answers=_answers(cat, 6))
    return st


def test_list_rows_equal_the_per_assessment_functions(tmp_path):
    st = _province(tmp_path)
    try:
        for year in (2022, 2021, None):
            rows = list_rows(st, year)
            assert [r.assessment for r in rows] == st.list_assessments(year=year)
            for r in rows:
                a = r.assessment
                assert r.review_status == review.review_state(st, a.id).status
                assert r.verified_total == review.verified_total_json(st, a.id)
                assert r.score == ScoreSummary.of(st.score(a.id), r.review_status, r.verified_total)
                assert r.region_name == st.region(a.region).name
        statuses = {r.review_status for r in list_rows(st, 2022)}
        assert {"approved", "pending", "none"} <= statuses
        assert any(r.verified_total is not None and r.verified_total != float(r.score.total) for r in list_rows(st))
        assert answers_of(st, []) == {}
    finally:
        st.close()


def test_list_json_is_the_show_json_of_each_row(tmp_path, capsys):
    st = _province(tmp_path)
    try:
        expected = [_assessment_json(st, a)[0] for a in st.list_assessments(year=2022)]
    finally:
        st.close()
    assert main(["list", "--db", str(tmp_path / "省 库.db"), "--year", "2022", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(expected, ensure_ascii=False))


def test_the_rows_sqlite_writes_equal_the_rows_made_in_python(tmp_path):
    """list --json takes each row's JSON from SQLite (listing.list_json): field by field what _row_json makes."""
    from jlip_desktop.cli import _row_json
    from jlip_desktop.core.listing import list_json

    st = _province(tmp_path)
    try:
        with st.transaction() as c:  # fields SQLite must render as Python does: an empty assessor, quotes
            c.execute("UPDATE assessments SET assessor = '' WHERE id = (SELECT MIN(id) FROM assessments)")
            c.execute("UPDATE assessments SET assessor = '王\"五\\\\ \t' WHERE id = (SELECT MAX(id) FROM assessments)")
        for year in (2022, 2021, None):
            texts = list_json(st, year)
            rows = list_rows(st, year)
            assert [aid for aid, _ in texts] == [r.assessment.id for r in rows]
            for (_, text), r in zip(texts, rows, strict=True):
                made = _row_json(r.assessment, r.region_name, r.score,
                                 {"review_status": r.review_status, "verified_total": r.verified_total})
                assert text is not None
                assert json.loads(text) == made
                assert list(json.loads(text)) == list(made)  # the same keys in the same order
    finally:
        st.close()


def test_list_json_is_the_same_the_long_way(tmp_path, capsys, monkeypatch):
    """Rows without a current summary (another program's SQL) or an SQLite without JSON: the same output."""
    from jlip_desktop.core import listing

    _province(tmp_path).close()
    db = str(tmp_path / "省 库.db")
    assert main(["list", "--db", db, "--json"]) == 0
    fast = capsys.readouterr().out
    con = sqlite3.connect(db)
    with con:
        con.execute("DELETE FROM score_cache WHERE assessment_id = (SELECT MIN(id) FROM assessments)")
    con.close()
    assert main(["list", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(fast)
    monkeypatch.setattr(listing, "list_json", lambda st, year: None)
    assert main(["list", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(fast)
