"""Screenshots of the main window for docs/ (1366x768, the common office-PC size).

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python scripts/gui_screenshots.py

Opens a copy of the sample database in a temporary data folder (so no real
settings are touched), shows a draft assessment with unanswered points and a
domain checklist, and saves docs/screenshot-main-zh.png and -en.png.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1366, 768)


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="jlip-shots-"))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(tmp / var.lower())
    os.environ["JLIP_DATA_DIR"] = str(tmp / "data")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from jlip_desktop.core import paths
    from jlip_desktop.gui import app as jlip_app

    db = tmp / "示例 库.sqlite"
    shutil.copyfile(paths.sample_db_path(), db)
    qapp = QApplication([sys.argv[0]])
    for lang in ("zh", "en"):
        session = jlip_app.start(jlip_app.parse_args(["--db", str(db), "--lang", lang]))
        assert not isinstance(session, int)
        w = session.window
        w.setGeometry(0, 0, *SIZE)
        drafts = [a for a in session.store.list_assessments() if a.status == "draft"]
        target = min(drafts, key=lambda a: session.store.score(a.id).answered) if drafts else None
        if target is not None:
            w.open_assessment(target.id)
            cat = w.view.catalog
            w.view.select_point(next(n for n, p in cat.points.items() if p.kind == "domains"))
        for _ in range(5):
            qapp.processEvents()
        shot = w.screen().grabWindow(0, 0, 0, *SIZE) if os.environ.get("QT_QPA_PLATFORM") == "xcb" else w.grab()
        out = ROOT / "docs" / f"screenshot-main-{lang}.png"
        out.parent.mkdir(exist_ok=True)
        # A 256-colour palette keeps the PNG small (< 300 KB) without visible loss on a flat UI.
        image = shot.toImage().convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.AvoidDither)
        image.save(str(out), "PNG", 0)
        print(out, image.width(), image.height(), out.stat().st_size)
        session.close()
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
