"""A one-line label that gives way with … instead of being cut mid-character."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QWidget


class ElidedLabel(QLabel):
    """Shows its text cut with … (at the end, or in the middle for a path) to the width the layout gives it.

    `text()` and the size hint stay the whole text, so a layout still offers the room it wants and callers
    read what they set; `shown_text()` is what is drawn.  Set a tooltip with the whole text where it matters.
    """

    def __init__(self, mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight, parent: QWidget | None = None):
        super().__init__(parent)
        self._mode = mode

    def shown_text(self) -> str:
        return self.fontMetrics().elidedText(self.text(), self._mode, max(0, self.contentsRect().width()))

    def paintEvent(self, _event) -> None:  # noqa: N802 — Qt's name
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment() | Qt.AlignmentFlag.AlignVCenter),
                                  self.palette(), self.isEnabled(), self.shown_text(), self.foregroundRole())
