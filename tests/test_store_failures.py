"""Failure paths of the store and the command line (issue 11, items 7, 8, 9, 12).

Each refusal: exit 2 with one line on stderr naming the file and the reason,
no traceback, and the database unchanged (a digest of its dump, or of its
bytes where SQLite can't dump it).
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from db_helpers import damage_table

from jlip_desktop.cli import main
from jlip_desktop.core import database
from jlip_desktop.core.errors import BadInput
from jlip_desktop.core.store import Store, StoreError, restore_backup

PY = sys.executable
ROOT = Path(__file__).resolve().parent.parent


def digest(path: Path) -> str:
    con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return hashlib.sha256("\n".join(con.iterdump()).encode()).hexdigest()
    finally:
        con.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _drop_root_file_powers() -> None:
    """In the child: without CAP_DAC_OVERRIDE & co, root obeys file permissions like anyone."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    PR_CAPBSET_DROP = 24
    for cap in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def jlip(*argv, unprivileged: bool = False, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("JLIP_DEBUG", None)
    return subprocess.run(
        [PY, "-m", "jlip_desktop.cli", *[str(a) for a in argv]], capture_output=True, text=True,
        encoding="utf-8", env=env, timeout=timeout, preexec_fn=_drop_root_file_powers if unprivileged else None,
    )


def one_line(err: str, *words: str) -> None:
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert "Traceback" not in err and "internal error" not in err, err
    for w in words:
        assert w in err, (w, err)


@pytest.fixture
def db(tmp_path) -> Path:
    folder = tmp_path / "县 数据"
    folder.mkdir()
    p = folder / "评估 库.sqlite"
    with Store(p, create=True) as st:
        a = st.new_assessment("220100", 2021, "张三")
        st.set_answer(a, 1, True, note="备注")
        st.add_evidence(a, 1, "证明.pdf", b"%PDF evidence")
        st.new_assessment("220200", 2022)
    return p


# -- item 7: a damaged file -------------------------------------------------------------

def _damage(path: Path) -> None:
    assert not Path(str(path) + "-wal").exists()
    damage_table(path)


def test_a_damaged_file_is_refused_naming_the_newest_good_backup_which_can_be_restored(db, capsys):
    Store(db, backup=True).close()
    time.sleep(0.01)
    os.utime(db)  # changed since the first copy: the next open copies it again
    good = Store(db, backup=True)
    good.close()
    older, newest = database.backup_files(db)
    _damage(newest)  # the newest copy is damaged too: the older one is named
    with Store(db) as st:
        st.set_answer(1, 2, True)  # after the backups: lost by restoring
    _damage(db)
    before = file_digest(db)
    for argv in (("set", "--db", db, "--id", 1, "3", "true"), ("list", "--db", db), ("show", "--db", db, "--id", 1)):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == ""
        one_line(err, str(db), "damaged", str(older))
    assert file_digest(db) == before
    with pytest.raises(StoreError) as e:
        Store(db, create=True, backup=True)
    assert e.value.code == "db.damaged" and e.value.params["backup"] == str(older)
    assert database.newest_good_backup(db) == older

    aside = restore_backup(db)
    assert file_digest(aside) == before and aside.parent == db.parent and "damaged" in aside.name
    with Store(db) as st:
        assert st.answers(1) == {1: True} and [e.filename for e in st.evidence(1)] == ["证明.pdf"]


def test_restore_refuses_a_damaged_backup_and_changes_nothing(db):
    Store(db, backup=True).close()
    [only] = database.backup_files(db)
    _damage(only)
    before = file_digest(db)
    with pytest.raises(StoreError) as e:
        restore_backup(db)
    assert e.value.code == "db.restore_failed"
    with pytest.raises(StoreError):
        restore_backup(db, only)
    assert file_digest(db) == before and sorted(p.name for p in db.parent.iterdir()) == ["backups", db.name]


# -- item 8: read-only file and folder, another writer, a full disk ----------------------

@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_database_can_be_read_but_not_written(db, tmp_path, what):
    before = digest(db)
    target = db if what == "file" else db.parent
    mode = target.stat().st_mode
    target.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        r = jlip("list", "--db", db, "--json", unprivileged=True)
        assert r.returncode == 0 and "220100" in [row["region"] for row in json.loads(r.stdout)], r.stderr
        r = jlip("show", "--db", db, "--id", 1, unprivileged=True)
        assert r.returncode == 0 and "note: 备注" in r.stdout, r.stderr
        pdf = tmp_path / "报告.pdf"
        r = jlip("report-pdf", "--db", db, "--id", 1, "-o", pdf, unprivileged=True)
        assert r.returncode == 0 and pdf.stat().st_size > 1000, r.stderr
        for argv in (("set", "--db", db, "--id", 1, "2", "true"), ("delete", "--db", db, "--id", 2),
                     ("new", "--db", db, "--region", "220300", "--year", "2021"),
                     ("export-xlsx", "--db", db, "--id", 1, "-o", tmp_path / "导出.xlsx")):
            r = jlip(*argv, unprivileged=True)
            assert r.returncode == 2 and r.stdout == ""
            one_line(r.stderr, str(db), "read-only", "nothing was changed")
            assert ("folder" in r.stderr) == (what == "folder")
        assert not (tmp_path / "导出.xlsx").exists()  # export records its revision: refused before writing
    finally:
        target.chmod(mode)
    assert digest(db) == before


def test_a_read_only_store_says_why_and_refuses_writes(db):
    with Store(db, read_only=True) as st:
        assert st.read_only and st.read_only_reason == "requested"
        assert {a.region for a in st.list_assessments()} == {"220100", "220200"}
        with pytest.raises(StoreError) as e:
            st.set_answer(1, 2, True)
        assert e.value.code == "db.read_only" and e.value.params["file"] == str(db)


@pytest.fixture
def writer(db):
    """Another program holding the write lock (BEGIN IMMEDIATE) on the database."""
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO meta(key, value) VALUES ('other', 'program')")
    yield other
    other.execute("ROLLBACK")
    other.close()


def test_another_writer_makes_set_refuse_within_two_seconds(db, writer):
    before = digest(db)
    t = time.monotonic()
    r = jlip("set", "--db", db, "--id", 1, "2", "true")
    elapsed = time.monotonic() - t
    assert r.returncode == 2 and r.stdout == ""
    one_line(r.stderr, str(db), "another program is writing")
    assert elapsed < 8, elapsed  # 2 s of waiting, plus starting Python on a busy machine
    assert digest(db) == before


def test_another_writer_never_delays_readers(db, writer, monkeypatch, capsys):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 30.0)  # a reader that waited would take 30 s
    monkeypatch.setattr(database.connect, "__kwdefaults__", {"timeout": 30.0})
    t = time.monotonic()
    code, out, err = run(capsys, "list", "--db", db, "--json")
    assert code == 0 and '"220100"' in out
    code, out, err = run(capsys, "show", "--db", db, "--id", 1)
    assert code == 0
    assert time.monotonic() - t < 10
    monkeypatch.setattr(database.connect, "__kwdefaults__", {"timeout": 0.2})
    t = time.monotonic()
    code, out, err = run(capsys, "set", "--db", db, "--id", 1, "2", "true")
    assert code == 2 and "another program is writing" in err and time.monotonic() - t < 5


