"""Screenshots of the radars (the 图表 tab) and the province dashboard, as a county PC shows them.

    xvfb-run -a -s "-screen 0 1024x768x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python scripts/view_screenshots.py --out docs
    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=1.5 \
        .venv/bin/python scripts/view_screenshots.py --out /tmp/shots --suffix -150

Opens a copy of the sample database in a temporary data folder, maximises the
main window on the screen given, shows the 图表 tab of an assessment, then the
dashboard (sized by the application itself), and saves
screenshot-radar{suffix}.png and screenshot-dashboard{suffix}.png.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "docs"))
    ap.add_argument("--suffix", default="")
    ap.add_argument("--lang", default="zh")
    ap.add_argument("--db", help="a database to show instead of the sample")
    args = ap.parse_args(argv)
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
    shutil.copyfile(args.db or paths.sample_db_path(), db)
    qapp = QApplication([sys.argv[0]])
    session = jlip_app.start(jlip_app.parse_args(["--db", str(db), "--lang", args.lang]))
    assert not isinstance(session, int)
    w = session.window
    avail = w.screen().availableGeometry()
    w.setGeometry(avail)
    submitted = [a for a in session.store.list_assessments() if a.status == "submitted"]
    if submitted:
        w.open_assessment(submitted[0].id)
    w.view.tabs.setCurrentWidget(w.view.charts_holder)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    xcb = os.environ.get("QT_QPA_PLATFORM") == "xcb"

    def settle():
        for _ in range(8):
            qapp.processEvents()

    def save(widget, name):
        settle()
        g = widget.frameGeometry()
        shot = widget.screen().grabWindow(0, g.x(), g.y(), g.width(), g.height()) if xcb else widget.grab()
        image = shot.toImage().convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.AvoidDither)
        path = out / f"{name}{args.suffix}.png"
        image.save(str(path), "PNG", 0)
        print(path, image.width(), image.height(), widget.width(), widget.height())

    w.show()
    save(w, "screenshot-radar")
    w.show_dashboard()
    dash = w.dashboard_window
    settle()
    print("dashboard window", dash.frameGeometry().getRect(), "screen", avail.getRect())
    save(dash, "screenshot-dashboard")
    session.close()
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
