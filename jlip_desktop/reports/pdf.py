"""The PDFs: a county's assessment summary and the province's yearly report.

A4, Chinese, the shipped CJK font embedded as a subset (see pdf_fonts), so the
text copies out and the pages look the same on any machine.  Charts are
reportlab vector graphics from chartdata's series (pdf_charts).  Everything
prints in black and white: greys, outlines and printed values carry the
meaning, never colour alone.  Files are written through fileio.atomic_write:
a failure leaves no file behind.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .. import __version__
from ..core import fileio
from ..core.chartdata import radar_series, ranking
from ..core.errors import BadInput
from ..core.scoring import Score, fmt, one_decimal
from . import pdf_charts, pdf_fonts
from .commentary import prose_name, province_overview, region_commentary

APP = "jlip-desktop"
PAGE_W, PAGE_H = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 18 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X

HEAD_GREY = colors.Color(0.86, 0.86, 0.86)
PRIMARY_GREY = colors.Color(0.93, 0.93, 0.93)
LINE_GREY = colors.Color(0.45, 0.45, 0.45)
VERTICAL_BARS_UP_TO = 15  # more regions than this get horizontal bars
HBAR_ROWS_PER_CHART = 55
STATUS_ZH = {"draft": "草稿（未提交）", "submitted": "已提交"}


# -- styles and small builders -------------------------------------------------
def _styles() -> dict[str, ParagraphStyle]:
    cjk = pdf_fonts.register()[0]

    def st(name: str, size: float, leading: float | None = None, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=cjk, fontSize=size, leading=leading or size * 1.5,
                              wordWrap="CJK", **kw)

    return {
        "title": st("title", 18, 26, alignment=TA_CENTER, spaceAfter=4),
        "subtitle": st("subtitle", 10.5, 16, alignment=TA_CENTER, textColor=LINE_GREY, spaceAfter=8),
        "cover_title": st("cover_title", 24, 36, alignment=TA_CENTER),
        "cover": st("cover", 12, 22, alignment=TA_CENTER),
        "h1": st("h1", 14, 21, spaceBefore=10, spaceAfter=6),
        "h2": st("h2", 12, 18, spaceBefore=8, spaceAfter=4),
        "body": st("body", 10, 17, firstLineIndent=20),
        "plain": st("plain", 10, 16),
        "note_head": st("note_head", 9.5, 15, spaceBefore=4),
        "note": st("note", 9.5, 15, leftIndent=10),
        "cell": st("cell", 8.5, 12),
        "cell_small": st("cell_small", 7.5, 10.5),
        "cell_head": st("cell_head", 8.5, 12),
        "caption": st("caption", 9, 13, alignment=TA_CENTER, spaceBefore=2, spaceAfter=8),
        "small": st("small", 8, 12, textColor=LINE_GREY),
        "result": st("result", 13, 20),
    }


def _p(text: str, style: ParagraphStyle, bold: bool = False) -> Paragraph:
    return Paragraph(pdf_fonts.markup(text, bold), style)


def _grid(data, widths, head_rows: int = 1, extra=()) -> Table:
    t = Table(data, colWidths=widths, repeatRows=head_rows)
    t.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, LINE_GREY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        *([("BACKGROUND", (0, 0), (-1, head_rows - 1), HEAD_GREY)] if head_rows else []),
        *extra,
    ]))
    return t


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def _today() -> str:
    return datetime.now().strftime("%Y-%m-%d %H:%M")


def _grade_note(score: Score) -> str:
    cat = score.catalog
    bands = []
    for i, g in enumerate(cat.grades):
        if i == len(cat.grades) - 1:
            bands.append(f"{g.name} <{fmt(cat.grades[i - 1].min)}")
        else:
            bands.append(f"{g.name} ≥{fmt(g.min)}")
    text = "等级划分：" + "、".join(bands) + "（分）。"
    if cat.grades_source == "tool default":
        text += "原评估报告未规定等级划分，此为本工具的默认划分。"
    return text


def _veto_text(score: Score) -> str:
    cat = score.catalog
    items = "、".join(f"（{n}）{p.label}" for n, p in cat.points.items() if p.veto and score.points[n] < p.max)
    return f"一票否决：{items}未得分，按评分规则不列入{'、'.join(cat.veto_excludes)}等次。"


# -- pages: footer with "第 x 页 / 共 y 页" --------------------------------------
def _canvas_class(footer_left: str, header: str):
    """A canvas that holds its pages until the end, so each can say how many there are."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kw):
            super().__init__(*args, **kw)
            self._pages = []

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            self.saveState()
            self.setStrokeColor(LINE_GREY)
            self.setLineWidth(0.5)
            y = MARGIN_BOTTOM - 8 * mm
            self.line(MARGIN_X, y + 9, PAGE_W - MARGIN_X, y + 9)
            self.setFillColor(colors.black)
            pdf_fonts.draw(self, MARGIN_X, y, footer_left, 7.5)
            pdf_fonts.draw(self, PAGE_W - MARGIN_X, y, f"第 {self._pageNumber} 页 / 共 {total} 页", 8, "end")
            if header and self._pageNumber > 1:
                pdf_fonts.draw(self, PAGE_W - MARGIN_X, PAGE_H - MARGIN_TOP + 6 * mm, header, 7.5, "end")
            self.restoreState()

    return NumberedCanvas


