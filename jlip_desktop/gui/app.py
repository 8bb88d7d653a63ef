"""`jlip-desktop [--db DB] [--lang zh|en] [--self-test]`: start the desktop application."""

from __future__ import annotations

import argparse
import sys
import traceback
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QSysInfo
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.errors import BadInput
from ..core.resources import resource_path
from . import logfile
from .i18n import LANGUAGES, Translations, normalise_language
from .messages import describe
from .screen import restore_or_fit

APP_TITLE = "jlip-desktop"


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="jlip-desktop", description="Jilin IP protection level assessment (desktop).")
    p.add_argument("--db", type=Path, help="the database to open (default: the one in the user data folder)")
    p.add_argument("--sample", action="store_true",
                   help="open a working copy of the illustrative sample database (made in the data folder on first use)")
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
    """An unexpected error is logged and shows a message box (saying where the log is) instead of vanishing.

    Survives a windowed program's `sys.stderr = None`: every stream write is guarded, and the log file
    is the record.
    """
    busy = False

    def hook(exc_type, exc, tb):
        nonlocal busy
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        logfile.log.error("unhandled exception\n%s", details.rstrip())
        if not isinstance(sys.stderr, logfile.LogStream):  # a stand-in stream would log it twice
            logfile.safe_write(sys.stderr, details)
        if QApplication.instance() is None or busy:
            return
        busy = True
        try:
            if isinstance(exc, BadInput):
                w = describe(exc)
                _message(APP_TITLE, w.text, w.details)
            else:
                where = logfile.log_path()
                text = QCoreApplication.translate(
                    "app", "An unexpected error occurred. Your saved work is safe in the database.")
                if where is not None:
                    text += "\n\n" + QCoreApplication.translate(
                        "app", "The details are in the log file:\n{0}").format(where)
                _message(APP_TITLE, text, details)
        except Exception:  # noqa: BLE001 - a failing box must not take the hook down with it
            logfile.log.exception("the error message could not be shown")
        finally:
            busy = False

    sys.excepthook = hook


class HeldBy:
    """Who holds the lock of a database: from QLockFile.getLockInfo and the lock file's time."""

    def __init__(self, lock_path: Path, info):
        self.pid, self.host, self.app = (info if isinstance(info, tuple) and len(info) == 3 else (0, "", ""))
        try:
            self.since: datetime | None = datetime.fromtimestamp(lock_path.stat().st_mtime)
        except OSError:
            self.since = None

    @property
    def this_computer(self) -> bool:
        return bool(self.host) and self.host == QSysInfo.machineHostName()

    def since_text(self) -> str:
        return self.since.strftime("%Y-%m-%d %H:%M") if self.since else "?"


class NoLock:
    """Stands in for the lock when the database's folder is read-only (no lock file can be made there).

    Nobody can write such a database, so there is nothing to guard: it opens read-only.
    """

    read_only_folder = True

    def unlock(self) -> None:
        pass


def _lock_file(db: Path) -> QLockFile:
    lock = QLockFile(str(db) + ".lock")
    # No age limit: QLockFile never refreshes the file, so an age limit would take the lock away from a
    # window that is still open on another computer.  A lock whose holder is gone is recognised on this
    # computer (the process is not running); one from another computer is taken over by the user (below).
    lock.setStaleLockTime(0)
    return lock


def acquire_lock(db: Path) -> QLockFile | None:
    """A lock beside the database; None when another instance holds it (or none can be made)."""
    lock = _lock_file(db)
    if not lock.tryLock(200):
        return None
    return lock


