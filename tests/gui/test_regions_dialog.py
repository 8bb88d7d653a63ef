"""设置 › 行政区划…: the region list, a CSV import that renames, and a refused one that changes nothing."""

from __future__ import annotations

from jlip_desktop.gui.regions_dialog import RegionsDialog


def write_csv(store, path, edit):
    rows = [[r.code, r.name, r.parent or ""] for r in store.regions()]
    path.write_text("code,name,parent\n" + "".join(",".join(r) + "\n" for r in edit(rows)), encoding="utf-8")
    return path


def test_the_settings_menu_opens_the_region_list(make_window, monkeypatch):
    w = make_window()
    action = w.actions["regions"]
    assert action in w.menus["settings"].actions() and action.text() == "行政区划(&D)…"
    assert w.menus["settings"].title() == "设置(&T)"
    shown = []
    monkeypatch.setattr(RegionsDialog, "exec", lambda self: shown.append(self.tree.topLevelItemCount()) or 0)
    action.trigger()
    assert shown == [1]  # 吉林省 at the top


def test_import_renames_and_the_navigator_follows(make_window, store, draft, tmp_path, prompts, qtbot):
    w = make_window()
    dlg = RegionsDialog(store, "zh", None, w)
    qtbot.addWidget(dlg)
    path = write_csv(store, tmp_path / "地区 表.csv",
                     lambda rows: [[c, "长春（新）" if c == "220100" else n, p] for c, n, p in rows])
    assert dlg.import_csv(str(path))
    assert "1" in prompts.infos[-1][1] and store.region("220100").name == "长春（新）"
    assert dlg.tree.topLevelItem(0).child(0).text(0) == "长春（新）"
    qtbot.waitUntil(lambda: w.navigator._regions["220100"].text(0) == "长春（新）")
    assert store.assessment(draft).region == "220100"


def test_a_refused_file_changes_nothing_and_is_worded(qtbot, store, draft, tmp_path, prompts):
    dlg = RegionsDialog(store, "zh")
    qtbot.addWidget(dlg)
    store.new_assessment("220183", 2021)
    before = store.regions()
    path = write_csv(store, tmp_path / "bad.csv", lambda rows: [r for r in rows if r[0] != "220183"])
    assert not dlg.import_csv(str(path))
    assert store.regions() == before
    title, text = prompts.warnings[-1]
    assert ("未导入" in text or "not imported" in text) and ("德惠" in text or "Dehui" in text or "220183" in text)


def test_refusal_wording_is_chinese(qtbot, store, draft, tmp_path):
    from jlip_desktop.core.errors import BadInput
    from jlip_desktop.core.regions import import_regions
    from jlip_desktop.gui.i18n import Translations
    from jlip_desktop.gui.messages import describe

    Translations().install("zh")
    store.new_assessment("220183", 2021)
    path = write_csv(store, tmp_path / "bad.csv", lambda rows: [r for r in rows if r[0] != "220183"])
    try:
        import_regions(store, path)
    except BadInput as e:
        words = describe(e).text
    assert "已有评估的地区不能删除" in words and ("德惠" in words or "220183" in words)
