"""The PySide6 in use must not drop references to None or True (see jlip_desktop/gui/__init__.py)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer, Signal


class _Emitter(QObject):
    sig = Signal(int)


def test_void_calls_and_emits_keep_references_to_none_and_true(qapp):
    e = _Emitter()
    got = []
    e.sig.connect(got.append)
    timer = QTimer()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(5000):
        e.sig.emit(i)
        timer.stop()
        e.setObjectName("x")
    assert len(got) == 5000
    assert sys.getrefcount(None) >= none_before - 50
    assert sys.getrefcount(True) >= true_before - 50
