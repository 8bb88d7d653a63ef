"""How answers, history rows and the grade read to a person, in the UI language.

Pure functions of (catalogue, values): the widgets only show what these
return, and tests call them without any widget.  Nothing here knows a
particular point: kinds, the veto point and the grade bands come from the
catalogue.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..core.catalog import Catalog, Grade, Point
from ..core.scoring import AnswerError, Score, Value, fmt, parse_value, point_score


def _tr(text: str) -> str:
    """For texts marked with QT_TRANSLATE_NOOP("readouts", …) in the tables below."""
    return QCoreApplication.translate("readouts", text)


def answer_text(point: Point, value: Value | None, lang: str) -> str:
    """是 / 否, "3 次", the domains joined with 、, a graded number, or 未答."""
    if value is None:
        return QCoreApplication.translate("readouts", "unanswered")
    if point.kind == "yesno":
        return QCoreApplication.translate("readouts", "yes") if value else QCoreApplication.translate("readouts", "no")
    if point.kind == "count":
        return QCoreApplication.translate("readouts", "{0} times").format(value)
    if point.kind == "domains":
        if not value:
            return QCoreApplication.translate("readouts", "none")
        names = dict(zip(point.domains, point.domains_en or point.domains, strict=False)) if lang == "en" else {}
        return ("、" if lang != "en" else ", ").join(names.get(d, d) for d in value)
    return fmt(Decimal(value))


def answer_and_score(point: Point, value: Value | None, lang: str) -> str:
    """ "是 / 4 分": the answer and what it scores (just 未答 when unanswered)."""
    if value is None:
        return answer_text(point, value, lang)
    return QCoreApplication.translate("readouts", "{0} / {1} pts").format(
        answer_text(point, value, lang), fmt(point_score(point, value))
    )


def raw_answer_text(catalog: Catalog, point: int | None, raw: str | None, lang: str) -> str:
    """An answer as the history stores it (JSON text), read back for a person; "—" for none."""
    if raw is None or raw == "":
        return "—"
    if point is None or point not in catalog.points:
        return raw
    try:
        return answer_text(catalog.points[point], parse_value(catalog.points[point], json.loads(raw)), lang)
    except (ValueError, AnswerError):
        return raw


STATUS_NAMES = {
    "draft": QT_TRANSLATE_NOOP("readouts", "draft"),
    "submitted": QT_TRANSLATE_NOOP("readouts", "submitted"),
    "none": QT_TRANSLATE_NOOP("readouts", "not reviewed"),
    "pending": QT_TRANSLATE_NOOP("readouts", "awaiting review"),
    "approved": QT_TRANSLATE_NOOP("readouts", "approved"),
    "returned": QT_TRANSLATE_NOOP("readouts", "returned"),
}
VERDICT_NAMES = {
    "accept": QT_TRANSLATE_NOOP("readouts", "accepted"),
    "adjust": QT_TRANSLATE_NOOP("readouts", "adjusted"),
    "issue": QT_TRANSLATE_NOOP("readouts", "issue"),
}


def status_text(status: str | None) -> str:
    if not status:
        return "—"
    return _tr(STATUS_NAMES[status]) if status in STATUS_NAMES else status


def verdict_text(verdict: str) -> str:
    return _tr(VERDICT_NAMES[verdict]) if verdict in VERDICT_NAMES else verdict


def _verdict_json_text(catalog: Catalog, point: int | None, raw: str | None, lang: str) -> str:
    if not raw:
        return "—"
    try:
        doc = json.loads(raw)
    except ValueError:
        return raw
    if not isinstance(doc, dict):
        return raw
    parts = [verdict_text(str(doc.get("verdict", "")))]
    if doc.get("value") is not None and point in catalog.points:
        parts.append(raw_answer_text(catalog, point, json.dumps(doc["value"], ensure_ascii=False), lang))
    if doc.get("comment"):
        parts.append(f"“{doc['comment']}”")
    return " ".join(parts)


def change_text(catalog: Catalog, action: str, point: int | None, old: str | None, new: str | None, lang: str) -> str:
    """The "old → new" cell of a history row, worded."""
    if action in ("set", "clear"):
        a, b = raw_answer_text(catalog, point, old, lang), raw_answer_text(catalog, point, new, lang)
    elif action in ("review", "review-clear"):
        a, b = _verdict_json_text(catalog, point, old, lang), _verdict_json_text(catalog, point, new, lang)
    elif action in ("review-archived", "review-received", "review-export"):
        return ""  # whole review snapshots: the action says what happened
    elif action in ("submit", "reopen") or action.startswith("review-"):
        a, b = status_text(old), status_text(new)
    else:
        a, b = old or "—", new or "—"
    return f"{a} → {b}"


@dataclass(frozen=True)
class GradeOutlook:
    """What can be said about the grade while points are unanswered.

    `grade` is the grade once it can no longer change (every way of
    answering the open points gives the same band), else None; `lowest` and
    `highest` bound it.  `vetoed` is True when a veto point is answered and
    not met, None while a veto point is unanswered, False otherwise.
    """

    grade: Grade | None
    lowest: Grade
    highest: Grade
    vetoed: bool | None
    open_points: int


def grade_outlook(catalog: Catalog, sc: Score) -> GradeOutlook:
    answered = sc.answered_points
    open_points = [n for n in catalog.points if n not in answered]
    vetos = [n for n, p in catalog.points.items() if p.veto]
    if any(n in answered and sc.points[n] < catalog.points[n].max for n in vetos):
        vetoed: bool | None = True
    elif any(n not in answered for n in vetos):
        vetoed = None
    else:
        vetoed = False
    lowest = catalog.grade_for(sc.total, vetoed is not False)
    highest = catalog.grade_for(
        sc.total + sum((catalog.points[n].max for n in open_points), Decimal(0)), vetoed is True
    )
    return GradeOutlook(lowest if lowest == highest else None, lowest, highest, vetoed, len(open_points))
