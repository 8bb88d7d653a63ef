"""Importing exchange workbooks and filled-in templates, one file at a time, all or nothing.

Every check runs before anything is written; a file that fails one is
refused with the reason, the database is not touched, and the batch goes on
with the next file.  The one write per file is Store.import_assessment, a
single transaction that also logs the import in the audit.

Region-year already in the database (its revision is the imported file's
revision, or for an assessment made here, its last export revision):
  same revision   -> "duplicate", skipped
  higher revision -> "replaced" when `replace` says so, else "exists"
  lower revision  -> "stale", refused
A template has no revision: it counts as newer than anything, so it replaces
only when confirmed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from ..core.catalog import CatalogError
from ..core.errors import BadInput
from ..core.scoring import AnswerError, Value, parse_value, validate_answers
from ..core.store import STATUSES
from .xlsx_common import (
    DATA_SHEET,
    EXPORT_FORMAT,
    FORMAT_FAMILIES,
    NO,
    POINTS_SHEET,
    TEMPLATE_FORMAT,
    YES,
    checksum,
    clean_text,
    read_data_sheet,
    read_value,
    show_value,
)

OUTCOMES = ("imported", "replaced", "duplicate", "refused", "stale", "exists")


@dataclass(frozen=True)
class ImportResult:
    path: Path
    outcome: str  # one of OUTCOMES
    message: str
    assessment_id: int | None = None


@dataclass(frozen=True)
class ImportCandidate:
    """What a replace callback is asked about: a file whose region-year is already present."""

    path: Path
    kind: str  # "export" | "template"
    region: str
    region_name: str
    year: int
    revision: int | None  # None for a template
    existing_id: int
    existing_revision: int | None


class Refused(BadInput):
    """A file that can't be imported; the message is the reason."""


@dataclass
class _Parsed:
    kind: str
    catalog_id: str
    region: str
    region_name: str
    year: int
    revision: int | None
    status: str
    assessor: str
    answers: dict[int, Value]
    notes: dict[int, str]


class _Sheet:
    """A read-only worksheet's values, addressable by cell name."""

    def __init__(self, ws):
        ws.reset_dimensions()
        self.rows = [tuple(r) for r in ws.iter_rows(values_only=True)]

    def at(self, row: int, col: int) -> Any:
        if row < 1 or row > len(self.rows):
            return None
        r = self.rows[row - 1]
        return r[col - 1] if col - 1 < len(r) else None

    def cell(self, ref: str) -> Any:
        letters, row = coordinate_from_string(ref)
        return self.at(row, column_index_from_string(letters))


def _col(letter: Any) -> int:
    if not isinstance(letter, str) or not re.fullmatch(r"[A-Z]{1,3}", letter):
        raise Refused(f"the data sheet's layout names a bad column {letter!r}")
    return column_index_from_string(letter)


def _read(path: Path) -> tuple[dict[str, Any], _Sheet | None]:
    """The data sheet's payload and the points sheet's values."""
    if not path.exists():
        raise Refused("no such file")
    if path.is_dir():
        raise Refused("is a folder, not a file")
    damaged = "not an Excel workbook (.xlsx), or the file is damaged or incomplete"
    try:
        # Opened by handle: openpyxl would refuse a good workbook for its file name's extension alone.
        fh = path.open("rb")
    except OSError as e:
        raise Refused(f"can't read the file ({e.strerror}); is it open in another program?") from None
    try:
        try:
            wb = load_workbook(fh, read_only=True, data_only=True)
        except Exception:  # openpyxl and zipfile raise many kinds of error on a broken file
            raise Refused(damaged) from None
        try:
            if DATA_SHEET not in wb.sheetnames:
                raise Refused(f"not a jlip-desktop workbook (it has no '{DATA_SHEET}' sheet)")
            try:
                payload = read_data_sheet(wb[DATA_SHEET].iter_rows(values_only=True))
            except (ValueError, TypeError):
                raise Refused(f"the '{DATA_SHEET}' sheet is damaged (a value is not valid JSON)") from None
            points = _Sheet(wb[POINTS_SHEET]) if POINTS_SHEET in wb.sheetnames else None
        except Refused:
            raise
        except Exception:
            raise Refused(damaged) from None
        finally:
            wb.close()
    finally:
        fh.close()
    if not isinstance(payload, dict):
        raise Refused(damaged)
    return payload, points


def _check_format(payload: dict[str, Any]) -> str:
    fmt = payload.get("format")
    if fmt in (EXPORT_FORMAT, TEMPLATE_FORMAT):
        return fmt
    if isinstance(fmt, str) and fmt.startswith(FORMAT_FAMILIES):
        raise Refused(
            f"format version {fmt!r} is not one this version reads ({EXPORT_FORMAT}, {TEMPLATE_FORMAT}); "
            "it was made by another version of jlip-desktop"
        )
    raise Refused(f"not a jlip-desktop workbook (its data sheet has format {fmt!r})")


