"""Draws the application icon (resources/icons/jlip-desktop.png and .ico) with the shipped CJK font.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icon.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter, QPainterPath  # noqa: E402

from jlip_desktop.core.resources import cjk_font_path  # noqa: E402


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    m = size * 0.04
    path.addRoundedRect(QRectF(m, m, size - 2 * m, size - 2 * m), size * 0.18, size * 0.18)
    p.fillPath(path, QColor("#1f5fa8"))
    family = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(cjk_font_path())))[0]
    f = QFont(family)
    f.setPixelSize(int(size * 0.62))
    p.setFont(f)
    p.setPen(QColor("white"))
    p.drawText(QRectF(0, -size * 0.02, size, size), Qt.AlignmentFlag.AlignCenter, "知")
    p.end()
    return img


def main() -> None:
    QGuiApplication.instance() or QGuiApplication([])
    out = ROOT / "resources" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(out / "jlip-desktop.png"))
    draw(64).save(str(out / "jlip-desktop.ico"))
    print(out / "jlip-desktop.png", out / "jlip-desktop.ico")


if __name__ == "__main__":
    main()
