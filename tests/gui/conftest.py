"""GUI fixtures: isolated QSettings, answered message boxes, a window over a temporary database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from jlip_desktop.gui import messages


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory):
    """QSettings (INI, user scope) live in a fresh temporary folder for every test."""
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


class Prompts:
    """Records every message box; answers questions with `answer` and text prompts with `text`."""

    def __init__(self):
        self.warnings: list[tuple[str, str]] = []
        self.questions: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.worded: list[messages.Wording] = []
        self.answer = True
        self.text: str | None = "a reason"
        self.item: str | None = None

    def warn(self, _parent, title, text, details=None):
        """An exception is recorded as the box would word it, with its details (the English) on a line below."""
        if isinstance(text, BaseException):
            w = messages.describe(text)
            text = w.text + (f"\n{w.details}" if w.details else "")
            self.worded.append(w)
        self.warnings.append((title, text))

    def ask(self, _parent, title, text):
        self.questions.append((title, text))
        return self.answer

    def inform(self, _parent, title, text):
        self.infos.append((title, text))

    def get_text(self, _parent, title, label, text=""):
        self.questions.append((title, label))
        return self.text

    def get_item(self, _parent, title, label, items):
        return self.item if self.item is not None else items[0]


@pytest.fixture(autouse=True)
def _isolated_temp_folder(tmp_path_factory, monkeypatch):
    """The system's temporary folder (evidence copies) is a fresh one for every test."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path_factory.mktemp("systemp")))


@pytest.fixture(autouse=True)
def _no_log_file_left_open():
    """The app's log (opened by start()) is closed after each test, so the next one opens its own."""
    yield
    from jlip_desktop.gui import logfile

    logfile.close_logging()


@pytest.fixture(autouse=True)
def prompts(monkeypatch):
    p = Prompts()
    for name in ("warn", "ask", "inform", "get_text", "get_item"):
        monkeypatch.setattr(messages, name, getattr(p, name))
    return p


@pytest.fixture
def settings():
    from jlip_desktop.gui.settings import app_settings

    return app_settings()


@pytest.fixture
def make_window(qtbot, store, settings):
    """A main window over the `store` fixture (language zh unless told)."""
    from jlip_desktop.gui.mainwindow import MainWindow

    def make(lang: str = "zh"):
        w = MainWindow(store, lang, settings)
        qtbot.addWidget(w)
        w.show()
        return w

    return make


@pytest.fixture
def draft(store):
    """A draft assessment for Changchun 2021 with no answers; its id."""
    return store.new_assessment("220100", 2021, "张三")
