"""A save the database refuses: the form shows the saved value, no undo entry, a message saying 未保存 and why."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest
from PySide6.QtCore import QCoreApplication

from jlip_desktop.core.errors import BadInput
from jlip_desktop.core.scoring import best_value


def first_point(catalog, kind: str) -> int:
    return next(n for n, p in catalog.points.items() if p.kind == kind)


@pytest.fixture
def write_lock(store):
    """Another program holding the database's write lock; the store waits only 50 ms for it."""
    other = sqlite3.connect(str(store.path), isolation_level=None)
    store.conn.execute("PRAGMA busy_timeout = 50")

    class Lock:
        def take(self):
            other.execute("BEGIN IMMEDIATE")

        def release(self):
            if other.in_transaction:
                other.execute("ROLLBACK")

    lock = Lock()
    yield lock
    lock.release()
    other.close()


def assert_refused_in_chinese(prompts, *reason_words):
    assert len(prompts.warnings) == 1, prompts.warnings
    title, text = prompts.warnings[0]
    assert title == "未保存"
    assert "未保存" in text
    for word in reason_words:
        assert word in text, text
    assert "redo" not in text and "Error" not in text


def test_a_locked_database_keeps_the_saved_answer_and_pushes_no_undo(make_window, store, draft, catalog, prompts,
                                                                     write_lock):
    w = make_window()
    n = first_point(catalog, "yesno")
    w.view.select_point(n)
    write_lock.take()
    w.view.form._widgets["yes"].click()
    assert_refused_in_chinese(prompts, "另一个程序")
    assert w.view.form._widgets["unanswered"].isChecked()
    assert w.view.undo_stack.count() == 0
    assert not w.actions["undo"].isEnabled()
    assert n not in w.view.answers and w.view.current_score.answered == 0
    write_lock.release()
    assert store.answers(draft) == {}
    # once the other program lets go, the same click saves
    w.view.form._widgets["yes"].click()
    assert store.answers(draft) == {n: True} and w.view.undo_stack.count() == 1


@pytest.mark.parametrize(("error", "reason"), [
    (sqlite3.OperationalError("attempt to write a readonly database"), "只读"),
    (sqlite3.OperationalError("database or disk is full"), "磁盘已满"),
    (OSError(28, "No space left on device"), "磁盘已满"),
])
def test_a_database_error_is_worded_and_the_count_box_goes_back(make_window, store, draft, catalog, prompts,
                                                                monkeypatch, error, reason):
    w = make_window()
    n = first_point(catalog, "count")
    w.view.select_point(n)
    spin = w.view.form._widgets["spin"]
    spin.setValue(2)
    assert store.answers(draft) == {n: 2}

    def refuse(*_a, **_k):
        raise error

    monkeypatch.setattr(store, "set_answer", refuse)
    spin.setValue(5)
    assert_refused_in_chinese(prompts, reason)
    assert spin.value() == 2
    assert w.view.undo_stack.count() == 1
    assert w.view.answers[n] == 2


def test_a_rule_refusal_from_the_store_pushes_no_undo(make_window, store, draft, catalog, prompts, monkeypatch):
    w = make_window()
    n = first_point(catalog, "graded")
    w.view.select_point(n)

    def refuse(*_a, **_k):
        raise BadInput("refused for the test", code="store.locked")

    monkeypatch.setattr(store, "set_answer", refuse)
    w.view.form._widgets["spin"].setValue(1.5)
    assert prompts.warnings and prompts.warnings[0][0] == "未保存"
    assert w.view.undo_stack.count() == 0
    spin = w.view.form._widgets["spin"]
    assert spin.value() == spin.minimum()


def test_undo_that_cant_be_saved_leaves_stack_form_and_database_together(make_window, store, draft, catalog,
                                                                         prompts, write_lock, qtbot):
    w = make_window()
    n = first_point(catalog, "yesno")
    w.view.select_point(n)
    w.view.form._widgets["yes"].click()
    assert w.view.undo_stack.index() == 1
    write_lock.take()
    w.actions["undo"].trigger()
    assert_refused_in_chinese(prompts, "另一个程序")
    qtbot.waitUntil(lambda: w.view.undo_stack.index() == 1, timeout=1000)
    assert w.view.form._widgets["yes"].isChecked()
    assert w.view.answers == {n: True}
    write_lock.release()
    assert store.answers(draft) == {n: True}
    w.actions["undo"].trigger()  # now it can
    assert store.answers(draft) == {} and w.view.undo_stack.index() == 0
    # and a redo that can't be saved steps back too
    write_lock.take()
    w.actions["redo"].trigger()
    qtbot.waitUntil(lambda: w.view.undo_stack.index() == 0, timeout=1000)
    assert w.view.form._widgets["unanswered"].isChecked()
    write_lock.release()
    assert store.answers(draft) == {}
    w.actions["redo"].trigger()
    assert store.answers(draft) == {n: True}


def test_a_note_that_cant_be_saved_shows_the_saved_note_and_keeps_the_typed_text_in_the_message(
        make_window, store, draft, catalog, prompts, write_lock):
    w = make_window()
    n = first_point(catalog, "yesno")
    w.view.select_point(n)
    w.view.form.note.setPlainText("已召开")
    w.view.form.flush_note()
    write_lock.take()
    w.view.form.note.setPlainText("已召开专题会议")
    w.view.form.flush_note()
    assert_refused_in_chinese(prompts, "另一个程序")
    assert w.view.form.note.toPlainText() == "已召开"
    write_lock.release()
    assert store.notes(draft) == {n: "已召开"}


def test_assessor_that_cant_be_saved_goes_back(make_window, store, draft, prompts, write_lock):
    w = make_window()
    write_lock.take()
    w.view.summary.assessor.setText("李四")
    w.view.summary.assessor.editingFinished.emit()
    assert_refused_in_chinese(prompts, "另一个程序")
    assert w.view.summary.assessor.text() == "张三"


def test_english_ui_says_not_saved_in_english(make_window, store, draft, catalog, prompts, write_lock):
    w = make_window("en")
    n = first_point(catalog, "yesno")
    w.view.select_point(n)
    write_lock.take()
    w.view.form._widgets["no"].click()
    title, text = prompts.warnings[0]
    assert title == "Not saved" and "another program" in text


def test_undo_still_works_after_edits(make_window, store, draft, catalog):
    """The stack pushes after the save: undo and redo write as before."""
    w = make_window()
    a, b = list(catalog.points)[:2]
    w.view.edit_answer(a, best_value(catalog.points[a]))
    w.view.edit_answer(b, best_value(catalog.points[b]))
    assert w.view.undo_stack.count() == 2
    w.view.undo_stack.undo()
    assert set(store.answers(draft)) == {a}
    w.view.undo_stack.undo()
    assert store.answers(draft) == {}
    w.view.undo_stack.redo()
    w.view.undo_stack.redo()
    assert set(store.answers(draft)) == {a, b}
    QCoreApplication.processEvents()
    assert w.view.undo_stack.index() == 2


def test_graded_value_refused_by_the_rules_is_not_pushed(make_window, store, draft, catalog, prompts):
    w = make_window()
    n = first_point(catalog, "graded")
    w.view.select_point(n)
    assert not w.view.edit_answer(n, catalog.points[n].max + Decimal(1))
    assert w.view.undo_stack.count() == 0 and prompts.warnings
