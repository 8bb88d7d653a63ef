"""The points sheet: the report's Table 1 extended down to the 44 scoring points.

One layout serves the exchange workbook and the fill-in template:

    A 一级指标 | B 得分 | C 二级指标 | D 得分 | E 三级指标 | F 得分 |
    G 要点 | H 评分规则 | I 满分 | J 填报 | K 得分 | L 备注

Indicator cells are merged over their points.  Their scores are SUM formulas
over the point scores (column K), and the total and grade rows are formulas
too, so the numbers hold in Excel and LibreOffice.  In an export, K holds the
application's score of each point; in a template, K is a formula built from
the catalogue's kind, unit, cap and maximum, so it scores as the user types.

In a template a domains point gets one row per domain below it, each with a
是/否 drop-down; the point's score counts the 是.  (One cell holding several
names can't be offered as a drop-down, and ticks per row print well.)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..core.catalog import Catalog, Point
from ..core.scoring import Score, Value, fmt
from .xlsx_common import (
    BOLD,
    BORDER,
    GREY_FONT,
    HEADER_FILL,
    INPUT_FILL,
    NO,
    TITLE_FONT,
    TOTAL_FILL,
    UNLOCKED,
    WRAP,
    WRAP_CENTER,
    YES,
    Styler,
    merge,
    number_cell_value,
    put_text,
    show_value,
)

RIGHT = Alignment(horizontal="right", vertical="center", wrap_text=True)

COLUMNS = (
    # key, header, width
    ("primary", "一级指标", 13),
    ("primary_score", "得分", 6.5),
    ("secondary", "二级指标", 16),
    ("secondary_score", "得分", 6.5),
    ("tertiary", "三级指标", 18),
    ("tertiary_score", "得分", 6.5),
    ("point", "要点", 6),
    ("rule", "考核要点及评分规则", 46),
    ("max", "满分", 6),
    ("answer", "填报", 13),
    ("score", "得分", 7),
    ("note", "备注", 26),
)
COL = {key: i + 1 for i, (key, _, _) in enumerate(COLUMNS)}
LETTER = {key: get_column_letter(i) for key, i in COL.items()}
HEADER_ROW = 6
FIRST_ROW = HEADER_ROW + 1
INFO_ROWS = {"region": 2, "year": 3, "assessor": 4}
INFO_VALUE_COL = "C"  # merged C:F on the info rows
SCORE_FORMAT = "0.0"
LINE_HEIGHT = 14.5  # points per wrapped line (11 pt text)


@dataclass
class Layout:
    """Where things are on the points sheet; the importer reads cells by it."""

    points: dict[int, int] = field(default_factory=dict)  # point -> row
    domains: dict[int, dict[str, int]] = field(default_factory=dict)  # point -> domain -> row (template)
    total_cell: str = ""
    grade_cell: str = ""
    veto_cell: str = ""
    indicator_cells: dict[str, str] = field(default_factory=dict)  # "primary:1" -> "B7"

    def to_json(self) -> dict:
        return {
            "answer_col": LETTER["answer"],
            "note_col": LETTER["note"],
            "point_col": LETTER["point"],
            "points": {str(n): r for n, r in self.points.items()},
            "domains": {str(n): d for n, d in self.domains.items()},
            "region_cell": f"{INFO_VALUE_COL}{INFO_ROWS['region']}",
            "year_cell": f"{INFO_VALUE_COL}{INFO_ROWS['year']}",
            "assessor_cell": f"{INFO_VALUE_COL}{INFO_ROWS['assessor']}",
            "total_cell": self.total_cell,
            "grade_cell": self.grade_cell,
        }


def text_lines(text: str, width: float) -> int:
    """Wrapped lines a text needs in a column (a CJK character is two width units)."""
    if not text:
        return 1
    per_line = max(width - 1, 2)
    total = 0
    for part in str(text).split("\n"):
        units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in part)
        total += max(1, math.ceil(units / per_line))
    return total


def _width(key: str) -> float:
    return COLUMNS[COL[key] - 1][2]


def num(d: Decimal) -> str:
    """A catalogue number as written inside a formula."""
    return fmt(d)


def score_formula(point: Point, row: int, domain_rows: list[int] | None = None) -> str:
    """The Excel formula that scores one point from its answer cell, generated from the catalogue."""
    a = f"{LETTER['answer']}{row}"
    if point.kind == "yesno":
        return f'=IF({a}="{YES}",{num(point.max)},0)'
    if point.kind == "count":
        return f"=IF(ISNUMBER({a}),MIN({num(point.unit)}*{a},{num(point.cap)}),0)"
    if point.kind == "domains":
        first, last = min(domain_rows), max(domain_rows)
        rng = f"{LETTER['answer']}{first}:{LETTER['answer']}{last}"
        return f'=MIN({num(point.unit)}*COUNTIF({rng},"{YES}"),{num(point.cap)})'
    return f"=IF(ISNUMBER({a}),{a},0)"


def grade_formula(catalog: Catalog, total_ref: str, veto_ref: str) -> str:
    """Nested IFs over the catalogue's grade bands; a vetoed total skips the excluded grades."""
    expr = f'"{catalog.grades[-1].name}"'
    for g in reversed(catalog.grades[:-1]):
        cond = f"{total_ref}>={num(g.min)}"
        if g.name in catalog.veto_excludes:
            cond = f'AND({cond},{veto_ref}="{NO}")'
        expr = f'IF({cond},"{g.name}",{expr})'
    return "=" + expr


