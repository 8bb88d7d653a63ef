"""Desktop application benchmark: start-up, edit latency and memory, as ratios taken in one run.

    python bench/bench_gui.py [--repeats 7] [--edits 1000]

* start-up: wall time from launching a Python process to the main window
  being shown with the event loop idle, on a copy of the sample database,
  against a bare PySide6 window holding one pyqtgraph plot launched the
  same way (median of interleaved runs);
* peak memory (max RSS) of the same two processes, at that moment;
* edit latency, in this process: from an edit (the same path as a click in
  the form: an undo command that writes through the store) to the tree,
  total, grade and progress showing the new score — median and 99th
  percentile over N edits; also with the repaint (processEvents) included.

Targets (see the desktop application issue): start-up and memory at most
1.5x the bare window; edit p99 under 16 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

READY = "READY"

BARE = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg

app = QApplication(sys.argv[:1])
win = QMainWindow()
plot = pg.PlotWidget()
plot.plot([1, 3, 2, 5, 4])
win.setCentralWidget(plot)
win.resize(1366, 740)
win.show()

def ready():
    rss = 0
    try:
        import resource
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    except ImportError:
        pass
    print("READY", rss, flush=True)
    app.quit()

QTimer.singleShot(0, ready)
app.exec()
"""

APP = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from jlip_desktop.gui import app as jlip_app

session = jlip_app.start(jlip_app.parse_args(["--db", sys.argv[1]]))
assert not isinstance(session, int), session

def ready():
    rss = 0
    try:
        import resource
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    except ImportError:
        pass
    print("READY", rss, flush=True)
    session.close()
    QApplication.instance().quit()

QTimer.singleShot(0, ready)
QApplication.instance().exec()
"""


def run_child(code: str, args: list[str], env: dict) -> tuple[float, int]:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, text=True, cwd=str(ROOT))
    line = ""
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith(READY):
            break
    t1 = time.perf_counter()
    _out, err = proc.communicate(timeout=120)
    if not line.startswith(READY):
        raise SystemExit(f"child did not start:\n{err}")
    return t1 - t0, int(line.split()[1])


def child_env(tmp: Path) -> dict:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "APPDATA", "LOCALAPPDATA"):
        env[var] = str(tmp / var.lower())
    env["JLIP_DATA_DIR"] = str(tmp / "data")
    # Bytecode as an installed copy has it (pip and PyInstaller ship .pyc): written by the first (warm-up)
    # run into a folder of this run, read by the measured ones.  Without it every run compiles the package.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def sample_copy(tmp: Path) -> Path:
    from jlip_desktop.core import paths
    from jlip_desktop.core.scoring import best_value
    from jlip_desktop.core.store import Store

    db = tmp / "示例 库.sqlite"
    sample = paths.sample_db_path()
    if sample.is_file():
        shutil.copyfile(sample, db)
    else:  # a stand-in with a few assessments
        with Store(db, create=True) as st:
            cat = st.catalog("jilin-2021")
            for i, code in enumerate(("220100", "220200", "220300")):
                st.new_assessment(code, 2021, "", answers={n: best_value(p) for n, p in cat.points.items()
                                                           if n % (i + 2)})
    return db


def bench_startup(db: Path, repeats: int, tmp: Path) -> dict:
    env = child_env(tmp)
    run_child(BARE, [], env)  # warm the file cache for both
    run_child(APP, [str(db)], env)
    bare_t, app_t, bare_m, app_m = [], [], [], []
    for _ in range(repeats):
        t, m = run_child(BARE, [], env)
        bare_t.append(t)
        bare_m.append(m)
        t, m = run_child(APP, [str(db)], env)
        app_t.append(t)
        app_m.append(m)
    return {
        "bare_s": statistics.median(bare_t), "app_s": statistics.median(app_t),
        "bare_kb": statistics.median(bare_m), "app_kb": statistics.median(app_m),
    }


def percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(q / 100 * (len(s) - 1))))
    return s[k]


def bench_edits(db: Path, edits: int) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from jlip_desktop.core.scoring import best_value, worst_value
    from jlip_desktop.core.store import Store
    from jlip_desktop.gui.fonts import install_cjk_font
    from jlip_desktop.gui.mainwindow import MainWindow
    from jlip_desktop.gui.treemodel import ScoreRole

    app = QApplication.instance() or QApplication([])
    install_cjk_font(app)
    store = Store(db, create=True)
    src = store.list_assessments()
    aid = store.duplicate_assessment(src[0].id, max(store.years()) + 1) if src else \
        store.new_assessment("220100", 2021, "")
    win = MainWindow(store, "zh")
    win.resize(1366, 740)
    win.show()
    win.open_assessment(aid)
    app.processEvents()
    view = win.view
    cat = view.catalog
    points = list(cat.points)
    logic, painted = [], []
    for i in range(edits):
        n = points[i % len(points)]
        p = cat.points[n]
        value = best_value(p) if view.answers.get(n) != best_value(p) else worst_value(p)
        view.select_point(n)  # the user is on the point, then changes it
        app.processEvents()
        t0 = time.perf_counter()
        view.edit_answer(n, value)
        t1 = time.perf_counter()
        app.processEvents()
        t2 = time.perf_counter()
        assert view.model.index_for("point", n).data(ScoreRole) == view.current_score.points[n]
        logic.append((t1 - t0) * 1000)
        painted.append((t2 - t0) * 1000)
    win.close()
    store.close()
    return {
        "edit_median_ms": statistics.median(logic), "edit_p99_ms": percentile(logic, 99),
        "paint_median_ms": statistics.median(painted), "paint_p99_ms": percentile(painted, 99),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--edits", type=int, default=1000)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="jlip-bench-") as t:
        tmp = Path(t)
        os.environ["JLIP_DATA_DIR"] = str(tmp / "data-inproc")
        db = sample_copy(tmp)
        start = bench_startup(db, args.repeats, tmp)
        edits = bench_edits(db, args.edits)
    rows = [
        ("start-up to interactive window", f"{start['app_s'] * 1000:.0f} ms", f"{start['bare_s'] * 1000:.0f} ms",
         f"{start['app_s'] / start['bare_s']:.2f}x", "<= 1.5x"),
    ]
    if start["bare_kb"]:
        rows.append(("peak memory (max RSS)", f"{start['app_kb'] / 1024:.0f} MB", f"{start['bare_kb'] / 1024:.0f} MB",
                     f"{start['app_kb'] / start['bare_kb']:.2f}x", "<= 1.5x"))
    rows += [
        (f"edit -> tree+total, median ({args.edits} edits)", f"{edits['edit_median_ms']:.2f} ms", "", "", ""),
        (f"edit -> tree+total, p99 ({args.edits} edits)", f"{edits['edit_p99_ms']:.2f} ms", "", "", "< 16 ms"),
        ("edit -> repainted, median", f"{edits['paint_median_ms']:.2f} ms", "", "", ""),
        ("edit -> repainted, p99", f"{edits['paint_p99_ms']:.2f} ms", "", "", "< 16 ms"),
    ]
    head = ("measure", "jlip-desktop", "bare window", "ratio", "target")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(5)]
    for r in [head, *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
    print(f"(start-up: median of {args.repeats} interleaved runs each; bare window = PySide6 QMainWindow with one "
          "pyqtgraph PlotWidget; QT_QPA_PLATFORM=" + os.environ.get("QT_QPA_PLATFORM", "") + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
