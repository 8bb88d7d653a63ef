"""Reading exchange workbooks and filled-in templates, with every check, before anything is written.

`read_workbook` turns a file's bytes into a `Parsed` assessment or raises
`Refused` naming the reason; it never writes.  The zip container is checked
first (core/safezip: sizes, ratios, entry count, links, encryption), then
xlsx_cells reads the two sheets the import needs (the values openpyxl gives,
from those sheets' XML parts alone), then the data sheet is decoded as strict
JSON (no NaN, Infinity, huge numbers, duplicate keys, lone surrogates or deep
nesting) and every value is checked against the catalogue.  Writing, and what happens
when the region-year is already present, is exchange/importer.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from ..core import safezip
from ..core.catalog import CatalogError
from ..core.errors import BadInput
from ..core.scoring import AnswerError, Value, parse_value, validate_answers
from ..core.store import STATUSES
from .xlsx_cells import WorkbookCells
from .xlsx_common import (
    DATA_SHEET,
    EXPORT_FORMAT,
    FORMAT_FAMILIES,
    MAX_CELL_TEXT,
    NO,
    POINTS_SHEET,
    TEMPLATE_FORMAT,
    YES,
    DataSheetError,
    checksum,
    clean_text,
    read_data_sheet,
    read_value,
    show_value,
)
from .xlsx_evidence import parse_evidence

MAX_REVISION = 1_000_000
MAX_SHEET_ROW = 1_048_576  # Excel's last row
_CELL_REF = re.compile(r"[A-Z]{1,3}[1-9][0-9]{0,6}")


class Refused(BadInput):
    """A file that can't be imported; the message is the reason (without the file name)."""

    def __init__(self, message: str, *, code: str = "import.refused", **params: Any):
        super().__init__(message, code=code, **params)


@dataclass
class Parsed:
    """An assessment read from a workbook, every value checked; nothing written yet."""

    kind: str  # "export" | "template"
    catalog_id: str
    region: str
    region_name: str
    year: int
    revision: int | None
    status: str
    assessor: str
    answers: dict[int, Value]
    notes: dict[int, str]
    evidence: list[dict[str, Any]] = field(default_factory=list)  # listed in the workbook (exports)
    points_total: int = 0


class _Sheet:
    """A worksheet's values (rows of WorkbookCells.rows), addressable by cell name."""

    def __init__(self, rows: list[tuple]):
        self.rows = rows

    def at(self, row: int, col: int) -> Any:
        if row < 1 or row > len(self.rows):
            return None
        r = self.rows[row - 1]
        return r[col - 1] if col - 1 < len(r) else None

    def cell(self, ref: str) -> Any:
        letters, row = coordinate_from_string(ref)
        return self.at(row, column_index_from_string(letters))


def _layout_error(what: str) -> Refused:
    return Refused(f"the data sheet's layout is damaged ({what})", code="import.layout", what=what)


def _col(letter: Any) -> int:
    if not isinstance(letter, str) or not re.fullmatch(r"[A-Z]{1,3}", letter) or column_index_from_string(letter) > 16384:
        raise _layout_error(f"a bad column {str(letter)[:20]!r}")
    return column_index_from_string(letter)


def _cell_ref(ref: Any, what: str) -> str:
    if not isinstance(ref, str) or not _CELL_REF.fullmatch(ref):
        raise _layout_error(f"the {what} cell is {str(ref)[:20]!r}, not a cell reference")
    letters, row = coordinate_from_string(ref)
    if column_index_from_string(letters) > 16384 or row > MAX_SHEET_ROW:
        raise _layout_error(f"the {what} cell {ref} is outside the sheet")
    return ref