def _build(path: Path, story: list, *, title: str, author: str, subject: str, footer: str, header: str) -> Path:
    """Lay out the story into a temporary file that replaces `path` only when complete."""
    with fileio.atomic_write(path) as tmp:
        doc = BaseDocTemplate(
            str(tmp), pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM, title=title, author=author, subject=subject, creator=f"{APP} {__version__}",
        )
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        doc.build(story, canvasmaker=_canvas_class(footer, header))
    return Path(path)


# -- shared pieces ---------------------------------------------------------------
def _radars(score: Score, width: float = FRAME_W, height: float = 215) -> Table:
    """The primary (4 axes) and secondary (8 axes) radars side by side."""
    half = width / 2
    prim = radar_series(score, "primary")
    sec = radar_series(score, "secondary")
    cat = score.catalog
    d1 = pdf_charts.radar(prim, [prose_name(cat.primary[a.number]) for a in prim], half, height,
                          "一级指标得分率", label_room=62)
    d2 = pdf_charts.radar(sec, [f"{a.number} {prose_name(cat.secondary[a.number])}" for a in sec], half, height,
                          "二级指标得分率", label_room=70, label_size=6.5)
    t = Table([[d1, d2]], colWidths=[half, half])
    t.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                           ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return t


def _rate(score: Score, level: str, n: int) -> str:
    return f"{one_decimal(score.rate(level, n))}%"


def _indicator_table(score: Score, S) -> Table:
    cat = score.catalog
    head = [_p(h, S["cell_head"]) for h in ("指标", "得分", "满分", "得分率")]
    rows = [head]
    extra = []
    for p in cat.primary.values():
        rows.append([_p(f"一级 {p.number}　{p.name}", S["cell"]), one_decimal(score.primary[p.number]), fmt(p.max),
                     _rate(score, "primary", p.number)])
        extra.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), PRIMARY_GREY))
        for s_no in p.children:
            s = cat.secondary[s_no]
            rows.append([_p(f"　二级 {s.number}　{s.name}", S["cell"]), one_decimal(score.secondary[s_no]),
                         fmt(s.max), _rate(score, "secondary", s_no)])
            for t_no in s.children:
                t = cat.tertiary[t_no]
                rows.append([_p(f"　　三级 {t.number}　{t.name}", S["cell_small"]), one_decimal(score.tertiary[t_no]),
                             fmt(t.max), _rate(score, "tertiary", t_no)])
                extra.append(("TEXTCOLOR", (1, len(rows) - 1), (-1, len(rows) - 1), LINE_GREY))
    rows.append([_p("总分", S["cell"]), one_decimal(score.total), fmt(score.max),
                 f"{one_decimal(score.total * 100 / score.max)}%"])
    extra.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), HEAD_GREY))
    latin = pdf_fonts.register()[1]
    extra += [("FONTNAME", (1, 1), (-1, -1), latin), ("FONTSIZE", (1, 1), (-1, -1), 8.5),
              ("ALIGN", (1, 0), (-1, -1), "RIGHT")]
    return _grid(rows, [FRAME_W - 48 * mm, 16 * mm, 16 * mm, 16 * mm], extra=extra)


