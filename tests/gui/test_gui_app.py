"""Starting the application: data folder, sample database, lock, bad databases, error hook."""

from __future__ import annotations

import shutil
import sys

import pytest
from PySide6.QtCore import QLockFile

from jlip_desktop.core import paths
from jlip_desktop.core.errors import BadInput
from jlip_desktop.core.store import Store
from jlip_desktop.gui import app as app_module


@pytest.fixture
def boxes(monkeypatch):
    shown = []
    monkeypatch.setattr(app_module, "_message", lambda title, text, details=None: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # start() installs its own; put it back afterwards
    monkeypatch.setattr(app_module, "_ask_first_start", lambda lang: ("sample", None))
    return shown


def start(qtbot, argv):
    session = app_module.start(app_module.parse_args(argv))
    if not isinstance(session, int):
        qtbot.addWidget(session.window)
    return session


def test_starts_on_an_empty_data_folder(qtbot, boxes, monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "sample_db_path", lambda: tmp_path / "no-sample.sqlite")
    assert not any(paths.data_dir().iterdir())
    session = start(qtbot, [])
    try:
        assert boxes == []
        assert session.window.isVisible()
        assert not session.window.windowIcon().isNull()  # the shipped icon
        assert session.store.path == paths.default_db_path()
        assert session.store.list_assessments() == []
        assert session.window.navigator.topLevelItemCount() == 1  # the province
        assert session.window.view.assessment is None
    finally:
        session.close()


def test_starts_on_the_shipped_sample_database_copy(qtbot, boxes):
    sample = paths.sample_db_path()
    session = start(qtbot, [])
    try:
        assert boxes == []
        assert session.store.path == paths.default_db_path()
        if sample.is_file():  # first run copies the sample database
            assert session.store.list_assessments()
            assert session.window.view.assessment is not None
            assert session.window.banner.isVisible() == bool(session.store.meta("description"))
    finally:
        session.close()


def test_starts_on_a_database_with_assessments(qtbot, boxes, tmp_path, catalog):
    db = tmp_path / "县 数据.sqlite"
    with Store(db, create=True) as st:
        a = st.new_assessment("220102", 2021, "王五")
        st.set_answer(a, next(iter(catalog.points)), True)
        st.new_assessment("220102", 2022, "王五")
    session = start(qtbot, ["--db", str(db), "--lang", "en"])
    try:
        assert boxes == []
        w = session.window
        assert w.view.assessment is not None
        assert w.menus["file"].title() == "&File"
        assert w.view.current_score.answered >= 0
    finally:
        session.close()


def test_the_sample_database_opens_with_every_assessment(qtbot, boxes, tmp_path):
    sample = paths.sample_db_path()
    if not sample.is_file():
        pytest.fail("sample_db/jlip-sample.sqlite is missing")
    db = tmp_path / "示例 库.sqlite"
    shutil.copyfile(sample, db)
    session = start(qtbot, ["--db", str(db)])
    try:
        w = session.window
        for a in session.store.list_assessments():
            w.open_assessment(a.id)
            assert w.view.assessment_id == a.id
            assert w.view.current_score.total == session.store.score(a.id).total
    finally:
        session.close()


def test_second_instance_on_the_same_database_is_refused(qtbot, boxes, tmp_path):
    db = tmp_path / "共享 库.sqlite"
    first = start(qtbot, ["--db", str(db)])
    try:
        assert start(qtbot, ["--db", str(db)]) == 2
        assert "already open" in boxes[-1] or "已在另一个" in boxes[-1]
    finally:
        first.close()
    again = start(qtbot, ["--db", str(db)])  # released when the first one closed
    again.close()


def test_a_damaged_or_foreign_file_is_a_message_not_a_traceback(qtbot, boxes, tmp_path):
    db = tmp_path / "坏 文件.sqlite"
    db.write_bytes(b"this is not sqlite at all" * 100)
    assert start(qtbot, ["--db", str(db)]) == 2
    assert str(db) in boxes[-1]
    assert db.read_bytes().startswith(b"this is not sqlite")


def test_a_missing_folder_is_a_message(qtbot, boxes, tmp_path):
    assert start(qtbot, ["--db", str(tmp_path / "没有" / "x.sqlite")]) == 2
    assert boxes


def test_language_and_last_database_are_remembered(qtbot, boxes, tmp_path):
    db = tmp_path / "记住.sqlite"
    s = start(qtbot, ["--db", str(db)])
    s.window.set_language("en")
    s.close()
    s2 = start(qtbot, [])
    try:
        assert s2.store.path == db.resolve()
        assert s2.window.lang == "en"
        assert s2.window.menus["file"].title() == "&File"
    finally:
        s2.window.set_language("zh")
        s2.close()


def test_excepthook_shows_a_message_box(boxes):
    app_module.install_excepthook()
    sys.excepthook(BadInput, BadInput("point (3): expected true or false"), None)
    assert "expected true or false" not in boxes[-1]  # worded from the code, in the UI language
    try:
        raise RuntimeError("boom")
    except RuntimeError as e:
        sys.excepthook(RuntimeError, e, e.__traceback__)
    assert len(boxes) == 2 and "boom" not in boxes[-1]  # the technical text is in the details and the log


def test_excepthook_survives_a_windowed_program_without_stderr_and_says_where_the_log_is(
        boxes, monkeypatch, tmp_path):
    from jlip_desktop.gui import logfile

    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(sys, "stdout", None)
    log = logfile.setup_logging(tmp_path / "日志 文件夹")
    assert log is not None and log.parent == tmp_path / "日志 文件夹"
    assert isinstance(sys.stderr, logfile.LogStream)  # a missing stream is replaced, not left as None
    print("a stray print from a library")  # goes to the log instead of failing
    app_module.install_excepthook()
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError as e:
        sys.excepthook(RuntimeError, e, e.__traceback__)
    assert len(boxes) == 1 and str(log) in boxes[0]
    logfile.close_logging()
    text = log.read_text(encoding="utf-8")
    assert "boom in a slot" in text and "Traceback" in text and "a stray print" in text


def test_excepthook_survives_a_broken_stream_and_a_failing_box(monkeypatch, tmp_path):
    class Broken:
        def write(self, _text):
            raise OSError("the handle is invalid")

        def flush(self):
            raise OSError("the handle is invalid")

    def failing_box(*_a, **_k):
        raise RuntimeError("no display")

    monkeypatch.setattr(sys, "stderr", Broken())
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(app_module, "_message", failing_box)
    from jlip_desktop.gui import logfile

    log = logfile.setup_logging(tmp_path)
    app_module.install_excepthook()
    sys.excepthook(ValueError, ValueError("x"), None)  # must not raise
    logfile.close_logging()
    assert "could not be shown" in log.read_text(encoding="utf-8")


def test_a_crash_is_written_into_the_log_by_faulthandler(tmp_path):
    import os
    import subprocess

    folder = tmp_path / "日志"
    code = ("import sys; sys.stderr = None; from jlip_desktop.gui import logfile; "
            f"logfile.setup_logging({str(folder)!r}); import faulthandler; faulthandler._sigsegv()")
    env = dict(os.environ, PYTHONFAULTHANDLER="")
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=60)
    assert proc.returncode != 0
    text = (folder / "jlip-desktop.log").read_text(encoding="utf-8", errors="replace")
    assert "Fatal Python error" in text


