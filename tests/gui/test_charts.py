"""Chart widgets: the radar draws the current score rates, bars keep the ranking, PNGs have the asked size."""

from __future__ import annotations

import dataclasses
import math
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QImage, QPolygonF
from PySide6.QtWidgets import QApplication

from jlip_desktop.core.chartdata import average_radar, radar_series, ranking, trend
from jlip_desktop.core.errors import BadInput
from jlip_desktop.core.scoring import best_value, one_decimal, worst_value
from jlip_desktop.gui.charts import (
    AssessmentCharts,
    RadarChart,
    RankingBarChart,
    TrendChart,
    cjk_family,
    radar_label,
)


@pytest.fixture
def cjk(qapp):
    family = cjk_family()
    assert family and "Droid" in family  # the shipped font, not a fallback
    return family


def expected_vertices(axes):
    """The radar geometry, written out independently: axis 0 points up, then clockwise; radius 1 = 100 %."""
    n = len(axes)
    out = []
    for i, a in enumerate(axes):
        angle = math.radians(90 - 360 * i / n)
        r = float(a.rate) / 100
        out.append((r * math.cos(angle), r * math.sin(angle)))
    return out


def assert_points(actual, expected):
    assert len(actual) == len(expected)
    for (x, y), (ex, ey) in zip(actual, expected, strict=True):
        assert x == pytest.approx(ex, abs=1e-9) and y == pytest.approx(ey, abs=1e-9)


def fill(store, aid, points, best=True):
    cat = store.catalog("jilin-2021")
    for n in points:
        p = cat.points[n]
        store.set_answer(aid, n, best_value(p) if best else worst_value(p), raw=False)


def test_radar_polygons_follow_the_score_after_every_edit(qtbot, store, cjk):
    aid = store.new_assessment("220100", 2021)
    charts = AssessmentCharts()
    qtbot.addWidget(charts)
    charts.resize(1000, 450)
    charts.show()
    charts.show_score(store.score(aid))
    for edit in ([1, 2, 18], [44, 13, 20], [19]):
        fill(store, aid, edit)
        charts.show_score(store.score(aid))
        for chart, level in ((charts.primary, "primary"), (charts.secondary, "secondary")):
            axes = radar_series(store.score(aid), level)
            assert_points(chart.polygon_points(), expected_vertices(axes))
            assert chart.vertex_rates() == pytest.approx([float(a.rate) for a in axes])
    # taking marks away shrinks the polygon the same way
    fill(store, aid, [18], best=False)
    charts.show_score(store.score(aid))
    axes = radar_series(store.score(aid), "primary")
    assert axes[2].rate < 100 and any(a.rate > 0 for a in axes)
    assert_points(charts.primary.polygon_points(), expected_vertices(axes))
    assert len(charts.primary.polygon_points()) == 4 and len(charts.secondary.polygon_points()) == 8


def test_axis_labels_show_name_and_rate(qtbot, store, cjk):
    aid = store.new_assessment("220100", 2021)
    fill(store, aid, [1, 2])
    chart = RadarChart()
    qtbot.addWidget(chart)
    axes = radar_series(store.score(aid), "primary")
    chart.set_series(axes, "zh")
    texts = chart.label_texts()
    assert texts[0].replace("\n", "").startswith(axes[0].name)
    assert texts[0].endswith("%") and "22.2%" in texts[0]  # 6 of 27, one decimal
    chart.set_series(axes, "en")
    assert chart.label_texts()[0].replace("\n", " ").startswith(axes[0].name_en)


def test_secondary_labels_are_short_and_wrapped(store, cjk):
    axes = radar_series(store.score(store.new_assessment("220100", 2021)), "secondary")
    for a in axes:
        label = radar_label(a, "zh")
        assert all(len(line) <= 8 for line in label.split("\n"))
        assert label.replace("\n", "") in a.name  # a clause of the real name, never made up


