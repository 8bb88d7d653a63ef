"""Print (Ctrl+P): a print preview of the assessment summary.

PySide6-Essentials has no QtPdf, so the PDF itself can't be shown in the
preview; the summary is laid out here as a QTextDocument with the same
content as the PDF's first pages (region, year, status, assessor, total,
grade and veto, every indicator and point with score and maximum, the notes,
and lines for signature, stamp and date) and printed through QtPrintSupport,
which the bundle ships.  The PDF (File › Assessment PDF) stays the document of
record.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

from ..core.scoring import one_decimal


def _fmt(value) -> str:
    return one_decimal(value) if value is not None else "—"


def _max(value) -> str:
    return format(value.normalize(), "f")


def summary_html(store, assessment_id: int, lang: str) -> str:
    """The assessment summary as HTML for printing."""
    a = store.assessment(assessment_id)
    sc = store.score(assessment_id)
    cat = sc.catalog
    region = store.region(a.region)
    name = region.display(lang) if region else a.region
    notes = store.notes(assessment_id)
    status = QCoreApplication.translate("printing", "Submitted") if a.status == "submitted" else QCoreApplication.translate("printing", "Draft (not submitted)")
    e = html.escape
    t = {
        "Status": QCoreApplication.translate("printing", "Status"),
        "Assessor": QCoreApplication.translate("printing", "Assessor"),
        "Answered": QCoreApplication.translate("printing", "Answered"),
        "Total": QCoreApplication.translate("printing", "Total"),
        "Grade": QCoreApplication.translate("printing", "Grade"),
        "Veto point not met: grade capped": QCoreApplication.translate("printing", "Veto point not met: grade capped"),
        "Indicator": QCoreApplication.translate("printing", "Indicator"),
        "Score": QCoreApplication.translate("printing", "Score"),
        "Max": QCoreApplication.translate("printing", "Max"),
        "Notes": QCoreApplication.translate("printing", "Notes"),
        "Signature": QCoreApplication.translate("printing", "Signature"),
        "Stamp": QCoreApplication.translate("printing", "Stamp"),
        "Date": QCoreApplication.translate("printing", "Date"),
    }
    out = [
        "<html><body style='font-size:10pt'>",
        f"<h2 style='text-align:center'>{e(cat.display_title(lang))}</h2>",
        f"<h3 style='text-align:center'>{e(name)} {a.year}</h3>",
        "<table width='100%' cellpadding='3'><tr>",
        f"<td>{e(t['Status'])}: {e(status)}</td>",
        f"<td>{e(t['Assessor'])}: {e(a.assessor or '—')}</td>",
        f"<td>{e(t['Answered'])}: {sc.answered}/{sc.answered + sc.unanswered}</td></tr><tr>",
        f"<td><b>{e(t['Total'])}: {_fmt(sc.total)} / {_max(sc.max)}</b></td>",
        f"<td><b>{e(t['Grade'])}: {e(sc.grade.display(lang))}</b></td>",
        f"<td>{e(t['Veto point not met: grade capped']) if sc.vetoed else ''}</td>",
        "</tr></table>",
        "<table width='100%' border='1' cellspacing='0' cellpadding='2' style='border-collapse:collapse'>",
        f"<tr><th align='left'>{e(t['Indicator'])}</th><th>{e(t['Score'])}</th><th>{e(t['Max'])}</th></tr>",
    ]
    indent = {"primary": 0, "secondary": 1, "tertiary": 2}
    for node in cat.walk():
        if hasattr(node, "level"):
            score = sc.node(node.level, node.number)
            pad = "&nbsp;" * 4 * indent[node.level]
            label = e(node.display(lang))
            if node.level == "primary":
                label = f"<b>{label}</b>"
            out.append(f"<tr><td>{pad}{label}</td><td align='right'>{_fmt(score)}</td>"
                       f"<td align='right'>{_max(node.max)}</td></tr>")
        else:
            answered = node.number in sc.answered_points
            shown = _fmt(sc.points[node.number]) if answered else QCoreApplication.translate("printing", "unanswered")
            out.append(f"<tr><td>{'&nbsp;' * 12}({node.number}) {e(node.display(lang))}</td>"
                       f"<td align='right'>{e(shown)}</td><td align='right'>{_max(node.max)}</td></tr>")
    out.append("</table>")
    if notes:
        out.append(f"<h4>{e(t['Notes'])}</h4><ul>")
        for n in sorted(notes):
            out.append(f"<li>({n}) {e(notes[n])}</li>")
        out.append("</ul>")
    out.append("<p>&nbsp;</p><table width='100%' cellpadding='6'><tr>"
               f"<td>{e(t['Signature'])}: ____________________</td>"
               f"<td>{e(t['Stamp'])}: ____________________</td>"
               f"<td>{e(t['Date'])}: ____________________</td></tr></table>")
    out.append("</body></html>")
    return "".join(out)


def summary_document(store, assessment_id: int, lang: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(summary_html(store, assessment_id, lang))
    return doc


def make_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    return printer


def print_preview_dialog(parent, store, assessment_id: int, lang: str) -> QPrintPreviewDialog:
    """The preview (not shown yet): its pages are the summary document laid out on A4."""
    printer = make_printer()
    dlg = QPrintPreviewDialog(printer, parent)
    dlg.setWindowTitle(QCoreApplication.translate("printing", "Print preview"))
    doc = summary_document(store, assessment_id, lang)
    dlg.paintRequested.connect(doc.print_)
    dlg._document = doc  # keep it alive with the dialog
    return dlg
