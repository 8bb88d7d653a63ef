"""Opened in LibreOffice (headless), the workbooks' formulas give the application's numbers.

All workbooks are converted in one soffice run per test session (it is the
slow part); each test then reads the recalculated values with openpyxl.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from xlsx_helpers import assert_same_rows, data_payload, dec, fill_template, recalc, values, varied_answers

from jlip_desktop.core.catalog import get_catalog
from jlip_desktop.core.scoring import Score, best_value, score
from jlip_desktop.core.store import Store
from jlip_desktop.exchange import xlsx
from jlip_desktop.exchange.xlsx_common import POINTS_SHEET
from jlip_desktop.exchange.xlsx_points import COL

NOTES = {2: '=HYPERLINK("http://example.com")', 5: "+86 431 1234", 9: "-1", 12: "@A1"}


@dataclass
class Converted:
    export: Path
    export_score: Score
    template: Path
    template_score: Score
    template_answers: dict
    vetoed: Path
    vetoed_score: Score
    province: Path
    province_totals: list[Decimal]
    out: dict[Path, Path]


@pytest.fixture(scope="session")
def converted(tmp_path_factory) -> Converted:
    cat = get_catalog("jilin-2021")
    base = tmp_path_factory.mktemp("lo 工作簿")
    with Store(base / "县 库.sqlite", create=True) as st:
        aid = st.new_assessment("220100", 2021, "=赵六", answers=varied_answers(cat, seed=21), notes=NOTES)
        export = xlsx.export_assessment(st, aid, base / "长春市 2021 导出.xlsx")
        export_score = st.score(aid)
        totals = [export_score.total]
        for i, code in enumerate(["220200", "220300", "220400"]):
            other = st.new_assessment(code, 2021, answers=varied_answers(cat, seed=40 + i))
            totals.append(st.score(other).total)
        province = xlsx.province_workbook(st, 2021, base / "全省 2021.xlsx")
    tpl = xlsx.write_template(base / "模板.xlsx")
    t_answers = varied_answers(cat, seed=22)
    template = fill_template(tpl, base / "填好 的 模板.xlsx", cat, t_answers, notes=NOTES, year=2022)
    best = {n: best_value(p) for n, p in cat.points.items()}
    best[1] = False
    vetoed = fill_template(tpl, base / "否决.xlsx", cat, best, region="220300", year=2020)
    out = recalc([export, template, vetoed, province], base / "recalculated", base / "lo-profile")
    return Converted(export, export_score, template, score(cat, t_answers), t_answers, vetoed, score(cat, best),
                     province, totals, out)


def _check_sheet(path: Path, layout: dict, sc: Score) -> None:
    ws = values(path, POINTS_SHEET)
    cat = sc.catalog
    assert dec(ws[layout["total_cell"]].value) == sc.total.quantize(Decimal("0.1"))
    assert ws[layout["grade_cell"]].value == sc.grade.name
    for n in cat.points:
        got = ws.cell(layout["points"][str(n)], COL["score"]).value
        assert dec(got) == sc.points[n], f"point ({n})"
    # Indicator cells: the first row of each merged block, in the level's score column.
    for level, scores in (("primary", sc.primary), ("secondary", sc.secondary), ("tertiary", sc.tertiary)):
        for number, node in cat.level(level).items():
            first_point = _first_point(cat, level, number)
            row = layout["points"][str(first_point)]
            got = ws.cell(row, COL[f"{level}_score"]).value
            assert dec(got) == scores[number], f"{level} {number} ({node.name})"


def _first_point(cat, level: str, number: int) -> int:
    node = cat.level(level)[number]
    while node.level != "tertiary":
        child = node.children[0]
        node = cat.secondary[child] if node.level == "primary" else cat.tertiary[child]
    return node.children[0]


def test_export_formula_totals_equal_the_application_totals(converted):
    layout = data_payload(converted.export)["layout"]
    _check_sheet(converted.out[converted.export], layout, converted.export_score)


def test_filled_template_scores_as_the_application_does(converted):
    layout = data_payload(converted.template)["layout"]
    _check_sheet(converted.out[converted.template], layout, converted.template_score)


def test_template_grade_formula_applies_the_veto(converted):
    sc = converted.vetoed_score
    assert sc.vetoed and sc.total >= min(g.min for g in sc.catalog.grades if g.name in sc.catalog.veto_excludes)
    layout = data_payload(converted.vetoed)["layout"]
    _check_sheet(converted.out[converted.vetoed], layout, sc)
    ws = values(converted.out[converted.vetoed], POINTS_SHEET)
    assert ws[layout["grade_cell"]].value != "优秀"
    veto_row = int(layout["grade_cell"][1:]) - 1
    assert ws.cell(veto_row, COL["score"]).value == "是"


def test_text_that_looks_like_a_formula_stays_text_in_libreoffice(converted):
    for source in (converted.export, converted.template):
        layout = data_payload(source)["layout"]
        ws = values(converted.out[source], POINTS_SHEET)
        for n, text in NOTES.items():
            assert ws.cell(layout["points"][str(n)], COL["note"]).value == text
    cover = values(converted.out[converted.export], "封面")
    assert "=赵六" in [cover.cell(r, 2).value for r in range(1, cover.max_row + 1)]


def test_province_averages_row_recalculates(converted):
    ws = values(converted.out[converted.province], "汇总")
    avg = [r for r in ws.iter_rows(values_only=True) if r[2] == "平均"][0]
    mean = sum(converted.province_totals, Decimal(0)) / len(converted.province_totals)
    assert abs(Decimal(str(avg[3])) - mean) < Decimal("0.000001")


def test_workbooks_saved_by_libreoffice_still_import(converted, tmp_path):
    with Store(tmp_path / "省.sqlite", create=True) as st:
        res = xlsx.import_workbooks(st, [converted.out[converted.export], converted.out[converted.template]])
        assert [r.outcome for r in res] == ["imported", "imported"], [r.message for r in res]
        assert st.score(res[0].assessment_id).to_json() == converted.export_score.to_json()
        assert st.answers(res[1].assessment_id) == converted.template_answers
        assert st.notes(res[1].assessment_id) == NOTES


def test_workbooks_saved_by_libreoffice_read_as_openpyxl_reads_them(converted):
    """exchange/xlsx_cells on LibreOffice's shared strings, styles and cached formula values (test_xlsx_cells.py
    covers the rest)."""
    for path in converted.out.values():
        rows = assert_same_rows(path)
        assert any(rows.values()), path.name
