"""The main window: edits, live recalculation, undo, submit/lock, language, evidence, files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from jlip_desktop.core.scoring import best_value, one_decimal, score
from jlip_desktop.core.store import Store
from jlip_desktop.gui import mainwindow, messages
from jlip_desktop.gui.readouts import grade_outlook
from jlip_desktop.gui.treemodel import ScoreRole


def first_point(catalog, kind: str) -> int:
    return next(n for n, p in catalog.points.items() if p.kind == kind)


def assert_shown_and_saved(w, store, aid, expected: dict):
    """Every node, the total and the grade equal the core's score; the DB holds the answers."""
    cat = w.view.catalog
    sc = score(cat, expected)
    model = w.view.model
    for n in cat.points:
        assert model.index_for("point", n).data(ScoreRole) == sc.points[n]
    for level in ("tertiary", "secondary", "primary"):
        for n in cat.level(level):
            assert model.index_for(level, n).data(ScoreRole) == sc.node(level, n), (level, n)
    assert one_decimal(sc.total) in w.view.summary.total.text()
    settled = grade_outlook(cat, sc).grade  # the grade shows once no open point can change it
    assert (settled.name if settled else "待定") in w.view.summary.grade.text()
    assert f"{sc.answered}/{len(cat.points)}" in w.view.summary.answered.text()
    assert w.view.summary.progress.value() == sc.answered
    fresh = Store(store.path)
    try:
        assert fresh.answers(aid) == expected
    finally:
        fresh.close()


def test_yes_no_toggle_updates_tree_total_grade_and_database(make_window, store, draft, catalog):
    w = make_window()
    n = first_point(catalog, "yesno")
    w.view.select_point(n)
    w.view.form._widgets["yes"].click()
    assert_shown_and_saved(w, store, draft, {n: True})
    w.view.form._widgets["no"].click()
    assert_shown_and_saved(w, store, draft, {n: False})
    w.view.form._widgets["unanswered"].click()
    assert_shown_and_saved(w, store, draft, {})


def test_count_change_updates_everything(make_window, store, draft, catalog):
    w = make_window()
    n = first_point(catalog, "count")
    w.view.select_point(n)
    w.view.form._widgets["spin"].setValue(3)
    assert_shown_and_saved(w, store, draft, {n: 3})
    assert w.view.model.index_for("point", n).data(ScoreRole) == min(catalog.points[n].unit * 3, catalog.points[n].cap)


def test_domain_ticks_update_everything(make_window, store, draft, catalog):
    w = make_window()
    n = first_point(catalog, "domains")
    doms = catalog.points[n].domains
    w.view.select_point(n)
    boxes = w.view.form._widgets["boxes"]
    boxes[2].click()
    boxes[0].click()
    assert_shown_and_saved(w, store, draft, {n: (doms[0], doms[2])})
    boxes[2].click()
    assert_shown_and_saved(w, store, draft, {n: (doms[0],)})


def test_graded_value_updates_everything(make_window, store, draft, catalog):
    w = make_window()
    n = first_point(catalog, "graded")
    step = catalog.points[n].step
    w.view.select_point(n)
    w.view.form._widgets["spin"].setValue(float(step * 5))
    assert_shown_and_saved(w, store, draft, {n: step * 5})
    assert w.view.form._widgets["spin"].singleStep() == float(step)


def test_a_full_set_of_best_answers_reaches_the_maximum(make_window, store, draft, catalog):
    w = make_window()
    expected = {}
    for n, p in catalog.points.items():
        w.view.edit_answer(n, best_value(p))
        expected[n] = best_value(p)
    assert_shown_and_saved(w, store, draft, expected)
    assert w.view.current_score.total == catalog.total_max


def test_undo_and_redo_restore_ui_and_database(make_window, store, draft, catalog):
    w = make_window()
    n = first_point(catalog, "yesno")
    w.view.select_point(n)
    w.view.form._widgets["yes"].click()
    w.view.form._widgets["no"].click()
    assert w.actions["undo"].isEnabled()
    assert w.actions["undo"].shortcut().matches(w.actions["undo"].shortcut()) and \
        w.actions["undo"].shortcut().toString() == "Ctrl+Z"
    w.actions["undo"].trigger()
    assert w.view.form._widgets["yes"].isChecked()
    assert_shown_and_saved(w, store, draft, {n: True})
    w.actions["undo"].trigger()
    assert w.view.form._widgets["unanswered"].isChecked()
    assert_shown_and_saved(w, store, draft, {})
    w.actions["redo"].trigger()
    assert_shown_and_saved(w, store, draft, {n: True})
    # The undo itself went through the store: it is in the history.
    assert [e.action for e in store.audit(draft)][-3:] == ["set", "clear", "set"]


