"""The exchange workbook, the template and the province workbook, as files (no LibreOffice here)."""

from __future__ import annotations

import json
from decimal import Decimal

import openpyxl
import pytest
from xlsx_helpers import varied_answers

from jlip_desktop.core.errors import BadInput
from jlip_desktop.core.scoring import answers_to_json, worst_value
from jlip_desktop.core.store import Store
from jlip_desktop.exchange import xlsx
from jlip_desktop.exchange.xlsx_common import DATA_SHEET, EXPORT_FORMAT, POINTS_SHEET, TEMPLATE_FORMAT, checksum
from jlip_desktop.exchange.xlsx_import import import_workbooks
from jlip_desktop.exchange.xlsx_points import COL, FIRST_ROW, HEADER_ROW, LETTER


@pytest.fixture
def filled(store, catalog):
    answers = varied_answers(catalog, seed=7)
    answers[20] = ()  # answered: no domain at all (shown as 无), not unanswered
    notes = {2: "=HYPERLINK(\"http://x\")", 5: "+1", 9: "-2\n第二行", 12: "@SUM(A1)", 30: "普通备注",
             31: "响铃字符", 33: "长" * 40000}  # control characters are refused by the store (field limits)
    aid = store.new_assessment("220100", 2021, "=张三", answers=answers, notes=notes)
    return aid, answers, notes


def _data(path):
    wb = openpyxl.load_workbook(path)
    ws = wb[DATA_SHEET]
    parts: dict[str, str] = {}
    for key, text in ws.iter_rows(min_row=2, values_only=True):
        parts[key] = parts.get(key, "") + text
    return wb, {k: json.loads(v) for k, v in parts.items()}


def test_export_round_trip_into_a_fresh_database(store, filled, tmp_path):
    aid, answers, notes = filled
    out = xlsx.export_assessment(store, aid, tmp_path / "长春 2021 导出.xlsx")
    with Store(tmp_path / "省 库.sqlite", create=True) as fresh:
        [res] = import_workbooks(fresh, [out])
        assert res.outcome == "imported", res.message
        b = fresh.assessment(res.assessment_id)
        assert (b.region, b.year, b.status, b.assessor) == ("220100", 2021, "draft", "=张三")
        assert fresh.answers(b.id) == store.answers(aid) == answers
        assert fresh.notes(b.id) == store.notes(aid) == notes
        assert fresh.score(b.id).to_json() == store.score(aid).to_json()
        assert b.imported and b.source_file == out.name and b.source_revision == 1
        assert [e.action for e in fresh.audit(b.id)] == ["import"]


def test_submitted_status_travels(store, catalog, tmp_path):
    aid = store.new_assessment("220200", 2021, answers={n: worst_value(p) for n, p in catalog.points.items()})
    store.submit(aid)
    out = xlsx.export_assessment(store, aid, tmp_path / "a.xlsx")
    with Store(tmp_path / "b.sqlite", create=True) as fresh:
        [res] = import_workbooks(fresh, [out])
        assert fresh.assessment(res.assessment_id).status == "submitted"


def test_each_export_gets_the_next_revision_and_is_logged(store, filled, tmp_path):
    aid, _, _ = filled
    revs = []
    for i in range(3):
        _, data = _data(xlsx.export_assessment(store, aid, tmp_path / f"e{i}.xlsx"))
        revs.append(data["revision"])
    assert revs == [1, 2, 3]
    assert [e.new for e in store.audit(aid) if e.action == "export"] == ["1", "2", "3"]


def test_data_sheet_is_hidden_protected_and_checksummed(store, filled, tmp_path):
    aid, answers, notes = filled
    wb, data = _data(xlsx.export_assessment(store, aid, tmp_path / "a.xlsx"))
    ws = wb[DATA_SHEET]
    assert ws.sheet_state == "hidden" and ws.protection.sheet
    assert data["format"] == EXPORT_FORMAT and data["catalog"] == "jilin-2021"
    assert (data["region"], data["year"], data["status"], data["assessor"]) == ("220100", 2021, "draft", "=张三")
    assert data["answers"] == answers_to_json(answers)
    assert data["notes"] == {str(k): v for k, v in notes.items()}
    assert data["app_version"] == xlsx.__dict__["__version__"]
    assert len(data["sha256"]) == 64 and data["sha256"] == checksum(data)


