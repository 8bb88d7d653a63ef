"""The wheel carries every shipped file, and works installed on its own (no checkout in sight)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from jlip_desktop import __version__
from jlip_desktop.core.catalog import DEFAULT_CATALOG_ID, get_catalog
from jlip_desktop.core.scoring import answers_to_json, best_value, one_decimal, score, worst_value

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def wheel_names(wheel) -> set[str]:
    with zipfile.ZipFile(wheel) as z:
        return set(z.namelist())


def test_wheel_holds_the_catalogue_and_the_region_list(wheel_names):
    for f in (ROOT / "jlip_desktop" / "catalogues").glob("*.json"):
        assert f"jlip_desktop/catalogues/{f.name}" in wheel_names
    assert "jlip_desktop/regions.json" in wheel_names


def test_wheel_holds_the_fonts(wheel_names):
    fonts = sorted((ROOT / "resources" / "fonts").glob("*.ttf"))
    assert fonts
    for f in fonts:
        assert f"jlip_desktop/_data/resources/fonts/{f.name}" in wheel_names


def test_wheel_holds_the_translations_and_the_sample_database(wheel_names):
    shipped = sorted((ROOT / "i18n").glob("*.qm")) + sorted((ROOT / "sample_db").glob("*.sqlite"))
    for f in shipped:
        assert f"jlip_desktop/_data/{f.parent.name}/{f.name}" in wheel_names


def test_wheel_holds_every_module(wheel_names):
    modules = [p.relative_to(ROOT).as_posix() for p in (ROOT / "jlip_desktop").rglob("*.py")]
    assert modules
    assert sorted(m for m in modules if m not in wheel_names) == []


def test_version(run_fresh):
    assert run_fresh("jlip", "--version").stdout.strip() == f"jlip {__version__}"


def test_catalogue_json_is_the_shipped_catalogue(run_fresh):
    out = json.loads(run_fresh("jlip", "catalog", "--json").stdout)
    shipped = json.loads((ROOT / "jlip_desktop" / "catalogues" / f"{DEFAULT_CATALOG_ID}.json").read_text("utf-8"))
    assert out == shipped


def test_score_matches_the_core(run_fresh, tmp_path):
    cat = get_catalog(DEFAULT_CATALOG_ID)
    answers = {n: (best_value(p) if n % 3 else worst_value(p)) for n, p in cat.points.items() if n % 7}
    doc = {"format": "jlip-answers/1", "catalog": cat.id, "answers": answers_to_json(answers)}
    path = tmp_path / "答卷 示例.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    expected = score(cat, answers)
    out = json.loads(run_fresh("jlip", "score", "--json", str(path)).stdout)
    assert out == json.loads(json.dumps(expected.to_json()))
    text = run_fresh("jlip", "score", str(path)).stdout
    assert f"total   {one_decimal(expected.total)} /" in text


def test_bad_answers_file_is_one_line_and_exit_2(run_fresh, tmp_path):
    path = tmp_path / "坏 文件.json"
    path.write_text("{", encoding="utf-8")
    proc = run_fresh("jlip", "score", str(path), check=False)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1


def test_installed_package_finds_its_files_in_the_install(run_fresh, fresh_env):
    code = ("from jlip_desktop.core.resources import cjk_font_path, resource_path; "
            "print(cjk_font_path()); print(resource_path('i18n'))")
    lines = run_fresh("python", "-c", code).stdout.splitlines()
    prefix = fresh_env["python"].parent.parent
    for line in lines:
        p = Path(line)
        assert p.exists()
        assert p.is_relative_to(prefix), f"{p} is not inside the fresh environment {prefix}"


def test_desktop_self_test_passes_from_the_wheel(run_fresh):
    proc = run_fresh("jlip-desktop", "--self-test", check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[-1].startswith("self-test passed")
