"""`jlip-desktop --self-test`: the check a support person runs on a county PC.

It does, offscreen and on copies in a temporary folder, what a user does on
the first morning: start the interface with the shipped Chinese font and
translations, open the sample database, edit a point, see the total
recalculated, export the Excel workbook and the PDF report.  One line per
check (OK / FAIL and a detail); exit status 0 only if every check passed.
Nothing outside the temporary folder is touched, the user's own database
included.

On Windows the desktop program has no console: run it as
`start /wait jlip-desktop.exe --self-test --report result.txt` and read the
file, or read self-test.txt in the data folder, where the lines are written
when there is no console to print them to.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
import traceback
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

# A Chinese folder and file name with spaces: what county PCs have.
TEMP_PREFIX = "jlip 自检 "
DB_NAME = "样例 数据库.sqlite"
XLSX_NAME = "自检 评估表.xlsx"
PROVINCE_DB_NAME = "自检 省级 汇总.sqlite"
PDF_NAME = "自检 评估报告.pdf"
GLYPHS = "吉林省知识产权保护"
TIMEOUT_S = 180
PROBE_CALLS = 200


class _Failed(Exception):
    """A check's own failure: the message is the whole detail."""


class Report:
    """The check lines, printed as they happen and kept for a report file."""

    def __init__(self, out: Callable[[str], None]):
        self.out = out
        self.lines: list[str] = []
        self.failed: list[str] = []
        self.verbose = False

    def line(self, text: str) -> None:
        self.lines.append(text)
        self.out(text)

    def info(self, text: str) -> None:
        self.line(f"     {text}")

    def check(self, name: str, fn: Callable[[], str]) -> Any:
        """Run one check; fn returns the detail for the OK line or raises."""
        try:
            detail = fn()
        except _Failed as e:
            self._fail(name, str(e))
            return False
        except Exception as e:  # a support tool reports, it does not crash
            self._fail(name, f"{type(e).__name__}: {e}")
            if self.verbose:
                for tb_line in traceback.format_exc().rstrip().splitlines():
                    self.info(tb_line)
            return False
        self.line(f"OK   {name}: {detail}")
        return True

    def _fail(self, name: str, detail: str) -> None:
        self.failed.append(name)
        self.line(f"FAIL {name}: {detail}")


def _printer() -> Callable[[str], None]:
    stream = sys.stdout
    if stream is None:  # a windowed program on Windows
        return lambda _text: None
    try:
        stream.reconfigure(errors="replace")
    except (AttributeError, ValueError):
        pass

    def out(text: str) -> None:
        stream.write(text + "\n")
        stream.flush()

    return out


def _parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="jlip-desktop --self-test", add_help=True)
    p.add_argument("--report", metavar="FILE", help="also write the lines to FILE (UTF-8)")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder and print where it is")
    p.add_argument("--verbose", action="store_true", help="print the traceback of a failed check")
    p.add_argument("--timeout", type=float, default=TIMEOUT_S, help="give up after this many seconds")
    args, _unknown = p.parse_known_args([a for a in (argv or []) if a != "--self-test"])
    return args


