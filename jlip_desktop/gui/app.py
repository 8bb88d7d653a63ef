"""`jlip-desktop [--db DB] [--lang zh|en] [--self-test]`: start the desktop application."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.errors import BadInput
from ..core.resources import resource_path
from .i18n import LANGUAGES, Translations, normalise_language
from .messages import describe

APP_TITLE = "jlip-desktop"


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="jlip-desktop", description="Jilin IP protection level assessment (desktop).")
    p.add_argument("--db", type=Path, help="the database to open (default: the one in the user data folder)")
    p.add_argument("--lang", choices=LANGUAGES, help="interface language (default: the last one used, else zh)")
    p.add_argument("--self-test", action="store_true", help="check the installation and exit")
    return p.parse_args(argv)


def _message(title: str, text: str, details: str | None = None) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text)
    if details:
        box.setDetailedText(details)
    box.exec()


def _cannot_open(db: Path, exc: BaseException) -> None:
    w = describe(exc)
    _message(APP_TITLE, QCoreApplication.translate("app", "Can't open the database {0}:\n{1}").format(db, w.text),
             w.details)


def install_excepthook() -> None:
    """An unexpected error shows a message box (details folded away) instead of vanishing silently."""

    def hook(exc_type, exc, tb):
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        sys.stderr.write(details)
        if QApplication.instance() is None:
            return
        if isinstance(exc, BadInput):
            w = describe(exc)
            _message(APP_TITLE, w.text, w.details)
        else:
            _message(APP_TITLE, QCoreApplication.translate("app", "Something went wrong: {0}\nYour saved work is safe in the database.")
                     .format(exc), details)

    sys.excepthook = hook


def acquire_lock(db: Path) -> QLockFile | None:
    """A lock beside the database; None when another instance holds it."""
    lock = QLockFile(str(db) + ".lock")
    lock.setStaleLockTime(0)
    if not lock.tryLock(200):
        return None
    return lock


def open_database(db: Path):
    """The Store to open, created (regions loaded) if needed, checked and backed up."""
    from ..core.store import Store

    return Store(db, create=True, backup=True, check=True)


class Session:
    """What `start` opened: the window, its store and the database lock."""

    def __init__(self, window, store, lock: QLockFile, settings=None, translations: Translations | None = None):
        self.window = window
        self.store = store
        self.lock = lock
        self.settings = settings
        self.translations = translations
        window.sig_database_requested.connect(self.switch)

    def close(self) -> None:
        self.window.close()
        self.store.close()
        self.lock.unlock()

    def switch(self, path) -> bool:
        """Open another database in a new main window; the current one stays if that fails."""
        from .mainwindow import MainWindow

        db = Path(path).resolve()
        if db == self.store.path.resolve():
            return True
        lock = acquire_lock(db)
        if lock is None:
            _message(APP_TITLE, QCoreApplication.translate(
                "app", "The database {0} is already open in another jlip-desktop window. "
                       "Use that window, or close it first.").format(db))
            return False
        try:
            store = open_database(db)
        except BadInput as e:
            lock.unlock()
            _cannot_open(db, e)
            return False
        old = self.window
        geometry = old.saveGeometry()
        lang = old.lang
        self.close()
        win = MainWindow(store, lang, self.settings, self.translations)
        win.restoreGeometry(geometry)
        win.show()
        self.window, self.store, self.lock = win, store, lock
        win.sig_database_requested.connect(self.switch)
        old.deleteLater()
        return True


def start(args: argparse.Namespace) -> Session | int:
    """Open the database and show the main window; an exit code if that can't be done."""
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_TITLE])
    app.setApplicationName(APP_TITLE)
    app.setOrganizationName(APP_TITLE)
    install_excepthook()

    from .fonts import install_cjk_font
    from .settings import app_settings

    install_cjk_font(app)
    icon = resource_path("resources", "icons", "jlip-desktop.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    settings = app_settings()
    lang = args.lang or normalise_language(settings.value("language", "zh"))
    translations = Translations()
    translations.install(lang)

    db = args.db
    if db is None:
        last = settings.value("last_database", "")
        if last and Path(str(last)).is_file():
            db = Path(str(last))
    if db is None:
        from ..core import paths

        db = paths.ensure_default_db()
    db = Path(db).resolve()
    if not db.parent.is_dir():
        _message(APP_TITLE, QCoreApplication.translate("app", "{0}: the folder {1} does not exist").format(
            db, db.parent))
        return 2
    lock = acquire_lock(db)
    if lock is None:
        _message(APP_TITLE, QCoreApplication.translate(
            "app", "The database {0} is already open in another jlip-desktop window. "
                   "Use that window, or close it first.").format(db))
        return 2
    try:
        store = open_database(db)
    except BadInput as e:
        lock.unlock()
        _cannot_open(db, e)
        return 2
    try:
        from .mainwindow import MainWindow
        from .style import apply_style

        apply_style(app)
        win = MainWindow(store, lang, settings, translations)
        win.show()
    except BaseException:
        store.close()
        lock.unlock()
        raise
    return Session(win, store, lock, settings, translations)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--self-test" in argv:  # the self-test has options of its own (--report, --keep, ...)
        from . import selftest

        return int(selftest.run(argv) or 0)
    args = parse_args(argv)
    session = start(args)
    if isinstance(session, int):
        return session
    try:
        return QApplication.instance().exec()
    finally:
        session.store.close()
        session.lock.unlock()


if __name__ == "__main__":
    sys.exit(main())