def _ask(title: str, text: str, yes: str) -> bool:
    """A question whose default is No; `yes` is the accepting button's text."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok


def lock_database(db: Path) -> QLockFile | NoLock | None:
    """Lock `db` for this window, asking the user when another computer holds it; None if refused.

    - a lock held by a window on this computer: refused, saying so;
    - a lock from another computer (or left by a crash there, the USB-stick case): says who and since
      when, and offers to take it over after a confirmation;
    - a read-only folder (no lock file can be made): a NoLock, and the database opens read-only.
    """
    lock = _lock_file(db)
    if lock.tryLock(200):
        return lock
    if lock.error() == QLockFile.LockError.PermissionError:
        return NoLock()
    held = HeldBy(Path(str(db) + ".lock"), lock.getLockInfo())
    if held.this_computer:
        _message(APP_TITLE, QCoreApplication.translate("app", "The database {0} is already open in another jlip-desktop window on this "
                                      "computer (process {1}, since {2}). Use that window, or close it first.")
                 .format(db, held.pid, held.since_text()))
        return None
    text = QCoreApplication.translate("app", "The database {0} is in use by jlip-desktop on the computer “{1}” (process {2}) since {3}.\n\n"
                     "If that window is still open, use it there or close it first: two windows on one database "
                     "would overwrite each other's work.\n\nIf that computer was switched off or the program "
                     "crashed, you can take the database over here.").format(
        db, held.host or "?", held.pid or "?", held.since_text())
    if not _ask(QCoreApplication.translate("app", "Database in use"), text, QCoreApplication.translate("app", "&Take over")):
        return None
    logfile.log.warning("lock of %s taken over from %s (process %s, since %s)", db, held.host, held.pid,
                        held.since_text())
    lock.removeStaleLockFile()
    if lock.tryLock(200):
        return lock
    _message(APP_TITLE, QCoreApplication.translate("app", "The database {0} could not be taken over; it is still in use.").format(db))
    return None


def open_database(db: Path, read_only: bool | None = None, check=None):
    """The Store to open, created (regions loaded) if needed, checked and backed up.

    read_only None: for writing when the file and folder can be written, else for reading only
    (`store.read_only` says which; the window shows it).  `check`: a core.database.QuickCheck of
    this file started earlier; when it passed, the Store does not read the file a second time
    (any other outcome: the Store checks it itself and refuses as usual).
    """
    from ..core.store import Store

    checked = check is not None and check.passed()
    return Store(db, create=True, backup=True, check=not checked, read_only=read_only)


def _info(title: str, text: str) -> None:
    QMessageBox(QMessageBox.Icon.Information, title, text).exec()


def offer_restore(db: Path, error: BadInput) -> bool:
    """A damaged database: offer to put the newest good backup in its place; True if it was restored."""
    from ..core.store import restore_backup

    backup = str(error.params.get("backup") or "")
    if not backup:
        return False
    good = Path(backup)
    try:
        made = datetime.fromtimestamp(good.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    except OSError:
        made = "?"
    text = QCoreApplication.translate(
        "app", "The database {0} is damaged (it fails the integrity check), so it can't be opened.\n\n"
               "The newest good copy in its backups folder is {1}, made {2}. Restore it? Changes made after "
               "that copy are lost; the damaged file is kept beside the database.").format(db, good.name, made)
    if not _ask(QCoreApplication.translate("app", "Damaged database"), text,
                QCoreApplication.translate("app", "&Restore the copy")):
        return False
    try:
        aside = restore_backup(db, good)
    except BadInput as e:
        _cannot_open(db, e)
        return False
    logfile.log.warning("%s was damaged; restored %s, the damaged file kept as %s", db, good, aside)
    _info(APP_TITLE, QCoreApplication.translate(
        "app", "The copy {0} was restored. The damaged file was kept as {1}.").format(good.name, Path(aside).name))
    return True


def open_or_restore(db: Path, lock, check=None) -> object | None:
    """Open `db` (read-only when its folder can't hold a lock); a damaged one may be restored first.

    None when it can't be opened (the user was told why).
    """
    read_only = True if isinstance(lock, NoLock) else None
    try:
        return open_database(db, read_only, check)
    except BadInput as e:
        if e.code == "db.damaged" and offer_restore(db, e):
            try:
                return open_database(db, read_only)
            except BadInput as again:
                _cannot_open(db, again)
                return None
        _cannot_open(db, e)
        return None


def _ask_first_start(lang: str) -> tuple[str, str | None] | None:
    """The first start's question: ("sample", None), ("own", region) or None (the user cancelled)."""
    from ..core.store import builtin_regions
    from .dialogs import FirstStartDialog

    dlg = FirstStartDialog(builtin_regions(), lang)
    return dlg.choice() if dlg.exec() else None


def first_database(settings, lang: str) -> Path | None:
    """The default database; on the very first start, asked once: the sample, or an empty one for the user's region.

    The region chosen becomes the default of New assessment (setting home_region).  None if the user cancelled.
    """
    from ..core import paths

    target = paths.default_db_path()
    if target.exists() or not paths.sample_db_path().is_file():
        return paths.ensure_default_db()
    choice = _ask_first_start(lang)
    if choice is None:
        return None
    kind, region = choice
    if kind == "sample":
        return paths.ensure_default_db()
    if region:
        settings.setValue("home_region", region)
    return target  # opened with create=True: an empty database with the regions loaded


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
        lock = lock_database(db)
        if lock is None:
            return False
        store = open_or_restore(db, lock)
        if store is None:
            lock.unlock()
            return False
        old = self.window
        geometry = old.saveGeometry()
        lang = old.lang
        self.close()
        win = MainWindow(store, lang, self.settings, self.translations)
        restore_or_fit(win, geometry, 1366, 740)
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
    logfile.setup_logging()
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
    if db is None and args.sample:
        from ..core import paths

        try:
            db = paths.ensure_sample_copy()
        except BadInput as e:
            w = describe(e)
            _message(APP_TITLE, w.text, w.details)
            return 2
    if db is None:
        last = settings.value("last_database", "")
        if last and Path(str(last)).is_file():
            db = Path(str(last))
    if db is None:
        db = first_database(settings, lang)
        if db is None:
            return 0
    db = Path(db).resolve()
    if not db.parent.is_dir():
        _message(APP_TITLE, QCoreApplication.translate("app", "{0}: the folder {1} does not exist").format(
            db, db.parent))
        return 2
    lock = lock_database(db)
    if lock is None:
        return 2
    # The integrity check reads the whole file (about 1 s for 85 MB): it runs in a thread while the
    # window's modules load; the database is opened, backed up and shown only once it has passed.
    from ..core.database import QuickCheck

    check = QuickCheck(db)
    try:
        from .mainwindow import MainWindow
        from .style import apply_style
    except BaseException:
        check.passed()
        lock.unlock()
        raise
    store = open_or_restore(db, lock, check)
    if store is None:
        lock.unlock()
        return 2
    try:
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
