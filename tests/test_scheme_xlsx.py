"""The scheme workbook: round trip of the shipped scheme, and one test per linter rule."""

import json
import re

import pytest
from openpyxl import load_workbook

from jlip_desktop.cli import main
from jlip_desktop.core.catalog import get_catalog, parse_catalog
from jlip_desktop.exchange.scheme_xlsx import SchemeProblems, build_scheme, read_scheme_workbook, write_scheme_workbook


@pytest.fixture(scope="module")
def shipped_book(tmp_path_factory):
    path = tmp_path_factory.mktemp("scheme") / "方案 2021.xlsx"
    write_scheme_workbook(get_catalog("jilin-2021"), path)
    return path


class Book:
    """The shipped workbook, to be broken one cell at a time."""

    def __init__(self, src, tmp_path):
        self.wb = load_workbook(src)
        self.path = tmp_path / "改过 的方案.xlsx"

    def _col(self, sheet, key):
        ws = self.wb[sheet]
        keys = [c.value for c in ws[1]]
        return keys.index(key) + 1

    def row_of(self, sheet, match):
        ws = self.wb[sheet]
        for r in range(3, ws.max_row + 1):
            vals = {ws.cell(1, c).value: ws.cell(r, c).value for c in range(1, ws.max_column + 1)}
            if all(vals.get(k) == v for k, v in match.items()):
                return r
        raise KeyError(match)

    def set(self, sheet, match, key, value):
        r = self.row_of(sheet, match)
        self.wb[sheet].cell(r, self._col(sheet, key)).value = value
        return r

    def append(self, sheet, values: dict):
        ws = self.wb[sheet]
        r = ws.max_row + 1
        for k, v in values.items():
            ws.cell(r, self._col(sheet, k), v)
        return r

    def problems(self):
        self.wb.save(self.path)
        raw, problems = read_scheme_workbook(self.path)
        assert raw is None
        for p in problems:  # the import dialog words every problem in Chinese
            for zh, en in ((p.what_zh(), p.what), (p.expected_zh(), p.expected)):
                assert zh != en and re.search(r"[\u4e00-\u9fff]", zh), (zh, en)
        return [str(p) for p in problems]


@pytest.fixture
def book(shipped_book, tmp_path):
    return Book(shipped_book, tmp_path)


def test_round_trip_of_the_shipped_scheme_gives_the_same_catalogue(shipped_book, tmp_path):
    out = tmp_path / "新 方案.json"
    build_scheme(shipped_book, out)
    cat = get_catalog("jilin-2021")
    assert json.loads(out.read_text(encoding="utf-8")) == cat.raw
    assert out.read_text(encoding="utf-8") == cat.text
    assert parse_catalog(out.read_text(encoding="utf-8")) == cat


def test_workbook_has_contract_keys_in_row_1_labels_drop_downs_and_explanations(shipped_book):
    wb = load_workbook(shipped_book)
    assert wb.sheetnames[:4] == ["settings", "domains", "indicators", "points"] and "说明" in wb.sheetnames
    ind = [c.value for c in wb["indicators"][1]]
    assert ind[:6] == ["level", "number", "parent", "name", "name_en", "max"]
    pts = [c.value for c in wb["points"][1]]
    assert pts[:11] == ["number", "tertiary", "kind", "max", "unit", "cap", "step", "domains", "rule", "veto",
                        "requires"]
    assert wb["points"]["C2"].value == "类型" and wb["indicators"]["A2"].value == "层级"
    keys = {wb["settings"].cell(r, 1).value for r in range(3, wb["settings"].max_row + 1)}
    assert {"id", "title", "year", "bands", "tie_break"} <= keys
    formulas = {dv.formula1 for dv in wb["points"].data_validations.dataValidation}
    assert '"yesno,count,domains,graded"' in formulas
    assert '"primary,secondary,tertiary"' in {dv.formula1 for dv in wb["indicators"].data_validations.dataValidation}
    assert wb["points"]["I3"].alignment.wrap_text
    explained = {(wb["说明"].cell(r, 1).value or "").split("（")[0] + ":" + str(wb["说明"].cell(r, 2).value)
                 for r in range(1, wb["说明"].max_row + 1)}
    for sheet, cols in (("indicators", ind), ("points", pts)):
        for key in cols:
            assert f"{sheet}:{key}" in explained


