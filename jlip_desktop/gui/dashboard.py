"""Province dashboard.  Work in progress."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget


class DashboardWidget(QWidget):
    sig_assessment_requested = Signal(int)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store

    def set_year(self, year):
        pass

    def set_language(self, lang):
        pass

    def refresh(self):
        pass