def test_undo_of_another_point_brings_it_into_view(make_window, store, draft, catalog):
    w = make_window()
    a, b = list(catalog.points)[:2]
    w.view.edit_answer(a, best_value(catalog.points[a]))
    w.view.select_point(b)
    w.actions["undo"].trigger()
    assert w.view.current_point == a
    assert_shown_and_saved(w, store, draft, {})


def test_submit_with_unanswered_points_is_refused_with_the_list(make_window, store, draft, catalog, prompts):
    w = make_window()
    answered = list(catalog.points)[:5]
    for n in answered:
        w.view.edit_answer(n, best_value(catalog.points[n]))
    assert w.submit_assessment() is False
    assert store.assessment(draft).status == "draft"
    title, text = prompts.warnings[-1]
    missing = [n for n in catalog.points if n not in answered]
    assert str(len(missing)) in text
    for n in missing[:10]:
        assert f"({n}) {catalog.points[n].label}" in text
    assert w.view.current_point == missing[0]


def test_submitted_assessment_cannot_be_edited_and_reopen_asks_a_reason(make_window, store, draft, catalog,
                                                                         prompts):
    for n, p in catalog.points.items():
        store.set_answer(draft, n, best_value(p), raw=False)
    w = make_window()
    w.open_assessment(draft)
    assert w.submit_assessment() is True
    assert store.assessment(draft).status == "submitted"
    n = first_point(catalog, "yesno")
    w.view.select_point(n)
    form = w.view.form
    assert not form._widgets["no"].isEnabled()
    assert not form.clear_button.isEnabled()
    assert form.note.isReadOnly()
    assert not w.actions["undo"].isEnabled()
    assert not w.actions["submit"].isEnabled()
    form._emit(False)  # even a programmatic edit of the locked form changes nothing
    w.view.edit_answer(n, False)  # and the store refuses a direct edit
    assert store.answers(draft)[n] is True
    assert form._widgets["yes"].isChecked()
    prompts.text = "校对错误"
    assert w.reopen_assessment() is True
    assert store.assessment(draft).status == "draft"
    assert store.audit(draft)[-1].detail == "校对错误"
    assert form._widgets["no"].isEnabled()


def test_reopen_cancelled_keeps_it_locked(make_window, store, draft, catalog, prompts):
    for n, p in catalog.points.items():
        store.set_answer(draft, n, best_value(p), raw=False)
    store.submit(draft)
    w = make_window()
    w.open_assessment(draft)
    prompts.text = None
    assert w.reopen_assessment() is False
    assert store.assessment(draft).status == "submitted"


def test_switching_language_changes_menus_and_catalogue_names(make_window, store, draft, catalog, settings):
    w = make_window("zh")
    p1 = next(iter(catalog.primary.values()))
    n = next(iter(catalog.points))
    w.view.select_point(n)
    assert w.menus["file"].title() == "文件(&F)"
    assert w.actions["submit"].text() == "提交(&S)"
    assert w.view.model.index_for("primary", p1.number).data() == p1.name
    assert catalog.points[n].label in w.view.form.title.text()
    assert "总分" in w.view.summary.total.text()
    w.actions["lang_en"].trigger()
    assert w.menus["file"].title() == "&File"
    assert w.actions["submit"].text() == "&Submit"
    assert w.view.model.index_for("primary", p1.number).data() == p1.name_en
    assert catalog.points[n].label_en in w.view.form.title.text()
    assert w.view.summary.total.text().startswith("Total")
    assert w.view.model.headerData(0, Qt.Orientation.Horizontal) == "Indicator"
    assert settings.value("language") == "en"
    w.actions["lang_zh"].trigger()
    assert w.menus["file"].title() == "文件(&F)"
    assert w.view.model.index_for("primary", p1.number).data() == p1.name
    assert w.view.model.headerData(0, Qt.Orientation.Horizontal) == "指标"
    assert settings.value("language") == "zh"


