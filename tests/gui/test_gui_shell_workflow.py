"""The shell's workflows on small screens: import without freezing, reports, sizes, mnemonics, submit, defaults."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QProgressDialog,
    QToolButton,
    QWidget,
)

from jlip_desktop.core.scoring import best_value
from jlip_desktop.core.store import Store
from jlip_desktop.exchange import xlsx
from jlip_desktop.gui import dialogs, mainwindow
from jlip_desktop.gui.screen import available_geometry, char_width


@pytest.fixture
def county_files(tmp_path, catalog):
    """Revision 1 and revision 2 (corrected, submitted) of Changchun 2021, exported from a county's database."""
    folder = tmp_path / "县 报送"
    folder.mkdir()
    with Store(tmp_path / "county.sqlite", create=True) as county:
        aid = county.new_assessment("220100", 2021, "张三")
        points = list(catalog.points.items())
        for n, p in points[:20]:
            county.set_answer(aid, n, best_value(p))
        first = xlsx.export_assessment(county, aid, folder / "长春 第1版.xlsx")
        for n, p in points:
            county.set_answer(aid, n, best_value(p))
        county.submit(aid)
        second = xlsx.export_assessment(county, aid, folder / "长春 第2版.xlsx")
        other = county.new_assessment("220200", 2021, "李四")
        third = xlsx.export_assessment(county, other, folder / "吉林市.xlsx")
    return first, second, third


def visible_progress() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def test_a_resubmission_is_asked_about_before_writing_with_the_progress_closed(make_window, store, county_files,
                                                                            monkeypatch):
    first, second, _third = county_files
    w = make_window()
    shown = []
    monkeypatch.setattr(w, "show_import_results", lambda results, not_reached=(): shown.append(results))
    assert [r.outcome for r in w.import_workbooks([str(first)])] == ["imported"]
    seen = {}

    def answer(dlg):
        seen["progress"] = visible_progress()
        seen["rows"] = [[dlg.table.item(0, c).text() for c in range(dlg.table.columnCount())]]
        seen["written"] = store.find_assessment("220100", 2021).source_revision
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.ReplaceDialog, "exec", answer)
    results = w.import_workbooks([str(second)])
    assert [r.outcome for r in results] == ["replaced"]
    assert seen["progress"] == []  # the question is never asked from inside a modal progress dialog
    assert seen["written"] == 1  # asked before anything was written
    _file, region, old, new = seen["rows"][0]
    assert region == "长春市 2021"
    assert "第 1 版" in old and "草稿" in old and "第 2 版" in new and "已提交" in new and "44/44" in new
    assert re.search(r"\d+\.\d 分", old) and re.search(r"\d+\.\d 分", new)
    assert store.find_assessment("220100", 2021).source_revision == 2
    assert QApplication.activeModalWidget() is None


def test_declining_the_replacement_keeps_the_assessment_and_cancelling_imports_nothing(
        make_window, store, county_files, monkeypatch, prompts):
    first, second, third = county_files
    w = make_window()
    monkeypatch.setattr(w, "show_import_results", lambda results, not_reached=(): None)
    w.import_workbooks([str(first)])

    def keep(dlg):
        dlg.keep_button.click()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.ReplaceDialog, "exec", keep)
    results = w.import_workbooks([str(second), str(third)])
    assert [r.outcome for r in results] == ["exists", "imported"]
    assert store.find_assessment("220100", 2021).source_revision == 1
    store.delete_assessment(store.find_assessment("220200", 2021).id)
    monkeypatch.setattr(dialogs.ReplaceDialog, "exec", lambda dlg: QDialog.DialogCode.Rejected)
    assert w.import_workbooks([str(second), str(third)]) is None
    assert store.find_assessment("220200", 2021) is None  # cancelled at the question: nothing written
    assert "取消" in prompts.infos[-1][1]


def test_cancel_stops_the_import_after_the_current_file(make_window, store, county_files, monkeypatch):
    first, _second, third = county_files

    class CancelAfterFirst(QProgressDialog):
        def setValue(self, value):
            super().setValue(value)
            if value >= 1 and self.labelText().startswith("正在导入"):
                self.cancel()

    monkeypatch.setattr(mainwindow, "QProgressDialog", CancelAfterFirst)
    w = make_window()
    got = {}
    monkeypatch.setattr(w, "show_import_results",
                        lambda results, not_reached=(): got.update(results=results, rest=list(not_reached)))
    w.import_workbooks([str(first), str(third)])
    assert [r.outcome for r in got["results"]] == ["imported"] and got["rest"] == [third]
    assert store.find_assessment("220200", 2021) is None


