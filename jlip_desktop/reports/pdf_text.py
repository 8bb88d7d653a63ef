"""Paragraph styles and Chinese line breaking for every PDF.

reportlab's wordWrap="CJK" breaks a line at any character and knows only a
few characters that may not start a line (not "，", "；", "：", "”", "》"…),
and nothing about characters that may not end one.  `Para` breaks lines
itself by the usual rules (禁则):

* no line starts with closing punctuation: 、，。；：？！）》」』”’ and the like;
* no line ends with opening punctuation: （《「『“‘ and the like;
* a run of Latin letters and digits ("82.4", "2021", "SHA-256") is not cut
  when a break point exists within reach.

When no allowed break point exists on the line (a line of nothing but
punctuation, a hash longer than the column), the closing mark hangs past the
margin, as reportlab does, or the run is cut where it must be.

Headings keep with what follows: `heading()` puts a conditional page break
before each, so a heading starts a new page unless there is room under it for
some of what follows (`keepWithNext` would move a heading and a long table
together to the next page, leaving the rest of the page empty).  Every PDF
takes its styles from `styles()`, its paragraphs from `para()` and its
headings from `heading()`.
"""

from __future__ import annotations

from array import array
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Paragraph
from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine
from reportlab.rl_config import _FUZZ

from . import pdf_fonts

CANNOT_START = set("、，。；：？！）》」』”’〕】〉｝］…—·．,.;:?!)]}%％‰°℃") | {"\u2019", "\u201d"}
CANNOT_END = set("（《「『“‘〔【〈｛［([{") | {"\u2018", "\u201c"}
LATIN_WORD = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-_/+%")
MAX_WORD_BACKOFF = 16  # characters a Latin run may move to the next line whole
GREY = colors.Color(0.45, 0.45, 0.45)


def break_ok(prev: str, nxt: str, words: bool = True) -> bool:
    """May a line end after `prev` and the next begin with `nxt`?"""
    if nxt in CANNOT_START or prev in CANNOT_END:
        return False
    if words and prev in LATIN_WORD and nxt in LATIN_WORD and prev not in "/" and nxt != "/":
        return False
    return True


def _break_at(chars: list[str], start: int, b: int) -> int:
    """Where to break a line that overflows before index b (start < b <= len)."""
    if b >= len(chars):
        return b
    for words in (True, False):
        k = b
        floor = max(start + 1, b - MAX_WORD_BACKOFF) if words else start + 1
        while k > floor and not break_ok(chars[k - 1], chars[k], words):
            k -= 1
        if break_ok(chars[k - 1], chars[k], words):
            return k
    # nothing allowed on this line: let closing marks hang (at most two)
    k = b
    while k < len(chars) and k < b + 2 and chars[k] in CANNOT_START:
        k += 1
    return k


class _Unit(str):
    """One character of a line with its frag, as reportlab's cjkU (made only for the line being set)."""

    frag = property(lambda self: self._frag)


def split_lines(frags, max_widths, calc_bounds, encoding="utf8") -> ParaLines:
    """reportlab's cjkFragSplit with the rules above.

    Each character's width and frag are kept in arrays, and the per-character
    objects makeCJKParaLine wants are made one line at a time: a paragraph
    of 40,000 characters (the overview of 2,800 regions) then takes about
    1 MB while it is broken instead of some 10 MB."""
    if any(hasattr(f, "cbDefn") for f in frags):
        return _split_units(frags, max_widths, calc_bounds, encoding)
    texts, frag_at, widths, empty = [], array("I"), array("d"), set()
    measured: dict[tuple, dict[str, float]] = {}  # (font, size) -> character -> width
    for k, f in enumerate(frags):
        text = f.text
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if text:
            known = measured.setdefault((f.fontName, f.fontSize), {})
            for t in text:
                w = known.get(t)
                if w is None:
                    w = known[t] = stringWidth(t, f.fontName, f.fontSize)
                widths.append(w)
            frag_at.extend([k] * len(text))
            texts.append(text)
        else:
            empty.add(len(widths))
            widths.append(stringWidth(text, f.fontName, f.fontSize))
            frag_at.append(k)
            texts.append("\u200b")
    chars = "".join(texts)
    del texts
    breaks = [hasattr(f, "lineBreak") for f in frags]

    def units(a: int, b: int) -> list[_Unit]:
        out = []
        for k in range(a, b):
            u = _Unit("" if k in empty else chars[k])
            u._frag = frags[frag_at[k]]
            out.append(u)
        return out

    return _fill_lines(chars, max_widths, calc_bounds, width=lambda k, _max_w: widths[k],
                       forced=lambda k: breaks[frag_at[k]], line_units=units)


def _fill_lines(chars, max_widths, calc_bounds, *, width, forced, line_units) -> ParaLines:
    """The lines of a paragraph of len(chars) characters: as many as fit, broken by _break_at.

    width(k, max_w): character k's width on a line max_w wide; forced(k): a line ends after k (<br/>);
    line_units(a, b): the per-character objects of characters a..b-1 for makeCJKParaLine."""
    lines = []
    n = len(chars)
    start = i = 0
    used = 0.0
    max_w = max_widths[0]

    def next_width():
        try:
            return max_widths[len(lines)]
        except IndexError:
            return max_widths[-1]

    def line(a: int, b: int, line_w: float, last: bool) -> None:
        lines.append(makeCJKParaLine(line_units(a, b), max_w, line_w, max_w - line_w, last, calc_bounds))

    while i < n:
        w = width(i, max_w)
        if forced(i):
            used += w
            i += 1
            line(start, i, used, True)
            start, used = i, 0.0
            max_w = next_width()
            continue
        if used + w > max_w + _FUZZ and i > start:
            b = _break_at(chars, start, i)
            line(start, b, sum(width(k, max_w) for k in range(start, b)), False)
            start = i = b
            used = 0.0
            max_w = next_width()
            continue
        used += w
        i += 1
    if start < n:
        line(start, n, sum(width(k, max_w) for k in range(start, n)), False)
    return ParaLines(kind=1, lines=lines)


