"""PySide6's emit() must not be able to run the interpreter out of references to True."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import jlip_desktop.gui  # noqa: F401  (installs the guard)


class _Emitter(QObject):
    sig = Signal(int)


def test_many_emits_leave_true_alive(qapp):
    e = _Emitter()
    got = []
    e.sig.connect(got.append)
    for i in range(5000):
        e.sig.emit(i)
    assert len(got) == 5000
    assert sys.getrefcount(True) > 1000
    assert sys.getrefcount(False) > 1000