def test_domain_names_follow_the_language(make_window, draft, catalog):
    w = make_window("en")
    n = first_point(catalog, "domains")
    w.view.select_point(n)
    shown = [b.text().split(" ", 1)[1] for b in w.view.form._widgets["boxes"]]  # after the "&1 " mnemonic
    assert shown == list(catalog.points[n].domains_en)


def test_keyboard_navigation_between_points(make_window, draft, catalog):
    w = make_window()
    order = list(catalog.points)
    w.view.select_point(order[0])
    w.actions["next_point"].trigger()
    assert w.view.current_point == order[1]
    w.actions["prev_point"].trigger()
    assert w.view.current_point == order[0]
    w.view.edit_answer(order[1], best_value(catalog.points[order[1]]))
    w.view.select_point(order[0])
    w.actions["next_unanswered"].trigger()
    assert w.view.current_point == order[2]
    w.actions["prev_unanswered"].trigger()
    assert w.view.current_point == order[0]
    assert w.actions["next_unanswered"].shortcut().toString() == "F8"
    # the answer editor takes focus from the keyboard
    w.activateWindow()
    w.actions["focus_answer"].trigger()
    assert w.view.form._widgets["focus"].hasFocus() or not w.isActiveWindow()


def test_tree_keys_move_the_form(make_window, draft, catalog, qtbot):
    w = make_window()
    order = list(catalog.points)
    w.view.select_point(order[0])
    qtbot.keyClick(w.view.tree, Qt.Key.Key_Down)
    # The row after point 1 is point 2 (same tertiary) or the next tertiary node.
    qtbot.keyClick(w.view.tree, Qt.Key.Key_Down) if w.view.current_point == order[0] else None
    assert w.view.current_point in order[:2]


def test_note_is_saved(make_window, store, draft, catalog):
    w = make_window()
    n = first_point(catalog, "yesno")
    w.view.select_point(n)
    w.view.form.note.setPlainText("=已召开专题会议")
    w.view.form.flush_note()
    assert store.notes(draft) == {n: "=已召开专题会议"}
    w.view.select_point(n + 1)
    w.view.select_point(n)
    assert w.view.form.note.toPlainText() == "=已召开专题会议"


def test_evidence_add_open_remove(make_window, store, draft, catalog, tmp_path, monkeypatch, prompts):
    w = make_window()
    n = first_point(catalog, "yesno")
    w.view.select_point(n)
    f = tmp_path / "会议 纪要.txt"
    f.write_bytes("纪要".encode())
    w.view.add_evidence(n, [str(f)])
    ev = store.evidence(draft, n)
    assert [e.filename for e in ev] == ["会议 纪要.txt"]
    assert w.view.form.evidence.count() == 1
    opened = []
    monkeypatch.setattr("jlip_desktop.gui.assessment.QDesktopServices.openUrl", lambda url: opened.append(url))
    copy = w.view.open_evidence(ev[0].id)
    assert copy.read_bytes() == "纪要".encode() and copy.name == "会议 纪要.txt"
    assert opened and opened[0].toLocalFile() == str(copy)
    prompts.answer = True
    assert not w.view.form.remove_button.isEnabled()  # nothing selected yet
    w.view.form.evidence.setCurrentRow(0)
    w.view.form.remove_button.click()
    assert store.evidence(draft, n) == []
    assert w.view.form.evidence.count() == 0


def test_dropping_files_attaches_them(make_window, store, draft, catalog, tmp_path):
    w = make_window()
    n = first_point(catalog, "yesno")
    w.view.select_point(n)
    f = tmp_path / "照片 1.png"
    f.write_bytes(b"\x89PNG fake")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f))])
    ev = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    w.view.form.dropEvent(ev)
    assert [e.filename for e in store.evidence(draft, n)] == ["照片 1.png"]


def test_history_panel_lists_the_audit_log(make_window, store, draft, catalog):
    w = make_window()
    n = first_point(catalog, "yesno")
    w.view.edit_answer(n, True)
    w.view.tabs.setCurrentWidget(w.view.history)
    assert w.view.history.rowCount() == len(store.audit(draft))
    newest = [w.view.history.item(0, c).text() for c in range(5)]
    assert newest[3] == f"({n})" and newest[4] == "— → 是"


