"""Importing workbooks: what is refused and why, revisions, duplicates, templates, the command line."""

from __future__ import annotations

import zipfile
from decimal import Decimal

import openpyxl
import pytest
from xlsx_helpers import data_payload, db_dump, fill_template, rewrite_data, varied_answers

from jlip_desktop import cli
from jlip_desktop.core.store import Store
from jlip_desktop.exchange import xlsx
from jlip_desktop.exchange.xlsx_common import POINTS_SHEET
from jlip_desktop.exchange.xlsx_points import COL


@pytest.fixture
def source(tmp_path, catalog):
    """A county's database with one assessment (长春市 2021) and its answers."""
    st = Store(tmp_path / "县 数据.sqlite", create=True)
    answers = varied_answers(catalog, seed=3)
    answers[5] = True
    answers[19] = Decimal("2.5")
    aid = st.new_assessment("220100", 2021, "王五", answers=answers, notes={1: "会议纪要"})
    yield st, aid
    st.close()


@pytest.fixture
def province(tmp_path):
    st = Store(tmp_path / "省 中心.sqlite", create=True)
    yield st
    st.close()


def _export(source, tmp_path, name):
    st, aid = source
    return xlsx.export_assessment(st, aid, tmp_path / name)


def _refused(province, path):
    before = db_dump(province)
    [res] = xlsx.import_workbooks(province, [path])
    assert res.outcome == "refused"
    assert db_dump(province) == before, "a refused file changed the database"
    return res.message


def test_hand_edited_answer_is_refused_for_its_checksum(source, province, tmp_path):
    path = _export(source, tmp_path, "改过 的.xlsx")
    layout = data_payload(path)["layout"]
    wb = openpyxl.load_workbook(path)
    ws = wb[POINTS_SHEET]
    cell = ws.cell(layout["points"]["5"], COL["answer"])
    assert cell.value == "是"
    cell.value = "否"
    wb.save(path)
    msg = _refused(province, path)
    assert "edited after export" in msg and "checksum" in msg and "point (5)" in msg


def test_edited_data_sheet_is_refused_for_its_checksum(source, province, tmp_path):
    path = _export(source, tmp_path, "a.xlsx")
    bad = rewrite_data(path, tmp_path / "b.xlsx", {"answers": {**data_payload(path)["answers"], "5": False}},
                       reseal=False)
    msg = _refused(province, bad)
    assert "edited after export" in msg and "checksum" in msg


def test_edited_note_is_refused(source, province, tmp_path):
    path = _export(source, tmp_path, "a.xlsx")
    layout = data_payload(path)["layout"]
    wb = openpyxl.load_workbook(path)
    wb[POINTS_SHEET].cell(layout["points"]["1"], COL["note"]).value = "另一份纪要"
    wb.save(path)
    assert "note of point (1)" in _refused(province, path)


def test_truncated_file_is_refused(source, province, tmp_path):
    data = _export(source, tmp_path, "a.xlsx").read_bytes()
    cut = tmp_path / "截断 的.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    assert "not an Excel workbook" in _refused(province, cut)


