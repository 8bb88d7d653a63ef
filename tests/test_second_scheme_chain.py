"""The whole chain on a scheme unlike jilin-2021: score, export, import, template, province workbook, both PDFs.

(The point form for it is tested in tests/gui/test_second_scheme_form.py.)
"""

from decimal import Decimal

import openpyxl
import pytest
from second_scheme import SECOND_ID, second_text
from xlsx_helpers import data_payload, fill_template

from jlip_desktop.core.schemes import install_text
from jlip_desktop.core.scoring import RequiresError, best_value
from jlip_desktop.core.store import Store

YEAR = 2023


@pytest.fixture
def county(tmp_path):
    st = Store(tmp_path / "县 数据库.sqlite", create=True)
    install_text(st, second_text(), "second")
    yield st
    st.close()


@pytest.fixture
def province(tmp_path):
    st = Store(tmp_path / "省 数据库.sqlite", create=True)
    install_text(st, second_text(), "second")
    yield st
    st.close()


def _fill(store, region, answers):
    aid = store.new_assessment(region, YEAR, "王五")
    for n, v in answers.items():
        store.set_answer(aid, n, v, raw=False)
    return aid


def _best(cat):
    return {n: best_value(p) for n, p in cat.points.items()}


def test_score_of_the_second_scheme(county):
    cat = county.catalog(SECOND_ID)
    aid = _fill(county, "220100", {**_best(cat), 5: False})
    assert county.assessment(aid).catalog == SECOND_ID
    sc = county.score(aid)
    assert sc.total == 105 and sc.max == 120 and sc.vetoed and sc.grade.name == "乙"  # 甲 excluded by (5)'s veto
    assert set(sc.primary) == {1, 2, 3} and sc.primary[2] == 35
    js = sc.to_json()
    assert js["max"] == 120 and js["grade"] == "乙" and js["problems"] == []
    county.set_answer(aid, 8, False)
    sc = county.score(aid)
    assert [(p.point, p.requires) for p in sc.problems] == [(9, 8)] and sc.total == 90
    with pytest.raises(RequiresError):
        county.submit(aid)


def test_export_and_import_keep_the_scheme(county, province, tmp_path):
    from jlip_desktop.exchange import xlsx

    cat = county.catalog(SECOND_ID)
    answers = {**_best(cat), 4: Decimal(7), 6: ("专利", "版权"), 2: 3}
    aid = _fill(county, "220100", answers)
    path = xlsx.export_assessment(county, aid, tmp_path / "长春 2023.xlsx")
    wb = openpyxl.load_workbook(path)
    text = "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert "机构与制度" in text and "调解组织运行良好" in text
    [res] = xlsx.import_workbooks(province, [path])
    assert res.outcome == "imported", res
    b = province.find_assessment("220100", YEAR)
    assert b.catalog == SECOND_ID and province.answers(b.id) == county.answers(aid)
    assert province.score(b.id).total == county.score(aid).total == Decimal(110)


def test_template_of_the_second_scheme_fills_and_imports(province, tmp_path):
    from jlip_desktop.exchange import xlsx

    cat = province.catalog(SECOND_ID)
    tpl = xlsx.write_template(tmp_path / "模板 2023.xlsx", catalog=cat)
    payload = data_payload(tpl)
    assert payload["catalog"] == SECOND_ID and set(payload["layout"]["points"]) == {str(n) for n in cat.points}
    wb = openpyxl.load_workbook(tpl)
    text = "\n".join(str(c.value) for ws in wb.worksheets if ws.sheet_state == "visible"
                     for row in ws.iter_rows() for c in row if isinstance(c.value, str))
    assert "0.5" not in text, text[text.find("0.5") - 80:text.find("0.5") + 20]
    assert "以 1 为单位" in text
    prompts = [dv.prompt or "" for ws in wb.worksheets for dv in ws.data_validations.dataValidation]
    assert any("步长 1" in p for p in prompts) and not any("0.5" in p for p in prompts)
    answers = {**_best(cat), 4: Decimal(6), 7: Decimal(13)}
    filled = fill_template(tpl, tmp_path / "填好 2023.xlsx", cat, answers, year=YEAR)
    [res] = xlsx.import_workbooks(province, [filled])
    assert res.outcome == "imported", res
    a = province.find_assessment("220100", YEAR)
    assert a.catalog == SECOND_ID and province.score(a.id).total == 120 - 4 - 7


