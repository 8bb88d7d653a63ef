"""Scale benchmark: the same measures on a one-year, 70-region database and on the national one, in one run.

    python bench/make_national_db.py /tmp/national.sqlite        # once (2,800 regions x 10 years)
    python bench/bench_scale.py /tmp/national.sqlite [--repeats 3] [--edits 300] [--skip-reports]

The small database is made in the same run: Jilin's 70 regions (the built-in
list), one year, every point answered.  Each measure runs in a fresh process
per database (offscreen), so the two compare like for like:

* dashboard open: DashboardWidget built, shown and idle, latest year (the CJK font
  installed first, as the app has it from start-up);
* GUI start-up to interactive: process launch to the main window shown with
  the event loop idle (as bench_gui.py), median of --repeats; once as usual
  (the file unchanged since it last passed the integrity check) and once
  with the check's stamp removed, as at the first start after a change;
* edit -> repainted: with the 图表 tab showing, an answer changed through the
  form's undo command until the event loop is idle again (tree, totals,
  radars painted), p50 and p99 over --edits edits;
* `jlip list --year Y --json` against sqlite3 + json reading the same rows
  (the budget's baseline: six columns of the assessments table), and, for
  context, against a script reading every field `list` prints (two joins);
* `jlip province-xlsx` and `jlip province-pdf` of the latest year: wall time
  and peak memory (max RSS of the process); the PDF also against a bare
  reportlab document of the same number of pages (a table row per region and
  a page per region with a drawing), for the memory budget.

Budgets (issue 16): dashboard of 2,800 <= 1.5 s; start-up national <= 1.3x
small; edit p99 < 16 ms on both; list --year <= 1.5x sqlite3+json; PDF peak
<= 1.5x the bare reportlab document.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_gui import APP, child_env, run_child  # noqa: E402

DASHBOARD = r"""
import sys, time, resource
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from jlip_desktop.core.store import Store
from jlip_desktop.gui.dashboard import DashboardWidget
import pyqtgraph  # imported before the clock starts: the bare cost of the library is not the dashboard's
from jlip_desktop.gui.fonts import install_cjk_font
install_cjk_font(app)  # as the app does at start-up (gui/app.py): the dashboard, opened from it, never loads the font
store = Store(sys.argv[1])
t1 = time.perf_counter()
dash = DashboardWidget(store)
dash.resize(1100, 680)
dash.show()
app.processEvents()
t2 = time.perf_counter()
print(t2 - t1, len(dash.rows()) + len(dash.excluded()))
"""

EDITS = r"""
import sys, time, statistics
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from jlip_desktop.core.scoring import best_value, worst_value
from jlip_desktop.core.store import Store
from jlip_desktop.gui.fonts import install_cjk_font
from jlip_desktop.gui.mainwindow import MainWindow
install_cjk_font(app)
store = Store(sys.argv[1])
edits = int(sys.argv[2])
year = max(store.years())
src = store.list_assessments(year=year)[0]
aid = store.duplicate_assessment(src.id, year + 1)
win = MainWindow(store, "zh")
win.resize(1366, 740)
win.show()
win.open_assessment(aid)
view = win.view
view.tabs.setCurrentWidget(view.charts_holder)
for _ in range(5):
    app.processEvents()
cat = view.catalog
points = [n for n, p in cat.points.items() if not p.requires] if hasattr(next(iter(cat.points.values())), "requires") else list(cat.points)
times = []
for i in range(edits):
    n = points[i % len(points)]
    p = cat.points[n]
    value = best_value(p) if view.answers.get(n) != best_value(p) else worst_value(p)
    view.select_point(n)
    app.processEvents()
    t0 = time.perf_counter()
    view.edit_answer(n, value)
    app.processEvents()
    times.append((time.perf_counter() - t0) * 1000)
win.close()
s = sorted(times)
print(statistics.median(times), s[max(0, min(len(s) - 1, round(0.99 * (len(s) - 1))))])
"""

SQLITE_JSON = r"""
import json, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
rows = con.execute("SELECT id, region, year, status, assessor, catalog FROM assessments WHERE year = ?",
                   (int(sys.argv[2]),)).fetchall()
sys.stdout.write(json.dumps([dict(zip(("id", "region", "year", "status", "assessor", "catalog"), r)) for r in rows],
                            ensure_ascii=False, indent=2))