def _row(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_SHEET_ROW:
        raise _layout_error(f"{what} is on row {str(value)[:20]!r}")
    return value


def read_workbook_bytes(data: bytes, name: str) -> tuple[dict[str, Any], _Sheet | None]:
    """The data sheet's payload and the points sheet's values of a workbook held in memory.

    Both sheets are read whole, whatever their <dimension> element says (a
    wrong one used to cut the data sheet short).
    """
    damaged = "not an Excel workbook (.xlsx), or the file is damaged or incomplete"
    try:
        zf = safezip.open_zip(data, name)
    except safezip.UnsafeZip:
        raise Refused(damaged, code="import.not_workbook") from None
    with zf:
        safezip.inspect(zf, name, safezip.WORKBOOK_LIMITS, file_size=len(data))
        try:
            book = WorkbookCells(zf)
            data_rows = book.rows(DATA_SHEET) if DATA_SHEET in book.sheetnames else None
        except Exception:  # zipfile, the XML parser and the reader raise many kinds of error on a broken file
            raise Refused(damaged, code="import.not_workbook") from None
        if data_rows is None:
            raise Refused(f"not a jlip-desktop workbook (it has no '{DATA_SHEET}' sheet)", code="import.not_jlip")
        try:
            payload = read_data_sheet(data_rows)
        except DataSheetError as e:
            raise Refused(f"the '{DATA_SHEET}' sheet is damaged ({e})", code="import.damaged",
                          reason=str(e)) from None
        except Exception:  # as any other fault in reading the sheet
            raise Refused(damaged, code="import.not_workbook") from None
        try:
            points = _Sheet(book.rows(POINTS_SHEET)) if POINTS_SHEET in book.sheetnames else None
        except Exception:
            raise Refused(damaged, code="import.not_workbook") from None
    if not isinstance(payload, dict):
        raise Refused(damaged, code="import.not_workbook")
    return payload, points


def read_path(path: Path) -> bytes:
    """A workbook file's bytes (refused when missing, a folder, unreadable or larger than allowed)."""
    if not path.exists():
        raise Refused("no such file", code="import.no_file")
    if path.is_dir():
        raise Refused("is a folder, not a file", code="import.is_folder")
    return safezip.read_file(path, safezip.WORKBOOK_LIMITS.file_size)


def _check_format(payload: dict[str, Any]) -> str:
    fmt = payload.get("format")
    if fmt in (EXPORT_FORMAT, TEMPLATE_FORMAT):
        return fmt
    if isinstance(fmt, str) and fmt.startswith(FORMAT_FAMILIES):
        raise Refused(
            f"format version {fmt!r} is not one this version reads ({EXPORT_FORMAT}, {TEMPLATE_FORMAT}); "
            "it was made by another version of jlip-desktop", code="import.format_version", format=fmt[:40]
        )
    raise Refused(f"not a jlip-desktop workbook (its data sheet has format {str(fmt)[:40]!r})",
                  code="import.not_jlip")


def _catalog(store, payload):
    cid = payload.get("catalog")
    if not isinstance(cid, str):
        raise Refused(f"unknown catalogue {str(cid)[:40]!r}", code="import.unknown_catalog", catalog=str(cid)[:40])
    try:
        return store.catalog(cid)
    except CatalogError:
        raise Refused(f"unknown catalogue {cid[:40]!r}: this version of jlip-desktop does not have it",
                      code="import.unknown_catalog", catalog=cid[:40]) from None


def _region(store, raw: Any, where: str):
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise Refused(f"{where} is empty: expected a region code such as 220100", code="import.unknown_region",
                      region="")
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise Refused(f"{where} is not a region code: expected a GB/T 2260 code of Jilin such as 220100",
                      code="import.unknown_region", region=str(raw)[:40])
    if isinstance(raw, float):
        if not raw.is_integer():  # NaN, Infinity and 220102.5 alike: never truncated to a code
            raise Refused(f"unknown region {raw!r} ({where}): expected a GB/T 2260 code of Jilin such as 220100",
                          code="import.unknown_region", region=repr(raw)[:40])
        raw = int(raw)
    text = str(raw).strip()[:200]
    first = text.split()[0]
    reg = store.region(first) or store.find_region(text)
    if reg is None:
        raise Refused(f"unknown region {text[:40]!r} ({where}): expected a GB/T 2260 code of Jilin such as 220100",
                      code="import.unknown_region", region=text[:40])
    return reg


def _year(raw: Any, where: str) -> int:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, str) and raw.strip().isascii() and raw.strip().isdigit() and len(raw.strip()) <= 4:
        raw = int(raw.strip())
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1900 <= raw <= 2200:
        raise Refused(f"{where}: expected a year such as 2021, got {str(raw)[:20]!r}", code="import.bad_year",
                      year=str(raw)[:20])
    return raw


