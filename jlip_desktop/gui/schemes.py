"""方案 (Scheme) menu: import a scheme workbook or catalogue file (lint, then install), export a scheme as a workbook.

The import dialog runs the same linter as `jlip catalog-build` and shows its
report as a table (sheet, row, column, problem, expected); only a scheme
without problems can be installed, and installing goes through the same
function as `jlip catalog-install`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.catalog import Catalog, CatalogError, parse_catalog
from ..core.errors import BadInput
from ..core.scoring import fmt
from . import messages

SHEET_ZH = {"settings": "settings（设置）", "domains": "domains（领域列表）", "indicators": "indicators（指标）",
            "points": "points（考核要点）", "workbook": "工作簿"}


class SchemeImportDialog(QDialog):
    """Choose a scheme workbook (.xlsx) or catalogue (.json), see every problem, install when there are none."""

    def __init__(self, store, parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.setObjectName("schemeImportDialog")
        self.store = store
        self.lang = lang
        self.catalog: Catalog | None = None
        self.installed_id: str | None = None
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.browse = QPushButton()
        self.browse.clicked.connect(self.choose)
        top = QHBoxLayout()
        self.file_label = QLabel()
        self.file_label.setBuddy(self.browse)
        top.addWidget(self.file_label)
        top.addWidget(self.path_edit, 1)
        top.addWidget(self.browse)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("schemeProblems")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        h = self.table.horizontalHeader()
        for c, mode in enumerate([QHeaderView.ResizeMode.ResizeToContents] * 3 + [QHeaderView.ResizeMode.Stretch] * 2):
            h.setSectionResizeMode(c, mode)
        self.buttons = QDialogButtonBox()
        self.install_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.install_button.setObjectName("installScheme")
        self.install_button.setEnabled(False)
        self.install_button.clicked.connect(self.install)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.buttons)
        self.resize(980, 520)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import scheme"))
        self.file_label.setText(self.tr("&File:"))
        self.browse.setText(self.tr("&Choose…"))
        self.install_button.setText(self.tr("&Install"))
        self.close_button.setText(self.tr("Close"))
        self.table.setHorizontalHeaderLabels([self.tr("Sheet"), self.tr("Row"), self.tr("Column"),
                                              self.tr("Problem"), self.tr("Expected")])
        if not self.path_edit.text():
            self.summary.setText(self.tr("Choose a scheme workbook (written by 方案 › 导出方案工作簿… or "
                                         "'jlip catalog-xlsx') or a catalogue file (.json). Every problem is "
                                         "listed with its sheet, row and column; a scheme without problems "
                                         "can be installed into this database."))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import scheme"), "",
                                              self.tr("Scheme workbook or catalogue (*.xlsx *.json)"))
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        """Lint the file and show the result; enables Install only when there is nothing wrong."""
        from ..exchange.scheme_xlsx import Problem, catalog_text, read_scheme_workbook

        path = Path(path)
        self.path_edit.setText(str(path))
        self.catalog = None
        problems: list[Problem] = []
        try:
            if path.suffix.lower() == ".json":
                text = path.read_text(encoding="utf-8")
                self.catalog = parse_catalog(text, path.name)
            else:
                raw, problems = read_scheme_workbook(path)
                if raw is not None:
                    self.catalog = parse_catalog(catalog_text(raw), path.name)
        except (CatalogError, BadInput, OSError, UnicodeDecodeError) as e:
            problems = [Problem("workbook" if path.suffix.lower() != ".json" else path.name, None, None, None,
                                str(e), self.tr("a scheme workbook or catalogue file"))]
        self._show(problems)

    def _show(self, problems) -> None:
        self.table.setRowCount(len(problems))
        for r, p in enumerate(problems):
            col = f"{p.letter}（{p.column}）" if p.letter else (p.column or "")
            vals = [SHEET_ZH.get(p.sheet, p.sheet) if self.lang == "zh" else p.sheet,
                    "" if p.row is None else str(p.row), col,
                    p.what_zh() if self.lang == "zh" else p.what,
                    p.expected_zh() if self.lang == "zh" else p.expected]
            for c, v in enumerate(vals):
                item = QTableWidgetItem(v)
                item.setToolTip(str(p))
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(problems))
        cat = self.catalog
        if problems:
            self.summary.setText(self.tr("%n problem(s) found; nothing was installed. Correct the workbook and "
                                         "choose it again.", "", len(problems)))
            self.summary.setStyleSheet("color: #b91c1c;")
        elif cat is not None:
            exists = self.store.conn.execute("SELECT sha256 FROM catalogues WHERE id = ?", (cat.id,)).fetchone()
            note = ""
            if exists and exists[0] == cat.sha256:
                note = " " + self.tr("(already installed, same content)")
            elif exists:
                note = " " + self.tr("(a different scheme with this id is installed: it can't be installed)")
            self.summary.setText(self.tr("No problems. {0} — {1}, from {2}: {3} primary, {4} secondary, "
                                         "{5} tertiary indicators, {6} points, {7} in all.").format(
                cat.id, cat.display_title(self.lang), cat.year or "—", len(cat.primary), len(cat.secondary),
                len(cat.tertiary), len(cat.points), fmt(cat.total_max)) + note)
            self.summary.setStyleSheet("color: #166534;")
        self.install_button.setEnabled(cat is not None and not problems)

    def install(self) -> None:
        from ..core.schemes import install_text

        if self.catalog is None:
            return
        try:
            cat, added = install_text(self.store, self.catalog.text, self.path_edit.text())
        except BadInput as e:
            messages.warn(self, self.tr("Not installed"), e)
            return
        self.installed_id = cat.id
        if added:
            messages.inform(self, self.tr("Scheme installed"),
                            self.tr("{0} ({1}) is installed. New assessments from {2} on use it.").format(
                                cat.display_title(self.lang), cat.id, cat.year or "—"))
        self.accept()


class SchemeMenu(QMenu):
    """方案 › 导入方案… / 导出方案工作簿…; retranslates itself on a language change."""

    def __init__(self, window):
        super().__init__(window.menuBar())
        self.setObjectName("menu_scheme")
        self.window = window
        self.import_action = QAction(self)
        self.import_action.setObjectName("action_import_scheme")
        self.import_action.triggered.connect(self.import_scheme)
        self.export_action = QAction(self)
        self.export_action.setObjectName("action_export_scheme")
        self.export_action.triggered.connect(self.export_scheme)
        self.addAction(self.import_action)
        self.addAction(self.export_action)
        window.actions["import_scheme"] = self.import_action
        window.actions["export_scheme"] = self.export_action
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("S&cheme"))
        self.import_action.setText(self.tr("&Import scheme…"))
        self.export_action.setText(self.tr("&Export scheme workbook…"))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def import_scheme(self) -> None:
        dlg = SchemeImportDialog(self.window.store, self.window, getattr(self.window, "lang", "zh"))
        dlg.choose()
        if dlg.path_edit.text():
            dlg.exec()

    def export_scheme(self) -> None:
        from ..exchange.scheme_xlsx import write_scheme_workbook

        view = getattr(self.window, "view", None)
        cat = getattr(view, "catalog", None)
        if cat is None:
            from ..core.schemes import default_catalog_id, installed

            rows = installed(self.window.store)
            cat = self.window.store.catalog(rows[0].id if rows else default_catalog_id(self.window.store, 9999))
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export scheme workbook"), f"{cat.id}.xlsx",
                                              self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        try:
            write_scheme_workbook(cat, Path(path))
        except BadInput as e:
            messages.warn(self.window, self.tr("Not saved"), e)
            return
        messages.inform(self.window, self.tr("Saved"), self.tr("The scheme {0} is saved as {1}.").format(cat.id, path))


def add_scheme_menu(window) -> SchemeMenu:
    """Put the 方案 menu before the Help menu of the main window."""
    menu = SchemeMenu(window)
    help_menu = getattr(window, "menus", {}).get("help")
    mb = window.menuBar()
    if help_menu is not None:
        mb.insertMenu(help_menu.menuAction(), menu)
    else:
        mb.addMenu(menu)
    window.menus["scheme"] = menu
    return menu
