"""Review mode: the province's verdicts beside the county's answers, 通过 / 退回, and the county seeing them."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from jlip_desktop.core import review
from jlip_desktop.core.scoring import best_value, one_decimal
from jlip_desktop.core.store import Store
from jlip_desktop.exchange import xlsx
from jlip_desktop.exchange.review_xlsx import export_review, import_review
from jlip_desktop.gui.treemodel import COL_SCORE, COL_VERIFIED, IssueCountRole, VerdictRole


def full_answers(catalog):
    return {n: best_value(p) for n, p in catalog.points.items()}


def first_point(catalog, kind: str) -> int:
    return next(n for n, p in catalog.points.items() if p.kind == kind)


def imported_assessment(store, catalog):
    return store.import_assessment("220200", 2021, catalog.id, full_answers(catalog), {}, status="submitted",
                                   assessor="王五", source_file="吉林市 2021.xlsx", revision=1)


def test_review_mode_shows_both_scores_verdict_editor_and_toolbar(make_window, store, catalog, prompts):
    aid = imported_assessment(store, catalog)
    w = make_window()
    w.open_assessment(aid)
    v = w.view
    assert v.review is not None and v.review_bar.isVisibleTo(w) and v.review_panel.isVisibleTo(w)
    header = v.tree.header()
    assert not header.isSectionHidden(COL_VERIFIED)
    assert v.model.headerData(COL_SCORE, Qt.Orientation.Horizontal) == "自评" and v.model.headerData(COL_VERIFIED, Qt.Orientation.Horizontal) == "核定"
    assert "待审核" in v.review_line.text()
    # the county's answer is read-only, the verdict editor is not
    n = first_point(catalog, "graded")
    v.select_point(n)
    assert not v.form._widgets["spin"].isEnabled()
    panel = v.review_panel
    assert panel.editor.isVisibleTo(w) and panel.radios[None].isChecked()
    # adjust the graded point to 2.5 with a comment
    panel.radios["adjust"].setChecked(True)
    panel.graded.setValue(2.5)
    panel.comment.setPlainText("案件材料不全，按 2.5 分核定")
    panel.save_button.click()
    state = review.review_state(store, aid)
    assert state.points[n].verdict == "adjust" and state.points[n].value == Decimal("2.5")
    assert store.answers(aid)[n] == catalog.points[n].max  # the county's answer is never edited
    verified_total = review.review_view(store, aid).verified.total
    assert v.model.index_for("point", n, COL_VERIFIED).data() == "2.5"
    assert v.model.index_for("point", n, COL_SCORE).data() == one_decimal(catalog.points[n].max)
    assert one_decimal(verified_total) in v.summary.verified.text()
    assert v.model.index_for("point", n).data(VerdictRole) == "adjust"


def test_an_issue_is_marked_in_the_tree_and_blocks_approval(make_window, store, catalog, prompts):
    aid = imported_assessment(store, catalog)
    w = make_window()
    w.open_assessment(aid)
    v = w.view
    n = first_point(catalog, "yesno")
    v.select_point(n)
    v.review_panel.radios["issue"].setChecked(True)
    v.review_panel.comment.setPlainText("缺少会议纪要")
    v.review_panel.save_button.click()
    assert "【问题】" in v.model.index_for("point", n).data()
    t = catalog.ancestors(n)[0]
    assert v.model.index_for("tertiary", t.number).data(IssueCountRole) == 1
    assert f"({n})" in v.review_line.text()
    assert not v.approve_action.isEnabled()
    assert not v.approve_review()  # even if triggered: refused with a message, nothing decided
    assert prompts.warnings and review.review_state(store, aid).status == "pending"


def test_moving_on_saves_a_verdict_being_edited(make_window, store, catalog):
    aid = imported_assessment(store, catalog)
    w = make_window()
    w.open_assessment(aid)
    n = first_point(catalog, "yesno")
    w.view.select_point(n)
    w.view.review_panel.radios["accept"].setChecked(True)
    w.view.review_panel.comment.setPlainText("已核")
    w.actions["next_point"].trigger()
    assert review.review_state(store, aid).points[n].comment == "已核"


def test_an_adjusted_value_is_validated_like_any_answer(make_window, store, catalog, prompts):
    aid = imported_assessment(store, catalog)
    w = make_window()
    w.open_assessment(aid)
    n = first_point(catalog, "graded")
    w.view.select_point(n)
    assert not w.view.save_verdict(n, "adjust", Decimal("4.3"), "")
    assert prompts.warnings and prompts.warnings[0][0] == "未保存"
    assert n not in review.review_state(store, aid).points


def test_return_asks_for_a_comment_and_approve_works_without_issues(make_window, store, catalog, prompts):
    aid = imported_assessment(store, catalog)
    w = make_window()
    w.open_assessment(aid)
    prompts.text = None
    w.view.return_action.trigger()
    assert review.review_state(store, aid).status == "pending"  # cancelled
    prompts.text = "   "
    w.view.return_action.trigger()
    assert review.review_state(store, aid).status == "pending" and prompts.warnings
    prompts.text = "请补充（5）的材料"
    w.view.return_action.trigger()
    assert review.review_state(store, aid).status == "returned"
    assert "退回" in w.view.review_line.text() and "请补充" in w.view.review_line.text()
    assert w.view.approve_action.isEnabled()
    w.view.approve_action.trigger()
    assert review.review_state(store, aid).status == "approved"
    assert "通过" in w.view.review_line.text()


def test_a_county_assessment_has_no_review_mode(make_window, store, draft):
    w = make_window()
    w.open_assessment(draft)
    assert w.view.review is None
    assert not w.view.review_bar.isVisibleTo(w) and not w.view.review_panel.isVisibleTo(w)
    assert w.view.tree.header().isSectionHidden(COL_VERIFIED)


def test_the_whole_loop_through_the_gui(make_window, store, catalog, tmp_path, prompts, qtbot, settings):
    """County fills and exports → province imports, reviews, returns → county sees the verdicts, fixes,
    resubmits → province imports revision 2 and approves."""
    from jlip_desktop.gui.mainwindow import MainWindow

    county = store
    aid = county.new_assessment("220200", 2021, "王五")
    answers = full_answers(catalog)
    n_issue = first_point(catalog, "yesno")
    answers[n_issue] = False
    for n, val in answers.items():
        county.set_answer(aid, n, val, raw=False)
    county.submit(aid)
    wb1 = xlsx.export_assessment(county, aid, tmp_path / "吉林市 2021 第1版.xlsx")

    province = Store(tmp_path / "省 数据库.sqlite", create=True)
    try:
        (res,) = xlsx.import_workbooks(province, [wb1])
        pid = res.assessment_id
        pw = MainWindow(province, "zh", settings)
        qtbot.addWidget(pw)
        pw.show()
        pw.open_assessment(pid)
        pv = pw.view
        pv.select_point(n_issue)
        pv.review_panel.radios["issue"].setChecked(True)
        pv.review_panel.comment.setPlainText("未见会议纪要，请补充")
        pv.review_panel.save_button.click()
        prompts.text = f"请修改（{n_issue}）并补充材料"
        pv.return_action.trigger()
        assert review.review_state(province, pid).status == "returned"
        back = export_review(province, pid, tmp_path / "审核结果 吉林市.xlsx")

        import_review(county, back)
        w = make_window()
        w.open_assessment(aid)
        v = w.view
        assert v.editable  # returned: open for editing again
        assert "退回" in v.review_line.text() and "请修改" in v.review_line.text()
        v.select_point(n_issue)
        panel = v.review_panel
        assert panel.isVisibleTo(w) and not panel.editor.isVisibleTo(w)
        assert "问题" in panel.received.text() and "未见会议纪要" in panel.received.text()
        assert "【问题】" in v.model.index_for("point", n_issue).data()
        v.form._widgets["yes"].click()
        assert county.answers(aid)[n_issue] is True
        assert w.submit_assessment()
        assert v.summary.total.text().startswith("自评") and v.summary.verified.isVisibleTo(w)
        wb2 = xlsx.export_assessment(county, aid, tmp_path / "吉林市 2021 第2版.xlsx")

        (res2,) = xlsx.import_workbooks(province, [wb2], replace=True)
        assert res2.outcome in ("replaced", "imported")
        pw.open_assessment(res2.assessment_id)
        qtbot.waitUntil(lambda: pw.view.review is not None and pw.view.review.state.status == "pending",
                        timeout=2000)
        assert pw.view.approve_action.isEnabled()
        pw.view.approve_action.trigger()
        assert review.review_state(province, res2.assessment_id).status == "approved"
        assert "通过" in pw.view.review_line.text()
    finally:
        qtbot.wait(50)  # let the windows' queued refreshes run before the database closes
        province.close()
