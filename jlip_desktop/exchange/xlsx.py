"""Excel exchange: the county's workbook, the fill-in template, the province workbook, and the import.

Exchange workbook (`jlip-xlsx/1`), one assessment:
  封面 (cover)      region, year, assessor, status, total, grade, veto, export time, version
  评分表 (points)   Table 1 down to the 44 points; indicator totals are formulas
  修改记录 (history) the assessment's audit log
  jlip-data         hidden, protected: format, catalogue, region, year, revision,
                    status, assessor, answers, notes, app version, layout, and a
                    SHA-256 over the canonical JSON of all of it

The checksum catches a workbook edited after export (and the importer also
checks that the visible answers agree with the data sheet).  It is an
integrity check, not a signature: it has no secret.

Fill-in template (`jlip-template/1`): the same points sheet with drop-downs,
validation and scoring formulas, region / year / assessor cells at the top,
and a hidden sheet saying where the cells are.  See xlsx_points for the
layout, xlsx_import for how files are read back and importer for the batch.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, RadarChart, Reference
from openpyxl.styles import Alignment
from openpyxl.worksheet.datavalidation import DataValidation

from .. import __version__
from ..core.catalog import DEFAULT_CATALOG_ID, get_catalog
from ..core.chartdata import average_radar, rank_regions, ranking
from ..core.errors import BadInput
from ..core.fileio import atomic_write, check_output_path
from ..core.labels import ACTIONS, STATUS
from ..core.review import ACTION_ZH as REVIEW_ACTION_ZH
from ..core.scoring import answers_to_json, fmt, one_decimal
from .importer import ImportCandidate, ImportResult, import_workbooks
from .outfile import write_recorded
from .xlsx_common import (
    BOLD,
    BORDER,
    EXPORT_FORMAT,
    GREY_FONT,
    HEADER_FILL,
    INPUT_FILL,
    NO,
    POINTS_SHEET,
    TEMPLATE_FORMAT,
    TITLE_FONT,
    TOTAL_FILL,
    UNLOCKED,
    WRAP,
    WRAP_CENTER,
    YES,
    checksum,
    number_cell_value,
    protect,
    put_text,
    put_value,
    write_data_sheet,
)
from .xlsx_evidence import SHEET_EVIDENCE, evidence_list, write_evidence_sheet
from .xlsx_points import INFO_ROWS, INFO_VALUE_COL, LINE_HEIGHT, text_lines, write_info_rows, write_points_sheet

__all__ = [
    "EXPORT_FORMAT", "TEMPLATE_FORMAT", "ImportCandidate", "ImportResult", "export_assessment", "import_workbooks",
    "province_workbook", "write_template",
]

STATUS_ZH = {k: v["zh"] for k, v in STATUS.items()}  # one table: core/labels.py
ACTION_ZH = {**{k: v["zh"] for k, v in ACTIONS.items()}, **REVIEW_ACTION_ZH}
SHEET_COVER, SHEET_HISTORY, SHEET_HELP, SHEET_REGIONS = "封面", "修改记录", "填写说明", "地区代码"


def _grades_line(catalog) -> str:
    bands = "、".join(f"{g.name} ≥ {fmt(g.min)}" for g in catalog.grades[:-1])
    return f"等级按本工具默认的分档划分（{bands}，其余为{catalog.grades[-1].name}），不是调查报告规定的标准。"


def _cover(ws, rows: list[tuple[str, object]], title: str) -> None:
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 60
    c = ws.cell(1, 1)
    put_text(c, title)
    c.font = TITLE_FONT
    ws.merge_cells("A1:B1")
    ws.row_dimensions[1].height = 26
    for i, (label, value) in enumerate(rows, start=3):
        lc = ws.cell(i, 1)
        put_text(lc, label)
        lc.font = BOLD
        lc.fill = HEADER_FILL
        lc.border = BORDER
        vc = ws.cell(i, 2)
        if isinstance(value, str):
            put_text(vc, value)
        else:
            vc.value = value
        vc.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        vc.border = BORDER
        lines = text_lines(str(value or ""), 60)
        if lines > 1:
            ws.row_dimensions[i].height = lines * LINE_HEIGHT + 3
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def _status_line(status: str, answered: int, total: int) -> str:
    """What the cover says about a draft or an incomplete assessment (empty for a complete submitted one)."""
    parts = []
    if status != "submitted":
        parts.append("草稿：尚未提交，内容可能还会修改")
    if answered < total:
        parts.append(f"未填完：{total - answered} 个要点未填报")
    return "；".join(parts)


def record_export(store, assessment_id: int, revision: int, who: str | None = None, detail: str | None = None) -> None:
    """Inside the transaction that commits the file: the new revision and the history row."""
    cur = store.conn.execute(
        "UPDATE assessments SET export_revision = ? WHERE id = ? AND COALESCE(export_revision, 0) = ?",
        (revision, assessment_id, revision - 1),
    )
    if cur.rowcount != 1:
        raise BadInput(f"assessment {assessment_id} was exported by another program meanwhile; export again",
                       code="export.concurrent", id=assessment_id)
    store.log(assessment_id, "export", detail, who, None, str(revision))


def build_exchange_workbook(store, assessment_id: int, revision: int, evidence: list[dict] | None = None,
                            who: str | None = None):
    """The exchange workbook of one assessment as revision `revision` (not saved), and its payload.

    Its history sheet ends with this export's own row, which record_export
    writes once the file is on disk.
    """
    a = store.assessment(assessment_id)
    cat = store.catalog(a.catalog)
    region = store.region(a.region)
    answers = store.answers(a.id)
    notes = store.notes(a.id)
    sc = store.score(a.id)
    exported_at = datetime.now().astimezone().isoformat(timespec="seconds")
    region_name = region.name if region else a.region
    total_points = len(cat.points)
    if evidence is None:
        evidence = evidence_list(store, a.id)

    wb = Workbook()
    cover = wb.active
    cover.title = SHEET_COVER
    veto_text = NO
    if sc.vetoed:
        veto_points = "、".join(f"({n})" for n, p in cat.points.items() if p.veto)
        veto_text = f"{YES}：考核要点{veto_points}未得满分，不列入" + "、".join(cat.veto_excludes) + "等次"
    state_line = _status_line(a.status, sc.answered, total_points)
    _cover(cover, [
        ("地区", region_name),
        ("地区代码", a.region),
        ("年度", a.year),
        ("填表人", a.assessor),
        ("状态", STATUS_ZH.get(a.status, a.status)),
        ("总分", f"{one_decimal(sc.total)} / {fmt(cat.total_max)}"),
        ("等级", sc.grade.name),
        ("一票否决", veto_text),
        ("已填报要点", f"{sc.answered} / {total_points}"),
        *([("提示", state_line)] if state_line else []),
        ("佐证材料", f"{len(evidence)} 个文件（见“{SHEET_EVIDENCE}”工作表）"),
        ("指标体系", f"{cat.title}（{cat.id}）"),
        ("导出时间", exported_at),
        ("导出版本号", revision),
        ("软件版本", f"jlip-desktop {__version__}"),
        ("说明", _grades_line(cat) + "各级指标得分在“评分表”中以公式汇总；“jlip-data”隐藏工作表供导入核对，请勿修改。"),
    ], f"{region_name} {a.year} 年度知识产权保护水平评估")

    ws = wb.create_sheet(POINTS_SHEET)
    write_info_rows(ws, f"{region_name}（{a.region}）{a.year} 年度知识产权保护水平评分表", [
        ("地区", f"{a.region} {region_name}"),
        ("年度", a.year),
        ("填表人", a.assessor),
        ("状态", STATUS_ZH.get(a.status, a.status)),
    ], f"导出时间 {exported_at}，版本号 {revision}。{_grades_line(cat)}")
    layout = write_points_sheet(ws, cat, template=False, answers=answers, notes=notes, score=sc)

    hist = wb.create_sheet(SHEET_HISTORY)
    headers = ("时间", "操作人", "操作", "要点", "原值", "新值", "说明")
    widths = (22, 12, 10, 6, 24, 24, 40)
    for i, (h, w) in enumerate(zip(headers, widths, strict=True), start=1):
        c = hist.cell(1, i, h)
        c.font = BOLD
        c.fill = HEADER_FILL
        c.border = BORDER
        hist.column_dimensions[c.column_letter].width = w
    entries = [(e.at, e.who, e.action, e.point, e.old, e.new, e.detail) for e in store.audit(a.id)]
    entries.append((exported_at, store.who_for(who), "export", None, None, str(revision), None))
    for r, (at, by, action, point, old, new, detail) in enumerate(entries, start=2):
        values = (at, by, ACTION_ZH.get(action, action), point, old, new, detail)
        for col, v in enumerate(values, start=1):
            c = hist.cell(r, col)
            put_value(c, v)
            c.alignment = WRAP
    hist.freeze_panes = "A2"
    hist.print_title_rows = "1:1"
    hist.page_setup.orientation = "landscape"
    hist.page_setup.paperSize = hist.PAPERSIZE_A4
    hist.sheet_properties.pageSetUpPr.fitToPage = True
    hist.page_setup.fitToWidth = 1
    hist.page_setup.fitToHeight = 0

    write_evidence_sheet(wb.create_sheet(SHEET_EVIDENCE), cat, evidence)

    payload = {
        "format": EXPORT_FORMAT,
        "catalog": cat.id,
        "catalog_sha256": cat.sha256,
        "region": a.region,
        "year": a.year,
        "revision": revision,
        "status": a.status,
        "answered": sc.answered,
        "points_total": total_points,
        "assessor": a.assessor,
        "answers": answers_to_json(answers),
        "notes": {str(n): t for n, t in sorted(notes.items())},
        "evidence": evidence,
        "app_version": __version__,
        "exported_at": exported_at,
        "layout": layout.to_json(),
    }
    payload["sha256"] = checksum(payload)
    write_data_sheet(wb, payload)
    wb.active = 0
    wb.calculation.fullCalcOnLoad = True
    return wb, payload


def export_assessment(store, assessment_id: int, path: Path, who: str | None = None) -> Path:
    """Write the exchange workbook of one assessment; each export gets the next revision number.

    The revision and the "export" history row are recorded only once the file
    is written (see exchange/outfile.py): a failed export changes nothing.
    """
    path = check_output_path(Path(path))
    a = store.assessment(assessment_id)
    revision = a.export_revision + 1
    wb, _ = build_exchange_workbook(store, a.id, revision, who=who)
    write_recorded(store, path, wb.save, lambda: record_export(store, a.id, revision, who))
    return path


def _steps_text(cat) -> str:
    """The graded points' steps as the help text says them (from the catalogue)."""
    steps = sorted({p.step for p in cat.points.values() if p.kind == "graded"})
    return "、".join(fmt(s) for s in steps) if len(steps) == 1 else "各要点规定的步长"


