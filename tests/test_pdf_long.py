"""What keeps the province report of thousands of regions small in memory, checked on small inputs.

A long table made a page at a time lays out as one Table of every row; a
region's ranking row keeps its totals, not its Score; province-wide figures
are the same from scores made one at a time; lines broken from arrays are the
lines of one object per character; the slimmed font reads the same metrics.
"""

from __future__ import annotations

import random
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle

from jlip_desktop.core.chartdata import ScoreTotals, rank_regions
from jlip_desktop.core.scoring import Score, best_value, worst_value
from jlip_desktop.reports import pdf, pdf_fonts, pdf_text
from jlip_desktop.reports.commentary import chapter4, indicator_figures

STYLE = [("GRID", (0, 0), (-1, -1), 0.4, pdf.LINE_GREY), ("FONTSIZE", (0, 1), (-1, -1), 8.5),
         ("BACKGROUND", (0, 0), (-1, 0), pdf.HEAD_GREY)]
WIDTHS = [20 * mm, 60 * mm, 30 * mm]


def _rows(n: int) -> list[tuple[str, str, str]]:
    rng = random.Random(n)
    return [(f"r{i}", "长" * rng.choice([1, 1, 1, 40, 90]), f"{i % 97}.5") for i in range(n)]


def _layout(story: list) -> list[tuple[int, list[str]]]:
    """Each table part drawn: (page, its first column)."""
    drawn = []

    class Doc(BaseDocTemplate):
        def afterFlowable(self, f):  # noqa: N802
            t = f._whole if isinstance(f, pdf._RowsTable) else f
            if isinstance(t, Table):
                drawn.append((self.page, [row[0] for row in t._cellvalues]))

    doc = Doc(BytesIO(), pagesize=A4)
    doc.addPageTemplates([PageTemplate(frames=[Frame(50, 50, 495, 740)])])
    doc.build(story)
    return drawn


def _cells(style):
    def cells(row):
        if row is None:
            return ["编号", pdf_text.para("地区", style), "得分"]
        return [row[0], pdf_text.para(row[1], style), row[2]]
    return cells


def test_a_long_table_made_a_page_at_a_time_lays_out_as_one_table_and_makes_each_row_once():
    style = pdf_text.styles()["cell"]
    rows = _rows(400)
    cells = _cells(style)
    whole = Table([cells(None)] + [cells(r) for r in rows], colWidths=WIDTHS, repeatRows=1)
    whole.setStyle(TableStyle(STYLE))
    made = []

    def counted(row):
        made.append(row)
        return cells(row)

    def table(data, heights):
        t = Table(data, colWidths=WIDTHS, rowHeights=heights, repeatRows=1)
        t.setStyle(TableStyle(STYLE))
        return t

    lead = [Spacer(1, 300)]  # the table starts part way down the first page
    expected = _layout(lead + [whole])
    got = _layout([Spacer(1, 300), pdf._RowsTable(rows, counted, table, head_rows=1)])
    assert len(expected) > 10 and got == expected
    assert all(first[0] == "编号" for _, first in got)  # every page's part starts with the header
    data_rows = [r for r in made if r is not None]
    assert len(data_rows) == len(rows) and len(set(map(id, data_rows))) == len(rows)  # each row made once


def test_a_table_of_contents_without_a_header_and_a_short_table_that_fits():
    style = pdf_text.styles()["toc2"]
    rows = [f"{i}. 测试地区知识产权保护水平评估" for i in range(150)]

    def table(data, heights):
        t = Table(data, colWidths=[150 * mm, 20 * mm], rowHeights=heights)
        t.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.3, pdf.LINE_GREY, None, (1, 2))]))
        return t

    def cells(row):
        return [row, "12"]

    whole = table([cells(r) for r in rows], None)
    assert _layout([whole]) == _layout([pdf._RowsTable(rows, cells, table)])
    short = rows[:5]
    assert _layout([Paragraph("目录", style), pdf._RowsTable(short, cells, table)]) == [(1, short)]


