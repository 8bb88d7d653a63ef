"""Pieces shared by the Excel writers and the importer.

How an answer looks in a cell (是/否, a number, domain names joined by "、"),
how it is read back, text cells that can never turn into formulas, and the
hidden data sheet with its canonical JSON and SHA-256.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from copy import copy
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.protection import SheetProtection

from ..core.catalog import Point
from ..core.scoring import KIND_NAMES, AnswerError, Value, fmt, parse_value

EXPORT_FORMAT = "jlip-xlsx/1"
TEMPLATE_FORMAT = "jlip-template/1"
FORMAT_FAMILIES = ("jlip-xlsx/", "jlip-template/")
DATA_SHEET = "jlip-data"
POINTS_SHEET = "评分表"

YES, NO = "是", "否"
NO_DOMAIN = "无"
DOMAIN_SEP = "、"
MAX_CELL_TEXT = 32767
CHUNK = 30000  # data-sheet values longer than this go on continuation rows
FORMULA_STARTS = ("=", "+", "-", "@")

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
GREY_FONT = Font(color="606060", italic=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
TOTAL_FILL = PatternFill("solid", fgColor="E2EFDA")
WRAP = Alignment(wrap_text=True, vertical="top")
WRAP_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
UNLOCKED = Protection(locked=False)


def clean_text(text: str) -> str:
    """Text as it can live in a cell: no XML-illegal control characters, within Excel's length."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - 1] + "…"
    return text


def put_value(cell, value) -> None:
    """A number as a number, any text through put_text (never a formula)."""
    if isinstance(value, str):
        put_text(cell, value)
    else:
        cell.value = value


def put_text(cell, text: str | None) -> None:
    """Write user text as text: never a formula, even when it starts with = + - @."""
    if text is None or text == "":
        cell.value = None
        return
    text = clean_text(str(text))
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        # Shown as typed, and still text if someone edits the cell in Excel.
        cell.quotePrefix = True


def protect(ws, *, allow_resize: bool = True) -> None:
    """Protect a sheet without a password: it stops slips, not a determined editor."""
    ws.protection = SheetProtection(
        sheet=True, formatColumns=not allow_resize, formatRows=not allow_resize, selectLockedCells=False,
        selectUnlockedCells=False,
    )


def number_cell_value(d: Decimal) -> int | float:
    """A Decimal as a cell number (int when whole, so 4 shows as 4 and not 4.0)."""
    return int(d) if d == d.to_integral_value() else float(d)


def show_value(point: Point, value: Value | None) -> str | int | float | None:
    """An answer as a person reads it in the sheet."""
    if value is None:
        return None
    if point.kind == "yesno":
        return YES if value else NO
    if point.kind == "count":
        return int(value)
    if point.kind == "domains":
        return DOMAIN_SEP.join(value) if value else NO_DOMAIN
    return number_cell_value(Decimal(value))


_YES_WORDS = {YES, "yes", "y", "true", "1"}
_NO_WORDS = {NO, "no", "n", "false", "0"}
_DOMAIN_SPLIT = re.compile(r"[、,，;；/\s]+")


def _cell_number(raw: Any) -> Decimal | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        try:
            return Decimal(str(raw))
        except InvalidOperation:
            return None
    if isinstance(raw, str):
        try:
            d = Decimal(raw.strip())
        except InvalidOperation:
            return None
        return d if d.is_finite() else None
    return None


