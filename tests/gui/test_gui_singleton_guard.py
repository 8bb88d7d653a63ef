"""PySide6 must not be able to run the interpreter out of references to None or True."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer, Signal

import jlip_desktop.gui  # noqa: F401  (installs the guard)


class _Emitter(QObject):
    sig = Signal(int)


def test_many_emits_and_void_calls_leave_the_singletons_alive(qapp):
    e = _Emitter()
    got = []
    e.sig.connect(got.append)
    timer = QTimer()
    for i in range(5000):
        e.sig.emit(i)
        timer.stop()
    assert len(got) == 5000
    for obj in (None, True, False):
        assert sys.getrefcount(obj) > 1000
