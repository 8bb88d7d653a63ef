"""Keyboard only: reach a point, answer it, move on, undo — no mouse."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def focus_window(qtbot, w):
    w.activateWindow()
    w.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)


def test_answer_points_with_the_keyboard_alone(make_window, store, draft, catalog, qtbot):
    w = make_window()
    focus_window(qtbot, w)
    order = list(catalog.points)
    first = order[0]
    assert catalog.points[first].kind == "yesno"
    # F8: the first unanswered point is already current; Ctrl+2 puts the focus on its answer.
    qtbot.keyClick(w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    yes = w.view.form._widgets["yes"]
    assert yes.hasFocus()
    qtbot.keyClick(yes, Qt.Key.Key_Space)
    assert store.answers(draft) == {first: True}
    # F8 goes to the next unanswered point.
    qtbot.keyClick(w, Qt.Key.Key_F8)
    assert w.view.current_point == order[1]
    # Alt+Y answers "yes" through the radio button's mnemonic.
    qtbot.keyClick(w, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: store.answers(draft) == {first: True, order[1]: True}, timeout=2000)  # animated click
    # Ctrl+Z undoes it, in the database too.
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.answers(draft) == {first: True}
    # Ctrl+1 focuses the tree; arrow keys move between points.
    qtbot.keyClick(w, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert w.view.tree.hasFocus()
    qtbot.keyClick(w.view.tree, Qt.Key.Key_Up)
    assert w.view.current_point == first