@pytest.mark.parametrize("content", [b"", b"just some text\n", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"])
def test_non_workbook_is_refused(province, tmp_path, content):
    path = tmp_path / "不是 工作簿.xlsx"
    path.write_bytes(content)
    assert "not an Excel workbook" in _refused(province, path)


def test_zip_that_is_not_a_workbook_is_refused(province, tmp_path):
    path = tmp_path / "z.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    assert "not an Excel workbook" in _refused(province, path)


def test_someone_elses_workbook_is_refused(province, tmp_path):
    path = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "预算"
    wb.save(path)
    assert "not a jlip-desktop workbook" in _refused(province, path)


def test_a_workbook_with_another_file_name_extension_still_imports(source, province, tmp_path):
    renamed = tmp_path / "附件 (1).xlsx.bin"
    renamed.write_bytes(_export(source, tmp_path, "a.xlsx").read_bytes())
    [res] = xlsx.import_workbooks(province, [renamed])
    assert res.outcome == "imported" and province.assessment(res.assessment_id).source_file == renamed.name


def test_missing_file_is_refused(province, tmp_path):
    assert "no such file" in _refused(province, tmp_path / "nowhere.xlsx")


def test_other_format_version_is_refused(source, province, tmp_path):
    path = rewrite_data(_export(source, tmp_path, "a.xlsx"), tmp_path / "v2.xlsx", {"format": "jlip-xlsx/2"},
                        reseal=True)
    msg = _refused(province, path)
    assert "format version 'jlip-xlsx/2'" in msg and "jlip-xlsx/1" in msg


def test_unknown_region_is_refused(source, province, tmp_path):
    path = rewrite_data(_export(source, tmp_path, "a.xlsx"), tmp_path / "r.xlsx", {"region": "110101"},
                        reseal=True)
    assert "unknown region '110101'" in _refused(province, path)


def test_unknown_catalogue_is_refused(source, province, tmp_path):
    path = rewrite_data(_export(source, tmp_path, "a.xlsx"), tmp_path / "c.xlsx", {"catalog": "hebei-2030"},
                        reseal=True)
    assert "unknown catalogue 'hebei-2030'" in _refused(province, path)


@pytest.mark.parametrize(("point", "value", "words"), [
    ("19", 7, "point (19)"),
    ("19", 2.3, "off the steps"),
    ("10", -1, "point (10)"),
    ("9", ["专利", "版权"], "unknown domain"),
    ("1", "是", "point (1)"),
    ("45", True, "unknown point"),
])
def test_out_of_rule_value_is_refused_naming_the_point(source, province, tmp_path, point, value, words):
    path = _export(source, tmp_path, "a.xlsx")
    answers = {**data_payload(path)["answers"], point: value}
    bad = rewrite_data(path, tmp_path / "bad.xlsx", {"answers": answers}, reseal=True)
    assert words in _refused(province, bad)


def test_out_of_rule_value_in_a_template_is_refused(province, tmp_path, catalog):
    tpl = xlsx.write_template(tmp_path / "t.xlsx")
    path = fill_template(tpl, tmp_path / "填好 的.xlsx", catalog, {19: Decimal("6.5"), 1: True})
    msg = _refused(province, path)
    assert "point (19)" in msg and "outside 0–6" in msg
    wb = openpyxl.load_workbook(tpl)
    layout = data_payload(tpl)["layout"]
    wb[POINTS_SHEET].cell(layout["points"]["3"], COL["answer"]).value = "也许"
    wb[POINTS_SHEET][layout["region_cell"]] = "220100"
    wb[POINTS_SHEET][layout["year_cell"]] = 2021
    wb.save(tmp_path / "也许.xlsx")
    assert "point (3) is yes/no: expected 是 or 否" in _refused(province, tmp_path / "也许.xlsx")


def test_template_without_region_or_year_is_refused(province, tmp_path, catalog):
    tpl = xlsx.write_template(tmp_path / "t.xlsx")
    assert "region cell C2 is empty" in _refused(province, tpl)
    path = fill_template(tpl, tmp_path / "y.xlsx", catalog, {}, year=None)
    assert "year cell C3" in _refused(province, path)
    path = fill_template(tpl, tmp_path / "r.xlsx", catalog, {}, region="北京市")
    assert "unknown region '北京市'" in _refused(province, path)


def test_template_comes_back_with_every_answer(province, tmp_path, catalog):
    answers = varied_answers(catalog, seed=11)
    answers[9] = ()
    path = fill_template(xlsx.write_template(tmp_path / "t.xlsx"), tmp_path / "延边 填报.xlsx", catalog, answers,
                         region="222400 延边朝鲜族自治州", year=2022, notes={4: "=见附件", 20: "专项行动方案"})
    [res] = xlsx.import_workbooks(province, [path])
    assert res.outcome == "imported", res.message
    a = province.assessment(res.assessment_id)
    assert (a.region, a.year, a.status, a.assessor, a.source_revision) == ("222400", 2022, "draft", "李四", None)
    assert province.answers(a.id) == answers
    assert province.notes(a.id) == {4: "=见附件", 20: "专项行动方案"}


def test_a_bad_file_does_not_stop_the_batch(source, province, tmp_path):
    good = _export(source, tmp_path, "good.xlsx")
    bad = tmp_path / "bad.xlsx"
    bad.write_text("no")
    seen = []
    results = xlsx.import_workbooks(province, [bad, good, bad], progress=lambda i, n, p: seen.append((i, n, p.name)))
    assert [r.outcome for r in results] == ["refused", "imported", "refused"]
    assert [r.path for r in results] == [bad, good, bad]
    assert seen == [(1, 3, "bad.xlsx"), (2, 3, "good.xlsx"), (3, 3, "bad.xlsx")]


def test_revisions_duplicate_stale_exists_replaced(source, province, tmp_path):
    r1 = _export(source, tmp_path, "r1.xlsx")
    r2 = _export(source, tmp_path, "r2.xlsx")
    st, aid = source
    st.set_answer(aid, 3, False)
    r3 = _export(source, tmp_path, "r3.xlsx")

    [res] = xlsx.import_workbooks(province, [r2])
    assert res.outcome == "imported"
    first_id = res.assessment_id
    assert [r.outcome for r in xlsx.import_workbooks(province, [r2, r1])] == ["duplicate", "stale"]

    before = db_dump(province)
    [res] = xlsx.import_workbooks(province, [r3])
    assert res.outcome == "exists" and "--replace" in res.message and "revision 3" in res.message
    assert db_dump(province) == before

    asked = []
    [res] = xlsx.import_workbooks(province, [r3], replace=lambda c: asked.append(c) or False)
    assert res.outcome == "exists" and db_dump(province) == before
    c = asked[0]
    assert (c.region, c.year, c.revision, c.existing_id, c.existing_revision, c.kind) == (
        "220100", 2021, 3, first_id, 2, "export")

    [res] = xlsx.import_workbooks(province, [r3], replace=lambda c: True)
    assert res.outcome == "replaced"
    a = province.assessment(res.assessment_id)
    assert a.source_revision == 3 and a.source_file == "r3.xlsx"
    assert province.answers(a.id)[3] is False
    assert province.find_assessment("220100", 2021).id == a.id
    assert any(e.action == "replaced" for e in province.audit(first_id))


def test_template_over_an_existing_region_year_needs_confirmation(source, province, tmp_path, catalog):
    xlsx.import_workbooks(province, [_export(source, tmp_path, "r1.xlsx")])
    path = fill_template(xlsx.write_template(tmp_path / "t.xlsx"), tmp_path / "f.xlsx", catalog, {1: True})
    [res] = xlsx.import_workbooks(province, [path])
    assert res.outcome == "exists"
    [res] = xlsx.import_workbooks(province, [path], replace=True)
    assert res.outcome == "replaced" and province.answers(res.assessment_id) == {1: True}


def test_own_assessment_is_a_duplicate_of_its_export(source, tmp_path):
    st, aid = source
    path = _export(source, tmp_path, "mine.xlsx")
    [res] = xlsx.import_workbooks(st, [path])
    assert res.outcome == "duplicate" and res.assessment_id == aid


def test_command_line_import_reports_per_file_and_exit_codes(source, province, tmp_path, capsys):
    good = _export(source, tmp_path, "好 文件.xlsx")
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"junk")
    db = str(province.path)
    province.close()
    assert cli.main(["import-xlsx", "--db", db, str(good), str(bad)]) == 2
    out, err = capsys.readouterr()
    [line] = out.splitlines()
    assert line.startswith("imported") and "好 文件.xlsx" in line
    [refusal] = err.splitlines()
    assert refusal.startswith("jlip: refused: ") and "坏.xlsx" in refusal and "not an Excel workbook" in refusal
    assert cli.main(["import-xlsx", "--db", db, str(good)]) == 0
    assert capsys.readouterr().out.startswith("duplicate")


def test_command_line_export_template_and_province(source, tmp_path, capsys):
    st, aid = source
    db = str(st.path)
    st.close()
    out = tmp_path / "出 口.xlsx"
    assert cli.main(["export-xlsx", "--db", db, "--id", str(aid), "-o", str(out)]) == 0
    assert out.exists() and capsys.readouterr().out.strip() == str(out)
    assert cli.main(["template-xlsx", "-o", str(tmp_path / "模板.xlsx")]) == 0
    assert cli.main(["province-xlsx", "--db", db, "--year", "2021", "-o", str(tmp_path / "省.xlsx")]) == 0
    assert cli.main(["province-xlsx", "--db", db, "--year", "2019", "-o", str(tmp_path / "空.xlsx")]) == 2
    assert "no assessments for 2019" in capsys.readouterr().err
    assert cli.main(["export-xlsx", "--db", db, "--id", "999", "-o", str(out)]) == 2


def test_command_line_replace_flag(source, province, tmp_path, capsys):
    r1 = _export(source, tmp_path, "r1.xlsx")
    r2 = _export(source, tmp_path, "r2.xlsx")
    db = str(province.path)
    province.close()
    assert cli.main(["import-xlsx", "--db", db, str(r1)]) == 0
    capsys.readouterr()
    assert cli.main(["import-xlsx", "--db", db, str(r2)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("jlip: exists: ") and "r2.xlsx" in err and err.count("\n") == 1
    assert cli.main(["import-xlsx", "--db", db, str(r2), "--replace"]) == 0
    assert capsys.readouterr().out.startswith("replaced")
    assert cli.main(["import-xlsx", "--db", db, str(r1)]) == 2
    assert capsys.readouterr().err.startswith("jlip: stale: ")
