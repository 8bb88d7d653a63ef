"""A light style sheet: the banner, the summary strip and the unanswered colour."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

STYLE = """
QLabel#nextStep { background: #dcfce7; color: #14532d; border: 1px solid #16a34a; padding: 3px 8px; }
QLabel#notice { background: #e0f2fe; color: #0c4a6e; border: 1px solid #0284c7; padding: 3px 8px; }
QLabel#banner { background: #fef3c7; color: #78350f; border: 1px solid #f59e0b; padding: 3px 8px; }
QFrame#summary { background: #f1f5f9; }
QLabel#summaryGrade { padding-left: 12px; }
QLabel#vetoNote { color: #b91c1c; padding-left: 12px; }
QLabel#statusBadge { border-radius: 3px; padding: 1px 6px; background: #e2e8f0; }
QLabel#statusBadge[status="submitted"] { background: #dcfce7; color: #166534; }
QLabel#pointRule { background: #fafafa; }
QLabel#pointPath, QLabel#hint { color: #475569; }
QLabel#emptyHint { color: #64748b; font-size: 14pt; }
QLabel#lockNote { background: #f1f5f9; color: #334155; border: 1px solid #cbd5e1; padding: 3px 8px; }
QLabel#reviewNote { background: #e0f2fe; color: #0c4a6e; border: 1px solid #0284c7; padding: 3px 8px; }
QLabel#reviewNote[review="returned"] { background: #fee2e2; color: #7f1d1d; border-color: #dc2626; }
QLabel#reviewNote[review="approved"] { background: #dcfce7; color: #14532d; border-color: #16a34a; }
QLabel#priorAnswer, QLabel#summaryVerified { color: #1d4ed8; }
QLabel#receivedVerdict { background: #fafafa; border: 1px solid #cbd5e1; padding: 4px; }
QLabel#receivedVerdict[verdict="issue"] { background: #fee2e2; color: #7f1d1d; border-color: #dc2626; }
QLabel#receivedVerdict[verdict="adjust"] { background: #e0f2fe; color: #0c4a6e; }
"""


def apply_style(app: QApplication) -> None:
    app.setStyleSheet(STYLE)