def test_new_duplicate_and_delete(make_window, store, draft, catalog, monkeypatch, prompts):
    from jlip_desktop.gui import dialogs

    w = make_window()
    w.open_assessment(draft)
    n = first_point(catalog, "yesno")
    w.view.edit_answer(n, True)
    monkeypatch.setattr(dialogs.NewAssessmentDialog, "exec", lambda self: 1)
    new_id = w.duplicate_assessment()
    assert store.assessment(new_id).year == 2022
    assert store.answers(new_id) == {n: True}
    assert w.view.assessment_id == new_id
    assert w.navigator.current_assessment() == new_id
    prompts.answer = True
    assert w.delete_assessment() is True
    assert [a.id for a in store.list_assessments()] == [draft]
    assert w.view.assessment is None
    other = w.new_assessment()
    assert store.assessment(other).status == "draft"


def test_delete_needs_confirmation(make_window, store, draft, prompts):
    w = make_window()
    w.open_assessment(draft)
    prompts.answer = False
    assert w.delete_assessment() is False
    assert store.assessment(draft).id == draft


def test_banner_shows_the_database_description(qtbot, store, settings):
    from jlip_desktop.gui.mainwindow import MainWindow

    store.set_meta("description", "示例数据，仅供演示")
    w = MainWindow(store, "zh", settings)
    qtbot.addWidget(w)
    w.show()
    assert w.banner.isVisible() and w.banner.text() == "示例数据，仅供演示"


def test_charts_panel_follows_every_recalculation(make_window, draft, catalog):
    w = make_window()
    assert w.view.tabs.indexOf(w.view.charts_holder) >= 0  # the charts tab is always there
    w.view.tabs.setCurrentWidget(w.view.charts_holder)
    assert w.view.charts is not None
    shown = []
    real = w.view.charts.show_score
    w.view.charts.show_score = lambda sc, lang: (shown.append((sc.total, lang)), real(sc, lang))
    n = first_point(catalog, "yesno")
    w.view.edit_answer(n, True)
    assert shown[-1] == (catalog.points[n].max, "zh")


def test_dashboard_opens_the_requested_assessment(make_window, store, draft):
    w = make_window()
    other = store.new_assessment("220200", 2021, "")
    w.navigator.refresh()
    w.open_assessment(draft)
    w.show_dashboard()
    assert w.dashboard_window.isVisible()
    w.dashboard_window.widget.sig_assessment_requested.emit(other)
    assert w.view.assessment_id == other
    w.actions["lang_en"].trigger()  # the dashboard follows the language without errors


@pytest.fixture
def save_to(monkeypatch, tmp_path):
    """QFileDialog save answers with a file in a folder whose name has Chinese and a space."""
    folder = tmp_path / "导出 文件"
    folder.mkdir()
    chosen = {}

    def fake(parent, title, suggested, filt):
        chosen["path"] = folder / Path(suggested).name
        return str(chosen["path"]), filt

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return chosen


def test_export_then_import_the_workbook(make_window, store, draft, catalog, save_to, prompts, monkeypatch):
    w = make_window()
    w.open_assessment(draft)
    n = first_point(catalog, "yesno")
    w.view.edit_answer(n, True)
    answers = iter([True, False])  # export the draft anyway: yes; open the saved file: no
    asked = []
    monkeypatch.setattr(messages, "ask", lambda _p, title, text: asked.append(title) or next(answers))
    out = w.export_workbook()
    assert Path(out).is_file() and out == save_to["path"] and out.name == "长春市-2021.xlsx"
    assert asked == ["导出草稿？", "已保存"]
    store.delete_assessment(draft)
    w.navigator.refresh()
    shown = []
    monkeypatch.setattr(w, "show_import_results", lambda results, not_reached=(): shown.append(results))
    results = w.import_workbooks([str(out)])
    assert [r.outcome for r in results] == ["imported"]
    assert shown and shown[0] == results
    again = store.find_assessment("220100", 2021)
    assert store.answers(again.id) == {n: True}
    assert w.navigator._assessments.get(again.id) is not None


