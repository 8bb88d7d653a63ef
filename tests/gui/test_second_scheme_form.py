"""The point form and header for an assessment of a scheme unlike jilin-2021; the requires flag beside a point."""

import sys
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QDoubleSpinBox

from jlip_desktop.core.schemes import install_text
from jlip_desktop.core.scoring import best_value

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from second_scheme import SECOND_ID, second_text  # noqa: E402


def test_form_tree_and_header_follow_the_assessments_own_scheme(make_window, store):
    install_text(store, second_text(), "second")
    aid = store.new_assessment("220100", 2023, "王五")
    assert store.assessment(aid).catalog == SECOND_ID
    w = make_window("zh")
    w.open_assessment(aid)
    v = w.view
    assert v.catalog.id == SECOND_ID
    assert v.summary.scheme.text() == "测试方案（2023）"
    assert v.model.rowCount() == 3  # three primary indicators
    v.select_point(4)  # graded 0..10 in steps of 1
    spin = v.form.findChild(QDoubleSpinBox)
    assert spin is not None and spin.maximum() == 10 and spin.singleStep() == 1 and spin.decimals() == 0
    spin.setValue(7)
    assert store.answers(aid)[4] == Decimal(7)
    assert "7" in v.summary.total.text() and "120" in v.summary.total.text()
    # The veto on (5), worded from this scheme.
    store.set_answer(aid, 5, False)
    v.load(aid)
    assert "(5)" in v.summary.veto.toolTip() and "甲" in v.summary.veto.toolTip()


def test_a_broken_requires_rule_is_flagged_beside_the_point_and_the_flag_goes(make_window, store):
    cat = store.catalog("jilin-2021")
    aid = store.new_assessment("220100", 2021, "张三")
    for n, p in cat.points.items():
        store.set_answer(aid, n, best_value(p), raw=False)
    store.set_answer(aid, 16, False)
    w = make_window("zh")
    w.open_assessment(aid)
    v = w.view
    assert v.summary.scheme.text() == cat.title
    v.select_point(17)
    assert v.form.problem_label.isVisibleTo(v.form) and "（16）" in v.form.problem_label.text()
    v.select_point(18)
    assert not v.form.problem_label.isVisibleTo(v.form)
    assert not w.submit_assessment()
    assert store.assessment(aid).status == "draft"
    v.select_point(16)
    v.apply_answer(16, True)
    v.select_point(17)
    assert not v.form.problem_label.isVisibleTo(v.form)
    assert w.submit_assessment()


def test_dashboard_of_a_year_with_two_schemes(qtbot, store):
    from jlip_desktop.gui.dashboard import DashboardWidget

    install_text(store, second_text(cid="test-2021b", year=2021), "second 2021")
    a = store.new_assessment("220100", 2021, "x", "jilin-2021")
    b = store.new_assessment("220200", 2021, "x", "test-2021b")
    store.new_assessment("220200", 2020, "x", "jilin-2021")
    for aid in (a, b):
        cat = store.catalog(store.assessment(aid).catalog)
        for n, p in cat.points.items():
            store.set_answer(aid, n, best_value(p), raw=False)
        store.submit(aid)
    dash = DashboardWidget(store)
    qtbot.addWidget(dash)
    dash.show()
    m = dash.model
    texts = {m.data(m.index(r, 1)): [m.data(m.index(r, c)) for c in range(m.columnCount())] for r in range(2)}
    first_scheme = m._scheme
    other = next(k for k, v in texts.items() if "—" in v)
    assert first_scheme and other  # the other scheme's row has no primary columns of this scheme's
    dash.select_region("220200")  # two years, two schemes: the trend compares rates and says so
    assert "得分率" in dash.trend._title
    assert [round(float(t)) for _, t in dash.trend._points] == [0, 100]
    assert len(dash.radar.polygon_points()) == 3  # its own scheme's three primary indicators


def test_the_apps_files_follow_the_open_assessments_scheme(make_window, store, tmp_path, monkeypatch, prompts):
    import openpyxl
    from PySide6.QtWidgets import QFileDialog

    folder = tmp_path / "导出 文件"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, title, suggested, filt: (str(folder / Path(suggested).name), filt)))
    install_text(store, second_text(), "second")
    aid = store.new_assessment("220100", 2023, "王五")
    cat = store.catalog(SECOND_ID)
    for n, p in cat.points.items():
        store.set_answer(aid, n, best_value(p), raw=False)
    w = make_window("zh")
    w.open_assessment(aid)
    prompts.answer = False
    tpl = w.save_template()
    assert Path(tpl).stat().st_size > 0
    wb = openpyxl.load_workbook(tpl)
    text = "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                     if isinstance(c.value, str))
    assert "测试方案（2023）" in text and "调解组织运行良好" in text
    assert Path(w.assessment_pdf()).read_bytes()[:4] == b"%PDF"
    assert Path(w.province_workbook()).stat().st_size > 0
