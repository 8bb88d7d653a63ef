"""A value typed but not confirmed lands on the point it was typed into, whatever moves the form away."""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focus_window(qtbot, w):
    w.activateWindow()
    w.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)


def focused():
    return QApplication.focusWidget()


def point_of(catalog, kind: str, nth: int = 0) -> int:
    return [n for n, p in catalog.points.items() if p.kind == kind][nth]


def type_into_answer(qtbot, w, text: str):
    """Ctrl+2 to the answer, then type (no Enter)."""
    qtbot.keyClick(focused() or w, Qt.Key.Key_2, CTRL)
    qtbot.keyClicks(focused(), text)


def test_alt_down_commits_the_typed_count_to_its_own_point(make_window, store, draft, catalog, qtbot, prompts):
    w = make_window()
    focus_window(qtbot, w)
    n = point_of(catalog, "count")
    w.view.select_point(n)
    type_into_answer(qtbot, w, "3")
    qtbot.keyClick(focused(), Qt.Key.Key_Down, ALT)
    nxt = w.view.model.point_order()[w.view.model.point_order().index(n) + 1]
    assert w.view.current_point == nxt
    assert store.answers(draft) == {n: 3}
    assert not prompts.warnings
    # the next point's editor shows its own (unanswered) value
    assert w.view.form.point.number == nxt and nxt not in w.view.answers


def test_f8_commits_the_typed_graded_value_to_its_own_point(make_window, store, draft, catalog, qtbot, prompts):
    w = make_window()
    focus_window(qtbot, w)
    n = point_of(catalog, "graded", 1)
    w.view.select_point(n)
    type_into_answer(qtbot, w, "2")
    qtbot.keyClick(focused(), Qt.Key.Key_F8)
    assert store.answers(draft) == {n: Decimal(2)}
    assert w.view.current_point != n and not prompts.warnings
    qtbot.keyClick(focused(), Qt.Key.Key_F8, SHIFT)  # back to the previous unanswered one
    assert w.view.current_point != n


def test_ctrl_1_then_tree_keys_commit_first(make_window, store, draft, catalog, qtbot):
    w = make_window()
    focus_window(qtbot, w)
    n = point_of(catalog, "count", 1)
    w.view.select_point(n)
    type_into_answer(qtbot, w, "4")
    qtbot.keyClick(focused(), Qt.Key.Key_1, CTRL)
    assert w.view.tree.hasFocus()
    qtbot.keyClick(w.view.tree, Qt.Key.Key_Down)
    qtbot.keyClick(w.view.tree, Qt.Key.Key_Down)
    assert store.answers(draft) == {n: 4}