def _has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class _Session:
    """State shared by the checks of one run."""

    def __init__(self, report: Report, tmp: Path):
        self.report = report
        self.tmp = tmp
        self.app = None
        self.own_app = False
        self.family: str | None = None
        self.db: Path | None = None
        self.store = None
        self.aid: int | None = None
        self.tr = None  # the Translations installed by the translations check
        self.window = None
        self.view = None
        self.edited_total: Decimal | None = None
        self.xlsx: Path | None = None
        self.dialogs: list[str] = []

    # -- the checks, in order ------------------------------------------------
    def start_qt(self) -> str:
        if not os.environ.get("QT_QPA_PLATFORM") and not _has_display():
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion
        from PySide6.QtWidgets import QApplication

        self.own_app = QApplication.instance() is None
        self.app = QApplication.instance() or QApplication(["jlip-desktop", "--self-test"])
        self._watch_dialogs()
        return f"Qt {qVersion()} (PySide6 {pyside_version}), platform plugin '{self.app.platformName()}'"

    def _watch_dialogs(self) -> None:
        """A dialog nobody can answer offscreen would hang the run: close it and count it as a failure."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QMessageBox

        def close_modal() -> None:
            w = QApplication.activeModalWidget()
            if w is None:
                return
            text = w.text() if isinstance(w, QMessageBox) else w.windowTitle()
            self.dialogs.append(f"{type(w).__name__}: {text}")
            w.reject() if hasattr(w, "reject") else w.close()

        self._dialog_timer = QTimer()
        self._dialog_timer.setInterval(250)
        self._dialog_timer.timeout.connect(close_modal)
        self._dialog_timer.start()

    def where(self) -> None:
        """Where the user's data and settings are (information for support, not a check)."""
        from ..core import paths
        from .settings import app_settings

        if os.environ.get("JLIP_DATA_DIR"):
            mode = "set by JLIP_DATA_DIR"
        elif paths.is_portable():
            mode = "portable: a 'portable' file next to the program"
        else:
            mode = "per user"
        self.report.info(f"data folder: {paths.data_dir()} ({mode})")
        self.report.info(f"settings: {app_settings().fileName()}")

    def bindings(self) -> str:
        """The Qt bindings keep their references (see none_refs_lost)."""
        from PySide6 import __version__ as pyside_version

        lost = none_refs_lost(PROBE_CALLS)
        if lost > PROBE_CALLS // 2:
            raise _Failed(f"PySide6 {pyside_version} loses a reference to None on every call ({lost} in "
                          f"{PROBE_CALLS}): the program would abort after a while of use. Build it with "
                          "a PySide6 release below 6.12, as pyproject.toml asks")
        return f"PySide6 {pyside_version} keeps its references"

    def catalogue(self) -> str:
        from ..core.catalog import DEFAULT_CATALOG_ID, get_catalog
        from ..core.scoring import fmt

        cat = get_catalog(DEFAULT_CATALOG_ID)
        return (f"{cat.id}: {len(cat.primary)}/{len(cat.secondary)}/{len(cat.tertiary)} indicators, "
                f"{len(cat.points)} points, {fmt(cat.total_max)} in all")

    def font(self) -> str:
        from PySide6.QtGui import QFont, QFontMetrics

        from ..core.resources import cjk_font_path
        from .fonts import cjk_family

        path = cjk_font_path()
        if not path.is_file():
            raise _Failed(f"the Chinese font is not shipped: {path} is missing")
        self.family = cjk_family()
        if not self.family:
            raise _Failed(f"Qt could not load {path}")
        fm = QFontMetrics(QFont(self.family))
        missing = [ch for ch in GLYPHS if not fm.inFontUcs4(ord(ch))]
        if missing:
            raise _Failed(f"'{self.family}' lacks {''.join(missing)}: Chinese would show as boxes")
        return f"'{self.family}' from {path.name} has the Chinese glyphs ({GLYPHS})"

    def translations(self) -> str:
        """Chinese through the application's own loader: ours and Qt's (standard dialogs)."""
        from PySide6.QtCore import QLocale, QTranslator

        from ..core.resources import resource_path
        from .i18n import LOCALES, Translations

        loc = LOCALES["zh"]
        self._locale = QLocale()
        self.tr = Translations()
        self.tr.install("zh")
        wanted = [f"qtbase_{loc}", f"jlip_{loc}"]
        missing = [name for name in wanted if name not in self.tr.loaded]
        if missing:
            raise _Failed(f"could not load {', '.join(m + '.qm' for m in missing)}: parts of the interface "
                          "would be in English")
        ours = resource_path("i18n", f"jlip_{loc}.qm")
        t = QTranslator()
        if not t.load(str(ours)) or t.isEmpty():
            raise _Failed(f"{ours} holds no translations: the interface would be in English")
        return f"{', '.join(n + '.qm' for n in wanted)} loaded"

    def sample_db(self) -> str:
        from ..core.paths import sample_db_path
        from ..core.store import Store

        self.db = self.tmp / DB_NAME
        sample = sample_db_path()
        if sample.is_file():
            shutil.copyfile(sample, self.db)
            origin = f"copy of {sample.name}"
        else:
            self._tiny_db()
            origin = f"no sample database shipped ({sample} missing): built a small one"
        self.store = Store(self.db, check=True)
        listed = self.store.list_assessments()
        if not listed:
            raise _Failed(f"{origin}: it holds no assessment")
        drafts = [a for a in listed if a.status == "draft"]
        a = drafts[0] if drafts else listed[0]
        if a.status != "draft":
            self.store.reopen(a.id, "self-test", who="self-test")
        self.aid = a.id
        region = self.store.region(a.region)
        return f"{origin} in {self.db.parent.name}/: {len(listed)} assessments, editing {region.name if region else a.region} {a.year}"

    def _tiny_db(self) -> None:
        from ..core.catalog import DEFAULT_CATALOG_ID, get_catalog
        from ..core.scoring import best_value
        from ..core.store import Store

        cat = get_catalog(DEFAULT_CATALOG_ID)
        half = {n: best_value(p) for i, (n, p) in enumerate(cat.points.items()) if i % 2 == 0}
        with Store(self.db, create=True) as st:
            region = st.regions()[0].code
            st.new_assessment(region, 2021, "自检", DEFAULT_CATALOG_ID, who="self-test", answers=half)

    def main_window(self) -> str:
        """The real main window on the copy, as the application makes it."""
        from .assessment import AssessmentView
        from .mainwindow import MainWindow
        from .style import apply_style

        if self.own_app:  # the application's look; a test's QApplication is left as it is
            apply_style(self.app)
        self.window = MainWindow(self.store, lang="zh", settings=None, translations=self.tr)
        self.window.show()
        self.app.processEvents()
        self.view = self.window.findChild(AssessmentView)
        if self.view is None:
            raise _Failed("MainWindow has no assessment view")
        self.window.open_assessment(self.aid)
        self.app.processEvents()
        self._check_dialogs()
        if self.view.assessment_id != self.aid:
            raise _Failed(f"MainWindow did not open assessment {self.aid}")
        from ..core.scoring import one_decimal

        return f"MainWindow shows assessment {self.aid}, total {one_decimal(self.view.current_score.total)}"

    def edit_point(self) -> str:
        """Change one answer through the form's signal, as a user's edit arrives; the total must follow."""
        from ..core.scoring import best_value, one_decimal, score, worst_value

        cat = self.store.catalog(self.store.assessment(self.aid).catalog)
        answers = self.store.answers(self.aid)
        before = score(cat, answers).total
        point, value = _a_point_that_moves_the_total(cat, answers, best_value, worst_value)
        if self.view is not None:
            self.view.form.sig_value_edited.emit(point, value)
            self.app.processEvents()
            self._check_dialogs()
            shown = self.view.current_score.total
        else:
            self.store.set_answer(self.aid, point, value, raw=False, who="self-test")
            shown = None
        stored = self.store.answers(self.aid)
        if stored.get(point) != value:
            raise _Failed(f"point ({point}) was set to {value!r} but the database holds {stored.get(point)!r}")
        expected = score(cat, stored).total
        if expected == before:
            raise _Failed(f"editing point ({point}) left the total at {one_decimal(before)}")
        if shown is not None and shown != expected:
            raise _Failed(f"the window shows {one_decimal(shown)}, the core computes {one_decimal(expected)}")
        self.edited_total = expected
        return f"point ({point}) edited: total {one_decimal(before)} -> {one_decimal(expected)}, equal to the core's score"

    def reopen_db(self) -> str:
        """A second connection sees the edit: it was committed, not only shown."""
        from ..core.scoring import one_decimal
        from ..core.store import Store

        with Store(self.db) as other:
            total = other.score(self.aid).total
        if total != self.edited_total:
            raise _Failed(f"reopened, the database scores {one_decimal(total)}, expected {one_decimal(self.edited_total)}")
        return f"reopened database scores {one_decimal(total)}"

    def charts(self) -> str:
        """The charts tab (pyqtgraph) draws, and the window paints with the shipped font."""
        if self.view is None:
            raise _Failed("no window to draw")
        tabs, holder = getattr(self.view, "tabs", None), getattr(self.view, "charts_holder", None)
        if tabs is not None and holder is not None:
            tabs.setCurrentWidget(holder)
            self.app.processEvents()
            if getattr(self.view, "charts", True) is None:
                try:
                    from . import charts  # noqa: F401  (why the view has none)
                except Exception as e:
                    raise _Failed(f"the charts tab shows no chart: {type(e).__name__}: {e}") from None
                raise _Failed("the charts tab shows no chart")
        pix = self.window.grab()
        self._check_dialogs()
        if pix.isNull() or pix.width() < 100:
            raise _Failed("the window could not be drawn")
        path = self.tmp / "自检 窗口.png"
        if not pix.save(str(path), "PNG") or path.stat().st_size == 0:
            raise _Failed(f"could not save a picture of the window to {path}")
        return f"window drawn ({pix.width()}x{pix.height()}), charts tab included"

    def excel(self) -> str:
        from ..exchange.xlsx import export_assessment

        path = Path(export_assessment(self.store, self.aid, self.tmp / XLSX_NAME))
        head = _head(path, 4)
        if head != b"PK\x03\x04":
            raise _Failed(f"{path.name} is not an Excel workbook (starts with {head!r})")
        with zipfile.ZipFile(path) as z:
            bad = z.testzip()
            if bad or "xl/workbook.xml" not in z.namelist():
                raise _Failed(f"{path.name} is damaged ({bad or 'no xl/workbook.xml'})")
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True)
        sheets = wb.sheetnames
        wb.close()
        self.xlsx = path
        return f"{path.name}: {path.stat().st_size:,} bytes, sheets {', '.join(sheets)}"

    def excel_import(self) -> str:
        """The exported workbook comes back into an empty database (the province's side) with the same answers."""
        from ..core.scoring import one_decimal
        from ..core.store import Store
        from ..exchange.xlsx import import_workbooks

        with Store(self.tmp / PROVINCE_DB_NAME, create=True) as province:
            (result,) = import_workbooks(province, [self.xlsx], who="self-test")
            if result.outcome != "imported" or result.assessment_id is None:
                raise _Failed(f"{self.xlsx.name} was not imported: {result.outcome}: {result.message}")
            back = province.answers(result.assessment_id)
            total = province.score(result.assessment_id).total
        if back != self.store.answers(self.aid):
            raise _Failed(f"{self.xlsx.name} came back with different answers")
        return f"{self.xlsx.name} imported into an empty database: the same {len(back)} answers, total {one_decimal(total)}"

    def pdf(self) -> str:
        from ..reports.pdf import assessment_pdf

        path = Path(assessment_pdf(self.store, self.aid, self.tmp / PDF_NAME))
        data = path.read_bytes()
        if not data.startswith(b"%PDF-"):
            raise _Failed(f"{path.name} is not a PDF (starts with {data[:8]!r})")
        if b"%%EOF" not in data[-1024:]:
            raise _Failed(f"{path.name} is cut short (no %%EOF at the end)")
        # The shipped CJK font and reportlab's Bitstream Vera (Latin) are embedded as subsets
        # ("/BaseFont /AAAAAA+Name"); a missing file would fall back to a font the reader may lack.
        for name, what in ((b"+DroidSansFallback", "the Chinese font"), (b"+BitstreamVera", "the Latin font (Vera)")):
            if name not in data:
                raise _Failed(f"{path.name} does not embed {what}: text would depend on the reader's fonts")
        pages = data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type /Page>")
        return f"{path.name}: {len(data):,} bytes, fonts embedded" + (f", {pages} pages" if pages else "")

    def printing(self) -> str:
        """Ctrl+P needs QtPrintSupport in the bundle: lay the summary out on a PDF printer."""
        from PySide6.QtPrintSupport import QPrinter

        from .printing import summary_document

        out = self.tmp / "print-preview.pdf"
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        summary_document(self.store, self.aid, "zh").print_(printer)
        data = out.read_bytes() if out.exists() else b""
        if not data.startswith(b"%PDF-"):
            raise _Failed("the print summary could not be laid out on a printer")
        return f"summary printable ({len(data):,} bytes as PDF)"

    # -- helpers -------------------------------------------------------------
    def _check_dialogs(self) -> None:
        if self.dialogs:
            shown, self.dialogs = self.dialogs, []
            raise _Failed("an unexpected dialog appeared: " + "; ".join(shown))

    def close(self) -> None:
        timer = getattr(self, "_dialog_timer", None)
        if timer is not None:
            timer.stop()
        if self.window is not None:
            try:
                from PySide6.QtCore import QCoreApplication, QEvent, QObject

                self.window.close()
                # Taking the window down must not run its handlers on half-destroyed children.
                for obj in [self.window, *self.window.findChildren(QObject)]:
                    obj.blockSignals(True)
                self.window.deleteLater()
                QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            except Exception:
                pass
            self.window = self.view = None
        if self.store is not None:
            try:
                self.store.close()
            except Exception:
                pass
        tr = self.tr
        if tr is not None and self.app is not None:  # leave the process as it was (tests run in-process)
            from PySide6.QtCore import QLocale

            for t in getattr(tr, "_installed", []):
                self.app.removeTranslator(t)
            QLocale.setDefault(self._locale)


