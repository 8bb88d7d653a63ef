"""Helpers for the shell's GUI tests: a main window on a copy of the sample, message boxes answered, texts walked."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
LATIN = re.compile(r"[A-Za-z]")
# Latin text that is allowed in the Chinese UI: codes, numbers, file names, product and format names.
ALLOWED = re.compile(
    r"^(?:[\w\-. ()\[\]/\\:+×~%—–·…]*\.(?:xlsx|pdf|sqlite|zip|png|json|txt|log|lock)"  # file names
    r"|jlip-desktop(?: [\d.]+)?|PDF|Excel|PNG|English|中文|Ctrl\+\w|Alt\+\S+|Shift\+\S+|F\d+"
    r"|[A-Z]:\\.*|/.*"  # paths
    r"|[\d\s.,:;/%()+\-–—×·…#]*"  # numbers
    r")$"
)


def sample_copy(tmp_path: Path, name: str = "样例 数据.sqlite") -> Path:
    from jlip_desktop.core import paths

    target = tmp_path / name
    shutil.copyfile(paths.sample_db_path(), target)
    return target


def temp_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def latin_only(text: str) -> bool:
    """A visible text with Latin letters and no Chinese, not on the allow-list."""
    text = text.replace("&&", "").replace("&", "").strip()
    if not text or CJK.search(text) or not LATIN.search(text):
        return False
    return not ALLOWED.match(text)


def _model_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    header = view.horizontalHeader() if isinstance(view, QTableView) else (
        view.header() if isinstance(view, QTreeView) else None)
    if header is None or header.isHidden():
        return []
    out = []
    for i in range(header.count()):
        v = model.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if isinstance(v, str):
            out.append(v)
    return out


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every user-visible text of a window: titles, labels, buttons, tooltips, menus, headers."""
    out: list[tuple[str, str]] = [("windowTitle", root.windowTitle())]
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        name = f"{type(w).__name__}:{w.objectName()}"
        if w.toolTip():
            out.append((name + ".toolTip", w.toolTip()))
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append((name, w.text()))
        if isinstance(w, QLineEdit) and w.placeholderText():
            out.append((name + ".placeholder", w.placeholderText()))
        if isinstance(w, QGroupBox):
            out.append((name, w.title()))
        if isinstance(w, QTabWidget):
            out.extend((name + ".tab", w.tabText(i)) for i in range(w.count()))
        if isinstance(w, QComboBox):
            out.extend((name + ".item", w.itemText(i)) for i in range(w.count()))
        if isinstance(w, QMenu):
            out.append((name + ".title", w.title()))
            out.extend((name + ".action", a.text()) for a in w.actions() if not a.isSeparator())
            out.extend((name + ".actionTip", a.toolTip()) for a in w.actions() if not a.isSeparator())
        if isinstance(w, QAbstractItemView):
            out.extend((name + ".header", t) for t in _model_texts(w))
    return out


def latin_texts(root: QWidget) -> list[tuple[str, str]]:
    return [(where, text) for where, text in visible_texts(root) if latin_only(text)]
