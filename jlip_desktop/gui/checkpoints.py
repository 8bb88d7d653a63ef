"""The database's WAL copied into the database file while the window is idle.

Every commit appends to the WAL and is on disk before the edit is shown
(synchronous = FULL).  By default SQLite copies the WAL back into the
database file inside whichever commit finds it over 1,000 pages: that one
edit then takes tens of milliseconds longer than the others.  The window's
store defers the copy (`Store.defer_checkpoints`, which still bounds the
WAL) and runs it (`Store.checkpoint`, PASSIVE: it never waits for another
program) a moment after the last change, when nobody is waiting for the
screen.  Closing the store runs one as well.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from ..core.store import Store


class IdleCheckpoint(QObject):
    """Checkpoints `store` IDLE_MS after its last change (a write of this program, through the store)."""

    IDLE_MS = 2000

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.runs = 0  # checkpoints run (tests)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(self.IDLE_MS)
        self.timer.timeout.connect(self.run)
        if store.read_only:
            return
        store.defer_checkpoints()
        subscription = store.subscribe(self._changed)
        self.destroyed.connect(lambda *_a: subscription.unsubscribe())

    def _changed(self, _change) -> None:
        self.timer.start()  # (re)started: the copy waits for a pause in the edits

    def run(self) -> None:
        self.timer.stop()
        self.store.checkpoint()
        self.runs += 1
