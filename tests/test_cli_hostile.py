"""Hostile command-line values: each is refused with exit 2, one line on stderr, the database unchanged."""

import hashlib
import json
import os
import sqlite3
import stat

import pytest

from jlip_desktop.cli import main


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _dump(db) -> str:
    con = sqlite3.connect(db)
    try:
        return hashlib.sha256("\n".join(con.iterdump()).encode()).hexdigest()
    finally:
        con.close()


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "县 目录" / "测试 库.db"
    path.parent.mkdir()
    assert run(capsys, "init", "--db", path)[0] == 0
    code, out, _ = run(capsys, "new", "--db", path, "--region", "220100", "--year", "2021")
    assert code == 0 and out == "1\n"
    return path


def _refused(capsys, db, *argv, needle=""):
    before = _dump(db)
    code, out, err = run(capsys, *argv)
    assert code == 2, (code, err)
    assert err.count("\n") == 1 and err.startswith("jlip: ") and needle in err, err
    assert _dump(db) == before


@pytest.mark.parametrize("verb", [["show"], ["set", "1", "true"], ["delete"], ["report-pdf", "-o", "x.pdf"]])
def test_an_id_too_large_for_sqlite_is_refused(db, capsys, verb):
    _refused(capsys, db, verb[0], "--db", db, "--id", "9" * 30, *verb[1:], needle="--id")


@pytest.mark.parametrize("value", ["9" * 5000, "[" * 100_000, "1" + "0" * 4400 + ".5"])
def test_a_value_too_long_or_too_deep_is_refused(db, capsys, value):
    _refused(capsys, db, "set", "--db", db, "--id", "1", "10", value, needle="point (10)")


def test_an_answers_file_with_a_huge_number_is_refused(tmp_path, capsys):
    p = tmp_path / "答案 文件.json"
    p.write_text('{"format": "jlip-answers/1", "catalog": "jilin-2021", "region": "220100", "year": 2021, '
                 '"answers": {"10": ' + "9" * 5000 + "}}", encoding="utf-8")
    code, out, err = run(capsys, "score", p, "--json")
    assert code == 2 and out == "" and err.count("\n") == 1 and str(p) in err


def test_a_read_only_output_file_is_refused_and_kept(db, capsys, tmp_path):
    out = tmp_path / "只读 文件.xlsx"
    out.write_bytes(b"keep me")
    os.chmod(out, stat.S_IREAD)
    try:
        _refused(capsys, db, "export-xlsx", "--db", db, "--id", "1", "-o", out, needle=str(out))
        assert out.read_bytes() == b"keep me"
        code, _, err = run(capsys, "template-xlsx", "-o", out)
        assert code == 2 and "read-only" in err and out.read_bytes() == b"keep me"
    finally:
        os.chmod(out, stat.S_IREAD | stat.S_IWRITE)


def test_show_json_still_reads_after_the_refusals(db, capsys):
    code, out, _ = run(capsys, "show", "--db", db, "--id", "1", "--json")
    assert code == 0 and json.loads(out)["id"] == 1


def test_package_entry_names_avoid_windows_device_names():
    from jlip_desktop.exchange.package import _safe_component

    assert _safe_component("NUL.tar.gz") == "_NUL.tar.gz"
    assert _safe_component("com1 .备份.txt") == "_com1 .备份.txt"
    assert _safe_component("a:b?.pdf") == "a_b_.pdf"


@pytest.mark.parametrize("verb", [["evidence-list", "--id", "1", "--json"], ["catalogs", "--json"],
                                  ["report-meta", "--year", "2021", "--json"], ["catalog-xlsx", "-o", "方案.xlsx"]])
def test_verbs_that_only_read_work_on_a_read_only_database(db, verb):
    from tests.test_store_failures import jlip

    mode = db.stat().st_mode
    db.chmod(stat.S_IREAD)
    verb = [str(db.parent.parent / v) if v.endswith(".xlsx") else v for v in verb]
    try:
        r = jlip(verb[0], "--db", db, *verb[1:], unprivileged=True)
    finally:
        db.chmod(mode)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    if "--json" in verb:
        json.loads(r.stdout)


@pytest.mark.parametrize("verb", [["catalog", "--json"], ["show", "--db", "DB", "--id", "1"], ["list", "--db", "DB"]])
def test_standard_output_on_a_full_disk_or_closed_is_exit_2_with_one_line(db, verb):
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    env.pop("JLIP_DEBUG", None)
    argv = [sys.executable, "-m", "jlip_desktop.cli", *[str(db) if v == "DB" else v for v in verb]]
    with open("/dev/full", "w") as full:  # Linux's always-full disk
        r = subprocess.run(argv, stdout=full, stderr=subprocess.PIPE, text=True, env=env, timeout=60)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "standard output" in r.stderr, r.stderr
    r = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, timeout=60,
                       pass_fds=(), close_fds=True, preexec_fn=lambda: os.close(1))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "standard output" in r.stderr, r.stderr


def test_a_package_is_written_even_when_its_scratch_files_can_not_be_deleted(db, capsys, tmp_path, monkeypatch):
    """On Windows a virus scanner often holds a file just written; removing the scratch folder then fails."""
    real_unlink = os.unlink

    def held(path, *a, **kw):
        if str(path).endswith(("assessment.pdf", "workbook.xlsx")):
            raise PermissionError(13, "The process cannot access the file because it is being used", str(path))
        return real_unlink(path, *a, **kw)

    out = tmp_path / "上报 材料.zip"
    monkeypatch.setattr(os, "unlink", held)
    code, stdout, err = run(capsys, "export-package", "--db", db, "--id", "1", "-o", out)
    monkeypatch.undo()
    assert code == 0 and err == "" and out.exists(), err
