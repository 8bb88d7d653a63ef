"""The form of one scoring point, generated from the catalogue's point kind.

Nothing here knows a particular point: the editor is chosen by `Point.kind`
(yes/no radios, whole-number spin box, domain checklist, graded spin box in
the point's steps), every point can be left unanswered (the "Unanswered"
radio, the spin boxes' lowest "unanswered" position, or the Clear button),
and the form only *emits* what the user did.  The assessment view writes it
to the store and pushes it on the undo stack.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QCheckBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.catalog import Catalog, Point
from ..core.scoring import Value, fmt, point_score

NOTE_SAVE_DELAY_MS = 600
COUNT_LIMIT = 1_000_000


def _human_size(n: int) -> str:
    for unit in ("B", "KB", "MB"):
        if n < 1024 or unit == "MB":
            return f"{n} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def _shown_text(spin: QAbstractSpinBox) -> str:
    """The text a spin box shows for its current value (so a different text means something was typed)."""
    if spin.specialValueText() and spin.value() == spin.minimum():
        return spin.specialValueText()
    return spin.prefix() + spin.textFromValue(spin.value()) + spin.suffix()


class PointForm(QWidget):
    """Editor of the selected point; emits edits, never writes to the store itself."""

    sig_value_edited = Signal(int, object)
    """The user set the point's value (a Python answer value, or None for unanswered)."""
    sig_value_refused = Signal(int, str)
    """The user typed a value the point's rule does not allow (the reason, worded); the saved value is shown again."""
    sig_note_edited = Signal(int, str)
    """The user changed the note (emitted after a short pause in typing, or when leaving the point)."""
    sig_evidence_add_requested = Signal(int, list)
    """Files (list of paths as text) dropped on or chosen for the point."""
    sig_evidence_open_requested = Signal(int)
    """Open the evidence file with this id."""
    sig_evidence_remove_requested = Signal(int)
    """Remove the evidence file with this id."""
    sig_evidence_browse_requested = Signal(int)
    """The user pressed Add… for the point (the view shows the file dialog)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.catalog: Catalog | None = None
        self.point: Point | None = None
        self.value: Value | None = None
        self.lang = "zh"
        self.editable = True
        self._note_timer = QTimer(self, singleShot=True, interval=NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self.flush_note)
        self._note_shown = ""

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        lay = QVBoxLayout(body)

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setObjectName("pointTitle")
        f = self.title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.title.setFont(f)
        self.path_label = QLabel()
        self.path_label.setWordWrap(True)
        self.path_label.setObjectName("pointPath")
        self.rule_caption = QLabel()
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.rule.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rule.setObjectName("pointRule")
        self.rule.setFrameShape(QFrame.Shape.StyledPanel)
        self.rule.setMargin(6)
        lay.addWidget(self.title)
        lay.addWidget(self.path_label)
        lay.addWidget(self.rule_caption)
        lay.addWidget(self.rule)
        self.problem_label = QLabel()  # a broken requires rule of this point (scores unchanged)
        self.problem_label.setObjectName("pointProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #b91c1c; font-weight: bold;")
        self.problem_label.setVisible(False)
        lay.addWidget(self.problem_label)

        row = QHBoxLayout()
        self.answer_caption = QLabel()
        row.addWidget(self.answer_caption)
        row.addSpacing(16)
        self.score_label = QLabel()
        self.score_label.setObjectName("pointScore")
        row.addWidget(self.score_label)
        row.addStretch(1)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self._on_clear)
        row.addWidget(self.clear_button)
        lay.addLayout(row)
        self.editor_box = QWidget()
        self.editor_layout = QVBoxLayout(self.editor_box)
        self.editor_layout.setContentsMargins(12, 0, 0, 0)
        lay.addWidget(self.editor_box)
        self.prior_label = QLabel()
        self.prior_label.setObjectName("priorAnswer")
        self.prior_label.setWordWrap(True)
        self.prior_label.setVisible(False)
        lay.addWidget(self.prior_label)

        self.note_caption = QLabel()
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(64)
        self.note.textChanged.connect(self._on_note_changed)
        self.note_caption.setBuddy(self.note)
        lay.addWidget(self.note_caption)
        lay.addWidget(self.note)

        self.evidence_caption = QLabel()
        lay.addWidget(self.evidence_caption)
        self.evidence = QListWidget()
        self.evidence.setMaximumHeight(76)
        self.evidence.itemActivated.connect(self._on_open)
        self.evidence.itemSelectionChanged.connect(self._update_evidence_buttons)
        self.evidence_caption.setBuddy(self.evidence)
        lay.addWidget(self.evidence)
        ev_row = QHBoxLayout()
        self.add_button = QPushButton()
        self.open_button = QPushButton()
        self.remove_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.point and self.sig_evidence_browse_requested.emit(self.point.number))
        self.open_button.clicked.connect(lambda: self._on_open(self._selected_evidence()))
        self.remove_button.clicked.connect(self._on_remove)
        for b in (self.add_button, self.open_button, self.remove_button):
            ev_row.addWidget(b)
        ev_row.addStretch(1)
        lay.addLayout(ev_row)
        lay.addStretch(1)
        self._body_layout = lay

        self._widgets: dict[str, object] = {}
        self.retranslate()
        self.setEnabled(False)

    def add_section(self, widget: QWidget) -> None:
        """Add a panel below the evidence, inside the form's scroll area (the review panel)."""
        self._body_layout.insertWidget(self._body_layout.count() - 1, widget)

    # -- texts ------------------------------------------------------------
    def retranslate(self) -> None:
        self.rule_caption.setText(self.tr("Scoring rule"))
        self.answer_caption.setText(self.tr("Answer"))
        self.clear_button.setText(self.tr("C&lear answer"))
        self.clear_button.setToolTip(self.tr("Mark the point as unanswered"))
        self.note_caption.setText(self.tr("&Note"))
        self.evidence_caption.setText(self.tr("Ev&idence files"))
        self.add_button.setText(self.tr("A&dd file…"))
        self.open_button.setText(self.tr("O&pen"))
        self.remove_button.setText(self.tr("&Remove"))
        tip = self.tr("Tip: drop files on this form to attach them as evidence.")
        self.evidence.setToolTip(tip)
        self.add_button.setToolTip(tip)
        if self.point is not None:
            self._rebuild()

    # -- showing a point ------------------------------------------------------
    def show_point(self, catalog: Catalog, number: int, value: Value | None, note: str,
                   evidence: list, editable: bool, lang: str, prior: str | None = None) -> None:
        self.commit_pending()
        self.prior_label.setText(prior or "")
        self.prior_label.setVisible(bool(prior))
        self.catalog = catalog
        self.point = catalog.points[number]
        self.value = value
        self.lang = lang
        self.editable = editable
        self.setEnabled(True)
        self._rebuild()
        self._set_note(note)
        self.set_evidence(evidence)

    def show_problems(self, score) -> None:
        """Flag the shown point's broken requires rules (from Score.problems), or hide the flag."""
        probs = score.point_problems(self.point.number) if score is not None and self.point is not None else []
        self.problem_label.setText("\n".join(self.tr("Requires point ({0}), which earns no marks: this answer set "
                                                     "can't be submitted (scores are unchanged).").format(p.requires)
                                             for p in probs))
        self.problem_label.setVisible(bool(probs))

    def clear_point(self) -> None:
        self.commit_pending()
        self.problem_label.setVisible(False)
        self.point = None
        self.catalog = None
        self.title.setText("")
        self.path_label.setText("")
        self.rule.setText("")
        self.score_label.setText("")
        self._clear_editor()
        self._set_note("")
        self.evidence.clear()
        self.setEnabled(False)

    def _clear_editor(self) -> None:
        # The old editors are going: nothing they emit from now on (a focus-out as they hide) may
        # reach the point shown next.
        for w in self._widgets.values():
            if isinstance(w, list):
                for x in w:
                    x.blockSignals(True)
            else:
                w.blockSignals(True)
        while self.editor_layout.count():
            item = self.editor_layout.takeAt(0)
            w = item.widget()
            if w is not None:
                w.hide()  # not setParent(None): that would briefly make it a top-level window
                w.deleteLater()
        self._widgets = {}

    def _rebuild(self) -> None:
        p, cat, lang = self.point, self.catalog, self.lang
        t, s, pr = cat.ancestors(p.number)
        self.title.setText(f"({p.number}) {p.display(lang)}")
        self.path_label.setText(" › ".join(n.display(lang) for n in (pr, s, t)))
        rule = p.rule
        if lang == "en":
            rule = self._rule_en(p) + "\n" + p.rule
        self.rule.setText(rule)
        self._clear_editor()
        builder = getattr(self, f"_build_{p.kind}")
        builder(p)
        for i in range(self.editor_layout.count()):  # now, not on the layout's queued show()
            w = self.editor_layout.itemAt(i).widget()
            if w is not None:
                w.show()
        self._show_value()
        for b in (self.clear_button, self.add_button):
            b.setEnabled(self.editable)
        self._update_evidence_buttons()
        self.note.setReadOnly(not self.editable)

    def _rule_en(self, p: Point) -> str:
        """A short English statement of how the point scores (the rule itself is Chinese only)."""
        if p.kind == "yesno":
            return self.tr("Yes scores {0}, no scores 0.").format(fmt(p.max))
        if p.kind == "count":
            return self.tr("{0} per occurrence, at most {1}.").format(fmt(p.unit), fmt(p.cap))
        if p.kind == "domains":
            return self.tr("{0} per domain, at most {1}.").format(fmt(p.unit), fmt(p.cap))
        return self.tr("Graded from 0 to {0} in steps of {1}.").format(fmt(p.max), fmt(p.step))

    def _build_yesno(self, p: Point) -> None:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        group = QButtonGroup(box)
        yes = QRadioButton(self.tr("&Yes ({0})").format(fmt(p.max)))
        no = QRadioButton(self.tr("N&o (0)"))
        unanswered = QRadioButton(self.tr("&Unanswered"))
        for i, b in enumerate((yes, no, unanswered)):
            group.addButton(b, i)
            row.addWidget(b)
            b.setEnabled(self.editable)
        row.addStretch(1)
        group.idClicked.connect(self._on_yesno)
        self.editor_layout.addWidget(box)
        self._widgets = {"group": group, "yes": yes, "no": no, "unanswered": unanswered, "focus": yes}

    def _on_yesno(self, bid: int) -> None:
        self._emit({0: True, 1: False, 2: None}[bid])

    def _build_count(self, p: Point) -> None:
        spin = QSpinBox()
        spin.setRange(-1, COUNT_LIMIT)
        spin.setSpecialValueText(self.tr("unanswered"))
        spin.setKeyboardTracking(False)
        spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        spin.setSuffix(self.tr(" times"))
        spin.setEnabled(self.editable)
        spin.valueChanged.connect(lambda v: self._emit(None if v < 0 else int(v)))
        hint = QLabel(self.tr("{0} each, at most {1}").format(fmt(p.unit), fmt(p.cap)))
        row = QHBoxLayout()
        row.addWidget(spin)
        row.addWidget(hint)
        row.addStretch(1)
        box = QWidget()
        box.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        self.editor_layout.addWidget(box)
        self._widgets = {"spin": spin, "focus": spin}

    def _build_graded(self, p: Point) -> None:
        spin = QDoubleSpinBox()
        step = float(p.step)
        spin.setDecimals(max(0, -p.step.normalize().as_tuple().exponent))
        spin.setRange(-step, float(p.max))
        spin.setSingleStep(step)
        spin.setSpecialValueText(self.tr("unanswered"))
        spin.setKeyboardTracking(False)
        spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        spin.setEnabled(self.editable)
        spin.valueChanged.connect(self._on_graded)
        hint = QLabel(self.tr("0 to {0}, in steps of {1}").format(fmt(p.max), fmt(p.step)))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(spin)
        row.addWidget(hint)
        row.addStretch(1)
        box = QWidget()
        box.setLayout(row)
        self.editor_layout.addWidget(box)
        self._widgets = {"spin": spin, "focus": spin}

    def _on_graded(self, v: float) -> None:
        if v < 0:
            self._emit(None)
            return
        p = self.point
        d = Decimal(str(round(v, 6)))
        if d % p.step != 0 or d > p.max:
            # Refuse, naming the neighbours, rather than silently keeping another number.
            below = (d // p.step) * p.step
            above = min(below + p.step, p.max)
            self.sig_value_refused.emit(p.number, self.tr(
                "{0} is not allowed: the point takes 0 to {1} in steps of {2} (nearest: {3} or {4}).").format(
                fmt(d), fmt(p.max), fmt(p.step), fmt(below), fmt(above)))
            # Show the saved value again once the spin box has finished interpreting the text
            # (setting it from inside its own valueChanged leaves the box in a confused state).
            QTimer.singleShot(0, self, self._show_value)
            return
        self._emit(d.normalize() if d else Decimal(0))

    def _build_domains(self, p: Point) -> None:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        names = p.domains_en if self.lang == "en" else p.domains
        boxes = []
        for i, (key, shown) in enumerate(zip(p.domains, names, strict=True)):
            cb = QCheckBox(f"&{i + 1} {shown}" if i < 9 else shown)  # Alt+1…9 tick a domain
            cb.setProperty("domain", key)
            cb.setEnabled(self.editable)
            cb.toggled.connect(self._on_domain)
            grid.addWidget(cb, i // 2, i % 2)
            boxes.append(cb)
        none = QPushButton(self.tr("&0 None of these"))
        none.setToolTip(self.tr("Answer the point with no domain (scores 0)"))
        none.setEnabled(self.editable)
        none.clicked.connect(lambda: self._emit(()))
        hint = QLabel(self.tr("{0} each, at most {1}").format(fmt(p.unit), fmt(p.cap)))
        last = QHBoxLayout()
        last.addWidget(none)
        last.addWidget(hint)
        last.addStretch(1)
        grid.addLayout(last, (len(boxes) + 1) // 2, 0, 1, 2)
        self.editor_layout.addWidget(box)
        self._widgets = {"boxes": boxes, "none": none, "focus": boxes[0]}

    def _on_domain(self, _checked: bool) -> None:
        ticked = {cb.property("domain") for cb in self._widgets["boxes"] if cb.isChecked()}
        self._emit(tuple(d for d in self.point.domains if d in ticked))

    def _emit(self, value: Value | None) -> None:
        if self.point is None:
            return
        if not self.editable:
            self._show_value()  # a locked form snaps back
            return
        if value == self.value and (value is None) == (self.value is None):
            return
        self.sig_value_edited.emit(self.point.number, value)

    # -- values from outside (the store, undo) --------------------------------
    def set_value(self, value: Value | None) -> None:
        self.value = value
        self._show_value()

    def _show_value(self) -> None:
        p, v, w = self.point, self.value, self._widgets
        if p is None:
            return
        if p.kind == "yesno":
            btn = w["unanswered"] if v is None else (w["yes"] if v else w["no"])
            w["group"].blockSignals(True)
            btn.setChecked(True)
            w["group"].blockSignals(False)
        elif p.kind in ("count", "graded"):
            spin = w["spin"]
            spin.blockSignals(True)
            spin.setValue(spin.minimum() if v is None else float(v) if p.kind == "graded" else int(v))
            spin.blockSignals(False)
        else:
            ticked = set(v or ())
            for cb in w["boxes"]:
                cb.blockSignals(True)
                cb.setChecked(cb.property("domain") in ticked)
                cb.blockSignals(False)
        if v is None:
            self.score_label.setText(self.tr("Unanswered · max {0}").format(fmt(p.max)))
        else:
            self.score_label.setText(self.tr("Scores {0} of {1}").format(fmt(point_score(p, v)), fmt(p.max)))

    def focus_editor(self) -> None:
        w = self._widgets.get("focus")
        if w is not None:
            w.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if isinstance(w, QAbstractSpinBox):
                w.selectAll()  # typing replaces the shown value (or "unanswered")

    def has_pending(self) -> bool:
        """Whether something typed here is not sent yet (a number without Enter, a note within its pause)."""
        spin = self._widgets.get("spin")
        typed = spin is not None and spin.text() != _shown_text(spin)
        return typed or (self.point is not None and self.note.toPlainText() != self._note_shown)

    def commit_pending(self) -> None:
        """Send what was typed but not yet confirmed (a number without Enter, a note) to the point shown.

        Called before the form shows another point, and before anything
        that leaves the assessment (switching, submitting, closing), so a
        typed value always lands on the point it was typed into.
        """
        if self.point is None:
            return
        spin = self._widgets.get("spin")
        if spin is not None and self.editable and not spin.signalsBlocked() and spin.text() != _shown_text(spin):
            spin.interpretText()  # emits valueChanged if the typed text means another value
        self.flush_note()

    def _on_clear(self) -> None:
        self._emit(None)

    # -- note -----------------------------------------------------------------
    def set_note(self, note: str) -> None:
        """Show a note from outside (the saved one, after a refused save)."""
        self._set_note(note)

    def _set_note(self, note: str) -> None:
        self._note_timer.stop()
        self.note.blockSignals(True)
        self.note.setPlainText(note)
        self.note.blockSignals(False)
        self._note_shown = note

    def _on_note_changed(self) -> None:
        if self.point is not None and self.editable:
            self._note_timer.start()

    def flush_note(self) -> None:
        """Send a pending note edit now (called before leaving the point)."""
        self._note_timer.stop()
        if self.point is None or not self.editable:
            return
        text = self.note.toPlainText()
        if text != self._note_shown:
            self._note_shown = text
            self.sig_note_edited.emit(self.point.number, text)

    # -- evidence -------------------------------------------------------------
    def set_evidence(self, evidence: list) -> None:
        self.evidence.clear()
        for ev in evidence:
            item = QListWidgetItem(f"{ev.filename}  ({_human_size(ev.size)})")
            item.setData(Qt.ItemDataRole.UserRole, ev.id)
            item.setToolTip(f"SHA-256 {ev.sha256}\n{ev.added_at}")
            self.evidence.addItem(item)
        self._update_evidence_buttons()

    def _selected_evidence(self):
        items = self.evidence.selectedItems()
        return items[0] if items else None

    def _update_evidence_buttons(self) -> None:
        """打开 / 移除 only with a file selected (移除 only where the form can be edited)."""
        selected = self._selected_evidence() is not None
        self.open_button.setEnabled(selected)
        self.remove_button.setEnabled(selected and self.editable)

    def _on_open(self, item) -> None:
        if item is not None:
            self.sig_evidence_open_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _on_remove(self) -> None:
        item = self._selected_evidence()
        if item is not None and self.editable:
            self.sig_evidence_remove_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def dragEnterEvent(self, event) -> None:
        if self.point is not None and self.editable and event.mimeData().hasUrls():
            if any(u.isLocalFile() for u in event.mimeData().urls()):
                event.acceptProposedAction()
                return
        event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        paths = [p for p in paths if Path(p).is_file()]
        if paths and self.point is not None and self.editable:
            event.acceptProposedAction()
            self.sig_evidence_add_requested.emit(self.point.number, paths)
        else:
            event.ignore()