def test_ranking_rows_keep_the_totals_and_the_report_scores_a_region_again(store, catalog):
    from jlip_desktop.core import review

    full = {n: best_value(p) for n, p in catalog.points.items()}
    rng = random.Random(3)
    counties = [r.code for r in store.regions() if r.level == "county"][:12]
    for code in counties[:10]:
        store.new_assessment(code, 2021, answers={n: v if rng.random() < 0.7 else worst_value(catalog.points[n])
                                                 for n, v in full.items()})
    verified = store.import_assessment(counties[10], 2021, catalog.id, full, {}, status="submitted", revision=1)
    review.set_verdict(store, verified, 3, "adjust", False)
    review.decide(store, verified, "approve")
    rows = rank_regions(store, 2021, include_drafts=True)
    slim = rank_regions(store, 2021, include_drafts=True, keep=ScoreTotals.of)
    fields = ("rank", "assessment_id", "region", "total", "grade", "vetoed", "basis", "self_total", "verified_total")
    assert [[getattr(r, f) for f in fields] for r in slim] == [[getattr(r, f) for f in fields] for r in rows]
    assert "verified" in {r.basis for r in slim} and len(slim) == 11
    for r, s in zip(rows, slim, strict=True):
        assert isinstance(s.score, ScoreTotals) and not hasattr(s.score, "points")
        assert s.score.primary == r.score.primary and s.score.total == r.score.total
        assert [s.score.rate("primary", p) for p in catalog.primary] == [r.score.rate("primary", p)
                                                                        for p in catalog.primary]
        again = pdf._row_score(store, s)
        assert isinstance(again, Score) and again == r.score


def test_chapter4_from_scores_made_one_at_a_time_is_the_same(catalog):
    from jlip_desktop.core.scoring import score

    rng = random.Random(7)
    scores = []
    for _ in range(9):
        answers = {n: best_value(p) if rng.random() < 0.6 else worst_value(p) for n, p in catalog.points.items()}
        scores.append(score(catalog, answers))
    assert indicator_figures(iter(scores)) == indicator_figures(scores)
    assert chapter4(s for s in scores) == chapter4(scores)
    assert indicator_figures([]) == []


def test_lines_broken_from_arrays_are_the_lines_of_one_object_per_character():
    rng = random.Random(11)
    pieces = ["知识产权", "保护", "，", "。", "“五进”", "82.4%", "SHA-256", "（一）", "ABC abc", "、", "2021年", " "]
    for k in range(60):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 80)))
        if k % 3 == 0:
            text = text.replace("。", "。\n", 1)
        style = pdf_text.styles()["body" if k % 2 else "cell"]
        p = pdf_text.Para(pdf_fonts.markup(text, bold=k % 5 == 0), style)
        widths = [rng.randint(40, 400)] * 2
        fast = pdf_text.split_lines(p.frags, widths, False)
        slow = pdf_text._split_units(p.frags, widths, False)

        def shape(lines):
            return [(ln.currentWidth, ln.extraSpace, ln.lineBreak, ln.fontSize,
                     [(w.text, w.fontName, w.fontSize) for w in ln.words]) for ln in lines.lines]

        assert shape(fast) == shape(slow), text


def test_the_slimmed_font_reads_the_same_metrics():
    from pathlib import Path

    import reportlab
    from reportlab.pdfbase.ttfonts import TTFontFace

    vera = Path(reportlab.__file__).resolve().parent / "fonts" / "Vera.ttf"
    plain, slim = TTFontFace(str(vera)), TTFontFace(str(vera))
    pdf_fonts._slim(slim)
    assert not hasattr(slim, "glyphToChar") and not isinstance(slim.hmetrics, list)
    assert len(slim.hmetrics) == len(plain.hmetrics)
    assert [slim.hmetrics[g] for g in range(len(plain.hmetrics))] == plain.hmetrics
    assert list(slim.glyphPos) == plain.glyphPos
    assert slim.makeSubset(list(range(32, 127))) == plain.makeSubset(list(range(32, 127)))
