"""The review workbook (format `jlip-review/1`): the province's verdicts, back to the county.

`export_review` (at the province) writes a readable sheet 审核结果 with each
point's self answer and score, the verdict, the verified value and score and
the comment, totals both ways, and the hidden, protected data sheet with the
payload and a SHA-256 over it, naming the catalogue, region, year and the
revision reviewed.

`import_review` (at the county) checks everything before it writes: ours,
this format, the checksum, every verdict and value against the point's
rule, the visible sheet against the data (an edited cell is refused), and
that the database holds this region-year made here, at the revision the
province reviewed.  Then one transaction attaches the review; a returned,
submitted assessment reopens for editing.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import PatternFill

from .. import __version__
from ..core import review as rv
from ..core import safezip
from ..core.catalog import CatalogError
from ..core.errors import BadInput
from ..core.fileio import atomic_write, check_output_path
from ..core.scoring import (
    ONE_DECIMAL,
    AnswerError,
    answers_to_json,
    fmt,
    one_decimal,
    parse_point_key,
    parse_value,
    score,
)
from .xlsx_common import (
    BOLD,
    BORDER,
    DATA_SHEET,
    HEADER_FILL,
    TITLE_FONT,
    TOTAL_FILL,
    WRAP,
    DataSheetError,
    checksum,
    clean_text,
    number_cell_value,
    protect,
    put_text,
    put_value,
    read_data_sheet,
    show_value,
    write_data_sheet,
)
from .xlsx_import import read_path

REVIEW_FORMAT = "jlip-review/1"
REVIEW_SHEET = "审核结果"
HEADERS = ("要点", "内容", "满分", "自评答案", "自评得分", "审核结论", "核定答案", "核定得分", "审核意见")
WIDTHS = (6, 30, 6, 26, 9, 9, 26, 9, 44)
ISSUE_FILL = PatternFill("solid", fgColor="F8CBAD")
ADJUST_FILL = PatternFill("solid", fgColor="FFF2CC")
COL_VERDICT, COL_COMMENT = 6, 9
HEADER_ROW = 8


class ReviewFileError(BadInput):
    """A review workbook that can't be imported; nothing was changed."""


@dataclass(frozen=True)
class ReviewImport:
    assessment_id: int
    status: str
    reopened: bool
    message: str