def _catalog(store, payload):
    cid = payload.get("catalog")
    if not isinstance(cid, str):
        raise Refused(f"unknown catalogue {cid!r}")
    try:
        return store.catalog(cid)
    except CatalogError:
        raise Refused(f"unknown catalogue {cid!r}: this version of jlip-desktop does not have it") from None


def _region(store, raw: Any, where: str):
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise Refused(f"{where} is empty: expected a region code such as 220100")
    text = str(int(raw)) if isinstance(raw, (int, float)) and not isinstance(raw, bool) else str(raw).strip()
    first = text.split()[0]
    reg = store.region(first) or store.find_region(text)
    if reg is None:
        raise Refused(f"unknown region {text!r} ({where}): expected a GB/T 2260 code of Jilin such as 220100")
    return reg


def _year(raw: Any, where: str) -> int:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, str) and raw.strip().isdigit():
        raw = int(raw.strip())
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1900 <= raw <= 2200:
        raise Refused(f"{where}: expected a year such as 2021, got {raw!r}")
    return raw


def _norm_text(s: Any) -> str:
    return " ".join(clean_text("" if s is None else str(s)).split())


def _parse_export(store, payload: dict[str, Any], points: _Sheet | None) -> _Parsed:
    cat = _catalog(store, payload)
    reg = _region(store, payload.get("region"), "the data sheet's region")
    year = _year(payload.get("year"), "the data sheet's year")
    if payload.get("sha256") != checksum(payload):
        raise Refused("edited after export: the checksum (SHA-256) of its data does not match")
    rev = payload.get("revision")
    if isinstance(rev, bool) or not isinstance(rev, int) or rev < 1:
        raise Refused(f"the data sheet's revision must be a whole number from 1, got {rev!r}")
    status = payload.get("status")
    if status not in STATUSES:
        raise Refused(f"the data sheet's status must be one of {', '.join(STATUSES)}, got {status!r}")
    assessor = payload.get("assessor") or ""
    if not isinstance(assessor, str):
        raise Refused("the data sheet's assessor must be text")
    try:
        answers = validate_answers(cat, payload.get("answers"))
    except AnswerError as e:
        raise Refused(str(e)) from None
    raw_notes = payload.get("notes") or {}
    if not isinstance(raw_notes, dict) or not all(isinstance(v, str) for v in raw_notes.values()):
        raise Refused("the data sheet's notes must map point numbers to text")
    notes = {}
    for k, v in raw_notes.items():
        if not (isinstance(k, str) and k.isdigit() and int(k) in cat.points):
            raise Refused(f"the data sheet has a note for an unknown point {k!r}")
        notes[int(k)] = v
    _check_visible(cat, payload.get("layout"), points, answers, notes)
    return _Parsed("export", cat.id, reg.code, reg.name, year, rev, status, assessor, answers, notes)


def _check_visible(cat, layout: Any, points: _Sheet | None, answers, notes) -> None:
    """The points sheet must show what the data sheet holds: a changed cell means the file was edited."""
    if points is None:
        raise Refused(f"edited after export: the '{POINTS_SHEET}' sheet is missing")
    if not isinstance(layout, dict) or not isinstance(layout.get("points"), dict):
        raise Refused("the data sheet has no layout")
    acol, ncol = _col(layout.get("answer_col")), _col(layout.get("note_col"))
    for n, p in cat.points.items():
        row = layout["points"].get(str(n))
        if not isinstance(row, int):
            raise Refused(f"the data sheet's layout has no row for point ({n})")
        shown = points.at(row, acol)
        try:
            seen = read_value(p, shown)
        except AnswerError:
            seen = shown
        if seen != answers.get(n):
            was = show_value(p, answers.get(n))
            raise Refused(
                f"edited after export: the checksum does not cover point ({n}) as shown in '{POINTS_SHEET}' "
                f"({shown if shown is not None else 'empty'}; exported as {was if was is not None else 'empty'})"
            )
        if _norm_text(points.at(row, ncol)) != _norm_text(notes.get(n, "")):
            raise Refused(f"edited after export: the note of point ({n}) in '{POINTS_SHEET}' was changed "
                          "(the checksum does not match)")


