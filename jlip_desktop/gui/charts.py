"""Chart widgets drawn with pyqtgraph: radar, ranking bars, trend.

Every number shown here comes from jlip_desktop.core.chartdata (radar_series,
average_radar, ranking, trend); these widgets only place it on screen.

Each chart can be saved as PNG at print resolution.  Saving does not scale a
screen grab: it builds a second, hidden copy of the chart at the requested
pixel size with fonts and line widths multiplied by the same factor, so text
and lines are as sharp on paper as on screen.

Radar geometry (pyqtgraph has none built in): the first axis points up and
the others follow clockwise at equal angles; a rate r % sits at radius r/100.
Grid rings (20/40/60/80/100 %) are drawn as polygons through the spokes, so
a polygon edge of the data reads against a ring edge.
"""

from __future__ import annotations

import math
import re
import textwrap
from decimal import Decimal
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core.chartdata import RadarAxis, RankRow, average_radar, radar_series
from ..core.errors import BadInput
from ..core.fileio import atomic_write
from ..core.scoring import one_decimal
from . import messages
from .fonts import cjk_family as _registered_cjk_family

RINGS = (20, 40, 60, 80, 100)
PRIMARY_COLOR = QColor(31, 96, 170)
COMPARE_COLOR = QColor(200, 90, 20)
GRID_COLOR = QColor(170, 170, 170)
TEXT_COLOR = QColor(30, 30, 30)
BAR_COLOR = QColor(31, 96, 170)
HIGHLIGHT_COLOR = QColor(200, 90, 20)

_TEXT = {
    "save_png": {"zh": "保存为 PNG…", "en": "Save as PNG…"},
    "save_title": {"zh": "保存图表", "en": "Save chart"},
    "save_failed": {"zh": "无法保存图表", "en": "Can't save the chart"},
    "no_data": {"zh": "无数据", "en": "No data"},
    "primary_title": {"zh": "一级指标得分率", "en": "Score rate by primary indicator"},
    "secondary_title": {"zh": "二级指标得分率", "en": "Score rate by secondary indicator"},
    "this": {"zh": "本次评估", "en": "This assessment"},
    "average": {"zh": "平均", "en": "Average"},
    "total": {"zh": "总分", "en": "Total"},
    "year": {"zh": "年度", "en": "Year"},
}


def tr(key: str, lang: str) -> str:
    return _TEXT[key]["en" if lang == "en" else "zh"]


def cjk_family() -> str:
    """The shipped CJK font's family (registered once, see fonts.py), used for every chart text.

    Without it Chinese renders as boxes on a machine with no CJK font.
    """
    return _registered_cjk_family() or QFont().defaultFamily()


def chart_font(px: float, bold: bool = False) -> QFont:
    f = QFont(cjk_family())
    f.setPixelSize(max(1, round(px)))
    f.setBold(bold)
    return f


def axis_angle(index: int, count: int) -> float:
    """Angle in radians of radar axis `index` of `count`: first up, then clockwise."""
    return math.pi / 2 - 2 * math.pi * index / count


def _static_plot(axis_items: dict | None = None):
    """A white PlotWidget that doesn't pan, zoom or show pyqtgraph's menus; (widget, plot item, view box)."""
    widget = pg.PlotWidget(background="w", axisItems=axis_items)
    plot = widget.getPlotItem()
    vb = plot.getViewBox()
    vb.setMouseEnabled(False, False)
    vb.setMenuEnabled(False)
    plot.hideButtons()
    plot.setMenuEnabled(False)
    plot.showGrid(y=True, alpha=0.25)
    return widget, plot, vb


def radar_label(axis: RadarAxis, lang: str = "zh") -> str:
    """A short, wrapped name for a radar axis.

    Secondary indicators have long names made of clauses; the last clause
    names the goal (严保护, 大保护, 快保护, 同保护 in the report's words), so
    that is what the axis shows.  English names use the part after a colon.
    """
    if lang == "en":
        name = axis.name_en.split(": ")[-1] if axis.level == "secondary" else axis.name_en
        name = name[:1].upper() + name[1:]
        return "\n".join(textwrap.wrap(name, 18)) or name
    name = axis.name.split("，")[-1] if axis.level == "secondary" else axis.name
    lines = math.ceil(len(name) / 8) or 1
    width = math.ceil(len(name) / lines)  # balanced lines, no orphan character
    return "\n".join(name[i:i + width] for i in range(0, len(name), width))


