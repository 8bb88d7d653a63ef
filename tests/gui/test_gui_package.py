"""File › 导出上报材料包: the package written from the app, with its limits worded in Chinese."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from jlip_desktop.gui import messages


@pytest.fixture
def save_to(tmp_path, monkeypatch):
    chosen = {"path": tmp_path / "上报 材料" / "长春市-2021 上报材料包.zip"}
    chosen["path"].parent.mkdir()

    def fake(_parent, _title, suggested, filt):
        chosen["suggested"], chosen["filter"] = suggested, filt
        return str(chosen["path"]), filt

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return chosen


def test_export_package_from_the_file_menu(make_window, store, draft, save_to, monkeypatch):
    store.add_evidence(draft, 3, "会议 纪要.pdf", b"%PDF-1.4 minutes")
    w = make_window()
    w.open_assessment(draft)
    action = w.actions["export_package"]
    assert action.text() == "导出上报材料包(&K)…" and action.isEnabled()
    assert action in w.menus["file"].actions()
    answers = iter([True, False])  # export the draft anyway: yes; open the saved file: no
    asked = []
    monkeypatch.setattr(messages, "ask", lambda _p, title, text: asked.append(title) or next(answers))
    out = w.export_package()
    assert out == save_to["path"] and Path(save_to["suggested"]).name == "长春市-2021 上报材料包.zip"
    assert asked[0] == "导出草稿？"
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
    assert any(n.endswith("/会议 纪要.pdf") and n.startswith("证据材料/（3）") for n in names)
    assert "manifest.json" in names and store.assessment(draft).export_revision == 1


def test_export_package_over_a_limit_says_so_in_chinese(make_window, store, draft, save_to, prompts, monkeypatch):
    from jlip_desktop.exchange import package

    store.add_evidence(draft, 5, "扫描 件.pdf", b"x" * 5000)
    monkeypatch.setattr(package, "MAX_EVIDENCE_FILE", 1024)
    w = make_window()
    w.open_assessment(draft)
    assert w.export_package() is None
    [(title, text)] = prompts.warnings
    assert title == "导出上报材料包" and "未导出" in text and "扫描 件.pdf" in text and "要点（5）" in text
    assert not save_to["path"].exists() and store.assessment(draft).export_revision == 0
