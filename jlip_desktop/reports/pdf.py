"""The PDFs: a county's assessment summary and the province's yearly report.

A4, Chinese, the shipped CJK font embedded as a subset (see pdf_fonts), so the
text copies out and the pages look the same on any machine.  Charts are
reportlab vector graphics from chartdata's series (pdf_charts).  Everything
prints in black and white: greys, outlines and printed values carry the
meaning, never colour alone.  An assessment with a review (imported at the
province, or a review received at the county) shows the review's status, the
province's comment and the verified total (核定) beside the self total, and a
section 省级审核意见 with each point's verdict; without one the summary is
unchanged.  Files are written through fileio.atomic_write:
a failure leaves no file behind.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    ActionFlowable,
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
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
from ..core.chartdata import RankRow, ScoreTotals, radar_series, rank_regions
from ..core.errors import BadInput
from ..core.labels import STATUS
from ..core.review import VERDICT_ZH, review_state, verified_score
from ..core.scoring import Score, Value, fmt, one_decimal
from . import pdf_charts, pdf_fonts, pdf_pages, pdf_text
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
SECTION_RADAR_H = 185  # a region section's two radars (a layout pass puts a blank of this size)
STATUS_ZH = {k: v["zh"] for k, v in STATUS.items()}  # one table: core/labels.py


# -- styles and small builders -------------------------------------------------
def _styles() -> dict[str, ParagraphStyle]:
    return pdf_text.styles()


def _p(text: str, style: ParagraphStyle, bold: bool = False) -> Paragraph:
    return pdf_text.para(text, style, bold)


def _grid(data, widths, head_rows: int = 1, extra=(), split_rows: bool = False, heights=None) -> Table:
    """A table with grid lines; split_rows lets a row taller than a page continue on the next (no spans).

    heights: the rows' heights where known (None: measured)."""
    t = Table(data, colWidths=widths, rowHeights=heights, repeatRows=head_rows, splitInRow=1 if split_rows else 0)
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
def _canvas_class(footer_left: str, header: str, known_total: int | None = None, shown: list | None = None,
                  dry: bool = False):
    """A canvas whose pages each say how many there are.

    With `known_total` None it holds every page until the end to learn it; with a
    total (known from an earlier layout pass) each page is decorated and leaves
    memory at once (pdf_pages), so memory does not grow with the page count.
    `dry`: a layout pass that only counts the pages and writes nothing.  `shown`
    gets the number of pages."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kw):
            super().__init__(*args, **kw)
            self._pages = []
            self._spool = pdf_pages.Spool() if known_total is not None and not dry else None

        def showPage(self):  # noqa: N802 (reportlab's name)
            if dry:
                if shown is not None:
                    shown[:] = [self._pageNumber]
                self._startPage()
                return
            if known_total is not None:
                self._decorate(known_total)
                super().showPage()
                self._spool.keep(self._doc.Pages.pages[-1])
                if shown is not None:
                    shown[:] = [self._pageNumber - 1]
                return
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            if dry:
                if len(self._code):
                    self.showPage()
                return
            if known_total is not None:
                if len(self._code):
                    self.showPage()
                try:
                    pdf_pages.write(self._doc, self, self._filename)
                finally:
                    self._spool.close()
                return
            if shown is not None:
                shown[:] = [len(self._pages)]
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
        doc.build(_trim(story), canvasmaker=_canvas_class(footer, header))
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
    review = review_state(store, a.id)
    if review.status == "none":
        review = None  # made here and no review received: the summary as it always was
    verified = verified_score(store, a.id) if review is not None else None
    S = _styles()
    latin = pdf_fonts.register()[1]
    story: list = []
    numerals = iter("一二三四五六七八九十")

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
                       split_rows=True, extra=[("BACKGROUND", (0, 0), (0, -1), HEAD_GREY), ("BACKGROUND", (2, 0), (2, -1), HEAD_GREY)]))
    story.append(Spacer(1, 5 * mm))

    result = [[_p("自评总分" if review is not None else "总分", S["cell"]),
               _p(f"{one_decimal(score.total)} 分（满分 {fmt(score.max)} 分）", S["result"]),
               _p("等级", S["cell"]), _p(score.grade.name, S["result"])]]
    review_extra = []
    if review is not None:
        rows, review_extra = _review_result_rows(review, verified, score, S)
        result += rows
    story.append(_grid(result, [20 * mm, FRAME_W / 2 - 20 * mm, 20 * mm, FRAME_W / 2 - 20 * mm], head_rows=0,
                       extra=[("BACKGROUND", (0, 0), (0, -1), HEAD_GREY), ("BACKGROUND", (2, 0), (2, -1), HEAD_GREY),
                              *review_extra, ("BOX", (0, 0), (-1, -1), 1.2, colors.black)]))
    if score.vetoed:
        story.append(Spacer(1, 2 * mm))
        story.append(_grid([[_p(_veto_text(score), S["plain"], bold=True)]], [FRAME_W], head_rows=0,
                           extra=[("BOX", (0, 0), (-1, -1), 1.5, colors.black)]))
    story.append(Spacer(1, 1.5 * mm))
    if review is not None:
        story.append(_p("核定总分：省级审核后的得分，审核结论为“调整”的得分点按核定答案计分，其余按自评答案计分；"
                        "本文其余各节的得分均为自评分。", S["small"]))
    story.append(_p(_grade_note(score), S["small"]))
    story.append(Spacer(1, 3 * mm))

    story.append(_radars(score))
    story.append(_p("图　各考核内容得分率（灰色区域为得分率，外圈为满分，虚线圈每格 20%）", S["caption"]))
    story.append(_p("评估小结：" + region_commentary(score, region_name).text, S["body"]))

    if review is not None:
        story += pdf_text.heading(f"{next(numerals)}、省级审核意见", "h1")
        story += _review_section(review, verified, score, store.answers(a.id), S, latin)

    story += pdf_text.heading(f"{next(numerals)}、各级指标得分", "h1")
    story.append(_indicator_table(score, S))

    story += pdf_text.heading(f"{next(numerals)}、失分得分点", "h1")
    if score.lost:
        rows = [[_p(h, S["cell_head"]) for h in ("得分点", "三级指标 / 得分点", "评分规则", "得分 / 满分")]]
        for lo in score.lost:
            pt = cat.points[lo.point]
            t = cat.tertiary[pt.tertiary]
            label = pdf_text.Para(pdf_fonts.markup(pt.label) + "<br/>" + f'<font size="7" color="#555555">'
                              f"{pdf_fonts.markup(prose_name(t))}</font>", S["cell"])
            rows.append([f"({lo.point})", label, _p(pt.rule, S["cell"]),
                         f"{fmt(lo.score)} / {fmt(lo.max)}"])
        story.append(_grid(rows, [14 * mm, 48 * mm, FRAME_W - 84 * mm, 22 * mm], split_rows=True, extra=[
            ("FONTNAME", (0, 1), (0, -1), latin), ("FONTNAME", (3, 1), (3, -1), latin),
            ("FONTSIZE", (0, 1), (-1, -1), 8.5), ("ALIGN", (3, 1), (3, -1), "CENTER")]))
        lost_total = sum((lo.lost for lo in score.lost), Decimal(0))
        story.append(_p(f"共 {len(score.lost)} 个得分点失分，合计失 {fmt(lost_total)} 分。", S["small"]))
    else:
        story.append(_p("已作答的得分点均得到满分。", S["plain"]))

    if score.unanswered:
        story += pdf_text.heading(f"{next(numerals)}、未作答得分点", "h1")
        story.append(_p(f"以下 {score.unanswered} 个得分点尚未作答，按 0 分计：", S["plain"]))
        story.append(_p("；".join(f"（{n}）{cat.points[n].label}" for n in score.unanswered_points) + "。",
                        S["note"]))
    section = [next(numerals) for _ in range(3)]

    story += pdf_text.heading(f"{section[0]}、备注", "h1")
    if notes:
        for n, text in notes.items():
            story.append(_p(f"（{n}）{cat.points[n].label}", S["note_head"], bold=True))
            story.append(_p(text, S["note"]))
    else:
        story.append(_p("无。", S["plain"]))

    story += pdf_text.heading(f"{section[1]}、证据文件", "h1")
    if evidence:
        rows = [[_p(h, S["cell_head"]) for h in ("得分点", "文件名 / SHA-256", "大小", "添加时间")]]
        for ev in evidence:
            cell = pdf_text.Para(pdf_fonts.markup(ev.filename) + f'<br/><font name="{latin}" size="6.4">'
                             f"{ev.sha256}</font>", S["cell"])
            rows.append([f"({ev.point})", cell, _size(ev.size), ev.added_at[:16].replace("T", " ")])
        story.append(_grid(rows, [14 * mm, FRAME_W - 66 * mm, 20 * mm, 32 * mm], split_rows=True, extra=[
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


# -- the province's review in the assessment summary -----------------------------------
REVIEW_STATUS_ZH = {"pending": "待审核", "approved": "已通过", "returned": "已退回"}


def _answer_text(point, value: Value | None) -> str:
    """An answer as a person reads it (as in the workbooks)."""
    if value is None:
        return "未作答"
    if point.kind == "yesno":
        return "是" if value else "否"
    if point.kind == "domains":
        return "、".join(value) if value else "无"
    return fmt(Decimal(value))


def _review_status_text(review) -> str:
    text = REVIEW_STATUS_ZH.get(review.status, review.status)
    if review.decided_at and review.status in ("approved", "returned"):
        text += f"（{review.decided_at[:10]}）"
    if review.revision:
        text += f"　审核的版本：第 {review.revision} 版"
    return text


def _review_result_rows(review, verified: Score | None, score: Score, S) -> tuple[list, list]:
    """Rows under the self total: the verified total and grade, the review's status and overall comment."""
    if verified is None:
        ver = [_p("核定总分", S["cell"]), _p("尚无（省级尚未给出审核意见）", S["cell"]), _p("核定等级", S["cell"]),
               _p("—", S["cell"])]
    else:
        diff = verified.total - score.total
        change = "与自评相同" if diff == 0 else f"较自评{'增加' if diff > 0 else '减少'} {one_decimal(abs(diff))} 分"
        ver = [_p("核定总分", S["cell"]),
               _p(f"{one_decimal(verified.total)} 分（{change}）", S["result"]),
               _p("核定等级", S["cell"]), _p(verified.grade.name, S["result"])]
    rows = [
        ver,
        [_p("审核状态", S["cell"]), _p(_review_status_text(review), S["cell"]), "", ""],
        [_p("省级意见", S["cell"]), _p(review.comment or ("（尚未作出审核结论）" if review.status == "pending" else "（无）"),
                                     S["cell"]), "", ""],
    ]
    extra = [("SPAN", (1, 2), (3, 2)), ("SPAN", (1, 3), (3, 3)), ("BACKGROUND", (1, 2), (3, 3), colors.white),
             ("LINEABOVE", (0, 1), (-1, 1), 0.9, colors.black)]
    return rows, extra