# -- the assessment summary -------------------------------------------------------
def assessment_pdf(store, assessment_id: int, path: str | Path) -> Path:
    """Write one assessment's printable summary (to sign and stamp); returns the path."""
    path = fileio.check_output_path(path)
    a = store.assessment(assessment_id)
    score = store.score(a.id)
    cat = score.catalog
    region = store.region(a.region)
    region_name = region.name if region else a.region
    notes = store.notes(a.id)
    evidence = store.evidence(a.id)
    S = _styles()
    latin = pdf_fonts.register()[1]
    story: list = []

    title = f"{region_name}知识产权保护水平评估结果"
    story.append(_p(title, S["title"]))
    story.append(_p(f"{a.year}年度　·　{cat.title}", S["subtitle"]))

    status = STATUS_ZH.get(a.status, a.status)
    if a.status == "submitted" and a.submitted_at:
        status += f"（{a.submitted_at[:10]}）"
    info = [
        ["地区", f"{region_name}（{a.region}）", "评估年度", f"{a.year}年"],
        ["评估人", a.assessor or "（未填写）", "状态", status],
        ["生成日期", _today(), "作答情况", f"已作答 {score.answered} / {len(cat.points)} 个得分点"],
    ]
    info = [[_p(c, S["cell"]) for c in row] for row in info]
    story.append(_grid(info, [20 * mm, FRAME_W / 2 - 20 * mm, 20 * mm, FRAME_W / 2 - 20 * mm], head_rows=0,
                       extra=[("BACKGROUND", (0, 0), (0, -1), HEAD_GREY), ("BACKGROUND", (2, 0), (2, -1), HEAD_GREY)]))
    story.append(Spacer(1, 5 * mm))

    result = [[_p("总分", S["cell"]), _p(f"{one_decimal(score.total)} 分（满分 {fmt(score.max)} 分）", S["result"]),
               _p("等级", S["cell"]), _p(score.grade.name, S["result"])]]
    story.append(_grid(result, [20 * mm, FRAME_W / 2 - 20 * mm, 20 * mm, FRAME_W / 2 - 20 * mm], head_rows=0,
                       extra=[("BACKGROUND", (0, 0), (0, -1), HEAD_GREY), ("BACKGROUND", (2, 0), (2, -1), HEAD_GREY),
                              ("BOX", (0, 0), (-1, -1), 1.2, colors.black)]))
    if score.vetoed:
        story.append(Spacer(1, 2 * mm))
        story.append(_grid([[_p(_veto_text(score), S["plain"], bold=True)]], [FRAME_W], head_rows=0,
                           extra=[("BOX", (0, 0), (-1, -1), 1.5, colors.black)]))
    story.append(Spacer(1, 1.5 * mm))
    story.append(_p(_grade_note(score), S["small"]))
    story.append(Spacer(1, 3 * mm))

    story.append(_radars(score))
    story.append(_p("图　各考核内容得分率（灰色区域为得分率，外圈为满分，虚线圈每格 20%）", S["caption"]))
    story.append(_p("评估小结：" + region_commentary(score, region_name).text, S["body"]))

    story.append(_p("一、各级指标得分", S["h1"]))
    story.append(_indicator_table(score, S))

    story.append(_p("二、失分得分点", S["h1"]))
    if score.lost:
        rows = [[_p(h, S["cell_head"]) for h in ("得分点", "三级指标 / 得分点", "评分规则", "得分 / 满分")]]
        for lo in score.lost:
            pt = cat.points[lo.point]
            t = cat.tertiary[pt.tertiary]
            label = Paragraph(pdf_fonts.markup(pt.label) + "<br/>" + f'<font size="7" color="#555555">'
                              f"{pdf_fonts.markup(prose_name(t))}</font>", S["cell"])
            rows.append([f"({lo.point})", label, _p(pt.rule, S["cell"]),
                         f"{fmt(lo.score)} / {fmt(lo.max)}"])
        story.append(_grid(rows, [14 * mm, 48 * mm, FRAME_W - 84 * mm, 22 * mm], extra=[
            ("FONTNAME", (0, 1), (0, -1), latin), ("FONTNAME", (3, 1), (3, -1), latin),
            ("FONTSIZE", (0, 1), (-1, -1), 8.5), ("ALIGN", (3, 1), (3, -1), "CENTER")]))
        lost_total = sum((lo.lost for lo in score.lost), Decimal(0))
        story.append(_p(f"共 {len(score.lost)} 个得分点失分，合计失 {fmt(lost_total)} 分。", S["small"]))
    else:
        story.append(_p("已作答的得分点均得到满分。", S["plain"]))

    if score.unanswered:
        story.append(_p("三、未作答得分点", S["h1"]))
        story.append(_p(f"以下 {score.unanswered} 个得分点尚未作答，按 0 分计：", S["plain"]))
        story.append(_p("；".join(f"（{n}）{cat.points[n].label}" for n in score.unanswered_points) + "。",
                        S["note"]))
        section = ["四", "五", "六"]
    else:
        section = ["三", "四", "五"]

    story.append(_p(f"{section[0]}、备注", S["h1"]))
    if notes:
        for n, text in notes.items():
            story.append(_p(f"（{n}）{cat.points[n].label}", S["note_head"], bold=True))
            story.append(_p(text, S["note"]))
    else:
        story.append(_p("无。", S["plain"]))

    story.append(_p(f"{section[1]}、证据文件", S["h1"]))
    if evidence:
        rows = [[_p(h, S["cell_head"]) for h in ("得分点", "文件名 / SHA-256", "大小", "添加时间")]]
        for ev in evidence:
            cell = Paragraph(pdf_fonts.markup(ev.filename) + f'<br/><font name="{latin}" size="6.4">'
                             f"{ev.sha256}</font>", S["cell"])
            rows.append([f"({ev.point})", cell, _size(ev.size), ev.added_at[:16].replace("T", " ")])
        story.append(_grid(rows, [14 * mm, FRAME_W - 66 * mm, 20 * mm, 32 * mm], extra=[
            ("FONTNAME", (0, 1), (0, -1), latin), ("FONTNAME", (2, 1), (3, -1), latin),
            ("FONTSIZE", (0, 1), (-1, -1), 8), ("ALIGN", (2, 1), (2, -1), "RIGHT")]))
        story.append(_p(f"共 {len(evidence)} 个文件；SHA-256 用于核对文件未被改动。", S["small"]))
    else:
        story.append(_p("无。", S["plain"]))

    story.append(CondPageBreak(70 * mm))
    story.append(KeepTogether([_p(f"{section[2]}、签字确认", S["h1"]), _signature_block(S)]))

    return _build(path, story, title=title, author=a.assessor, subject=f"{region_name} {a.year}",
                  footer=f"指标体系 {cat.id}　·　{APP} {__version__}　·　评估编号 {a.id}",
                  header=f"{region_name}　{a.year}年度知识产权保护水平评估结果")