def test_bad_workbook_is_reported_not_raised(make_window, store, tmp_path, monkeypatch):
    w = make_window()
    bad = tmp_path / "不是 工作簿.xlsx"
    bad.write_text("nope")
    monkeypatch.setattr(w, "show_import_results", lambda results, not_reached=(): None)
    results = w.import_workbooks([str(bad)])
    assert [r.outcome for r in results] == ["refused"]


def report_settings(monkeypatch, fill=None, accept=True) -> list:
    """The province report's settings dialog answered without showing it: `fill(dialog)`, then OK or Cancel."""
    from jlip_desktop.gui import dialogs

    shown = []

    def run(dlg):
        shown.append(dlg)
        if fill is not None:
            fill(dlg)
        return int(accept)

    monkeypatch.setattr(dialogs.ReportSettingsDialog, "exec", run)
    return shown


def test_pdf_template_and_province_files(make_window, store, draft, catalog, save_to, prompts, monkeypatch):
    w = make_window()
    w.open_assessment(draft)
    for n, p in catalog.points.items():
        w.view.edit_answer(n, best_value(p))
    prompts.answer = False
    pdf = w.assessment_pdf()
    assert Path(pdf).read_bytes()[:4] == b"%PDF"
    report_settings(monkeypatch)  # accepted as shown
    assert Path(w.province_pdf()).read_bytes()[:4] == b"%PDF"
    assert Path(w.save_template()).stat().st_size > 0
    assert Path(w.province_workbook()).stat().st_size > 0


def test_a_refused_file_shows_a_message(make_window, store, draft, monkeypatch, prompts, tmp_path):
    w = make_window()
    w.open_assessment(draft)
    target = tmp_path / "missing folder" / "x.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    assert w.export_workbook() is None
    assert prompts.warnings and not target.exists()


def test_geometry_is_remembered(qtbot, store, settings):
    w = mainwindow.MainWindow(store, "zh", settings)
    qtbot.addWidget(w)
    w.show()
    w.resize(700, 500)
    w.close()
    w2 = mainwindow.MainWindow(store, "zh", settings)
    qtbot.addWidget(w2)
    assert (w2.width(), w2.height()) == (700, 500)
    assert settings.value("last_database") == str(store.path)


def test_invalid_graded_value_from_outside_is_refused_and_nothing_changes(make_window, store, draft, catalog,
                                                                           prompts):
    w = make_window()
    n = first_point(catalog, "graded")
    w.view.select_point(n)
    w.view.edit_answer(n, catalog.points[n].max + Decimal(1))
    assert prompts.warnings and n not in store.answers(draft)
    assert w.view.form._widgets["spin"].value() == w.view.form._widgets["spin"].minimum()


def test_redo_has_ctrl_shift_z(make_window):
    w = make_window()
    assert "Ctrl+Shift+Z" in [k.toString() for k in w.actions["redo"].shortcuts()]


def test_unmet_veto_point_is_shown_in_the_summary(make_window, store, draft, catalog):
    w = make_window()
    veto = next(n for n, p in catalog.points.items() if p.veto)
    w.view.edit_answer(veto, best_value(catalog.points[veto]))
    assert w.view.summary.veto.text() == ""
    w.view.edit_answer(veto, False)
    assert w.view.summary.veto.text() != ""
    assert w.view.current_score.vetoed


def test_radars_stack_in_a_tall_panel(make_window, draft):
    from PySide6.QtWidgets import QBoxLayout

    w = make_window()
    w.view.tabs.setCurrentWidget(w.view.charts_holder)
    lay = w.view.charts.layout()
    w.view.charts_holder.resize(400, 700)
    w.view._orient_charts()
    assert lay.direction() == QBoxLayout.Direction.TopToBottom
    w.view.charts_holder.resize(900, 400)
    w.view._orient_charts()
    assert lay.direction() == QBoxLayout.Direction.LeftToRight


def test_assessor_is_edited_in_the_summary(make_window, store, draft):
    w = make_window()
    w.open_assessment(draft)
    field = w.view.summary.assessor
    assert field.text() == "张三"
    field.setText("李四")
    field.editingFinished.emit()
    assert store.assessment(draft).assessor == "李四"
    assert store.audit(draft)[-1].action == "assessor"


@pytest.mark.parametrize("lang,size", [("zh", (1024, 740)), ("en", (1024, 740)), ("en", (1366, 740)),
                                       ("zh", (1920, 1000)), ("zh", (667, 470)), ("en", (667, 470))])