def _validations(ws, catalog: Catalog) -> dict[str, DataValidation]:
    yesno = DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True, showDropDown=False,
                           showErrorMessage=True, errorTitle="填报", error=f"请选择“{YES}”或“{NO}”。",
                           promptTitle="填报", prompt=f"选择“{YES}”或“{NO}”", showInputMessage=True)
    count = DataValidation(type="whole", operator="between", formula1="0", formula2="1000000", allow_blank=True,
                           showErrorMessage=True, errorTitle="填报", error="请填写 0 或正整数（次数）。",
                           promptTitle="填报", prompt="填写次数（0 或正整数）", showInputMessage=True)
    for dv in (yesno, count):
        ws.add_data_validation(dv)
    return {"yesno": yesno, "count": count}


def _graded_validation(ws, point: Point, cell: str) -> DataValidation:
    steps = f"{cell}/{num(point.step)}"
    formula = f"AND(ISNUMBER({cell}),{cell}>=0,{cell}<={num(point.max)},ABS({steps}-ROUND({steps},0))<0.000001)"
    dv = DataValidation(type="custom", formula1=formula, allow_blank=True, showErrorMessage=True,
                        errorTitle="填报", error=f"请填写 0 到 {num(point.max)} 之间、以 {num(point.step)} 为单位的分值。",
                        promptTitle="填报", prompt=f"评定分值：0–{num(point.max)}，步长 {num(point.step)}",
                        showInputMessage=True)
    ws.add_data_validation(dv)
    return dv


