"""设置 › 我的姓名: the name the history, the verdicts and the exports record for changes made in the app."""

from __future__ import annotations

from jlip_desktop.core import review
from jlip_desktop.core.records import current_user
from jlip_desktop.gui.mainwindow import MainWindow


def draft_catalog(store, aid: int) -> str:
    return store.assessment(aid).catalog


def test_the_name_given_is_recorded_for_edits_verdicts_and_kept_for_the_next_start(make_window, store, draft,
                                                                                  prompts, settings, qtbot):
    unnamed = store.new_assessment("220200", 2021, "")  # no assessor: the history names the one at the computer
    w = make_window()
    assert store.user is None
    w.open_assessment(unnamed)
    w.view.edit_answer(1, True)
    assert store.audit(unnamed)[-1].who == current_user()  # nothing given: the computer's login
    prompts.text = "  王 科长  "
    assert w.set_user_name() == "王 科长"
    w.view.edit_answer(2, True)
    assert store.audit(unnamed)[-1].who == "王 科长"
    w.open_assessment(draft)
    w.view.edit_answer(1, True)
    assert store.audit(draft)[-1].who == "张三"  # an assessment's own edits name its assessor, as before
    received = store.import_assessment("220300", 2021, draft_catalog(store, draft), {1: True}, {},
                                       status="submitted", assessor="县里", source_file="四平市 2021.xlsx", revision=1)
    assert store.audit(received)[-1].who == "王 科长"  # the import, done at this computer
    review.set_verdict(store, received, 1, "accept")  # the province's verdict
    assert review.review_state(store, received).points[1].who == "王 科长"
    assert store.who_for("命令行用户") == "命令行用户"  # a caller that names someone still wins
    w.close()
    again = MainWindow(store, "zh", settings)  # the next start on this computer
    qtbot.addWidget(again)
    assert store.user == "王 科长"


def test_an_empty_name_goes_back_to_the_login_and_a_bad_one_changes_nothing(make_window, store, draft, prompts,
                                                                             settings):
    w = make_window()
    prompts.text = "李四"
    w.set_user_name()
    prompts.text = "名" * 65  # at most 64 characters
    assert w.set_user_name() is None
    assert store.user == "李四" and settings.value("user_name") == "李四"
    assert len(prompts.warnings) == 1 and "姓名" in prompts.warnings[0][1]
    prompts.text = "坏\x07名字"  # a control character
    assert w.set_user_name() is None and store.user == "李四"
    prompts.text = None  # cancelled
    assert w.set_user_name() is None and store.user == "李四"
    prompts.text = "   "
    assert w.set_user_name() == ""
    assert store.user is None and store.who_for() == current_user()