def _split_units(frags, max_widths, calc_bounds, encoding="utf8") -> ParaLines:
    """split_lines for frags with images or the like (cbDefn): one reportlab cjkU per character."""
    units = []
    for f in frags:
        text = f.text
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if text:
            units.extend(cjkU(t, f, encoding) for t in text)
        else:
            units.append(cjkU(text, f, encoding))
    chars = [str(u) if len(u) == 1 else "\u200b" for u in units]

    def width(k: int, max_w: float) -> float:
        w = units[k].width
        if hasattr(w, "normalizedValue"):
            w._normalizer = max_w
            w = w.normalizedValue(max_w)
        return w

    return _fill_lines(chars, max_widths, calc_bounds, width=width,
                       forced=lambda k: hasattr(units[k].frag, "lineBreak"), line_units=lambda a, b: units[a:b])


class Para(Paragraph):
    """A Paragraph whose lines break by the Chinese rules (style.wordWrap must be "CJK")."""

    def breakLinesCJK(self, maxWidths):  # noqa: N802 (reportlab's name)
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        style = self.style
        self.height = 0
        frags = self.frags
        if not frags:
            return super().breakLinesCJK(maxWidths)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara
        auto = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        return split_lines(frags, maxWidths, auto not in ("", "off"))


def wrap_label(text: str, size: float, max_width: float, max_lines: int = 3) -> list[str]:
    """Break a short label (charts) into lines no wider than max_width, by the same rules."""
    lines: list[str] = []
    cur = ""
    i = 0
    while i < len(text):
        ch = text[i]
        if cur and pdf_fonts.width(cur + ch, size) > max_width:
            chars = list(cur + text[i:])
            b = _break_at(chars, 0, len(cur))
            lines.append("".join(chars[:b]))
            text = "".join(chars[b:])
            i, cur = 0, ""
            continue
        cur += ch
        i += 1
    if cur:
        lines.append(cur)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and pdf_fonts.width(last + "…", size) > max_width:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of every PDF."""
    cjk = pdf_fonts.register()[0]

    def st(name: str, size: float, leading: float | None = None, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=cjk, fontSize=size, leading=leading or size * 1.5,
                              wordWrap="CJK", **kw)

    return {
        "title": st("title", 18, 26, alignment=TA_CENTER, spaceAfter=4),
        "subtitle": st("subtitle", 10.5, 16, alignment=TA_CENTER, textColor=GREY, spaceAfter=8),
        "cover_title": st("cover_title", 24, 36, alignment=TA_CENTER),
        "cover": st("cover", 13, 24, alignment=TA_CENTER),
        "h1": st("h1", 14, 21, spaceBefore=10, spaceAfter=6),
        "h2": st("h2", 12, 18, spaceBefore=8, spaceAfter=4),
        "h3": st("h3", 10.5, 16, spaceBefore=4, spaceAfter=2),
        "toc_title": st("toc_title", 14, 21, alignment=TA_CENTER, spaceAfter=10),
        "toc1": st("toc1", 10.5, 18),
        "toc2": st("toc2", 10, 16, leftIndent=14),
        "body": st("body", 10, 17, firstLineIndent=20, spaceAfter=3),
        "plain": st("plain", 10, 16),
        "note_head": st("note_head", 9.5, 15, spaceBefore=4, keepWithNext=1),
        "note": st("note", 9.5, 15, leftIndent=10),
        "cell": st("cell", 8.5, 12),
        "cell_small": st("cell_small", 7.5, 10.5),
        "cell_head": st("cell_head", 8.5, 12),
        "caption": st("caption", 9, 13, alignment=TA_CENTER, spaceBefore=2, spaceAfter=8),
        "small": st("small", 8, 12, textColor=GREY),
        "result": st("result", 13, 20),
    }


def para(text: str, style: ParagraphStyle | str, bold: bool = False) -> Para:
    """A paragraph of plain text (escaped, fonts switched per run, Chinese line breaking)."""
    if isinstance(style, str):
        style = styles()[style]
    return Para(pdf_fonts.markup(text, bold), style)


def para_markup(markup: str, style: ParagraphStyle | str) -> Para:
    """A paragraph of ready markup (pdf_fonts.markup pieces with tags around them)."""
    if isinstance(style, str):
        style = styles()[style]
    return Para(markup, style)


MIN_AFTER_HEADING = 30 * mm  # room a heading needs below it for the start of what follows


def heading(text: str, style: ParagraphStyle | str = "h1", flowable: Paragraph | None = None,
            min_after: float = MIN_AFTER_HEADING) -> list:
    """A heading (or the given heading flowable) preceded by a break when the page has too little room left."""
    if isinstance(style, str):
        style = styles()[style]
    p = flowable if flowable is not None else para(text, style)
    return [CondPageBreak(style.spaceBefore + style.leading + style.spaceAfter + min_after), p]