def test_the_import_report_sums_up_copies_and_saves(qtbot, store, county_files, tmp_path, catalog):
    from jlip_desktop.exchange.importer import import_workbooks

    first, second, third = county_files
    bad = tmp_path / "坏 文件.xlsx"
    bad.write_bytes(b"not a workbook")
    results = import_workbooks(store, [first, first, third, bad])
    dlg = dialogs.ImportResultsDialog(results, None, not_reached=[second])
    qtbot.addWidget(dlg)
    assert dlg.summary.text().startswith("导入 2 个，替换 0 个，跳过 1 个，拒绝 1 个。")
    assert "1 个文件未导入" in dlg.summary.text() and "草稿" in dlg.summary.text()
    status = [dlg.table.item(r, 2).text() for r in range(dlg.table.rowCount())]
    answered = [dlg.table.item(r, 3).text() for r in range(dlg.table.rowCount())]
    assert status[:3] == ["草稿", "草稿", "草稿"] and answered[0] == f"20/{len(catalog.points)}"
    assert "不完整" in dlg.table.item(0, 4).text()
    dlg.copy_button.click()
    assert QApplication.clipboard().text() == dlg.report_text()
    out = dlg.save(tmp_path / "报告 文件夹 一.txt")
    text = out.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0] == dlg.summary_text() and "坏 文件.xlsx" in text


def test_file_dialogs_open_in_documents_then_remember_the_folder(make_window, store, monkeypatch, tmp_path,
                                                                county_files):
    from PySide6.QtCore import QStandardPaths

    docs = tmp_path / "我的 文档"
    docs.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(lambda _loc: str(docs)))
    w = make_window()
    seen = []

    def fake_open(parent, title, folder, filt):
        seen.append((folder, filt))
        return [str(county_files[2])], filt

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake_open))
    monkeypatch.setattr(w, "show_import_results", lambda results, not_reached=(): None)
    w.import_workbooks()
    w.import_workbooks()
    assert seen[0][0] == str(docs) and "*.zip" in seen[0][1] and "*.xlsx" in seen[0][1]
    assert seen[1][0] == str(county_files[2].parent)


def test_the_main_window_fits_the_screen_and_a_saved_geometry_that_does_not_is_ignored(qtbot, store, settings):
    avail = available_geometry()
    big = mainwindow.MainWindow(store, "zh", settings)
    qtbot.addWidget(big)
    big.setGeometry(0, 0, avail.width() * 3, avail.height() * 3)
    settings.setValue("geometry", big.saveGeometry())
    w = mainwindow.MainWindow(store, "zh", settings)
    qtbot.addWidget(w)
    w.show()
    assert w.width() <= avail.width() and w.height() <= avail.height()
    nav = w.splitter.widget(0)
    assert nav.minimumWidth() >= char_width(nav, mainwindow.NAVIGATOR_MIN_CHARS) >= char_width(nav, 13)
    assert not w.splitter.childrenCollapsible()
    settings.setValue("geometry", QByteArray())
    fresh = mainwindow.MainWindow(store, "zh", settings)
    qtbot.addWidget(fresh)
    assert fresh.width() <= avail.width() and fresh.height() <= avail.height()


def _mnemonic(text: str) -> str | None:
    m = re.search(r"&([^&])", text.replace("&&", ""))
    return m.group(1).upper() if m else None


def _widget_mnemonics(root: QWidget) -> list[tuple[str, str]]:
    out = []
    for x in root.findChildren(QWidget):
        if not x.isVisibleTo(root) or isinstance(x, QToolButton):
            continue
        text = x.title() if isinstance(x, QGroupBox) else x.text() if isinstance(x, (QLabel, QAbstractButton)) else ""
        key = _mnemonic(text)
        if key:
            out.append((key, text))
    return out


def _no_duplicates(pairs, where):
    keys = [k for k, _t in pairs]
    dups = {k for k in keys if keys.count(k) > 1}
    assert not dups, (where, [p for p in pairs if p[0] in dups])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_menu_has_a_letter_and_no_two_controls_share_one(make_window, store, draft, catalog, lang):
    w = make_window(lang)
    w.open_assessment(draft)
    bar = [(_mnemonic(a.text()), a.text()) for a in w.menuBar().actions()]
    assert all(k for k, _t in bar), bar
    _no_duplicates(bar, "menu bar")
    for menu in w.findChildren(type(w.menus["file"])):
        items = [(_mnemonic(a.text()), a.text()) for a in menu.actions() if not a.isSeparator() and a.text()]
        items = [(k, t) for k, t in items if t not in ("中文", "English")]
        assert all(k for k, _t in items), (menu.title(), items)
        _no_duplicates(items, menu.title())
    for kind in ("yesno", "count", "domains", "graded"):
        n = next(n for n, p in catalog.points.items() if p.kind == kind)
        w.view.select_point(n)
        controls = _widget_mnemonics(w)
        _no_duplicates(controls + bar, f"main window, point ({n})")
        if kind == "domains":
            boxes = [b for b in w.view.form.findChildren(QCheckBox) if b.isVisibleTo(w)]
            assert boxes and all(_mnemonic(b.text()) for b in boxes)
    for dlg in (dialogs.NewAssessmentDialog(store, "220100", lang, parent=w),
                dialogs.ImportResultsDialog([], w), dialogs.ReportSettingsDialog(store, 2021, w)):
        _no_duplicates(_widget_mnemonics(dlg), type(dlg).__name__)