def _signature_block(S) -> Table:
    line = "________________________"
    date = "________年____月____日"
    rows = [
        [_p("评估人（签字）：", S["plain"]), _p(line, S["plain"]), _p("日期：", S["plain"]), _p(date, S["plain"])],
        [_p("审核人（签字）：", S["plain"]), _p(line, S["plain"]), _p("日期：", S["plain"]), _p(date, S["plain"])],
        [_p("单位（盖章）：", S["plain"]), _p("（盖章处）", S["small"]), "", ""],
    ]
    t = Table(rows, colWidths=[36 * mm, 60 * mm, 16 * mm, FRAME_W - 112 * mm],
              rowHeights=[14 * mm, 14 * mm, 42 * mm])
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, 1), "BOTTOM"),
        ("VALIGN", (0, 2), (-1, 2), "TOP"),
        ("BOX", (1, 2), (1, 2), 0.6, LINE_GREY),
        ("SPAN", (1, 2), (1, 2)),
        ("TOPPADDING", (0, 2), (-1, 2), 6),
    ]))
    return t


# -- the province report ------------------------------------------------------------
def province_pdf(store, year: int, path: str | Path) -> Path:
    """Write the province report for a year: cover, ranking and bar chart, one section per region."""
    path = fileio.check_output_path(path)
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise BadInput(f"year must be a whole year such as 2021, got {year!r}") from None
    rows = ranking(store, year)
    if not rows:
        years = store.years()
        known = f"years with assessments: {', '.join(map(str, years))}" if years else "the database has none"
        raise BadInput(f"no assessments for {year} in this database ({known}); nothing to report")
    cats = {r.score.catalog.id for r in rows}
    cat = rows[0].score.catalog
    S = _styles()
    latin = pdf_fonts.register()[1]
    story: list = []

    # cover
    title = f"{year}年度知识产权保护水平评估报告"
    story.append(Spacer(1, 60 * mm))
    story.append(_p(title, S["cover_title"]))
    story.append(Spacer(1, 12 * mm))
    story.append(_p(cat.title, S["cover"]))
    story.append(_p(f"参评地区 {len(rows)} 个", S["cover"]))
    story.append(Spacer(1, 70 * mm))
    story.append(_p(f"生成日期：{_today()}", S["cover"]))
    story.append(_p(f"{APP} {__version__}", S["cover"]))
    story.append(PageBreak())

    # overview, ranking, bar chart
    story.append(_p("一、各地区评估结果总览", S["h1"]))
    story.append(_p(province_overview(rows) + "各地区得分情况见表 1 和图 1。", S["body"]))
    story.append(Spacer(1, 3 * mm))
    prim = list(cat.primary.values())
    head = ["排名", "地区", "总分", "等级"] + [f"{prose_name(p)}（{fmt(p.max)}）" for p in prim]
    table = [[_p(h, S["cell_head"]) for h in head]]
    for r in rows:
        grade = r.grade + ("*" if r.vetoed else "")
        table.append([str(r.rank), _p(r.region_name, S["cell"]), one_decimal(r.total), _p(grade, S["cell"])]
                     + [one_decimal(r.score.primary.get(p.number, Decimal(0))) for p in prim])
    n_p = len(prim)
    story.append(_p("表 1　各地区知识产权保护水平得分及排名", S["caption"]))
    story.append(_grid(table, [12 * mm, 38 * mm, 16 * mm, 16 * mm] + [(FRAME_W - 82 * mm) / n_p] * n_p, extra=[
        ("FONTNAME", (0, 1), (0, -1), latin), ("FONTNAME", (2, 1), (2, -1), latin),
        ("FONTNAME", (4, 1), (-1, -1), latin), ("FONTSIZE", (0, 1), (-1, -1), 8.5),
        ("ALIGN", (0, 1), (0, -1), "CENTER"), ("ALIGN", (2, 1), (-1, -1), "RIGHT")]))
    notes = ["得分为一级指标得分之和；同分按“重点工作推进情况”得分、再按行政区划代码排序。"]
    if any(r.vetoed for r in rows):
        notes.append("* 一票否决项未得分，不列入" + "、".join(cat.veto_excludes) + "等次。")
    notes.append(_grade_note(rows[0].score))
    if len(cats) > 1:
        notes.append(f"注意：本年度评估使用了不同的指标体系（{'、'.join(sorted(cats))}），得分不完全可比。")
    for n in notes:
        story.append(_p(n, S["small"]))
    story.append(Spacer(1, 4 * mm))
    caption = "图 1　各地区知识产权保护水平得分情况"
    if len(rows) <= VERTICAL_BARS_UP_TO:  # as the report's figure 2
        chart = pdf_charts.bar_chart([r.region_short for r in rows], [r.total for r in rows], FRAME_W, 220,
                                     cat.total_max, "得分")
        story.append(KeepTogether([chart, _p(caption, S["caption"])]))
    else:  # many regions: one row each, in parts that fit a page
        size = -(-len(rows) // -(-len(rows) // HBAR_ROWS_PER_CHART))  # even parts of at most HBAR_ROWS_PER_CHART
        parts = [rows[i:i + size] for i in range(0, len(rows), size)]
        for k, part in enumerate(parts, start=1):
            chart = pdf_charts.hbar_chart([r.region_short for r in part], [r.total for r in part], FRAME_W,
                                          cat.total_max, x_label="得分")
            suffix = f"（{k}/{len(parts)}）" if len(parts) > 1 else ""
            story.append(KeepTogether([chart, _p(caption + suffix, S["caption"])]))

    # one section per region, in ranking order
    story.append(PageBreak())
    story.append(_p("二、各地区知识产权保护水平评估", S["h1"]))
    for i, r in enumerate(rows, start=1):
        fig = i + 1
        c = region_commentary(r.score, r.region_name)
        head = _p(f"{i}. {r.region_name}知识产权保护水平评估", S["h2"])
        facts = _p(f"总分 {one_decimal(r.total)} 分，等级“{r.grade}”，排名第 {r.rank} 位。", S["plain"])
        para = _p(f"{r.region_name}知识产权保护水平各考核内容评估情况见图 {fig}。{c.text}", S["body"])
        # the heading stays with its chart; a long paragraph may continue on the next page
        story.append(KeepTogether([head, facts, _radars(r.score, height=190),
                                   _p(f"图 {fig}　{r.region_name}知识产权保护水平各考核内容评估情况", S["caption"])]))
        story.append(para)
        story.append(Spacer(1, 4 * mm))

    return _build(path, story, title=title, author="", subject=f"{year} {len(rows)} regions",
                  footer=f"指标体系 {'、'.join(sorted(cats))}　·　{APP} {__version__}",
                  header=title)