def _one(problems, *needles):
    assert len(problems) == 1, problems
    for n in needles:
        assert n in problems[0], (n, problems[0])
    return problems[0]


def test_maxima_that_do_not_add_up_name_the_indicator_and_both_sums(book):
    book.set("points", {"number": 18}, "max", 5)
    r = book.row_of("indicators", {"level": "tertiary", "number": 9})
    _one(book.problems(), f"indicators, row {r}, column F (max)", "tertiary indicator 9", "maximum 6",
         "add up to 5", "expected")


def test_total_max_that_does_not_add_up(book):
    r = book.set("settings", {"key": "total_max"}, "value", 99)
    _one(book.problems(), f"settings, row {r}, column B (value)", "total_max is 99", "add up to 100")


def test_a_cap_unreachable_in_whole_units(book):
    book.set("points", {"number": 10}, "unit", 0.3)
    _one(book.problems(), "points, row 12, column F (cap)", "not reachable in whole units of 0.3")


def test_a_step_that_does_not_divide_the_maximum(book):
    book.set("points", {"number": 19}, "step", 0.7)
    _one(book.problems(), "points, row 21, column G (step)", "step 0.7 does not divide its maximum 6")


def test_a_duplicate_point_number(book):
    r = book.append("points", {"number": 44, "tertiary": 21, "kind": "yesno", "max": 3, "rule": "x", "label": "x"})
    _one(book.problems(), f"points, row {r}, column A (number)", "point (44) appears twice (first in row 46)")


def test_a_missing_point_number(book):
    book.set("points", {"number": 44}, "number", 45)
    _one(book.problems(), "points, row 46, column A (number)", "skip number 44")


def test_a_duplicate_indicator_number(book):
    r = book.append("indicators", {"level": "primary", "number": 4, "name": "重复", "max": 3})
    _one(book.problems(), f"indicators, row {r}, column B (number)", "primary indicator 4 appears twice")


def test_a_point_under_a_missing_tertiary(book):
    r = book.append("points", {"number": 45, "tertiary": 30, "kind": "yesno", "max": 1, "rule": "规则", "label": "x"})
    _one(book.problems(), f"points, row {r}, column B (tertiary)", "tertiary indicator 30, which does not exist")


def test_an_indicator_under_a_missing_parent(book):
    r = book.set("indicators", {"level": "tertiary", "number": 21}, "parent", 9)
    problems = book.problems()
    assert any(f"indicators, row {r}, column C (parent)" in p and "secondary indicator 9, which does not exist" in p
               for p in problems), problems


def test_an_empty_domain_list(book):
    book.set("points", {"number": 9}, "domains", None)
    _one(book.problems(), "points, row 11, column H (domains)", "empty domain list")


def test_a_duplicated_domain_in_a_list(book):
    r = book.append("domains", {"list": "ip-fields", "name": "专利", "name_en": "Patents"})
    _one(book.problems(), f"domains, row {r}, column B (name)", "repeats '专利'")


def test_a_duplicated_domain_written_in_the_point(book):
    book.set("points", {"number": 20}, "domains", "专利、商标、专利、著作权、地理标志、商业秘密")
    _one(book.problems(), "points, row 22, column H (domains)", "repeats 专利")


def test_bands_out_of_order(book):
    r = book.set("settings", {"key": "bands"}, "value", "优秀 ≥ 70；良好 ≥ 85；一般 ≥ 60；较差 ≥ 0")
    _one(book.problems(), f"settings, row {r}, column B (value)", "bands are out of order")


def test_a_tie_break_naming_a_missing_indicator(book):
    r = book.set("settings", {"key": "tie_break"}, "value", 7)
    _one(book.problems(), f"settings, row {r}, column B (value)", "tie_break names primary indicator 7")