def test_province_workbook_and_both_pdfs(province, tmp_path):
    from jlip_desktop.exchange import xlsx
    from jlip_desktop.reports import pdf

    cat = province.catalog(SECOND_ID)
    # Equal totals: the tie-break is primary indicator 2 of this scheme, not 3.
    a1 = _fill(province, "220100", {**_best(cat), 1: False, 9: False})  # 120 - 10 - 25 = 85; primary 2: 50
    # 220200: 120 - 20 - 5 = 95, primary 2 scores 30; 220300: 120 - 15 - 10 = 95, primary 2 scores 35.
    a2 = _fill(province, "220200", {**_best(cat), 7: Decimal(0), 3: False})
    a3 = _fill(province, "220300", {**_best(cat), 7: Decimal(5), 4: Decimal(0)})
    from jlip_desktop.core.chartdata import ranking

    rows = ranking(province, YEAR)
    assert [r.assessment_id for r in rows] == [a3, a2, a1] and [r.rank for r in rows] == [1, 1, 3]
    book = xlsx.province_workbook(province, YEAR, tmp_path / "全省 2023.xlsx")
    wb = openpyxl.load_workbook(book)
    text = "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert "执法成效" in text and "重点工作推进情况" not in text and "社会共治" in text
    p1 = pdf.assessment_pdf(province, a1, tmp_path / "评估 2023.pdf")
    p2 = pdf.province_pdf(province, YEAR, tmp_path / "全省 2023.pdf")
    for p in (p1, p2):
        assert p.read_bytes().startswith(b"%PDF") and p.stat().st_size > 10_000


def test_a_year_with_two_schemes_ranks_by_score_rate_and_says_so(province, tmp_path):
    from jlip_desktop.core.chartdata import ranking
    from jlip_desktop.exchange import xlsx
    from jlip_desktop.reports import pdf

    install_text(province, second_text(cid="test-2021b", year=2021), "second 2021")
    old = province.catalog("jilin-2021")
    new = province.catalog("test-2021b")
    a = province.new_assessment("220100", 2021, "x", "jilin-2021")
    b = province.new_assessment("220200", 2021, "x", "test-2021b")
    for n, p in old.points.items():
        province.set_answer(a, n, best_value(p), raw=False)
    province.set_answer(a, 18, False)  # 94 of 100: 94 %
    for n, p in new.points.items():
        province.set_answer(b, n, best_value(p), raw=False)
    province.set_answer(b, 3, False)
    province.set_answer(b, 4, Decimal(9))  # 114 of 120: 95 %, ahead of 94 although 114 > 100 says nothing
    rows = ranking(province, 2021)
    assert [(r.assessment_id, r.rank) for r in rows] == [(b, 1), (a, 2)]
    book = xlsx.province_workbook(province, 2021, tmp_path / "混合 2021.xlsx")
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames[:1] == ["汇总"] and {"jilin-2021", "test-2021b"} <= set(wb.sheetnames)
    ws = wb["汇总"]
    assert "得分率" in ws["A2"].value and "不能直接比较" in ws["A2"].value
    assert [ws.cell(5, c).value for c in (1, 2, 5, 6, 7)] == [1, "220200", 114, 120, 95]
    assert [ws.cell(6, c).value for c in (1, 2, 5, 6, 7)] == [2, "220100", 94, 100, 94]
    assert pdf.province_pdf(province, 2021, tmp_path / "混合 2021.pdf").stat().st_size > 10_000


def test_import_reports_a_broken_requires_rule(county, province, tmp_path):
    from jlip_desktop.exchange import xlsx

    cat = county.catalog(SECOND_ID)
    aid = _fill(county, "220100", {**_best(cat), 8: False})
    [res] = xlsx.import_workbooks(province, [xlsx.export_assessment(county, aid, tmp_path / "x.xlsx")])
    assert res.outcome == "imported" and "point (9) requires point (8)" in res.message


def test_province_report_compares_with_last_year_only_within_one_scheme(province, tmp_path):
    import re
    import subprocess

    from jlip_desktop.reports import pdf

    old = province.catalog("jilin-2021")
    a = province.new_assessment("220100", 2022, "x", "jilin-2021")
    for n, p in old.points.items():
        province.set_answer(a, n, best_value(p), raw=False)
    province.submit(a)
    b = _fill(province, "220100", {**_best(province.catalog(SECOND_ID)), 1: False})  # 2023, the second scheme
    province.submit(b)
    out = pdf.province_pdf(province, YEAR, tmp_path / "两年 两方案.pdf")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s", "", text)
    assert "与上年相比" not in flat and "较上年" not in flat and "上年持平" not in flat
