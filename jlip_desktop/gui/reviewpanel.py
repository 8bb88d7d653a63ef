"""The province's verdict on one point, beside the county's answer (review mode).

At the province (an imported assessment) the panel is an editor: accept the
county's answer, adjust it (the verified answer, in an editor of the point's
kind, checked by the core like any answer), or raise an issue, with a
comment.  At the county (a review received from the province) it shows the
verdict and comment, read-only.  Like the point form it only *emits* what
the user did; the assessment view writes it through core/review.py.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.catalog import Point
from ..core.scoring import Value, fmt
from .readouts import answer_text, verdict_text

VERDICT_KEYS = ("accept", "adjust", "issue", None)  # None: no verdict (counts as accepted)


class ReviewPanel(QGroupBox):
    """Verdict editor (province) or verdict display (county) for the point shown."""

    sig_verdict_requested = Signal(int, object, object, str)
    """Save a verdict: (point, "accept" | "adjust" | "issue" | None to withdraw, verified value or None, comment)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        self.point: Point | None = None
        self.verdict = None
        self.lang = "zh"
        self.editable = False
        self._shown: tuple | None = None  # what was last loaded, to tell whether something is unsaved
        lay = QVBoxLayout(self)
        self.received = QLabel()
        self.received.setObjectName("receivedVerdict")
        self.received.setWordWrap(True)
        self.received.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.received)

        self.editor = QWidget()
        ed = QVBoxLayout(self.editor)
        ed.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.radios: dict[str | None, QRadioButton] = {}
        for i, key in enumerate(VERDICT_KEYS):
            b = QRadioButton()
            self.group.addButton(b, i)
            self.radios[key] = b
            row.addWidget(b)
        row.addStretch(1)
        ed.addLayout(row)
        self.group.idToggled.connect(self._on_verdict_toggled)
        vrow = QHBoxLayout()
        self.value_caption = QLabel()
        vrow.addWidget(self.value_caption)
        self.yesno = QComboBox()
        self.count = QSpinBox()
        self.count.setRange(0, 1_000_000)
        self.graded = QDoubleSpinBox()
        self.domains = QListWidget()
        self.domains.setMaximumHeight(92)
        self._value_editors = (self.yesno, self.count, self.graded, self.domains)
        for w in self._value_editors:  # one is shown, for the point's kind
            vrow.addWidget(w, 1 if w is self.domains else 0)
            w.setVisible(False)
        vrow.addStretch(1)
        ed.addLayout(vrow)
        self.comment_caption = QLabel()
        ed.addWidget(self.comment_caption)
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setMaximumHeight(56)
        self.comment_caption.setBuddy(self.comment)
        ed.addWidget(self.comment)
        brow = QHBoxLayout()
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        brow.addWidget(self.save_button)
        brow.addStretch(1)
        ed.addLayout(brow)
        lay.addWidget(self.editor)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Province review of this point"))
        texts = {"accept": self.tr("Accept (&K)"), "adjust": self.tr("Ad&just"), "issue": self.tr("Issue (&Q)"),
                 None: self.tr("No verdict")}
        for key, b in self.radios.items():
            b.setText(texts[key])
        self.radios[None].setToolTip(self.tr("Without a verdict the county's answer counts as accepted"))
        self.value_caption.setText(self.tr("Verified answer:"))
        self.comment_caption.setText(self.tr("Co&mment"))
        self.save_button.setText(self.tr("Save verdi&ct"))
        self.yesno.clear()
        self.yesno.addItems([self.tr("yes"), self.tr("no")])
        if self.point is not None:
            self._load()

    # -- showing --------------------------------------------------------------
    def show_point(self, point: Point, verdict, county_value: Value | None, editable: bool, lang: str) -> None:
        """`verdict` is a core PointVerdict or None; `editable`: the province may change it."""
        self.point, self.verdict, self.lang, self.editable = point, verdict, lang, editable
        self._county_value = county_value
        self._load()

    def _load(self) -> None:
        p, v = self.point, self.verdict
        self.editor.setVisible(self.editable)
        if not self.editable:
            if v is None:
                self.received.setText(self.tr("Province: no verdict on this point (the answer stands)."))
            else:
                text = self.tr("Province: {0}").format(verdict_text(v.verdict))
                if v.verdict == "adjust" and v.value is not None:
                    text += self.tr(" — verified answer: {0}").format(answer_text(p, v.value, self.lang))
                if v.comment:
                    text += "\n" + self.tr("Comment: {0}").format(v.comment)
                self.received.setText(text)
            self.received.setProperty("verdict", v.verdict if v else "none")
            self.received.style().unpolish(self.received)
            self.received.style().polish(self.received)
            self.received.setVisible(True)
            return
        self.received.setVisible(False)
        key = v.verdict if v is not None else None
        self.group.blockSignals(True)
        self.radios[key].setChecked(True)
        self.group.blockSignals(False)
        self._build_value(p, v.value if v is not None and v.value is not None else self._county_value)
        self.comment.setPlainText(v.comment if v is not None else "")
        self._on_verdict_toggled()
        self._shown = self._current()

    def _show_editor(self, editor: QWidget) -> None:
        for w in self._value_editors:
            w.setVisible(w is editor)

    def _build_value(self, p: Point, value: Value | None) -> None:
        if p.kind == "yesno":
            self._show_editor(self.yesno)
            self.yesno.setCurrentIndex(1 if value is False else 0)
        elif p.kind == "count":
            self._show_editor(self.count)
            self.count.setValue(int(value) if value is not None else 0)
        elif p.kind == "graded":
            self._show_editor(self.graded)
            self.graded.setDecimals(max(0, -p.step.normalize().as_tuple().exponent))
            self.graded.setRange(0, float(p.max))
            self.graded.setSingleStep(float(p.step))
            self.graded.setValue(float(value) if value is not None else 0.0)
            self.graded.setSuffix(self.tr(" (0 to {0}, steps of {1})").format(fmt(p.max), fmt(p.step)))
        else:
            self._show_editor(self.domains)
            self.domains.clear()
            names = p.domains_en if self.lang == "en" and p.domains_en else p.domains
            ticked = set(value or ())
            for key, shown in zip(p.domains, names, strict=False):
                item = QListWidgetItem(shown)
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if key in ticked else Qt.CheckState.Unchecked)
                self.domains.addItem(item)

    def _on_verdict_toggled(self, *_args) -> None:
        adjust = self.radios["adjust"].isChecked()
        self.value_caption.setEnabled(adjust)
        for w in self._value_editors:
            w.setEnabled(adjust)

    # -- reading what the user set ---------------------------------------------
    def verdict_key(self) -> str | None:
        return next(k for k, b in self.radios.items() if b.isChecked())

    def value(self) -> Value | None:
        p = self.point
        if p.kind == "yesno":
            return self.yesno.currentIndex() == 0
        if p.kind == "count":
            self.count.interpretText()
            return int(self.count.value())
        if p.kind == "graded":
            self.graded.interpretText()
            return Decimal(str(round(self.graded.value(), 6))).normalize()
        return tuple(self.domains.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.domains.count())
                     if self.domains.item(i).checkState() == Qt.CheckState.Checked)

    def _current(self) -> tuple:
        key = self.verdict_key()
        return key, self.value() if key == "adjust" else None, self.comment.toPlainText().strip()

    def has_pending(self) -> bool:
        return self.editable and self.point is not None and self._shown is not None and self._current() != self._shown

    def save(self) -> None:
        if self.point is None or not self.editable:
            return
        key, value, comment = self._current()
        self._shown = (key, value, comment)
        self.sig_verdict_requested.emit(self.point.number, key, value, comment)

    def commit_pending(self) -> None:
        """Save a verdict changed but not saved yet (called before the panel shows another point)."""
        if self.has_pending():
            self.save()
