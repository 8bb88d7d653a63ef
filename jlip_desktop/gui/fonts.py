"""The shipped CJK font, registered at start so Chinese renders without a system CJK font."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ..core.resources import cjk_font_path


@cache
def cjk_family() -> str | None:
    """Register resources/fonts/<cjk font> once; its family name, or None if it could not be loaded."""
    path = cjk_font_path()
    if not path.is_file():
        return None
    fid = QFontDatabase.addApplicationFont(str(path))
    if fid < 0:
        return None
    families = QFontDatabase.applicationFontFamilies(fid)
    return families[0] if families else None


def install_cjk_font(app: QApplication) -> str | None:
    """Add the shipped font after the system UI font in the application font's family list.

Latin text keeps the system font; characters it lacks (Chinese on a machine
without a CJK font) fall back to the shipped one.  (PySide6 does not expose
QFontDatabase.addApplicationFallbackFontFamily, so the family list does it.)
"""
    family = cjk_family()
    if family is None:
        return None
    font = QFont(app.font())
    families = [f for f in font.families() if f != family] or [font.family()]
    font.setFamilies([*families, family])
    app.setFont(font)
    return family
