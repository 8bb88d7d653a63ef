"""Window sizes that fit the screen they are on (small office screens, 125–150 % scaling).

Every top-level window is sized from the available geometry of its screen
(the desktop minus the taskbar, in Qt's device-independent pixels, so a
1366×768 screen at 150 % is about 910×512), never larger; a saved geometry is
restored only if it still fits a screen; panes keep a usable minimum width
measured in characters of the current font rather than in pixels.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter, QWidget

# What the window manager adds around a window (title bar and borders), in logical pixels; Windows 10 at
# 100 % uses about 31 + 8, Qt scales it with the screen.
FRAME_W = 16
FRAME_H = 40


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The usable part of the screen the widget is on (or of the primary screen)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 738)


def fit_to_screen(win: QWidget, width: int, height: int, *, fraction: float = 1.0) -> tuple[int, int]:
    """Resize `win` to width×height, shrunk to the available screen (frame included) and centred on it.

    `fraction` < 1 leaves some of the screen around a secondary window.  Returns the client size used.
    """
    avail = available_geometry(win)
    w = max(200, min(width, int(avail.width() * fraction) - FRAME_W))
    h = max(150, min(height, int(avail.height() * fraction) - FRAME_H))
    win.resize(w, h)
    x = avail.x() + max(0, (avail.width() - w - FRAME_W) // 2)
    y = avail.y() + max(0, (avail.height() - h - FRAME_H) // 2)
    win.move(x, y)
    return w, h


def fits(rect: QRect, widget: QWidget | None = None) -> bool:
    """Does `rect` (a frame geometry) lie within the available area of some screen?"""
    for screen in QGuiApplication.screens():
        avail = screen.availableGeometry().adjusted(-8, -8, 8, 8)  # maximised windows overhang a little
        if avail.contains(rect):
            return True
    return False


def restore_or_fit(win: QWidget, saved, width: int, height: int) -> bool:
    """Restore a saved geometry if it still fits a screen, else size the window to fit; True if restored."""
    if isinstance(saved, QByteArray) and not saved.isEmpty() and win.restoreGeometry(saved):
        if fits(win.frameGeometry() if win.isVisible() else win.geometry().adjusted(0, -FRAME_H + 8, 0, 0), win):
            return True
    fit_to_screen(win, width, height)
    return False


def char_width(widget: QWidget, chars: int) -> int:
    """The width of `chars` average characters of the widget's font (CJK characters are about 2 of them)."""
    return widget.fontMetrics().averageCharWidth() * chars


def keep_panes_usable(splitter: QSplitter, minimum_chars: list[int]) -> None:
    """Give each pane of the splitter a minimum width in characters and stop panes collapsing to nothing."""
    splitter.setChildrenCollapsible(False)
    for i, chars in enumerate(minimum_chars):
        w = splitter.widget(i)
        if w is not None and chars:
            w.setMinimumWidth(char_width(w, chars))
