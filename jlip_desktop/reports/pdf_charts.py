"""Charts for the PDFs, drawn as reportlab vector graphics (no Qt, sharp in print).

The numbers come from chartdata (radar_series, ranking) only.  Everything
reads in black and white: the rate polygon is a grey fill with a solid black
outline and square markers, rings are thin grey lines with the 100 % ring
solid, bars are grey with black outlines and their value printed on top.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from reportlab.graphics.shapes import Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors

from ..core.chartdata import RadarAxis
from ..core.scoring import one_decimal
from . import pdf_fonts, pdf_text

RINGS = (20, 40, 60, 80, 100)  # percent
INK = colors.black
RING_GREY = colors.Color(0.55, 0.55, 0.55)
FILL_GREY = colors.Color(0.78, 0.78, 0.78)
BAR_GREY = colors.Color(0.62, 0.62, 0.62)
GRID_GREY = colors.Color(0.82, 0.82, 0.82)


def text_shapes(x: float, y: float, text: str, size: float, anchor: str = "start",
                bold: bool = False, color=INK) -> Group:
    """One line of mixed CJK/Latin text as String shapes (fonts switched per run)."""
    w = pdf_fonts.width(text, size, bold)
    if anchor == "middle":
        x -= w / 2
    elif anchor == "end":
        x -= w
    g = Group()
    for font, piece in pdf_fonts.runs(text, bold):
        s = String(x, y, piece, fontName=font, fontSize=size, fillColor=color)
        g.add(s)
        x += pdf_fonts.width(piece, size, bold)
    return g


def wrap(text: str, size: float, max_width: float, max_lines: int = 3) -> list[str]:
    """Break a label into lines no wider than max_width, by the Chinese line-breaking rules."""
    return pdf_text.wrap_label(text, size, max_width, max_lines)


def radar(axes: Sequence[RadarAxis], labels: Sequence[str], width: float, height: float, title: str = "",
          label_size: float = 7, label_room: float = 66) -> Drawing:
    """A radar of score rates (0..100 %): spokes, rings at 20..100 %, the rate polygon, labels.

    label_room is the width kept free beside the rings for the side labels;
    labels wrap to it (three lines at most) and carry the rate below the name.
    """
    n = len(axes)
    if n < 3:
        raise ValueError("a radar needs at least three axes")
    if len(labels) != n:
        raise ValueError("one label per axis")
    d = Drawing(width, height)
    title_h = 14 if title else 0
    lh = label_size + 1.5
    vert_room = lh * 3 + 8
    r = max(20.0, min((width - 2 * label_room) / 2, (height - title_h - 2 * vert_room) / 2))
    cx, cy = width / 2, (height - title_h) / 2

    def angle(i: int) -> float:
        return math.pi / 2 - 2 * math.pi * i / n  # first axis straight up, then clockwise

    def at(i: int, pct: float) -> tuple[float, float]:
        return cx + r * pct / 100 * math.cos(angle(i)), cy + r * pct / 100 * math.sin(angle(i))

    for ring in RINGS:
        pts = [c for i in range(n) for c in at(i, ring)]
        full = ring == 100
        d.add(Polygon(pts, fillColor=None, strokeColor=INK if full else RING_GREY,
                      strokeWidth=0.8 if full else 0.4, strokeDashArray=None if full else [2, 2]))
        (x0, y0), (x1, y1) = at(0, ring), at(1, ring)  # labelled between the first two spokes
        d.add(text_shapes((x0 + x1) / 2 + 1.5, (y0 + y1) / 2 + 1, f"{ring}%", 5, color=RING_GREY))
    for i in range(n):
        x, y = at(i, 100)
        d.add(Line(cx, cy, x, y, strokeColor=RING_GREY, strokeWidth=0.4))

    rates = [float(a.rate) for a in axes]
    d.add(Polygon([c for i, rate in enumerate(rates) for c in at(i, rate)],
                  fillColor=FILL_GREY, strokeColor=INK, strokeWidth=1.3))
    for i, rate in enumerate(rates):
        x, y = at(i, rate)
        d.add(Rect(x - 1.8, y - 1.8, 3.6, 3.6, fillColor=INK, strokeColor=INK, strokeWidth=0))

    for i, (a, name) in enumerate(zip(axes, labels, strict=True)):
        x, y = at(i, 100)
        dx, dy = math.cos(angle(i)), math.sin(angle(i))
        lx, ly = x + dx * 5, y + dy * 5
        middle = abs(dx) < 0.3
        anchor = "middle" if middle else ("start" if dx > 0 else "end")
        avail = min(2 * label_room, width - 4) if middle else min(label_room - 4, (width - 2 * r) / 2 - 8)
        lines = wrap(name, label_size, avail) + [f"{one_decimal(a.rate)}%"]
        block = lh * len(lines)
        if middle:
            top = ly + block if dy > 0 else ly - 1
        elif abs(dy) < 0.3:
            top = ly + block / 2
        else:
            top = ly + (block if dy > 0 else 0)
        for k, line in enumerate(lines):
            d.add(text_shapes(lx, top - lh * (k + 1) + 2, line, label_size, anchor))
    if title:
        d.add(text_shapes(width / 2, height - 11, title, 8.5, "middle"))
    return d


def bar_chart(labels: Sequence[str], values: Sequence[Decimal], width: float, height: float,
              maximum: Decimal, y_label: str = "") -> Drawing:
    """Vertical bars in the given order, each with its value (one decimal) on top."""
    d = Drawing(width, height)
    n = len(values)
    rotate = n > 12 or any(pdf_fonts.width(lab, 8) > (width - 40) / max(n, 1) - 2 for lab in labels)
    longest = max((pdf_fonts.width(lab, 8) for lab in labels), default=0)
    bottom = (min(longest, 90) + 10) if rotate else 18
    left, top_pad = 30, 24
    plot_w = width - left - 6
    plot_h = height - bottom - top_pad
    top_value = float(maximum)

    def y_of(v: float) -> float:
        return bottom + plot_h * v / top_value

    step = 20 if top_value >= 50 else max(1, round(top_value / 5))
    v = 0
    while v <= top_value + 1e-9:
        y = y_of(v)
        d.add(Line(left, y, left + plot_w, y, strokeColor=GRID_GREY if v else INK, strokeWidth=0.5 if v else 0.8))
        d.add(text_shapes(left - 3, y - 2.5, f"{v:g}", 7, "end"))
        v += step
    d.add(Line(left, bottom, left, bottom + plot_h, strokeColor=INK, strokeWidth=0.8))
    if y_label:
        d.add(text_shapes(left - 3, bottom + plot_h + 12, y_label, 7, "end"))
    slot = plot_w / max(n, 1)
    bar_w = slot * 0.6
    value_size = 7 if slot >= 24 else max(4.5, slot / 3.6)
    for i, (lab, val) in enumerate(zip(labels, values, strict=True)):
        x = left + slot * i + (slot - bar_w) / 2
        h = y_of(float(val)) - bottom
        d.add(Rect(x, bottom, bar_w, h, fillColor=BAR_GREY, strokeColor=INK, strokeWidth=0.6))
        d.add(text_shapes(x + bar_w / 2, bottom + h + 2, one_decimal(val), value_size, "middle"))
        if rotate:
            g = text_shapes(0, 0, lab, 8, "end")
            g.transform = (0, 1, -1, 0, x + bar_w / 2 + 3, bottom - 3)  # rotated 90°, reading upwards
            d.add(g)
        else:
            d.add(text_shapes(x + bar_w / 2, bottom - 11, lab, 8, "middle"))
    return d


def hbar_chart(labels: Sequence[str], values: Sequence[Decimal], width: float, maximum: Decimal,
               row_h: float = 11.5, x_label: str = "") -> Drawing:
    """Horizontal bars, one row per region in the given order (for many regions), values at the bar ends."""
    n = len(values)
    label_w = min(max((pdf_fonts.width(lab, 7.5) for lab in labels), default=0) + 6, width * 0.35)
    top_pad, bottom = 6, 22
    height = top_pad + bottom + row_h * n
    d = Drawing(width, height)
    left = label_w
    plot_w = width - left - 30
    top_value = float(maximum)

    def x_of(v: float) -> float:
        return left + plot_w * v / top_value

    step = 20 if top_value >= 50 else max(1, round(top_value / 5))
    v = 0
    while v <= top_value + 1e-9:
        x = x_of(v)
        d.add(Line(x, bottom, x, height - top_pad, strokeColor=GRID_GREY if v else INK, strokeWidth=0.5 if v else 0.8))
        d.add(text_shapes(x, bottom - 10, f"{v:g}", 7, "middle"))
        v += step
    if x_label:
        d.add(text_shapes(left + plot_w, 2, x_label, 7, "end"))
    for i, (lab, val) in enumerate(zip(labels, values, strict=True)):
        y = height - top_pad - row_h * (i + 1)
        w = x_of(float(val)) - left
        d.add(Rect(left, y + row_h * 0.15, w, row_h * 0.7, fillColor=BAR_GREY, strokeColor=INK, strokeWidth=0.5))
        d.add(text_shapes(left + w + 2, y + row_h * 0.3, one_decimal(val), 6.5))
        name = lab
        while pdf_fonts.width(name, 7.5) > label_w - 4 and len(name) > 1:
            name = name[:-2] + "…"
        d.add(text_shapes(left - 3, y + row_h * 0.3, name, 7.5, "end"))
    return d


def tree_chart(root: str, branches: Sequence[tuple[str, Sequence[str]]], width: float,
               row_h: float = 24, size: float = 7.5) -> Drawing:
    """The indicator system as boxes: the root, each primary indicator, its secondary indicators."""
    rows = sum(max(1, len(kids)) for _, kids in branches)
    height = rows * row_h + 8
    d = Drawing(width, height)
    root_w, prim_w, gap = 70, 150, 22
    x_prim = root_w + gap
    x_sec = x_prim + prim_w + gap
    sec_w = width - x_sec - 2
    lh = size + 2

    def box(x: float, y: float, w: float, h: float, text: str, fill=None) -> None:
        d.add(Rect(x, y, w, h, fillColor=fill, strokeColor=INK, strokeWidth=0.6))
        lines = wrap(text, size, w - 6, max_lines=max(1, int((h - 2) // lh)))
        top = y + h / 2 + lh * len(lines) / 2
        for k, line in enumerate(lines):
            d.add(text_shapes(x + w / 2, top - lh * (k + 1) + 2, line, size, "middle"))

    top = height - 4
    root_mid = height / 2
    box(0, root_mid - 40, root_w, 80, root, GRID_GREY)
    y = top
    for name, kids in branches:
        n = max(1, len(kids))
        block = n * row_h
        mid = y - block / 2
        box(x_prim, mid - min(block - 4, 34) / 2, prim_w, min(block - 4, 34), name, FILL_GREY)
        d.add(Line(root_w, root_mid, root_w + gap / 2, root_mid, strokeColor=INK, strokeWidth=0.5))
        d.add(Line(root_w + gap / 2, root_mid, root_w + gap / 2, mid, strokeColor=INK, strokeWidth=0.5))
        d.add(Line(root_w + gap / 2, mid, x_prim, mid, strokeColor=INK, strokeWidth=0.5))
        for k, kid in enumerate(kids):
            ky = y - row_h * (k + 0.5)
            box(x_sec, ky - (row_h - 5) / 2, sec_w, row_h - 5, kid)
            d.add(Line(x_prim + prim_w, mid, x_prim + prim_w + gap / 2, mid, strokeColor=INK, strokeWidth=0.5))
            d.add(Line(x_prim + prim_w + gap / 2, mid, x_prim + prim_w + gap / 2, ky, strokeColor=INK,
                       strokeWidth=0.5))
            d.add(Line(x_prim + prim_w + gap / 2, ky, x_sec, ky, strokeColor=INK, strokeWidth=0.5))
        y -= block
    return d