def test_a_click_in_the_tree_commits_first(make_window, store, draft, catalog, qtbot):
    w = make_window()
    focus_window(qtbot, w)
    n = point_of(catalog, "count")
    w.view.select_point(n)
    type_into_answer(qtbot, w, "2")
    other = point_of(catalog, "yesno", 5)
    rect = w.view.tree.visualRect(w.view.model.index_for("point", other))
    w.view.tree.scrollTo(w.view.model.index_for("point", other))
    rect = w.view.tree.visualRect(w.view.model.index_for("point", other))
    qtbot.mouseClick(w.view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.view.current_point == other
    assert store.answers(draft) == {n: 2}


def test_closing_the_window_commits_the_typed_value_and_note(make_window, store, draft, catalog, qtbot):
    w = make_window()
    focus_window(qtbot, w)
    n = point_of(catalog, "count")
    w.view.select_point(n)
    type_into_answer(qtbot, w, "5")
    w.close()
    assert store.answers(draft) == {n: 5}


def test_switching_assessment_commits_to_the_one_it_was_typed_into(make_window, store, draft, catalog, qtbot):
    other = store.new_assessment("220200", 2021, "李四")
    w = make_window()
    focus_window(qtbot, w)
    w.open_assessment(draft)
    n = point_of(catalog, "graded")
    w.view.select_point(n)
    type_into_answer(qtbot, w, "3.5")
    w.view.form.note.setPlainText("半句备注")
    w.open_assessment(other)
    assert store.answers(draft) == {n: Decimal("3.5")}
    assert store.notes(draft) == {n: "半句备注"}
    assert store.answers(other) == {} and store.notes(other) == {}


def test_an_off_step_graded_value_is_refused_for_its_point_and_does_not_leak(make_window, store, draft, catalog,
                                                                             qtbot, prompts):
    w = make_window()
    focus_window(qtbot, w)
    n = point_of(catalog, "graded")
    w.view.select_point(n)
    type_into_answer(qtbot, w, "4.3")
    qtbot.keyClick(focused(), Qt.Key.Key_Down, ALT)
    nxt = w.view.current_point
    assert nxt != n
    assert store.answers(draft) == {}
    assert len(prompts.warnings) == 1
    title, text = prompts.warnings[0]
    assert title == "未保存" and f"（{n}）" in text and "4.3" in text and "4.5" in text and "4" in text
    w.view.select_point(n)
    spin = w.view.form._widgets["spin"]
    assert spin.value() == spin.minimum()  # still unanswered, shown as such


def test_an_off_step_value_with_enter_is_refused_visibly(make_window, store, draft, catalog, qtbot, prompts):
    w = make_window()
    focus_window(qtbot, w)
    n = point_of(catalog, "graded")
    w.view.select_point(n)
    type_into_answer(qtbot, w, "2.5")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert store.answers(draft) == {n: Decimal("2.5")}
    qtbot.keyClick(focused(), Qt.Key.Key_2, CTRL)
    qtbot.keyClicks(focused(), "4.3")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert store.answers(draft) == {n: Decimal("2.5")}
    qtbot.waitUntil(lambda: w.view.form._widgets["spin"].value() == 2.5, timeout=1000)  # shown again
    assert prompts.warnings and "4.3" in prompts.warnings[-1][1]


def test_a_store_refusal_at_the_switch_names_the_point_typed_into(make_window, store, draft, catalog, qtbot,
                                                                  prompts, monkeypatch):
    w = make_window()
    focus_window(qtbot, w)
    n = point_of(catalog, "count")
    w.view.select_point(n)
    type_into_answer(qtbot, w, "3")
    real = store.set_answer

    def refuse(aid, point, value, *a, **k):
        if point == n:
            raise __import__("sqlite3").OperationalError("database is locked")
        return real(aid, point, value, *a, **k)

    monkeypatch.setattr(store, "set_answer", refuse)
    qtbot.keyClick(focused(), Qt.Key.Key_Down, ALT)
    assert prompts.warnings and f"（{n}）" in prompts.warnings[0][1]
    nxt = w.view.current_point
    assert nxt != n and store.answers(draft) == {}
    assert w.view.undo_stack.count() == 0


def _mnemonic(text: str) -> Qt.Key:
    letter = re.search(r"&(\w)", text).group(1).upper()
    return getattr(Qt.Key, f"Key_{letter}")


def test_all_points_of_a_new_assessment_filled_and_submitted_with_the_keyboard_alone(
        make_window, store, catalog, qtbot, prompts):
    aid = store.new_assessment("220100", 2022, "张三")
    w = make_window()
    focus_window(qtbot, w)
    w.open_assessment(aid)
    order = w.view.model.point_order()
    assert len(order) == len(catalog.points) == 44
    required = {r for p in catalog.points.values() for r in p.requires}
    expected = {}
    moves = ["alt_down", "f8", "enter_alt_down", "ctrl1_alt_down", "tab_f8"]
    qtbot.keyClick(focused() or w, Qt.Key.Key_1, CTRL)
    w.view.select_point(order[0])
    for i, n in enumerate(order):
        assert w.view.current_point == n, (i, n)
        p = catalog.points[n]
        qtbot.keyClick(focused(), Qt.Key.Key_2, CTRL)
        editor = focused()
        if p.kind == "yesno":
            if i % 3 == 2 and n not in required and not p.veto:
                qtbot.keyClick(editor, Qt.Key.Key_Right)  # to 否
                qtbot.keyClick(focused(), Qt.Key.Key_Space)
                expected[n] = False
            else:
                qtbot.keyClick(editor, Qt.Key.Key_Space)
                expected[n] = True
        elif p.kind == "count":
            qtbot.keyClicks(editor, str(i % 7))
            expected[n] = i % 7
        elif p.kind == "domains":
            qtbot.keyClick(editor, Qt.Key.Key_Space)  # the first domain
            qtbot.keyClick(focused(), Qt.Key.Key_Tab)
            qtbot.keyClick(focused(), Qt.Key.Key_Tab)
            qtbot.keyClick(focused(), Qt.Key.Key_Space)  # the third
            expected[n] = (p.domains[0], p.domains[2])
        else:
            value = min(p.max, Decimal("2.5"))
            qtbot.keyClicks(editor, str(value))
            expected[n] = value
        if i == len(order) - 1:
            break
        move = moves[i % len(moves)]
        if move == "alt_down":
            qtbot.keyClick(focused(), Qt.Key.Key_Down, ALT)
        elif move == "f8":
            qtbot.keyClick(focused(), Qt.Key.Key_F8)
        elif move == "enter_alt_down":
            if p.kind in ("count", "graded"):
                qtbot.keyClick(focused(), Qt.Key.Key_Return)
            qtbot.keyClick(focused(), Qt.Key.Key_Down, ALT)
        elif move == "ctrl1_alt_down":
            qtbot.keyClick(focused(), Qt.Key.Key_1, CTRL)
            qtbot.keyClick(focused(), Qt.Key.Key_Down, ALT)
        else:
            qtbot.keyClick(focused(), Qt.Key.Key_Tab)
            qtbot.keyClick(focused(), Qt.Key.Key_F8)
    assert not prompts.warnings, prompts.warnings
    # Submit from the menu: Alt + the Assessment menu's letter, then the Submit item's letter.
    menu = w.menus["assessment"]
    qtbot.keyClick(focused(), _mnemonic(menu.title()), ALT)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is menu, timeout=2000)
    qtbot.keyClick(menu, _mnemonic(w.actions["submit"].text()))
    qtbot.waitUntil(lambda: store.assessment(aid).status == "submitted", timeout=2000)
    assert store.answers(aid) == expected
    assert not prompts.warnings
