"""The integrity check the GUI runs in a thread while its window loads (core.database.QuickCheck)."""

import os

import pytest
from db_helpers import damage_table

from jlip_desktop.core import database
from jlip_desktop.core import store as store_module
from jlip_desktop.core.database import QuickCheck
from jlip_desktop.core.store import Store, StoreError


def _db(tmp_path):
    p = tmp_path / "评估 库.sqlite"
    with Store(p, create=True) as st:
        st.new_assessment("220102", 2022)
    return p


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
    damage_table(p)
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


# -- the stamp of a passed check: a file is checked once per change ------------------------------------

def _aged(path, seconds=60):
    """The file as if last written a minute ago (a stamp is left only for a file not changed just now)."""
    t = path.stat().st_mtime_ns - seconds * 10**9
    os.utime(path, ns=(t, t))


def _counting(monkeypatch):
    calls = []
    real = database.integrity_problem
    monkeypatch.setattr(store_module, "integrity_problem", lambda conn: calls.append(1) or real(conn))
    return calls


def test_an_unchanged_file_is_checked_once(tmp_path, monkeypatch):
    p = _db(tmp_path)
    _aged(p)
    calls = _counting(monkeypatch)
    for _ in range(3):
        with Store(p) as st:
            assert st.list_assessments()
    assert calls == [1]
    assert database.check_stamp_path(p).is_file() and database.check_is_current(p)
    assert QuickCheck(p).passed()  # the GUI's check in a thread uses the same stamp


def test_a_change_means_a_new_check(tmp_path, monkeypatch):
    p = _db(tmp_path)
    _aged(p)
    calls = _counting(monkeypatch)
    with Store(p):
        pass
    with Store(p) as st:
        st.new_assessment("220103", 2022)  # a commit: the stamp no longer matches
    assert not database.check_is_current(p)
    with Store(p):
        pass
    assert calls == [1, 1]


def test_a_file_changed_moments_ago_leaves_no_stamp(tmp_path, monkeypatch):
    p = _db(tmp_path)  # written just now: a coarse clock could give the next change the same time
    calls = _counting(monkeypatch)
    with Store(p):
        pass
    with Store(p):
        pass
    assert calls == [1, 1] and not database.check_stamp_path(p).exists()


def test_damage_after_the_stamp_is_refused(tmp_path):
    p = _db(tmp_path)
    _aged(p)
    with Store(p):
        pass
    assert database.check_is_current(p)
    damage_table(p)  # rewrites bytes: a new modification time
    with pytest.raises(StoreError) as e:
        Store(p)
    assert e.value.code == "db.damaged"


def test_damage_the_stamp_cant_see_is_still_refused_when_read(tmp_path, capsys):
    """A sector gone bad under an unchanged file (same size and time): SQLite reports the page it reads."""
    from jlip_desktop.cli import main

    p = _db(tmp_path)
    _aged(p)
    with Store(p):
        pass
    st_ = p.stat()
    damage_table(p, "assessments")
    os.utime(p, ns=(st_.st_atime_ns, st_.st_mtime_ns))
    assert database.check_is_current(p)  # the stamp can't tell
    assert main(["list", "--db", str(p)]) == 2
    err = capsys.readouterr().err
    assert "damaged" in err and len(err.strip().splitlines()) == 1


def test_no_stamp_on_a_read_only_folder_and_nothing_breaks(tmp_path, monkeypatch):
    p = _db(tmp_path)
    _aged(p)
    monkeypatch.setattr(database.os, "replace", lambda *a: (_ for _ in ()).throw(PermissionError("read-only")))
    with Store(p) as st:
        assert st.list_assessments()
    assert not database.check_is_current(p)
    assert not list(database.backups_folder(p).glob("*.part"))
