"""Errors worded in the UI language from their code; no English left in the Chinese UI."""

from __future__ import annotations

import pytest
from gui_helpers import CJK, latin_only, latin_texts, sample_copy, temp_settings
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from jlip_desktop.core.errors import BadInput
from jlip_desktop.gui import messages
from jlip_desktop.gui.i18n import Translations
from jlip_desktop.gui.messages import warn as real_warn  # the conftest answers messages.warn


@pytest.fixture
def zh(qapp):
    t = Translations()
    t.install("zh")
    yield t
    t.install("en")


@pytest.fixture
def boxes(monkeypatch):
    """Every QMessageBox.exec is recorded (text, details) and answered at once."""
    seen: list[tuple[str, str, str]] = []

    def fake_exec(box):
        seen.append((box.windowTitle(), box.text(), box.detailedText()))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return seen


def test_an_unworded_code_is_a_chinese_sentence_with_the_english_in_the_details(zh):
    w = messages.describe(BadInput("point (3): the note must be text", code="no.such_code", point=3))
    assert CJK.search(w.text) and not latin_only(w.text)
    assert "the note must be text" in w.details and "no.such_code" in w.details


def test_a_badinput_without_code_is_never_shown_in_english(zh):
    w = messages.describe(BadInput("reopening a submitted assessment needs a reason"))
    assert "reopening" not in w.text and CJK.search(w.text)
    assert "reopening a submitted assessment needs a reason" in w.details


def test_a_worded_code_is_filled_from_its_params(monkeypatch, qapp):
    monkeypatch.setitem(messages.ERROR_TEXTS, "test.locked", "Point ({point}) of {file} is locked")
    w = messages.describe(BadInput("english", code="test.locked", point=7, file="甲 乙.xlsx"))
    assert w == messages.Wording("Point (7) of 甲 乙.xlsx is locked")


def test_a_template_missing_a_param_falls_back_to_the_generic_sentence(monkeypatch, zh):
    monkeypatch.setitem(messages.ERROR_TEXTS, "test.locked", "Point ({point}) is locked")
    w = messages.describe(BadInput("english text", code="test.locked"))
    assert CJK.search(w.text) and "english text" in w.details


def test_every_worded_code_has_a_chinese_translation(zh):
    for code, template in messages.ERROR_TEXTS.items():
        text = QCoreApplication.translate("errors", template)
        assert text != template and CJK.search(text), code


def test_warn_with_an_exception_shows_the_wording_and_the_details(zh, boxes):
    real_warn(None, "标题", BadInput("disk full", code="no.such_code"))
    (_title, text, details), = boxes
    assert CJK.search(text) and "disk full" in details


def test_the_translation_script_round_trips(tmp_path):
    """lupdate turns the plural entry into an unfinished plain one; the script must put it back."""
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("build_translations", root / "scripts" / "build_translations.py")
    bt = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bt)
    ts = tmp_path / "jlip_zh_CN.ts"
    ts.write_text((root / "i18n" / "jlip_zh_CN.ts").read_text(encoding="utf-8"), encoding="utf-8")
    bt.update(ts)
    text = ts.read_text(encoding="utf-8")
    assert bt.unfinished(text) == []
    assert '<message numerus="yes">\n        <source>%n point(s) unanswered</source>' in text
    assert text == (root / "i18n" / "jlip_zh_CN.ts").read_text(encoding="utf-8")


@pytest.fixture
def main_window(qtbot, tmp_path, zh):
    from jlip_desktop.core.store import Store
    from jlip_desktop.gui.mainwindow import MainWindow

    store = Store(sample_copy(tmp_path))
    win = MainWindow(store, "zh", temp_settings(tmp_path), zh)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    store.close()


def test_no_english_in_the_chinese_main_window(main_window):
    assert latin_texts(main_window) == []