def test_points_sheet_layout_like_table_1(store, filled, catalog, tmp_path):
    aid, answers, _ = filled
    wb = openpyxl.load_workbook(xlsx.export_assessment(store, aid, tmp_path / "a.xlsx"))
    ws = wb[POINTS_SHEET]
    assert [ws.cell(HEADER_ROW, c).value for c in range(1, 7)] == ["一级指标", "得分", "二级指标", "得分", "三级指标",
                                                                     "得分"]
    assert ws.freeze_panes == f"A{FIRST_ROW}"
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions[LETTER["rule"]].width >= 40
    # 44 point rows in catalogue order, each with its rule, maximum and answer shown for people.
    rows = {ws.cell(r, COL["point"]).value: r for r in range(FIRST_ROW, ws.max_row + 1)
            if isinstance(ws.cell(r, COL["point"]).value, int)}
    assert list(rows) == list(catalog.points)
    for n, p in catalog.points.items():
        r = rows[n]
        assert ws.cell(r, COL["rule"]).value == p.rule
        assert Decimal(str(ws.cell(r, COL["max"]).value)) == p.max
        assert ws.cell(r, COL["rule"]).alignment.wrap_text
        shown = ws.cell(r, COL["answer"]).value
        if n not in answers:
            assert shown is None
        elif p.kind == "yesno":
            assert shown == ("是" if answers[n] else "否")
        elif p.kind == "domains":
            assert shown == ("、".join(answers[n]) or "无")
        else:
            assert Decimal(str(shown)) == answers[n]
    # Primary indicator 1 is merged over its points and sums their scores with a formula.
    first, last = rows[1], rows[max(catalog.tertiary[t].children[-1] for t in catalog.secondary[2].children)]
    assert f"A{first}:A{last}" in {str(m) for m in ws.merged_cells.ranges}
    assert ws.cell(first, COL["primary_score"]).value == f"=ROUND(SUM(K{first}:K{last}),6)"
    assert ws.cell(first, COL["primary"]).value.startswith("1. 整体组织实施情况")


def test_user_text_starting_like_a_formula_is_written_as_text(store, filled, tmp_path):
    aid, _, notes = filled
    wb = openpyxl.load_workbook(xlsx.export_assessment(store, aid, tmp_path / "a.xlsx"))
    ws = wb[POINTS_SHEET]
    rows = {ws.cell(r, COL["point"]).value: r for r in range(FIRST_ROW, ws.max_row + 1)}
    for n in (2, 5, 9, 12):
        c = ws.cell(rows[n], COL["note"])
        assert c.data_type == "s" and c.value == notes[n] and c.quotePrefix
    cover = wb["封面"]
    assessor = [cover.cell(r, 2) for r in range(1, cover.max_row + 1) if cover.cell(r, 1).value == "填表人"][0]
    assert assessor.value == "=张三" and assessor.data_type == "s"
    # Nothing the user typed became a formula anywhere in the workbook.
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                if c.data_type == "f":
                    assert "HYPERLINK" not in str(c.value) and "张三" not in str(c.value)