def test_the_log_rotates_and_faulthandler_follows_the_current_file(tmp_path, monkeypatch):
    from jlip_desktop.gui import logfile

    monkeypatch.setattr(logfile, "MAX_BYTES", 2000)
    log = logfile.setup_logging(tmp_path)
    for i in range(100):
        logfile.log.info("line %d %s", i, "x" * 50)
    assert (tmp_path / "jlip-desktop.log.1").is_file()
    assert len(list(tmp_path.glob("jlip-desktop.log*"))) <= 1 + logfile.BACKUPS
    logfile.close_logging()
    assert log.stat().st_size < 2000


def test_self_test_is_delegated(monkeypatch):
    import types

    calls = []
    fake = types.ModuleType("jlip_desktop.gui.selftest")
    fake.run = lambda argv: calls.append(argv) or 0
    monkeypatch.setitem(sys.modules, "jlip_desktop.gui.selftest", fake)
    import jlip_desktop.gui as gui_pkg

    monkeypatch.setattr(gui_pkg, "selftest", fake, raising=False)
    assert app_module.main(["--self-test"]) == 0
    assert app_module.main(["--self-test", "--report", "自检 报告.txt", "--keep"]) == 0
    assert calls == [["--self-test"], ["--self-test", "--report", "自检 报告.txt", "--keep"]]


def test_portable_mode_keeps_settings_beside_the_program(tmp_path, monkeypatch):
    from jlip_desktop.core import paths
    from jlip_desktop.gui.settings import app_settings

    monkeypatch.delenv("JLIP_DATA_DIR")
    stick = tmp_path / "U盘 jlip"
    stick.mkdir()
    (stick / "portable").write_text("")
    monkeypatch.setattr(paths, "executable_dir", lambda: stick)
    s = app_settings()
    s.setValue("language", "en")
    s.sync()
    assert (stick / "data" / "settings.ini").is_file()


def test_shipped_font_renders_chinese(qapp):
    from PySide6.QtGui import QFontMetrics

    from jlip_desktop.gui.fonts import cjk_family, install_cjk_font

    family = install_cjk_font(qapp)
    assert family and family == cjk_family()
    assert family in qapp.font().families()
    assert QFontMetrics(qapp.font()).inFontUcs4(ord("评"))


