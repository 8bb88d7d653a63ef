"""The desktop application: the only package that imports Qt.

PySide6 6.12 (a stable-ABI build) hands back `None` from void methods and
`True` from `SignalInstance.emit()` without taking a reference for them.
On Python 3.12+ those singletons are immortal, so nothing happens; on 3.11
every `label.setText(...)` takes one reference away from `None`, and after a
few thousand calls the interpreter aborts with "none_dealloc: deallocating
None".  `_guard_singletons` makes None, True and False effectively immortal
here too — when, and only when, the leak is observed — before any widget
exists.
"""

from __future__ import annotations

import sys


def _leaks() -> bool:
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        sig = Signal()

    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(8):
        probe.setObjectName("probe")  # a void method
        probe.sig.emit()
    return sys.getrefcount(None) < none_before or sys.getrefcount(True) < true_before


def _guard_singletons() -> bool:
    """Pin None/True/False if PySide drops references to them (Python < 3.12 only)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not _leaks():
        return False
    import ctypes

    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40  # ob_refcnt is the first field
    return True


SINGLETON_GUARD = _guard_singletons()
