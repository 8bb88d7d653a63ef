"""What the assessment view says: read-only imports, grade and veto only once settled, history in words,
the unanswered-only filter, last year's answers, and changes made elsewhere."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from jlip_desktop.core.chartdata import radar_series
from jlip_desktop.core.scoring import best_value, score, worst_value
from jlip_desktop.gui.readouts import grade_outlook
from jlip_desktop.gui.treemodel import COL_PRIOR, COL_SCORE


def first_point(catalog, kind: str) -> int:
    return next(n for n, p in catalog.points.items() if p.kind == kind)


def imported(store, catalog, answers=None):
    return store.import_assessment("220200", 2021, catalog.id, answers or {1: True}, {1: "县里的备注"},
                                   status="submitted", assessor="王五", source_file="吉林市 2021.xlsx", revision=3)


# -- imported assessments are read-only -------------------------------------------

def test_an_imported_assessment_is_read_only_with_a_line_saying_why(make_window, store, catalog, tmp_path):
    aid = imported(store, catalog)
    w = make_window()
    w.open_assessment(aid)
    assert not w.view.editable
    line = w.view.lock_line
    assert line.isVisibleTo(w) and "吉林市 2021.xlsx" in line.text() and "3" in line.text() and "只读" in line.text()
    w.view.select_point(1)
    f = w.view.form
    assert not f._widgets["yes"].isEnabled() and not f._widgets["no"].isEnabled()
    assert f.note.isReadOnly() and not f.add_button.isEnabled() and not f.clear_button.isEnabled()
    f.evidence.setCurrentRow(0)
    assert not f.remove_button.isEnabled()
    f._widgets["no"].click()
    f.note.setPlainText("省里改的")
    f.flush_note()
    assert store.answers(aid) == {1: True} and store.notes(aid) == {1: "县里的备注"}
    assert w.view.summary.assessor.isReadOnly()
    assert "导入" in w.view.summary.status.text()


def test_a_county_draft_shows_no_lock_line(make_window, store, draft):
    w = make_window()
    w.open_assessment(draft)
    assert w.view.editable and not w.view.lock_line.isVisibleTo(w)


# -- grade and veto only once settled ---------------------------------------------

def test_a_new_assessment_shows_no_grade_and_no_veto_warning(make_window, store, draft, catalog):
    w = make_window()
    w.open_assessment(draft)
    assert w.view.summary.grade.text() == "等级：待定"
    assert w.view.summary.veto.text() == ""
    assert "较差" in w.view.summary.grade.toolTip() and "优秀" in w.view.summary.grade.toolTip()


def test_the_veto_warning_appears_once_its_point_is_answered_not_met(make_window, store, draft, catalog):
    w = make_window()
    veto = next(n for n, p in catalog.points.items() if p.veto)
    other = next(n for n, p in catalog.points.items() if not p.veto)
    w.view.edit_answer(other, worst_value(catalog.points[other]))
    assert w.view.summary.veto.text() == ""
    w.view.edit_answer(veto, worst_value(catalog.points[veto]))
    assert w.view.summary.veto.text() != ""


def test_the_grade_shows_as_soon_as_the_open_points_cant_change_it(make_window, store, draft, catalog):
    w = make_window()
    answers = {n: best_value(p) for n, p in catalog.points.items()}
    small = min((n for n, p in catalog.points.items() if not p.veto), key=lambda n: catalog.points[n].max)
    del answers[small]
    for n, v in answers.items():
        store.set_answer(draft, n, v, raw=False)
    w.open_assessment(draft)
    top = catalog.grades[0]
    assert w.view.summary.grade.text() == f"等级：{top.name}"


def test_grade_outlook_follows_the_catalogue_not_a_point_number(catalog):
    veto = next(n for n, p in catalog.points.items() if p.veto)
    other = max((n for n in catalog.points if n != veto), key=lambda n: catalog.points[n].max)
    moved = dataclasses.replace(catalog, points={
        n: dataclasses.replace(p, veto=(n == other)) for n, p in catalog.points.items()})
    answers = {n: best_value(p) for n, p in catalog.points.items()}
    answers[veto] = worst_value(catalog.points[veto])
    o = grade_outlook(moved, score(moved, answers))
    assert o.vetoed is False  # the old veto point no longer is one
    answers[other] = worst_value(catalog.points[other])
    o = grade_outlook(moved, score(moved, answers))
    assert o.vetoed is True and o.grade is not None and o.grade != moved.grades[0]
    del answers[other]
    o = grade_outlook(moved, score(moved, answers))
    assert o.vetoed is None


def test_grade_outlook_of_a_complete_assessment_is_the_cores_grade(catalog):
    for pick in (best_value, worst_value):
        answers = {n: pick(p) for n, p in catalog.points.items()}
        sc = score(catalog, answers)
        assert grade_outlook(catalog, sc).grade == sc.grade


# -- evidence buttons ---------------------------------------------------------------

def test_remove_is_disabled_without_a_selected_file_even_after_a_language_switch(make_window, store, draft,
                                                                                 catalog, tmp_path):
    w = make_window()
    n = first_point(catalog, "yesno")
    w.view.select_point(n)
    f = tmp_path / "会议 纪要.txt"
    f.write_bytes(b"x")
    w.view.add_evidence(n, [str(f)])
    form = w.view.form
    assert not form.remove_button.isEnabled() and not form.open_button.isEnabled()
    form.evidence.setCurrentRow(0)
    assert form.remove_button.isEnabled() and form.open_button.isEnabled()
    form.evidence.clearSelection()
    w.set_language("en")
    assert not form.remove_button.isEnabled()


# -- history in words ----------------------------------------------------------------

def test_history_shows_words_and_the_assessor(make_window, store, draft, catalog):
    w = make_window()
    yn = first_point(catalog, "yesno")
    dom = first_point(catalog, "domains")
    p = catalog.points[dom]
    w.view.edit_answer(yn, False)
    w.view.edit_answer(yn, True)
    w.view.edit_answer(dom, (p.domains[0], p.domains[1]))
    for n, pt in catalog.points.items():
        if n not in w.view.answers:
            store.set_answer(draft, n, best_value(pt), raw=False, who="张三")
    w.submit_assessment()
    w.view.tabs.setCurrentWidget(w.view.history)
    rows = [[w.view.history.item(r, c).text() for c in range(5)] for r in range(w.view.history.rowCount())]
    changes = [r[4] for r in rows]
    assert "否 → 是" in changes and "— → 否" in changes
    assert f"— → {p.domains[0]}、{p.domains[1]}" in changes
    assert "草稿 → 已提交" in changes
    edits = [r for r in rows if r[3] in (f"({yn})", f"({dom})")]
    assert edits and all(r[1] == "张三" for r in edits)
    assert not any("true" in c or "[" in c or "draft" in c for c in changes)


def test_history_in_english_uses_english_words(make_window, store, draft, catalog):
    w = make_window("en")
    yn = first_point(catalog, "yesno")
    w.view.edit_answer(yn, True)
    w.view.tabs.setCurrentWidget(w.view.history)
    assert w.view.history.item(0, 4).text() == "— → yes"


# -- the unanswered-only filter -----------------------------------------------------

def test_only_unanswered_hides_answered_points_and_navigation_skips_them(make_window, store, draft, catalog):
    w = make_window()
    order = w.view.model.point_order()
    for n in order[1:4]:
        store.set_answer(draft, n, best_value(catalog.points[n]), raw=False)
    w.open_assessment(draft)
    w.view.select_point(order[0])
    w.view.unanswered_only.setChecked(True)
    tree, model = w.view.tree, w.view.model

    def hidden(n):
        idx = model.index_for("point", n)
        return tree.isRowHidden(idx.row(), idx.parent())

    assert not hidden(order[0]) and all(hidden(n) for n in order[1:4]) and not hidden(order[4])
    w.view.edit_answer(order[0], best_value(catalog.points[order[0]]))
    assert not hidden(order[0])  # the point being filled stays until one moves on
    w.actions["next_point"].trigger()
    assert w.view.current_point == order[4]
    assert hidden(order[0])
    w.view.unanswered_only.setChecked(False)
    assert not any(hidden(n) for n in order)


# -- last year's answers -------------------------------------------------------------

def test_last_years_answer_and_score_beside_each_point(make_window, store, catalog):
    yn = first_point(catalog, "yesno")
    dom = first_point(catalog, "domains")
    prev = store.new_assessment("220300", 2020, "赵六")
    store.set_answer(prev, yn, True, raw=False)
    store.set_answer(prev, dom, (catalog.points[dom].domains[0],), raw=False)
    now = store.new_assessment("220300", 2021, "赵六")
    w = make_window()
    w.open_assessment(now)
    w.view.select_point(yn)
    label = w.view.form.prior_label
    assert label.isVisibleTo(w) and label.text() == f"上年（2020）：是 / {catalog.points[yn].max.normalize()} 分"
    w.view.select_point(dom)
    assert label.text().startswith(f"上年（2020）：{catalog.points[dom].domains[0]} / ")
    other = next(n for n in catalog.points if n not in (yn, dom))
    w.view.select_point(other)
    assert label.text() == "上年（2020）：未答"
    header = w.view.tree.header()
    assert not header.isSectionHidden(COL_PRIOR)
    model = w.view.model
    assert model.index_for("point", yn, COL_PRIOR).data() == f"{catalog.points[yn].max:.1f}"
    assert model.index_for("point", other, COL_PRIOR).data() == "—"
    assert model.headerData(COL_PRIOR, Qt.Orientation.Horizontal) == "上年"
    assert "上年" in model.index_for("point", yn).data(Qt.ItemDataRole.ToolTipRole)


def test_without_last_year_nothing_is_shown(make_window, store, draft, catalog):
    w = make_window()
    w.open_assessment(draft)
    assert not w.view.form.prior_label.isVisibleTo(w)
    assert w.view.tree.header().isSectionHidden(COL_PRIOR)


# -- changes made elsewhere reach the open view --------------------------------------

def test_a_change_made_elsewhere_reaches_tree_summary_form_and_history(make_window, store, draft, catalog, qtbot):
    w = make_window()
    w.open_assessment(draft)
    n = first_point(catalog, "graded")
    w.view.select_point(n)
    w.view.tabs.setCurrentWidget(w.view.history)
    rows = w.view.history.rowCount()
    store.set_answer(draft, n, Decimal("2.5"), raw=False, who="另一处")  # e.g. an import or another panel
    qtbot.waitUntil(lambda: w.view.answers.get(n) == Decimal("2.5"), timeout=1000)
    assert w.view.model.index_for("point", n, COL_SCORE).data() == "2.5"
    assert "2.5" in w.view.summary.total.text()
    assert w.view.form._widgets["spin"].value() == 2.5
    assert w.view.history.rowCount() == rows + 1
    store.set_assessor(draft, "李四")
    qtbot.waitUntil(lambda: w.view.summary.assessor.text() == "李四", timeout=1000)


def test_a_change_elsewhere_to_a_point_just_edited_here_still_reaches_the_view(make_window, store, draft, catalog,
                                                                                qtbot):
    """The view does not re-read its own edits; another writer's change of the same point, right after, it does."""
    w = make_window()
    w.open_assessment(draft)
    w.view.tabs.setCurrentWidget(w.view.charts_holder)
    n = first_point(catalog, "graded")
    w.view.select_point(n)
    assert w.view.edit_answer(n, Decimal("1.5"))
    assert w.view.model.index_for("point", n, COL_SCORE).data() == "1.5"
    store.set_answer(draft, n, Decimal("2.5"), raw=False, who="另一处")  # no event loop turn in between
    qtbot.waitUntil(lambda: w.view.answers.get(n) == Decimal("2.5"), timeout=1000)
    assert w.view.model.index_for("point", n, COL_SCORE).data() == "2.5"
    assert "2.5" in w.view.summary.total.text()
    assert w.view.form._widgets["spin"].value() == 2.5
    rates = [float(a.rate) for a in radar_series(score(catalog, {n: Decimal("2.5")}), "primary")]
    assert w.view.charts.primary.vertex_rates() == pytest.approx(rates)
    store.set_note(draft, n, "另一处的备注")
    qtbot.waitUntil(lambda: w.view.form.note.toPlainText() == "另一处的备注", timeout=1000)


