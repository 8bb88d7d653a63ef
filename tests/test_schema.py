"""Schema 2: ids never reused, history per assessment, the migration from a real schema-1 file."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from jlip_desktop.core import schema
from jlip_desktop.core.errors import BadInput
from jlip_desktop.core.store import SCHEMA_VERSION, Store, StoreError

FIXTURE_V1 = Path(__file__).parent / "fixtures" / "jlip-v1.sqlite"


def _v1_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "县 数据"
    folder.mkdir()
    p = folder / "评估 v1.sqlite"
    shutil.copyfile(FIXTURE_V1, p)
    return p


def _rows(path: Path, sql: str) -> list[tuple]:
    # immutable: reading the committed fixture leaves no -wal/-shm beside it
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_the_fixture_is_schema_1():
    assert _rows(FIXTURE_V1, "PRAGMA user_version") == [(1,)]
    assert SCHEMA_VERSION >= 2


def test_v1_ddl_is_what_schema_1_files_hold():
    """The frozen DDL of schema 1 makes the same tables as the fixture has."""
    con = sqlite3.connect(":memory:")
    for stmt in schema.statements(schema.V1):
        con.execute(stmt)
    made = sorted(con.execute("SELECT type, name, sql FROM sqlite_master").fetchall())
    con.close()
    assert made == sorted(_rows(FIXTURE_V1, "SELECT type, name, sql FROM sqlite_master"))


def test_v1_file_migrates_with_data_and_history_and_a_backup(tmp_path):
    p = _v1_copy(tmp_path)
    tables = ("assessments", "answers", "evidence", "audit", "regions", "catalogues")
    before = {t: _rows(p, f"SELECT * FROM {t} ORDER BY 1, 2") for t in tables}
    with Store(p) as st:
        assert st.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert st.journal_mode == "wal"
        for t in ("assessments", "answers", "evidence", "audit"):
            assert st.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() == before[t], t
        assert st.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert st.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert st.answers(1) == {1: True, 9: ("专利", "商标"), 10: 3, 19: 4.5}
        assert st.notes(1) == {9: "见附件", 18: "待补充材料"}
        assert [e.filename for e in st.evidence(1)] == ["证明 材料.pdf"]
        assert [a.action for a in st.audit(1)] == ["create", "set", "set", "set", "set", "note", "evidence-add",
                                                     "export"]
        assert [a.id for a in st.list_assessments()] == [3, 1, 2, 4]
        # id 5 was deleted under schema 1 (its history is kept): never given again
        assert [a.action for a in st.audit(5)] == ["create", "set", "set", "evidence-add", "delete"]
        new = st.new_assessment("220200", 2021)
        assert new == 6
        assert [a.action for a in st.audit(new)] == ["create"]
        sql = {n: s for n, s in st.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")}
        assert "AUTOINCREMENT" in sql["assessments"] and "ON DELETE CASCADE" in sql["answers"]
        assert "ON DELETE CASCADE" in sql["evidence"] and "AUTOINCREMENT" in sql["audit"]
        indexes = {r[0] for r in st.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "idx_assessments_year" in indexes
    [backup] = (p.parent / "backups").glob("评估 v1-*.sqlite")
    assert _rows(backup, "PRAGMA user_version") == [(1,)]
    assert {t: _rows(backup, f"SELECT * FROM {t} ORDER BY 1, 2") for t in tables} == before


def test_a_fresh_database_has_the_same_schema_as_a_migrated_one(tmp_path):
    p = _v1_copy(tmp_path)
    Store(p).close()
    fresh = tmp_path / "fresh.sqlite"
    Store(fresh, create=True).close()
    q = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
    assert _rows(p, q) == _rows(fresh, q)


def test_a_failed_migration_changes_nothing(tmp_path, monkeypatch):
    p = _v1_copy(tmp_path)
    con = sqlite3.connect(p)
    con.execute("INSERT INTO assessments(id, region, year, catalog, status, created_at, updated_at) "
                "VALUES (9, '999999', 2021, 'jilin-2021', 'draft', 'x', 'x')")  # a region that doesn't exist
    con.commit()
    con.close()
    digest = _digest(p)
    with pytest.raises(StoreError) as e:
        Store(p)
    assert e.value.code == "db.migration_failed"
    assert _digest(p) == digest
    assert _rows(p, "PRAGMA user_version") == [(1,)]


def _digest(p: Path) -> str:
    import hashlib

    con = sqlite3.connect(p)
    try:
        return hashlib.sha256("\n".join(con.iterdump()).encode()).hexdigest()
    finally:
        con.close()


def test_ids_are_never_reused_and_history_stays_with_its_assessment(store):
    a = store.new_assessment("220100", 2021)
    b = store.new_assessment("220200", 2021)
    store.set_answer(b, 1, True)
    store.add_evidence(b, 1, "b.txt", b"b")
    store.delete_assessment(b)
    c = store.new_assessment("220300", 2021)
    assert c not in (a, b) and c > b
    assert [e.action for e in store.audit(c)] == ["create"]
    assert [e.action for e in store.audit(b)] == ["create", "set", "evidence-add", "delete"]
    # answers and evidence went with it (cascade)
    assert store.conn.execute("SELECT count(*) FROM answers WHERE assessment_id = ?", (b,)).fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM evidence WHERE assessment_id = ?", (b,)).fetchone()[0] == 0
    e1 = store.add_evidence(c, 2, "x.txt", b"x")
    store.remove_evidence(e1)
    assert store.add_evidence(c, 2, "y.txt", b"y") > e1


def test_an_import_that_replaces_keeps_the_assessment_and_its_history(store):
    aid = store.new_assessment("220100", 2021, answers={1: True}, notes={1: "旧"})  # set is refused once imported
    store.set_answer(aid, 2, True)
    store.add_evidence(aid, 2, "e.pdf", b"e")
    again = store.import_assessment("220100", 2021, "jilin-2021", {1: False, 3: True}, {},
                                    source_file="b.xlsx", revision=2, replace=True, status="submitted")
    assert again == aid
    assert store.answers(aid) == {1: False, 3: True} and store.notes(aid) == {}
    assert store.evidence(aid) == []
    a = store.assessment(aid)
    assert (a.status, a.source_revision, a.source_file, a.imported) == ("submitted", 2, "b.xlsx", True)
    actions = [e.action for e in store.audit(aid)]
    assert actions == ["create", "set", "evidence-add", "replaced", "import"]
    with pytest.raises(StoreError) as e:
        store.import_assessment("220100", 2021, "jilin-2021", {}, {}, revision=3)
    assert e.value.code == "store.exists"


def test_years_are_cached_and_follow_changes(store, tmp_path):
    assert store.years() == []
    a = store.new_assessment("220100", 2021)
    assert store.years() == [2021]
    store.new_assessment("220100", 2023)
    assert store.years() == [2023, 2021]
    store.delete_assessment(a)
    assert store.years() == [2023]
    with Store(store.path) as other:  # another program's commit
        other.new_assessment("220200", 2019)
    assert store.years() == [2023, 2019]


def test_listeners_hear_each_committed_change_once(store):
    from jlip_desktop.core.changes import Change

    heard: list[Change] = []
    handle = store.subscribe(heard.append)
    a = store.new_assessment("220100", 2021)
    store.set_answer(a, 1, True)
    store.set_note(a, 2, "n")
    ev = store.add_evidence(a, 3, "e.txt", b"e")
    store.remove_evidence(ev)
    store.set_assessor(a, "张三")
    store.log(a, "export-pdf")
    store.set_meta("k", "v")
    with pytest.raises(BadInput):
        store.set_answer(a, 1, 99)  # refused: nobody hears of it
    with pytest.raises(StoreError):
        with store.transaction():
            store.set_answer(a, 4, True)
            raise StoreError("rolled back")
    imported = store.import_assessment("220200", 2021, "jilin-2021", {1: True}, {})
    store.delete_assessment(imported)
    assert [(c.kind, c.assessment_id, c.point) for c in heard] == [
        ("assessment_created", a, None), ("answer", a, 1), ("note", a, 2), ("evidence", a, 3),
        ("evidence", a, 3), ("assessor", a, None), ("history", a, None), ("meta", None, None),
        ("imported", imported, None), ("assessment_deleted", imported, None),
    ]
    with pytest.raises(AttributeError):
        heard[0].kind = "x"  # frozen
    handle()
    store.set_answer(a, 5, True)
    assert len(heard) == 10 and not handle.active


def test_changes_of_one_transaction_are_heard_after_commit(store):
    a = store.new_assessment("220100", 2021)
    seen: list[tuple[str, int]] = []

    def listener(change):
        # the change is committed: a second connection sees it
        with Store(store.path) as other:
            seen.append((change.kind, len(other.answers(a))))

    store.subscribe(listener)
    with store.transaction():
        store.set_answer(a, 1, True)
        store.set_answer(a, 2, True)
        store.notify("meta")
        assert seen == []
    assert seen == [("answer", 2), ("answer", 2), ("meta", 2)]


def test_a_failing_listener_neither_stops_others_nor_undoes_the_change(store, caplog):
    a = store.new_assessment("220100", 2021)
    heard = []

    def broken(change):
        raise RuntimeError("view gone")

    store.subscribe(broken)
    store.subscribe(heard.append)
    store.set_answer(a, 1, True)
    assert store.answers(a) == {1: True} and len(heard) == 1
    assert "view gone" in caplog.text
