"""The assessment view: summary strip, indicator tree, point form, charts, history.

Every edit goes straight to the store (one transaction), then the score is
recomputed by the core's pure scoring function and shown — tree, summary and
charts — before control returns to the event loop.  Edits are QUndoCommands
whose redo/undo both write through the store, so an undo is saved too.
"""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import BadInput
from ..core.scoring import Score, Value, fmt, one_decimal, score
from ..core.store import Store
from . import messages
from .treemodel import COL_MAX, COL_NAME, COL_SCORE, IndicatorModel, LevelRole, NumberRole


class SetAnswerCommand(QUndoCommand):
    """One point's value change; redo and undo both write through the store."""

    def __init__(self, view: AssessmentView, point: int, old: Value | None, new: Value | None, text: str):
        super().__init__(text)
        self.view = view
        self.point = point
        self.old = old
        self.new = new

    def redo(self) -> None:
        if not self.view.apply_answer(self.point, self.new):
            self.setObsolete(True)  # refused: nothing changed, nothing to undo

    def undo(self) -> None:
        self.view.apply_answer(self.point, self.old)


def charts_available() -> bool:
    """Whether jlip_desktop.gui.charts is installed (found without importing it, so pyqtgraph stays unloaded)."""
    return importlib.util.find_spec(f"{__package__}.charts") is not None


def load_charts_class():
    """The charts widget class, or None if jlip_desktop.gui.charts can't be imported."""
    try:
        from .charts import AssessmentCharts
    except ImportError:
        return None
    return AssessmentCharts


