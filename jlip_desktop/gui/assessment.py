"""The assessment view: summary strip, indicator tree, point form, charts, history.

Every edit goes straight to the store (one transaction), then the score is
recomputed by the core's pure scoring function and shown — tree, summary and
charts — before control returns to the event loop.  An edit is pushed on the
undo stack only once the store has saved it; undo and redo write through the
store too.  A write the database refuses (a rule, a lock held by another
program, a read-only file, a full disk) changes nothing on screen: the form
shows the saved value again and a message says 未保存 and why.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..core import review
from ..core.errors import BadInput
from ..core.scoring import Score, Value, fmt, one_decimal, score
from ..core.store import Store
from . import messages
from .elided import ElidedLabel
from .evidencefiles import EvidenceCopies
from .readouts import answer_and_score, change_text, grade_outlook, status_text
from .reviewpanel import ReviewPanel
from .treemodel import (
    COL_MAX,
    COL_NAME,
    COL_PRIOR,
    COL_SCORE,
    COL_VERIFIED,
    IndicatorModel,
    LevelRole,
    NumberRole,
)


class SetAnswerCommand(QUndoCommand):
    """One point's value change, pushed only after the store has saved it.

    The first redo() (QUndoStack.push calls it) does nothing: the value is
    already saved.  Later undo()/redo() write through the store; if that
    write is refused, the view puts the stack back where the database is
    (`_skip` makes that one step a no-op), so the stack never claims a state
    the database doesn't have.
    """

    def __init__(self, view: AssessmentView, point: int, old: Value | None, new: Value | None, text: str):
        super().__init__(text)
        self.view = view
        self.point = point
        self.old = old
        self.new = new
        self._skip = True  # the push's redo: already written

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        if not self.view.apply_answer(self.point, self.new):
            self.view.resync_undo_stack(self, redo_failed=True)

    def undo(self) -> None:
        if self._skip:
            self._skip = False
            return
        if not self.view.apply_answer(self.point, self.old):
            self.view.resync_undo_stack(self, redo_failed=False)


_DB_CODES = {"db.busy": "busy", "db.read_only": "readonly", "db.full": "full", "db.io_error": "i/o"}


def failure_reason(error: Exception) -> str:
    """Why a change was not saved, in the UI language."""
    # The store raises its database failures as BadInput codes (core/database.py, CODES).
    code = getattr(error, "code", None) if isinstance(error, BadInput) else None
    if isinstance(error, sqlite3.Error) or code in _DB_CODES:
        text = _DB_CODES[code] if code in _DB_CODES else str(error).lower()
        if "locked" in text or "busy" in text:
            return QCoreApplication.translate(
                "AssessmentView", "another program is writing to the database; try again in a moment.")
        if "readonly" in text or "read-only" in text:
            return QCoreApplication.translate("AssessmentView", "the database file is read-only.")
        if "full" in text:
            return QCoreApplication.translate("AssessmentView", "the disk is full.")
        if "i/o" in text:
            return QCoreApplication.translate("AssessmentView", "the database file could not be written (disk error).")
        return QCoreApplication.translate("AssessmentView", "the database refused the change.")
    if isinstance(error, OSError):
        if error.errno == errno.ENOSPC:
            return QCoreApplication.translate("AssessmentView", "the disk is full.")
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return QCoreApplication.translate("AssessmentView", "the folder or file is read-only or in use.")
        return QCoreApplication.translate("AssessmentView", "the file could not be written.")
    return messages.describe(error).text


def failure_details(error: Exception) -> str | None:
    """The technical text behind `failure_reason` (for the message box's details), if any."""
    if isinstance(error, BadInput):
        return messages.describe(error).details
    return str(error) or None


class SummaryStrip(QFrame):
    """Total, grade (and veto), answered x/N and a progress bar."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("summary")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Two rows that become one when the strip is wide enough (small and scaled screens: see resizeEvent).
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 4, 10, 4)
        outer.setSpacing(2)
        lay = QHBoxLayout()
        self._second = QHBoxLayout()
        outer.addLayout(lay)
        outer.addLayout(self._second)
        self._first = lay
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
        self.scheme = ElidedLabel()  # the assessment's own scheme (catalogue) title
        self.scheme.setObjectName("summaryScheme")
        # A long scheme title gives way with … rather than widen the window; the tooltip has it whole.
        # (Preferred, not Ignored: an ignored size hint left it 2 px in the layout, drawn 60 px wide over its
        # neighbours.)
        self.scheme.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.scheme.setMinimumWidth(60)
        self.verified = QLabel()
        self.verified.setObjectName("summaryVerified")
        self.verified.setVisible(False)
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
        self._left = (self.title, self.scheme, self.status, self.total, self.verified, self.grade, self.veto)
        for w in self._left:
            lay.addWidget(w)
        lay.addStretch(1)
        self._right = QWidget()  # assessor, answered x/N and the progress bar: beside or below the score
        right = QHBoxLayout(self._right)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.assessor_caption)
        right.addWidget(self.assessor)
        right.addSpacing(12)
        right.addWidget(self.answered)
        right.addWidget(self.progress)
        lay.addWidget(self._right)
        self._wrapped = False
        f = self.total.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.3)
        self.total.setFont(f)
        self.title.setFont(f)

    def minimumSizeHint(self):
        """As narrow as the wider of the two rows as they are when wrapped (region, status, total and grade above;
        the scheme's title, which gives way with …, beside the assessor below), so the strip never forces the
        window wider than the screen."""
        hint = super().minimumSizeHint()
        first = sum(w.minimumSizeHint().width() for w in self._left if w is not self.scheme and w.isVisibleTo(self))
        second = self.scheme.minimumWidth() + self._right.minimumSizeHint().width()
        hint.setWidth(max(first, second) + 40)
        return hint

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        need = sum(w.sizeHint().width() for w in self._left if not w.isHidden()) \
            + self._right.sizeHint().width() + 60
        wrap = self.width() < need
        if wrap != self._wrapped:
            # Wrapped: the scheme's title (which may be cut) goes down beside the assessor, so that the
            # region, status, total and grade keep their whole width on the first row and never overlap.
            self._wrapped = wrap
            while self._second.count():
                self._second.takeAt(0)
            if wrap:
                self._first.removeWidget(self.scheme)
                self._second.addWidget(self.scheme, 1)
                self._second.addWidget(self._right)
            else:
                self._second.removeWidget(self.scheme)
                self._first.insertWidget(1, self.scheme)
                self._first.addWidget(self._right)

    def retranslate(self) -> None:
        self.assessor_caption.setText(self.tr("A&ssessor:"))

    def show_score(self, sc: Score, lang: str, grades_source: str, catalog) -> None:
        """The total; the grade once no open point can change it; the veto once its point is answered."""
        self.total.setText(self.tr("Total {0} / {1}").format(one_decimal(sc.total), fmt(sc.max)))
        outlook = grade_outlook(catalog, sc)
        source = self.tr("the tool's default bands") if grades_source == "tool default" else grades_source
        bands = self.tr("Grade bands: {0}").format(source)
        if outlook.grade is not None:
            self.grade.setText(self.tr("Grade: {0}").format(outlook.grade.display(lang)))
            self.grade.setToolTip(bands)
        else:
            self.grade.setText(self.tr("Grade: open"))
            self.grade.setToolTip(self.tr("%n point(s) still unanswered: the grade will be between {0} and {1}.",
                                          "", outlook.open_points).format(outlook.lowest.display(lang),
                                                                          outlook.highest.display(lang))
                                  + "\n" + bands)
        if outlook.vetoed:
            self.veto.setText(self.tr("Veto point not met: grade capped"))
            self.veto.setToolTip(sc.catalog.veto_text(lang))  # worded from the catalogue
        else:
            self.veto.setText("")
        self.veto.setVisible(bool(outlook.vetoed))  # empty, it would still take its styled padding in the row
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
        self.charts = None
        self.evidence_copies = EvidenceCopies()
        """Where opened evidence files are copied (deleted at exit; earlier runs' leftovers are deleted now)."""

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.summary = SummaryStrip(self)
        self.summary.assessor.editingFinished.connect(self._on_assessor)
        lay.addWidget(self.summary)
        self.lock_line = QLabel()
        self.lock_line.setObjectName("lockNote")
        self.lock_line.setWordWrap(True)
        self.lock_line.setVisible(False)
        lay.addWidget(self.lock_line)
        self.review_bar = QToolBar()
        self.review_bar.setObjectName("reviewToolbar")
        self.review_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.review_caption = QLabel()
        self.review_caption.setObjectName("reviewCaption")
        self.review_bar.addWidget(self.review_caption)
        self.approve_action = QAction(self)
        self.approve_action.setObjectName("action_review_approve")
        self.approve_action.triggered.connect(lambda _c=False: self.approve_review())
        self.return_action = QAction(self)
        self.return_action.setObjectName("action_review_return")
        self.return_action.triggered.connect(lambda _c=False: self.return_review())
        self.review_bar.addAction(self.approve_action)
        self.review_bar.addAction(self.return_action)
        self.review_bar.setVisible(False)
        self.review_line = QLabel()
        self.review_line.setObjectName("reviewNote")
        self.review_line.setWordWrap(True)
        self.review_line.setVisible(False)
        review_row = QHBoxLayout()  # the review's state and its 审核 toolbar share one row
        review_row.setContentsMargins(0, 0, 0, 0)
        review_row.addWidget(self.review_line, 1)
        review_row.addWidget(self.review_bar)
        lay.addLayout(review_row)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        lay.addWidget(self.splitter, 1)

        tree_box = QWidget()
        tree_lay = QVBoxLayout(tree_box)
        tree_lay.setContentsMargins(0, 0, 0, 0)
        tree_lay.setSpacing(2)
        self.unanswered_only = QCheckBox()
        self.unanswered_only.setObjectName("unansweredOnly")
        self.unanswered_only.toggled.connect(lambda _on: self._apply_filter())
        tree_lay.addWidget(self.unanswered_only)
        self.tree = QTreeView()
        self.tree.setObjectName("indicatorTree")
        self.tree.setUniformRowHeights(True)
        # four levels deep: a narrow indent leaves the names room on a 1024-pixel screen
        self.tree.setIndentation(max(12, self.tree.fontMetrics().horizontalAdvance("0") * 2))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.activated.connect(lambda _i: self.form.focus_editor())
        tree_lay.addWidget(self.tree, 1)
        self.splitter.addWidget(tree_box)

        from .pointform import PointForm

        self.tabs = QTabWidget()
        self.form = PointForm()
        self.form.sig_value_edited.connect(self.edit_answer)
        self.form.sig_value_refused.connect(self._on_value_refused)
        self.form.sig_note_edited.connect(self._on_note)
        self.form.sig_evidence_add_requested.connect(self.add_evidence)
        self.form.sig_evidence_browse_requested.connect(self._browse_evidence)
        self.form.sig_evidence_open_requested.connect(self.open_evidence)
        self.form.sig_evidence_remove_requested.connect(self.remove_evidence)
        self.review_panel = ReviewPanel()
        self.review_panel.setVisible(False)
        self.review_panel.sig_verdict_requested.connect(self.save_verdict)
        self.form.add_section(self.review_panel)
        self.review = None
        """The review shown (core.review.ReviewView): at the province for an imported assessment, at the
        county once the province's review was received; None otherwise."""
        self.tabs.addTab(self.form, "")
        self.charts_holder = QWidget()
        QVBoxLayout(self.charts_holder).setContentsMargins(0, 0, 0, 0)
        self.history = QTableWidget(0, 5)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.tabs.addTab(self.charts_holder, "")
        self.tabs.addTab(self.history, "")
        self.tabs.currentChanged.connect(self._on_tab)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        lay.addWidget(self.empty, 1)
        self.prior = None
        self._pending_refresh = False
        self._own_write: tuple[str, int] | None = None
        """(kind, point) of the write this view is making: its change notification is not news here."""
        self._filtered = False  # whether the unanswered-only filter has hidden any row
        self._shown_status: tuple | None = None  # the status badge's (status, imported) as last styled
        self._region_names: dict[tuple[str, str], str] = {}
        self.retranslate()
        self._show_empty(True)
        subscription = store.subscribe(self._on_store_change)
        self.destroyed.connect(lambda *_a: subscription.unsubscribe())

    # -- texts -------------------------------------------------------------
    def retranslate(self) -> None:
        self.tabs.setTabText(self.tabs.indexOf(self.form), self.tr("Scoring point"))
        self.tabs.setTabText(self.tabs.indexOf(self.charts_holder), self.tr("Charts"))
        self.tabs.setTabText(self.tabs.indexOf(self.history), self.tr("History"))
        self.history.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("Action"), self.tr("Point"), self.tr("Old → new")]
        )
        self.empty.setText(self.tr("Choose an assessment in the navigator on the left, or create one with "
                                   "Assessment › New assessment."))
        self.unanswered_only.setText(self.tr("Only unans&wered points"))
        self.unanswered_only.setToolTip(self.tr("Hide the points already answered (the one shown stays until you "
                                                "move on)"))
        self.form.retranslate()
        self.summary.retranslate()
        self.review_panel.retranslate()
        self.review_caption.setText(self.tr("Review:") + " ")
        self.approve_action.setText(self.tr("Approve (&B)"))
        self.approve_action.setToolTip(self.tr("Approve the assessment with the verified scores (no open issue "
                                               "may remain)"))
        self.return_action.setText(self.tr("Re&turn…"))
        self.return_action.setToolTip(self.tr("Return the assessment to the region with a comment"))
        self._refresh_lock_line()
        self._refresh_review()
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
    def commit_pending(self) -> None:
        """Save what was typed into the shown point but not confirmed yet (see PointForm.commit_pending)."""
        if self.assessment_id is not None:
            self.form.commit_pending()
            self.review_panel.commit_pending()

    def load(self, assessment_id: int | None) -> None:
        self.commit_pending()
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
        self.prior = self._load_prior(a)
        if self.prior is not None:
            self.model.set_prior(self.prior[1], self.prior[2], self.prior[0].year)
        self.tree.setModel(self.model)
        self._filtered = False  # a new model shows every row
        if old_model is not None:
            old_model.deleteLater()
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        # Fixed number columns: ResizeToContents would re-measure every row on each edit.
        fm = self.tree.fontMetrics()
        for col in (COL_SCORE, COL_MAX, COL_PRIOR, COL_VERIFIED):
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal))
            width = max(fm.horizontalAdvance("100.0"), fm.horizontalAdvance(title)) + fm.horizontalAdvance("00")
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(col, width)
        header.setSectionHidden(COL_PRIOR, not self.model.has_prior)
        header.setSectionHidden(COL_VERIFIED, not self.model.has_review)
        self.tree.expandAll()
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self._show_empty(False)
        self._refresh_summary()
        self._refresh_lock_line()
        self.review = None
        self._refresh_review()
        self._update_charts()
        self._apply_filter()
        first = self.current_score.unanswered_points[:1] or self.model.point_order()[:1]
        self.select_point(first[0])
        self.refresh_history()
        self.sig_score_changed.emit(self.current_score)

    def _load_prior(self, a):
        """(assessment, score, answers) of the region's previous year, scored by the same catalogue, or None."""
        prev = self.store.find_assessment(a.region, a.year - 1)
        if prev is None or prev.catalog != a.catalog:
            return None
        answers = self.store.answers(prev.id)
        return prev, score(self.catalog, answers), answers

    @property
    def editable(self) -> bool:
        a = self.assessment
        return a is not None and a.status == "draft" and not a.imported and not self.store.read_only

    def _refresh_lock_line(self) -> None:
        """One line saying why the form can't be edited (imported, submitted, read-only database)."""
        a = self.assessment
        text = ""
        if a is not None and a.imported:
            source = Path(a.source_file).name if a.source_file else "—"
            text = self.tr("Imported from {0} (revision {1}): the region's own answers, notes and evidence are "
                           "shown read-only here; the province's findings go into the review.").format(
                source, a.source_revision if a.source_revision is not None else "—")
        elif a is not None and self.store.read_only:
            text = self.tr("The database is open read-only: nothing can be changed.")
        elif a is not None and a.status == "submitted":
            text = self.tr("Submitted: locked. To change it, reopen it (Assessment › Reopen) and give a reason.")
        self.lock_line.setText(text)
        self.lock_line.setVisible(bool(text))

    def _who(self) -> str | None:
        """Who the history names for an edit here: the assessor (the OS login only when there is none)."""
        name = self.assessment.assessor.strip() if self.assessment is not None else ""
        return name or None

    def reload_status(self) -> None:
        """Re-read the assessment row (after submit / reopen) and lock or unlock the form."""
        if self.assessment_id is None:
            return
        self.assessment = self.store.assessment(self.assessment_id)
        self.undo_stack.clear()
        if self.current_point is not None:
            self._show_point(self.current_point)
        self._refresh_summary()
        self._refresh_lock_line()
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
        if number != self.current_point:
            self.commit_pending()  # to the point still shown, before anything switches
        self.current_point = number
        if self.unanswered_only.isChecked():
            self._apply_filter()  # the point left behind may go now
        self._show_review_point()
        a = self.assessment
        self.form.show_point(self.catalog, number, self.answers.get(number), self.notes.get(number, ""),
                             self.store.evidence(a.id, number), self.editable, self.lang,
                             prior=self._prior_text(number))
        self.form.show_problems(self.current_score)

    def _prior_text(self, number: int) -> str | None:
        """"上年（2021）：是 / 4 分" for the form, or None without a previous year."""
        if self.prior is None:
            return None
        prev, _sc, answers = self.prior
        return self.tr("Last year ({0}): {1}").format(
            prev.year, answer_and_score(self.catalog.points[number], answers.get(number), self.lang))

    def move(self, step: int, unanswered_only: bool = False) -> bool:
        """Go to the next (step 1) or previous (step -1) point, optionally only unanswered ones."""
        if self.model is None:
            return False
        self.commit_pending()  # the typed value counts when looking for the next unanswered point
        unanswered_only = unanswered_only or self.unanswered_only.isChecked()
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
    SAVE_ERRORS = (BadInput, sqlite3.Error, OSError)
    """What a refused write raises: a rule or a lock (BadInput), or the database file itself."""

    def _warn_not_saved(self, point: int | None, error: Exception, details: str | None = None) -> None:
        if point is None:
            text = self.tr("Not saved: {0}").format(failure_reason(error))
        else:
            text = self.tr("Point ({0}) not saved: {1}").format(point, failure_reason(error))
        messages.warn(self, self.tr("Not saved"), text, details or failure_details(error))

    def edit_answer(self, point: int, value: Value | None) -> bool:
        """The user changed a value: save it, then push an undo entry for it.

        A refused save pushes nothing, says why, and puts the saved value back
        in the form.  Returns whether the value was saved.
        """
        if self.assessment_id is None:
            return False
        old = self.answers.get(point)
        if old == value and (old is None) == (value is None):
            return True
        try:
            old, new = self._write_answer(point, value)
        except self.SAVE_ERRORS as e:
            self._refused(point, e)
            return False
        self._saved(point, new)
        label = self.catalog.points[point].display(self.lang)
        self.undo_stack.push(SetAnswerCommand(self, point, old, new, self.tr("Edit ({0}) {1}").format(point, label)))
        return True

    def apply_answer(self, point: int, value: Value | None) -> bool:
        """Write one value to the store (undo / redo) and show the new score at once."""
        try:
            _old, new = self._write_answer(point, value)
        except self.SAVE_ERRORS as e:
            self._refused(point, e)
            return False
        self._saved(point, new)
        return True

    def _write_answer(self, point: int, value: Value | None) -> tuple[Value | None, Value | None]:
        return self._own("answer", point, self.store.set_answer, self.assessment_id, point, value, raw=False,
                         who=self._who())

    def _own(self, kind: str, point: int, write, *args, **kwargs):
        """Make one write of this view's own: the view shows what it saved itself (`_saved`, `_on_note`), so
        the store's notification of it does not re-read the assessment.  A change made anywhere else still
        does (`_on_store_change`)."""
        self._own_write = (kind, point)
        try:
            return write(*args, **kwargs)
        finally:
            self._own_write = None

    def _on_value_refused(self, point: int, reason: str) -> None:
        messages.warn(self, self.tr("Not saved"), self.tr("Point ({0}) not saved: {1}").format(point, reason))

    def _refused(self, point: int, error: Exception) -> None:
        """A write was refused: the form shows the saved value, the user is told why."""
        if self.current_point == point:
            self.form.set_value(self.answers.get(point))
        self._warn_not_saved(point, error)

    def _saved(self, point: int, new: Value | None) -> None:
        if new is None:
            self.answers.pop(point, None)
        else:
            self.answers[point] = new
        self.recalculate()
        if self.current_point == point:
            self.form.set_value(new)
        else:
            self.select_point(point)

    def resync_undo_stack(self, command: SetAnswerCommand, redo_failed: bool) -> None:
        """An undo or redo step could not be saved: step the stack back over it, writing nothing.

        QUndoStack can't be moved from inside a command, so this runs right
        after, in the same event-loop pass.
        """
        stack = self.undo_stack
        # Called from inside the step: once it returns, the index moves by one.
        expected = stack.index() + (1 if redo_failed else -1)
        position = expected - 1 if redo_failed else expected

        def step_back() -> None:
            if stack.index() != expected or stack.command(position) is not command:
                return  # the stack changed meanwhile (cleared, another assessment): nothing to put back
            command._skip = True
            if redo_failed:
                stack.undo()
            else:
                stack.redo()
            command._skip = False

        QTimer.singleShot(0, self, step_back)

    def recalculate(self) -> None:
        self.current_score = score(self.catalog, self.answers)
        self.model.set_score(self.current_score)
        self._apply_filter()
        self._refresh_summary()
        if self.review is not None:
            self._refresh_review()  # the verified score follows the answers it is computed from
        self._update_charts()
        if self.tabs.currentWidget() is self.history:
            self.refresh_history()
        self.sig_score_changed.emit(self.current_score)

    def _on_note(self, point: int, text: str) -> None:
        if self.assessment_id is None:
            return
        try:
            self._own("note", point, self.store.set_note, self.assessment_id, point, text, who=self._who())
        except self.SAVE_ERRORS as e:
            saved = self.notes.get(point, "")
            if self.current_point == point:
                self.form.set_note(saved)
            self._warn_not_saved(point, e, self.tr("The note you typed:\n{0}").format(text) if text else None)
            return
        if text:
            self.notes[point] = text
        else:
            self.notes.pop(point, None)
        if self.tabs.currentWidget() is self.history:
            self.refresh_history()

    # -- evidence ----------------------------------------------------------
    def _browse_evidence(self, point: int) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add evidence files"))
        if paths:
            self.add_evidence(point, paths)

    def add_evidence(self, point: int, paths: list) -> None:
        for p in paths:
            try:
                self.store.add_evidence_file(self.assessment_id, point, Path(p), who=self._who())
            except self.SAVE_ERRORS as e:
                messages.warn(self, self.tr("Evidence not added"),
                              self.tr("“{0}” was not added: {1}").format(Path(p).name, failure_reason(e)),
                              failure_details(e))
                break
        self._refresh_evidence(point)

    def open_evidence(self, evidence_id: int) -> Path | None:
        """Copy the file to this run's temporary folder and open it with the system's viewer."""
        ev = next((e for e in self.store.evidence(self.assessment_id) if e.id == evidence_id), None)
        try:
            data = self.store.evidence_data(evidence_id)
            target = self.evidence_copies.write(evidence_id, ev.filename if ev else "file", data)
        except self.SAVE_ERRORS as e:
            messages.warn(self, self.tr("Can't open"),
                          self.tr("“{0}” can't be opened: {1}").format(ev.filename if ev else evidence_id,
                                                                       failure_reason(e)), failure_details(e))
            return None
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
            self.store.remove_evidence(evidence_id, who=self._who())
        except self.SAVE_ERRORS as e:
            messages.warn(self, self.tr("Not removed"),
                          self.tr("“{0}” was not removed: {1}").format(ev.filename, failure_reason(e)),
                          failure_details(e))
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
        name = self._region_names.get((a.region, self.lang))
        if name is None:
            region = self.store.region(a.region)
            name = self._region_names[(a.region, self.lang)] = region.display(self.lang) if region else a.region
        self.summary.title.setText(f"{name} {a.year}")
        self.summary.scheme.setText(self.catalog.display_title(self.lang))
        self.summary.scheme.setToolTip(self.tr("Indicator system: {0} ({1})").format(
            self.catalog.display_title(self.lang), self.catalog.id))
        self.form.show_problems(self.current_score)
        if a.imported:
            self.summary.status.setText(self.tr("Imported (read-only)"))
        else:
            self.summary.status.setText(self.tr("Draft") if a.status == "draft" else self.tr("Submitted (locked)"))
        if self._shown_status != (a.status, a.imported):  # the badge's colour: styled again only when it changes
            self._shown_status = (a.status, a.imported)
            self.summary.status.setProperty("status", a.status)
            self.summary.status.style().unpolish(self.summary.status)
            self.summary.status.style().polish(self.summary.status)
        self.summary.show_score(self.current_score, self.lang, self.catalog.grades_source, self.catalog)
        if self.review is not None:  # both scores: the county's (自评) beside the province's (核定)
            self.summary.total.setText(self.tr("Self {0} / {1}").format(one_decimal(self.current_score.total),
                                                                         fmt(self.current_score.max)))
        if not self.summary.assessor.hasFocus():
            self.summary.assessor.setText(a.assessor)
            self.summary.assessor.setCursorPosition(0)  # show the start of a long name
            self.summary.assessor.setToolTip(a.assessor)
        self.summary.assessor.setReadOnly(not self.editable)

    def _on_assessor(self) -> None:
        if self.assessment is None or not self.editable:
            return
        text = self.summary.assessor.text().strip()
        if text == self.assessment.assessor:
            return
        try:
            self.store.set_assessor(self.assessment_id, text, who=text or None)
        except self.SAVE_ERRORS as e:
            self.summary.assessor.setText(self.assessment.assessor)
            self._warn_not_saved(None, e)
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
        if self.charts is None:
            from .charts import AssessmentCharts  # a bundle without it is broken: fail loudly

            self.charts = AssessmentCharts(self.charts_holder)
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
            "import": self.tr("imported"), "replaced": self.tr("replaced by an import"),
            "review": self.tr("review verdict"), "review-clear": self.tr("review verdict withdrawn"),
            "review-approve": self.tr("review approved"), "review-return": self.tr("review returned"),
            "review-pending": self.tr("review pending again"), "review-archived": self.tr("earlier review archived"),
            "review-received": self.tr("review received"), "review-export": self.tr("review exported"),
        }
        self.history.setRowCount(len(entries))
        for r, e in enumerate(reversed(entries)):
            change = change_text(self.catalog, e.action, e.point, e.old, e.new, self.lang)
            if e.action in ("reopen", "review-return", "review-approve") and e.detail:
                change += "  " + self.tr("(reason: {0})").format(e.detail)
            cells = [e.at.replace("T", " ")[:19], e.who, actions.get(e.action, e.action),
                     "" if e.point is None else f"({e.point})", change]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.history.setItem(r, c, item)

    # -- the unanswered-only filter -----------------------------------------------
    def _apply_filter(self) -> None:
        """Hide answered points (and branches with none left) while the filter is on; the shown point stays."""
        if self.model is None:
            return
        only = self.unanswered_only.isChecked()
        if not only and not self._filtered:
            return  # every row shown already: nothing to walk
        answered = self.current_score.answered_points if self.current_score is not None else set()
        model, tree = self.model, self.tree
        any_hidden = False

        def walk(parent: QModelIndex) -> bool:
            nonlocal any_hidden
            any_shown = False
            for row in range(model.rowCount(parent)):
                idx = model.index(row, 0, parent)
                if idx.data(LevelRole) == "point":
                    n = idx.data(NumberRole)
                    shown = not only or n not in answered or n == self.current_point
                else:
                    shown = walk(idx)
                tree.setRowHidden(row, parent, not shown)
                any_shown |= shown
                any_hidden |= not shown
            return any_shown

        walk(QModelIndex())
        self._filtered = any_hidden

    # -- changes made elsewhere (the store's notification) -------------------------
    def _on_store_change(self, change) -> None:
        """Something was committed: re-read what this view shows, once, after the current event."""
        if self.assessment_id is None:
            return
        if change.assessment_id is not None and change.assessment_id != self.assessment_id:
            return
        if self._own_write is not None and change.assessment_id == self.assessment_id and \
                (change.kind, change.point) == self._own_write:
            return  # this view's own edit, already shown (`_saved`, `_on_note`)
        if not self._pending_refresh:
            self._pending_refresh = True
            QTimer.singleShot(0, self, self._refresh_from_store)

    def _refresh_from_store(self) -> None:
        """Bring tree, summary, form and history in line with the database (no-op when they already are)."""
        self._pending_refresh = False
        self._region_names.clear()  # the region tables may have changed too
        if self.assessment_id is None:
            return
        try:
            a = self.store.assessment(self.assessment_id)
        except BadInput:  # deleted elsewhere
            self.load(None)
            return
        answers = self.store.answers(a.id)
        notes = self.store.notes(a.id)
        old = self.assessment
        replaced = (a.status, a.imported, a.source_revision) != (old.status, old.imported, old.source_revision)
        if replaced:
            self.undo_stack.clear()  # an import or a status change elsewhere: the old steps no longer apply
        cur = self.current_point
        point_changed = cur is not None and (answers.get(cur) != self.answers.get(cur)
                                             or notes.get(cur) != self.notes.get(cur))
        changed = answers != self.answers or notes != self.notes or replaced or a.assessor != old.assessor
        self.assessment = a
        if changed:
            self.answers, self.notes = answers, notes
            self.current_score = score(self.catalog, self.answers)
            self.model.set_score(self.current_score)
            self._apply_filter()
            self._refresh_summary()
            self._refresh_lock_line()
            self._update_charts()
            if cur is not None and (point_changed or replaced) and not self.form.has_pending():
                self._show_point(cur)
            self.sig_score_changed.emit(self.current_score)
            if replaced:
                self.sig_status_changed.emit(a.status)
        self._refresh_review()
        if self.tabs.currentWidget() is self.history:
            self.refresh_history()

    # -- review mode -------------------------------------------------------------------
    def _refresh_review(self) -> None:
        """Show the province's review: verdict editor at the province, verdicts read-only at the county."""
        a = self.assessment
        if a is None or self.model is None:
            return
        state = review.review_state(self.store, a.id)
        if not (a.imported or state.received):
            self.review = None
            if self.model.has_review:  # else nothing to take away: no repaint of the whole tree
                self.model.set_review(None)
            self.tree.header().setSectionHidden(COL_VERIFIED, True)
            for w in (self.review_panel, self.review_bar, self.review_line, self.summary.verified):
                w.setVisible(False)
            return
        rv = review.review_view(self.store, a.id)
        self.review = rv
        self.model.set_review(rv.verified, rv.state.points)
        self.tree.header().setSectionHidden(COL_VERIFIED, False)
        self.summary.verified.setText(self.tr("Verified {0}").format(one_decimal(rv.verified.total)))
        self.summary.verified.setVisible(True)
        self._refresh_summary()
        status = status_text(rv.state.status)
        issues = rv.state.open_issues
        line = self.tr("Review: {0}").format(status)
        if issues:
            line += self.tr("; open issues on points {0}").format("、".join(f"({n})" for n in issues))
        if rv.state.comment:
            line += "\n" + self.tr("Province's comment: {0}").format(rv.state.comment)
        self.review_line.setText(line)
        self.review_line.setProperty("review", rv.state.status)
        self.review_line.style().unpolish(self.review_line)
        self.review_line.style().polish(self.review_line)
        self.review_line.setVisible(True)
        province = a.imported and not self.store.read_only
        self.review_bar.setVisible(province)
        self.approve_action.setEnabled(province and rv.can_approve and rv.state.status != "approved")
        self.approve_action.setToolTip(
            self.tr("Approve the assessment with the verified scores") if rv.can_approve
            else self.tr("Can't approve yet: no point may carry an open issue or be unanswered"))
        self.return_action.setEnabled(province)
        self._show_review_point()

    def _show_review_point(self) -> None:
        rv, n = self.review, self.current_point
        if rv is None or n is None:
            self.review_panel.setVisible(False)
            return
        province = self.assessment.imported and not self.store.read_only
        if self.review_panel.point is not None and self.review_panel.point.number == n and \
                self.review_panel.has_pending():
            return  # don't overwrite what is being typed
        self.review_panel.show_point(self.catalog.points[n], rv.state.points.get(n), self.answers.get(n),
                                     province, self.lang)
        self.review_panel.setVisible(True)

    def save_verdict(self, point: int, verdict: str | None, value, comment: str) -> bool:
        """The province's verdict on one point (None withdraws it), written through the review core."""
        try:
            if verdict is None:
                review.clear_verdict(self.store, self.assessment_id, point)
            else:
                review.set_verdict(self.store, self.assessment_id, point, verdict,
                                   value if verdict == "adjust" else None, comment, raw=False)
        except self.SAVE_ERRORS as e:
            self._warn_not_saved(point, e)
            self._refresh_review()
            return False
        self._refresh_review()
        return True

    def approve_review(self) -> bool:
        self.commit_pending()
        try:
            review.decide(self.store, self.assessment_id, "approve")
        except self.SAVE_ERRORS as e:
            messages.warn(self, self.tr("Not approved"), self.tr("Not approved: {0}").format(failure_reason(e)),
                          failure_details(e))
            return False
        self._refresh_review()
        self.refresh_history()
        return True

    def return_review(self) -> bool:
        self.commit_pending()
        comment = messages.get_text(self, self.tr("Return to the region"),
                                    self.tr("What must the region fix? (sent back with the review)"))
        if comment is None:
            return False
        if not comment.strip():
            messages.warn(self, self.tr("Not returned"), self.tr("Returning needs a comment for the region."))
            return False
        try:
            review.decide(self.store, self.assessment_id, "return", comment.strip())
        except self.SAVE_ERRORS as e:
            messages.warn(self, self.tr("Not returned"), self.tr("Not returned: {0}").format(failure_reason(e)),
                          failure_details(e))
            return False
        self._refresh_review()
        self.refresh_history()
        return True
