"""Another program's commits reach the open window: tree, summary, form and navigator."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jlip_desktop.cli import main
from jlip_desktop.core.store import Store
from jlip_desktop.gui.external import ExternalChanges
from jlip_desktop.gui.treemodel import COL_SCORE


def point_of(catalog, kind: str) -> int:
    return next(n for n, p in catalog.points.items() if p.kind == kind)


def test_jlip_set_in_a_console_shows_in_the_open_window(make_window, store, draft, catalog, qtbot, capsys):
    w = make_window()
    w.open_assessment(draft)
    n = point_of(catalog, "graded")
    assert main(["set", "--db", str(store.path), "--id", str(draft), str(n), "2.5"]) == 0
    capsys.readouterr()
    assert w.view.answers.get(n) is None  # nothing tells the window of another program's commit…
    assert w.external.look() is True  # …until it looks (every 2 s, and when the app comes to the front)
    qtbot.waitUntil(lambda: w.view.answers.get(n) == Decimal("2.5"), timeout=1000)
    assert w.view.model.index_for("point", n, COL_SCORE).data() == "2.5"
    assert "2.5" in w.view.summary.total.text()
    assert w.external.look() is False


def test_the_window_looks_on_its_own_timer(make_window, store, draft, catalog, qtbot, monkeypatch):
    monkeypatch.setattr(ExternalChanges, "INTERVAL_MS", 50)
    w = make_window()
    w.open_assessment(draft)
    n = point_of(catalog, "yesno")
    with Store(store.path) as other:
        other.set_answer(draft, n, True)
    qtbot.waitUntil(lambda: w.view.answers.get(n) is True, timeout=2000)
    assert w.external.found == 1


def test_an_assessment_made_elsewhere_appears_in_the_navigator(make_window, store, draft, qtbot):
    w = make_window()
    assert w.navigator.current_assessment() == draft  # 长春市 2021: 长春市's years are loaded
    with Store(store.path) as other:
        aid = other.new_assessment("220100", 2020, "王五")
    assert aid not in w.navigator._assessments
    assert w.external.look()
    qtbot.waitUntil(lambda: aid in w.navigator._assessments, timeout=2000)
    assert w.navigator.builds == 1 and w.navigator.current_assessment() == draft  # updated, not rebuilt


def test_a_value_being_typed_is_kept_when_another_program_changes_the_assessment(make_window, store, draft,
                                                                                catalog, qtbot):
    w = make_window()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    w.open_assessment(draft)
    n = point_of(catalog, "count")
    w.view.select_point(n)
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "7")  # typed, not confirmed
    assert w.view.form.has_pending()
    other_point = point_of(catalog, "yesno")
    with Store(store.path) as other:
        other.set_answer(draft, other_point, True)
    assert w.external.look()
    qtbot.waitUntil(lambda: w.view.answers.get(other_point) is True, timeout=1000)
    assert w.view.form.has_pending()  # the typed 7 is still there, to be confirmed
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: store.answers(draft).get(n) == 7, timeout=1000)
    assert store.answers(draft)[other_point] is True