def test_the_summary_strip_never_overlaps_itself(make_window, store, draft, lang, size, qtbot):
    """Region, scheme, status, total and grade each keep their own room; on a narrow strip the scheme's title
    goes down to the second row beside the assessor."""
    w = make_window(lang)
    w.resize(*size)
    w.view.open_assessment(draft) if hasattr(w.view, "open_assessment") else w.open_assessment(draft)
    qtbot.wait(20)
    s = w.view.summary
    shown = [x for x in (s.title, s.scheme, s.status, s.total, s.grade, s._right) if x.isVisible()]
    rects = [x.geometry().translated(x.parentWidget().mapTo(s, x.parentWidget().rect().topLeft()))
             if x.parentWidget() is not s else x.geometry() for x in shown]
    for i, a in enumerate(rects):
        assert s.rect().contains(a), (shown[i].objectName(), a, s.rect())
        for j in range(i + 1, len(rects)):
            assert not a.intersects(rects[j]), (shown[i].objectName() or shown[i], shown[j].objectName() or shown[j])
    for label in (s.title, s.status, s.total, s.grade):  # never cut
        assert label.width() >= label.sizeHint().width(), label.objectName()


@pytest.mark.parametrize("lang,width", [("zh", 1024), ("en", 1024), ("zh", 1920)])
def test_the_database_path_is_cut_in_the_middle_to_the_status_bar(make_window, store, lang, width, qtbot):
    """The status bar names the database: its start and its file name stay visible, the middle of a long path
    gives way to …, the window is never widened by it, and the tooltip has the whole path."""
    w = make_window(lang)
    w.resize(width, 740)
    qtbot.wait(20)
    label = w.db_label
    full = label.text()
    assert str(store.path) in full and label.toolTip() == str(store.path)
    shown = label.shown_text()
    assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
    assert label.width() > width // 2  # the bar's free room, not a token 80 px
    assert shown.startswith(full.split(":")[0].split("：")[0][:2])
    if shown != full:  # cut: … in the middle, the file name kept
        assert "…" in shown and shown.endswith(store.path.name[-8:])
    assert w.width() <= width


def test_a_very_long_database_path_keeps_the_file_name_at_1024(make_window, store, qtbot, tmp_path):
    w = make_window("zh")
    w.resize(1024, 740)
    qtbot.wait(20)
    deep = tmp_path.joinpath(*["很长的文件夹名称 with spaces"] * 12) / "省级 汇总 2021.sqlite"
    w.db_label.setText(f"数据库：{deep}")
    shown = w.db_label.shown_text()
    assert shown.startswith("数据库：") and shown.endswith("2021.sqlite") and "…" in shown
    assert w.width() <= 1024


def _pdf_text(path) -> str:
    import shutil
    import subprocess

    exe = shutil.which("pdftotext")
    assert exe, "pdftotext (poppler-utils) is needed; scripts/setup.sh installs it"
    out = subprocess.run([exe, "-raw", str(path), "-"], capture_output=True, check=True, text=True, encoding="utf-8")
    return "".join(out.stdout.split())


def _all_answered(w, draft, catalog):
    w.open_assessment(draft)
    for n, p in catalog.points.items():
        w.view.edit_answer(n, best_value(p))


def test_the_province_report_asks_for_its_cover_and_notes_and_keeps_them(make_window, store, draft, catalog, save_to,
                                                                         prompts, monkeypatch):
    from jlip_desktop.core.report_meta import DEFAULT_ISSUER, report_meta

    w = make_window()
    _all_answered(w, draft, catalog)

    def fill(d):
        assert d.issuer.text() == DEFAULT_ISSUER and d.order.currentData() == "catalogue" and d.notes.toPlainText() == ""
        d.issuer.setText("吉林省知识产权局 保护处")
        d.order.setCurrentIndex(d.order.findData("rank"))
        d.notes.setPlainText("部分县区佐证材料不全，需补报。")

    shown = report_settings(monkeypatch, fill)
    out = w.province_pdf()
    assert len(shown) == 1 and Path(out).read_bytes()[:4] == b"%PDF" and not prompts.warnings
    meta = report_meta(store, 2021)
    assert (meta.issuer, meta.order, meta.notes) == ("吉林省知识产权局 保护处", "rank", "部分县区佐证材料不全，需补报。")
    assert store.meta("report.2021.date") is None  # left as shown: the date keeps following the month
    text = _pdf_text(out)
    assert "吉林省知识产权局保护处" in text and "部分县区佐证材料不全，需补报。" in text

    def shows_saved(d):
        assert d.issuer.text() == "吉林省知识产权局 保护处" and d.order.currentData() == "rank"

    Path(out).unlink()
    report_settings(monkeypatch, shows_saved, accept=False)  # asked again, then cancelled: no file
    assert w.province_pdf() is None and not Path(out).exists()