def _review_section(review, verified: Score | None, score: Score, answers, S, latin) -> list:
    """省级审核意见: every point with a verdict, the county's answer beside the province's."""
    cat = score.catalog
    out: list = []
    counts = {k: sum(1 for v in review.points.values() if v.verdict == k) for k in VERDICT_ZH}
    if not review.points:
        out.append(_p("省级尚未对各得分点给出审核意见。", S["plain"]))
        return out
    text = (f"省级审核对 {len(review.points)} 个得分点给出了意见：" +
            "、".join(f"{VERDICT_ZH[k]} {n} 个" for k, n in counts.items()) +
            "；未列出的得分点视为认可。")
    if review.open_issues:
        text += ("审核结论为“问题”的得分点须修改后重新上报：" +
                 "、".join(f"（{n}）" for n in review.open_issues) + "。")
    out.append(_p(text, S["plain"]))
    out.append(Spacer(1, 1.5 * mm))
    rows = [[_p(h, S["cell_head"]) for h in ("得分点", "得分点 / 县级作答", "审核结论", "审核意见")]]
    extra = []
    for n, v in sorted(review.points.items()):
        pt = cat.points[n]
        mine = answers.get(n)
        label = pdf_text.para_markup(
            pdf_fonts.markup(pt.label) + '<br/><font size="7.5" color="#444444">' +
            pdf_fonts.markup(f"县级作答：{_answer_text(pt, mine)}；自评得分 {fmt(score.points[n])} / {fmt(pt.max)}") +
            "</font>", S["cell"])
        verdict = pdf_fonts.markup(VERDICT_ZH[v.verdict], bold=True)
        if v.verdict == "adjust":
            got = f"{fmt(verified.points[n])} / {fmt(pt.max)}" if verified is not None else "—"
            verdict += "<br/>" + pdf_fonts.markup(f"核定答案：{_answer_text(pt, v.value)}") + \
                       '<br/><font size="7.5" color="#444444">' + pdf_fonts.markup(f"核定得分 {got}") + "</font>"
        rows.append([f"({n})", label, pdf_text.para_markup(verdict, S["cell"]), _p(v.comment or "—", S["cell"])])
        if v.verdict == "issue":  # marked without colour: grey and a heavier outline
            extra += [("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), PRIMARY_GREY),
                      ("BOX", (0, len(rows) - 1), (-1, len(rows) - 1), 1.2, colors.black)]
    out.append(_grid(rows, [14 * mm, 62 * mm, 36 * mm, FRAME_W - 112 * mm], split_rows=True, extra=[
        ("FONTNAME", (0, 1), (0, -1), latin), ("FONTSIZE", (0, 1), (0, -1), 8.5),
        ("VALIGN", (0, 1), (-1, -1), "TOP"), *extra]))
    total = f"自评总分 {one_decimal(score.total)} 分"
    if verified is not None:
        total += f"，核定总分 {one_decimal(verified.total)} 分"
    out.append(_p(f"{total}（满分 {fmt(score.max)} 分）。", S["small"]))
    return out


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
class _Heading(pdf_text.Para):
    """A heading that the table of contents lists (level 1 or 2)."""

    def __init__(self, text: str, style, level: int, key: str):
        super().__init__(pdf_fonts.markup(text), style)
        self.toc = (level, text, key)


class _ReportDoc(BaseDocTemplate):
    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.toc_pages: dict[str, int] = {}

    def afterFlowable(self, flowable):  # noqa: N802 (reportlab's name)
        toc = getattr(flowable, "toc", None)
        if toc:
            self.toc_pages.setdefault(toc[2], self.page)


def _body_frame() -> Frame:
    return Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)