def _parse_template(store, payload: dict[str, Any], points: _Sheet | None) -> _Parsed:
    cat = _catalog(store, payload)
    if points is None:
        raise Refused(f"the template's '{POINTS_SHEET}' sheet is missing")
    layout = payload.get("layout")
    if not isinstance(layout, dict) or not isinstance(layout.get("points"), dict):
        raise Refused("the template's data sheet has no layout")
    region_cell, year_cell = layout.get("region_cell"), layout.get("year_cell")
    reg = _region(store, points.cell(region_cell), f"the region cell {region_cell}")
    year = _year(points.cell(year_cell), f"the year cell {year_cell}")
    assessor = _norm_text(points.cell(layout.get("assessor_cell", "C4")))
    acol, ncol, pcol = _col(layout.get("answer_col")), _col(layout.get("note_col")), _col(layout.get("point_col"))
    moved = "the template's rows were moved or deleted ({}); fill in a fresh template without inserting rows"
    answers: dict[int, Value] = {}
    notes: dict[int, str] = {}
    for n, p in cat.points.items():
        row = layout["points"].get(str(n))
        if not isinstance(row, int) or points.at(row, pcol) not in (n, float(n)):
            raise Refused(moved.format(f"point ({n}) is not on row {row}"))
        note = points.at(row, ncol)
        if note is not None and str(note).strip():
            notes[n] = str(note).strip()
        try:
            if p.kind == "domains":
                rows = (layout.get("domains") or {}).get(str(n))
                if not isinstance(rows, dict) or set(rows) != set(p.domains):
                    raise Refused(moved.format(f"the domain rows of point ({n})"))
                ticks = {d: points.at(r, acol) for d, r in rows.items()}
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in ticks.values()):
                    continue
                chosen = []
                for d, v in ticks.items():
                    tick = v.strip() if isinstance(v, str) else v
                    if tick not in (YES, NO, None, ""):
                        raise Refused(f"point ({n}) is domains: the tick for {d} (row {rows[d]}) must be "
                                      f"{YES} or {NO}, got {v!r}")
                    if tick == YES:
                        chosen.append(d)
                value = parse_value(p, chosen)
            else:
                value = read_value(p, points.at(row, acol))
        except AnswerError as e:
            raise Refused(f"{e} (row {row})") from None
        if value is not None:
            answers[n] = value
    return _Parsed("template", cat.id, reg.code, reg.name, year, None, "draft", assessor, answers, notes)


def _existing_revision(existing) -> int | None:
    return existing.source_revision if existing.imported else existing.export_revision


def _import_one(store, path: Path, replace, who) -> ImportResult:
    payload, points = _read(path)
    fmt = _check_format(payload)
    parsed = _parse_export(store, payload, points) if fmt == EXPORT_FORMAT else _parse_template(store, payload, points)
    where = f"{parsed.region_name} {parsed.year}"
    existing = store.find_assessment(parsed.region, parsed.year)
    do_replace = False
    if existing is not None:
        old_rev = _existing_revision(existing)
        if parsed.revision is not None and old_rev is not None and parsed.revision == old_rev:
            return ImportResult(path, "duplicate", f"{where} revision {parsed.revision} is already in the "
                                f"database (assessment {existing.id}); skipped", existing.id)
        if parsed.revision is not None and old_rev is not None and parsed.revision < old_rev:
            return ImportResult(path, "stale", f"{where}: this file is revision {parsed.revision}, older than "
                                f"revision {old_rev} already in the database (assessment {existing.id}); "
                                "not imported", existing.id)
        cand = ImportCandidate(path, parsed.kind, parsed.region, parsed.region_name, parsed.year, parsed.revision,
                               existing.id, old_rev)
        do_replace = bool(replace(cand)) if callable(replace) else bool(replace)
        if not do_replace:
            newer = f"revision {parsed.revision}" if parsed.revision is not None else "a filled-in template"
            state = "submitted, " if existing.status == "submitted" else ""
            return ImportResult(path, "exists", f"{where} already has an assessment (id {existing.id}, {state}revision "
                                f"{old_rev if old_rev is not None else 'none'}); this file is {newer}: confirm "
                                "the replacement (--replace on the command line) to import it", existing.id)
    try:
        aid = store.import_assessment(
            parsed.region, parsed.year, parsed.catalog_id, parsed.answers, parsed.notes, status=parsed.status,
            assessor=parsed.assessor, source_file=path.name, revision=parsed.revision, replace=do_replace, who=who,
        )
    except BadInput as e:
        raise Refused(str(e)) from None
    what = f"revision {parsed.revision}" if parsed.revision is not None else "template"
    verb = "replaced" if do_replace else "imported"
    return ImportResult(path, verb, f"{where} {verb} ({what}, {len(parsed.answers)} of "
                        f"{len(store.catalog(parsed.catalog_id).points)} points answered) as assessment {aid}", aid)


def import_workbooks(
    store,
    paths: Sequence[Path],
    replace: bool | Callable[[ImportCandidate], bool] = False,
    progress: Callable[[int, int, Path], None] | None = None,
    who: str | None = None,
) -> list[ImportResult]:
    """Import each file on its own; one result per file, in order.

    `replace` is True / False for every file, or a function asked per file
    whose region-year is already present with an older revision.
    `progress(done, total, path)` is called after each file.
    """
    paths = [Path(p) for p in paths]
    results = []
    for i, path in enumerate(paths, start=1):
        try:
            results.append(_import_one(store, path, replace, who))
        except Refused as e:
            results.append(ImportResult(path, "refused", " ".join(str(e).split())))
        if progress is not None:
            progress(i, len(paths), path)
    return results


def results_summary(results: Sequence[ImportResult]) -> dict[str, int]:
    """How many files ended in each outcome (for a batch's closing line)."""
    out = {k: 0 for k in OUTCOMES}
    for r in results:
        out[r.outcome] += 1
    return out
