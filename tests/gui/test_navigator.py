"""Navigator: built once, lazily (a region's children when expanded), region search by name or pinyin initials."""

from __future__ import annotations

from jlip_desktop.gui.navigator import Navigator, NavigatorPane


def test_built_once_and_lazily(qtbot, store):
    a = store.new_assessment("220183", 2021)  # 德惠市 under 长春市
    nav = Navigator(store)
    qtbot.addWidget(nav)
    assert nav.builds == 1
    assert "220100" in nav._regions  # the province open, its prefectures shown
    assert "220183" not in nav._regions and a not in nav._assessments  # counties not loaded yet
    changchun = nav._regions["220100"]
    assert changchun.font(0).bold()  # it has an assessment below: shown without loading it
    changchun.setExpanded(True)
    assert "220183" in nav._regions and nav._regions["220183"].font(0).bold()
    nav.select_assessment(a)
    assert nav.current_assessment() == a
    b = store.new_assessment("220183", 2022)
    nav.refresh()
    assert nav.builds == 1 and b in nav._assessments
    assert [nav._regions["220183"].child(i).text(0)[:4] for i in range(2)] == ["2022", "2021"]


def test_selecting_an_assessment_in_an_unloaded_region_loads_its_path(qtbot, store):
    a = store.new_assessment("222426", 2021)  # 安图县 under 延边州
    nav = Navigator(store)
    qtbot.addWidget(nav)
    assert a not in nav._assessments
    nav.select_assessment(a)
    assert nav.current_assessment() == a and nav.current_region() == "222426"


def test_main_window_builds_the_navigator_once(make_window, store, draft):
    w = make_window()
    assert w.navigator.builds == 1
    assert w.navigator.current_assessment() == draft


def test_search_by_name_or_pinyin_initials(qtbot, store):
    nav = Navigator(store)
    pane = NavigatorPane(nav)
    qtbot.addWidget(pane)
    pane.show()
    assert nav.find_regions("德惠")[0] == "220183"
    assert "220183" in nav.find_regions("dh") and "220183" in nav.find_regions("DHS")
    assert nav.find_regions("220183") == ["220183"]
    assert nav.find_regions("dehui") == ["220183"]  # the English name
    pane.search.setFocus()
    qtbot.keyClicks(pane.search, "dh")
    model = pane.completer.completionModel()
    shown = [model.index(i, 0).data() for i in range(model.rowCount())]
    assert any(s.startswith("德惠市") for s in shown)
    pane.search.setText("德惠")
    assert pane.go()
    assert nav.current_region() == "220183"
    pane.search.setText("xyzxyz")
    assert not pane.go()


def test_the_change_notification_updates_the_tree_without_rebuilding(qtbot, store):
    a = store.new_assessment("220100", 2021)
    nav = Navigator(store)
    qtbot.addWidget(nav)
    nav.select_assessment(a)
    b = store.new_assessment("220100", 2020)  # made elsewhere: nobody calls refresh()
    qtbot.waitUntil(lambda: b in nav._assessments)
    store.delete_assessment(b)
    qtbot.waitUntil(lambda: b not in nav._assessments)
    assert nav.builds == 1 and nav.current_assessment() == a


def test_first_assessment_is_the_first_listed(qtbot, store):
    ids = [store.new_assessment(code, year) for code, year in
           (("220183", 2020), ("220300", 2021), ("220100", 2021), ("220200", 2019))]
    nav = Navigator(store)
    qtbot.addWidget(nav)
    assert nav.first_assessment() == store.list_assessments()[0].id == ids[2]  # 2021, 长春 before 四平