def _layout(path: Path, make_story, *, title: str, author: str, subject: str, footer: str, header: str) -> Path:
    """Lay out a story whose table of contents needs the pages it lands on: until the pages stop moving.

    make_story(pages, dry) -> the story, with the pages of the previous pass; dry
    for the first pass, which only learns the pages (it writes nothing, so the
    story may put blanks of the same size for its charts); each later pass
    writes the file with the page total and contents of the pass before, and
    the last one is kept when nothing moved."""
    with fileio.atomic_write(path) as tmp:
        pages: dict[str, int] = {}
        total: int | None = None  # pages of the previous pass; the first pass learns it
        for _ in range(4):
            shown: list[int] = []
            doc = _report_doc(tmp, title, author, subject)
            dry = total is None
            doc.build(_trim(make_story(pages, dry)),
                      canvasmaker=_canvas_class(footer, header, total or 0, shown, dry=dry))
            if total is not None and doc.toc_pages == pages and shown == [total]:
                break
            pages = dict(doc.toc_pages)
            total = shown[0] if shown else 0
        else:  # the pages kept moving: a last pass that holds its pages, so the page count printed is exact
            doc = _report_doc(tmp, title, author, subject)
            doc.build(_trim(make_story(pages)), canvasmaker=_canvas_class(footer, header))
    return Path(path)


def _report_doc(tmp, title: str, author: str, subject: str) -> _ReportDoc:
    doc = _ReportDoc(
        str(tmp), pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=title, author=author, subject=subject, creator=f"{APP} {__version__}",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[_body_frame()])])
    return doc