class SummaryStrip(QFrame):
    """Total, grade (and veto), answered x/N and a progress bar."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("summary")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 4, 10, 4)
        self.title = QLabel()
        self.title.setObjectName("summaryTitle")
        self.status = QLabel()
        self.status.setObjectName("statusBadge")
        self.total = QLabel()
        self.total.setObjectName("summaryTotal")
        self.grade = QLabel()
        self.grade.setObjectName("summaryGrade")
        self.veto = QLabel()
        self.veto.setObjectName("vetoNote")
        self.answered = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.assessor_caption = QLabel()
        self.assessor = QLineEdit()
        self.assessor.setObjectName("assessor")
        self.assessor.setMaxLength(200)
        self.assessor.setMinimumWidth(120)
        self.assessor.setMaximumWidth(230)
        self.assessor_caption.setBuddy(self.assessor)
        for w in (self.title, self.status, self.total, self.grade, self.veto):
            lay.addWidget(w)
        lay.addStretch(1)
        lay.addWidget(self.assessor_caption)
        lay.addWidget(self.assessor)
        lay.addSpacing(12)
        lay.addWidget(self.answered)
        lay.addWidget(self.progress)
        f = self.total.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.3)
        self.total.setFont(f)
        self.title.setFont(f)

    def retranslate(self) -> None:
        self.assessor_caption.setText(self.tr("Assess&or:"))

    def show_score(self, sc: Score, lang: str, grades_source: str) -> None:
        self.total.setText(self.tr("Total {0} / {1}").format(one_decimal(sc.total), fmt(sc.max)))
        self.grade.setText(self.tr("Grade: {0}").format(sc.grade.display(lang)))
        source = self.tr("the tool's default bands") if grades_source == "tool default" else grades_source
        self.grade.setToolTip(self.tr("Grade bands: {0}").format(source))
        if sc.vetoed:
            self.veto.setText(self.tr("Veto point not met: grade capped"))
            self.veto.setToolTip(self.tr("A veto point is unanswered or not met, so the top grade is excluded."))
        else:
            self.veto.setText("")
        n = sc.answered + sc.unanswered
        self.answered.setText(self.tr("Answered {0}/{1}").format(sc.answered, n))
        self.progress.setRange(0, n)
        self.progress.setValue(sc.answered)


class AssessmentView(QWidget):
    """One assessment: the tree on the left, the point form / charts / history on the right."""

    sig_score_changed = Signal(object)
    """A new Score was computed and shown (after an edit, an undo or loading)."""
    sig_status_changed = Signal(str)
    """The assessment's status changed (draft | submitted)."""

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self.lang = "zh"
        self.assessment_id: int | None = None
        self.assessment = None
        self.catalog = None
        self.answers: dict[int, Value] = {}
        self.notes: dict[int, str] = {}
        self.current_score: Score | None = None
        self.current_point: int | None = None
        self.model: IndicatorModel | None = None
        self.undo_stack = QUndoStack(self)
        self._charts_cls = None
        self._has_charts = charts_available()
        self.charts = None

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.summary = SummaryStrip(self)
        self.summary.assessor.editingFinished.connect(self._on_assessor)
        lay.addWidget(self.summary)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        lay.addWidget(self.splitter, 1)

        self.tree = QTreeView()
        self.tree.setObjectName("indicatorTree")
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.activated.connect(lambda _i: self.form.focus_editor())
        self.splitter.addWidget(self.tree)

        from .pointform import PointForm

        self.tabs = QTabWidget()
        self.form = PointForm()
        self.form.sig_value_edited.connect(self.edit_answer)
        self.form.sig_note_edited.connect(self._on_note)
        self.form.sig_evidence_add_requested.connect(self.add_evidence)
        self.form.sig_evidence_browse_requested.connect(self._browse_evidence)
        self.form.sig_evidence_open_requested.connect(self.open_evidence)
        self.form.sig_evidence_remove_requested.connect(self.remove_evidence)
        self.tabs.addTab(self.form, "")
        self.charts_holder = QWidget()
        QVBoxLayout(self.charts_holder).setContentsMargins(0, 0, 0, 0)
        self.history = QTableWidget(0, 5)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.horizontalHeader().setStretchLastSection(True)
        if self._has_charts:
            self.tabs.addTab(self.charts_holder, "")
        self.tabs.addTab(self.history, "")
        self.tabs.currentChanged.connect(self._on_tab)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        lay.addWidget(self.empty, 1)
        self.retranslate()
        self._show_empty(True)

    # -- texts -------------------------------------------------------------
    def retranslate(self) -> None:
        self.tabs.setTabText(self.tabs.indexOf(self.form), self.tr("Scoring point"))
        if self._has_charts:
            self.tabs.setTabText(self.tabs.indexOf(self.charts_holder), self.tr("Charts"))
        self.tabs.setTabText(self.tabs.indexOf(self.history), self.tr("History"))
        self.history.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("Action"), self.tr("Point"), self.tr("Old → new")]
        )
        self.empty.setText(self.tr("Choose an assessment in the navigator on the left, or create one with "
                                   "Assessment › New assessment."))
        self.form.retranslate()
        self.summary.retranslate()
        self._refresh_summary()
        if self.tabs.currentWidget() is self.history:
            self.refresh_history()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        if self.model is not None:
            self.model.set_language(lang)
        if self.current_point is not None:
            self._show_point(self.current_point)
        self.retranslate()
        self._update_charts()

    def _show_empty(self, empty: bool) -> None:
        self.empty.setVisible(empty)
        self.summary.setVisible(not empty)
        self.splitter.setVisible(not empty)

    # -- loading -----------------------------------------------------------
    def load(self, assessment_id: int | None) -> None:
        self.form.flush_note()
        self.undo_stack.clear()
        self.current_point = None
        if assessment_id is None:
            self.assessment_id = self.assessment = None
            self.model = None
            self.tree.setModel(None)
            self.form.clear_point()
            self._show_empty(True)
            self.sig_score_changed.emit(None)
            return
        a = self.store.assessment(assessment_id)
        self.assessment_id = a.id
        self.assessment = a
        self.catalog = self.store.catalog(a.catalog)
        self.answers = self.store.answers(a.id)
        self.notes = self.store.notes(a.id)
        old_model = self.model
        self.model = IndicatorModel(self.catalog, self)
        self.model.lang = self.lang
        self.current_score = score(self.catalog, self.answers)
        self.model.set_score(self.current_score)
        self.tree.setModel(self.model)
        if old_model is not None:
            old_model.deleteLater()
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        # Fixed number columns: ResizeToContents would re-measure every row on each edit.
        fm = self.tree.fontMetrics()
        for col in (COL_SCORE, COL_MAX):
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal))
            width = max(fm.horizontalAdvance("100.0"), fm.horizontalAdvance(title)) + 24
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(col, width)
        self.tree.expandAll()
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self._show_empty(False)
        self._refresh_summary()
        self._update_charts()
        first = self.current_score.unanswered_points[:1] or self.model.point_order()[:1]
        self.select_point(first[0])
        self.refresh_history()
        self.sig_score_changed.emit(self.current_score)

    @property
    def editable(self) -> bool:
        return self.assessment is not None and self.assessment.status == "draft"

    def reload_status(self) -> None:
        """Re-read the assessment row (after submit / reopen) and lock or unlock the form."""
        if self.assessment_id is None:
            return
        self.assessment = self.store.assessment(self.assessment_id)
        self.undo_stack.clear()
        if self.current_point is not None:
            self._show_point(self.current_point)
        self._refresh_summary()
        self.refresh_history()
        self.sig_status_changed.emit(self.assessment.status)

    # -- selection and navigation ---------------------------------------------
    def select_point(self, number: int) -> None:
        if self.model is None:
            return
        idx = self.model.index_for("point", number)
        self.tree.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.tree.scrollTo(idx)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        level = current.data(LevelRole)
        if level == "point":
            self._show_point(current.data(NumberRole))

    def _show_point(self, number: int) -> None:
        self.current_point = number
        a = self.assessment
        self.form.show_point(self.catalog, number, self.answers.get(number), self.notes.get(number, ""),
                             self.store.evidence(a.id, number), self.editable, self.lang)

    def move(self, step: int, unanswered_only: bool = False) -> bool:
        """Go to the next (step 1) or previous (step -1) point, optionally only unanswered ones."""
        if self.model is None:
            return False
        order = self.model.point_order()
        pos = order.index(self.current_point) if self.current_point in order else -1
        n = len(order)
        for k in range(1, n + 1):
            cand = order[(pos + step * k) % n]
            if not unanswered_only or cand not in self.answers:
                if cand != self.current_point or not unanswered_only:
                    self.select_point(cand)
                    return True
        return False

    # -- edits -------------------------------------------------------------
    def edit_answer(self, point: int, value: Value | None) -> None:
        """The user changed a value: one undoable command that writes through the store."""
        if self.assessment_id is None:
            return
        old = self.answers.get(point)
        if old == value and (old is None) == (value is None):
            return
        label = self.catalog.points[point].display(self.lang)
        self.undo_stack.push(SetAnswerCommand(self, point, old, value, self.tr("Edit ({0}) {1}").format(point, label)))

    def apply_answer(self, point: int, value: Value | None) -> bool:
        """Write one value to the store and show the new score at once."""
        try:
            _old, new = self.store.set_answer(self.assessment_id, point, value, raw=False)
        except BadInput as e:
            messages.warn(self, self.tr("Not saved"), e)
            if self.current_point == point:
                self.form.set_value(self.answers.get(point))
            return False
        if new is None:
            self.answers.pop(point, None)
        else:
            self.answers[point] = new
        self.recalculate()
        if self.current_point == point:
            self.form.set_value(new)
        else:
            self.select_point(point)
        return True

    def recalculate(self) -> None:
        self.current_score = score(self.catalog, self.answers)
        self.model.set_score(self.current_score)
        self._refresh_summary()
        self._update_charts()
        if self.tabs.currentWidget() is self.history:
            self.refresh_history()
        self.sig_score_changed.emit(self.current_score)

    def _on_note(self, point: int, text: str) -> None:
        if self.assessment_id is None:
            return
        try:
            self.store.set_note(self.assessment_id, point, text)
        except BadInput as e:
            messages.warn(self, self.tr("Not saved"), e)
            return
        if text:
            self.notes[point] = text
        else:
            self.notes.pop(point, None)

    # -- evidence ----------------------------------------------------------
    def _browse_evidence(self, point: int) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add evidence files"))
        if paths:
            self.add_evidence(point, paths)

    def add_evidence(self, point: int, paths: list) -> None:
        for p in paths:
            try:
                self.store.add_evidence_file(self.assessment_id, point, Path(p))
            except BadInput as e:
                messages.warn(self, self.tr("Evidence not added"), e)
                break
        self._refresh_evidence(point)

    def open_evidence(self, evidence_id: int) -> Path | None:
        """Write a temporary copy of the file and open it with the system's viewer."""
        try:
            data = self.store.evidence_data(evidence_id)
        except BadInput as e:
            messages.warn(self, self.tr("Can't open"), e)
            return None
        name = next((e.filename for e in self.store.evidence(self.assessment_id) if e.id == evidence_id), "file")
        folder = Path(tempfile.mkdtemp(prefix="jlip-evidence-"))
        target = folder / name
        target.write_bytes(data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        return target

    def remove_evidence(self, evidence_id: int) -> None:
        ev = next((e for e in self.store.evidence(self.assessment_id) if e.id == evidence_id), None)
        if ev is None:
            return
        if not messages.ask(self, self.tr("Remove evidence"),
                            self.tr("Remove the file “{0}” from this assessment?").format(ev.filename)):
            return
        try:
            self.store.remove_evidence(evidence_id)
        except BadInput as e:
            messages.warn(self, self.tr("Not removed"), e)
        self._refresh_evidence(ev.point)

    def _refresh_evidence(self, point: int) -> None:
        if self.current_point == point:
            self.form.set_evidence(self.store.evidence(self.assessment_id, point))
        if self.tabs.currentWidget() is self.history:
            self.refresh_history()

    # -- summary, charts, history -------------------------------------------
    def _refresh_summary(self) -> None:
        if self.assessment is None or self.current_score is None:
            return
        a = self.assessment
        region = self.store.region(a.region)
        name = region.display(self.lang) if region else a.region
        self.summary.title.setText(f"{name} {a.year}")
        self.summary.status.setText(self.tr("Draft") if a.status == "draft" else self.tr("Submitted (locked)"))
        self.summary.status.setProperty("status", a.status)
        self.summary.status.style().unpolish(self.summary.status)
        self.summary.status.style().polish(self.summary.status)
        self.summary.show_score(self.current_score, self.lang, self.catalog.grades_source)
        if not self.summary.assessor.hasFocus():
            self.summary.assessor.setText(a.assessor)
            self.summary.assessor.setCursorPosition(0)  # show the start of a long name
            self.summary.assessor.setToolTip(a.assessor)
        self.summary.assessor.setReadOnly(a.status != "draft")

    def _on_assessor(self) -> None:
        if self.assessment is None or not self.editable:
            return
        text = self.summary.assessor.text().strip()
        if text == self.assessment.assessor:
            return
        try:
            self.store.set_assessor(self.assessment_id, text)
        except BadInput as e:
            messages.warn(self, self.tr("Not saved"), e)
            self.summary.assessor.setText(self.assessment.assessor)
            return
        self.assessment = self.store.assessment(self.assessment_id)
        if self.tabs.currentWidget() is self.history:
            self.refresh_history()

    def _on_tab(self, _index: int) -> None:
        w = self.tabs.currentWidget()
        if w is self.charts_holder:
            self._ensure_charts()
            self._update_charts()
        elif w is self.history:
            self.refresh_history()

    def _ensure_charts(self) -> None:
        """Create the chart widget on first use, keeping pyqtgraph out of startup."""
        if self.charts is None and self._has_charts:
            self._charts_cls = load_charts_class()
            if self._charts_cls is None:
                self._has_charts = False
                self.tabs.removeTab(self.tabs.indexOf(self.charts_holder))
                return
            self.charts = self._charts_cls(self.charts_holder)
            self.charts_holder.layout().addWidget(self.charts)
            self.charts_holder.installEventFilter(self)
            self._orient_charts()

    def _orient_charts(self) -> None:
        """Side by side in a wide panel, one above the other in a tall one (the usual case at 1366x768)."""
        lay = self.charts.layout() if self.charts is not None else None
        if isinstance(lay, QBoxLayout):
            wide = self.charts_holder.width() > self.charts_holder.height()
            lay.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.charts_holder and event.type() == QEvent.Type.Resize:
            self._orient_charts()
        return super().eventFilter(obj, event)

    def _update_charts(self) -> None:
        if self.current_score is None or self.tabs.currentWidget() is not self.charts_holder:
            return
        self._ensure_charts()
        if self.charts is not None:
            self.charts.show_score(self.current_score, self.lang)

    def refresh_history(self) -> None:
        if self.assessment_id is None:
            self.history.setRowCount(0)
            return
        entries = self.store.audit(self.assessment_id)
        actions = {
            "create": self.tr("created"), "set": self.tr("answer set"), "clear": self.tr("answer cleared"),
            "note": self.tr("note"), "assessor": self.tr("assessor"), "submit": self.tr("submitted"),
            "reopen": self.tr("reopened"), "evidence-add": self.tr("evidence added"),
            "evidence-remove": self.tr("evidence removed"), "export": self.tr("exported"),
            "import": self.tr("imported"),
        }
        self.history.setRowCount(len(entries))
        for r, e in enumerate(reversed(entries)):
            change = f"{e.old or '—'} → {e.new or '—'}"
            if e.action == "reopen" and e.detail:
                change += "  " + self.tr("(reason: {0})").format(e.detail)
            cells = [e.at.replace("T", " ")[:19], e.who, actions.get(e.action, e.action),
                     "" if e.point is None else f"({e.point})", change]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.history.setItem(r, c, item)
