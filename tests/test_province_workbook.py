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
    rows = {ws.cell(r, 2).value: (ws.cell(r, s).value, ws.cell(r, a).value) for r in range(5, 9)}
    assert rows["220100"] == ("草稿", "43/44")  # a draft: listed, unranked, below the average
    assert rows["220200"] == ("已提交", "44/44") and rows["220300"] == ("已提交", "44/44")
    assert ws.cell(7, 3).value == "平均" and ws.cell(7, s).value in (None, "")  # no average of a text column
    assert ws.cell(8, 2).value == "220100" and ws.cell(8, 1).value == "—"


def test_numbers_show_one_decimal_and_averages_stay_formulas(store, catalog, tmp_path):
    wb = _book(store, catalog, tmp_path)
    ws = wb["汇总"]
    assert str(ws.cell(7, 4).value).startswith("=ROUND(AVERAGE(D5:D6")
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


def _reviewed_province(tmp_path):
    """A province database: 南关区 imported and approved with one adjusted point, 宽城区 imported, 朝阳区 a draft."""
    from jlip_desktop.core import review
    from jlip_desktop.core.catalog import get_catalog
    from jlip_desktop.core.scoring import value_to_json
    from jlip_desktop.core.store import Store

    cat = get_catalog()
    province = tmp_path / "省 库.db"
    books = []
    for code in ("220102", "220103"):
        with Store(tmp_path / f"县 {code}.db", create=True) as st:
            aid = st.new_assessment(code, 2022, "张三", answers={n: best_value(p) for n, p in cat.points.items()})
            st.submit(aid)
            books.append(xlsx.export_assessment(st, aid, tmp_path / f"{code}.xlsx"))
    st = Store(province, create=True)
    res = xlsx.import_workbooks(st, books)
    pid = res[0].assessment_id
    review.set_verdict(st, pid, 18, "adjust", value_to_json(worst_value(cat.points[18])), "未见法规文本")
    for n in cat.points:
        if n != 18:
            review.set_verdict(st, pid, n, "accept")
    review.decide(st, pid, "approve")
    st.new_assessment("220104", 2022, "李四", answers={n: best_value(p) for n, p in cat.points.items() if n != 5})
    return st


def test_verified_and_self_totals_with_their_basis(tmp_path):
    st = _reviewed_province(tmp_path)
    try:
        ws = openpyxl.load_workbook(xlsx.province_workbook(st, 2022, tmp_path / "省 2022.xlsx"))["汇总"]
        head = [c.value for c in ws[4]]
        col = {h: i + 1 for i, h in enumerate(head)}
        by = {ws.cell(r, 2).value: r for r in range(5, 10) if ws.cell(r, 2).value}
        nanguan, kuancheng, chaoyang = by["220102"], by["220103"], by["220104"]
        assert ws.cell(nanguan, col["得分依据"]).value == "核定" and ws.cell(nanguan, 4).value == 94
        assert ws.cell(nanguan, col["自评总分"]).value == 100 and ws.cell(nanguan, col["核定总分"]).value == 94
        assert "已核定" in ws.cell(nanguan, col["状态"]).value
        assert ws.cell(kuancheng, col["得分依据"]).value == "自评" and ws.cell(kuancheng, 1).value == 1
        assert ws.cell(chaoyang, 1).value == "—" and ws.cell(chaoyang, col["状态"]).value == "草稿"
        assert ws.cell(chaoyang - 1, 3).value == "平均"  # the draft sits below the average of the ranked rows
        assert "AVERAGE(D5:D6)" in ws.cell(chaoyang - 1, 4).value
    finally:
        st.close()


def test_the_province_report_says_which_score_each_region_uses(tmp_path):
    import re
    import subprocess

    from jlip_desktop.reports import pdf

    st = _reviewed_province(tmp_path)
    try:
        path = pdf.province_pdf(st, 2022, tmp_path / "省 2022.pdf", order="rank")
    finally:
        st.close()
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                             check=True).stdout)
    assert "南关区知识产权保护水平各考核内容评估情况（核定分）" in text
    assert "宽城区知识产权保护水平各考核内容评估情况（自评分）" in text
    assert "朝阳区（草稿、未完成）" in text and "未参与排名" in text