@pytest.fixture
def full_disk(monkeypatch):
    """Every new connection can't grow the file by one page: SQLite's SQLITE_FULL, as on a full disk."""
    real = sqlite3.connect

    def connect(*args, **kw):
        con = real(*args, **kw)
        pages = con.execute("PRAGMA page_count").fetchone()[0]
        con.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        return con

    monkeypatch.setattr(sqlite3, "connect", connect)


def test_a_full_disk_is_named_as_such_and_changes_nothing(db, full_disk, capsys):
    before = digest(db)
    code, out, err = run(capsys, "set", "--db", db, "--id", 1, "2", "true", "--note", "满" * 20000)
    assert code == 2 and out == ""
    one_line(err, str(db), "the disk is full", "nothing was changed")
    assert "not a jlip database" not in err
    with Store(db) as st:
        with pytest.raises(StoreError) as e:
            st.add_evidence(1, 3, "大 文件.bin", os.urandom(200_000))
        assert e.value.code == "db.full" and e.value.params == {"file": str(db)}
        assert not st.conn.in_transaction
    assert digest(db) == before


@pytest.mark.parametrize("name, code", [
    ("SQLITE_FULL", "db.full"), ("SQLITE_READONLY", "db.read_only"), ("SQLITE_READONLY_DIRECTORY", "db.read_only"),
    ("SQLITE_BUSY", "db.busy"), ("SQLITE_BUSY_SNAPSHOT", "db.busy"), ("SQLITE_LOCKED", "db.busy"),
    ("SQLITE_CORRUPT", "db.damaged"), ("SQLITE_NOTADB", "db.not_a_database"), ("SQLITE_CANTOPEN", "db.cant_open"),
    ("SQLITE_IOERR_WRITE", "db.io_error"), ("SQLITE_IOERR", "db.io_error"), ("SQLITE_MISUSE", "db.error"),
])
def test_sqlite_errors_map_to_codes_in_one_place(tmp_path, name, code):
    e = sqlite3.OperationalError("some sqlite message")
    e.sqlite_errorname = name
    err = database.db_error(tmp_path / "x.sqlite", e)
    assert isinstance(err, BadInput) and err.code == code and err.code in database.CODES
    assert err.params["file"] == str(tmp_path / "x.sqlite") and str(tmp_path / "x.sqlite") in str(err)