def export_review(store, assessment_id: int, path: Path, who: str | None = None) -> Path:
    """Write the review workbook of an imported, decided assessment."""
    path = check_output_path(Path(path))
    a = store.assessment(assessment_id)
    if not a.imported:
        raise rv.ReviewError(f"assessment {a.id} was made in this database; only the review of an imported "
                             "assessment goes back to its county", code="review.not_imported", id=a.id)
    state = rv.review_state(store, a.id)
    if state.status not in ("approved", "returned"):
        raise rv.ReviewError(f"assessment {a.id}: the review is {state.status}; approve or return it before "
                             "exporting the review", code="review.undecided", id=a.id)
    cat = store.catalog(a.catalog)
    reg = store.region(a.region)
    region_name = reg.name if reg else a.region
    answers = store.answers(a.id)
    self_sc = score(cat, answers)
    verified = rv.verified_answers(store, a.id)
    ver_sc = score(cat, verified)
    exported_at = datetime.now().astimezone().isoformat(timespec="seconds")

    wb = Workbook()
    ws = wb.active
    ws.title = REVIEW_SHEET
    ws.cell(1, 1, f"{region_name} {a.year} 年度知识产权保护水平评估 审核结果").font = TITLE_FONT
    info = [
        ("地区", f"{a.region} {region_name}"),
        ("年度", a.year),
        ("审核的版本号", a.source_revision),
        ("审核结论", rv.STATUS_ZH[state.status]),
        ("审核意见", state.comment),
        ("总分", f"自评 {one_decimal(self_sc.total)} / 核定 {one_decimal(ver_sc.total)}（满分 {fmt(cat.total_max)}）"),
    ]
    for i, (k, v) in enumerate(info, start=2):
        ws.cell(i, 1, k).font = BOLD
        put_text(ws.cell(i, 2), "" if v is None else str(v))
    for c, (h, w) in enumerate(zip(HEADERS, WIDTHS, strict=True), start=1):
        cell = ws.cell(HEADER_ROW, c, h)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.border = BORDER
        ws.column_dimensions[cell.column_letter].width = w
    rows: dict[str, int] = {}
    r = HEADER_ROW
    for n, p in cat.points.items():
        r += 1
        rows[str(n)] = r
        v = state.points.get(n)
        ver_value = verified.get(n)
        values = (
            n, p.label, number_cell_value(p.max), show_value(p, answers.get(n)),
            number_cell_value(self_sc.points[n]) if n in answers else None,
            rv.VERDICT_ZH[v.verdict] if v else None,
            show_value(p, ver_value) if v and v.verdict == "adjust" else None,
            number_cell_value(ver_sc.points[n]) if n in verified else None,
            v.comment if v else None,
        )
        fill = ISSUE_FILL if v and v.verdict == "issue" else ADJUST_FILL if v and v.verdict == "adjust" else None
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c)
            put_value(cell, value)
            cell.border = BORDER
            cell.alignment = WRAP
            if fill is not None and c >= COL_VERDICT:
                cell.fill = fill
    r += 1
    ws.cell(r, 2, "合计").font = BOLD
    for c, value in ((3, cat.total_max), (5, self_sc.total), (8, ver_sc.total)):
        cell = ws.cell(r, c, number_cell_value(value.quantize(ONE_DECIMAL)))
        cell.font = BOLD
    for c in range(1, len(HEADERS) + 1):
        ws.cell(r, c).fill = TOTAL_FILL
        ws.cell(r, c).border = BORDER
    ws.cell(r + 2, 1, "说明：审核结论为“问题”的要点（红色）须由县区修改后重新上报；“调整”（黄色）的要点按核定答案计分；"
            "未给出结论的要点视为认可。“jlip-data”隐藏工作表供导入核对，请勿修改。")
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    protect(ws)

    payload = {
        "format": REVIEW_FORMAT,
        "catalog": cat.id,
        "region": a.region,
        "year": a.year,
        "revision": a.source_revision,
        "status": state.status,
        "comment": state.comment,
        "decided_at": state.decided_at,
        "decided_by": state.decided_by,
        "points": {str(n): v.to_json() for n, v in sorted(state.points.items())},
        "answers": answers_to_json(answers),
        "self_total": one_decimal(self_sc.total),
        "verified_total": one_decimal(ver_sc.total),
        "app_version": __version__,
        "exported_at": exported_at,
        "layout": {"sheet": REVIEW_SHEET, "rows": rows, "verdict_col": COL_VERDICT, "comment_col": COL_COMMENT},
    }
    payload["sha256"] = checksum(payload)
    write_data_sheet(wb, payload)
    wb.active = 0
    with atomic_write(path) as tmp:
        wb.save(tmp)
    store.log(a.id, "review-export", path.name, who, None, state.status)
    return path