def test_history_sheet_lists_the_audit(store, filled, tmp_path):
    aid, _, _ = filled
    store.set_answer(aid, 3, True, note="=cmd")
    wb = openpyxl.load_workbook(xlsx.export_assessment(store, aid, tmp_path / "a.xlsx"))
    hist = wb["修改记录"]
    rows = list(hist.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(store.audit(aid))
    assert [r[2] for r in rows] == ["新建", "填报", "导出"]
    assert rows[1][3] == 3 and rows[1][5] == "true"


def test_cover_names_region_total_grade_and_default_bands(store, filled, tmp_path):
    aid, _, _ = filled
    wb = openpyxl.load_workbook(xlsx.export_assessment(store, aid, tmp_path / "a.xlsx"))
    cover = {r[0]: r[1] for r in wb["封面"].iter_rows(min_row=3, values_only=True)}
    sc = store.score(aid)
    assert cover["地区"] == "长春市" and cover["地区代码"] == "220100" and cover["年度"] == 2021
    assert cover["总分"].startswith(f"{sc.total.quantize(Decimal('0.1'))} / 100")
    assert cover["等级"] == sc.grade.name and cover["状态"] == "草稿"
    assert cover["导出版本号"] == 1 and cover["软件版本"].startswith("jlip-desktop ")
    assert "本工具默认" in cover["说明"] and "导出时间" in cover


def test_export_refuses_a_missing_folder_and_leaves_no_file(store, filled, tmp_path):
    aid, _, _ = filled
    with pytest.raises(BadInput, match="does not exist"):
        xlsx.export_assessment(store, aid, tmp_path / "nope" / "a.xlsx")
    assert store.assessment(aid).export_revision == 0
    assert list(tmp_path.glob("**/*.xlsx")) == []


def test_template_has_validation_formulas_and_no_hard_coded_scores(tmp_path, catalog):
    path = xlsx.write_template(tmp_path / "填报 模板.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb[POINTS_SHEET]
    data = {}
    for key, text in wb[DATA_SHEET].iter_rows(min_row=2, values_only=True):
        data[key] = data.get(key, "") + text
    layout = json.loads(data["layout"])
    assert json.loads(data["format"]) == TEMPLATE_FORMAT and wb[DATA_SHEET].sheet_state == "hidden"
    dv_by_cell = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in ws[rng.coord] if ":" in rng.coord else [[ws[rng.coord]]]:
                for c in row:
                    dv_by_cell[c.coordinate] = dv
    assert dv_by_cell[layout["region_cell"]].type == "list"
    assert dv_by_cell[layout["year_cell"]].type == "whole"
    for n, p in catalog.points.items():
        r = int(json.loads(data["layout"])["points"][str(n)])
        f = ws.cell(r, COL["score"]).value
        assert f.startswith("="), n
        if p.kind == "domains":
            for dom, dr in layout["domains"][str(n)].items():
                assert ws.cell(dr, COL["rule"]).value.endswith(dom)
                assert dv_by_cell[f"J{dr}"].formula1 == '"是,否"'
            assert f"{p.unit.normalize()}*COUNTIF(" in f and f.endswith(f",{p.cap.normalize()})")
            continue
        dv = dv_by_cell[f"J{r}"]
        assert ws.cell(r, COL["answer"]).protection.locked is False
        if p.kind == "yesno":
            assert dv.type == "list" and f == f'=IF(J{r}="是",{p.max.normalize()},0)'
        elif p.kind == "count":
            assert dv.type == "whole" and f"MIN({p.unit.normalize()}*J{r},{p.cap.normalize()})" in f
        else:
            assert dv.type == "custom" and f"<={p.max.normalize()}" in dv.formula1
    assert ws.protection.sheet


def test_province_workbook_rows_ranks_and_chart_data(store, catalog, tmp_path):
    from jlip_desktop.core.chartdata import average_radar, ranking

    for i, code in enumerate(["220100", "220200", "220300"]):
        store.new_assessment(code, 2021, answers=varied_answers(catalog, seed=i, unanswered=0))
    store.new_assessment("220400", 2020, answers=varied_answers(catalog, seed=9))
    wb = openpyxl.load_workbook(xlsx.province_workbook(store, 2021, tmp_path / "省 2021.xlsx"))
    ws = wb["汇总"]
    rank = ranking(store, 2021)
    body = [r for r in ws.iter_rows(min_row=5, values_only=True) if isinstance(r[0], int)]
    assert [(r[0], r[1]) for r in body] == [(x.rank, x.region) for x in rank]
    for r, x in zip(body, rank, strict=True):
        assert Decimal(str(r[3])) == x.total and r[4] == x.grade
        assert [Decimal(str(v)) for v in r[6:10]] == [x.score.primary[n] for n in catalog.primary]
        assert [Decimal(str(v)) for v in r[10:18]] == [x.score.secondary[n] for n in catalog.secondary]
    avg_row = 5 + len(rank)
    assert ws.cell(avg_row, 3).value == "平均" and ws.cell(avg_row, 4).value.startswith("=ROUND(AVERAGE(D5:D7)")
    charts = [r for r in wb["图表数据"].iter_rows(values_only=True)]
    radar = average_radar([x.score for x in rank], "primary")
    names = {r[1]: r for r in charts if r and r[1] in {a.name for a in radar}}
    for a in radar:
        assert abs(Decimal(str(names[a.name][4])) - a.rate) < Decimal("0.01")
    assert wb["图表数据"]._charts


def test_province_workbook_of_an_empty_year_is_refused(store, tmp_path):
    with pytest.raises(BadInput, match="no assessments for 2030"):
        xlsx.province_workbook(store, 2030, tmp_path / "p.xlsx")
    assert not (tmp_path / "p.xlsx").exists()
