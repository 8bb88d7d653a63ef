"""The province workbook of a year whose assessments use different schemes.

Totals of different schemes are not comparable (their maxima and indicators
differ), so the summary ranks and compares score rates (total ÷ maximum) and
says so; each scheme's indicator scores are on a sheet of their own.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from ..core.chartdata import total_rate
from ..core.fileio import atomic_write
from ..core.scoring import fmt
from .xlsx_common import BOLD, BORDER, GREY_FONT, HEADER_FILL, TITLE_FONT, WRAP, WRAP_CENTER, put_text, put_value


def _num(d: Decimal, places: int = 1) -> float:
    return float(d.quantize(Decimal(1).scaleb(-places)))


def _header(ws, row: int, headers: list[str], widths: list[int]) -> None:
    for i, h in enumerate(headers, start=1):
        c = ws.cell(row, i)
        put_text(c, h)
        c.font = BOLD
        c.fill = HEADER_FILL
        c.alignment = WRAP_CENTER
        c.border = BORDER
        ws.column_dimensions[c.column_letter].width = widths[i - 1] if i <= len(widths) else 13


def mixed_province_workbook(store, year: int, rows, path: Path) -> Path:
    """rows: the year's RankRows (ranked by score rate in core/chartdata), from more than one scheme."""
    cats = {}
    for r in rows:
        cats.setdefault(r.score.catalog.id, r.score.catalog)
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    put_text(ws.cell(1, 1), f"吉林省各地区 {year} 年度知识产权保护水平评估汇总")
    ws.cell(1, 1).font = TITLE_FONT
    names = "；".join(f"{c.id}：{c.title}（满分 {fmt(c.total_max)}）" for c in cats.values())
    note = (f"本年度各地区使用了不同的指标体系（{names}）。各方案满分和指标不同，总分不能直接比较："
            "排名按得分率（总分 ÷ 满分）比较，同分按各方案同分比较指标的得分率、再按行政区划代码排序；"
            "等级按各自方案的分档评定。各方案的指标得分见以方案编号命名的工作表。"
            "总分用省级核定分（已审核通过的），其余为自评分；草稿和未全部作答的不参与排名。")
    put_text(ws.cell(2, 1), note)
    ws.cell(2, 1).font = GREY_FONT
    ws.cell(2, 1).alignment = WRAP
    headers = ["排名", "地区代码", "地区", "指标体系", "总分", "满分", "得分率(%)", "等级", "一票否决", "得分依据", "状态"]
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(headers))
    ws.row_dimensions[2].height = 60
    _header(ws, 4, headers, [6, 10, 16, 22, 8, 8, 10, 8, 8, 9, 10])
    for i, r in enumerate(rows, start=5):
        cat = r.score.catalog
        vals = [r.rank if r.rank is not None else "—", r.region, r.region_name, f"{cat.id} {cat.title}",
                _num(r.total), _num(cat.total_max, 0) if cat.total_max == int(cat.total_max) else _num(cat.total_max),
                _num(total_rate(r.score), 2), r.grade, "是" if r.vetoed else "否", r.basis_label,
                r.remark or "已提交"]
        for c, v in enumerate(vals, start=1):
            put_value(ws.cell(i, c), v)
            ws.cell(i, c).border = BORDER
    ws.freeze_panes = "A5"

    for cid, cat in cats.items():
        sh = wb.create_sheet(cid[:31])
        put_text(sh.cell(1, 1), f"{cat.title}：各地区一级、二级指标得分")
        sh.cell(1, 1).font = TITLE_FONT
        hs = ["地区代码", "地区", "总分", "得分率(%)"]
        hs += [f"{n}. {p.name}（{fmt(p.max)}）" for n, p in cat.primary.items()]
        hs += [f"二级{n}. {s.name}（{fmt(s.max)}）" for n, s in cat.secondary.items()]
        _header(sh, 3, hs, [10, 16, 8, 10])
        rr = 4
        for r in rows:
            if r.score.catalog.id != cid:
                continue
            vals = [r.region, r.region_name, _num(r.total), _num(total_rate(r.score), 2)]
            vals += [_num(r.score.primary[n]) for n in cat.primary]
            vals += [_num(r.score.secondary[n]) for n in cat.secondary]
            for c, v in enumerate(vals, start=1):
                put_value(sh.cell(rr, c), v)
                sh.cell(rr, c).border = BORDER
            rr += 1
        sh.freeze_panes = "C4"
    with atomic_write(path) as tmp:
        wb.save(tmp)
    return Path(path)