def _read(path: Path) -> tuple[dict[str, Any], list[tuple]]:
    """The payload and the review sheet's rows; the zip container is checked first (core/safezip)."""
    where = f"{path}"
    try:
        data = read_path(path)
        zf = safezip.open_zip(data, path.name)
        with zf:
            safezip.inspect(zf, path.name, safezip.WORKBOOK_LIMITS, file_size=len(data))
    except safezip.UnsafeZip as e:
        raise ReviewFileError(f"{where}: not an Excel workbook (.xlsx), or the file is damaged or unsafe ({e})",
                              code="review_file.not_workbook", file=str(path)) from None
    except BadInput as e:
        raise ReviewFileError(f"{where}: {e}", code="review_file.unreadable", file=str(path)) from None
    damaged = f"{where}: not an Excel workbook (.xlsx), or the file is damaged or incomplete"
    try:
        with warnings.catch_warnings():  # openpyxl warns about parts of a damaged file it skips
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl, zipfile and the XML parser raise many kinds of error on a broken file
        raise ReviewFileError(damaged, code="review_file.not_workbook", file=str(path)) from None
    try:
        if DATA_SHEET not in wb.sheetnames:
            raise ReviewFileError(f"{where}: not a jlip-desktop review workbook (no '{DATA_SHEET}' sheet)",
                                  code="review_file.not_review", file=str(path))
        try:
            payload = read_data_sheet(wb[DATA_SHEET].iter_rows(values_only=True))
        except DataSheetError as e:
            raise ReviewFileError(f"{where}: the '{DATA_SHEET}' sheet is damaged ({e})",
                                  code="review_file.damaged", file=str(path)) from None
        if REVIEW_SHEET not in wb.sheetnames:
            raise ReviewFileError(f"{where}: edited after export: the '{REVIEW_SHEET}' sheet is missing",
                                  code="review_file.edited", file=str(path))
        ws = wb[REVIEW_SHEET]
        ws.reset_dimensions()
        rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
    except ReviewFileError:
        raise
    except Exception:  # a sheet that the XML parser or openpyxl can't read
        raise ReviewFileError(damaged, code="review_file.not_workbook", file=str(path)) from None
    finally:
        wb.close()
    if not isinstance(payload, dict):
        raise ReviewFileError(damaged, code="review_file.not_workbook", file=str(path))
    return payload, rows


def _norm(s: Any) -> str:
    return " ".join(clean_text("" if s is None else str(s)).split())


def _parse(store, path: Path, payload: dict[str, Any], rows: list[tuple]):
    where = str(path)
    fmt_ = payload.get("format")
    if fmt_ != REVIEW_FORMAT:
        if isinstance(fmt_, str) and fmt_.startswith("jlip-review/"):
            raise ReviewFileError(f"{where}: review format {fmt_!r} is not one this version reads ({REVIEW_FORMAT})", code="review_file.version", file=str(path))
        raise ReviewFileError(f"{where}: not a jlip-desktop review workbook (format {fmt_!r})", code="review_file.not_review", file=str(path))
    if payload.get("sha256") != checksum(payload):
        raise ReviewFileError(f"{where}: edited after export: the checksum (SHA-256) of its data does not match", code="review_file.edited", file=str(path))
    try:
        cat = store.catalog(str(payload.get("catalog")))
    except CatalogError:
        raise ReviewFileError(f"{where}: unknown catalogue {payload.get('catalog')!r}", code="review_file.catalog", file=str(path)) from None
    region, year, revision = payload.get("region"), payload.get("year"), payload.get("revision")
    if not isinstance(region, str) or store.region(region) is None:
        raise ReviewFileError(f"{where}: unknown region {region!r}", code="review_file.damaged", file=str(path))
    if isinstance(year, bool) or not isinstance(year, int):
        raise ReviewFileError(f"{where}: the year must be a whole year, got {year!r}", code="review_file.damaged", file=str(path))
    if isinstance(revision, bool) or not isinstance(revision, int) or revision < 1:
        raise ReviewFileError(f"{where}: the revision reviewed must be a whole number from 1, got {revision!r}", code="review_file.damaged", file=str(path))
    status = payload.get("status")
    if status not in ("approved", "returned"):
        raise ReviewFileError(f"{where}: the review's status must be approved or returned, got {status!r}", code="review_file.damaged", file=str(path))
    comment = payload.get("comment") or ""
    if not isinstance(comment, str):
        raise ReviewFileError(f"{where}: the review's comment must be text", code="review_file.damaged", file=str(path))
    raw_points = payload.get("points")
    if not isinstance(raw_points, dict):
        raise ReviewFileError(f"{where}: the review has no verdicts map", code="review_file.damaged", file=str(path))
    points: dict[int, rv.PointVerdict] = {}
    try:
        for key, item in raw_points.items():
            n = parse_point_key(cat, key)
            if not isinstance(item, dict) or item.get("verdict") not in rv.VERDICTS:
                raise ReviewFileError(f"{where}: point ({n}): not a verdict ({item!r})", code="review_file.damaged", file=str(path))
            c = item.get("comment") or ""
            if not isinstance(c, str):
                raise ReviewFileError(f"{where}: point ({n}): the comment must be text", code="review_file.damaged", file=str(path))
            value = None
            if item["verdict"] == "adjust":
                if item.get("value") is None:
                    raise ReviewFileError(f"{where}: point ({n}): an adjustment without a value", code="review_file.damaged", file=str(path))
                value = parse_value(cat.points[n], item["value"])
            points[n] = rv.PointVerdict(n, item["verdict"], value, c)
    except AnswerError as e:
        raise ReviewFileError(f"{where}: {e}", code="review_file.damaged", file=str(path)) from None
    layout = payload.get("layout")
    if not isinstance(layout, dict) or not isinstance(layout.get("rows"), dict):
        raise ReviewFileError(f"{where}: the data sheet has no layout", code="review_file.damaged", file=str(path))
    for n in cat.points:
        r = layout["rows"].get(str(n))
        if not isinstance(r, int) or not 1 <= r <= len(rows):
            raise ReviewFileError(f"{where}: edited after export: point ({n})'s row is missing from '{REVIEW_SHEET}'", code="review_file.edited", file=str(path))
        row = rows[r - 1]

        def cell(col: int, row=row):
            return row[col - 1] if col - 1 < len(row) else None

        v = points.get(n)
        if _norm(cell(COL_VERDICT)) != (rv.VERDICT_ZH[v.verdict] if v else "") or \
                _norm(cell(COL_COMMENT)) != _norm(v.comment if v else ""):
            raise ReviewFileError(f"{where}: edited after export: the verdict or comment of point ({n}) in "
                                  f"'{REVIEW_SHEET}' does not match its data (the checksum does not cover the change)",
                                  code="review_file.edited", file=str(path), point=n)
    return region, year, revision, status, comment, points, payload