def test_chinese_translation_is_compiled_and_loaded(qapp):
    from PySide6.QtCore import QCoreApplication

    from jlip_desktop.core.resources import resource_path
    from jlip_desktop.gui.i18n import Translations

    assert resource_path("i18n", "jlip_zh_CN.qm").is_file()
    t = Translations()
    t.install("zh")
    try:
        assert "jlip_zh_CN" in t.loaded
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
        assert "qtbase_zh_CN" in t.loaded  # Qt's own dialogs speak Chinese too
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        t.install("en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_open_another_database_switches_windows(qtbot, boxes, tmp_path, settings):
    first_db = tmp_path / "一号.sqlite"
    second_db = tmp_path / "二 号.sqlite"
    session = start(qtbot, ["--db", str(first_db)])
    try:
        old = session.window
        old.open_database(str(second_db))
        assert session.store.path == second_db.resolve()
        assert session.window is not old and session.window.isVisible()
        qtbot.addWidget(session.window)
        released = app_module.acquire_lock(first_db.resolve())
        assert released is not None  # the first one was released
        released.unlock()
        assert app_module.acquire_lock(second_db.resolve()) is None  # the second one is held
        # a file that is not a database leaves the current one open
        bad = tmp_path / "坏.sqlite"
        bad.write_bytes(b"garbage" * 200)
        current = session.window
        assert session.switch(bad) is False
        assert session.window is current and boxes
    finally:
        session.close()
    assert settings.value("last_database") == str(second_db.resolve())


def test_a_lock_left_on_another_computer_names_it_and_can_be_taken_over(qtbot, boxes, tmp_path, monkeypatch):
    db = tmp_path / "U盘 库.sqlite"
    Store(db, create=True).close()
    lock_file = tmp_path / "U盘 库.sqlite.lock"
    lock_file.write_text("4242\njlip-desktop\nOFFICE-PC-7\n")
    asked = []
    monkeypatch.setattr(app_module, "_ask", lambda title, text, yes: asked.append(text) or False)
    assert start(qtbot, ["--db", str(db)]) == 2
    assert "OFFICE-PC-7" in asked[0] and "4242" in asked[0]
    assert lock_file.read_text().startswith("4242")  # refused: the lock is left alone
    monkeypatch.setattr(app_module, "_ask", lambda title, text, yes: True)
    session = start(qtbot, ["--db", str(db)])
    try:
        assert not isinstance(session, int)
        assert not lock_file.read_text().startswith("4242")  # ours now
    finally:
        session.close()
    assert not lock_file.exists()


def test_a_window_on_this_computer_is_not_offered_for_take_over(qtbot, boxes, tmp_path, monkeypatch):
    db = tmp_path / "本机.sqlite"
    first = start(qtbot, ["--db", str(db)])
    monkeypatch.setattr(app_module, "_ask", lambda *a: pytest.fail("offered to take over a live window"))
    try:
        assert start(qtbot, ["--db", str(db)]) == 2
        assert "process" in boxes[-1] or "进程" in boxes[-1]
    finally:
        first.close()


def test_a_read_only_folder_is_not_already_open_elsewhere(tmp_path, monkeypatch, boxes):
    class ReadOnlyFolderLock:
        def __init__(self, *_a):
            pass

        def setStaleLockTime(self, _ms):
            pass

        def tryLock(self, _ms):
            return False

        def error(self):
            return QLockFile.LockError.PermissionError

    monkeypatch.setattr(app_module, "_lock_file", lambda db: ReadOnlyFolderLock())
    lock = app_module.lock_database(tmp_path / "只读.sqlite")
    assert isinstance(lock, app_module.NoLock) and boxes == []


def _damage(db):
    data = bytearray(db.read_bytes())
    for off in range(4096 * 3, len(data), 4096):
        data[off:off + 100] = b"\xff" * 100
    db.write_bytes(bytes(data))


@pytest.fixture
def damaged_db(tmp_path):
    from jlip_desktop.core.store import backup_database

    db = tmp_path / "损坏 库.sqlite"
    with Store(db, create=True) as st:
        st.new_assessment("220100", 2021, "张三")
    backup_database(db)
    _damage(db)
    return db


def test_a_damaged_database_offers_the_newest_good_backup(qtbot, boxes, damaged_db, monkeypatch):
    asked, infos = [], []
    monkeypatch.setattr(app_module, "_ask", lambda title, text, yes: asked.append(text) or True)
    monkeypatch.setattr(app_module, "_info", lambda title, text: infos.append(text))
    session = start(qtbot, ["--db", str(damaged_db)])
    try:
        assert not isinstance(session, int), boxes
        assert damaged_db.name in asked[0]
        assert [a.region for a in session.store.list_assessments()] == ["220100"]
        assert infos and list(damaged_db.parent.glob("*.damaged-*"))  # the damaged file kept aside
    finally:
        session.close()


def test_a_damaged_database_is_left_alone_when_the_restore_is_declined(qtbot, boxes, damaged_db, monkeypatch):
    before = damaged_db.read_bytes()
    monkeypatch.setattr(app_module, "_ask", lambda title, text, yes: False)
    assert start(qtbot, ["--db", str(damaged_db)]) == 2
    assert damaged_db.read_bytes() == before
    assert str(damaged_db) in boxes[-1]


def test_a_read_only_database_opens_read_only_and_the_window_says_so(qtbot, boxes, tmp_path, monkeypatch):
    import jlip_desktop.core.database as database

    db = tmp_path / "只读 库.sqlite"
    with Store(db, create=True) as st:
        st.new_assessment("220100", 2021, "张三")
    monkeypatch.setattr(database, "read_only_reason", lambda path: "file")  # root ignores chmod
    session = start(qtbot, ["--db", str(db)])
    try:
        w = session.window
        assert session.store.read_only
        assert "只读" in w.windowTitle() or "read-only" in w.windowTitle()
        assert w.notice.isVisible() and w.notice.text()
        assert w.view.assessment is not None and not w.view.editable
        for k in ("new", "duplicate", "delete", "submit", "import_xlsx", "export_xlsx"):
            assert not w.actions[k].isEnabled(), k
        assert w.actions["assessment_pdf"].isEnabled()  # reading and printing still work
    finally:
        session.close()


def test_a_network_drive_database_says_it_is_kept_without_wal(qtbot, boxes, tmp_path, monkeypatch):
    import jlip_desktop.core.store as store_module

    monkeypatch.setattr(store_module, "is_network_path", lambda path: True)
    session = start(qtbot, ["--db", str(tmp_path / "网络 库.sqlite")])
    try:
        assert session.store.journal_mode != "wal"
        assert session.window.notice.isVisible()
        assert "WAL" in session.window.notice.text()
    finally:
        session.close()


def test_first_start_can_begin_an_empty_database_for_the_users_region(qtbot, boxes, monkeypatch):
    asked = []
    monkeypatch.setattr(app_module, "_ask_first_start", lambda lang: asked.append(lang) or ("own", "220183"))
    session = start(qtbot, [])
    try:
        assert asked == ["zh"]
        assert session.store.path == paths.default_db_path()
        assert session.store.list_assessments() == []  # not the sample
        assert session.window.home_region() == "220183"
        from jlip_desktop.gui import dialogs

        seen = {}

        def look(dlg):
            seen["region"] = dlg.region.currentData()
            return 0

        monkeypatch.setattr(dialogs.NewAssessmentDialog, "exec", look)
        session.window.new_assessment()
        assert seen["region"] == "220183"
    finally:
        session.close()
    again = start(qtbot, [])  # asked once only
    again.close()
    assert asked == ["zh"]


def test_first_start_question_cancelled_quits(qtbot, boxes, monkeypatch):
    monkeypatch.setattr(app_module, "_ask_first_start", lambda lang: None)
    assert start(qtbot, []) == 0
    assert not paths.default_db_path().exists()


def test_the_first_start_dialog_offers_the_sample_and_a_region(qtbot):
    from jlip_desktop.core.store import builtin_regions
    from jlip_desktop.gui.dialogs import FirstStartDialog

    dlg = FirstStartDialog(builtin_regions(), "zh")
    qtbot.addWidget(dlg)
    assert dlg.choice()[0] == "own" and dlg.region.isEnabled()
    dlg.sample.setChecked(True)
    assert dlg.choice() == ("sample", None) and not dlg.region.isEnabled()


def test_sample_option_opens_a_working_copy_of_the_sample_without_asking(qtbot, boxes, monkeypatch):
    asked = []
    monkeypatch.setattr(app_module, "_ask_first_start", lambda lang: asked.append(lang) or ("own", "220183"))
    bundled = paths.sample_db_path()
    before = bundled.read_bytes()
    session = start(qtbot, ["--sample"])
    try:
        assert asked == [] and boxes == []
        assert session.store.path == paths.sample_copy_path() != bundled
        assert session.store.list_assessments()  # the sample's assessments
    finally:
        session.close()
    assert bundled.read_bytes() == before  # the bundled file is never the one opened


def test_sample_option_without_a_bundled_sample_says_so(qtbot, boxes, monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "sample_db_path", lambda: tmp_path / "no sample.sqlite")
    assert start(qtbot, ["--sample"]) == 2
    assert len(boxes) == 1 and "no sample.sqlite" in boxes[0]
    assert not paths.sample_copy_path().exists()