# -- item 9: field limits ---------------------------------------------------------------------

@pytest.mark.parametrize("call, field, code", [
    (lambda st: st.new_assessment("220300", 2021, "长" * 65), "assessor", "field.too_long"),
    (lambda st: st.set_assessor(1, "a\x00b"), "assessor", "field.control_character"),
    (lambda st: st.set_assessor(1, "two\nlines"), "assessor", "field.control_character"),
    (lambda st: st.set_answer(1, 2, True, note="x" * 50_001), "note", "field.too_long"),
    (lambda st: st.set_note(1, 2, "bell\x07"), "note", "field.control_character"),
    (lambda st: st.set_note(1, 2, "half \ud800 pair"), "note", "field.invalid_character"),
    (lambda st: st.add_evidence(1, 2, "n" * 252 + ".pdf", b"x"), "evidence file name", "field.too_long"),
    (lambda st: st.add_evidence(1, 2, "tab\there.pdf", b"x"), "evidence file name", "field.control_character"),
    (lambda st: st.import_assessment("220300", 2021, "jilin-2021", {}, {3: "\x1b[31m"}), "note",
     "field.control_character"),
])
def test_fields_are_limited_naming_the_field_and_the_limit(db, call, field, code):
    before = digest(db)
    with Store(db) as st:
        with pytest.raises(StoreError) as e:
            call(st)
    assert e.value.code == code and e.value.params["field"] == field
    assert field in str(e.value)
    if code == "field.too_long":
        assert str(e.value.params["limit"]) in str(e.value)
    assert digest(db) == before


def test_multi_line_notes_and_long_enough_names_are_accepted(db):
    with Store(db) as st:
        st.set_note(1, 2, "第一行\n第二行\t制表")
        st.set_assessor(1, "张" * 64)
        st.add_evidence(1, 2, "文" * 250 + ".pdf", b"x")


def test_the_cli_refuses_a_long_assessor_naming_field_and_limit(db, capsys):
    before = digest(db)
    code, out, err = run(capsys, "new", "--db", db, "--region", "220300", "--year", "2021", "--assessor", "名" * 1500)
    assert code == 2 and out == ""
    one_line(err, "assessor", "64", "1500")
    assert digest(db) == before


# -- item 12: network drives -----------------------------------------------------------------

def test_a_database_on_a_network_drive_gets_a_rollback_journal_and_says_so(db, monkeypatch):
    import jlip_desktop.core.store as store_mod

    monkeypatch.setattr(store_mod, "is_network_path", lambda path: True)
    with Store(db) as st:
        assert st.journal_mode == "delete"
        assert "network drive" in st.journal_note
        assert st.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        st.set_answer(1, 2, True)
    assert db.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL, in the header
    monkeypatch.setattr(store_mod, "is_network_path", lambda path: False)
    with Store(db) as st:
        assert st.journal_note is None
        st.set_answer(1, 3, True)
        assert st.journal_mode == "wal"