def test_a_refused_report_setting_saves_nothing_and_writes_no_file(make_window, store, draft, catalog, save_to,
                                                                 prompts, monkeypatch):
    w = make_window()
    _all_answered(w, draft, catalog)

    def too_long(d):
        d.issuer.setText("新的落款")
        d.notes.setPlainText("很长" * 10001)  # 20,002 characters; at most 20,000

    report_settings(monkeypatch, too_long)
    assert w.province_pdf() is None
    assert store.meta("report.2021.issuer") is None and store.meta("report.2021.notes") is None
    assert "path" not in save_to  # never asked where
    assert len(prompts.warnings) == 1 and "报告" in prompts.warnings[0][1]


def test_report_settings_that_cant_be_saved_change_nothing_and_write_no_file(make_window, store, draft, catalog,
                                                                            save_to, prompts, monkeypatch):
    """Another program holding the write lock, then a full disk: worded, nothing saved, no file, the same data."""
    import sqlite3

    from jlip_desktop.core import database, report_meta

    w = make_window()
    _all_answered(w, draft, catalog)
    before = "\n".join(store.conn.iterdump())
    report_settings(monkeypatch, lambda d: d.issuer.setText("新的落款"))
    other = sqlite3.connect(str(store.path), isolation_level=None)
    store.conn.execute("PRAGMA busy_timeout = 50")
    other.execute("BEGIN IMMEDIATE")  # another program writing
    try:
        assert w.province_pdf() is None
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert len(prompts.warnings) == 1 and "另一个程序" in prompts.warnings[0][1]

    def full(*_a, **_k):  # what Store.transaction raises when SQLite reports SQLITE_FULL
        e = sqlite3.OperationalError("database or disk is full")
        e.sqlite_errorname = "SQLITE_FULL"
        raise database.db_error(store.path, e)

    monkeypatch.setattr(report_meta, "set_report_meta", full)
    assert w.province_pdf() is None
    assert len(prompts.warnings) == 2 and "磁盘已满" in prompts.warnings[1][1]
    assert "path" not in save_to and "\n".join(store.conn.iterdump()) == before


@pytest.mark.parametrize("lang", ["zh"])
def test_the_main_window_fits_a_1024x768_screen_at_150_percent(make_window, store, draft, lang, qtbot):
    """1024×768 at 150 % is 683×512 logical pixels: the window's minimum, with its frame, must fit in it, or
    the toolbar's end, the form and the progress bar are off the screen.  In the app's font and style sheet.
    (The English strip's first row alone is 536 px: English needs 125 % there.)"""
    from PySide6.QtWidgets import QApplication

    from jlip_desktop.gui.fonts import install_cjk_font
    from jlip_desktop.gui.screen import FRAME_W
    from jlip_desktop.gui.style import apply_style

    app = QApplication.instance()
    font = app.font()
    sheet = app.styleSheet()
    install_cjk_font(app)  # the app's own font and style sheet, as at start-up: the widths below are measured in them
    apply_style(app)
    try:
        w = make_window(lang)
        w.open_assessment(draft)
        qtbot.wait(20)
        assert w.minimumSizeHint().width() + FRAME_W <= 1024 * 2 // 3
        w.resize(1024 * 2 // 3 - FRAME_W, 470)
        qtbot.wait(20)
        assert w.width() <= 1024 * 2 // 3 - FRAME_W
        s = w.view.summary.scheme
        assert s.text() == w.view.catalog.display_title(lang)  # the whole title, shown cut with … if need be
        assert s.fontMetrics().horizontalAdvance(s.shown_text()) <= s.contentsRect().width()
    finally:
        app.setFont(font)
        app.setStyleSheet(sheet)
