"""The desktop application: the only package that imports Qt.

PySide6 is pinned below 6.12 (pyproject.toml): PySide6-Essentials 6.12.0 on
Python 3.11 returns `None` from void methods and `True` from
`SignalInstance.emit()` without taking a reference, so after a few thousand
calls the interpreter aborts ("deallocating None").  6.11 and earlier don't;
tests/gui/test_gui_singleton_guard.py fails if an upgrade brings it back.
"""