"""

# The same rows with every field `jlip list --json` prints (the assessment, its region's name, its stored
# score summary), in its order: what a script would have to read to print the same list itself.
SQLITE_JSON_FIELDS = r"""
import json, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
keys = ("id", "region", "region_name", "year", "catalog", "status", "assessor", "total", "grade", "vetoed",
        "answered", "unanswered", "created_at", "updated_at", "submitted_at", "imported", "source_file",
        "source_revision", "review_status", "verified_total")
rows = con.execute(
    "SELECT a.id, a.region, r.name, a.year, a.catalog, a.status, a.assessor, c.total_1dp, c.grade, c.vetoed, "
    "c.answered, c.unanswered, a.created_at, a.updated_at, a.submitted_at, a.imported, a.source_file, "
    "a.source_revision, c.review_status, c.verified_total FROM assessments a "
    "LEFT JOIN regions r ON r.code = a.region LEFT JOIN score_cache c ON c.assessment_id = a.id "
    "WHERE a.year = ? ORDER BY r.sort, a.id", (int(sys.argv[2]),)).fetchall()
sys.stdout.write(json.dumps([dict(zip(keys, r)) for r in rows], ensure_ascii=False, indent=2))
"""

BARE_PDF = r"""
import sys
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table, PageBreak, Paragraph
from reportlab.graphics.shapes import Drawing, Polygon, String
from reportlab.lib.styles import getSampleStyleSheet
n = int(sys.argv[2])
styles = getSampleStyleSheet()
story = [Table([["%d" % i, "region %d" % i, "%.1f" % (i % 100)] for i in range(n)], repeatRows=0), PageBreak()]
for i in range(n):
    story.append(Paragraph("Region %d" % i, styles["Heading2"]))
    story.append(Paragraph("A paragraph of commentary for region %d. " % i * 6, styles["Normal"]))
    d = Drawing(300, 300)
    d.add(Polygon([150, 250, 250, 150, 150, 50, 50, 150], fillColor=None))
    d.add(String(150, 270, "axis", textAnchor="middle"))
    story.append(d)
    story.append(PageBreak())
SimpleDocTemplate(sys.argv[1], pagesize=A4).build(story)
"""

MEASURE = r"""
import resource, subprocess, sys, time
t0 = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
t1 = time.perf_counter()
if r.returncode:
    sys.exit(r.stderr)
print(t1 - t0, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def py(code: str, *args, env=None) -> str:
    r = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, env=env,
                       cwd=str(ROOT), timeout=3600)
    if r.returncode:
        raise SystemExit(f"child failed:\n{r.stderr[-3000:]}")
    return r.stdout.strip().splitlines()[-1]


def measured(cmd: list[str], env) -> tuple[float, float]:
    out = py(MEASURE, *cmd, env=env)
    t, kb = out.split()
    return float(t), int(kb) / 1024


# What the installed `jlip` command runs (pip's console-script launcher; PyInstaller's packaging/jlip.py does
# the same): not `python -m jlip_desktop.cli`, which adds runpy and loads the module twice.
LAUNCHER = "import sys; from jlip_desktop.cli import entry; sys.exit(entry())"


def jlip(*args) -> list[str]:
    return [sys.executable, "-c", LAUNCHER, *map(str, args)]


def small_db(path: Path) -> Path:
    from jlip_desktop.core.bulk import import_answers
    from jlip_desktop.core.store import Store

    sys.path.insert(0, str(ROOT / "bench"))
    from make_national_db import answers_docs

    with Store(path, create=True) as st:
        counties = [r.code for r in st.regions() if r.level != "province"]
        import_answers(st, answers_docs(st.catalog("jilin-2021"), counties, [2021]), submit=True, source="small")
    return path