def write_points_sheet(
    ws,
    catalog: Catalog,
    *,
    template: bool,
    answers: dict[int, Value] | None = None,
    notes: dict[int, str] | None = None,
    score: Score | None = None,
) -> Layout:
    """Fill `ws` with the points table; returns where everything went."""
    answers = answers or {}
    notes = notes or {}
    layout = Layout()
    for key, _, width in COLUMNS:
        ws.column_dimensions[LETTER[key]].width = width

    style = Styler()
    # Header row.
    for key, header, _ in COLUMNS:
        style(ws.cell(HEADER_ROW, COL[key], header), font=BOLD, fill=HEADER_FILL, alignment=WRAP_CENTER, border=BORDER)
    ws.row_dimensions[HEADER_ROW].height = 20

    dvs = _validations(ws, catalog) if template else {}
    yesno_dv = dvs.get("yesno")

    # Point rows (and, in a template, one row per domain below a domains point).
    row = FIRST_ROW
    spans: dict[str, tuple[int, int]] = {}
    heights: dict[int, int] = {}
    for p_no, prim in catalog.primary.items():
        p_start = row
        for s_no in prim.children:
            sec = catalog.secondary[s_no]
            s_start = row
            for t_no in sec.children:
                ter = catalog.tertiary[t_no]
                t_start = row
                for n in ter.children:
                    pt = catalog.points[n]
                    layout.points[n] = row
                    _point_row(ws, style, row, pt, template, answers.get(n), notes.get(n), score)
                    heights[row] = max(text_lines(pt.rule, _width("rule")), text_lines(notes.get(n, ""), _width("note")))
                    answer = ws.cell(row, COL["answer"])
                    if template:
                        if pt.kind == "domains":
                            drows = list(range(row + 1, row + 1 + len(pt.domains)))
                            layout.domains[n] = dict(zip(pt.domains, drows, strict=True))
                            put_text(answer, "↓ 逐项选择")
                            style(answer, font=GREY_FONT, alignment=WRAP_CENTER, border=BORDER)
                            ws.cell(row, COL["score"], score_formula(pt, row, drows))
                            for dom, drow in zip(pt.domains, drows, strict=True):
                                _domain_row(ws, style, drow, dom)
                                yesno_dv.add(f"{LETTER['answer']}{drow}")
                                heights[drow] = 1
                            row = drows[-1]
                        else:
                            ws.cell(layout.points[n], COL["score"], score_formula(pt, layout.points[n]))
                            cell = f"{LETTER['answer']}{layout.points[n]}"
                            if pt.kind == "graded":
                                _graded_validation(ws, pt, cell).add(cell)
                            else:
                                dvs[pt.kind].add(cell)
                    row += 1
                spans[f"tertiary:{t_no}"] = (t_start, row - 1)
            spans[f"secondary:{s_no}"] = (s_start, row - 1)
        spans[f"primary:{p_no}"] = (p_start, row - 1)
    last = row - 1

    # Indicator cells: merged over their points, scores as SUM formulas over column K.
    score_col = LETTER["score"]
    for key, (r1, r2) in spans.items():
        level, number = key.split(":")
        node = catalog.level(level)[int(number)]
        name_col, score_key = COL[level], f"{level}_score"
        c = ws.cell(r1, name_col)
        put_text(c, f"{number}. {node.name}（{fmt(node.max)}分）")
        ws.cell(r1, COL[score_key], f"=ROUND(SUM({score_col}{r1}:{score_col}{r2}),6)")
        layout.indicator_cells[key] = f"{LETTER[score_key]}{r1}"
        for r in range(r1, r2 + 1):
            style(ws.cell(r, name_col), alignment=WRAP, border=BORDER)
            style(ws.cell(r, COL[score_key]), number_format=SCORE_FORMAT, alignment=WRAP_CENTER, font=BOLD,
                  border=BORDER)
        for col in (name_col, COL[score_key]):
            merge(ws, r1, col, r2, col)
        # The merged name needs room: spread its lines over its rows.
        need = text_lines(c.value, _width(level))
        have = sum(heights.get(r, 1) for r in range(r1, r2 + 1))
        if need > have:
            heights[r2] = heights.get(r2, 1) + need - have
    for r, lines in heights.items():
        ws.row_dimensions[r].height = max(lines, 1) * LINE_HEIGHT + 3

    # Total, veto and grade rows.
    total_row, veto_row, grade_row = last + 1, last + 2, last + 3
    prim_cells = [layout.indicator_cells[f"primary:{n}"] for n in catalog.primary]
    veto_points = [n for n, p in catalog.points.items() if p.veto]
    total_ref = f"{score_col}{total_row}"
    veto_ref = f"{score_col}{veto_row}"
    label_end = COL["max"]
    rows = (
        (total_row, f"合计（满分 {fmt(catalog.total_max)} 分）", f"=ROUND(SUM({','.join(prim_cells)}),6)"),
        (veto_row, "一票否决（" + "、".join(f"要点({n})未得满分" for n in veto_points) + "，不列入"
         + "、".join(catalog.veto_excludes) + "等次）",
         "=IF(OR(" + ",".join(f"{score_col}{layout.points[n]}<{num(catalog.points[n].max)}" for n in veto_points)
         + f'),"{YES}","{NO}")' if veto_points else f'="{NO}"'),
        (grade_row, "等级（本工具默认的分档，非报告标准：" + "、".join(
            f"{g.name} ≥ {fmt(g.min)}" for g in catalog.grades[:-1]) + "）",
         grade_formula(catalog, total_ref, veto_ref)),
    )
    for r, label, formula in rows:
        put_text(ws.cell(r, 1), label)
        ws.cell(r, COL["score"], formula)
        for col in range(1, COL["note"] + 1):
            style(ws.cell(r, col), font=BOLD, alignment=RIGHT if col <= label_end else WRAP_CENTER, fill=TOTAL_FILL,
                  border=BORDER)
        merge(ws, r, 1, r, label_end)
        ws.row_dimensions[r].height = 2 * LINE_HEIGHT + 3
    ws.cell(total_row, COL["score"]).number_format = SCORE_FORMAT
    layout.total_cell = total_ref
    layout.veto_cell = veto_ref
    layout.grade_cell = f"{score_col}{grade_row}"

    # Viewing and printing.
    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{LETTER['note']}{grade_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    return layout


def _point_row(ws, style: Styler, row: int, pt: Point, template: bool, value: Value | None, note: str | None,
               score: Score | None) -> None:
    style(ws.cell(row, COL["point"], pt.number), number_format='"("0")"', alignment=WRAP_CENTER, border=BORDER)
    c = ws.cell(row, COL["rule"])
    put_text(c, pt.rule)
    style(c, alignment=WRAP, border=BORDER)
    style(ws.cell(row, COL["max"], number_cell_value(pt.max)), alignment=WRAP_CENTER, border=BORDER)
    answer = ws.cell(row, COL["answer"])
    note_cell = ws.cell(row, COL["note"])
    if template:
        if pt.kind != "domains":
            style(answer, fill=INPUT_FILL, protection=UNLOCKED, alignment=WRAP_CENTER, border=BORDER)
        # Text format: a note typed as "=..." stays a note.
        style(note_cell, fill=INPUT_FILL, protection=UNLOCKED, number_format="@", alignment=WRAP, border=BORDER)
    else:
        shown = show_value(pt, value)
        if isinstance(shown, str):
            put_text(answer, shown)
        else:
            answer.value = shown
        style(answer, alignment=WRAP_CENTER, border=BORDER)
        if score is not None:
            ws.cell(row, COL["score"], number_cell_value(score.points[pt.number]))
        style(note_cell, alignment=WRAP, border=BORDER)
    put_text(note_cell, note)
    style(ws.cell(row, COL["score"]), number_format=SCORE_FORMAT, alignment=WRAP_CENTER, border=BORDER)


def _domain_row(ws, style: Styler, row: int, domain: str) -> None:
    c = ws.cell(row, COL["rule"])
    put_text(c, f"　· {domain}")
    style(c, alignment=WRAP, border=BORDER)
    style(ws.cell(row, COL["answer"]), fill=INPUT_FILL, protection=UNLOCKED, alignment=WRAP_CENTER, border=BORDER)
    for key in ("point", "max", "score", "note"):
        style(ws.cell(row, COL[key]), border=BORDER)


def write_info_rows(ws, title: str, fields: list[tuple[str, object]], side_text: str = "") -> dict[str, str]:
    """Title on row 1, label/value pairs on rows 2.. (labels A:B, values C:F), notes in G:L."""
    c = ws.cell(1, 1)
    put_text(c, title)
    c.font = TITLE_FONT
    c.alignment = Alignment(vertical="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=COL["note"])
    ws.row_dimensions[1].height = 24
    cells = {}
    for i, (label, value) in enumerate(fields):
        r = 2 + i
        lc = ws.cell(r, 1)
        put_text(lc, label)
        lc.font = BOLD
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        vc = ws.cell(r, 3)
        if isinstance(value, str):
            put_text(vc, value)
        else:
            vc.value = value
        vc.alignment = Alignment(horizontal="left", vertical="center")
        ws.merge_cells(start_row=r, start_column=3, end_row=r, end_column=COL["tertiary_score"])
        cells[label] = f"C{r}"
    if side_text:
        last = HEADER_ROW - 1
        sc = ws.cell(2, COL["point"])
        put_text(sc, side_text)
        sc.alignment = WRAP
        sc.font = GREY_FONT
        ws.merge_cells(start_row=2, start_column=COL["point"], end_row=last, end_column=COL["note"])
    return cells
