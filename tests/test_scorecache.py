"""The score summaries kept in the file (core/scorecache.py) always equal the scores they stand for."""

import sqlite3

from jlip_desktop.core import review, scorecache
from jlip_desktop.core.bulk import import_answers
from jlip_desktop.core.listing import list_rows
from jlip_desktop.core.scorecache import ScoreSummary
from jlip_desktop.core.scoring import best_value, value_to_json, worst_value
from jlip_desktop.core.store import Store
from jlip_desktop.exchange import xlsx


def _cached(st) -> dict[int, tuple]:
    return {r[0]: r[1:] for r in st.conn.execute(
        "SELECT assessment_id, engine, total, grade, answered, verified_total FROM score_cache")}


def _expected(st, aid) -> ScoreSummary:
    return ScoreSummary.of(st.score(aid), review.review_state(st, aid).status, review.verified_total_json(st, aid))


def _all_current(st) -> None:
    """Every assessment has a row, and every row equals the score computed from scratch."""
    ids = [a.id for a in st.list_assessments()]
    assert sorted(_cached(st)) == sorted(ids)
    got = scorecache.summaries(st, st.list_assessments())
    for aid in ids:
        assert got[aid] == _expected(st, aid), aid


def test_every_write_leaves_current_summaries(tmp_path):
    with Store(tmp_path / "县 库.db", create=True) as st:
        cat = st.catalog("jilin-2021")
        aid = st.new_assessment("220102", 2022, "张三")
        _all_current(st)
        assert _cached(st)[aid][3] == 0  # nothing answered yet
        for n, p in list(cat.points.items())[:10]:
            st.set_answer(aid, n, best_value(p))
            _all_current(st)
        st.set_answer(aid, 1, False)  # the veto point
        _all_current(st)
        assert scorecache.summaries(st, [st.assessment(aid)])[aid].vetoed is True
        st.set_answer(aid, 1, None)
        st.set_note(aid, 2, "说明")
        _all_current(st)
        other = st.duplicate_assessment(aid, 2023)
        _all_current(st)
        st.delete_assessment(other)
        _all_current(st)
        answers = {n: best_value(p) for n, p in cat.points.items()}
        import_answers(st, [{"format": "jlip-answers/1", "region": "220103", "year": 2022, "answers":
                             {str(n): value_to_json(v) for n, v in answers.items()}}], submit=True, source="t")
        _all_current(st)


def test_review_verdicts_update_the_verified_total(tmp_path):
    county, province = tmp_path / "县.db", tmp_path / "省.db"
    with Store(county, create=True) as st:
        cat = st.catalog("jilin-2021")
        aid = st.new_assessment("220102", 2022, "张三", answers={n: best_value(p) for n, p in cat.points.items()})
        st.submit(aid)
        book = xlsx.export_assessment(st, aid, tmp_path / "表.xlsx")
    with Store(province, create=True) as st:
        pid = xlsx.import_workbooks(st, [book])[0].assessment_id
        _all_current(st)
        assert _cached(st)[pid][4] is None  # no review yet: no verified total
        assert scorecache.summaries(st, [st.assessment(pid)])[pid].review_status == "pending"
        review.set_verdict(st, pid, 10, "adjust", value_to_json(worst_value(cat.points[10])), "核定")
        _all_current(st)
        assert _cached(st)[pid][4] is not None
        assert float(_cached(st)[pid][4]) < float(_cached(st)[pid][1])
        review.decide(st, pid, "approve", "好")
        _all_current(st)
        assert scorecache.summaries(st, [st.assessment(pid)])[pid].review_status == "approved"


def test_a_change_from_outside_the_store_is_never_hidden_by_an_old_row(tmp_path):
    db = tmp_path / "库.db"
    with Store(db, create=True) as st:
        cat = st.catalog("jilin-2021")
        aid = st.new_assessment("220102", 2022, "张三", answers={n: best_value(p) for n, p in cat.points.items()})
        before = scorecache.summaries(st, [st.assessment(aid)])[aid]
    con = sqlite3.connect(db)  # another program's SQL: the trigger drops the row
    with con:
        con.execute("UPDATE answers SET value = 'false' WHERE assessment_id = ? AND point = 2", (aid,))
    con.close()
    with Store(db) as st:
        assert aid not in _cached(st)
        after = list_rows(st, 2022)[0].score
        assert after == ScoreSummary.of(st.score(aid), "none", None)
        assert after.total < before.total
        assert aid not in _cached(st)  # reading never writes