@pytest.mark.parametrize("size", [(360, 360), (520, 420), (900, 500)])
def test_radar_labels_do_not_overlap_or_leave_the_chart(qtbot, store, size, cjk):
    aid = store.new_assessment("220100", 2021)
    fill(store, aid, [1, 2, 3, 18, 20])
    chart = RadarChart()
    qtbot.addWidget(chart)
    chart.resize(*size)
    chart.show()
    chart.set_series(radar_series(store.score(aid), "secondary"), "zh", title="二级指标得分率")
    qtbot.waitExposed(chart)
    chart.grab()
    rects = chart.label_rects()
    bounds = chart.vb.rect().adjusted(-0.5, -0.5, 0.5, 0.5)
    for i, r in enumerate(rects):
        assert bounds.contains(r), (i, r, bounds)
        for other in rects[i + 1:]:
            assert not r.intersects(other)
    # and none lies on the chart itself: the area inside the 100 % ring
    n = len(rects)
    ring = QPolygonF([chart.vb.mapViewToScene(QPointF(math.cos(math.radians(90 - 360 * i / n)),
                                                      math.sin(math.radians(90 - 360 * i / n))))
                      for i in range(n)])
    assert ring.boundingRect().width() > 80
    for item in chart._labels:
        assert not ring.intersects(QPolygonF(item.mapRectToScene(item.boundingRect())))


def test_compare_series_is_a_dashed_outline_with_legend(qtbot, store, cjk):
    a = store.new_assessment("220100", 2021)
    b = store.new_assessment("220200", 2021)
    fill(store, a, [1, 2, 18])
    fill(store, b, [13, 44])
    charts = AssessmentCharts()
    qtbot.addWidget(charts)
    scores = [store.score(a), store.score(b)]
    charts.show_score(scores[0], "zh", compare_scores=scores, name="长春市", compare_name="平均")
    avg = average_radar(scores, "primary")
    pts = [(p.x(), p.y()) for p in charts.primary.compare_polygon.polygon()]
    assert_points(pts, expected_vertices(avg))
    assert charts.primary.compare_polygon.isVisible()
    assert charts.primary.compare_polygon.pen().style() == Qt.PenStyle.DashLine
    assert "长春市" in charts.primary.legend_text() and "平均" in charts.primary.legend_text()
    charts.show_score(scores[0])
    assert not charts.primary.compare_polygon.isVisible() and charts.primary.legend_text() == ""


def _ink(image: QImage) -> int:
    """How many sampled pixels are not white: the picture is not blank."""
    white = QColor("white").rgb()
    return sum(
        image.pixel(x, y) != white
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    )


def test_every_chart_saves_a_png_of_the_requested_size(qtbot, store, tmp_path, cjk):
    folder = tmp_path / "图 表"
    folder.mkdir()
    aid = store.new_assessment("220100", 2021)
    store.new_assessment("220200", 2021)
    store.new_assessment("220100", 2022)
    fill(store, aid, [1, 2, 18, 44])
    radar = RadarChart()
    bars = RankingBarChart()
    line = TrendChart()
    for w in (radar, bars, line):
        qtbot.addWidget(w)
    radar.set_series(radar_series(store.score(aid), "secondary"), "zh", title="二级指标得分率")
    bars.set_rows(ranking(store, 2021), "zh", "2021 年各地区总分")
    line.set_points(trend(store, "220100"), "长春市历年总分")
    for chart, name, size in ((radar, "雷达 图.png", (1200, 1000)), (bars, "排名 柱状图.png", (3000, 1600)),
                              (line, "趋势 图.png", (2400, 1400))):
        out = chart.save_png(folder / name, *size)
        assert out == folder / name
        image = QImage(str(out))
        assert (image.width(), image.height()) == size
        assert _ink(image) > 200
    assert sorted(p.name for p in folder.iterdir()) == ["排名 柱状图.png", "趋势 图.png", "雷达 图.png"]


def test_save_png_refuses_a_missing_folder_and_writes_nothing(qtbot, tmp_path, cjk):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    chart = RadarChart()
    qtbot.addWidget(chart)
    with pytest.raises(BadInput, match="does not exist"):
        chart.save_png(tmp_path / "无此目录" / "x.png", 800, 800)
    with pytest.raises(BadInput, match="PNG size"):
        chart.save_png(tmp_path / "x.png", 0, 800)
    assert list(tmp_path.iterdir()) == []


def test_context_menu_offers_save_as_png_in_the_chart_language(qtbot, store, cjk):
    chart = RadarChart()
    qtbot.addWidget(chart)
    axes = radar_series(store.score(store.new_assessment("220100", 2021)))
    chart.set_series(axes, "zh")
    assert [a.text() for a in chart.context_menu().actions()] == ["保存为 PNG…"]
    chart.set_series(axes, "en")
    assert [a.text() for a in chart.context_menu().actions()] == ["Save as PNG…"]


