"""Small dialogs: a new assessment, the reason for reopening, import results, the province report's settings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.store import Store
from .messages import word
from .screen import fit_to_screen


class NewAssessmentDialog(QDialog):
    """Region, year and assessor of a new assessment (optionally copied from another year)."""

    def __init__(self, store: Store, region: str | None, lang: str, copy_from=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New assessment") if copy_from is None
                            else self.tr("New assessment from last year's answers"))
        lay = QVBoxLayout(self)
        form = QFormLayout()
        lay.addLayout(form)
        self.region = QComboBox()
        indent = {"province": "", "prefecture": "  ", "county": "    "}
        for r in store.regions():
            self.region.addItem(f"{indent.get(r.level, '')}{r.display(lang)}  {r.code}", r.code)
        if region is not None:
            i = self.region.findData(region)
            if i >= 0:
                self.region.setCurrentIndex(i)
        self.year = QSpinBox()
        self.year.setRange(1900, 2200)
        # A yearly self-assessment covers the year that has ended: default to the previous year, and say so.
        self.year.setValue(date.today().year - 1)
        self.year_hint = QLabel(self.tr("The previous year by default: a yearly self-assessment covers the year "
                                        "that has ended."))
        self.year_hint.setObjectName("hint")
        self.year_hint.setWordWrap(True)
        self.assessor = QLineEdit()
        self.assessor.setMaxLength(64)
        if copy_from is not None:
            self.region.setEnabled(False)
            self.year.setValue(copy_from.year + 1)
            self.year_hint.setText(self.tr("The year after {0}.").format(copy_from.year))
            self.assessor.setText(copy_from.assessor)
            src = QLabel(self.tr("Answers are copied from {0}; notes and evidence are not.").format(copy_from.year))
            src.setWordWrap(True)
            lay.insertWidget(0, src)
        form.addRow(self.tr("&Region:"), self.region)
        form.addRow(self.tr("&Year:"), self.year)
        form.addRow("", self.year_hint)
        form.addRow(self.tr("&Assessor:"), self.assessor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def values(self) -> tuple[str, int, str]:
        return self.region.currentData(), self.year.value(), self.assessor.text().strip()


class ReplaceDialog(QDialog):
    """Before an import writes anything: which files may replace an assessment already in the database.

    One row per question with the region and year, and the database's version against the file's
    (revision, status, score, answered points), so that the user sees what replacing changes.
    """

    def __init__(self, questions, lang: str = "zh", parent=None):
        super().__init__(parent)
        self.questions = list(questions)
        self.setWindowTitle(self.tr("Replace assessments?"))
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("These files hold assessments that are already in the database. Tick the ones that "
                               "should replace what is there; the others are left as they are."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        table = QTableWidget(len(self.questions), 4)
        table.setHorizontalHeaderLabels([self.tr("Replace"), self.tr("Region and year"), self.tr("In the database"),
                                         self.tr("In the file")])
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(0, table.fontMetrics().averageCharWidth() * 16)
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        for r, q in enumerate(self.questions):
            tick = QTableWidgetItem(Path(q.path).name)
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            tick.setCheckState(Qt.CheckState.Checked)
            tick.setToolTip(str(q.path))
            table.setItem(r, 0, tick)
            table.setItem(r, 1, QTableWidgetItem(f"{q.region_name} {q.year}"))
            if q.existing_id is None:
                old = self.tr("an earlier file of this import")
            else:
                old = self.version_text(q.existing_revision, q.existing_status, q.existing_total, None, None)
            new = self.version_text(q.revision, q.status, q.total, q.answered, q.points_total)
            table.setItem(r, 2, QTableWidgetItem(old))
            table.setItem(r, 3, QTableWidgetItem(new))
        table.resizeRowsToContents()
        self.table = table
        lay.addWidget(table, 1)
        buttons = QDialogButtonBox()
        self.replace_button = buttons.addButton(self.tr("&Replace the ticked ones"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button = buttons.addButton(self.tr("Replace &none"), QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("&Cancel the import"))
        self.keep_button.clicked.connect(self._keep_all)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        fit_to_screen(self, 900, 420)

    def version_text(self, revision, status, total, answered, points_total) -> str:
        parts = [self.tr("revision {0}").format(revision) if revision is not None else self.tr("no revision")]
        if status:
            parts.append(self.tr("submitted") if status == "submitted" else self.tr("draft"))
        if total is not None:
            parts.append(self.tr("{0} points").format(f"{float(total):.1f}"))
        if answered is not None and points_total:
            parts.append(self.tr("answered {0}/{1}").format(answered, points_total))
        return "\n".join(parts)  # one fact a line, so nothing is cut off in a narrow column

    def _keep_all(self) -> None:
        for r in range(self.table.rowCount()):
            self.table.item(r, 0).setCheckState(Qt.CheckState.Unchecked)

    def confirmed(self) -> list[Path]:
        """The files whose replacement the user ticked."""
        return [Path(q.path) for r, q in enumerate(self.questions)
                if self.table.item(r, 0).checkState() == Qt.CheckState.Checked]


OUTCOME_GROUPS = {"imported": "imported", "replaced": "replaced", "duplicate": "skipped", "exists": "skipped",
                  "stale": "refused", "refused": "refused", "cancelled": "cancelled"}


class ImportResultsDialog(QDialog):
    """One row per file: what happened and why, its status and answered points; a summary line; copy and save."""

    def __init__(self, results, parent=None, not_reached=()):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import results"))
        self.results = list(results)
        self.not_reached = [Path(p) for p in not_reached]
        lay = QVBoxLayout(self)
        self.summary = QLabel(self.summary_text())
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        names = {
            "imported": self.tr("imported"), "replaced": self.tr("replaced"), "duplicate": self.tr("already present"),
            "refused": self.tr("refused"), "stale": self.tr("older than present"), "exists": self.tr("kept existing"),
        }
        headers = [self.tr("File"), self.tr("Outcome"), self.tr("Status"), self.tr("Answered"), self.tr("Message")]
        rows = []
        for res in self.results:
            status = ""
            if getattr(res, "status", None):
                status = self.tr("submitted") if res.status == "submitted" else self.tr("draft")
            answered = ""
            if getattr(res, "answered", None) is not None and getattr(res, "points_total", None):
                answered = f"{res.answered}/{res.points_total}"
            rows.append((res.path, [Path(res.path).name, names.get(res.outcome, res.outcome), status, answered,
                                    self.outcome_message(res)]))
        for path in self.not_reached:
            rows.append((path, [path.name, self.tr("not imported"), "", "",
                                self.tr("The import was cancelled before this file.")]))
        table = QTableWidget(len(rows), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        for r, (path, cells) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(path) if c == 0 else text)
                table.setItem(r, c, item)
        table.setTextElideMode(Qt.TextElideMode.ElideNone)  # messages wrap instead of ending in "…"
        table.horizontalHeader().sectionResized.connect(lambda *_a: table.resizeRowsToContents())
        self.rows = [cells for _path, cells in rows]
        self.headers = headers
        self.table = table
        lay.addWidget(table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(self.tr("&Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setToolTip(self.tr("Copy the report to the clipboard (paste it into Excel or a message)"))
        self.save_button = buttons.addButton(self.tr("&Save as…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(lambda: self.save())
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)
        fit_to_screen(self, 900, 420)

    def counts(self) -> dict[str, int]:
        out = {"imported": 0, "replaced": 0, "skipped": 0, "refused": 0, "cancelled": len(self.not_reached)}
        for res in self.results:
            out[OUTCOME_GROUPS.get(res.outcome, "refused")] += 1
        return out

    def summary_text(self) -> str:
        n = self.counts()
        text = self.tr("{0} imported, {1} replaced, {2} skipped, {3} refused.").format(
            n["imported"], n["replaced"], n["skipped"], n["refused"])
        if n["cancelled"]:
            text += " " + self.tr("Cancelled: {0} file(s) not imported.").format(n["cancelled"])
        drafts = sum(1 for r in self.results if r.outcome in ("imported", "replaced") and getattr(r, "status", None)
                     == "draft")
        if drafts:
            text += " " + self.tr("{0} of the imported assessments are drafts, not submitted.").format(drafts)
        return text

    def report_text(self) -> str:
        """The report as text: the summary line, then one tab-separated line per file (pastes into Excel)."""
        lines = [self.summary_text(), "\t".join(self.headers)]
        lines += ["\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in cells) for cells in self.rows]
        return "\n".join(lines) + "\n"

    def copy(self) -> None:
        QApplication.clipboard().setText(self.report_text())

    def save(self, path: str | Path | None = None) -> Path | None:
        """Write the report as a UTF-8 text file (with a BOM, so Notepad and Excel read the Chinese)."""
        from ..core.errors import BadInput
        from ..core.fileio import atomic_write
        from . import messages
        from .files import remember_folder, start_folder

        if path is None:
            suggested = start_folder() / (self.tr("import report") + ".txt")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the import report"), str(suggested),
                                                  self.tr("Text (*.txt)"))
            if not path:
                return None
        path = Path(path)
        remember_folder(path.parent)
        try:
            with atomic_write(path) as tmp:
                Path(tmp).write_text(self.report_text(), encoding="utf-8-sig", newline="\r\n")
        except (BadInput, OSError) as e:
            messages.warn(self, self.tr("Not saved"), e)
            return None
        return path

    def outcome_message(self, res) -> str:
        """The row's explanation in the UI language, from the result's code (the message is the command line's)."""
        code = getattr(res, "code", None)
        params = getattr(res, "params", None) or {}
        w = word(code, params, res.message or "")
        if w.details is None:
            text = w.text
        elif res.outcome == "refused":
            text = self.tr("This file can't be imported. Reason (technical): {0}").format(res.message or "")
        else:
            aid = getattr(res, "assessment_id", None)
            texts = {
                "imported": self.tr("Imported as assessment {0}."),
                "replaced": self.tr("Replaced the assessment already present (assessment {0})."),
                "duplicate": self.tr("The same revision is already in the database (assessment {0}); skipped."),
                "stale": self.tr("This file is older than the revision in the database (assessment {0}); "
                                 "not imported."),
                "exists": self.tr("Already in the database (assessment {0}); the replacement was not confirmed, "
                                  "so it was kept."),
            }
            text = texts.get(res.outcome, w.text).format(aid if aid is not None else "—")
        if res.outcome in ("imported", "replaced"):
            if getattr(res, "status", None) == "draft":
                text += " " + self.tr("It is a draft, not submitted.")
            if getattr(res, "incomplete", False):
                text += " " + self.tr("Incomplete: {0} of {1} points answered.").format(res.answered, res.points_total)
        return text


class FirstStartDialog(QDialog):
    """Asked once, on the first start: the illustrative sample, or an empty database for the user's region."""

    def __init__(self, regions, lang: str = "zh", parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome"))
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("How do you want to start? You can open other databases later with File › Open "
                               "database."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.own = QRadioButton(self.tr("&Start an empty database for my region's own assessments"))
        self.sample = QRadioButton(self.tr("&Look around in the illustrative sample (not the province's official "
                                           "scoring)"))
        self.own.setChecked(True)
        lay.addWidget(self.own)
        row = QFormLayout()
        self.region = QComboBox()
        indent = {"province": "", "prefecture": "  ", "county": "    "}
        for r in regions:
            self.region.addItem(f"{indent.get(r.level, '')}{r.display(lang)}  {r.code}", r.code)
        row.addRow(self.tr("My &region:"), self.region)
        lay.addLayout(row)
        hint = QLabel(self.tr("Your region becomes the default for new assessments."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        lay.addWidget(hint)
        lay.addWidget(self.sample)
        self.own.toggled.connect(self.region.setEnabled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def choice(self) -> tuple[str, str | None]:
        """("own", region code) or ("sample", None)."""
        if self.sample.isChecked():
            return "sample", None
        return "own", self.region.currentData()


class ReportSettingsDialog(QDialog):
    """The province report's cover and chapter 4 for a year, asked before the PDF is written.

    Issuer and date go on the cover, the regions' sections come in the region
    list's order or highest total first, and the notes are the province's own
    findings and recommendations for chapter 4 (core/report_meta.py: kept in the
    database per year, the same settings as `jlip report-meta`).  `changed()` is
    what the user changed: a date left as shown keeps following the month.
    """

    def __init__(self, store: Store, year: int, parent=None):
        super().__init__(parent)
        from ..core.report_meta import MAX_LEN, ORDERS, report_meta

        self.meta = report_meta(store, year)
        self.setWindowTitle(self.tr("Province report {0}").format(year))
        lay = QVBoxLayout(self)
        form = QFormLayout()
        lay.addLayout(form)
        self.issuer = QLineEdit(self.meta.issuer)
        self.issuer.setMaxLength(MAX_LEN["issuer"])
        self.date = QLineEdit(self.meta.date)
        self.date.setMaxLength(MAX_LEN["date"])
        self.order = QComboBox()
        names = {"catalogue": self.tr("In the order of the region list"), "rank": self.tr("Highest total first")}
        for key in ORDERS:
            self.order.addItem(names[key], key)
        self.order.setCurrentIndex(max(0, self.order.findData(self.meta.order)))
        self.notes = QPlainTextEdit(self.meta.notes)
        self.notes.setTabChangesFocus(True)
        hint = QLabel(self.tr("Chapter 4 (problems and recommendations) is written from the scores; what you "
                              "write here is added to its problems."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form.addRow(self.tr("&Issued by:"), self.issuer)
        form.addRow(self.tr("&Date:"), self.date)
        form.addRow(self.tr("&Regions' sections:"), self.order)
        form.addRow(self.tr("&Notes:"), self.notes)
        form.addRow("", hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        fit_to_screen(self, 560, 420)

    def changed(self) -> dict[str, str]:
        """The settings the user changed (set_report_meta's keyword arguments)."""
        now = {"issuer": self.issuer.text().strip(), "date": self.date.text().strip(),
               "order": self.order.currentData(), "notes": self.notes.toPlainText().strip("\n")}
        return {k: v for k, v in now.items() if v != getattr(self.meta, k)}