def test_a_note_saved_while_the_history_shows_appears_in_it(make_window, store, draft, catalog, qtbot):
    w = make_window()
    w.open_assessment(draft)
    n = first_point(catalog, "yesno")
    w.view.select_point(n)
    w.view.form.note.setPlainText("材料见附件")  # saved after a pause in typing
    w.view.tabs.setCurrentWidget(w.view.history)
    rows = w.view.history.rowCount()
    qtbot.waitUntil(lambda: store.notes(draft).get(n) == "材料见附件", timeout=3000)
    assert w.view.history.rowCount() == rows + 1
    assert "材料见附件" in w.view.history.item(0, 4).text()


def test_the_filter_shows_every_row_again_and_hides_answered_ones_made_elsewhere(make_window, store, draft, catalog,
                                                                                 qtbot):
    w = make_window()
    w.open_assessment(draft)
    order = w.view.model.point_order()
    tree, model = w.view.tree, w.view.model

    def hidden(n):
        idx = model.index_for("point", n)
        return tree.isRowHidden(idx.row(), idx.parent())

    w.view.select_point(order[0])
    for n in order[:3]:  # the filter off: answered points stay
        assert w.view.edit_answer(n, best_value(catalog.points[n]))
    assert not any(hidden(n) for n in order)
    w.view.unanswered_only.setChecked(True)
    assert hidden(order[0]) and hidden(order[1]) and not hidden(order[2]) and not hidden(order[3])
    store.set_answer(draft, order[5], best_value(catalog.points[order[5]]), raw=False)  # answered elsewhere
    qtbot.waitUntil(lambda: hidden(order[5]), timeout=1000)
    w.view.unanswered_only.setChecked(False)
    assert not any(hidden(n) for n in order)
    store.set_answer(draft, order[6], best_value(catalog.points[order[6]]), raw=False)
    qtbot.waitUntil(lambda: order[6] in w.view.answers, timeout=1000)
    assert not any(hidden(n) for n in order)


def test_an_edit_here_does_not_rebuild_the_form(make_window, store, draft, catalog, qtbot):
    w = make_window()
    n = first_point(catalog, "count")
    w.view.select_point(n)
    spin = w.view.form._widgets["spin"]
    spin.setValue(2)
    QCoreApplication.processEvents()
    assert w.view.form._widgets["spin"] is spin and store.answers(draft) == {n: 2}


def test_deleted_elsewhere_empties_the_view(make_window, store, draft, qtbot):
    w = make_window()
    w.open_assessment(draft)
    store.delete_assessment(draft)
    qtbot.waitUntil(lambda: w.view.assessment is None, timeout=1000)
