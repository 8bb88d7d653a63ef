"""The main window: navigator, assessment view, menus, toolbar, language switch.

Excel, PDF and the charts modules are imported inside the actions that use
them, so the first window appears without loading openpyxl, reportlab or
pyqtgraph.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QProgressDialog,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import BadInput
from ..core.fields import check_text
from ..core.store import IncompleteError, Store
from . import logfile, messages
from .assessment import AssessmentView
from .checkpoints import IdleCheckpoint
from .elided import ElidedLabel
from .external import ExternalChanges
from .files import remember_folder, start_folder
from .i18n import Translations
from .navigator import Navigator, NavigatorPane
from .schemes import add_scheme_menu
from .screen import fit_to_screen, keep_panes_usable, restore_or_fit

XLSX_FILTER = "Excel (*.xlsx)"
PDF_FILTER = "PDF (*.pdf)"
ZIP_FILTER = "Zip (*.zip)"


# The navigator's minimum width in characters: 13 lets the window's minimum fit a 1024×768 screen at 150 %
# (683 px wide, tests/gui/test_gui_window.py); longer region names give way with … and the search finds them.
NAVIGATOR_MIN_CHARS = 13


class MainWindow(QMainWindow):
    """The county user's workspace over one open database."""

    sig_database_requested = Signal(str)
    """The user chose another database file to open (the application switches windows)."""

    def __init__(self, store: Store, lang: str = "zh", settings=None, translations: Translations | None = None,
                 parent=None):
        super().__init__(parent)
        self.store = store
        self.settings = settings
        store.user = self._saved_user_name()  # who the history names for this window's changes (设置 › 我的姓名)
        self.translations = translations or Translations()
        self.lang = lang
        self.dashboard_window = None
        self.help_window = None
        self.setObjectName("mainWindow")
        self.checkpoints = IdleCheckpoint(store, self)  # the WAL copied back between edits, not inside one
        self.external = ExternalChanges(store, self)  # `jlip set` in a console shows here within 2 s

        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(4)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        description = store.meta("description")
        self.banner.setText(description or "")
        self.banner.setVisible(bool(description))
        lay.addWidget(self.banner)
        self.notice = QLabel()  # how the database is open: read-only, or on a network drive
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        lay.addWidget(self.notice)
        self.next_step = QLabel()  # after a submit: "export for the province now"
        self.next_step.setObjectName("nextStep")
        self.next_step.setWordWrap(True)
        self.next_step.setTextFormat(Qt.TextFormat.RichText)
        self.next_step.setVisible(False)
        self.next_step.linkActivated.connect(self._next_step_clicked)
        self._next_step_for: int | None = None
        lay.addWidget(self.next_step)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.navigator = Navigator(store)
        self.navigator_pane = NavigatorPane(self.navigator)
        self.view = AssessmentView(store)
        self.splitter.addWidget(self.navigator_pane)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([250, 1100])
        keep_panes_usable(self.splitter, [NAVIGATOR_MIN_CHARS, 0])
        lay.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.navigator.sig_assessment_selected.connect(self.open_assessment)
        self.view.sig_status_changed.connect(self._on_state_changed)
        self.view.undo_stack.canUndoChanged.connect(self._on_state_changed)
        self.view.undo_stack.canRedoChanged.connect(self._on_state_changed)

        self._make_actions()
        self._make_menus()
        # A long path gives way in its middle (…), keeping its start and the file name; never widens the window.
        self.db_label = ElidedLabel(Qt.TextElideMode.ElideMiddle)
        self.db_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.db_label.setMinimumWidth(80)
        self.statusBar().addPermanentWidget(self.db_label, 1)  # the whole status bar: nothing else is shown there
        self._apply_language(lang, save=False)
        self._restore_geometry()
        first = self.navigator.current_assessment()
        if first is None:
            first = self.navigator.first_assessment()  # one row read, not the whole table
            if first is not None:
                self.navigator.select_assessment(first)
        self._remember_recent()
        self._update_actions()

    # -- actions -----------------------------------------------------------
    def _action(self, key: str, slot, shortcut=None, checkable: bool = False) -> QAction:
        a = QAction(self)
        a.setObjectName(f"action_{key}")
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        a.setCheckable(checkable)
        if slot is not None:
            a.triggered.connect(lambda _checked=False: slot())
        self.actions[key] = a
        return a

    def _make_actions(self) -> None:
        self.actions: dict[str, QAction] = {}
        A = self._action
        A("new", self.new_assessment, QKeySequence.StandardKey.New)
        A("duplicate", self.duplicate_assessment)
        A("delete", self.delete_assessment)
        A("submit", self.submit_assessment)
        A("reopen", self.reopen_assessment)
        A("export_xlsx", self.export_workbook, QKeySequence.StandardKey.Save)
        A("export_package", self.export_package)
        A("import_xlsx", self.import_workbooks, QKeySequence.StandardKey.Open)
        A("template_xlsx", self.save_template)
        A("province_xlsx", self.province_workbook)
        A("assessment_pdf", self.assessment_pdf)
        A("print", self.print_assessment, QKeySequence.StandardKey.Print)
        A("province_pdf", self.province_pdf)
        A("open_db", self.open_database)
        A("quit", self.close, QKeySequence.StandardKey.Quit)
        A("undo", self.view.undo_stack.undo, QKeySequence.StandardKey.Undo)
        A("redo", self.view.undo_stack.redo)
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        if QKeySequence("Ctrl+Shift+Z") not in redo_keys:  # Windows' standard is Ctrl+Y; offer both
            redo_keys.append(QKeySequence("Ctrl+Shift+Z"))
        self.actions["redo"].setShortcuts(redo_keys)
        A("next_point", lambda: self.view.move(1), "Alt+Down")
        A("prev_point", lambda: self.view.move(-1), "Alt+Up")
        A("next_unanswered", lambda: self.view.move(1, True), "F8")
        A("prev_unanswered", lambda: self.view.move(-1, True), "Shift+F8")
        A("focus_tree", lambda: self.view.tree.setFocus(), "Ctrl+1")
        A("focus_answer", self.view.form.focus_editor, "Ctrl+2")
        A("focus_navigator", lambda: self.navigator.setFocus(), "Ctrl+0")
        A("dashboard", self.show_dashboard, "Ctrl+D")
        A("about", self.about)
        A("regions", self.show_regions)
        A("user_name", self.set_user_name)
        A("manual", self.show_manual, QKeySequence.StandardKey.HelpContents)
        group = QActionGroup(self)
        for lang in ("zh", "en"):
            a = A(f"lang_{lang}", lambda lang=lang: self.set_language(lang), checkable=True)
            group.addAction(a)
        self.actions["lang_zh"].setText("中文")
        self.actions["lang_en"].setText("English")

    def _make_menus(self) -> None:
        mb = self.menuBar()
        self.menus = {}

        def menu(key: str, keys: list[str | None]):
            m = mb.addMenu("")
            m.setObjectName(f"menu_{key}")
            for k in keys:
                if k is None:
                    m.addSeparator()
                elif k == "recent":
                    self.recent_menu = m.addMenu("")
                    self.recent_menu.setObjectName("menu_recent")
                    self.recent_menu.aboutToShow.connect(self._fill_recent)
                else:
                    m.addAction(self.actions[k])
            self.menus[key] = m
            return m

        menu("file", ["export_xlsx", "export_package", "import_xlsx", "template_xlsx", None, "province_xlsx", None,
                      "assessment_pdf", "print", "province_pdf", None, "open_db", "recent", None, "quit"])
        menu("edit", ["undo", "redo"])
        menu("assessment", ["new", "duplicate", "delete", None, "submit", "reopen"])
        menu("go", ["next_point", "prev_point", "next_unanswered", "prev_unanswered", None,
                    "focus_navigator", "focus_tree", "focus_answer"])
        menu("view", ["dashboard"])
        lang_menu = self.menus["view"].addMenu("")
        lang_menu.addAction(self.actions["lang_zh"])
        lang_menu.addAction(self.actions["lang_en"])
        self.menus["language"] = lang_menu
        menu("settings", ["regions", "user_name"])
        menu("help", ["manual", None, "about"])
        add_scheme_menu(self)  # 方案 › 导入方案… / 导出方案工作簿… (gui/schemes.py)

        tb = QToolBar(self)
        tb.setObjectName("mainToolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for k in ("new", "duplicate", None, "undo", "redo", None, "next_unanswered", "submit", "reopen", None,
                  "export_xlsx", "import_xlsx", "assessment_pdf", None, "dashboard"):
            if k is None:
                tb.addSeparator()
            else:
                tb.addAction(self.actions[k])
        self.addToolBar(tb)
        self.toolbar = tb

    def retranslate(self) -> None:
        texts = {
            "new": self.tr("&New assessment…"),
            "duplicate": self.tr("New from &last year…"),
            "delete": self.tr("&Delete assessment…"),
            "submit": self.tr("&Submit"),
            "reopen": self.tr("&Reopen…"),
            "export_xlsx": self.tr("&Export workbook…"),
            "export_package": self.tr("Export pac&kage for the province…"),
            "import_xlsx": self.tr("&Import workbooks…"),
            "template_xlsx": self.tr("Save fill-in &template…"),
            "province_xlsx": self.tr("Province &workbook…"),
            "assessment_pdf": self.tr("Assessment &PDF…"),
            "province_pdf": self.tr("Province P&DF…"),
            "quit": self.tr("&Quit"),
            "open_db": self.tr("&Open database…"),
            "undo": self.tr("&Undo"),
            "redo": self.tr("&Redo"),
            "next_point": self.tr("&Next point"),
            "prev_point": self.tr("&Previous point"),
            "next_unanswered": self.tr("Next &unanswered"),
            "prev_unanswered": self.tr("Previous unans&wered"),
            "focus_tree": self.tr("Indicator &tree"),
            "focus_answer": self.tr("&Answer of the point"),
            "focus_navigator": self.tr("Na&vigator"),
            "dashboard": self.tr("Province &dashboard"),
            "about": self.tr("&About"),
            "regions": self.tr("Administrative &divisions…"),
            "user_name": self.tr("Your &name…"),
            "manual": self.tr("User &manual"),
            "print": self.tr("P&rint…"),
        }
        for k, text in texts.items():
            self.actions[k].setText(text)
        self.actions["duplicate"].setToolTip(self.tr("New assessment for another year with this one's answers"))
        self.actions["next_unanswered"].setToolTip(self.tr("Go to the next unanswered point (F8)"))
        undo_text = self.view.undo_stack.undoText()
        if undo_text:
            self.actions["undo"].setToolTip(self.tr("Undo: {0}").format(undo_text))
        menus = {"file": self.tr("&File"), "edit": self.tr("&Edit"), "assessment": self.tr("&Assessment"), "go": self.tr("&Go"),
                 "view": self.tr("&View"), "language": self.tr("&Language"), "help": self.tr("&Help"),
                 "settings": self.tr("Se&ttings")}
        for k, text in menus.items():
            self.menus[k].setTitle(text)
        self.recent_menu.setTitle(self.tr("Recent data&bases"))
        if self.help_window is not None:
            self.help_window.set_manual(self.lang, self.store.path, logfile.log_path())
        self.toolbar.setWindowTitle(self.tr("Toolbar"))
        title = self.tr("Jilin IP protection level assessment") + f" — {self.store.path.name}"
        if self.read_only:
            title += " " + self.tr("(read-only)")
        self.setWindowTitle(title)
        self._show_notice()
        self.db_label.setText(self.tr("Database: {0}").format(self.store.path))
        self.db_label.setToolTip(str(self.store.path))
        self.navigator.retranslate()
        self.navigator_pane.retranslate()
        self.view.retranslate()
        self.menus["scheme"].retranslate()

    @property
    def read_only(self) -> bool:
        """The database can only be read (a read-only file or folder): every edit is disabled."""
        return bool(self.store.read_only)

    def _show_notice(self) -> None:
        lines = []
        if self.read_only:
            reason = self.store.read_only_reason
            if reason == "folder":
                lines.append(self.tr("Read-only: the folder of this database can't be written (permissions, a "
                                     "write-protected USB stick or a CD), so it is open for reading only. To edit, "
                                     "copy it to a folder you can write, such as Documents, and open the copy."))
            elif reason == "requested":
                lines.append(self.tr("Read-only: this database was opened for reading only."))
            else:
                lines.append(self.tr("Read-only: this database file can't be written (it is marked read-only, or "
                                     "the disk is write-protected), so it is open for reading only. To edit, copy "
                                     "it to a folder you can write, such as Documents, and open the copy."))
        if self.store.journal_note:
            lines.append(self.tr("This database is on a network drive: it is kept with a rollback journal instead "
                                 "of WAL (which network drives don't support), and other computers wait while it "
                                 "is being written. Keep it on this computer's own disk when you can."))
        self.notice.setText("\n".join(lines))
        self.notice.setVisible(bool(lines))

    # -- language ------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self._apply_language(lang, save=True)

    def _apply_language(self, lang: str, save: bool) -> None:
        self.view.commit_pending()
        self.lang = lang
        self.translations.install(lang)
        self.actions[f"lang_{lang}"].setChecked(True)
        self.navigator.set_language(lang)
        self.view.set_language(lang)
        if self.dashboard_window is not None:
            self.dashboard_window.set_language(lang)
        self.retranslate()
        if save and self.settings is not None:
            self.settings.setValue("language", lang)

    # -- state ---------------------------------------------------------------
    def _restore_geometry(self) -> None:
        """The saved size and place if they still fit a screen, else a size from the screen's available area."""
        geo = self.settings.value("geometry") if self.settings is not None else None
        restored = restore_or_fit(self, geo, 1366, 740)
        if not restored:  # the navigator about a quarter of the width, the assessment the rest
            nav = max(self.splitter.widget(0).minimumWidth(), int(self.width() * 0.21))
            self.splitter.setSizes([nav, max(1, self.width() - nav)])

    def closeEvent(self, event) -> None:
        self.view.commit_pending()
        if self.settings is not None:
            self.settings.setValue("geometry", self.saveGeometry())
            self.settings.setValue("language", self.lang)
            self.settings.setValue("last_database", str(self.store.path))
            self.settings.sync()
        if self.dashboard_window is not None:
            self.dashboard_window.close()
        super().closeEvent(event)

    def _on_state_changed(self, *_args) -> None:
        if shiboken6.isValid(self.view.undo_stack):  # not while the window is being torn down
            self._update_actions()

    def _update_actions(self) -> None:
        has = self.view.assessment is not None
        draft = has and self.view.editable
        for k in ("duplicate", "delete", "export_xlsx", "assessment_pdf", "print", "next_point", "prev_point",
                  "next_unanswered", "prev_unanswered"):
            self.actions[k].setEnabled(has)
        writable = not self.read_only
        self.actions["submit"].setEnabled(draft and writable)
        self.actions["reopen"].setEnabled(has and not draft and writable)
        self.actions["undo"].setEnabled(draft and writable and self.view.undo_stack.canUndo())
        self.actions["redo"].setEnabled(draft and writable and self.view.undo_stack.canRedo())
        for k in ("new", "import_xlsx"):
            self.actions[k].setEnabled(writable)
        for k in ("duplicate", "delete", "export_xlsx", "export_package"):  # an export records its revision
            self.actions[k].setEnabled(has and writable)
        years = bool(self.store.years())
        self.actions["province_xlsx"].setEnabled(years)
        self.actions["province_pdf"].setEnabled(years)

    # -- assessments ---------------------------------------------------------
    def open_assessment(self, assessment_id: int | None) -> None:
        if assessment_id != self._next_step_for:
            self._show_next_step(None)
        try:
            self.view.load(assessment_id)
        except BadInput as e:
            messages.warn(self, self.tr("Can't open the assessment"), e)
            self.view.load(None)
        if assessment_id is not None and self.navigator.current_assessment() != assessment_id:
            self.navigator.select_assessment(assessment_id)
        self._update_actions()

    def new_assessment(self) -> int | None:
        from .dialogs import NewAssessmentDialog

        region = self.navigator.current_region() or self.home_region()
        dlg = NewAssessmentDialog(self.store, region, self.lang, parent=self)
        if not dlg.exec():
            return None
        region, year, assessor = dlg.values()
        try:
            aid = self.store.new_assessment(region, year, assessor)
        except BadInput as e:
            messages.warn(self, self.tr("Not created"), e)
            return None
        self.navigator.refresh(select=aid)
        self.open_assessment(aid)
        return aid

    def duplicate_assessment(self) -> int | None:
        from .dialogs import NewAssessmentDialog

        src = self.view.assessment
        if src is None:
            return None
        dlg = NewAssessmentDialog(self.store, src.region, self.lang, copy_from=src, parent=self)
        if not dlg.exec():
            return None
        _region, year, assessor = dlg.values()
        try:
            aid = self.store.duplicate_assessment(src.id, year)
            if assessor != src.assessor:
                self.store.set_assessor(aid, assessor)
        except BadInput as e:
            messages.warn(self, self.tr("Not created"), e)
            return None
        self.navigator.refresh(select=aid)
        self.open_assessment(aid)
        return aid

    def _assessment_name(self, a) -> str:
        r = self.store.region(a.region)
        return f"{r.display(self.lang) if r else a.region} {a.year}"

    def delete_assessment(self) -> bool:
        a = self.view.assessment
        if a is None:
            return False
        if not messages.ask(self, self.tr("Delete assessment"),
                            self.tr("Delete the assessment {0} with all its answers, notes and evidence? "
                                    "This can't be undone.").format(self._assessment_name(a))):
            return False
        try:
            self.store.delete_assessment(a.id)
        except BadInput as e:
            messages.warn(self, self.tr("Not deleted"), e)
            return False
        self.view.load(None)
        self.navigator.refresh(keep=False)
        self._update_actions()
        return True

    def home_region(self) -> str | None:
        """The user's own region (chosen at first start): the default for a new assessment."""
        value = self.settings.value("home_region", "") if self.settings is not None else ""
        return str(value) if value and self.store.region(str(value)) else None

    def submit_assessment(self) -> bool:
        """Submit after a confirmation (it locks the form); then the next step, export for the province, is offered."""
        a = self.view.assessment
        if a is None:
            return False
        self.view.commit_pending()
        complete = len(self.view.answers) >= len(self.view.catalog.points)
        if complete and not messages.ask(
                self, self.tr("Submit assessment"),
                self.tr("Submit {0}? The assessment is then locked: it can only be changed again after reopening "
                        "it with a reason, which the history keeps.").format(self._assessment_name(a))):
            return False
        try:
            self.store.submit(a.id)
        except IncompleteError as e:
            cat = self.view.catalog
            lines = [f"({n}) {cat.points[n].display(self.lang)}" for n in e.missing]
            shown = "\n".join(lines[:15]) + ("\n…" if len(lines) > 15 else "")
            messages.warn(self, self.tr("Not submitted"),
                          self.tr("{0} point(s) are unanswered; answer them before submitting:").format(len(lines))
                          + "\n\n" + shown, "\n".join(lines))
            self.view.select_point(e.missing[0])
            return False
        except BadInput as e:
            messages.warn(self, self.tr("Not submitted"), e)
            return False
        self.view.reload_status()
        self.navigator.refresh()
        self._update_actions()
        self._show_next_step(a.id)
        return True

    def _show_next_step(self, assessment_id: int | None) -> None:
        """After a submit: a bar offering the next step, the workbook for the province (not a modal chain)."""
        self._next_step_for = assessment_id
        if assessment_id is None:
            self.next_step.setVisible(False)
            return
        link = self.tr("Export the workbook for the province now")
        self.next_step.setText(self.tr("Submitted and locked. Next step: {0} (File › Export workbook, Ctrl+S), "
                                       "and send it to the province.").format(f'<a href="export">{link}</a>'))
        self.next_step.setVisible(True)

    def _next_step_clicked(self, _link: str) -> None:
        if self.view.assessment_id == self._next_step_for:
            self.export_workbook()

    def reopen_assessment(self) -> bool:
        a = self.view.assessment
        if a is None or a.status != "submitted":
            return False
        reason = messages.get_text(self, self.tr("Reopen assessment"),
                                   self.tr("Why is {0} reopened? (kept in the history)").format(
                                       self._assessment_name(a)))
        if reason is None:
            return False
        try:
            self.store.reopen(a.id, reason)
        except BadInput as e:
            messages.warn(self, self.tr("Not reopened"), e)
            return False
        self.view.reload_status()
        self.navigator.refresh()
        self._update_actions()
        return True

    def open_database(self, path: str | None = None) -> None:
        """Ask for another database file (a new one is created with the regions loaded)."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Open database"), str(self.store.path.parent), self.tr("jlip database (*.sqlite)"),
                options=QFileDialog.Option.DontConfirmOverwrite)
            if not path:
                return
        self.sig_database_requested.emit(str(path))

    # -- dashboard -------------------------------------------------------------
    def show_dashboard(self) -> None:
        if self.dashboard_window is None:
            from .dashboard import DashboardWindow
            # a window of its own (no owner): opening an assessment from it leaves it where it is
            win = DashboardWindow(self.store, self.lang, self.settings)
            win.widget.sig_assessment_requested.connect(self._dashboard_requested)
            self.dashboard_window = win
        self.dashboard_window.set_language(self.lang)
        self.dashboard_window.setWindowTitle(self.tr("Province dashboard"))
        self.dashboard_window.showNormal()
        self.dashboard_window.raise_()
        self.dashboard_window.activateWindow()

    def show_regions(self) -> None:
        """设置 › 行政区划…: the region list, and importing one from a CSV file (gui/regions_dialog.py)."""
        from .regions_dialog import RegionsDialog

        RegionsDialog(self.store, self.lang, self.settings, self).exec()

    def _saved_user_name(self) -> str | None:
        if self.settings is None:  # the self-test's window
            return None
        value = self.settings.value("user_name", "")
        if not isinstance(value, str) or not value.strip():
            return None
        try:
            return check_text("user name", value.strip())
        except BadInput:  # edited by hand into something the history can't take: the OS login, as before
            return None

    def set_user_name(self) -> str | None:
        """设置 › 我的姓名…: the name the history, the verdicts and the exports record for what is done here
        where the assessment's assessor doesn't name someone (on a shared office PC the login says little).
        Empty: the computer's login again."""
        from ..core.store import current_user

        title = self.tr("Your name")
        label = self.tr("The history records this name for what is done on this computer:\nverdicts, imports, "
                        "exports, and edits of an assessment that names no assessor.\nLeft empty, it records the "
                        "computer's login ({0}).").format(current_user())
        text = messages.get_text(self, title, label, self.store.user or "")
        if text is None:
            return None
        text = text.strip()
        if text:
            try:
                text = check_text("user name", text)
            except BadInput as e:
                messages.warn(self, title, e)
                return None
        if self.settings is not None:
            self.settings.setValue("user_name", text)
        self.store.user = text or None
        return text

    def _dashboard_requested(self, assessment_id: int) -> None:
        self.open_assessment(int(assessment_id))
        self.raise_()
        self.activateWindow()

    # -- files ---------------------------------------------------------------
    def _save_path(self, title: str, suggested: str, filt: str) -> Path | None:
        """Ask where to save: Documents the first time, then the folder used last."""
        path, _ = QFileDialog.getSaveFileName(self, title, str(start_folder(self.settings) / suggested), filt)
        if not path:
            return None
        p = Path(path)
        remember_folder(p.parent, self.settings)
        return p

    def _done(self, path: Path) -> None:
        if messages.ask(self, self.tr("Saved"), self.tr("Saved {0}.\nOpen it now?").format(path)):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _run_file_job(self, title: str, job) -> object | None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return job()
        except BadInput as e:
            messages.warn(self, title, e)
        finally:
            QApplication.restoreOverrideCursor()
        return None

    def _suggested(self, suffix: str) -> str:
        a = self.view.assessment
        r = self.store.region(a.region)
        return f"{r.short if r else a.region}-{a.year}{suffix}"

    def _choose_year(self, title: str) -> int | None:
        years = [str(y) for y in self.store.years()]
        if not years:
            messages.warn(self, title, self.tr("There are no assessments yet."))
            return None
        if self.view.assessment is not None and str(self.view.assessment.year) in years:
            years.remove(str(self.view.assessment.year))
            years.insert(0, str(self.view.assessment.year))
        y = messages.get_item(self, title, self.tr("Year:"), years)
        return None if y is None else int(y)

    def _save_file(self, title: str, suggested: str, filt: str, write) -> Path | None:
        """Ask where, run write(path) with errors shown as messages, then offer to open the result."""
        path = self._save_path(title, suggested, filt)
        if path is None:
            return None
        out = self._run_file_job(title, lambda: write(path))
        if out is not None:
            self._done(Path(out))
        return out

    def _ready_to_export(self) -> bool:
        """An assessment is open, its pending edit saved, and a draft is exported only if the user says so."""
        a = self.view.assessment
        if a is None:
            return False
        self.view.commit_pending()
        return a.status != "draft" or messages.ask(
            self, self.tr("Export a draft?"),
            self.tr("{0} is a draft, not submitted ({1} of {2} points answered). The workbook will say it is a "
                    "draft, and the province treats it as an unfinished return. Export it anyway?").format(
                self._assessment_name(a), len(self.view.answers), len(self.view.catalog.points)))

    def export_workbook(self) -> Path | None:
        if not self._ready_to_export():
            return None

        def write(path):
            from ..exchange import xlsx

            out = xlsx.export_assessment(self.store, self.view.assessment_id, path)
            self.view.refresh_history()
            return out

        return self._save_file(self.tr("Export workbook"), self._suggested(".xlsx"), XLSX_FILTER, write)

    def export_package(self) -> Path | None:
        """The 上报材料包 (workbook, PDF, evidence files, manifest in one .zip), with a progress dialog."""
        if not self._ready_to_export():
            return None
        title = self.tr("Export package for the province")

        def write(path):
            from ..exchange import package

            progress = self._progress(title, 0, self.tr("Writing the package…"))
            progress.setCancelButton(None)

            def on_progress(done: int, total: int) -> None:
                progress.setMaximum(total)
                progress.setValue(done)
                QApplication.processEvents()

            try:
                out = package.export_package(self.store, self.view.assessment_id, path, progress=on_progress)
            finally:
                progress.close()
                progress.deleteLater()
            self.view.refresh_history()
            return out

        return self._save_file(title, self._suggested(self.tr(" package") + ".zip"), ZIP_FILTER, write)

    def save_template(self) -> Path | None:
        def write(path):
            from ..core.schemes import default_catalog_id
            from ..exchange import xlsx

            # the open assessment's scheme, else the newest installed one
            cat = self.view.catalog or self.store.catalog(default_catalog_id(self.store, 9999))
            return xlsx.write_template(path, catalog=cat)

        return self._save_file(self.tr("Save fill-in template"), self.tr("fill-in template") + ".xlsx",
                               XLSX_FILTER, write)

    def province_workbook(self) -> Path | None:
        title = self.tr("Province workbook")
        year = self._choose_year(title)
        if year is None:
            return None

        def write(path):
            from ..exchange import xlsx

            return xlsx.province_workbook(self.store, year, path)

        return self._save_file(title, self.tr("province {0}").format(year) + ".xlsx", XLSX_FILTER, write)

    def assessment_pdf(self) -> Path | None:
        if self.view.assessment is None:
            return None

        def write(path):
            from ..reports import pdf

            return pdf.assessment_pdf(self.store, self.view.assessment_id, path)

        return self._save_file(self.tr("Assessment PDF"), self._suggested(".pdf"), PDF_FILTER, write)

    def province_pdf(self) -> Path | None:
        title = self.tr("Province PDF")
        year = self._choose_year(title)
        if year is None or not self._report_settings(title, year):
            return None

        def write(path):
            from ..reports import pdf

            return pdf.province_pdf(self.store, year, path)

        return self._save_file(title, self.tr("province report {0}").format(year) + ".pdf", PDF_FILTER, write)

    def _report_settings(self, title: str, year: int) -> bool:
        """The report's issuer, date, order and chapter 4 notes for the year, asked and saved before the file
        (a read-only database: the report uses what is saved).  False when cancelled or refused."""
        if self.read_only:
            return True
        from ..core.report_meta import set_report_meta
        from .dialogs import ReportSettingsDialog

        dlg = ReportSettingsDialog(self.store, year, self)
        if not dlg.exec():
            return False
        changed = dlg.changed()
        if changed:
            try:
                set_report_meta(self.store, year, **changed)
            except BadInput as e:
                messages.warn(self, title, e)
                return False
        return True

    def _progress(self, title: str, total: int, label: str) -> QProgressDialog:
        """A window-modal progress dialog with a Cancel button (checked between files)."""
        progress = QProgressDialog(label, self.tr("Cancel"), 0, total, self)
        progress.setWindowTitle(title)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        return progress

    def _ask_replacements(self, questions) -> list[Path] | None:
        """The files the user lets replace an assessment; None if the import was cancelled."""
        from .dialogs import ReplaceDialog

        dlg = ReplaceDialog(questions, self.lang, self)
        if not dlg.exec():
            return None
        return dlg.confirmed()

    def import_workbooks(self, paths: list[str] | None = None) -> list | None:
        """Import exchange workbooks, templates and packages (.zip) in two phases.

        1. Every file is checked (nothing written), with a progress dialog that can be cancelled.
        2. With the progress closed, one question lists the files that would replace an assessment already
           in the database (old against new: revision, status, score).
        3. The files are written, one transaction each; Cancel stops after the current file.
        Then the report: one row per file and a summary line.
        """
        from ..exchange import importer

        title = self.tr("Import workbooks")
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(self, title, str(start_folder(self.settings)),
                                                    self.tr("Workbooks and packages (*.xlsx *.zip);;"
                                                            "Excel workbooks (*.xlsx);;Packages (*.zip)"))
            if not paths:
                return None
            remember_folder(Path(paths[0]).parent, self.settings)
        paths = [Path(p) for p in paths]

        def run(label: str, phase):
            progress = self._progress(title, len(paths), label)

            def on_progress(done: int, total: int, path: Path) -> None:
                progress.setMaximum(total)
                progress.setValue(done)
                progress.setLabelText(label + "\n" + Path(path).name)
                QApplication.processEvents()

            try:
                return self._run_file_job(title, lambda: phase(on_progress, progress.wasCanceled)), \
                    progress.wasCanceled()
            finally:
                progress.close()
                progress.deleteLater()

        plan, cancelled = run(self.tr("Checking the files…"),
                              lambda prog, stop: importer.check_files(self.store, paths, progress=prog,
                                                                      cancelled=stop))
        if plan is None:
            return None
        if cancelled:
            messages.inform(self, title, self.tr("The import was cancelled; nothing was imported."))
            return None
        confirmed: list[Path] = []
        if plan.questions:
            confirmed = self._ask_replacements(plan.questions)
            if confirmed is None:
                messages.inform(self, title, self.tr("The import was cancelled; nothing was imported."))
                return None
        results, _cancelled = run(self.tr("Importing…"),
                                  lambda prog, stop: importer.apply_plan(self.store, plan, confirmed,
                                                                         progress=prog, cancelled=stop))
        if results is None:
            return None
        not_reached = [item.path for item in plan.items[len(results):]]
        self.navigator.refresh()
        if self.view.assessment_id is not None:
            try:
                self.store.assessment(self.view.assessment_id)
                self.view.load(self.view.assessment_id)
            except BadInput:
                self.view.load(None)
        self._update_actions()
        self.show_import_results(results, not_reached)
        return results

    def show_import_results(self, results, not_reached=()) -> None:
        from .dialogs import ImportResultsDialog

        ImportResultsDialog(results, self, not_reached).exec()

    # -- recent databases, manual, print ------------------------------------
    RECENT_KEY = "recent_databases"
    RECENT_MAX = 8

    def recent_databases(self) -> list[Path]:
        """The databases opened last, newest first (missing files dropped)."""
        if self.settings is None:
            return []
        value = self.settings.value(self.RECENT_KEY, [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [Path(str(p)) for p in items if str(p) and Path(str(p)).is_file()]

    def _remember_recent(self) -> None:
        if self.settings is None:
            return
        here = self.store.path.resolve()
        paths = [here] + [p for p in self.recent_databases() if p.resolve() != here]
        self.settings.setValue(self.RECENT_KEY, [str(p) for p in paths[: self.RECENT_MAX]])

    def _fill_recent(self) -> None:
        m = self.recent_menu
        m.clear()
        here = self.store.path.resolve()
        others = [p for p in self.recent_databases() if p.resolve() != here]
        for i, path in enumerate(others, start=1):
            a = m.addAction(f"&{i} {path.name}  —  {path.parent}")
            a.setToolTip(str(path))
            a.triggered.connect(lambda _checked=False, p=path: self.open_database(str(p)))
        if not others:
            a = m.addAction(self.tr("(none yet)"))
            a.setEnabled(False)

    def show_manual(self) -> None:
        from .help import HelpDialog

        if self.help_window is None:
            self.help_window = HelpDialog(self.lang, self.store.path, logfile.log_path(), self)
        else:
            self.help_window.set_manual(self.lang, self.store.path, logfile.log_path())
        self.help_window.show()
        self.help_window.raise_()
        self.help_window.activateWindow()

    def print_assessment(self, preview=None) -> bool:
        """Ctrl+P: a print preview of the assessment summary, printed from there."""
        from .printing import print_preview_dialog

        if self.view.assessment_id is None:
            return False
        self.view.commit_pending()
        dlg = print_preview_dialog(self, self.store, self.view.assessment_id, self.lang)
        fit_to_screen(dlg, 900, 700)
        (preview or (lambda d: d.exec()))(dlg)
        dlg.deleteLater()
        return True

    def about(self) -> None:
        from .. import __version__

        cat = self.view.catalog
        messages.inform(self, self.tr("About"),
                        self.tr("jlip-desktop {0}\nAssessment of IP protection levels against the Jilin "
                                "Province indicator system.\nGrade bands: the tool's default ({1}).")
                        .format(__version__, cat.title if cat else ""))