def write_template(path: Path, catalog_id: str = DEFAULT_CATALOG_ID, catalog=None) -> Path:
    """Write the fill-in template for a county without the application (catalog: e.g. one installed in a store)."""
    path = check_output_path(Path(path))
    cat = catalog if catalog is not None else get_catalog(catalog_id)
    from ..core.store import builtin_regions

    wb = Workbook()
    ws = wb.active
    ws.title = POINTS_SHEET
    regions = builtin_regions()
    help_line = (
        "在黄色单元格填报：是/否 从下拉列表选择；次数填整数；评定分值填 0 到满分、以 " + _steps_text(cat) + " 为单位；"
        "“各领域”要点在其下方逐个领域选择 是/否。得分和合计随填随算。" + _grades_line(cat)
        + "填好后交省知识产权保护中心用 jlip-desktop 导入，导入时逐项核对评分规则。"
    )
    write_info_rows(ws, f"知识产权保护水平评分表（填报模板，{cat.title}）", [
        ("地区（代码 名称）", None),
        ("年度", None),
        ("填表人", None),
    ], help_line)
    layout = write_points_sheet(ws, cat, template=True)

    # Region list for the drop-down.
    rs = wb.create_sheet(SHEET_REGIONS)
    rs.column_dimensions["A"].width = 40
    put_text(rs.cell(1, 1), "地区（代码 名称）")
    rs.cell(1, 1).font = BOLD
    for i, r in enumerate(regions, start=2):
        put_text(rs.cell(i, 1), f"{r.code} {r.name}")
    protect(rs)
    rs.sheet_state = "hidden"  # the drop-down's source; the list shows in the drop-down itself
    region_dv = DataValidation(type="list", formula1=f"'{SHEET_REGIONS}'!$A$2:$A${len(regions) + 1}",
                               allow_blank=True, showErrorMessage=True, errorTitle="地区",
                               error="请从下拉列表选择地区。", promptTitle="地区", prompt="从下拉列表选择本地区",
                               showInputMessage=True)
    year_dv = DataValidation(type="whole", operator="between", formula1="1900", formula2="2200", allow_blank=True,
                             showErrorMessage=True, errorTitle="年度", error="请填写四位数年度，如 2021。",
                             promptTitle="年度", prompt="四位数年度，如 2021", showInputMessage=True)
    ws.add_data_validation(region_dv)
    ws.add_data_validation(year_dv)
    for key in ("region", "year", "assessor"):
        c = ws[f"{INFO_VALUE_COL}{INFO_ROWS[key]}"]
        c.fill = INPUT_FILL
        c.protection = UNLOCKED
        c.border = BORDER
    ws[f"{INFO_VALUE_COL}{INFO_ROWS['assessor']}"].number_format = "@"
    region_dv.add(f"{INFO_VALUE_COL}{INFO_ROWS['region']}")
    year_dv.add(f"{INFO_VALUE_COL}{INFO_ROWS['year']}")
    protect(ws)

    help_ws = wb.create_sheet(SHEET_HELP)
    help_ws.column_dimensions["A"].width = 100
    lines = [
        "填写说明",
        "1. 在“评分表”顶部选择地区（下拉列表）、填写年度和填表人。",
        f"2. 黄色单元格为填报处：“{YES}/{NO}”类要点从下拉列表选择；“次数”类填 0 或正整数；"
        "“评定”类填 0 到该要点满分之间、以 " + _steps_text(cat) + " 为单位的分值。",
        f"3. “各领域”类要点：在要点下方逐个领域选择“{YES}”或“{NO}”，得分按选择“{YES}”的领域个数计算（有上限）。",
        "4. 留空表示尚未填报（不同于 0 分或“否”）。",
        "5. 得分、各级指标小计、合计与等级均为公式，随填随算（Excel 与 LibreOffice 均可）。",
        "6. " + _grades_line(cat),
        "7. 备注栏可填写说明和佐证材料名称。请勿插入或删除行、勿修改隐藏工作表，否则无法导入。",
        "8. 导入时逐项核对评分规则；不符合规则的文件整份拒收，并说明是哪个要点。",
    ]
    for i, line in enumerate(lines, start=1):
        c = help_ws.cell(i, 1)
        put_text(c, line)
        c.alignment = WRAP
    help_ws.cell(1, 1).font = TITLE_FONT

    payload = {
        "format": TEMPLATE_FORMAT,
        "catalog": cat.id,
        "catalog_sha256": cat.sha256,
        "app_version": __version__,
        "layout": layout.to_json(),
    }
    write_data_sheet(wb, payload)
    wb.active = 0
    wb.calculation.fullCalcOnLoad = True
    with atomic_write(path) as tmp:
        wb.save(tmp)
    return path


