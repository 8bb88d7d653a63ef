"""Small dialogs: a new assessment, the reason for reopening, import results."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.store import Store
from .messages import error_text


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
        self.year.setValue(date.today().year)
        self.assessor = QLineEdit()
        self.assessor.setMaxLength(200)
        if copy_from is not None:
            self.region.setEnabled(False)
            self.year.setValue(copy_from.year + 1)
            self.assessor.setText(copy_from.assessor)
            self.assessor.setEnabled(False)
            src = QLabel(self.tr("Answers are copied from {0}; notes and evidence are not.").format(copy_from.year))
            src.setWordWrap(True)
            lay.insertWidget(0, src)
        form.addRow(self.tr("&Region:"), self.region)
        form.addRow(self.tr("&Year:"), self.year)
        form.addRow(self.tr("&Assessor:"), self.assessor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def values(self) -> tuple[str, int, str]:
        return self.region.currentData(), self.year.value(), self.assessor.text().strip()


class ImportResultsDialog(QDialog):
    """One row per imported file: what happened and why."""

    def __init__(self, results, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import results"))
        self.resize(760, 320)
        lay = QVBoxLayout(self)
        names = {
            "imported": self.tr("imported"), "replaced": self.tr("replaced"), "duplicate": self.tr("already present"),
            "refused": self.tr("refused"), "stale": self.tr("older than present"), "exists": self.tr("kept existing"),
        }
        table = QTableWidget(len(results), 3)
        table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Outcome"), self.tr("Message")])
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, res in enumerate(results):
            cells = [str(getattr(res.path, "name", res.path)), names.get(res.outcome, res.outcome),
                     self.outcome_message(res)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(res.path) if c == 0 else text)
                table.setItem(r, c, item)
        self.table = table
        lay.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)

    def outcome_message(self, res) -> str:
        """The row's explanation in the UI language (the import's own message is the command line's English)."""
        error = getattr(res, "error", None)
        if isinstance(error, BaseException):
            return error_text(error)
        aid = getattr(res, "assessment_id", None)
        texts = {
            "imported": self.tr("Imported as assessment {0}."),
            "replaced": self.tr("Replaced the assessment already present (assessment {0})."),
            "duplicate": self.tr("The same revision is already in the database (assessment {0}); skipped."),
            "stale": self.tr("This file is older than the revision in the database (assessment {0}); not imported."),
            "exists": self.tr("Already in the database (assessment {0}); the replacement was not confirmed, "
                              "so it was kept."),
        }
        if res.outcome in texts:
            return texts[res.outcome].format(aid if aid is not None else "—")
        return self.tr("This file can't be imported. Reason (technical): {0}").format(res.message or "")
