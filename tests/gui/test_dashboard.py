"""Province dashboard: rows and bars in ranking order, clicks open the right assessment, 100 regions stay readable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF

from jlip_desktop.core.chartdata import average_radar, radar_series, ranking, trend
from jlip_desktop.core.scoring import best_value, one_decimal, worst_value
from jlip_desktop.gui.charts import cjk_family
from jlip_desktop.gui.dashboard import DashboardWidget, RankingTableModel


@pytest.fixture
def cjk(qapp):
    return cjk_family()


def make(store, code, year, pattern, submit=True):
    """A submitted assessment whose answers follow a 0/1 pattern over the points (1 = full marks)."""
    cat = store.catalog("jilin-2021")
    answers = {
        n: best_value(p) if pattern[(n - 1) % len(pattern)] else worst_value(p)
        for n, p in cat.points.items()
    }
    aid = store.new_assessment(code, year, answers=answers)
    if submit:  # marked submitted directly: the patterns don't keep the catalogue's requires rules
        with store.transaction() as c:
            c.execute("UPDATE assessments SET status = 'submitted' WHERE id = ?", (aid,))
    return aid


@pytest.fixture
def year_db(store):
    """Six regions in 2021 (two with equal totals), and Changchun in 2019 and 2020 too."""
    patterns = {
        "220100": [1, 1, 0], "220200": [1, 0], "220300": [1, 1, 1, 0], "220400": [0, 1],
        "220500": [1, 0, 0], "220600": [1, 1, 0, 0, 1],
    }
    for code, pat in patterns.items():
        make(store, code, 2021, pat)
    make(store, "220100", 2019, [1, 0, 0, 0])
    make(store, "220100", 2020, [1, 0])
    return store


def open_dashboard(qtbot, store, size=(1366, 768)):
    dash = DashboardWidget(store)
    qtbot.addWidget(dash)
    dash.resize(*size)
    dash.show()
    qtbot.waitExposed(dash)
    return dash


def test_rows_and_bars_follow_the_ranking(qtbot, year_db, cjk):
    dash = open_dashboard(qtbot, year_db)
    assert dash.year() == 2021  # the newest year first
    rows = ranking(year_db, 2021)
    assert len({r.total for r in rows}) < len(rows)  # the data has a tie to break
    ids = [r.assessment_id for r in rows]
    assert dash.table_order() == ids
    assert dash.bars.bar_order() == ids
    model = dash.proxy
    for i, r in enumerate(rows):
        assert model.index(i, RankingTableModel.COL_RANK).data() == str(r.rank)
        assert model.index(i, RankingTableModel.COL_REGION).data() == r.region_name
        assert model.index(i, RankingTableModel.COL_TOTAL).data() == one_decimal(r.total)
        assert model.index(i, RankingTableModel.COL_GRADE).data().startswith(r.grade)
        for j, number in enumerate(r.score.catalog.primary):
            assert model.index(i, RankingTableModel.FIXED + j).data() == one_decimal(r.score.primary[number])


def test_table_sorts_by_any_column_and_back_to_the_ranking(qtbot, year_db, cjk):
    dash = open_dashboard(qtbot, year_db)
    rows = ranking(year_db, 2021)
    third = RankingTableModel.FIXED + 2  # primary indicator 3
    dash.table.sortByColumn(third, Qt.SortOrder.DescendingOrder)
    by_third = [dash.proxy.index(i, third).data() for i in range(len(rows))]
    assert [float(v) for v in by_third] == sorted((float(v) for v in by_third), reverse=True)
    dash.table.sortByColumn(RankingTableModel.COL_RANK, Qt.SortOrder.AscendingOrder)
    assert dash.table_order() == [r.assessment_id for r in rows]
    assert dash.bars.bar_order() == [r.assessment_id for r in rows]  # bars never re-sort


def test_double_click_or_enter_on_a_row_and_bar_click_request_that_assessment(qtbot, year_db, cjk):
    dash = open_dashboard(qtbot, year_db)
    rows = ranking(year_db, 2021)
    index = dash.proxy.index(2, RankingTableModel.COL_REGION)
    rect = dash.table.visualRect(index)
    # QTest's double click is a lone DblClick event; a real one starts with a click
    qtbot.mouseClick(dash.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(dash.sig_assessment_requested, timeout=1000) as sig:
        qtbot.mouseDClick(dash.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sig.args == [rows[2].assessment_id]
    dash.table.setFocus()
    dash.table.setCurrentIndex(dash.proxy.index(4, 0))
    with qtbot.waitSignal(dash.sig_assessment_requested, timeout=1000) as sig:
        qtbot.keyClick(dash.table, Qt.Key.Key_Return)
    assert sig.args == [rows[4].assessment_id]
    with qtbot.waitSignal(dash.sig_assessment_requested, timeout=1000) as sig:
        qtbot.mouseClick(dash.bars.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=dash.bars.bar_center(1))
    assert sig.args == [rows[1].assessment_id]


def test_compare_shows_the_region_against_the_average_and_its_trend(qtbot, year_db, cjk):
    dash = open_dashboard(qtbot, year_db)
    rows = ranking(year_db, 2021)
    avg = average_radar([r.score for r in rows], "primary")
    dash.select_region("220100")
    mine = next(r for r in rows if r.region == "220100")
    assert dash.radar.vertex_rates() == pytest.approx([float(a.rate) for a in radar_series(mine.score, "primary")])
    drawn_avg = [(p.x() ** 2 + p.y() ** 2) ** 0.5 * 100 for p in dash.radar.compare_polygon.polygon()]
    assert drawn_avg == pytest.approx([float(a.rate) for a in avg])
    assert "长春市" in dash.radar.legend_text() and "6" in dash.radar.legend_text()
    assert dash.trend.line_points() == [(float(y), float(t)) for y, t in trend(year_db, "220100")]
    assert len(dash.trend.line_points()) == 3
    # choosing a row in the table picks the compared region
    row = dash.table_order().index(next(r.assessment_id for r in rows if r.region == "220300"))
    dash.table.setCurrentIndex(dash.proxy.index(row, 0))
    assert dash.compare_combo.currentData() == "220300"
    assert len(dash.trend.line_points()) == 1
    # its bar is the one coloured apart
    colours = [b.color().name() for b in dash.bars.bar_brushes()]
    picked = dash.bars.bar_order().index(next(r.assessment_id for r in rows if r.region == "220300"))
    assert colours.count(colours[picked]) == 1 and len(set(colours)) == 2
    # and the secondary level draws 8 axes
    dash.level_combo.setCurrentIndex(dash.level_combo.findData("secondary"))
    assert len(dash.radar.polygon_points()) == 8


def test_year_selector_and_refresh(qtbot, year_db, cjk):
    dash = open_dashboard(qtbot, year_db)
    assert [dash.year_combo.itemData(i) for i in range(dash.year_combo.count())] == [2021, 2020, 2019]
    dash.set_year(2019)
    assert dash.table_order() == [r.assessment_id for r in ranking(year_db, 2019)]
    assert dash.proxy.rowCount() == 1
    new = make(year_db, "220200", 2019, [1])
    dash.refresh()
    assert dash.year() == 2019 and new in dash.table_order()
    assert dash.table_order() == [r.assessment_id for r in ranking(year_db, 2019)]


def test_english(qtbot, year_db, cjk):
    dash = open_dashboard(qtbot, year_db)
    dash.set_language("en")
    model = dash.proxy
    assert model.headerData(RankingTableModel.COL_TOTAL, Qt.Orientation.Horizontal) == "Total"
    assert model.index(0, RankingTableModel.COL_REGION).data().isascii()
    grades = [model.index(i, RankingTableModel.COL_GRADE).data() for i in range(model.rowCount())]
    assert all(g.isascii() for g in grades)
    assert all(label.isascii() for label in dash.bars.axis.labels)
    assert [a.text() for a in dash.bars.context_menu().actions()] == ["Save as PNG…"]


def test_an_empty_database_opens(qtbot, store, cjk):
    dash = open_dashboard(qtbot, store)
    assert dash.year() is None and dash.table_order() == [] and dash.bars.bar_order() == []


def test_one_hundred_regions_in_a_year_stay_readable(qtbot, store, cjk):
    # Jilin has 71 regions; the other 29 are made-up rows inserted straight into this test
    # database's regions table (codes 99xxxx), so one year holds 100 assessments.
    real = [r.code for r in store.regions()]
    with store.transaction() as c:
        for k in range(100 - len(real)):
            c.execute(
                "INSERT INTO regions(code, name, short, name_en, parent, level, sort) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (f"99{k:04d}", f"测试地区{k}号", f"测试{k}区", f"Test region {k}", "220000", "county", 1000 + k),
            )
    codes = [r.code for r in store.regions()]
    assert len(codes) == 100
    for i, code in enumerate(codes):
        make(store, code, 2021, [1] * (i % 7 + 1) + [0] * (i % 5 + 1))
    dash = open_dashboard(qtbot, store)
    rows = ranking(store, 2021)
    assert len(rows) == 100
    assert dash.table_order() == dash.bars.bar_order() == [r.assessment_id for r in rows]

    bars = dash.bars
    bars.plot_widget.grab()  # paint once, so the axis lays its labels out
    rects = bars.axis.drawn_rects
    assert len(rects) == 100
    line = QFontMetricsF(bars.axis.font).height()
    assert line >= 12  # no shrinking the text to make it fit
    for a, b in zip(rects, rects[1:], strict=False):
        assert a.right() <= b.left()  # side by side, never on top of each other
    axis_box = bars.axis.boundingRect()
    assert all(axis_box.contains(r) for r in rects)  # the labels fit under the bars, not clipped
    # instead of squeezing, the chart scrolls sideways
    assert bars.plot_widget.width() > bars.scroll.viewport().width()
    assert bars.scroll.horizontalScrollBar().maximum() > 0
    # value labels turn upright when a bar is narrower than its number
    assert bars.values.upright


def test_tier_filter_ranks_cities_and_counties_apart(qtbot, year_db, cjk):
    county = make(year_db, "220183", 2021, [1])  # 德惠市, county level, full marks: first overall
    dash = open_dashboard(qtbot, year_db)
    assert dash.table_order()[0] == county
    dash.set_tier("prefecture")
    assert county not in dash.table_order()
    assert dash.table_order() == [r.assessment_id for r in ranking(year_db, 2021, "prefecture")]
    assert dash.bars.bar_order() == dash.table_order()
    dash.set_tier("county")
    assert dash.table_order() == [county] and dash.bars.bar_order() == [county]
    dash.set_language("en")
    assert dash.tier_combo.currentData() == "county" and dash.tier_combo.currentText() == "County level"
    dash.set_tier(None)
    assert dash.table_order()[0] == county and len(dash.table_order()) == 7


def _many_regions(store, n):
    """n county-level regions (made-up codes under 40 made-up prefectures) inserted straight into the table."""
    with store.transaction() as c:
        codes, k = [], 0
        for pre in range(40):
            pc = f"{31 + pre // 9:02d}{pre % 9 + 1:02d}00"
            c.execute("INSERT INTO regions(code, name, short, name_en, parent, level, sort) VALUES (?,?,?,?,?,?,?)",
                      (pc, f"测{pre}市", f"测{pre}市", f"P{pre}", "220000", "prefecture", 1000 + k))
            k += 1
            for j in range(70):
                code = f"{pc[:4]}{j + 1:02d}"
                c.execute("INSERT INTO regions(code, name, short, name_en, parent, level, sort) VALUES (?,?,?,?,?,?,?)",
                          (code, f"测{pre}县{j}", f"测{pre}县{j}", f"C{pre}-{j}", pc, "county", 1000 + k))
                k += 1
                codes.append(code)
    return codes[:n]


def test_2800_regions_bars_and_table_equal_the_ranking_filled_once(qtbot, store, cjk):
    codes = _many_regions(store, 2800)
    with store.transaction():
        for i, code in enumerate(codes):
            make(store, code, 2021, [1] * (i % 7 + 1) + [0] * (i % 5 + 1))
    dash = open_dashboard(qtbot, store)
    rows = ranking(store, 2021)
    assert len(rows) == 2800
    assert dash.fills == 1  # filled once on open
    assert dash.table_order() == dash.bars.bar_order() == [r.assessment_id for r in rows]
    assert dash.bars.bar_heights() == [float(r.total) for r in rows]
    assert dash.bars.values.texts() == [one_decimal(r.total) for r in rows]
    # the values are one item, not one item per bar
    texts = [i for i in dash.bars.vb.childGroup.childItems() if type(i).__name__ == "TextItem"]
    assert texts == []
    dash.set_language("zh")
    assert dash.fills == 1  # the same language fills nothing again


def test_window_opens_the_dashboard_filled_once_in_english(make_window, store, draft):
    w = make_window("en")
    w.show_dashboard()
    assert w.dashboard_window.widget.fills == 1
    assert w.dashboard_window.widget.model.headerData(1, Qt.Orientation.Horizontal) == "Region"


def test_an_edit_reaches_an_open_dashboard_through_the_change_notification(qtbot, year_db, cjk):
    dash = open_dashboard(qtbot, year_db)
    dash.set_include_incomplete(True)
    last = ranking(year_db, 2021)[-1]
    with year_db.transaction() as c:
        c.execute("UPDATE assessments SET status = 'draft' WHERE id = ?", (last.assessment_id,))
    cat = year_db.catalog("jilin-2021")
    for n, p in cat.points.items():
        year_db.set_answer(last.assessment_id, n, best_value(p))
    qtbot.waitUntil(lambda: dash.rows()[0].assessment_id == last.assessment_id)
    assert [r.total for r in dash.rows()] == [r.total for r in ranking(year_db, 2021)]


def test_drafts_and_incomplete_ones_are_listed_unranked_and_marked(qtbot, year_db, cjk):
    draft = make(year_db, "220700", 2021, [1], submit=False)  # complete, full marks, still a draft
    partial = year_db.new_assessment("220800", 2021, answers={1: True, 2: True})  # 2 of 44 answered
    dash = open_dashboard(qtbot, year_db)
    ranked = [r.assessment_id for r in dash.rows()]
    assert draft not in ranked and partial not in ranked
    assert dash.bars.bar_order() == ranked  # no bar for them
    assert dash.table_order()[-2:] == sorted([draft, partial], key=dash.table_order().index)
    assert set(dash.table_order()[-2:]) == {draft, partial} and dash.left_out() == 2
    assert dash.left_out_label.text() != ""
    m = dash.model
    row = next(i for i in range(m.rowCount()) if m.row_at(i).assessment_id == partial)
    cells = [m.index(row, c).data() for c in range(m.columnCount())]
    assert cells[m.COL_RANK] == "—"
    assert cells[m.COL_ANSWERED] == "2/44" and cells[m.COL_STATUS] == "草稿"
    assert cells[m.COL_GRADE] == "未完成"  # not 较差
    assert m.headerData(m.COL_STATUS, Qt.Orientation.Horizontal) == "状态"
    assert m.headerData(m.COL_ANSWERED, Qt.Orientation.Horizontal) == "已答"
    # the option ranks them, still marked
    dash.set_include_incomplete(True)
    assert draft in dash.bars.bar_order() and partial in dash.bars.bar_order()
    assert dash.rows()[0].assessment_id == draft and dash.left_out() == 0
    row = next(i for i in range(m.rowCount()) if m.row_at(i).assessment_id == partial)
    assert m.index(row, m.COL_GRADE).data() == "未完成" and m.index(row, m.COL_RANK).data() != "—"


@pytest.mark.parametrize("screen", [(1024, 768), (800, 600)])
def test_dashboard_window_fits_the_screen_and_ignores_a_saved_size_that_does_not(qtbot, year_db, settings, screen,
                                                                                 monkeypatch, cjk):
    from PySide6.QtCore import QByteArray, QRect
    from PySide6.QtGui import QScreen

    from jlip_desktop.gui.dashboard import DashboardWindow

    avail = QRect(0, 0, screen[0], screen[1] - 40)  # a taskbar at the bottom
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(avail))
    win = DashboardWindow(year_db, "zh", settings)
    qtbot.addWidget(win)
    assert win.width() <= avail.width() and win.height() <= avail.height()
    assert avail.contains(win.geometry())
    # a geometry saved on a bigger screen is not restored as it was
    big = DashboardWindow(year_db, "zh", None)
    qtbot.addWidget(big)
    big.setGeometry(0, 0, 1800, 1000)
    settings.setValue(DashboardWindow.GEOMETRY_KEY, big.saveGeometry())
    again = DashboardWindow(year_db, "zh", settings)
    qtbot.addWidget(again)
    assert again.width() <= avail.width() and again.height() <= avail.height()
    # one that fits is
    small = DashboardWindow(year_db, "zh", None)
    qtbot.addWidget(small)
    small.setGeometry(10, 20, 640, 420)
    settings.setValue(DashboardWindow.GEOMETRY_KEY, small.saveGeometry())
    restored = DashboardWindow(year_db, "zh", settings)
    qtbot.addWidget(restored)
    assert (restored.width(), restored.height()) == (640, 420)
    assert isinstance(settings.value(DashboardWindow.GEOMETRY_KEY), QByteArray)


def test_opening_an_assessment_from_the_dashboard_keeps_it_open_as_a_window_of_its_own(make_window, year_db, qtbot):
    w = make_window()
    w.show_dashboard()
    dash = w.dashboard_window
    qtbot.waitExposed(dash)
    target = dash.widget.rows()[1].assessment_id
    bars = dash.widget.bars
    bars.plot_widget.grab()
    qtbot.mouseClick(bars.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=bars.bar_center(1))
    assert w.view.assessment_id == target
    assert dash.isVisible() and not dash.isMinimized()
    assert dash.parent() is None  # its own taskbar entry, not an owned window hidden behind the main one
    w.show_dashboard()  # Ctrl+D brings the same window back
    assert w.dashboard_window is dash and dash.isVisible()
    w.close()
    assert not dash.isVisible()  # closed with the main window
