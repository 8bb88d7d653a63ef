import sqlite3

import pytest
from db_helpers import main_file_points

from jlip_desktop.core.scoring import AnswerError
from jlip_desktop.core.store import SCHEMA_VERSION, IncompleteError, Store, StoreError, builtin_regions


def test_regions_cover_province_prefectures_counties_and_changbaishan(store):
    regions = store.regions()
    levels = [r.level for r in regions]
    assert levels.count("province") == 1
    assert levels.count("county") == 60
    prefectures = {r.short for r in regions if r.level == "prefecture"}
    assert {"长春市", "吉林市", "四平市", "辽源市", "通化市", "白山市", "松原市", "白城市", "延边州", "长白山"} == prefectures
    codes = [r.code for r in regions]
    assert len(codes) == len(set(codes))
    cbs = store.find_region("长白山")
    assert cbs.code == "229901" and cbs.code[:4] not in {r.code[:4] for r in regions if r.code != cbs.code}


def test_every_county_has_a_prefecture_parent():
    regs = {r.code: r for r in builtin_regions()}
    for r in regs.values():
        if r.level == "county":
            assert regs[r.parent].level == "prefecture"
            assert r.code[:4] == r.parent[:4]


def test_set_answer_writes_one_audit_entry_with_old_and_new(store):
    aid = store.new_assessment("220100", 2021, "张三")
    before = len(store.audit(aid))
    store.set_answer(aid, 10, 3)
    store.set_answer(aid, 10, 5)
    log = store.audit(aid)[before:]
    assert [(e.action, e.point, e.old, e.new) for e in log] == [("set", 10, None, "3"), ("set", 10, "3", "5")]


def test_refused_value_changes_nothing(store, tmp_path):
    aid = store.new_assessment("220100", 2021)
    store.set_answer(aid, 19, 4.5)
    n_audit = len(store.audit(aid))
    with pytest.raises(AnswerError):
        store.set_answer(aid, 19, 7)
    assert store.answers(aid) == {19: store.answers(aid)[19]} and float(store.answers(aid)[19]) == 4.5
    assert len(store.audit(aid)) == n_audit


def test_changes_survive_a_new_connection(store):
    aid = store.new_assessment("220200", 2021)
    store.set_answer(aid, 9, ["专利", "商标"], note="见附件")
    other = Store(store.path)
    try:
        assert other.answers(aid) == {9: ("专利", "商标")}
        assert other.notes(aid) == {9: "见附件"}
    finally:
        other.close()


def test_submit_needs_every_point_and_locks(store):
    from jlip_desktop.core.scoring import best_value

    aid = store.new_assessment("220300", 2021)
    store.set_answer(aid, 1, True)
    with pytest.raises(IncompleteError) as e:
        store.submit(aid)
    assert len(e.value.missing) == 43 and "(2)" in str(e.value)
    cat = store.catalog("jilin-2021")
    for n, p in cat.points.items():
        store.set_answer(aid, n, best_value(p), raw=False)
    store.submit(aid)
    with pytest.raises(StoreError, match="submitted and locked"):
        store.set_answer(aid, 2, False)
    with pytest.raises(StoreError, match="needs a reason"):
        store.reopen(aid, "  ")
    store.reopen(aid, "县局要求更正")
    assert store.audit(aid)[-1].detail == "县局要求更正"
    store.set_answer(aid, 2, False)


def test_evidence_is_stored_with_its_hash(store):
    import hashlib

    aid = store.new_assessment("220100", 2021)
    eid = store.add_evidence(aid, 16, "经费 批复.pdf", b"%PDF-1.4 data")
    [ev] = store.evidence(aid, 16)
    assert ev.sha256 == hashlib.sha256(b"%PDF-1.4 data").hexdigest() and ev.filename == "经费 批复.pdf"
    assert store.evidence_data(eid) == b"%PDF-1.4 data"
    store.remove_evidence(eid)
    assert store.evidence(aid) == []


def test_duplicate_region_year_is_refused(store):
    store.new_assessment("220100", 2021)
    with pytest.raises(StoreError, match="already has an assessment"):
        store.new_assessment("220100", 2021)


def test_duplicate_from_last_year_copies_answers(store):
    aid = store.new_assessment("220100", 2021)
    store.set_answer(aid, 10, 2)
    new = store.duplicate_assessment(aid, 2022)
    assert store.answers(new) == {10: 2} and store.assessment(new).year == 2022


def test_newer_schema_is_refused(tmp_path):
    p = tmp_path / "new.sqlite"
    Store(p, create=True).close()
    con = sqlite3.connect(p)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer jlip-desktop"):
        Store(p)


def test_older_schema_is_backed_up_then_migrated(tmp_path, monkeypatch):
    from jlip_desktop.core import schema

    p = tmp_path / "old.sqlite"
    st = Store(p, create=True)
    aid = st.new_assessment("220100", 2021)
    st.set_answer(aid, 10, 2)
    st.close()

    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(schema.MIGRATIONS, SCHEMA_VERSION, "ALTER TABLE assessments ADD COLUMN remark TEXT;")
    st = Store(p)
    try:
        assert st.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert "remark" in {r[1] for r in st.conn.execute("PRAGMA table_info(assessments)")}
        assert st.answers(aid) == {10: 2}
    finally:
        st.close()
    [backup] = (tmp_path / "backups").glob("old-*.sqlite")
    con = sqlite3.connect(backup)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    con.close()


def test_foreign_files_are_refused(tmp_path):
    p = tmp_path / "notes.txt"
    p.write_text("hello, not a database" * 100)
    with pytest.raises(StoreError, match="not a jlip database"):
        Store(p)
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not one of jlip-desktop"):
        Store(other)


def test_backups_rotate(tmp_path):
    from jlip_desktop.core.store import backup_database

    p = tmp_path / "db.sqlite"
    Store(p, create=True).close()
    for _ in range(8):
        backup_database(p, keep=3)
    assert len(list((tmp_path / "backups").glob("db-*.sqlite"))) == 3


def test_deferred_checkpoints_wait_for_checkpoint_and_still_bound_the_wal(tmp_path):
    db = tmp_path / "数据.sqlite"
    with Store(db, create=True) as st:
        assert st.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000  # SQLite's default, kept
        aid = st.new_assessment("220100", 2021)
        st.checkpoint()
        assert main_file_points(db, tmp_path / "0.sqlite", aid) == set()
        st.defer_checkpoints()
        assert st.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 10_000
        for n in (1, 2, 3):
            st.set_answer(aid, n, True)
        assert main_file_points(db, tmp_path / "a.sqlite", aid) == set()  # in the WAL (on disk) only
        st.checkpoint()
        assert main_file_points(db, tmp_path / "b.sqlite", aid) == {1, 2, 3}
        # never idle: the bound still copies the WAL back and keeps it from growing
        st.defer_checkpoints(16)
        wal = tmp_path / "数据.sqlite-wal"
        sizes = []
        for i in range(60):
            st.set_answer(aid, (10, 12)[i % 2], i % 7)
            sizes.append(wal.stat().st_size)
        # what the WAL held before, or the bound's pages and a commit's, at most: far from 60 commits' pages
        assert max(sizes) < 100 * (4096 + 24)
        assert main_file_points(db, tmp_path / "c.sqlite", aid) == {1, 2, 3, 10, 12}