def import_review(store, path: Path, who: str | None = None) -> ReviewImport:
    """Attach a province's review to the county's assessment it reviewed (all checks before the one write)."""
    path = Path(path)
    payload, rows = _read(path)
    region, year, revision, status, comment, points, payload = _parse(store, path, payload, rows)
    reg = store.region(region)
    a = store.find_assessment(region, year)
    if a is None:
        raise ReviewFileError(f"{path}: a review of {reg.name} {year}, which has no assessment in this database",
                              code="review_file.no_assessment", file=str(path), region=region, year=year)
    if a.imported:
        raise ReviewFileError(f"{path}: a review of {reg.name} {year}, which was imported here (assessment {a.id}); "
                              "a review goes back to the database the assessment was made in",
                              code="review_file.imported", file=str(path), region=region, year=year)
    if a.catalog != payload.get("catalog"):
        raise ReviewFileError(f"{path}: a review under the catalogue {payload.get('catalog')!r}, but assessment {a.id} "
                              f"uses {a.catalog!r}", code="review_file.catalog", file=str(path))
    if a.export_revision != revision:
        raise ReviewFileError(
            f"{path}: a review of revision {revision} of {reg.name} {year}, but this database's latest export is "
            f"revision {a.export_revision}; only a review of the latest revision is attached",
            code="review_file.other_revision", file=str(path), revision=revision, latest=a.export_revision)
    decided_at = payload.get("decided_at") if isinstance(payload.get("decided_at"), str) else None
    decided_by = payload.get("decided_by") if isinstance(payload.get("decided_by"), str) else None
    reopened = rv.attach_received(store, a.id, status=status, comment=comment, revision=revision, points=points,
                                  decided_at=decided_at, decided_by=decided_by, source_file=path.name, who=who)
    issues = sum(1 for v in points.values() if v.verdict == "issue")
    msg = (f"{reg.name} {year} revision {revision}: {rv.STATUS_ZH[status]} ({status}), {len(points)} verdict(s), "
           f"{issues} issue(s); attached to assessment {a.id}" + ("; reopened for editing" if reopened else ""))
    return ReviewImport(a.id, status, reopened, msg)