def test_no_english_in_the_chinese_dialogs(main_window, qtbot):
    from jlip_desktop.exchange.xlsx_import import ImportResult
    from jlip_desktop.gui.dialogs import ImportResultsDialog, NewAssessmentDialog

    a = main_window.view.assessment
    dialogs = [NewAssessmentDialog(main_window.store, a.region, "zh", parent=main_window),
               NewAssessmentDialog(main_window.store, a.region, "zh", copy_from=a, parent=main_window)]
    results = [ImportResult(tmp, outcome, "english message", 3)
               for tmp, outcome in zip(["a.xlsx", "b.xlsx", "c.xlsx", "d.xlsx", "e.xlsx"],
                                       ["imported", "replaced", "duplicate", "stale", "exists"], strict=True)]
    dialogs.append(ImportResultsDialog(results, main_window))
    from jlip_desktop.core.store import builtin_regions
    from jlip_desktop.exchange.importer import ImportCandidate
    from jlip_desktop.gui.dialogs import FirstStartDialog, ReplaceDialog
    from jlip_desktop.gui.help import HelpDialog

    dialogs.append(FirstStartDialog(builtin_regions(), "zh", main_window))
    dialogs.append(ReplaceDialog([ImportCandidate(main_window.store.path, "export", "220100", "长春市", 2021, 2, 1, 1,
                                                  "draft", 50.0, "submitted", 60.5, 44, 44)], "zh", main_window))
    from jlip_desktop.gui.dialogs import ReportSettingsDialog

    dialogs.append(ReportSettingsDialog(main_window.store, a.year, main_window))
    dialogs.append(HelpDialog("zh", main_window.store.path, None, main_window))
    for d in dialogs:
        qtbot.addWidget(d)
        assert latin_texts(d) == [], type(d).__name__
    assert "使用说明" in dialogs[-1].browser.toPlainText()
    table = dialogs[2].table
    for r in range(table.rowCount()):
        assert "english" not in table.item(r, 2).text()


def test_errors_in_the_main_window_are_worded_in_chinese(main_window, prompts, monkeypatch):
    def refuse(*_a, **_k):
        raise BadInput("reopening a submitted assessment needs a reason", code="store.reason_needed")

    monkeypatch.setattr(main_window.store, "delete_assessment", refuse)
    assert main_window.delete_assessment() is False
    (w,) = prompts.worded
    assert CJK.search(w.text) and not latin_only(w.text)
    assert "needs a reason" in w.details


def test_store_refusals_read_in_chinese_with_the_region_named(zh, store):
    store.new_assessment("220100", 2021, "张三")
    with pytest.raises(BadInput) as e:
        store.new_assessment("220100", 2021, "李四")
    w = messages.describe(e.value)
    assert w.details is None and "长春市" in w.text and "2021" in w.text and not latin_only(w.text)


def test_field_refusals_name_the_field_and_point_in_chinese(zh, store):
    aid = store.new_assessment("220100", 2021, "张三")
    with pytest.raises(BadInput) as e:
        store.set_note(aid, 3, "x" * 60000)
    w = messages.describe(e.value)
    assert w.details is None and "备注" in w.text and "评分点（3）" in w.text



def _raised_params() -> dict[str, set[str]]:
    """code -> the names of the params passed where the core raises it (keyword arguments and params={...})."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "jlip_desktop"
    found: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        if "gui" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            kws = {k.arg: k.value for k in node.keywords if k.arg}
            code = kws.get("code")
            if not (isinstance(code, ast.Constant) and isinstance(code.value, str)):
                continue
            func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if not func[:1].isupper():  # through a helper that may add params of its own: not checked
                found.setdefault(code.value, set()).add("*")
                continue
            names = set(kws) - {"code", "params"}
            if isinstance(kws.get("params"), ast.Dict):
                names |= {k.value for k in kws["params"].keys if isinstance(k, ast.Constant)}
            found.setdefault(code.value, set()).update(names)
    return found


def test_every_wording_uses_only_params_its_code_is_raised_with(zh):
    """A placeholder the core never passes would turn the wording into the generic sentence."""
    import string

    raised = _raised_params()
    for code, template in messages.ERROR_TEXTS.items():
        if code not in raised or "*" in raised[code]:
            continue  # worded ahead of its code, raised with a computed code (zip.*) or through a helper
        used = {name for _t, name, _f, _c in string.Formatter().parse(template) if name}
        assert used - {"at_point"} <= raised[code], (code, used - raised[code])
        translated = QCoreApplication.translate("errors", template)
        assert {n for _t, n, _f, _c in string.Formatter().parse(translated) if n} == used, code


def test_no_english_in_the_chinese_dashboard_charts_and_manual(main_window):
    main_window.show_dashboard()
    assert latin_texts(main_window.dashboard_window) == []
    main_window.view.tabs.setCurrentIndex(1)  # the charts
    main_window.actions["manual"].trigger()
    assert latin_texts(main_window) == []
    assert latin_texts(main_window.help_window) == []
