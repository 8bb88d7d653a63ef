"""The window's store copies its WAL into the database file while the window is idle, not inside an edit."""

from __future__ import annotations

from db_helpers import main_file_points

from jlip_desktop.core.scoring import best_value
from jlip_desktop.core.store import Store
from jlip_desktop.gui.checkpoints import IdleCheckpoint


def test_edits_reach_the_database_file_when_the_window_is_idle(make_window, store, draft, catalog, qtbot, tmp_path,
                                                                monkeypatch):
    monkeypatch.setattr(IdleCheckpoint, "IDLE_MS", 300)
    w = make_window()
    w.open_assessment(draft)
    store.checkpoint()
    assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 10_000  # no edit's commit copies it
    runs = w.checkpoints.runs
    order = w.view.model.point_order()[:3]
    for n in order:
        assert w.view.edit_answer(n, best_value(catalog.points[n]))
    assert main_file_points(store.path, tmp_path / "a.sqlite", draft) == set()  # saved in the WAL, on disk
    assert w.checkpoints.runs == runs and w.checkpoints.timer.isActive()
    qtbot.waitUntil(lambda: w.checkpoints.runs > runs, timeout=3000)
    assert main_file_points(store.path, tmp_path / "b.sqlite", draft) == set(order)
    with Store(store.path) as other:  # a store opened as the command line opens it keeps SQLite's default
        assert other.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000


def test_a_read_only_window_checkpoints_nothing(qtbot, store, draft, settings):
    from jlip_desktop.gui.mainwindow import MainWindow

    store.checkpoint()
    with Store(store.path, read_only=True) as ro:
        w = MainWindow(ro, "zh", settings)
        qtbot.addWidget(w)
        assert ro.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
        w.checkpoints.run()  # harmless
        w.close()
