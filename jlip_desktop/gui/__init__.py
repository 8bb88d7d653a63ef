"""The desktop application: the only package that imports Qt.

On CPython before 3.12, PySide6 6.12's `SignalInstance.emit()` returns
`True` without taking a reference for it, so every emit takes one reference
away from the `True` singleton; after a few hundred signals the interpreter
aborts with "bool_dealloc: deallocating True or False".  Python 3.12 made
`True` and `False` immortal; `_guard_bool_refcounts` does the same here when
(and only when) the leak is observed, before any widget exists.
"""

from __future__ import annotations

import sys


def _emit_leaks_true() -> bool:
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        sig = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.sig.emit()
    return sys.getrefcount(True) < before


def _guard_bool_refcounts() -> bool:
    """Make True/False effectively immortal if PySide's emit leaks references to them."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not _emit_leaks_true():
        return False
    import ctypes

    for obj in (True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40  # ob_refcnt is the first field
    return True


BOOL_GUARD = _guard_bool_refcounts()
