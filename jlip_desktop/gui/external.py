"""Commits of other programs to the open database, brought to the open views.

The views follow the store's change notification, which tells them of the
changes made through this store.  Another connection's commits (`jlip set`
or `jlip import-xlsx` in a console, a second window on the same file, a
script) are found by `Store.external_changes` (SQLite's data_version), asked
every INTERVAL_MS and whenever the application comes back to the front; it
publishes an "external" change and every view reads the database again
(a value being typed is kept: the form re-reads a point only when nothing is
pending in it).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from ..core.errors import BadInput
from ..core.store import Store

log = logging.getLogger(__name__)


class ExternalChanges(QObject):
    INTERVAL_MS = 2000

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.found = 0  # external commits found (tests)
        self._failed = False
        self.timer = QTimer(self)
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self.look)
        self.timer.start()
        app = QApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._state_changed)

    def _state_changed(self, state) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.look()

    def look(self) -> bool:
        """Ask the store once; True when another program had committed (the views then reload)."""
        try:
            found = self.store.external_changes()
        except BadInput as e:  # the file went away or can't be read: the next action says so, not a timer
            if not self._failed:
                log.warning("looking for other programs' changes failed: %s", e)
            self._failed = True
            return False
        self._failed = False
        if found:
            self.found += 1
        return found
