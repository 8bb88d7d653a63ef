"""方案 › 导入方案…: the linter's report as a table, install only a scheme without problems."""

import sys
from pathlib import Path

from openpyxl import load_workbook

from jlip_desktop.core.catalog import get_catalog
from jlip_desktop.exchange.scheme_xlsx import write_scheme_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from second_scheme import SECOND_ID, write_second  # noqa: E402


def five_mistakes(folder: Path) -> Path:
    """The shipped scheme's workbook with five different mistakes."""
    path = folder / "方案 五处错误.xlsx"
    write_scheme_workbook(get_catalog("jilin-2021"), path)
    wb = load_workbook(path)
    p, s = wb["points"], wb["settings"]
    p["D20"] = 5  # point (18) max: tertiary 9 no longer adds up
    p["E12"] = 0.3  # point (10) unit: cap 1 unreachable
    p["K19"] = "99"  # point (17) requires a missing point
    p["H11"].value = None  # point (9): empty domain list
    for r in range(3, s.max_row + 1):
        if s.cell(r, 1).value == "bands":
            s.cell(r, 2).value = "优秀 ≥ 70；良好 ≥ 85；一般 ≥ 60；较差 ≥ 0"
    wb.save(path)
    return path


def test_the_linter_report_is_a_table_and_nothing_installs(qtbot, store, tmp_path):
    from jlip_desktop.gui.schemes import SchemeImportDialog

    dlg = SchemeImportDialog(store)
    qtbot.addWidget(dlg)
    dlg.load(five_mistakes(tmp_path))
    t = dlg.table
    assert t.rowCount() == 5 and not dlg.install_button.isEnabled()
    rows = [[t.item(r, c).text() for c in range(5)] for r in range(5)]
    assert rows[0][:3] == ["settings（设置）", "9", "B（value）"] and "顺序不对" in rows[0][3]
    assert rows[1][:3] == ["indicators（指标）", "18", "F（max）"] and "合计 5" in rows[1][3]
    assert rows[4][:3] == ["points（考核要点）", "19", "K（requires）"] and "（99）不存在" in rows[4][3]
    assert all(r[4] for r in rows)
    assert "5" in dlg.summary.text()
    assert [r[0] for r in store.conn.execute("SELECT id FROM catalogues")] == ["jilin-2021"]


def test_a_sound_scheme_installs_and_a_second_load_says_it_is_there(qtbot, store, tmp_path, prompts):
    from jlip_desktop.gui.schemes import SchemeImportDialog

    dlg = SchemeImportDialog(store)
    qtbot.addWidget(dlg)
    dlg.load(write_second(tmp_path))
    assert dlg.table.rowCount() == 0 and dlg.install_button.isEnabled()
    assert SECOND_ID in dlg.summary.text() and "120" in dlg.summary.text()
    dlg.install_button.click()
    assert dlg.installed_id == SECOND_ID and prompts.infos
    assert SECOND_ID in [r[0] for r in store.conn.execute("SELECT id FROM catalogues")]
    dlg2 = SchemeImportDialog(store)
    qtbot.addWidget(dlg2)
    dlg2.load(write_second(tmp_path))
    assert "已安装" in dlg2.summary.text() or "already installed" in dlg2.summary.text()


def test_the_scheme_menu_is_in_the_main_window_and_speaks_both_languages(make_window):
    w = make_window("zh")
    menu = w.menus["scheme"]
    assert menu.title().replace("&", "").startswith("方案")
    assert "导入方案" in w.actions["import_scheme"].text()
    w.set_language("en")
    assert "Import scheme" in w.actions["import_scheme"].text()
    titles = [a.text().replace("&", "") for a in w.menuBar().actions()]
    assert titles.index("Scheme") == titles.index("Help") - 1
