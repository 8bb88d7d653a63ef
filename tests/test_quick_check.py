"""The integrity check the GUI runs in a thread while its window loads (core.database.QuickCheck)."""

import os
import sqlite3

import pytest

from jlip_desktop.core import database
from jlip_desktop.core import store as store_module
from jlip_desktop.core.database import QuickCheck
from jlip_desktop.core.store import Store, StoreError


def _db(tmp_path):
    p = tmp_path / "评估 库.sqlite"
    with Store(p, create=True) as st:
        st.new_assessment("220102", 2022)
    return p


def _damage(path):
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'audit'").fetchone()[0]
    con.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\x0d\xff\xff\xff\xff\xff\xff\xff" + os.urandom(64))


def _open_like_the_app(path, check):
    """gui.app.open_database without Qt: the Store skips its own check only after a passed QuickCheck."""
    return Store(path, create=True, backup=True, check=not check.passed())


def test_a_good_file_passes_and_the_store_does_not_read_it_twice(tmp_path, monkeypatch):
    p = _db(tmp_path)
    check = QuickCheck(p)
    assert check.passed()
    calls = []
    real = store_module.integrity_problem
    monkeypatch.setattr(store_module, "integrity_problem", lambda conn: calls.append(1) or real(conn))
    with _open_like_the_app(p, check) as st:
        assert st.list_assessments()
    assert calls == []


def test_a_damaged_file_fails_and_the_store_refuses_it_as_before(tmp_path):
    p = _db(tmp_path)
    _damage(p)
    before = p.read_bytes()
    check = QuickCheck(p)
    assert not check.passed()
    with pytest.raises(StoreError) as e:
        _open_like_the_app(p, check)
    assert e.value.code == "db.damaged"
    assert p.read_bytes() == before and not database.backup_files(p)  # no copy of a damaged file


def test_a_foreign_or_missing_file_is_left_to_the_store(tmp_path):
    foreign = tmp_path / "notes.sqlite"
    foreign.write_bytes(b"this is not a database" * 100)
    assert not QuickCheck(foreign).passed()
    with pytest.raises(StoreError):
        _open_like_the_app(foreign, QuickCheck(foreign))
    missing = tmp_path / "新 库.sqlite"
    check = QuickCheck(missing)
    assert not check.passed()
    with _open_like_the_app(missing, check) as st:  # created, as before
        assert st.regions()