def test_submit_asks_first_then_offers_the_export_for_the_province(make_window, store, draft, catalog, prompts,
                                                                   monkeypatch):
    w = make_window()
    w.open_assessment(draft)
    for n, p in catalog.points.items():
        w.view.edit_answer(n, best_value(p))
    prompts.answer = False
    assert w.submit_assessment() is False
    assert store.assessment(draft).status == "draft" and prompts.questions[-1][0] == "提交评估"
    prompts.answer = True
    assert w.submit_assessment() is True
    assert store.assessment(draft).status == "submitted"
    assert w.next_step.isVisible() and "省" in w.next_step.text()
    exported = []
    monkeypatch.setattr(w, "export_workbook", lambda: exported.append(True))
    w.next_step.linkActivated.emit("export")
    assert exported == [True]


def test_exporting_a_draft_asks_first(make_window, store, draft, prompts, monkeypatch, tmp_path):
    w = make_window()
    w.open_assessment(draft)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: pytest.fail("no question asked")))
    prompts.answer = False
    assert w.export_workbook() is None
    assert prompts.questions[-1][0] == "导出草稿？" and "草稿" in prompts.questions[-1][1]
    assert store.assessment(draft).export_revision in (None, 0)


def test_new_assessment_defaults_to_the_previous_year_and_says_so(qtbot, store):
    dlg = dialogs.NewAssessmentDialog(store, None, "zh")
    qtbot.addWidget(dlg)
    assert dlg.year.value() == date.today().year - 1
    assert "上一年度" in dlg.year_hint.text()


def test_new_from_last_year_lets_the_assessor_be_changed(make_window, store, draft, monkeypatch):
    w = make_window()
    w.open_assessment(draft)

    def fill(dlg):
        assert dlg.assessor.isEnabled() and not dlg.region.isEnabled()
        dlg.assessor.setText("王五")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.NewAssessmentDialog, "exec", fill)
    aid = w.duplicate_assessment()
    a = store.assessment(aid)
    assert (a.year, a.assessor) == (2022, "王五")



@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_main_window_can_shrink_to_a_small_scaled_screen(make_window, store, draft, catalog, lang):
    """1366×768 at 150 % leaves about 910×512 device-independent pixels, minus the taskbar and the frame."""
    w = make_window(lang)
    w.open_assessment(draft)
    for kind in ("yesno", "count", "domains", "graded"):
        w.view.select_point(next(n for n, p in catalog.points.items() if p.kind == kind))
        hint = w.minimumSizeHint()
        assert hint.width() <= 895 and hint.height() <= 460, (kind, hint)


def test_f1_opens_the_manual_in_the_ui_language(make_window, store):
    from PySide6.QtGui import QKeySequence

    w = make_window()
    assert w.actions["manual"].shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    w.actions["manual"].trigger()
    text = w.help_window.browser.toPlainText()
    for words in ("提交", "导出", "省里", "备份", "换一台电脑", str(store.path)):
        assert words in text, words
    w.set_language("en")
    assert "Moving to another computer" in w.help_window.browser.toPlainText()


def test_ctrl_p_previews_the_summary_pages(make_window, store, draft, catalog, tmp_path):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from jlip_desktop.gui.printing import summary_document

    w = make_window()
    w.open_assessment(draft)
    w.view.edit_answer(1, True)
    assert w.actions["print"].shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    out = tmp_path / "打印 预览.pdf"

    def preview(dlg):  # what the preview paints, sent to a PDF printer instead of the screen
        assert isinstance(dlg, QPrintPreviewDialog)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        dlg.paintRequested.emit(printer)

    assert w.print_assessment(preview) is True
    data = out.read_bytes()
    assert data[:4] == b"%PDF" and data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 2
    text = summary_document(store, draft, "zh").toPlainText()
    assert "长春市 2021" in text and "草稿" in text and f"({len(catalog.points)})" in text and "盖章" in text


def test_recent_databases_are_listed_and_reopen(qtbot, store, settings, tmp_path):
    other = tmp_path / "另一个 库.sqlite"
    Store(other, create=True).close()
    first = mainwindow.MainWindow(Store(other), "zh", settings)
    qtbot.addWidget(first)
    first.store.close()
    w = mainwindow.MainWindow(store, "zh", settings)
    qtbot.addWidget(w)
    assert w.recent_databases()[:2] == [store.path.resolve(), other.resolve()]
    w._fill_recent()
    actions = [a for a in w.recent_menu.actions() if a.isEnabled()]
    assert len(actions) == 1 and other.name in actions[0].text() and actions[0].text().startswith("&1")
    requested = []
    w.sig_database_requested.connect(requested.append)
    actions[0].trigger()
    assert requested == [str(other)]