def none_refs_lost(calls: int) -> int:
    """How many references to None `calls` calls of a Qt method returning nothing take away.

    PySide6 6.12.0 on Python 3.11 returns None from such methods without a
    reference for it: every resize, every drawLine takes one away, and the
    interpreter aborts ("none_dealloc") once they are used up.  Python 3.12
    made None immortal, so there this is always 0.
    """
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(calls):
        probe.setObjectName("probe")
    return before - sys.getrefcount(None)


def _a_point_that_moves_the_total(cat, answers, best_value, worst_value):
    """(point, value) whose setting changes the total, preferring an unanswered point."""
    from ..core.scoring import score

    before = score(cat, answers).total
    order = [n for n in cat.points if n not in answers] + [n for n in cat.points if n in answers]
    for n in order:
        p = cat.points[n]
        for value in (best_value(p), worst_value(p)):
            if answers.get(n) == value:
                continue
            if score(cat, {**answers, n: value}).total != before:
                return n, value
    raise _Failed("no point of the catalogue changes the total")


def _head(path: Path, n: int) -> bytes:
    with open(path, "rb") as f:
        return f.read(n)


def _write_report(path: Path, lines: list[str]) -> None:
    from ..core.fileio import atomic_write

    with atomic_write(path) as tmp:
        Path(tmp).write_text("\n".join(lines) + "\n", encoding="utf-8")