def test_a_veto_excluding_a_missing_grade(book):
    r = book.set("settings", {"key": "veto_excludes"}, "value", "特优")
    _one(book.problems(), f"settings, row {r}, column B (value)", "'特优', which is not among the bands")


def test_a_veto_that_is_not_yes(book):
    book.set("points", {"number": 1}, "veto", "maybe")
    _one(book.problems(), "points, row 3, column J (veto)", "veto 'maybe'")


def test_a_requires_naming_a_missing_point(book):
    book.set("points", {"number": 17}, "requires", "99")
    _one(book.problems(), "points, row 19, column K (requires)", "requires point (99), which does not exist")


def test_requires_forming_a_cycle(book):
    book.set("points", {"number": 16}, "requires", "17")
    _one(book.problems(), "points, row 18, column K (requires)", "cycle: (16) → (17) → (16)")


def test_a_missing_rule_text(book):
    book.set("points", {"number": 5}, "rule", None)
    _one(book.problems(), "points, row 7, column I (rule)", "point (5) has no rule text")


def test_a_missing_chinese_name_of_a_point_and_of_an_indicator(book):
    book.set("points", {"number": 5}, "label", None)
    _one(book.problems(), "points, row 7, column L (label)", "point (5) has no Chinese name")


def test_a_missing_chinese_name_of_an_indicator(book):
    r = book.set("indicators", {"level": "secondary", "number": 3}, "name", None)
    _one(book.problems(), f"indicators, row {r}, column D (name)", "secondary indicator 3 has no Chinese name")


def test_an_id_that_is_not_a_safe_file_name(book):
    r = book.set("settings", {"key": "id"}, "value", "吉林 2022/新")
    _one(book.problems(), f"settings, row {r}, column B (value)", "not a safe file name")


def test_an_unknown_kind(book):
    book.set("points", {"number": 2}, "kind", "boolean")
    _one(book.problems(), "points, row 4, column C (kind)", "unknown kind 'boolean'", "yesno, count, domains, graded")


def test_a_missing_column_key(book):
    book.wb["points"].cell(1, 3, "type")
    problems = book.problems()
    assert any("points, row 1, column kind: no column 'kind' in row 1" in p for p in problems), problems


def test_every_problem_at_once_one_line_each_exit_2_and_no_json(book, tmp_path, capsys):
    book.set("points", {"number": 18}, "max", 5)
    book.set("points", {"number": 10}, "unit", 0.3)
    book.set("points", {"number": 17}, "requires", "99")
    book.set("settings", {"key": "bands"}, "value", "优秀 ≥ 70；良好 ≥ 85；一般 ≥ 60；较差 ≥ 0")
    book.set("points", {"number": 9}, "domains", None)
    book.wb.save(book.path)
    out = tmp_path / "方案.json"
    code = main(["catalog-build", str(book.path), "-o", str(out)])
    stdout, stderr = capsys.readouterr()
    lines = stderr.splitlines()
    assert code == 2 and not out.exists() and stdout == ""
    assert len(lines) == 5 and all(line.startswith("jlip: ") and "expected" in line for line in lines), lines
    with pytest.raises(SchemeProblems) as e:
        build_scheme(book.path, out)
    assert len(e.value.problems) == 5 and not out.exists()


def test_cli_writes_the_workbook_and_builds_it(tmp_path, capsys):
    book, out = tmp_path / "方 案.xlsx", tmp_path / "方 案.json"
    assert main(["catalog-xlsx", "--id", "jilin-2021", "-o", str(book)]) == 0
    assert main(["catalog-build", str(book), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == get_catalog("jilin-2021").text
    capsys.readouterr()
    assert main(["catalog-build", str(tmp_path / "none.xlsx"), "-o", str(out)]) == 2
    (tmp_path / "x.xlsx").write_text("not a workbook")
    assert main(["catalog-build", str(tmp_path / "x.xlsx"), "-o", str(out)]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 2