def measure_db(db: Path, args, tmp: Path) -> dict:
    env = child_env(tmp)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    from jlip_desktop.core.store import Store

    with Store(db) as st:
        year = max(st.years())
        n = len(st.list_assessments(year=year))
    out: dict = {"year": year, "rows": n}
    t, _rows = py(DASHBOARD, db, env=env).split()
    out["dashboard_s"] = float(t)
    run_child(APP, [str(db)], env)  # warm
    out["startup_s"] = statistics.median(run_child(APP, [str(db)], env)[0] for _ in range(args.repeats))
    from jlip_desktop.core.database import check_stamp_path

    def unchecked():  # the first start after the file changed: the integrity check reads it all again
        check_stamp_path(db).unlink(missing_ok=True)
        return run_child(APP, [str(db)], env)[0]

    out["startup_changed_s"] = statistics.median(unchecked() for _ in range(args.repeats))
    import shutil

    scratch = tmp / f"edits-{db.stem}.sqlite"  # the edits add an assessment: never to the database measured
    shutil.copyfile(db, scratch)
    p50, p99 = py(EDITS, scratch, args.edits, env=env).split()
    scratch.unlink()
    out["edit_p50_ms"], out["edit_p99_ms"] = float(p50), float(p99)
    lt, st_, sf = [], [], []
    measured(jlip("list", "--db", db, "--year", year, "--json"), env)  # warm: bytecode, the file's check stamp
    for _ in range(args.repeats):
        lt.append(measured(jlip("list", "--db", db, "--year", year, "--json"), env)[0])
        st_.append(measured([sys.executable, "-c", SQLITE_JSON, str(db), str(year)], env)[0])
        sf.append(measured([sys.executable, "-c", SQLITE_JSON_FIELDS, str(db), str(year)], env)[0])
    out["list_s"], out["sqlite_json_s"] = statistics.median(lt), statistics.median(st_)
    out["sqlite_json_fields_s"] = statistics.median(sf)
    if not args.skip_reports:
        out["xlsx_s"], out["xlsx_mb"] = measured(jlip("province-xlsx", "--db", db, "--year", year, "-o",
                                                      tmp / f"p{n}.xlsx"), env)
        out["pdf_s"], out["pdf_mb"] = measured(jlip("province-pdf", "--db", db, "--year", year, "-o",
                                                    tmp / f"p{n}.pdf"), env)
        out["bare_pdf_s"], out["bare_pdf_mb"] = measured([sys.executable, "-c", BARE_PDF, str(tmp / f"bare{n}.pdf"),
                                                          str(n)], env)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("national", help="the database made by bench/make_national_db.py")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--edits", type=int, default=300)
    ap.add_argument("--skip-reports", action="store_true", help="leave out province-xlsx and province-pdf")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="jlip-scale-"))
    small = small_db(tmp / "small.sqlite")
    s = measure_db(small, args, tmp)
    big = measure_db(Path(args.national), args, tmp)

    def row(name, key, unit, fmt="{:.2f}", budget=""):
        a, b = s.get(key), big.get(key)
        if a is None or b is None:
            return
        ratio = b / a if a else float("nan")
        print(f"| {name} | {fmt.format(a)} {unit} | {fmt.format(b)} {unit} | {ratio:.2f}× | {budget} |")

    print(f"small: {s['rows']} assessments in {s['year']}; national: {big['rows']} in {big['year']}")
    print("| measure | 70 regions, 1 year | 2,800 regions × 10 years | ratio | budget |")
    print("| --- | --- | --- | --- | --- |")
    row("dashboard open", "dashboard_s", "s", budget="≤ 1.5 s at 2,800")
    row("GUI start-up to interactive", "startup_s", "s", budget="≤ 1.3×")
    row("the same, first start after the file changed", "startup_changed_s", "s")
    row("edit → repainted p50, 图表 tab", "edit_p50_ms", "ms")
    row("edit → repainted p99, 图表 tab", "edit_p99_ms", "ms", budget="< 16 ms")
    row("`list --year --json`", "list_s", "s", "{:.3f}")
    row("sqlite3 + json, same rows", "sqlite_json_s", "s", "{:.3f}")
    print(f"| `list --year` / sqlite3+json | {s['list_s'] / s['sqlite_json_s']:.2f}× | "
          f"{big['list_s'] / big['sqlite_json_s']:.2f}× | | ≤ 1.5× |")
    row("sqlite3 + json, every field `list` prints", "sqlite_json_fields_s", "s", "{:.3f}")
    print(f"| `list --year` / the same, every field | {s['list_s'] / s['sqlite_json_fields_s']:.2f}× | "
          f"{big['list_s'] / big['sqlite_json_fields_s']:.2f}× | | (context) |")
    if not args.skip_reports:
        row("province-xlsx time", "xlsx_s", "s")
        row("province-xlsx peak memory", "xlsx_mb", "MB", "{:.0f}")
        row("province-pdf time", "pdf_s", "s")
        row("province-pdf peak memory", "pdf_mb", "MB", "{:.0f}")
        row("bare reportlab, same pages: peak", "bare_pdf_mb", "MB", "{:.0f}")
        print(f"| province-pdf / bare reportlab peak | {s['pdf_mb'] / s['bare_pdf_mb']:.2f}× | "
              f"{big['pdf_mb'] / big['bare_pdf_mb']:.2f}× | | ≤ 1.5× |")
    if args.json:
        Path(args.json).write_text(json.dumps({"small": s, "national": big}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
