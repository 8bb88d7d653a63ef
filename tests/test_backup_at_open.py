"""The routine backup at open is skipped when the newest copy already holds the file as it is."""

import os
import time

from jlip_desktop.core import database
from jlip_desktop.core.store import Store


def _age(path, seconds):
    """Move a file's modification time into the past (as if the last change were long ago)."""
    t = time.time() - seconds
    os.utime(path, (t, t))


def _db(tmp_path):
    p = tmp_path / "评估 库.sqlite"
    with Store(p, create=True) as st:
        st.new_assessment("220102", 2022)
    _age(p, 60)
    return p


def test_an_unchanged_database_is_copied_once(tmp_path):
    p = _db(tmp_path)
    Store(p, backup=True).close()
    [first] = database.backup_files(p)
    assert database.backup_is_current(p)
    for _ in range(3):
        with Store(p, backup=True) as st:
            assert st.backup_error is None
    assert database.backup_files(p) == [first]


def test_a_change_after_the_copy_makes_a_new_copy_at_the_next_open(tmp_path):
    p = _db(tmp_path)
    Store(p, backup=True).close()
    [first] = database.backup_files(p)
    with Store(p) as st:
        st.set_answer(1, 2, True)
    assert not database.backup_is_current(p)
    Store(p, backup=True).close()
    olds = database.backup_files(p)
    assert len(olds) == 2 and olds[0] == first
    with Store(olds[-1], read_only=True) as copy:
        assert copy.answers(1) == {2: True}


def test_a_change_within_the_margin_of_the_copy_is_not_trusted(tmp_path):
    p = _db(tmp_path)
    Store(p, backup=True).close()
    os.utime(p)  # a commit a moment ago, after the copy began
    assert not database.backup_is_current(p)
    Store(p, backup=True).close()
    assert len(database.backup_files(p)) == 2


def test_a_newest_copy_of_another_size_is_not_relied_on(tmp_path):
    p = _db(tmp_path)
    Store(p, backup=True).close()
    [first] = database.backup_files(p)
    with open(first, "ab") as fh:
        fh.write(b"\0" * 4096)
    assert not database.backup_is_current(p)
    Store(p, backup=True).close()
    assert len(database.backup_files(p)) == 2


def test_no_copy_means_a_copy_and_a_network_drive_always_copies(tmp_path, monkeypatch):
    p = _db(tmp_path)
    assert not database.backup_is_current(p)
    Store(p, backup=True).close()
    assert database.backup_is_current(p)
    monkeypatch.setattr(database, "is_network_path", lambda path: True)
    assert not database.backup_is_current(p)


def test_backup_database_without_if_changed_always_copies(tmp_path):
    p = _db(tmp_path)
    database.backup_database(p)
    time.sleep(0.002)
    database.backup_database(p)
    assert len(database.backup_files(p)) == 2
    assert database.backup_database(p, if_changed=True) is None