@pytest.mark.parametrize("cls", [RadarChart, RankingBarChart, TrendChart])
def test_right_click_on_the_plot_opens_our_menu(qtbot, cls, cjk):
    chart = cls()
    qtbot.addWidget(chart)
    chart.resize(400, 300)
    chart.show()
    qtbot.waitExposed(chart)
    viewport = chart._graphics_views()[0].viewport()
    pos = QPoint(60, 60)
    QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos)))
    menu = chart.last_menu
    assert menu.isVisible() and [a.text() for a in menu.actions()] == ["保存为 PNG…"]
    menu.close()


def test_save_dialog_writes_the_print_size_and_reports_failures(qtbot, store, tmp_path, monkeypatch, prompts, cjk):
    from jlip_desktop.gui import charts as charts_module

    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.set_points(trend(store, "220100"), "长春市历年总分")
    target = tmp_path / "导出 图"
    target.mkdir()
    asked = []

    def fake_dialog(parent, title, suggested, filters):
        asked.append(suggested)
        return str(target / "趋势"), filters

    monkeypatch.setattr(charts_module.QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    out = chart.save_png_dialog()
    assert asked == ["长春市历年总分.png"]
    assert out == target / "趋势.png"
    image = QImage(str(out))
    assert (image.width(), image.height()) == TrendChart.default_png_size
    monkeypatch.setattr(charts_module.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a: (str(tmp_path / "无此目录" / "x.png"), "")))
    assert chart.save_png_dialog() is None
    assert len(prompts.warnings) == 1 and "does not exist" in prompts.warnings[0][1]


def _ranked_store(store):
    ids = {}
    for code, points in (("220100", [1, 2]), ("220200", [1, 2, 3, 18]), ("220300", [44]), ("220400", [18])):
        ids[code] = store.new_assessment(code, 2021)
        fill(store, ids[code], points)
    return ids


def test_bars_follow_the_ranking_and_clicks_name_the_assessment(qtbot, store, cjk):
    _ranked_store(store)
    rows = ranking(store, 2021)
    chart = RankingBarChart()
    qtbot.addWidget(chart)
    chart.resize(700, 400)
    chart.show()
    chart.set_rows(rows, "zh", "2021")
    qtbot.waitExposed(chart)
    assert chart.bar_order() == [r.assessment_id for r in rows]
    assert chart.bar_heights() == [float(r.total) for r in rows]
    assert chart.bar_heights() == sorted(chart.bar_heights(), reverse=True)
    assert chart.values.texts() == [one_decimal(r.total) for r in rows]
    for i in (0, len(rows) - 1):
        with qtbot.waitSignal(chart.sig_assessment_requested, timeout=1000) as sig:
            qtbot.mouseClick(chart.plot_widget.viewport(), Qt.MouseButton.LeftButton,
                             pos=chart.bar_center(i))
        assert sig.args == [rows[i].assessment_id]
    # a click between bars asks for nothing
    left = chart.bar_center(0)
    right = chart.bar_center(1)
    gap = QPoint(round((left.x() + right.x()) / 2), round(left.y()))
    with qtbot.assertNotEmitted(chart.sig_assessment_requested):
        qtbot.mouseClick(chart.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=gap)


def test_trend_draws_the_region_totals_by_year(qtbot, store, cjk):
    a = store.new_assessment("220100", 2020)
    b = store.new_assessment("220100", 2021)
    fill(store, b, [1, 2, 18])
    fill(store, a, [44])
    chart = TrendChart()
    qtbot.addWidget(chart)
    points = trend(store, "220100")
    chart.set_points(points, "长春市")
    assert chart.line_points() == [(float(y), float(t)) for y, t in points]
    assert [t.textItem.toPlainText() for t in chart._value_items] == [one_decimal(t) for _, t in points]
    assert points[0][1] != points[1][1]
    chart.set_points([], "")
    assert chart.line_points() == [] and chart.empty.textItem.toPlainText() == "无数据"


def test_radar_is_updated_in_place_without_laying_the_chart_out_again(qtbot, store, cjk, monkeypatch):
    aid = store.new_assessment("220100", 2021)
    fill(store, aid, [1, 2, 18])
    charts = AssessmentCharts()
    qtbot.addWidget(charts)
    charts.resize(1000, 450)
    charts.show()
    charts.show_score(store.score(aid))
    chart = charts.secondary
    labels, polygon = list(chart._labels), chart.polygon
    layouts = chart.layouts
    calls = []
    for item in (chart.title_item, chart.legend):
        real = item.setText
        monkeypatch.setattr(item, "setText", lambda *a, real=real, **k: (calls.append(a), real(*a, **k)))
    fill(store, aid, [19])  # a rate changes: 0.0% -> 50.0%-ish
    charts.show_score(store.score(aid))
    assert chart._labels == labels and chart.polygon is polygon  # same items, updated
    assert calls == []  # title and legend unchanged: no layout of the chart
    assert chart.layouts == layouts
    assert_points(chart.polygon_points(), expected_vertices(radar_series(store.score(aid), "secondary")))