def _trim(story: list) -> list:
    """No page break or space at the end: they would only make a blank page."""
    while story and isinstance(story[-1], (Spacer, PageBreak, CondPageBreak)):
        story.pop()
    return story


def _toc(entries: list[tuple[int, str, str]], pages: dict[str, int], S) -> _RowsTable:
    """The table of contents: one row per heading, the page from the previous layout pass."""
    latin = pdf_fonts.register()[1]
    style = TableStyle([
        ("FONTNAME", (1, 0), (1, -1), latin), ("FONTSIZE", (1, 0), (1, -1), 10),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, LINE_GREY, None, (1, 2)),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ])

    def row(entry: tuple[int, str, str]) -> list:
        level, text, key = entry
        return [_p(text, S["toc1" if level == 1 else "toc2"]), str(pages.get(key, ""))]

    def table(rows: list, heights: list) -> Table:
        t = Table(rows, colWidths=[FRAME_W - 20 * mm, 20 * mm], rowHeights=heights)
        t.setStyle(style)
        return t

    return _RowsTable(entries, row, table)


def _table1(cat, S) -> Table:
    """Table 1 of the report: primary / secondary / tertiary indicators with their maxima, spans as in the seed."""
    latin = pdf_fonts.register()[1]
    head = [_p(h, S["cell_head"]) for h in ("一级指标", "分值", "二级指标", "分值", "三级指标", "分值")]
    rows, spans = [head], []
    for p in cat.primary.values():
        p_first = len(rows)
        for s_no in p.children:
            s = cat.secondary[s_no]
            s_first = len(rows)
            for t_no in s.children:
                t = cat.tertiary[t_no]
                first_p, first_s = len(rows) == p_first, len(rows) == s_first
                rows.append([
                    _p(f"{p.number}. {p.name}", S["cell"]) if first_p else "", fmt(p.max) if first_p else "",
                    _p(f"{s.number}. {s.name}", S["cell"]) if first_s else "", fmt(s.max) if first_s else "",
                    _p(f"{t.number}. {t.table1_name or t.name}", S["cell_small"]), fmt(t.max),
                ])
            if len(rows) - 1 > s_first:
                spans += [("SPAN", (2, s_first), (2, len(rows) - 1)), ("SPAN", (3, s_first), (3, len(rows) - 1))]
        if len(rows) - 1 > p_first:
            spans += [("SPAN", (0, p_first), (0, len(rows) - 1)), ("SPAN", (1, p_first), (1, len(rows) - 1))]
    rows.append([_p("合计", S["cell"]), fmt(cat.total_max), "", "", "", ""])
    w = [30 * mm, 11 * mm, 44 * mm, 11 * mm, FRAME_W - 107 * mm, 11 * mm]
    return _grid(rows, w, extra=[*spans, ("FONTNAME", (1, 1), (1, -1), latin), ("FONTNAME", (3, 1), (3, -1), latin),
                                 ("FONTNAME", (5, 1), (5, -1), latin), ("FONTSIZE", (1, 1), (-1, -1), 8.5),
                                 ("ALIGN", (1, 0), (1, -1), "CENTER"), ("ALIGN", (3, 0), (3, -1), "CENTER"),
                                 ("ALIGN", (5, 0), (5, -1), "CENTER"), ("VALIGN", (0, 1), (-1, -1), "MIDDLE")])


def _appendix1(cat, S) -> Table:
    """Appendix 1: every tertiary indicator with the rules of its points."""
    latin = pdf_fonts.register()[1]
    rows = [[_p(h, S["cell_head"]) for h in ("序号", "考核要点", "指标说明")]]
    for t in cat.tertiary.values():
        rules = "<br/>".join(pdf_fonts.markup(f"({n}) {cat.points[n].rule}") for n in t.children)
        rows.append([str(t.number), _p(t.name, S["cell"]), pdf_text.para_markup(rules, S["cell"])])
    return _grid(rows, [11 * mm, 52 * mm, FRAME_W - 63 * mm],
                 extra=[("FONTNAME", (0, 1), (0, -1), latin), ("ALIGN", (0, 0), (0, -1), "CENTER"),
                        ("VALIGN", (0, 1), (-1, -1), "TOP")])


def _system_figure(cat, width: float) -> pdf_charts.Drawing:
    """Figure 1: the indicator system as a tree of primary and secondary indicators."""
    return pdf_charts.tree_chart(
        cat.title.split("（")[0],
        [(f"{prose_name(p)}（{fmt(p.max)}分）",
          [f"{cat.secondary[s].name.split('，')[-1]}（{fmt(cat.secondary[s].max)}分）" for s in p.children])
         for p in cat.primary.values()], width)


def _previous_scores(store, year: int) -> dict[str, ScoreTotals]:
    """region -> the previous year's totals on the same basis as the ranking (核定 where approved)."""
    return {r.region: r.score for r in rank_regions(store, year - 1, include_drafts=True, keep=ScoreTotals.of)}


def _row_score(store, row: RankRow) -> Score:
    """The whole score a ranking row stands for: the verified one where the row's basis is 核定."""
    if row.basis == "verified":
        score = verified_score(store, row.assessment_id)
        if score is not None:
            return score
    return store.score(row.assessment_id)


def _toc_heading(text: str, level: int, key: str) -> list:
    """A heading of the province report that the table of contents lists, with its conditional page break."""
    style = pdf_text.styles()["h1" if level == 1 else "h2"]
    room = pdf_text.MIN_AFTER_HEADING * (1.5 if level == 1 else 1)  # a level-1 heading is often followed by a level-2
    return pdf_text.heading(text, style, _Heading(text, style, level, key), room)