class _ChartBase(QWidget):
    """Context menu "Save as PNG…" and print-resolution export for every chart."""

    default_png_size = (2400, 2400)
    #: logical width the export is laid out at; fonts scale by width / this
    export_logical_width = 800

    def __init__(self, parent=None, scale: float = 1.0):
        super().__init__(parent)
        self._scale = scale
        self._lang = "zh"
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)

    def _px(self, v: float) -> float:
        return v * self._scale

    def _pen(self, color, width: float = 1.0, style=Qt.PenStyle.SolidLine) -> QPen:
        pen = QPen(QColor(color))
        pen.setWidthF(self._px(width))
        pen.setCosmetic(True)
        pen.setStyle(style)
        return pen

    def _graphics_views(self) -> list[QWidget]:
        return []

    def _connect_menus(self) -> None:
        for view in self._graphics_views():
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(
                lambda pos, v=view: self._context_menu(self.mapFromGlobal(v.mapToGlobal(pos)))
            )

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        act = menu.addAction(tr("save_png", self._lang))
        act.triggered.connect(self.save_png_dialog)
        return menu

    def _context_menu(self, pos) -> None:
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.mapToGlobal(pos))
        self.last_menu = menu

    def save_png_dialog(self) -> Path | None:
        """Ask for a file name and save; errors are shown, never raised."""
        suggested = re.sub(r'[\\/:*?"<>|\n]+', " ", self._suggested_name()).strip() or "chart"
        path, _ = QFileDialog.getSaveFileName(self, tr("save_title", self._lang), f"{suggested}.png", "PNG (*.png)")
        if not path:
            return None
        if not path.lower().endswith(".png"):
            path += ".png"
        try:
            return self.save_png(path, *self.default_png_size)
        except BadInput as e:
            messages.warn(self, tr("save_failed", self._lang), e)
            return None

    def _suggested_name(self) -> str:
        return ""

    # -- export ------------------------------------------------------------
    def _state(self) -> tuple:
        raise NotImplementedError

    def _apply_state(self, state: tuple) -> None:
        raise NotImplementedError

    def render_image(self, width: int, height: int) -> QImage:
        """The chart drawn at width x height pixels, fonts and lines scaled to match."""
        width, height = int(width), int(height)
        if width < 50 or height < 50 or width > 20000 or height > 20000:
            raise BadInput(f"PNG size {width}x{height}: expected 50 to 20000 pixels each way")
        scale = max(1.0, width / self.export_logical_width)
        clone = type(self)(scale=scale, export=True)
        try:
            clone.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
            clone._apply_state(self._state())
            clone.resize(width, height)
            clone.show()
            QApplication.processEvents()
            clone._after_resize()
            image = QImage(width, height, QImage.Format.Format_ARGB32)
            image.fill(QColor("white"))
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            clone.render(painter, QPoint(0, 0))
            painter.end()
        finally:
            clone.hide()
            clone.deleteLater()
        return image

    def _after_resize(self) -> None:
        """Hook: lay out again after the export copy got its size."""

    def save_png(self, path, width: int | None = None, height: int | None = None) -> Path:
        """Save the chart as a PNG of exactly width x height pixels (atomic write)."""
        w, h = self.default_png_size
        image = self.render_image(w if width is None else width, h if height is None else height)
        with atomic_write(path) as tmp:
            if not image.save(str(tmp), "PNG"):
                raise BadInput(f"{path}: can't write the PNG file")
        return Path(path)


def _set_plot_title(plot: pg.PlotItem, html: str | None, height: float) -> None:
    """PlotItem.setTitle fixes the title row at 30 px; scaled exports need it taller."""
    plot.setTitle(html)
    if html:
        plot.titleLabel.setMaximumHeight(height)
        plot.layout.setRowFixedHeight(0, height)


def _value_ticks(top: float, cap: float | None = None) -> list[list[tuple[float, str]]]:
    """Major ticks every 20 (every 10 under 40), none above `cap` (the maximum score), no minor ticks."""
    step = 10 if top < 40 else 20
    last = int(min(top, cap) if cap else top)
    return [[(v, str(v)) for v in range(0, last + 1, step)], []]


def _white_layout_widget() -> pg.GraphicsLayoutWidget:
    gw = pg.GraphicsLayoutWidget()
    gw.setBackground("w")
    gw.ci.setContentsMargins(4, 4, 4, 4)
    return gw


