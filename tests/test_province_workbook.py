"""The province workbook: status and answered columns, one-decimal display, headers that fit, honest titles."""

import math

import openpyxl
from openpyxl.chart import BarChart, RadarChart

from jlip_desktop.core.scoring import best_value, worst_value
from jlip_desktop.exchange import xlsx


def _book(store, catalog, tmp_path):
    for k, code in enumerate(("220100", "220200", "220300")):
        aid = store.new_assessment(code, 2021, answers={n: (worst_value(p) if (n + k) % 4 == 0 else best_value(p))
                                                        for n, p in catalog.points.items() if n != 44 or k})
        if k:
            store.submit(aid)
    return openpyxl.load_workbook(xlsx.province_workbook(store, 2021, tmp_path / "全省 汇总.xlsx"))


def test_status_and_answered_columns(store, catalog, tmp_path):
    ws = _book(store, catalog, tmp_path)["汇总"]
    head = [c.value for c in ws[4]]
    s, a = head.index("状态") + 1, head.index("已作答") + 1
    rows = {ws.cell(r, 2).value: (ws.cell(r, s).value, ws.cell(r, a).value) for r in range(5, 8)}
    assert rows["220100"] == ("草稿", "43/44")
    assert rows["220200"] == ("已提交", "44/44") and rows["220300"] == ("已提交", "44/44")
    assert ws.cell(8, 3).value == "平均" and ws.cell(8, s).value in (None, "")  # no average of a text column


def test_numbers_show_one_decimal_and_averages_stay_formulas(store, catalog, tmp_path):
    wb = _book(store, catalog, tmp_path)
    ws = wb["汇总"]
    assert str(ws.cell(8, 4).value).startswith("=ROUND(AVERAGE(")
    cs = wb["图表数据"]
    numbers = [c for row in cs.iter_rows(min_col=3) for c in row if isinstance(c.value, float)]
    assert numbers and all(c.number_format == "0.0" for c in numbers)


def test_headers_fit_their_row(store, catalog, tmp_path):
    ws = _book(store, catalog, tmp_path)["汇总"]
    height = ws.row_dimensions[4].height
    for c in ws[4]:
        width = ws.column_dimensions[c.column_letter].width
        lines = math.ceil(len(c.value) * 2 / (width - 1))
        assert lines * 15 <= height, c.value


def test_section_titles_match_the_charts_in_the_sheet(store, catalog, tmp_path):
    cs = _book(store, catalog, tmp_path)["图表数据"]
    titles = [c.value for c in cs["A"] if isinstance(c.value, str) and "图" in c.value]
    kinds = [type(ch) for ch in cs._charts]
    assert kinds.count(BarChart) == 1 and kinds.count(RadarChart) == 2
    assert sum("柱状图" in t for t in titles) == 1 and sum("雷达图" in t for t in titles) == 2
