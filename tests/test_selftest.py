"""`jlip-desktop --self-test`: passes on a sound installation, fails (and says why) on a broken one."""

from __future__ import annotations

import dataclasses
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest

from jlip_desktop.gui import selftest


@pytest.fixture
def run_selftest(qapp, tmp_path, monkeypatch, capsys):
    """Run the self-test in-process; its temporary folder goes under tmp_path.

    The bindings probe is pinned to "sound" here: whether the installed
    PySide6 is sound has its own test (tests/gui/test_gui_singleton_guard.py).
    """
    monkeypatch.setattr(selftest, "none_refs_lost", lambda calls: 0)
    temp_root = tmp_path / "临时 文件夹"
    temp_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp_root))

    def run(*argv: str) -> tuple[int, list[str]]:
        rc = selftest.run(list(argv))
        return rc, capsys.readouterr().out.splitlines()

    run.temp_root = temp_root
    return run


def _failed(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("FAIL")]


def test_self_test_passes_and_leaves_nothing_behind(run_selftest):
    from jlip_desktop.core import paths

    rc, lines = run_selftest()
    assert _failed(lines) == []
    assert rc == 0
    checks = [line.split(":")[0][5:] for line in lines if line.startswith("OK ")]
    for name in ("interface", "Qt bindings", "Chinese font", "translations", "database", "main window", "edit a point",
                 "saved", "charts", "Excel export", "Excel import", "PDF report"):
        assert name in checks
    assert lines[-1].startswith("self-test passed")
    assert list(run_selftest.temp_root.iterdir()) == []
    assert not paths.default_db_path().exists()  # the user's database is never opened


def test_wrong_total_fails_the_self_test(run_selftest, monkeypatch):
    from jlip_desktop.core import scoring

    real = scoring.score

    def off_by_one(catalog, answers):
        sc = real(catalog, answers)
        return dataclasses.replace(sc, total=sc.total + Decimal(1))

    monkeypatch.setattr(scoring, "score", off_by_one)
    rc, lines = run_selftest()
    assert rc == 1
    assert any(line.startswith("FAIL edit a point: the window shows") for line in lines)
    assert lines[-1].startswith("self-test FAILED")


def test_a_glyph_missing_from_the_font_fails_the_self_test(run_selftest, monkeypatch):
    monkeypatch.setattr(selftest, "GLYPHS", selftest.GLYPHS + "\U0010fffd")  # in no font
    rc, lines = run_selftest()
    assert rc == 1
    assert [line.split(":")[0] for line in _failed(lines)] == ["FAIL Chinese font"]
    assert "would show as boxes" in _failed(lines)[0]


def test_without_a_shipped_sample_a_small_database_is_built(run_selftest, monkeypatch, tmp_path):
    from jlip_desktop.core import paths

    monkeypatch.setattr(paths, "sample_db_path", lambda: tmp_path / "no sample.sqlite")
    rc, lines = run_selftest()
    assert rc == 0
    assert any(line.startswith("OK   database: no sample database shipped") for line in lines)


def test_an_unexpected_dialog_fails_instead_of_hanging(run_selftest, monkeypatch):
    from jlip_desktop.gui import mainwindow, messages

    def open_with_warning(self, assessment_id):
        messages.warn(self, "坏了", "意外的对话框")

    monkeypatch.setattr(mainwindow.MainWindow, "open_assessment", open_with_warning)
    rc, lines = run_selftest()
    assert rc == 1
    assert any(line.startswith("FAIL main window: an unexpected dialog appeared") and "意外的对话框" in line
               for line in lines)


def test_report_file_holds_the_same_lines_and_keep_leaves_the_exports(run_selftest, tmp_path):
    report = tmp_path / "自检 结果.txt"
    rc, lines = run_selftest("--self-test", "--report", str(report), "--keep")
    assert rc == 0
    assert report.read_text(encoding="utf-8").splitlines() == lines
    kept = list(run_selftest.temp_root.iterdir())
    assert len(kept) == 1 and kept[0].name.startswith(selftest.TEMP_PREFIX)
    assert {selftest.XLSX_NAME, selftest.PDF_NAME, selftest.DB_NAME} <= {p.name for p in kept[0].iterdir()}
    assert any(str(kept[0]) in line for line in lines)
    assert (kept[0] / selftest.PDF_NAME).read_bytes().startswith(b"%PDF-")


def test_desktop_program_dispatches_self_test(qapp, capsys, monkeypatch):
    from jlip_desktop.gui.app import main

    monkeypatch.setattr(selftest, "none_refs_lost", lambda calls: 0)
    assert main(["--self-test"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("self-test passed")


def test_bindings_that_lose_references_fail_the_self_test(run_selftest, monkeypatch):
    monkeypatch.setattr(selftest, "none_refs_lost", lambda calls: calls)
    rc, lines = run_selftest()
    assert rc == 1
    assert [line.split(":")[0] for line in _failed(lines)] == ["FAIL Qt bindings"]
    assert "would abort" in _failed(lines)[0]


def test_a_workbook_that_does_not_come_back_fails_the_self_test(run_selftest, monkeypatch):
    from jlip_desktop.exchange import xlsx

    def refuse(store, paths, **_kw):
        return [xlsx.ImportResult(Path(paths[0]), "refused", "checksum does not match")]

    monkeypatch.setattr(xlsx, "import_workbooks", refuse)
    rc, lines = run_selftest()
    assert rc == 1
    assert _failed(lines) == [f"FAIL Excel import: {selftest.XLSX_NAME} was not imported: refused: checksum does not match"]