def run(argv: list[str] | None = None) -> int:
    """Run every check; 0 if all passed, 1 otherwise."""
    from .. import __version__

    args = _parse(sys.argv[1:] if argv is None else argv)
    report = Report(_printer())
    report.verbose = args.verbose
    frozen = "frozen bundle" if getattr(sys, "frozen", False) else "Python install"
    report.line(f"jlip-desktop {__version__} self-test ({frozen}, Python {platform.python_version()}, "
                f"{platform.system()} {platform.release()})")

    # Nothing may hang on a county PC: give up after the timeout with a clear line.
    def give_up() -> None:
        report.line(f"FAIL timeout: the self-test did not finish in {args.timeout:.0f} s")
        _finish(args, report)
        os._exit(1)

    watchdog = threading.Timer(args.timeout, give_up)
    watchdog.daemon = True
    watchdog.start()
    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
    session = _Session(report, tmp)
    try:
        report.check("interface", session.start_qt) or _skip_rest(report, "no interface")
        if session.app is not None:
            session.where()
            report.check("Qt bindings", session.bindings)
            report.check("catalogue", session.catalogue)
            report.check("Chinese font", session.font)
            report.check("translations", session.translations)
            if report.check("database", session.sample_db):
                report.check("main window", session.main_window)
                if report.check("edit a point", session.edit_point):
                    report.check("saved", session.reopen_db)
                if session.view is not None:
                    report.check("charts", session.charts)
                if report.check("Excel export", session.excel):
                    report.check("Excel import", session.excel_import)
                report.check("PDF report", session.pdf)
                report.check("print", session.printing)
    finally:
        watchdog.cancel()
        session.close()
        if args.keep:
            report.info(f"files kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    elapsed = time.monotonic() - started
    if report.failed:
        report.line(f"self-test FAILED ({len(report.failed)} of the checks: {', '.join(report.failed)}) "
                    f"in {elapsed:.1f} s")
    else:
        report.line(f"self-test passed in {elapsed:.1f} s")
    _finish(args, report)
    return 1 if report.failed else 0


def _skip_rest(report: Report, why: str) -> None:
    report.info(f"the remaining checks need the interface: {why}")


def _finish(args: argparse.Namespace, report: Report) -> None:
    targets = []
    if args.report:
        targets.append(Path(args.report))
    if sys.stdout is None:
        try:
            from ..core.paths import data_dir

            targets.append(data_dir() / "self-test.txt")
        except Exception:
            pass
    for target in targets:
        try:
            _write_report(target, report.lines)
        except Exception as e:
            report.out(f"(could not write {target}: {e})")


if __name__ == "__main__":
    sys.exit(run())