class RadarChart(_ChartBase):
    """Score rate per indicator on spokes; optional dashed comparison outline."""

    LABEL_RADIUS = 1.06

    def __init__(self, parent=None, scale: float = 1.0, export: bool = False):
        super().__init__(parent, scale)
        self._axes: list[RadarAxis] = []
        self._compare: list[RadarAxis] | None = None
        self._title = ""
        self._names: tuple[str, str] = ("", "")
        self._count = 0
        self._shown_title = ""
        self._shown_legend = ""
        self.compact = False  # numbered axes with a key below (a radar too small for names at the spokes)
        self._in_layout = False
        self.layouts = 0  # how many times set_series had to lay the chart out again (tests)
        self._laid_out: tuple | None = None  # the label shapes (texts without rates) the scale was computed for
        self._measure = pg.TextItem("")  # never shown: sizes the labels' widest texts for the layout

        self.gw = _white_layout_widget()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.gw)
        self.title_item = pg.LabelItem("", justify="center")
        self.gw.addItem(self.title_item, row=0, col=0)
        self.vb = pg.ViewBox(enableMouse=False, enableMenu=False, lockAspect=True)
        self.vb.setMouseEnabled(False, False)
        self.gw.addItem(self.vb, row=1, col=0)
        self.legend = pg.LabelItem("", justify="center")
        self.legend.setVisible(False)
        self.gw.addItem(self.legend, row=2, col=0)
        self.key = pg.LabelItem("", justify="left")  # names of numbered axes (compact mode)
        self.key.setVisible(False)
        self._key_at = (3, 0)
        self.gw.addItem(self.key, row=3, col=0)
        self._shown_key = ""
        self.gw.ci.layout.setRowStretchFactor(1, 10)

        self._grid_items: list = []
        self._labels: list[pg.TextItem] = []
        self._ring_labels: list[pg.TextItem] = []
        self.polygon = QGraphicsPolygonItem()
        self.polygon.setPen(self._pen(PRIMARY_COLOR, 2))
        fill = QColor(PRIMARY_COLOR)
        fill.setAlpha(90)
        self.polygon.setBrush(QBrush(fill))
        self.polygon.setZValue(10)
        self.compare_polygon = QGraphicsPolygonItem()
        self.compare_polygon.setPen(self._pen(COMPARE_COLOR, 2, Qt.PenStyle.DashLine))
        self.compare_polygon.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        self.compare_polygon.setZValue(11)
        self.vb.addItem(self.polygon)
        self.vb.addItem(self.compare_polygon)
        self.vb.sigResized.connect(self._layout)
        self._connect_menus()

    def _graphics_views(self):
        return [self.gw]

    # -- data --------------------------------------------------------------
    def set_series(self, axes: list[RadarAxis], lang: str = "zh", compare: list[RadarAxis] | None = None,
                   title: str = "", name: str | None = None, compare_name: str | None = None) -> None:
        """Show `axes` (and `compare` as a dashed outline).

        Cheap, for every edit: the items are updated in place, never rebuilt; the title and
        legend (whose size change would lay the whole chart out again) are set only when
        their text changes.  The scale leaves each label room for the widest rate it can
        show (`reserved_size`), so a new rate never lays the chart out again: only new
        axes, names or language do (and a resize, or the switch to numbered axes).
        """
        self._axes = list(axes)
        self._compare = list(compare) if compare else None
        self._lang = lang
        self._title = title
        self._names = (name or tr("this", lang), compare_name or tr("average", lang))
        if len(self._axes) != self._count:
            self._build_grid(len(self._axes))
        for i, (item, axis) in enumerate(zip(self._labels, self._axes, strict=True)):
            text = self._label_text(i, axis, lang)
            if item.textItem.toPlainText() != text:
                item.setText(text)
                self._align_label(item)
        relayout = self._shapes() != self._laid_out
        self.polygon.setPolygon(QPolygonF([QPointF(x, y) for x, y in self._points(self._axes)]))
        if self._compare:
            pts = self._points(self._compare)
            self.compare_polygon.setPolygon(QPolygonF([QPointF(x, y) for x, y in pts]))
            self.compare_polygon.setVisible(True)
        else:
            self.compare_polygon.setVisible(False)
        title_html = self._html(title, 14, bold=True) if title else ""
        if title_html != self._shown_title:
            self._shown_title = title_html
            self.title_item.setText(title_html)
        self._update_legend()
        if relayout:
            self.layouts += 1
            self._layout()

    def _label_text(self, _index: int, axis: RadarAxis, lang: str, rate: str | None = None) -> str:
        rate = f"{one_decimal(axis.rate)}%" if rate is None else rate
        if self.compact:  # one line above and below the radar, two lines beside it: the least room taken
            upright = abs(math.cos(axis_angle(_index, max(len(self._axes), 1)))) < 0.3
            return f"{axis.number}{'  ' if upright else chr(10)}{rate}"
        return f"{radar_label(axis, lang)}\n{rate}"

    def _shapes(self) -> tuple:
        """What the layout depends on besides the view's size: the labels' texts without their rates."""
        return (self.compact, self._lang,
                tuple(self._label_text(i, a, self._lang, "") for i, a in enumerate(self._axes)))

    def _widest_rate(self) -> str:
        """A rate text at least as wide as any an axis can show: a rate has at most four digits ("100.0%"),
        so four of the font's widest digit."""
        fm = QFontMetricsF(chart_font(self._px(12)))
        d = max("0123456789", key=fm.horizontalAdvance)
        return f"{d}{d}{d}.{d}%"

    def _html(self, text: str, px: float, bold: bool = False, color: QColor = TEXT_COLOR) -> str:
        weight = "bold" if bold else "normal"
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br>")
        return (f"<span style=\"font-family:'{cjk_family()}'; font-size:{self._px(px):.0f}px; "
                f"font-weight:{weight}; color:{color.name()}\">{text}</span>")

    def _update_legend(self) -> None:
        html = ""
        if self._compare:
            fill, dash = QColor(PRIMARY_COLOR), QColor(COMPARE_COLOR)
            html = (self._html("■", 14, color=fill) + self._html(" " + self._names[0], 12) + "&nbsp;" * 6
                    + self._html("- - -", 14, bold=True, color=dash) + self._html(" " + self._names[1], 12))
        if html != self._shown_legend:
            self._shown_legend = html
            self.legend.setText(html)
            self.legend.setVisible(bool(html))
        key = ""
        if self.compact and self._axes:
            # the key of the numbered axes: beside the radar in a wide chart, below it in a tall one
            sep = "" if self._lang != "en" else " "
            plain = [f"{a.number} {radar_label(a, self._lang).replace(chr(10), sep)}" for a in self._axes]
            keys = [self._html(t, 11) for t in plain]
            fm = QFontMetricsF(chart_font(self._px(11)))
            kw = max(fm.horizontalAdvance(t) for t in plain) + fm.height()
            w, h = self.width(), self.height() - self._px(40)
            cols = 2 if 2 * kw + self._px(20) <= w else 1
            # the side that leaves the radar the larger square
            wide = min(w - kw, h) >= min(w, h - fm.height() * math.ceil(len(plain) / cols))
            key = "<br>".join(keys) if wide or cols == 1 else "<br>".join(
                "&nbsp;&nbsp;&nbsp;".join(keys[i:i + 2]) for i in range(0, len(keys), 2))
            where = (1, 1) if wide else (3, 0)
            if where != self._key_at:
                self.gw.ci.removeItem(self.key)
                self.gw.addItem(self.key, row=where[0], col=where[1])
                self._key_at = where
        if key != self._shown_key:
            self._shown_key = key
            self.key.setText(key)
            self.key.setVisible(bool(key))

    def legend_text(self) -> str:
        return self.legend.item.toPlainText() if self.legend.isVisible() else ""

    def key_text(self) -> str:
        """The key of numbered axes ("1 <indicator name>" …), empty while the names are at the spokes."""
        return self.key.item.toPlainText() if self.key.isVisible() else ""

    def _points(self, axes: list[RadarAxis]) -> list[tuple[float, float]]:
        n = len(axes)
        return [
            (float(a.rate) / 100 * math.cos(axis_angle(i, n)), float(a.rate) / 100 * math.sin(axis_angle(i, n)))
            for i, a in enumerate(axes)
        ]

    def polygon_points(self) -> list[tuple[float, float]]:
        """The data polygon's vertices in chart units (radius 1 = 100 %), as drawn."""
        return [(p.x(), p.y()) for p in self.polygon.polygon()]

    def vertex_rates(self) -> list[float]:
        """The drawn polygon's vertex radii converted back to percent, axis by axis."""
        return [math.hypot(x, y) * 100 for x, y in self.polygon_points()]

    # -- drawing -----------------------------------------------------------
    def _build_grid(self, n: int) -> None:
        for item in self._grid_items + self._labels + self._ring_labels:
            self.vb.removeItem(item)
        self._grid_items, self._labels, self._ring_labels = [], [], []
        self._count = n
        if n < 3:
            return
        grid_pen = self._pen(GRID_COLOR, 1)
        outer_pen = self._pen(GRID_COLOR.darker(130), 1.2)
        for ring in RINGS:
            r = ring / 100
            poly = QPolygonF([QPointF(r * math.cos(axis_angle(i, n)), r * math.sin(axis_angle(i, n)))
                              for i in range(n)])
            item = QGraphicsPolygonItem(poly)
            item.setPen(outer_pen if ring == 100 else grid_pen)
            self.vb.addItem(item)
            self._grid_items.append(item)
        spokes = QPainterPath()  # one item for all spokes: painted by Qt, not item by item in Python
        for i in range(n):
            a = axis_angle(i, n)
            spokes.moveTo(0, 0)
            spokes.lineTo(math.cos(a), math.sin(a))
        item = QGraphicsPathItem(spokes)
        item.setPen(grid_pen)
        self.vb.addItem(item)
        self._grid_items.append(item)
        # ring values on the ring edges between the first and second spokes
        mid = (axis_angle(0, n) + axis_angle(1, n)) / 2
        edge = math.cos(math.pi / n)
        for ring in RINGS:
            t = pg.TextItem(f"{ring}%", color=GRID_COLOR.darker(170), anchor=(0.5, 0.5))
            t.setFont(chart_font(self._px(10)))
            t.setPos(ring / 100 * edge * math.cos(mid), ring / 100 * edge * math.sin(mid))
            t.setZValue(5)
            self.vb.addItem(t)
            self._ring_labels.append(t)
        for i in range(n):
            a = axis_angle(i, n)
            c, s = math.cos(a), math.sin(a)
            # a label touches its spoke's end with the corner or edge that faces the centre
            ax = 0.0 if c > 0.3 else (1.0 if c < -0.3 else 0.5)
            ay = 1.0 if s > 0.3 else (0.0 if s < -0.3 else 0.5)
            t = pg.TextItem("", color=TEXT_COLOR, anchor=(ax, ay))
            t.setFont(chart_font(self._px(12)))
            t.setPos(self.LABEL_RADIUS * c, self.LABEL_RADIUS * s)
            t.setZValue(20)
            self.vb.addItem(t)
            self._labels.append(t)

    def _align_label(self, item: pg.TextItem) -> None:
        """Multi-line labels align toward the chart: right on the left side, left on the right."""
        ax = item.anchor.x()
        align = Qt.AlignmentFlag.AlignRight if ax > 0.6 else (
            Qt.AlignmentFlag.AlignLeft if ax < 0.4 else Qt.AlignmentFlag.AlignHCenter)
        doc = item.textItem.document()
        doc.setTextWidth(-1)
        item.textItem.setTextWidth(doc.idealWidth())
        opt = doc.defaultTextOption()
        opt.setAlignment(align)
        doc.setDefaultTextOption(opt)
        item.updateTextPos()

    def label_size(self, i: int) -> tuple[float, float]:
        r = self._labels[i].textItem.boundingRect()
        return r.width(), r.height()

    def reserved_size(self, i: int) -> tuple[float, float]:
        """The room the layout keeps for label i: its text with the widest rate (`_widest_rate`), measured
        as the label itself is (same font, same alignment), so no rate makes the label larger."""
        m, label = self._measure, self._labels[i]
        m.setFont(label.textItem.font())
        m.setText(self._label_text(i, self._axes[i], self._lang, self._widest_rate()) if i < len(self._axes)
                  else label.textItem.toPlainText())
        doc = m.textItem.document()
        doc.setTextWidth(-1)
        m.textItem.setTextWidth(doc.idealWidth())
        r = m.textItem.boundingRect()
        return r.width(), r.height()

    def _pixels_per_unit(self) -> float:
        """The largest scale at which rings and labels all fit inside the view."""
        rect = self.vb.rect()
        w, h = rect.width(), rect.height()
        margin = self._px(4)
        limits = [min(w, h) / 2 - margin]
        n = len(self._labels)
        R = self.LABEL_RADIUS
        for i, item in enumerate(self._labels):
            lw, lh = self.reserved_size(i)
            ax, ay = item.anchor.x(), item.anchor.y()
            a = axis_angle(i, n)
            c, s = math.cos(a), -math.sin(a)  # s: downward pixels
            # rect spans [S*R*c - ax*lw, S*R*c + (1-ax)*lw] horizontally
            if c > 1e-9:
                limits.append((w / 2 - margin - (1 - ax) * lw) / (R * c))
            elif c < -1e-9:
                limits.append((w / 2 - margin - ax * lw) / (R * -c))
            if s > 1e-9:
                limits.append((h / 2 - margin - (1 - ay) * lh) / (R * s))
            elif s < -1e-9:
                limits.append((h / 2 - margin - ay * lh) / (R * -s))
        return max(min(limits), 5.0)

    def min_radius(self) -> float:
        """The smallest radius (pixels) at which a radar still reads: below it the axes are numbered."""
        line = QFontMetricsF(chart_font(self._px(12))).height()
        return max(self._px(55), 3.2 * line)

    def _set_labels(self, compact: bool) -> None:
        """Numbered axes ("2  97.6%", names in the key below) or names at the spokes."""
        self.compact = compact
        for i, (item, axis) in enumerate(zip(self._labels, self._axes, strict=False)):
            text = self._label_text(i, axis, self._lang)
            if item.textItem.toPlainText() != text:
                item.setText(text)
                self._align_label(item)

    def _layout(self, *_) -> None:
        if self._in_layout:
            return
        self._in_layout = True
        try:
            self._do_layout()
        finally:
            self._in_layout = False

    def _do_layout(self) -> None:
        rect = self.vb.rect()
        if rect.width() < 2 or rect.height() < 2:
            return
        if self._axes and len(self._axes) == len(self._labels):
            # names at the spokes if the radar keeps a readable size with them, else numbers and a key;
            # the legend (a layout change) is set only when the choice changes
            self._set_labels(False)
            self._set_labels(self._pixels_per_unit() < self.min_radius())
            self._update_legend()
        S = self._pixels_per_unit()
        self._laid_out = self._shapes()
        hw, hh = rect.width() / 2 / S, rect.height() / 2 / S
        self.vb.setRange(xRange=(-hw, hw), yRange=(-hh, hh), padding=0)
        # ring values: keep every k-th so neighbours don't touch on a small radar
        if self._ring_labels:
            spacing = S * 0.2 * math.cos(math.pi / max(self._count, 3))
            need = QFontMetricsF(self._ring_labels[0].textItem.font()).height() * 1.6
            k = max(1, math.ceil(need / max(spacing, 1e-6)))
            tiny = S < need * 2.5  # a small radar: ring values would only cover the polygon
            for j, item in enumerate(reversed(self._ring_labels)):  # always keep 100 %
                item.setVisible(j % k == 0 and not tiny)

    def _after_resize(self) -> None:
        self._layout()

    def label_rects(self) -> list[QRectF]:
        """Axis labels' rectangles in view-box pixels (for overlap checks)."""
        return [item.mapRectToItem(self.vb, item.boundingRect()) for item in self._labels]

    def label_texts(self) -> list[str]:
        return [item.textItem.toPlainText() for item in self._labels]

    # -- export ------------------------------------------------------------
    def _suggested_name(self) -> str:
        return " ".join(x for x in (self._names[0] if self._axes else "", self._title) if x)

    def _state(self):
        return (self._axes, self._lang, self._compare, self._title, self._names)

    def _apply_state(self, state):
        axes, lang, compare, title, names = state
        self.set_series(axes, lang, compare, title, *names)