def province_pdf(store, year: int, path: str | Path, order: str | None = None) -> Path:
    """Write the province report for a year, in seed 004's structure.

    Cover (issuer, date), 摘要, 目录, the indicator system (Table 1, figure 1), the overview with the bar chart
    (figure 2) and the grouping sentence, one section per region (narrative from its notes, chart, paragraph,
    change since the previous year), 问题分析与对策建议, Appendix 1.  order: "catalogue" (the region list's
    order) or "rank"; None takes the year's setting (core.report_meta).
    """
    from ..core.report_meta import ORDERS, report_meta
    from .commentary import change_since, chapter4, narrative, variant_for

    path = fileio.check_output_path(path)
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise BadInput(f"year must be a whole year such as 2021, got {year!r}") from None
    # the rows keep the totals only (a whole Score is some 13 KB): a region is scored again where its detail is needed
    all_rows = rank_regions(store, year, with_excluded=True, keep=ScoreTotals.of)
    rows = [r for r in all_rows if r.rank is not None]  # submitted and complete: ranked
    drafts_ranked = not rows
    if drafts_ranked:  # nothing submitted yet: rank the drafts rather than report nothing
        all_rows = rows = rank_regions(store, year, include_drafts=True, keep=ScoreTotals.of)
    if not rows:
        years = store.years()
        known = f"years with assessments: {', '.join(map(str, years))}" if years else "the database has none"
        raise BadInput(f"no assessments for {year} in this database ({known}); nothing to report")
    meta = report_meta(store, year)
    order = order or meta.order
    if order not in ORDERS:
        raise BadInput(f"order must be one of {', '.join(ORDERS)}, got {order!r}")
    cats = {r.score.catalog.id for r in rows}
    cat = rows[0].score.catalog
    S = _styles()
    latin = pdf_fonts.register()[1]
    province = store.region("220000").name if store.region("220000") else "全省"
    if order == "catalogue":
        sort = {r.code: i for i, r in enumerate(store.regions())}
        sections = sorted(all_rows, key=lambda r: (sort.get(r.region, 10 ** 6), r.region))
    else:
        sections = list(all_rows)
    previous = _previous_scores(store, year)
    schemes = {r.region: r.score.catalog.id for r in all_rows}
    # a region scored by another scheme a year before: its totals are not comparable, so no change is written
    previous = {k: v for k, v in previous.items() if schemes.get(k) == v.catalog.id}
    prev_totals = {k: v.total for k, v in previous.items()}
    same_cat = [r for r in rows if r.score.catalog.id == cat.id]
    ch4 = chapter4((_row_score(store, r) for r in same_cat), province, meta.notes)
    title = f"{province}知识产权保护水平评估报告"
    n_fig0 = 2  # figure 1: the indicator system; figure 2: the totals

    def build_story(pages: dict[str, int], dry: bool = False) -> list:
        story: list = []
        toc: list[tuple[int, str, str]] = []

        def h(text: str, level: int, key: str):
            toc.append((level, text, key))
            return _toc_heading(text, level, key)

        # cover
        story.append(Spacer(1, 55 * mm))
        story.append(_p(title, S["cover_title"]))
        story.append(Spacer(1, 8 * mm))
        story.append(_p(f"（{year}年度）", S["cover"]))
        story.append(Spacer(1, 85 * mm))
        story.append(_p(meta.issuer, S["cover"]))
        story.append(_p(meta.date, S["cover"]))
        story.append(PageBreak())

        # 摘要 and 目录
        story += h("摘要", 1, "abstract")
        story.append(_p(_abstract(rows, cat, province, year, ch4), S["body"]))
        story.append(Spacer(1, 8 * mm))
        story.append(_p("目　录", S["toc_title"]))
        story.append(_TOC_PLACEHOLDER)
        story.append(PageBreak())

        # 一、指标体系
        story += h(f"一、{province}知识产权保护水平指标体系", 1, "system")
        story += h("（一）指标体系及说明", 2, "system-1")
        n = (len(cat.primary), len(cat.secondary), len(cat.tertiary), len(cat.points))
        story.append(_p(
            f"{cat.title}包括{n[0]}项一级指标、{n[1]}项二级指标以及{n[2]}项三级指标，共{n[3]}个考核要点，满分"
            f"{fmt(cat.total_max)}分。其中一级指标包括：{'、'.join(p.name for p in cat.primary.values())}；"
            f"二级指标包括：{'；'.join(s.name for s in cat.secondary.values())}。总体评价指标体系见图 1，"
            f"各指标考核要点及说明详见附录 1。", S["body"]))
        story.append(KeepTogether([_system_figure(cat, FRAME_W),
                                   _p("图 1　" + cat.title.split("（")[0] + "评估指标体系", S["caption"])]))
        story += h("（二）指标打分情况", 2, "system-2")
        story.append(_p("各级指标分值见表 1。", S["body"]))
        story.append(_p("表 1　各级指标名称及分值", S["caption"]))
        story.append(_table1(cat, S))
        _grade_and_notes = [_grade_note(rows[0].score)]
        if len(cats) > 1:
            _grade_and_notes.append(f"注意：本年度评估使用了不同的指标体系（{'、'.join(sorted(cats))}），总分不能直接比较："
                                      "排名按得分率（总分 ÷ 满分）比较，同分按各方案同分比较指标的得分率。")
        story.append(PageBreak())

        # 二、各地区评估
        story += h(f"二、{province}各地区知识产权保护水平评估", 1, "regions")
        overview = province_overview(rows, previous=prev_totals or None)
        story.append(_p(f"根据{cat.title}的评分标准，综合得到{year}年度各地区知识产权保护水平得分情况"
                        f"（见图 {n_fig0} 和表 2）。{overview}", S["body"]))
        caption = f"图 {n_fig0}　{province}各地区知识产权保护水平得分情况"
        if len(rows) <= VERTICAL_BARS_UP_TO:
            chart = pdf_charts.bar_chart([r.region_short for r in sections], [r.total for r in sections],
                                         FRAME_W, 200, cat.total_max, "得分")
            story.append(KeepTogether([chart, _p(caption, S["caption"])]))
        else:
            size = -(-len(rows) // -(-len(rows) // HBAR_ROWS_PER_CHART))
            n_parts = -(-len(rows) // size)

            def hbar(k: int) -> list:
                part = rows[(k - 1) * size:k * size]
                chart = pdf_charts.hbar_chart([r.region_short for r in part], [r.total for r in part], FRAME_W,
                                              cat.total_max, x_label="得分")
                suffix = f"（{k}/{n_parts}）" if n_parts > 1 else ""
                return [KeepTogether([chart, _p(caption + suffix, S["caption"])])]

            for k in range(1, n_parts + 1):  # a chart of 55 bars is made when the layout reaches it
                story.append(_Later(lambda k=k: hbar(k)))
        story.append(_ranking_table(all_rows, cat, previous, S, latin))
        bases = {r.basis for r in all_rows}
        _grade_and_notes.insert(0, "“得分”列：核定 = 省级审核通过的核定分，自评 = 地区自评分" + (
            "；各地区均为自评分。" if bases == {"self"} else "。"))
        if drafts_ranked:
            _grade_and_notes.insert(1, "本年度尚无已提交且全部作答的评估，排名包括草稿。")
        elif len(all_rows) > len(rows):
            _grade_and_notes.insert(1, "草稿和未全部作答的评估列在表末，不参与排名和全省统计。")
        for note in _grade_and_notes + (["* 一票否决项未得分，不列入" + "、".join(cat.veto_excludes) + "等次。"]
                                        if any(r.vetoed for r in rows) else []):
            story.append(_p(note, S["small"]))

        def region_section(i: int, r) -> list:
            section = _toc_heading(f"{i}. {r.region_short}知识产权保护水平评估", 2, f"region-{r.region}")
            fig = n_fig0 + i
            name = r.region_short
            v = variant_for(name) + i
            story = section
            score = _row_score(store, r)
            story_text = narrative(store.notes(r.assessment_id), score.catalog, name, v)
            if story_text:
                story.append(_p(story_text, S["body"]))
            c = region_commentary(score, name, variant=v)
            text = f"{name}知识产权保护水平各考核内容评估情况见图 {fig}。{c.text}"
            if r.region in previous:
                text += change_since(score, previous[r.region], name, v)
            story.append(_p(text, S["body"]))
            if r.rank is None or drafts_ranked and r.remark:
                story.append(_p(f"注：该评估为{r.remark or '草稿'}，" + ("未参与排名。" if r.rank is None else "排名仅供参考。"),
                                S["small"]))
            basis = f"（{r.basis_label}分）"
            radars = _Blank(FRAME_W, SECTION_RADAR_H) if dry else _radars(score, height=SECTION_RADAR_H)
            story.append(KeepTogether([radars,
                                       _p(f"图 {fig}　{name}知识产权保护水平各考核内容评估情况{basis}",
                                          S["caption"])]))
            return section

        for i, r in enumerate(sections, start=1):
            # each region's section (its heading included) is made only when the layout reaches it, and freed
            # once drawn; the table of contents has its entry now
            toc.append((2, f"{i}. {r.region_short}知识产权保护水平评估", f"region-{r.region}"))
            story.append(_Later(lambda i=i, r=r: region_section(i, r)))

        # 三、问题分析与对策建议
        story.append(PageBreak())
        story += h(f"三、{province}知识产权保护工作的问题分析与对策建议", 1, "chapter4")
        story += h("（一）问题分析", 2, "problems")
        story.append(_p(ch4.problem_intro, S["body"]))
        for head, body in ch4.problems:
            story.append(_lead_para(head, body, S))
        story += h("（二）对策建议", 2, "advice")
        story.append(_p(ch4.advice_intro, S["body"]))
        for head, body in ch4.advice:
            story.append(_lead_para(head, body, S))

        # 附录 1
        story.append(PageBreak())
        story += h(f"附录 1：{cat.title.split('（')[0]}考核要点及说明", 1, "appendix1")
        story.append(_appendix1(cat, S))

        k = story.index(_TOC_PLACEHOLDER)
        story[k] = _toc(toc, pages, S)
        return story

    return _layout(path, build_story, title=f"{title}（{year}年度）", author=meta.issuer,
                   subject=f"{year} {len(rows)} regions",
                   footer=f"{meta.issuer}　·　指标体系 {'、'.join(sorted(cats))}　·　{APP} {__version__}",
                   header=f"{title}（{year}年度）")


_TOC_PLACEHOLDER = Spacer(1, 0)


class _Start(ActionFlowable):
    """Does nothing; heads the flowables a _Later makes, so that the document lays them out one by one."""

    def apply(self, doc):
        pass


class _Later(Flowable):
    """Flowables made only when the layout reaches this place (a region's section with its two radar charts).

    It never fits, so the frame asks it to split; the split makes the
    flowables and puts them in its place.  The story of 2,800 regions thus
    never holds every chart at once."""

    def __init__(self, make):
        super().__init__()
        self._make = make

    def wrap(self, avail_width, avail_height):
        return avail_width, avail_height + 1

    def split(self, avail_width, avail_height):
        return [_Start(), *self._make()]

    def draw(self):
        pass


class _Rows:
    """What the parts of one long table share: its rows, how to make their cells, and, as the layout goes,
    the heights measured and the cells of the rows made but not yet laid out."""

    def __init__(self, rows, cells, table, head_rows: int):
        if head_rows not in (0, 1):
            raise ValueError("a header of one row or none")
        self.rows, self.cells, self.table, self.head_rows = rows, cells, table, head_rows
        self.head = cells(None) if head_rows else None  # shared by every part, as Table's repeated rows
        self.heights: dict[int, float] = {}  # row -> height (-1: the header)
        self.made: dict[int, list] = {}

    def part(self, start: int, end: int) -> Table:
        """The Table of the header and rows start..end."""
        data, heights = ([self.head], [self.heights.get(-1)]) if self.head_rows else ([], [])
        for i in range(start, end):
            cells = self.made.get(i)
            if cells is None:
                cells = self.made[i] = self.cells(self.rows[i])
            data.append(cells)
            heights.append(self.heights.get(i))
        return self.table(data, heights)

    def measured(self, t: Table, start: int) -> None:
        """Note the heights of a part's rows (t was wrapped)."""
        hs = t._rowHeights
        if self.head_rows:
            self.heights[-1], hs = hs[0], hs[1:]
        for i, h in enumerate(hs, start=start):
            self.heights[i] = h

    def laid_out(self, end: int) -> None:
        """Rows before `end` are in a part drawn: their cells are no longer needed here."""
        for i in [i for i in self.made if i < end]:
            del self.made[i]


class _Blank(Flowable):
    """Room of a given size with nothing drawn (a chart in a layout pass)."""

    def __init__(self, width: float, height: float):
        super().__init__()
        self.width, self.height = width, height

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        pass


class _RowsTable(Flowable):
    """A long table whose cells are made a page at a time: it lays out as one Table of every row would.

    rows: the rows' data (kept as given); cells(row) -> a row's cells, cells(None) -> the header row's;
    table(cell_rows, heights) -> the Table of those rows with those row heights (None where not known),
    the header first (repeated at the top of each page, as Table's repeatRows).  To lay out, it makes a
    Table of the header and the next rows, enough to fill the space, and splits it where the whole table
    would split; the rest stays a _RowsTable.  A row's cells are made and measured once.  So a table of
    2,800 rows never holds more than a page or two of cells."""

    CHUNK = 64  # rows made at a time at first: more than a page holds

    def __init__(self, rows, cells=None, table=None, head_rows: int = 0, *, start: int = 0, chunk: int = CHUNK,
                 continued: bool = False):
        super().__init__()
        self.shared = rows if isinstance(rows, _Rows) else _Rows(rows, cells, table, head_rows)
        self.start = start
        self.chunk = max(8, chunk)
        self.continued = continued  # the rest of a table split at a page break
        self.hAlign = "CENTER"  # as Table
        self._whole = self._first = None

    def _part(self, start: int, end: int) -> Table:
        shared = self.shared
        t = shared.part(start, end)
        if self.continued and start == self.start:
            # as Table.split draws the rest of a table: a line below the rows, or an inner grid, that crosses
            # the break is drawn above the first row continued too (a grid draws that line itself, and so
            # does an inner grid under a header)
            first, n = shared.head_rows, len(t._cellvalues)
            ops = ("LINEBELOW",) if first else ("LINEBELOW", "INNERGRID")
            lines = []
            for op, (sc, sr), (ec, er), *rest in t._linecmds:
                if op in ops and isinstance(sr, int) and isinstance(er, int) \
                        and (sr + n if sr < 0 else sr) <= first <= (er + n if er < 0 else er):
                    lines.append(("LINEABOVE", (sc, first), (ec, first), *rest))
            t.setStyle(lines)
        return t

    def _wrapped(self, start: int, end: int, avail_width, avail_height) -> tuple[Table, float]:
        t = self._part(start, end)
        _, h = t.wrapOn(self.canv, avail_width, avail_height)
        self.shared.measured(t, start)
        return t, h

    def _fill(self, avail_width, avail_height) -> tuple[Table, int, float]:
        """A Table of the header and the next rows, more than fill the height or all that are left."""
        n = len(self.shared.rows)
        end = min(n, self.start + self.chunk)
        while True:
            t, h = self._wrapped(self.start, end, avail_width, avail_height)
            if h > avail_height or end == n:
                return t, end, h
            end = min(n, self.start + 2 * (end - self.start))

    def wrap(self, avail_width, avail_height):
        """The height of the rows left, or, once past the space given or past a page (no frame is taller), a
        height that says only that they do not fit."""
        self._whole = self._first = None
        shared = self.shared
        n = len(shared.rows)
        if self.start >= n and not shared.head_rows:
            self._size = avail_width, 0
            return self._size
        limit = min(avail_height, PAGE_H)
        t, end, height = self._fill(avail_width, limit)
        width = t._width
        self._first = (avail_width, limit, t, end, height)  # what split would make first
        if end == n and height <= limit:
            self._whole = t
        i = end
        while height <= limit and i < n:  # all rows so far fit in a very tall space: measure the rest
            end = min(n, i + self.CHUNK)
            t, _ = self._wrapped(i, end, avail_width, avail_height)
            height += sum(t._rowHeights[shared.head_rows:])  # the header is counted once
            i = end
        self._size = width, height
        return width, height

    def split(self, avail_width, avail_height):
        first = self._first
        if first is not None and first[:2] == (avail_width, avail_height) and first[4] > avail_height:
            t, h = first[2], first[4]
        else:
            t, _, h = self._fill(avail_width, avail_height)
        self._first = None
        if h <= avail_height:
            return [t]
        parts = t.splitOn(self.canv, avail_width, avail_height)
        if len(parts) < 2:
            return parts
        used = len(parts[0]._cellvalues) - self.shared.head_rows
        self.shared.laid_out(self.start + used)
        return [parts[0], _RowsTable(self.shared, start=self.start + used, chunk=used + 8, continued=True)]

    def draw(self):
        shared = self.shared
        if self.start >= len(shared.rows) and not shared.head_rows:
            return
        whole = self._whole
        if whole is None:  # only when the frame held more than one chunk of rows
            whole = self._part(self.start, len(shared.rows))
            whole.wrapOn(self.canv, *self._size)
        whole.drawOn(self.canv, 0, 0)


def _lead_para(head: str, body: str, S) -> Paragraph:
    """"一是……。" followed by its paragraph, as the report sets them."""
    return pdf_text.para_markup(pdf_fonts.markup(head) + pdf_fonts.markup(body), S["body"])


def _ranking_table(rows, cat, previous, S, latin) -> KeepTogether:
    """Table 2: every region's rank, total, grade and primary indicators (rows made a page at a time)."""
    prim = list(cat.primary.values())
    head = ["排名", "地区", "总分", "得分", "等级"] + [f"{prose_name(p)}（{fmt(p.max)}）" for p in prim]
    if previous:
        head.append("较上年")

    def row(r) -> list:
        if r is None:
            return [_p(h, S["cell_head"]) for h in head]
        grade = r.grade + ("*" if r.vetoed else "")
        name = r.region_short + (f"（{r.remark}）" if r.remark else "")
        cells = [str(r.rank) if r.rank is not None else "—", _p(name, S["cell"]), one_decimal(r.total),
                 _p(r.basis_label, S["cell"]), _p(grade, S["cell"])]
        cells += [one_decimal(r.score.primary.get(p.number, Decimal(0))) for p in prim]
        if previous:
            prev = previous.get(r.region)
            cells.append("—" if prev is None else f"{'+' if r.total >= prev.total else ''}{one_decimal(r.total - prev.total)}")
        return cells

    n_p = len(prim) + (1 if previous else 0)
    fixed = 11 * mm + 28 * mm + 14 * mm + 11 * mm + 13 * mm
    widths = [11 * mm, 28 * mm, 14 * mm, 11 * mm, 13 * mm] + [(FRAME_W - fixed) / n_p] * n_p
    extra = [("FONTNAME", (0, 1), (0, -1), latin), ("FONTNAME", (2, 1), (2, -1), latin),
             ("FONTNAME", (5, 1), (-1, -1), latin), ("FONTSIZE", (0, 1), (-1, -1), 8.5),
             ("ALIGN", (0, 1), (0, -1), "CENTER"), ("ALIGN", (2, 1), (-1, -1), "RIGHT")]
    grid = _RowsTable(rows, row, lambda data, heights: _grid(data, widths, extra=extra, heights=heights),
                      head_rows=1)
    return KeepTogether([_p("表 2　各地区知识产权保护水平得分及排名", S["caption"]), grid])


def _abstract(rows, cat, province: str, year: int, ch4) -> str:
    """摘要: totals, grade groups, the strongest and weakest areas province-wide."""
    from .commentary import area_name

    n = len(rows)
    mean = sum((r.total for r in rows), Decimal(0)) / n
    top, last = rows[0], rows[-1]
    groups = []
    for g in cat.grades:
        k = sum(1 for r in rows if r.grade == g.name)
        if k:
            groups.append(f"“{g.name}”{k}个")
    same = [r.score for r in rows if r.score.catalog.id == cat.id]
    rates = {p: sum((s.rate("primary", p) for s in same), Decimal(0)) / len(same) for p in cat.primary}
    best = max(rates, key=lambda p: (rates[p], -p))
    worst = min(rates, key=lambda p: (rates[p], p))
    s = (f"本报告依据{cat.title}，对{province}{n}个地区{year}年度的知识产权保护工作进行了评估。"
         f"各地区平均得分{one_decimal(mean)}分，{top.region_short}得分最高（{one_decimal(top.total)}分），"
         f"{last.region_short}得分最低（{one_decimal(last.total)}分）；按本工具的默认等级划分，"
         f"{'、'.join(groups)}。从各考核内容看，{area_name(cat, best)}方面全省平均得分率最高"
         f"（{one_decimal(rates[best])}%），{area_name(cat, worst)}方面最低（{one_decimal(rates[worst])}%）。")
    heads = [h.rstrip("。") for h, _ in ch4.problems if h]
    if heads:
        s += "评估发现的主要问题：" + "；".join(heads) + "。本报告据此提出了对策建议。"
    return s