def assert_labels_fit(chart):
    """Every axis label inside the view, none over another."""
    rects = chart.label_rects()
    bounds = chart.vb.rect().adjusted(-0.5, -0.5, 0.5, 0.5)
    for i, rect in enumerate(rects):
        assert bounds.contains(rect), (i, rect, bounds)
        assert not any(rect.intersects(o) for o in rects[i + 1:]), i


@pytest.mark.parametrize("size", [(340, 240), (520, 420), (900, 500)])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_rate_lays_the_radar_out_again(qtbot, store, cjk, size, lang):
    """The scale leaves every label room for the widest rate it can show, so rates from 0.0% to 100.0%
    change the labels' texts and the polygon, never the scale; the labels still fit and don't overlap."""
    axes = radar_series(store.score(store.new_assessment("220100", 2021)), "secondary")
    chart = RadarChart()
    qtbot.addWidget(chart)
    chart.resize(*size)
    chart.show()
    chart.set_series(axes, lang, title="二级指标得分率")
    qtbot.waitExposed(chart)
    chart.grab()
    layouts, view_range, compact = chart.layouts, chart.vb.viewRange(), chart.compact
    for rates in ([0] * 8, ["9.9"] * 8, [100] * 8, [10, 100, 0, "55.6", 100, "9.9", 100, 0], [100, 0] * 4):
        shown = [dataclasses.replace(a, rate=Decimal(str(r))) for a, r in zip(axes, rates, strict=True)]
        chart.set_series(shown, lang, title="二级指标得分率")
        chart.grab()
        assert chart.layouts == layouts and chart.vb.viewRange() == view_range and chart.compact == compact
        assert chart.vertex_rates() == pytest.approx([float(r) for r in rates])
        assert all(t.endswith(f"\n{one_decimal(a.rate)}%") or t.endswith(f"  {one_decimal(a.rate)}%")
                   for t, a in zip(chart.label_texts(), shown, strict=True))
        for i in range(8):  # the room kept for each label holds it
            (w, h), (rw, rh) = chart.label_size(i), chart.reserved_size(i)
            assert w <= rw + 1e-6 and h <= rh + 1e-6
        assert_labels_fit(chart)
    # other names (the language) do lay it out again
    chart.set_series(axes, "en" if lang == "zh" else "zh", title="二级指标得分率")
    assert chart.layouts == layouts + 1


@pytest.mark.parametrize("size", [(360, 260), (340, 240)])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_small_radar_numbers_its_axes_with_a_key_and_keeps_a_readable_size(qtbot, store, cjk, size, lang):
    aid = store.new_assessment("220100", 2021)
    fill(store, aid, [1, 2, 3, 18, 20])
    chart = RadarChart()
    qtbot.addWidget(chart)
    chart.resize(*size)
    chart.show()
    axes = radar_series(store.score(aid), "secondary")
    chart.set_series(axes, lang, title="二级指标得分率")
    qtbot.waitExposed(chart)
    chart.grab()
    assert chart.compact
    assert chart.label_texts()[0] == f"1  {one_decimal(axes[0].rate)}%"  # up: one line
    assert chart.label_texts()[2] == f"3\n{one_decimal(axes[2].rate)}%"  # beside: two lines
    key = chart.key_text()
    assert all(f"{a.number} " in key for a in axes)
    assert radar_label(axes[1], lang).replace("\n", "" if lang == "zh" else " ") in key.replace("\n", " ")
    # the radar keeps a radius it would not have with the names at the spokes (5 px, the floor, here)
    r = abs(chart.vb.mapViewToScene(QPointF(1, 0)).x() - chart.vb.mapViewToScene(QPointF(0, 0)).x())
    assert r >= 10
    rects = chart.label_rects()
    bounds = chart.vb.rect().adjusted(-0.5, -0.5, 0.5, 0.5)
    for i, rect in enumerate(rects):
        assert bounds.contains(rect)
        assert not any(rect.intersects(o) for o in rects[i + 1:])
    # given room again, the names come back to the spokes and the key goes
    chart.resize(900, 600)
    qtbot.waitUntil(lambda: not chart.compact)
    assert chart.key_text() == ""
    assert chart.label_texts()[0].startswith(radar_label(axes[0], lang).split("\n")[0])