class AssessmentCharts(QWidget):
    """The open assessment's two radars: primary (4 axes) and secondary (8 axes)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.primary = RadarChart()
        self.secondary = RadarChart()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.primary, 1)
        lay.addWidget(self.secondary, 1)

    def show_score(self, score, lang: str = "zh", compare_scores=None, name: str | None = None,
                   compare_name: str | None = None) -> None:
        """Redraw both radars from chartdata.radar_series(score); call it on every edit."""
        for chart, level in ((self.primary, "primary"), (self.secondary, "secondary")):
            compare = average_radar(compare_scores, level) if compare_scores else None
            chart.set_series(radar_series(score, level), lang, compare, tr(f"{level}_title", lang),
                             name=name, compare_name=compare_name)

    def save_png(self, path, width: int = 2400, height: int = 2400, level: str = "primary") -> Path:
        return (self.primary if level == "primary" else self.secondary).save_png(path, width, height)


class _RotatedLabelAxis(pg.AxisItem):
    """A bottom axis whose labels are drawn vertically, one per bar, none skipped."""

    def __init__(self, chart: RankingBarChart):
        super().__init__("bottom")
        self.chart = chart
        self.labels: list[str] = []
        self.font = chart_font(12)
        self.drawn_rects: list[QRectF] = []

    def set_labels(self, labels: list[str], font: QFont) -> None:
        self.labels = labels
        self.font = font
        fm = QFontMetricsF(font)
        longest = max((fm.horizontalAdvance(t) for t in labels), default=0)
        self.setHeight(longest + fm.height() * 0.6 + 6)
        self.setTicks([[], []])
        self.picture = None
        self.update()

    def pitch(self) -> float:
        vb = self.linkedView()
        if vb is None or len(self.labels) < 2:
            return float("inf")
        a = self.mapFromScene(vb.mapViewToScene(QPointF(0, 0)))
        b = self.mapFromScene(vb.mapViewToScene(QPointF(1, 0)))
        return abs(b.x() - a.x())

    def label_rects(self) -> list[QRectF]:
        """Where each label is drawn, in this axis's coordinates."""
        vb = self.linkedView()
        fm = QFontMetricsF(self.font)
        rects = []
        if vb is None:
            return rects
        top = fm.height() * 0.3
        for i, text in enumerate(self.labels):
            x = self.mapFromScene(vb.mapViewToScene(QPointF(i, 0))).x()
            w = fm.horizontalAdvance(text)
            h = fm.height()
            rects.append(QRectF(x - h / 2, top, h, w))
        return rects

    def drawPicture(self, p, axisSpec, tickSpecs, textSpecs):
        super().drawPicture(p, axisSpec, tickSpecs, [])
        p.setFont(self.font)
        p.setPen(self.textPen())
        p.setClipping(False)
        rects = self.label_rects()
        for rect, text in zip(rects, self.labels, strict=True):
            p.save()
            p.translate(rect.center().x(), rect.top())
            p.rotate(-90)
            p.drawText(QRectF(-rect.height(), -rect.width() / 2, rect.height(), rect.width()),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
            p.restore()
        self.drawn_rects = rects


def region_label(row: RankRow, lang: str) -> str:
    """A bar's label: the region's short name (English: its English name, shortened)."""
    if lang == "en":
        from ..core.store import builtin_regions

        names = {r.code: r.name_en for r in builtin_regions()}
        name = names.get(row.region, row.region_short)
        for suffix in (" District", " County", " City"):
            if name.endswith(suffix):
                name = name[: -len(suffix)]
        return name if len(name) <= 20 else name[:19] + "…"
    return _AUTONOMOUS.sub(r"\1\2", row.region_short)


# 长白朝鲜族自治县 -> 长白县, 前郭尔罗斯蒙古族自治县 -> 前郭尔罗斯县: the usual short form on a crowded axis
_AUTONOMOUS = re.compile(r"^(.+?)(?:朝鲜|蒙古|满|回)族自治([县州])$")


class _ValueLabels(pg.GraphicsObject):
    """Every bar's value drawn by one item, in screen pixels above the bar's top.

    One item instead of a TextItem per bar: adding thousands of items to a ViewBox
    re-measures the bounds of all items so far on each add (quadratic).  Text is
    drawn untransformed at the device position of (x, value), upright (rotated 90°)
    when the bars are narrower than the widest value.
    """

    def __init__(self):
        super().__init__()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(10)
        self._values: list[tuple[float, float, str]] = []
        self._font = chart_font(12)
        self.upright = False
        self._text_w = 0.0
        self._text_h = 0.0

    def set_values(self, values: list[tuple[float, float, str]], font: QFont) -> None:
        """values: (x, height, text) per bar."""
        self.prepareGeometryChange()
        self._values = list(values)
        self._font = font
        fm = QFontMetricsF(font)
        self._text_w = max((fm.horizontalAdvance(t) for _x, _y, t in self._values), default=0.0)
        self._text_h = fm.height()
        self.update()

    def fit(self, pitch: float) -> float:
        """Turn upright if a value is wider than the bar pitch; the pixels needed above the tallest bar."""
        upright = self._text_w + 4 > pitch * 0.95
        if upright != self.upright:
            self.upright = upright
            self.update()
        return self._text_w * 1.1 if upright else self._text_h

    def texts(self) -> list[str]:
        return [t for _x, _y, t in self._values]

    def boundingRect(self) -> QRectF:
        if not self._values:
            return QRectF()
        xs = [x for x, _y, _t in self._values]
        top = max(y for _x, y, _t in self._values)
        return QRectF(min(xs) - 1, 0, max(xs) - min(xs) + 2, max(top, 1) * 2)

    def paint(self, p, *_args) -> None:
        if not self._values:
            return
        tr = p.transform()
        p.save()
        p.resetTransform()
        p.setFont(self._font)
        p.setPen(QPen(TEXT_COLOR))
        clip = p.clipBoundingRect() if p.hasClipping() else None
        w, h = self._text_w, self._text_h
        align = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
        for x, y, text in self._values:
            pos = tr.map(QPointF(x, y))
            if clip is not None and not clip.isEmpty() and not (clip.left() - w <= pos.x() <= clip.right() + w):
                continue
            if self.upright:
                p.save()
                p.translate(pos.x(), pos.y() - 2)
                p.rotate(-90)
                p.drawText(QRectF(0, -h / 2, w + 2, h), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                           text)
                p.restore()
            else:
                p.drawText(QRectF(pos.x() - w / 2 - 2, pos.y() - h - 1, w + 4, h), align, text)
        p.restore()


class RankingBarChart(_ChartBase):
    """All regions' totals for a year, highest first, the value on each bar.

    With many regions the labels turn vertical and the chart scrolls
    sideways rather than squeezing bars below a readable width.
    """

    sig_assessment_requested = Signal(int)
    """A bar (or its label) was clicked: the assessment id of that region-year."""

    default_png_size = (3000, 1600)
    export_logical_width = 1200
    MIN_PITCH = 22  # screen pixels per bar: one line of label text plus air

    def __init__(self, parent=None, scale: float = 1.0, export: bool = False):
        super().__init__(parent, scale)
        self._export = export
        self._rows: list[RankRow] = []
        self._highlight: int | None = None
        self.axis = _RotatedLabelAxis(self)
        self.plot_widget, self.plot, self.vb = _static_plot({"bottom": self.axis})
        left = self.plot.getAxis("left")
        left.setTickFont(chart_font(self._px(11)))
        left.setPen(self._pen(TEXT_COLOR, 1))
        left.setTextPen(self._pen(TEXT_COLOR, 1))
        left.setStyle(tickLength=-round(self._px(5)), tickTextOffset=round(self._px(4)))
        left.setWidth(self._px(40))
        self.axis.setPen(self._pen(TEXT_COLOR, 1))
        self.axis.setTextPen(self._pen(TEXT_COLOR, 1))
        self.axis.setStyle(tickLength=0)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush=BAR_COLOR, pen=self._pen(BAR_COLOR.darker(130), 1))
        self.plot.addItem(self.bars)
        self.values = _ValueLabels()
        self.vb.addItem(self.values, ignoreBounds=True)
        self.title = ""
        self.plot_widget.scene().sigMouseClicked.connect(self._clicked)
        self.vb.sigResized.connect(lambda *_: self._place_values())

        # the title stays put above a chart that scrolls sideways
        self.title_label = QLabel()
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label.setFont(chart_font(self._px(14), bold=True))
        self.title_label.setStyleSheet(f"background: white; color: {TEXT_COLOR.name()}; padding: {self._px(4):.0f}px")
        self.title_label.setVisible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.title_label)
        if export:
            lay.addWidget(self.plot_widget)
            self.scroll = None
        else:
            self.scroll = QScrollArea()
            self.scroll.setWidgetResizable(True)
            self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.scroll.setWidget(self.plot_widget)
            lay.addWidget(self.scroll)
        self._connect_menus()

    def _graphics_views(self):
        return [self.plot_widget]

    def set_rows(self, rows: list[RankRow], lang: str = "zh", title: str = "") -> None:
        """Bars in the order given (chartdata.ranking order: highest total first).

        One pass: the bars are one BarGraphItem, the values one _ValueLabels item and the
        region names the bottom axis, so the cost is linear in the rows and no item's
        bounds are measured again while the others are added.
        """
        self._rows = list(rows)
        self._lang = lang
        self.title = title
        n = len(self._rows)
        totals = [float(r.total) for r in self._rows]
        self.bars.setOpts(x=list(range(n)), height=totals, width=0.7, brushes=self.bar_brushes())
        self.title_label.setText(title)
        self.title_label.setVisible(bool(title))
        label_px = self._label_px()
        font = chart_font(label_px)
        self.axis.set_labels([region_label(r, lang) for r in self._rows], font)
        self.values.set_values([(i, t, one_decimal(r.total)) for i, (t, r) in enumerate(zip(totals, self._rows,
                                                                                                strict=True))], font)
        top = max(totals, default=0)
        left = self.plot.getAxis("left")
        left.setLabel(tr("total", lang), **{"font-size": f"{self._px(12):.0f}px", "font-family": cjk_family()})
        self._top = top
        self.vb.setRange(xRange=(-0.6, max(n, 1) - 0.4), yRange=(0, max(top * 1.18, 10)), padding=0)
        if not self._export:
            self.plot_widget.setMinimumWidth(int(n * self.MIN_PITCH + self._px(80)))
        self._place_values()

    def set_highlight(self, assessment_id: int | None) -> None:
        """Colour one bar apart (the region being compared); None for none."""
        self._highlight = assessment_id
        self.bars.setOpts(brushes=self.bar_brushes())

    def bar_brushes(self) -> list[QBrush]:
        return [QBrush(HIGHLIGHT_COLOR if r.assessment_id == self._highlight else BAR_COLOR) for r in self._rows]

    def _label_px(self) -> float:
        """Label font size: 12 px (scaled), smaller in an export too narrow for so many bars."""
        px = self._px(12)
        if self._export and self._rows:
            pitch = (self.width() or self._px(1200)) * 0.9 / len(self._rows)
            px = min(px, pitch / 1.35)
        return px

    def _place_values(self) -> None:
        """Values sit above their bar, turned upright when the bar is narrower than the text;
        the value axis grows so the tallest bar's value stays inside the plot."""
        need = self.values.fit(self.axis.pitch())
        top = getattr(self, "_top", 0.0)
        height = self.vb.height()
        ymax = max(top * 1.08, 10)
        if height > need + 10:
            ymax = max(ymax, top * height / (height - need - 6))
        cap = max((float(r.score.max) for r in self._rows), default=None)
        self.plot.getAxis("left").setTicks(_value_ticks(ymax, cap))
        self.vb.setYRange(0, ymax, padding=0)

    def _after_resize(self) -> None:
        self.set_rows(self._rows, self._lang, self.title)  # label size depends on the width
        QApplication.processEvents()
        self._place_values()

    def bar_at(self, scene_pos) -> int | None:
        """The index of the bar whose column (or label) holds a scene point."""
        n = len(self._rows)
        if not n:
            return None
        in_view = self.vb.sceneBoundingRect().contains(scene_pos)
        in_axis = self.axis.sceneBoundingRect().contains(scene_pos)
        if not (in_view or in_axis):
            return None
        x = self.vb.mapSceneToView(scene_pos).x()
        i = round(x)
        if 0 <= i < n and abs(x - i) <= 0.45:
            return i
        return None

    def bar_center(self, index: int) -> QPoint:
        """The middle of a bar in plot_widget (viewport) coordinates, for tests and tooling."""
        r = self._rows[index]
        scene = self.vb.mapViewToScene(QPointF(index, float(r.total) / 2))
        return self.plot_widget.mapFromScene(scene)

    def _clicked(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        i = self.bar_at(ev.scenePos())
        if i is not None:
            ev.accept()
            self.sig_assessment_requested.emit(self._rows[i].assessment_id)

    def bar_order(self) -> list[int]:
        """Assessment ids left to right, as drawn."""
        return [r.assessment_id for r in self._rows]

    def bar_heights(self) -> list[float]:
        h = self.bars.opts.get("height")
        return [float(v) for v in (h if h is not None else [])]

    def label_rects(self) -> list[QRectF]:
        return self.axis.label_rects()

    def _suggested_name(self) -> str:
        return self.title

    def _state(self):
        return (self._rows, self._lang, self.title, self._highlight)

    def _apply_state(self, state):
        rows, lang, title, highlight = state
        self._highlight = highlight
        self.set_rows(rows, lang, title)


class TrendChart(_ChartBase):
    """A region's totals across years: a line with markers and value labels."""

    default_png_size = (2400, 1400)

    def __init__(self, parent=None, scale: float = 1.0, export: bool = False):
        super().__init__(parent, scale)
        self._points: list[tuple[int, Decimal]] = []
        self._title = ""
        self._value_items: list[pg.TextItem] = []
        self.plot_widget, self.plot, self.vb = _static_plot()
        for name in ("left", "bottom"):
            ax = self.plot.getAxis(name)
            ax.setTickFont(chart_font(self._px(11)))
            ax.setPen(self._pen(TEXT_COLOR, 1))
            ax.setTextPen(self._pen(TEXT_COLOR, 1))
            ax.setStyle(tickLength=-round(self._px(5)), tickTextOffset=round(self._px(4)))
        self.plot.getAxis("left").setWidth(self._px(40))
        self.plot.getAxis("bottom").setHeight(self._px(28))
        self.curve = self.plot.plot([], [], pen=self._pen(PRIMARY_COLOR, 2.5), symbol="o",
                                    symbolSize=self._px(9), symbolBrush=PRIMARY_COLOR,
                                    symbolPen=self._pen("white", 1))
        self.empty = pg.TextItem("", color=GRID_COLOR.darker(160), anchor=(0.5, 0.5))
        self.empty.setFont(chart_font(self._px(14)))
        self.plot.addItem(self.empty)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.plot_widget)
        self._connect_menus()

    def _graphics_views(self):
        return [self.plot_widget]

    def set_points(self, points, title: str = "", lang: str | None = None) -> None:
        """points: chartdata.trend(store, region) — [(year, total)], oldest first."""
        if lang:
            self._lang = lang
        self._points = [(int(y), t) for y, t in points]
        self._title = title
        years = [y for y, _ in self._points]
        totals = [float(t) for _, t in self._points]
        self.curve.setData(years, totals)
        for item in self._value_items:
            self.plot.removeItem(item)
        self._value_items = []
        for y, t in self._points:
            item = pg.TextItem(one_decimal(t), color=TEXT_COLOR, anchor=(0.5, 1.25))
            item.setFont(chart_font(self._px(11)))
            item.setPos(y, float(t))
            self.plot.addItem(item)
            self._value_items.append(item)
        self.plot.getAxis("bottom").setTicks([[(y, str(y)) for y in years]])
        _set_plot_title(
            self.plot,
            f"<span style=\"font-family:'{cjk_family()}'; font-size:{self._px(14):.0f}px; font-weight:bold; "
            f"color:{TEXT_COLOR.name()}\">{title}</span>" if title else None,
            self._px(30),
        )
        lo, hi = (min(years), max(years)) if years else (0, 1)
        top = max(totals, default=0)
        ymax = max(top * 1.2, 10)
        self.plot.getAxis("left").setTicks(_value_ticks(ymax))
        self.vb.setRange(xRange=(lo - 0.5, hi + 0.5), yRange=(0, ymax), padding=0)
        self.empty.setText("" if years else tr("no_data", self._lang))
        self.empty.setPos((lo + hi) / 2, 5)

    def line_points(self) -> list[tuple[float, float]]:
        x, y = self.curve.getData()
        return [] if x is None else [(float(a), float(b)) for a, b in zip(x, y, strict=True)]

    def _suggested_name(self) -> str:
        return self._title

    def _state(self):
        return (self._points, self._title, self._lang)

    def _apply_state(self, state):
        points, title, lang = state
        self.set_points(points, title, lang)
