"""Screenshots of the main window for docs/ on the screens of county office PCs.

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python scripts/gui_screenshots.py                       # docs/screenshot-main-zh.png, -en.png
    xvfb-run -a -s "-screen 0 1024x768x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python scripts/gui_screenshots.py --suffix -1024x768    # the smallest screen
    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=1.5 \
        .venv/bin/python scripts/gui_screenshots.py --suffix -150pct      # 1366x768 at 150 % scaling

The window is shown as the application sizes it on that screen (it must fit)
and then maximised, as office users run it; the whole screen is captured.

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


def main() -> int:
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--suffix", default="", help="added to the file names, e.g. -1024x768")
    ap.add_argument("--langs", default="zh,en")
    args = ap.parse_args()
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
    for lang in args.langs.split(","):
        session = jlip_app.start(jlip_app.parse_args(["--db", str(db), "--lang", lang]))
        assert not isinstance(session, int)
        w = session.window
        avail = w.screen().availableGeometry()
        print(f"{lang}: window {w.width()}x{w.height()} on an available {avail.width()}x{avail.height()}")
        assert w.width() <= avail.width() and w.height() <= avail.height(), "larger than the screen"
        w.showMaximized()
        drafts = [a for a in session.store.list_assessments() if a.status == "draft"]
        target = min(drafts, key=lambda a: session.store.score(a.id).answered) if drafts else None
        if target is not None:
            w.open_assessment(target.id)
            cat = w.view.catalog
            w.view.select_point(next(n for n, p in cat.points.items() if p.kind == "domains"))
        for _ in range(5):
            qapp.processEvents()
        for _ in range(5):
            qapp.processEvents()
        shot = w.screen().grabWindow(0) if os.environ.get("QT_QPA_PLATFORM") == "xcb" else w.grab()
        out = ROOT / "docs" / f"screenshot-main-{lang}{args.suffix}.png"
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
