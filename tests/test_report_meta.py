"""Per-year report settings: core functions, the `jlip report-meta` verb, and their effect on the PDF."""

import json
import subprocess

import pytest

from jlip_desktop.cli import main
from jlip_desktop.core.errors import BadInput
from jlip_desktop.core.report_meta import DEFAULT_ISSUER, report_meta, set_report_meta


def test_defaults_then_set_and_reset(store):
    m = report_meta(store, 2021)
    assert m.issuer == DEFAULT_ISSUER and m.order == "catalogue" and m.notes == "" and "年" in m.date
    m = set_report_meta(store, 2021, issuer="吉林省知识产权局", date="2021年9月", notes="执法人员不足。", order="rank")
    assert (m.issuer, m.date, m.notes, m.order) == ("吉林省知识产权局", "2021年9月", "执法人员不足。", "rank")
    assert report_meta(store, 2022).issuer == DEFAULT_ISSUER  # per year
    m = set_report_meta(store, 2021, issuer="", date=None)
    assert m.issuer == DEFAULT_ISSUER and m.date == "2021年9月"


@pytest.mark.parametrize("kw", [{"order": "alphabet"}, {"issuer": "x" * 201}, {"colour": "red"}])
def test_bad_settings_change_nothing(store, kw):
    set_report_meta(store, 2021, issuer="甲")
    with pytest.raises(BadInput):
        set_report_meta(store, 2021, date="2021年1月", **kw)
    assert report_meta(store, 2021).issuer == "甲" and report_meta(store, 2021).date != "2021年1月"


def test_cli_sets_and_shows(store, tmp_path, capsys):
    db = str(store.path)
    notes = tmp_path / "说明 文字.txt"
    notes.write_text("部分地区反映执法人员不足。\n", encoding="utf-8")
    assert main(["report-meta", "--db", db, "--year", "2021", "--issuer", "吉林省知识产权保护中心",
                 "--date", "2021年9月", "--notes-file", str(notes), "--order", "rank", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown == {"year": 2021, "issuer": "吉林省知识产权保护中心", "date": "2021年9月",
                     "notes": "部分地区反映执法人员不足。", "order": "rank"}
    assert main(["report-meta", "--db", db, "--year", "2021", "--order", "bogus"]) == 2
    assert main(["report-meta", "--db", db, "--year", "2021", "--notes", "a", "--notes-file", str(notes)]) == 2
    assert main(["report-meta", "--db", db, "--year", "2021", "--notes-file", str(tmp_path / "无.txt")]) == 2
    capsys.readouterr()
    assert main(["report-meta", "--db", db, "--year", "2021"]) == 0
    assert "issuer: 吉林省知识产权保护中心" in capsys.readouterr().out


def test_cover_and_chapter_4_show_the_settings(store, catalog, tmp_path):
    from jlip_desktop.core.scoring import best_value, worst_value
    from jlip_desktop.reports import pdf

    for code in ("220100", "220200", "220300"):
        store.new_assessment(code, 2021, answers={n: (worst_value(p) if n % 3 else best_value(p))
                                                  for n, p in catalog.points.items()})
    set_report_meta(store, 2021, issuer="某某知识产权局", date="2021年12月", notes="个别地区执法力量薄弱，需统筹解决。")
    path = pdf.province_pdf(store, 2021, tmp_path / "报告.pdf")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    cover = text.split("\f")[0]
    assert "某某知识产权局" in cover and "2021年12月" in cover
    assert "个别地区执法力量薄弱，需统筹解决。" in "".join(text.split())