def _dec_cell(d: Decimal, places: int = 4) -> float | int:
    return number_cell_value(d.quantize(Decimal(1).scaleb(-places)).normalize())


_STATUS_ZH = {"draft": "草稿", "submitted": "已提交"}
_REVIEW_ZH = {"pending": "审核中", "approved": "已核定", "returned": "已退回"}


def province_workbook(store, year: int, path: Path) -> Path:
    """All regions of a year: totals, grades, ranks and scores per indicator, with the charts' numbers."""
    path = check_output_path(Path(path))
    # submitted and complete assessments are ranked; drafts are listed after, unranked (all ranked if none is)
    rows = rank_regions(store, year, with_excluded=True)
    if rows and all(r.rank is None for r in rows):
        rows = ranking(store, year)
    ranked = [r for r in rows if r.rank is not None]
    if not rows:
        raise BadInput(f"no assessments for {year}: nothing to put in the province workbook")
    cat = rows[0].score.catalog
    if any(r.score.catalog.id != cat.id for r in rows):  # several schemes: compared by score rates
        from .province_mixed import mixed_province_workbook

        return mixed_province_workbook(store, year, rows, path)

    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    c = ws.cell(1, 1)
    put_text(c, f"吉林省各地区 {year} 年度知识产权保护水平评估汇总")
    c.font = TITLE_FONT
    put_text(ws.cell(2, 1), _grades_line(cat) + f" 排名：{cat.ranking_text('zh')}。"
             " 总分用省级核定分（已审核通过的，“得分依据”为核定），其余为自评分；草稿和未全部作答的列在平均行之下，不参与排名。")
    ws.cell(2, 1).font = GREY_FONT
    headers = ["排名", "地区代码", "地区", "总分", "等级", "一票否决"]
    headers += [f"{n}. {p.name}（{fmt(p.max)}）" for n, p in cat.primary.items()]
    headers += [f"二级{n}. {s.name}（{fmt(s.max)}）" for n, s in cat.secondary.items()]
    n_num = len(headers)
    headers += ["状态", "已作答", "得分依据", "自评总分", "核定总分"]
    # the note wraps within the table's width (a long single line would shrink the printed page)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(headers))
    ws.cell(2, 1).alignment = WRAP
    ws.row_dimensions[2].height = 30
    hr = 4
    for i, h in enumerate(headers, start=1):
        hc = ws.cell(hr, i)
        put_text(hc, h)
        hc.font = BOLD
        hc.fill = HEADER_FILL
        hc.alignment = WRAP_CENTER
        hc.border = BORDER
    widths = [6, 10, 16, 8, 8, 8] + [13] * (len(cat.primary) + len(cat.secondary)) + [14, 9, 9, 9, 9]
    # tall enough for the longest header at about two width units per Chinese character
    lines = max(-(-len(h) * 2 // max(1, w - 1)) for h, w in zip(headers, widths, strict=True))
    ws.row_dimensions[hr].height = 15 * lines + 6
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(hr, i).column_letter].width = w
    first = hr + 1
    for i, row in enumerate(rows):
        r = first + i + (1 if row.rank is None else 0)  # unranked rows below the average row
        sc = row.score
        values = [row.rank, row.region, row.region_name, number_cell_value(sc.total), row.grade,
                  YES if row.vetoed else NO]
        values += [number_cell_value(sc.primary[n]) for n in cat.primary]
        values += [number_cell_value(sc.secondary[n]) for n in cat.secondary]
        a = store.assessment(row.assessment_id)
        status = _STATUS_ZH.get(a.status, a.status)
        if _REVIEW_ZH.get(row.review_status):
            status += f"，{_REVIEW_ZH[row.review_status]}"
        values += [status, f"{sc.answered}/{len(cat.points)}", row.basis_label,
                   number_cell_value(row.self_total if row.self_total is not None else sc.total),
                   number_cell_value(row.verified_total) if row.verified_total is not None else ""]
        for col, v in enumerate(values, start=1):
            cell = ws.cell(r, col)
            put_value(cell, v)
            cell.border = BORDER
            if col >= 4 and not isinstance(v, str):
                cell.number_format = "0.0"
            if row.rank is None and col == 1:
                put_text(cell, "—")
    last = first + len(ranked) - 1  # the average is over the ranked rows
    avg = last + 1
    put_text(ws.cell(avg, 3), "平均")
    for col in [4] + list(range(7, n_num + 1)):
        letter = ws.cell(avg, col).column_letter
        cell = ws.cell(avg, col, f"=ROUND(AVERAGE({letter}{first}:{letter}{last}),6)")
        cell.number_format = "0.0"
    for col in range(1, len(headers) + 1):
        ws.cell(avg, col).font = BOLD
        ws.cell(avg, col).fill = TOTAL_FILL
        ws.cell(avg, col).border = BORDER
    ws.freeze_panes = ws.cell(first, 4).coordinate
    ws.print_title_rows = f"{hr}:{hr}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0

    # The charts' numbers (chartdata: ranking, average radar), and a bar chart of the totals.
    cs = wb.create_sheet("图表数据")
    cs.column_dimensions["A"].width = 8
    cs.column_dimensions["B"].width = 40
    cs.column_dimensions["C"].width = 12
    cs.column_dimensions["D"].width = 12
    cs.column_dimensions["E"].width = 14

    def table(r0: int, title: str, header: list[str], data: list[list]) -> int:
        """A titled table; numbers show one decimal (the cell keeps the exact value)."""
        t = cs.cell(r0, 1)
        put_text(t, title)
        t.font = BOLD
        for i, h in enumerate(header, start=1):
            hc = cs.cell(r0 + 1, i)
            put_text(hc, h)
            hc.font = BOLD
            hc.fill = HEADER_FILL
            hc.border = BORDER
        for j, line in enumerate(data):
            for i, v in enumerate(line, start=1):
                cell = cs.cell(r0 + 2 + j, i)
                put_value(cell, v)
                cell.border = BORDER
                if i in (3, 5) and isinstance(v, (int, float)) and not isinstance(v, bool):
                    cell.number_format = "0.0"  # scores and rates; numbers and maxima stay as they are
        return r0 + 2 + len(data) + 1

    bar_first = 3
    nxt = table(1, "各地区总分（柱状图的数据，按排名）", ["排名", "地区", "总分", "等级"],
                [[r.rank, r.region_short, number_cell_value(r.total), r.grade] for r in ranked])
    bar_last = bar_first + len(ranked) - 1
    scores = [r.score for r in ranked]
    radars = []
    for level, title in (("primary", "一级指标平均得分率（雷达图的数据）"),
                         ("secondary", "二级指标平均得分率（雷达图的数据）")):
        axes = average_radar(scores, level)
        start = nxt + 1
        nxt = table(start, title, ["序号", "指标", "平均得分", "满分", "平均得分率(%)"],
                    [[ax.number, ax.name, _dec_cell(ax.score, 2), number_cell_value(ax.max), _dec_cell(ax.rate, 2)]
                     for ax in axes])
        radars.append((title.split("（")[0], start + 1, start + 1 + len(axes)))
    chart = BarChart()
    chart.type = "col"
    chart.title = f"{year} 年各地区知识产权保护水平得分"
    chart.y_axis.title = "总分"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = float(cat.total_max)
    chart.legend = None
    chart.add_data(Reference(cs, min_col=3, min_row=bar_first - 1, max_row=bar_last), titles_from_data=True)
    chart.set_categories(Reference(cs, min_col=2, min_row=bar_first, max_row=bar_last))
    chart.width = 24
    chart.height = 12
    cs.add_chart(chart, "G2")
    anchor_row = 28
    for title, head_row, last_row in radars:
        radar = RadarChart()
        radar.type = "marker"
        radar.title = title
        radar.y_axis.scaling.min = 0
        radar.y_axis.scaling.max = 100
        radar.y_axis.delete = False
        radar.legend = None
        radar.add_data(Reference(cs, min_col=5, min_row=head_row, max_row=last_row), titles_from_data=True)
        names_col = 2 if last_row - head_row <= 5 else 1  # long secondary names: their numbers, as in the table
        radar.set_categories(Reference(cs, min_col=names_col, min_row=head_row + 1, max_row=last_row))
        radar.width = 12
        radar.height = 10
        cs.add_chart(radar, f"G{anchor_row}")
        anchor_row += 22
    cs.page_setup.orientation = "landscape"
    cs.page_setup.paperSize = cs.PAPERSIZE_A4
    cs.sheet_properties.pageSetUpPr.fitToPage = True
    cs.page_setup.fitToWidth = 1
    cs.page_setup.fitToHeight = 0

    wb.calculation.fullCalcOnLoad = True
    with atomic_write(path) as tmp:
        wb.save(tmp)
    return path