def test_rows_are_read_and_rows_of_another_release_or_scheme_text_are_not(tmp_path):
    with Store(tmp_path / "库.db", create=True) as st:
        cat = st.catalog("jilin-2021")
        aid = st.new_assessment("220102", 2022, "张三", answers={n: best_value(p) for n, p in cat.points.items()})
        a = st.assessment(aid)
        st.conn.execute("UPDATE score_cache SET total = '12.5' WHERE assessment_id = ?", (aid,))
        st.conn.commit()
        assert scorecache.summaries(st, [a])[aid].total == 12.5  # the row is what a listing shows
        st.conn.execute("UPDATE score_cache SET engine = 'jlip-desktop 0.0.1 x' WHERE assessment_id = ?", (aid,))
        st.conn.commit()
        assert scorecache.summaries(st, [a])[aid] == _expected(st, aid)  # another release's row: scored again
        st.conn.execute("UPDATE catalogues SET added_at = added_at")  # the scheme's row changed: every row dropped
        st.conn.commit()
        assert _cached(st) == {}


def test_a_refused_write_leaves_no_row_behind(tmp_path):
    with Store(tmp_path / "库.db", create=True) as st:
        aid = st.new_assessment("220102", 2022, "张三")
        rows = _cached(st)
        try:
            with st.transaction() as c:
                c.execute("UPDATE answers SET value = 'true' WHERE assessment_id = ?", (aid,))
                st.notify("answer", aid, 1)
                raise RuntimeError("refused")
        except RuntimeError:
            pass
        assert _cached(st) == rows


def test_a_file_made_before_the_cache_is_upgraded_and_listed_alike(tmp_path):
    """Schema 4 → 5: the listing of an upgraded file is the listing it had."""
    from jlip_desktop.core import schema

    db = tmp_path / "旧 库.db"
    with Store(db, create=True) as st:
        cat = st.catalog("jilin-2021")
        ids = [st.new_assessment(r, 2022, "张三", answers={n: worst_value(p) for n, p in cat.points.items()})
               for r in ("220102", "220103")]
        expected = [_expected(st, i) for i in ids]
    con = sqlite3.connect(db)
    with con:  # back to schema 4 as an older release left it
        for name in [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]:
            con.execute(f"DROP TRIGGER {name}")
        con.execute("DROP TABLE score_cache")
    con.execute("PRAGMA user_version = 4")
    con.close()
    assert schema.SCHEMA_VERSION == 5
    with Store(db) as st:
        assert [r.score for r in list_rows(st, 2022)] == expected


def test_upgrading_fills_the_summaries_and_keeps_the_files_own_region_list(tmp_path):
    db = tmp_path / "库.db"
    with Store(db, create=True) as st:
        cat = st.catalog("jilin-2021")
        aid = st.new_assessment("220102", 2022, "张三", answers={n: best_value(p) for n, p in cat.points.items()})
        with st.transaction() as c:  # the file's own list: a region renamed, an unused one removed
            c.execute("UPDATE regions SET name = '新名称' WHERE code = '220102'")
            c.execute("DELETE FROM regions WHERE code = '220183'")
            st.notify("meta")
        expected = _expected(st, aid)
    con = sqlite3.connect(db)
    with con:
        for name in [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]:
            con.execute(f"DROP TRIGGER {name}")
        con.execute("DROP TABLE score_cache")
    con.execute("PRAGMA user_version = 4")
    con.close()
    with Store(db) as st:
        assert set(_cached(st)) == {aid}
        assert scorecache.summaries(st, [st.assessment(aid)])[aid] == expected
        assert st.region("220102").name == "新名称"
        assert st.region("220183") is None


def test_a_file_scored_by_another_release_opens_while_another_program_writes(tmp_path):
    """The summaries are made anew at the first open by a new release; a held write lock doesn't stop the open."""
    db = tmp_path / "库.db"
    with Store(db, create=True) as st:
        cat = st.catalog("jilin-2021")
        aid = st.new_assessment("220102", 2022, "张三", answers={n: best_value(p) for n, p in cat.points.items()})
        expected = _expected(st, aid)
        with st.transaction() as c:
            c.execute("UPDATE meta SET value = 'jlip-desktop 0.0.9' WHERE key = 'score_engine'")
            c.execute("UPDATE score_cache SET engine = 'jlip-desktop 0.0.9 x', total = '1.0'")
    other = sqlite3.connect(db, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
    try:
        with Store(db) as st:
            assert st.meta("score_engine") == "jlip-desktop 0.0.9"  # not made anew: the file was busy
            assert list_rows(st, 2022)[0].score == expected  # and the old rows are not used
    finally:
        other.rollback()
        other.close()
    with Store(db) as st:
        assert st.meta("score_engine") == scorecache.ENGINE_PREFIX
        assert scorecache.summaries(st, [st.assessment(aid)])[aid] == expected
        assert _cached(st)[aid][1] == str(expected.total)