def read_value(point: Point, raw: Any) -> Value | None:
    """A cell's content as an answer (None = unanswered), checked against the point's rule.

    Raises AnswerError naming the point when the cell holds something the rule
    does not allow.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    n = point.number
    where = f"point ({n}) is {KIND_NAMES[point.kind]}"
    shown = raw if not isinstance(raw, str) else raw.strip()
    if point.kind == "yesno":
        if isinstance(raw, bool):
            return raw
        word = str(shown).lower()
        if word in _YES_WORDS:
            return True
        if word in _NO_WORDS:
            return False
        raise AnswerError(f"{where}: expected {YES} or {NO}, got {shown!r}", n)
    if point.kind == "domains":
        if not isinstance(raw, str):
            raise AnswerError(f"{where}: expected domain names from {DOMAIN_SEP.join(point.domains)}, got {raw!r}", n)
        if shown == NO_DOMAIN:
            return ()
        names = [x for x in _DOMAIN_SPLIT.split(shown) if x]
        return parse_value(point, names)
    d = _cell_number(raw)
    if d is None:
        wanted = "a whole number ≥ 0" if point.kind == "count" else f"a number from 0 to {fmt(point.max)}"
        raise AnswerError(f"{where}: expected {wanted}, got {shown!r}", n)
    return parse_value(point, d)


# -- the hidden data sheet -------------------------------------------------

def canonical_json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def checksum(payload: dict[str, Any]) -> str:
    """SHA-256 over the canonical JSON of everything in the data sheet but the checksum itself."""
    body = {k: v for k, v in payload.items() if k != "sha256"}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def write_data_sheet(wb, payload: dict[str, Any]) -> None:
    """Key / JSON-value rows on a hidden, protected sheet; long values continue on rows with the same key."""
    ws = wb.create_sheet(DATA_SHEET)
    ws.append(["key", "value"])
    for key, value in payload.items():
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        for start in range(0, max(len(text), 1), CHUNK):
            ws.append([key, None])
            put_text(ws.cell(ws.max_row, 2), text[start:start + CHUNK])
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 100
    ws.sheet_state = "hidden"
    protect(ws, allow_resize=False)


MAX_JSON_DEPTH = 16  # the data sheet's deepest value (layout -> domains -> point -> row) is 4 levels down
MAX_JSON_DIGITS = 15  # whole numbers beyond this are no count, year or revision


class DataSheetError(ValueError):
    """A data-sheet value that is not the strict JSON we write; the message says why."""


def _reject_constant(name: str) -> Any:
    raise DataSheetError(f"a value is {name}, not a number")


def _finite_float(text: str) -> float:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise DataSheetError(f"the number {text[:20]} is too large")
    return value


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_JSON_DIGITS:
        raise DataSheetError(f"the number {text[:20]}… is too large")
    return int(text)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise DataSheetError(f"the key {k!r} appears twice")
        out[k] = v
    return out


def _check_tree(value: Any, depth: int = 0) -> None:
    if depth > MAX_JSON_DEPTH:
        raise DataSheetError("a value is nested too deeply")
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise DataSheetError("a text holds a lone surrogate (not valid Unicode)") from None
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_tree(k, depth + 1)
            _check_tree(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            _check_tree(v, depth + 1)


def strict_json(text: str) -> Any:
    """JSON as the data sheet holds it: no NaN/Infinity, no huge numbers, no duplicate keys,
    no lone surrogates, not nested deeper than MAX_JSON_DEPTH.  DataSheetError otherwise."""
    try:
        value = json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float, parse_int=_bounded_int,
                           object_pairs_hook=_no_duplicates)
    except RecursionError:
        raise DataSheetError("a value is nested too deeply") from None
    except json.JSONDecodeError as e:
        raise DataSheetError(f"a value is not valid JSON ({e.msg})") from None
    _check_tree(value)
    return value


def read_data_sheet(rows: Iterable[tuple]) -> dict[str, Any]:
    """The payload of a data sheet; DataSheetError (a ValueError) when a value is not strict JSON."""
    parts: dict[str, list[str]] = {}
    for i, row in enumerate(rows):
        if i == 0 or not row or row[0] is None:
            continue
        key = str(row[0])
        text = row[1] if len(row) > 1 else None
        parts.setdefault(key, []).append("" if text is None else str(text))
    out: dict[str, Any] = {}
    for k, v in parts.items():
        try:
            k.encode("utf-8")
        except UnicodeEncodeError:
            raise DataSheetError("a key holds a lone surrogate (not valid Unicode)") from None
        try:
            out[k] = strict_json("".join(v))
        except DataSheetError as e:
            raise DataSheetError(f"{k}: {e}") from None
    return out


class Styler:
    """Apply a combination of styles once, then copy its style record to other cells.

    Setting font / border / fill one attribute at a time makes openpyxl hash
    style objects on every call, which dominated the export's time.  The
    cache belongs to one workbook (style records index that workbook's lists).
    """

    def __init__(self):
        self._cache: dict[tuple, Any] = {}

    def __call__(self, cell, **attrs) -> None:
        key = tuple(cell._style or ()) + tuple(
            (k, v if isinstance(v, str) else id(v)) for k, v in sorted(attrs.items())
        )
        cached = self._cache.get(key)
        if cached is None:
            for k, v in attrs.items():
                setattr(cell, k, v)
            self._cache[key] = copy(cell._style)
        else:
            cell._style = copy(cached)


def merge(ws, r1: int, c1: int, r2: int, c2: int) -> None:
    """Merge a range, keeping each covered cell's own style (openpyxl's merge_cells restyles edges, slowly)."""
    if (r1, c1) == (r2, c2):
        return
    ws.merged_cells.add(MergedCellRange(ws, f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"))
    for r in range(r1, r2 + 1):
        for c in range(c1, c2 + 1):
            if (r, c) == (r1, c1):
                continue
            mc = MergedCell(ws, r, c)
            old = ws._cells.get((r, c))
            if old is not None:
                mc._style = copy(old._style)
            ws._cells[(r, c)] = mc