def _norm_text(s: Any) -> str:
    return " ".join(clean_text("" if s is None else str(s)).split())


def _answer_refusal(e: AnswerError, row: int | None = None) -> Refused:
    where = f" (row {row})" if row is not None else ""
    return Refused(f"{e}{where}", code="import.bad_answer", point=e.point, reason=str(e))


def _text(value: Any, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Refused(f"the data sheet's {what} must be text", code="import.damaged", reason=f"{what} not text")
    return value


def _parse_export(store, payload: dict[str, Any], points: _Sheet | None) -> Parsed:
    cat = _catalog(store, payload)
    reg = _region(store, payload.get("region"), "the data sheet's region")
    year = _year(payload.get("year"), "the data sheet's year")
    if payload.get("sha256") != checksum(payload):
        raise Refused("edited after export: the checksum (SHA-256) of its data does not match",
                      code="import.checksum")
    rev = payload.get("revision")
    if isinstance(rev, bool) or not isinstance(rev, int) or not 1 <= rev <= MAX_REVISION:
        raise Refused(f"the data sheet's revision must be a whole number from 1 to {MAX_REVISION}, got "
                      f"{str(rev)[:20]!r}", code="import.damaged", reason="revision")
    status = payload.get("status")
    if status not in STATUSES:
        raise Refused(f"the data sheet's status must be one of {', '.join(STATUSES)}, got {str(status)[:20]!r}",
                      code="import.damaged", reason="status")
    assessor = _text(payload.get("assessor"), "assessor")
    try:
        answers = validate_answers(cat, payload.get("answers"))
    except AnswerError as e:
        raise _answer_refusal(e) from None
    raw_notes = payload.get("notes") or {}
    if not isinstance(raw_notes, dict):
        raise Refused("the data sheet's notes must map point numbers to text", code="import.damaged",
                      reason="notes")
    notes = {}
    for k, v in raw_notes.items():
        if not (isinstance(k, str) and k.isascii() and k.isdigit() and len(k) <= 6 and int(k) in cat.points):
            raise Refused(f"the data sheet has a note for an unknown point {k[:20]!r}", code="import.damaged",
                          reason="note key")
        notes[int(k)] = _text(v, f"note of point ({k})")
    total = len(cat.points)
    if "answered" in payload and payload["answered"] != len(answers):
        raise Refused("the data sheet's answered count does not match its answers", code="import.damaged",
                      reason="answered")
    if "points_total" in payload and payload["points_total"] != total:
        raise Refused("the data sheet's number of points does not match its catalogue", code="import.damaged",
                      reason="points_total")
    if status == "submitted" and len(answers) < total:
        raise Refused(f"the data sheet says submitted but {total - len(answers)} point(s) are unanswered",
                      code="import.damaged", reason="submitted incomplete")
    try:
        evidence = parse_evidence(cat, payload.get("evidence"))
    except ValueError as e:
        raise Refused(str(e), code="import.damaged", reason=str(e)) from None
    _check_visible(cat, payload.get("layout"), points, answers, notes)
    return Parsed("export", cat.id, reg.code, reg.name, year, rev, status, assessor, answers, notes, evidence, total)


def _check_visible(cat, layout: Any, points: _Sheet | None, answers, notes) -> None:
    """The points sheet must show what the data sheet holds: a changed cell means the file was edited."""
    if points is None:
        raise Refused(f"edited after export: the '{POINTS_SHEET}' sheet is missing", code="import.checksum")
    if not isinstance(layout, dict) or not isinstance(layout.get("points"), dict):
        raise _layout_error("no layout")
    acol, ncol = _col(layout.get("answer_col")), _col(layout.get("note_col"))
    for n, p in cat.points.items():
        row = _row(layout["points"].get(str(n)), f"point ({n})")
        shown = points.at(row, acol)
        try:
            seen = read_value(p, shown)
        except AnswerError:
            seen = shown
        if seen != answers.get(n):
            was = show_value(p, answers.get(n))
            raise Refused(
                f"edited after export: the checksum does not cover point ({n}) as shown in '{POINTS_SHEET}' "
                f"({str(shown)[:40] if shown is not None else 'empty'}; exported as "
                f"{was if was is not None else 'empty'})", code="import.checksum", point=n
            )
        if _norm_text(points.at(row, ncol)) != _norm_text(notes.get(n, "")):
            raise Refused(f"edited after export: the note of point ({n}) in '{POINTS_SHEET}' was changed "
                          "(the checksum does not match)", code="import.checksum", point=n)


def _parse_template(store, payload: dict[str, Any], points: _Sheet | None) -> Parsed:
    cat = _catalog(store, payload)
    if points is None:
        raise Refused(f"the template's '{POINTS_SHEET}' sheet is missing", code="import.template_moved")
    layout = payload.get("layout")
    if not isinstance(layout, dict) or not isinstance(layout.get("points"), dict):
        raise _layout_error("no layout")
    region_cell = _cell_ref(layout.get("region_cell"), "region")
    year_cell = _cell_ref(layout.get("year_cell"), "year")
    assessor_cell = _cell_ref(layout.get("assessor_cell", "C4"), "assessor")
    acol, ncol, pcol = _col(layout.get("answer_col")), _col(layout.get("note_col")), _col(layout.get("point_col"))
    reg = _region(store, points.cell(region_cell), f"the region cell {region_cell}")
    year = _year(points.cell(year_cell), f"the year cell {year_cell}")
    assessor = _norm_text(points.cell(assessor_cell))[:MAX_CELL_TEXT]
    moved = "the template's rows were moved or deleted ({}); fill in a fresh template without inserting rows"
    domains_layout = layout.get("domains") or {}
    if not isinstance(domains_layout, dict):
        raise _layout_error("the domain rows")
    answers: dict[int, Value] = {}
    notes: dict[int, str] = {}
    for n, p in cat.points.items():
        row = layout["points"].get(str(n))
        if isinstance(row, bool) or not isinstance(row, int) or not 1 <= row <= MAX_SHEET_ROW \
                or points.at(row, pcol) not in (n, float(n)):
            raise Refused(moved.format(f"point ({n}) is not on row {str(row)[:20]}"), code="import.template_moved",
                          point=n)
        note = points.at(row, ncol)
        if note is not None and str(note).strip():
            notes[n] = str(note).strip()[:MAX_CELL_TEXT]
        try:
            if p.kind == "domains":
                rows = domains_layout.get(str(n))
                if not isinstance(rows, dict) or set(rows) != set(p.domains):
                    raise Refused(moved.format(f"the domain rows of point ({n})"), code="import.template_moved",
                                  point=n)
                ticks = {d: points.at(_row(r, f"the domain {d} of point ({n})"), acol) for d, r in rows.items()}
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in ticks.values()):
                    continue
                chosen = []
                for d, v in ticks.items():
                    tick = v.strip() if isinstance(v, str) else v
                    if tick not in (YES, NO, None, ""):
                        raise Refused(f"point ({n}) is domains: the tick for {d} (row {rows[d]}) must be "
                                      f"{YES} or {NO}, got {str(v)[:40]!r}", code="import.bad_answer", point=n,
                                      reason="domain tick")
                    if tick == YES:
                        chosen.append(d)
                value = parse_value(p, chosen)
            else:
                value = read_value(p, points.at(row, acol))
        except AnswerError as e:
            raise _answer_refusal(e, row) from None
        if value is not None:
            answers[n] = value
    return Parsed("template", cat.id, reg.code, reg.name, year, None, "draft", assessor, answers, notes, [],
                  len(cat.points))


def parse_workbook(store, data: bytes, name: str) -> Parsed:
    """Every check of one workbook (bytes in memory); `Refused` (or another BadInput) names the reason."""
    payload, points = read_workbook_bytes(data, name)
    fmt = _check_format(payload)
    if fmt == EXPORT_FORMAT:
        return _parse_export(store, payload, points)
    return _parse_template(store, payload, points)


_MOVED = ("OUTCOMES", "ImportCandidate", "ImportResult", "import_workbooks", "results_summary")


def __getattr__(name: str):
    """The batch (results, candidates, import_workbooks) lives in importer.py; old imports keep working."""
    if name in _MOVED:
        from . import importer

        return getattr(importer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