def test_network_file_systems_are_recognised_from_the_mount_table(tmp_path, monkeypatch):
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n"
        "//server/share /mnt/office\\040share cifs rw 0 0\n"
        "server:/export /mnt/nfs nfs4 rw 0 0\n", encoding="utf-8")
    assert database._linux_fs_type(Path("/mnt/office share/jlip.sqlite"), mounts) == "cifs"
    assert database._linux_fs_type(Path("/mnt/nfs/a/jlip.sqlite"), mounts) == "nfs4"
    assert database._linux_fs_type(Path("/mnt/nfsx/jlip.sqlite"), mounts) == "ext4"
    assert database.is_network_path(tmp_path / "local.sqlite") is False


def test_a_failed_backup_at_open_does_not_stop_the_database_opening(db, monkeypatch):
    def no_room(path, keep=database.BACKUPS_KEPT):
        raise StoreError(f"{path}: can't make a backup copy: the disk is full", code="db.full", file=str(path))

    import jlip_desktop.core.store as store_mod

    monkeypatch.setattr(store_mod, "backup_database", no_room)
    with Store(db, backup=True) as st:
        assert st.backup_error is not None and st.backup_error.code == "db.full"
        assert st.answers(1) == {1: True}


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_folder_with_unmerged_changes_is_refused_not_read_stale(db):
    with Store(db) as st:
        keep = sqlite3.connect(db)  # a second connection keeps the -wal from being merged at close
        keep.execute("SELECT 1 FROM meta").fetchone()
        st.conn.execute("PRAGMA wal_autocheckpoint = 0")
        st.set_answer(1, 2, True)
        import shutil

        copy = db.parent.parent / "副本"
        copy.mkdir()
        for name in (db.name, db.name + "-wal"):
            shutil.copyfile(db.parent / name, copy / name)
        keep.close()
    target = copy / db.name
    assert (copy / (db.name + "-wal")).stat().st_size > 0
    copy.chmod(0o555)
    try:
        r = jlip("list", "--db", target, unprivileged=True)
    finally:
        copy.chmod(0o755)
    assert r.returncode == 2 and r.stdout == ""
    one_line(r.stderr, str(target), "read-only", "-wal")


def test_read_only_opening_takes_any_file_name(tmp_path):
    folder = tmp_path / "县 #1 ?% 数据"
    folder.mkdir()
    p = folder / "库 a&b=c.sqlite"
    with Store(p, create=True) as st:
        st.new_assessment("220100", 2021)
    with Store(p, read_only=True) as st:
        assert [a.region for a in st.list_assessments()] == ["220100"]
    assert database.file_passes_check(p) and database.backup_database(p).exists()


def test_reading_never_changes_the_file(db, capsys):
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode = DELETE")  # e.g. the shipped sample database
    con.close()
    before = file_digest(db)
    for argv in (("list", "--db", db, "--json"), ("show", "--db", db, "--id", 1)):
        assert run(capsys, *argv)[0] == 0
    assert file_digest(db) == before and sorted(p.name for p in db.parent.iterdir()) == [db.name]
    with Store(db) as st:
        assert st.journal_mode == "delete"
        st.set_answer(1, 2, True)  # the first write turns WAL on
        assert st.journal_mode == "wal"


def test_a_disk_error_met_outside_the_store_is_still_a_refusal(db, capsys, monkeypatch):
    import jlip_desktop.cli as cli

    def show(args):
        e = sqlite3.OperationalError("database or disk is full")
        e.sqlite_errorname = "SQLITE_FULL"
        raise e

    monkeypatch.setattr(cli, "cmd_show", show)
    code, out, err = run(capsys, "show", "--db", db, "--id", 1)
    assert code == 2
    one_line(err, str(db), "the disk is full")

    def bug(args):
        raise sqlite3.OperationalError("no such column: nonsense")

    monkeypatch.setattr(cli, "cmd_show", bug)
    code, out, err = run(capsys, "show", "--db", db, "--id", 1)
    assert code == 1 and "internal error" in err
