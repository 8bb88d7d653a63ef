"""A scheme (indicator catalogue) as a workbook people edit, and the linter that builds it back.

`write_scheme_workbook` writes a catalogue as sheets `settings`, `domains`,
`indicators` and `points` (row 1: the column keys of PRODUCT.md, row 2: their
Chinese labels) plus a 说明 sheet that explains every column with an example.
`build_scheme` reads such a workbook, checks everything it can and returns
either the catalogue JSON or every problem found, each naming its sheet, row
and column: what is wrong and what was expected.  Nothing is written while
any problem remains.  The catalogue loader (core/catalog.py) then accepts
what the linter passed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..core.catalog import CATALOG_FORMAT, KINDS, LEVELS, SAFE_ID, Catalog, CatalogError, parse_catalog, requires_cycle
from ..core.errors import BadInput
from ..core.fileio import atomic_write
from .xlsx_common import BOLD, GREY_FONT, HEADER_FILL, WRAP, number_cell_value, put_text

# (key, Chinese label, what it means, example) per column; the keys are the contract.
SETTINGS_KEYS = [
    ("id", "方案编号", "方案的编号，也是文件名：小写字母、数字、点、下划线或连字符", "jilin-2022"),
    ("title", "方案名称", "方案的中文名称", "吉林省知识产权保护水平指标体系（2022）"),
    ("title_en", "英文名称", "方案的英文名称（可空）", "Jilin Province IP protection level indicator system (2022)"),
    ("year", "适用年度", "方案从哪一年的评估起使用（新建评估默认用年度不晚于评估年度的最新方案）", "2022"),
    ("source", "依据", "方案的出处（可空）", "《吉林省知识产权保护水平调查报告》表1及附录1"),
    ("total_max", "总分", "满分，须等于各一级指标满分之和", "100"),
    ("bands", "等次", "等次及其最低分，从高到低，最后一个为 0", "优秀 ≥ 85；良好 ≥ 70；一般 ≥ 60；较差 ≥ 0"),
    ("bands_en", "等次英文", "各等次的英文名称，与“等次”一一对应（可空）", "Excellent；Good；Fair；Poor"),
    ("grades_source", "等次来源", "等次的来源说明（可空）", "tool default"),
    ("veto_excludes", "否决排除等次", "一票否决要点未得满分时不能评定的等次", "优秀"),
    ("tie_break", "同分比较指标", "总分相同时比较其得分的一级指标编号（可空：只按地区代码）", "3"),
    ("note", "说明", "方案的说明，一行一条，可有多行（可空）", "评定类要点以 0.5 分为单位，这是本工具的约定。"),
]
DOMAIN_COLS = [
    ("list", "列表编号", "领域列表的编号，考核要点的 domains 列引用它", "ip-fields"),
    ("name", "领域名称", "一个领域的中文名称；同一列表内不得重复", "专利"),
    ("name_en", "英文名称", "领域的英文名称（可空）", "Patents"),
]
INDICATOR_COLS = [
    ("level", "层级", "primary（一级）、secondary（二级）或 tertiary（三级）", "secondary"),
    ("number", "编号", "本层级内的编号，从 1 起连续", "2"),
    ("parent", "上级编号", "上一层级指标的编号；一级指标留空", "1"),
    ("name", "中文名称", "指标的中文名称", "保护工作机制运行情况"),
    ("name_en", "英文名称", "指标的英文名称（可空）", "Working mechanisms"),
    ("max", "满分", "满分，须等于其下级（三级指标：其考核要点）满分之和", "17"),
    ("table1_name", "表1名称", "表1写法与附录不同时，表1的名称（可空）", ""),
]
POINT_COLS = [
    ("number", "要点编号", "考核要点编号，从 1 起连续（答案文件以它为键）", "17"),
    ("tertiary", "三级指标", "所属三级指标的编号", "8"),
    ("kind", "类型", "yesno（是否）、count（次数）、domains（领域）或 graded（评定）", "yesno"),
    ("max", "满分", "要点满分", "2"),
    ("unit", "每项分值", "count/domains：每次或每个领域的分值", "0.2"),
    ("cap", "封顶", "count/domains：最多得分，须等于满分且为每项分值的整数倍", "1"),
    ("step", "步长", "graded：评定分值的单位，须整除满分", "0.5"),
    ("domains", "领域列表", "domains：domains 表中的列表编号，或用“、”分隔的领域名称", "ip-fields"),
    ("rule", "考核要点原文", "考核要点及说明的原文", "设有专项经费的，得4分。"),
    ("veto", "一票否决", "yes：此要点未得满分时，不能评定 settings 中 veto_excludes 所列等次；否则留空", "yes"),
    ("requires", "前提要点", "此要点得分的前提要点编号（多个用逗号分隔）；违反时不改分数，但不能提交", "16"),
    ("label", "简称", "要点的中文简称（表格和界面中显示）", "设有专项经费"),
    ("label_en", "英文简称", "要点的英文简称（可空）", "Dedicated IP protection budget"),
]
# Columns a workbook may leave out (the others are the contract's and must be there).
OPTIONAL_COLS = {"label", "table1_name", "label_en"}
SHEETS = {"settings": "settings", "domains": "domains", "indicators": "indicators", "points": "points"}
SHEET_LABELS = {"settings": "设置", "domains": "领域列表", "indicators": "指标", "points": "考核要点"}
LEVEL_LABELS = {"primary": "一级", "secondary": "二级", "tertiary": "三级"}
YES_WORDS = {"yes", "y", "true", "1", "是", "√"}
NO_WORDS = {"", "no", "n", "false", "0", "否"}
SPLIT = re.compile(r"[,，、;；\s]+")
MAX_ROWS = 2000


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str | None  # the column key
    letter: str | None
    what: str
    expected: str

    def __str__(self) -> str:
        where = [self.sheet]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.letter} ({self.column})" if self.letter else f"column {self.column}")
        return f"{', '.join(where)}: {self.what}; expected {self.expected}"

    def what_zh(self) -> str:
        """The problem in Chinese where the wording is known (else the English)."""
        return _zh(ZH_WHAT, self.what)

    def expected_zh(self) -> str:
        return _zh(ZH_EXPECTED, self.expected)


_LV = {"primary": "一级", "secondary": "二级", "tertiary": "三级"}
_PARTS = {"points": "考核要点", "secondary indicators": "二级指标", "tertiary indicators": "三级指标"}
# English wording -> Chinese, for the scheme import dialog (the linter's own text stays English).
ZH_WHAT = [
    (r"(primary|secondary|tertiary) indicator (\d+) has maximum (\S+) but its (points|secondary indicators|"
     r"tertiary indicators) \(([^)]*)\) add up to (\S+)",
     lambda m: f"{_LV[m[1]]}指标 {m[2]} 满分 {m[3]}，但其{_PARTS[m[4]]}（{m[5]}）合计 {m[6]}"),
    (r"total_max is (\S+) but the primary indicators add up to (\S+)",
     lambda m: f"总分为 {m[1]}，但各一级指标满分合计 {m[2]}"),
    (r"point \((\d+)\): cap (\S+) is not reachable in whole units of (\S+)",
     lambda m: f"要点（{m[1]}）：封顶 {m[2]} 不是每项分值 {m[3]} 的整数倍，按整次（个）达不到"),
    (r"point \((\d+)\): cap (\S+) differs from its maximum (\S+)", lambda m: f"要点（{m[1]}）：封顶 {m[2]} 与满分 {m[3]} 不同"),
    (r"point \((\d+)\): cap (\S+) is out of reach with (\d+) domains of (\S+)",
     lambda m: f"要点（{m[1]}）：{m[3]} 个领域、每个 {m[4]} 分，达不到封顶 {m[2]}"),
    (r"point \((\d+)\): step (\S+) does not divide its maximum (\S+)",
     lambda m: f"要点（{m[1]}）：步长 {m[2]} 不能整除满分 {m[3]}"),
    (r"point \((\d+)\) appears twice \(first in row (\d+)\)", lambda m: f"要点编号（{m[1]}）重复（首次在第 {m[2]} 行）"),
    (r"(primary|secondary|tertiary) indicator (\d+) appears twice \(first in row (\d+)\)",
     lambda m: f"{_LV[m[1]]}指标编号 {m[2]} 重复（首次在第 {m[3]} 行）"),
    (r"(\w+) indicators skip number (\d+) \(numbered up to (\d+)\)",
     lambda m: f"{_LV.get(m[1], m[1])}指标编号缺少 {m[2]}（编到 {m[3]}）"),
    (r"points skip number (\d+) \(numbered up to (\d+)\)", lambda m: f"要点编号缺少 {m[1]}（编到 {m[2]}）"),
    (r"point \((\d+)\) is under tertiary indicator (.+), which does not exist",
     lambda m: f"要点（{m[1]}）所属的三级指标 {m[2]} 不存在"),
    (r"(secondary|tertiary) indicator (\d+) is under (primary|secondary) indicator (\d+), which does not exist",
     lambda m: f"{_LV[m[1]]}指标 {m[2]} 的上级{_LV[m[3]]}指标 {m[4]} 不存在"),
    (r"(primary|secondary|tertiary) indicator (\d+) has no (\w+)s",
     lambda m: f"{_LV[m[1]]}指标 {m[2]} 下没有{_LV.get(m[3], '考核要')}{'点' if m[3] == 'point' else '指标'}"),
    (r"point \((\d+)\) has an empty domain list", lambda m: f"要点（{m[1]}）的领域列表为空"),
    (r"domain list '(.+)' repeats '(.+)' \(first in row (\d+)\)",
     lambda m: f"领域列表“{m[1]}”中“{m[2]}”重复（首次在第 {m[3]} 行）"),
    (r"point \((\d+)\)'s domain list repeats (.+)", lambda m: f"要点（{m[1]}）的领域列表中 {m[2]} 重复"),
    (r"the bands are out of order \((.+)\)", lambda m: f"等次的最低分顺序不对（{m[1]}）"),
    (r"tie_break names primary indicator (.+), which does not exist", lambda m: f"同分比较指标为一级指标 {m[1]}，该指标不存在"),
    (r"veto_excludes names the grade '(.+)', which is not among the bands",
     lambda m: f"一票否决排除的等次“{m[1]}”不在等次中"),
    (r"point \((\d+)\) requires point \((\d+)\), which does not exist", lambda m: f"要点（{m[1]}）的前提要点（{m[2]}）不存在"),
    (r"point \((\d+)\) requires itself", lambda m: f"要点（{m[1]}）以自身为前提"),
    (r"requires rules form a cycle: (.+)", lambda m: f"前提要点规则构成循环：{m[1]}"),
    (r"point \((\d+)\) has no rule text", lambda m: f"要点（{m[1]}）缺少考核要点原文"),
    (r"point \((\d+)\) has no Chinese name", lambda m: f"要点（{m[1]}）缺少中文简称"),
    (r"(primary|secondary|tertiary) indicator (\d+) has no Chinese name", lambda m: f"{_LV[m[1]]}指标 {m[2]} 缺少中文名称"),
    (r"the id '(.*)' is not a safe file name", lambda m: f"方案编号“{m[1]}”不能用作文件名"),
    (r"point \((\d+)\) has the unknown kind '(.*)'", lambda m: f"要点（{m[1]}）的类型“{m[2]}”无效"),
    (r"point \((\d+)\) has veto '(.*)'", lambda m: f"要点（{m[1]}）的一票否决填了“{m[2]}”"),
    (r"no column '(.+)' in row 1", lambda m: f"第 1 行缺少列“{m[1]}”"),
    (r"the workbook has no sheet '(.+)'", lambda m: f"工作簿中没有工作表“{m[1]}”"),
    (r"unknown setting '(.*)'", lambda m: f"未知的设置项“{m[1]}”"),
    (r"the Chinese title is missing", lambda m: "缺少方案的中文名称"),
    (r"the year (.+) is not a year", lambda m: f"适用年度 {m[1]} 不是年份"),
    (r"unknown column key '(.*)'", lambda m: f"未知的列键“{m[1]}”"),
    (r"total_max (.+) is not a positive number", lambda m: f"总分 {m[1]} 不是正数"),
    (r"the id is missing", lambda m: "缺少方案编号 id"),
    (r"'(.+)' is set twice \(first in row (\d+)\)", lambda m: f"“{m[1]}”设置了两次（首次在第 {m[2]} 行）"),
]
ZH_EXPECTED = [
    (r"the maximum to equal the sum of its parts", lambda m: "满分等于其下级满分之和"),
    (r"total_max to equal the sum of the primary indicators' maxima", lambda m: "总分等于各一级指标满分之和"),
    (r"a cap that is a multiple of the unit (\S+)", lambda m: f"封顶为每项分值 {m[1]} 的整数倍"),
    (r"the cap to equal the maximum", lambda m: "封顶等于满分"),
    (r"a step that divides (\S+), such as 0.5 or 1", lambda m: f"能整除 {m[1]} 的步长，如 0.5 或 1"),
    (r"each number once.*", lambda m: "每个编号只用一次"),
    (r"\w+(?: indicators)? numbered 1 to (\d+) without gaps", lambda m: f"从 1 到 {m[1]} 连续编号"),
    (r"the number of a tertiary indicator in the indicators sheet", lambda m: "indicators 表中已有的三级指标编号"),
    (r"the number of a (\w+) indicator in this sheet", lambda m: f"本表中已有的{_LV.get(m[1], '')}指标编号"),
    (r"a list id from the domains sheet, or (?:domain )?names separated by 、",
     lambda m: "domains 表中的列表编号，或用“、”分隔的领域名称"),
    (r"each (?:name|domain) once.*", lambda m: "每个领域只列一次"),
    (r"minima falling strictly from the best band, the last ≥ 0", lambda m: "最低分从最高等次起严格递减，最后一个为 0"),
    (r"the number of a primary indicator \((.*)\) or nothing", lambda m: f"一级指标编号（{m[1]}）或留空"),
    (r"grade names from bands \((.*)\)", lambda m: f"等次中的名称（{m[1]}）"),
    (r"numbers of points in this sheet", lambda m: "本表中已有的要点编号"),
    (r"other points' numbers", lambda m: "其他要点的编号"),
    (r"requires rules that never lead back to the same point", lambda m: "不构成循环的前提要点"),
    (r"the rule's wording from the scheme", lambda m: "方案中的考核要点原文"),
    (r"a short Chinese name for the point", lambda m: "要点的中文简称"),
    (r"the indicator's name in Chinese", lambda m: "指标的中文名称"),
    (r"the scheme's name in Chinese", lambda m: "方案的中文名称"),
    (r"lower-case letters.*", lambda m: "小写字母、数字、“.”“_”“-”，以字母或数字开头（如 jilin-2022）"),
    (r"yesno, count, domains, graded", lambda m: "yesno、count、domains 或 graded"),
    (r"yes, or empty for no veto", lambda m: "yes，或留空表示不否决"),
    (r"a positive number", lambda m: "正数"),
    (r"at least one (\w+) under it", lambda m: "其下至少一项"),
    (r"a whole year such as 2022", lambda m: "四位数年份，如 2022"),
    (r"the column keys (.+) in row 1", lambda m: f"第 1 行为列的键：{m[1]}"),
    (r"a sheet named '(.+)' with the column keys in row 1", lambda m: f"名为“{m[1]}”、第 1 行为列键的工作表"),
    (r"one of (.+)", lambda m: f"以下之一：{m[1]}"),
    (r"the full score, such as 100", lambda m: "满分，如 100"),
    (r"a row 'id' with a safe file name such as jilin-2022", lambda m: "一行 id，填可作文件名的编号，如 jilin-2022"),
]


def _zh(table, text: str) -> str:
    for pat, fmt_ in table:
        m = re.fullmatch(pat, text)
        if m:
            return fmt_(m)
    return text


class SchemeProblems(BadInput):
    """The workbook does not make a catalogue; `problems` lists every reason."""

    def __init__(self, path: Path, problems: list[Problem]):
        super().__init__(f"{path.name}: {len(problems)} problem(s); first: {problems[0]}",
                         code="scheme.problems", file=str(path), count=len(problems))
        self.problems = problems


# -- writing -------------------------------------------------------------------

def _num(v: Any) -> Any:
    if v is None:
        return None
    return number_cell_value(Decimal(str(v)))


def _header(ws, cols: list[tuple[str, str, str, str]], widths: dict[str, int]) -> None:
    for c, (key, label, meaning, _example) in enumerate(cols, start=1):
        k = ws.cell(1, c, key)
        if meaning:
            k.comment = Comment(f"{label}：{meaning}", "jlip")
        k.font = BOLD
        k.fill = HEADER_FILL
        lab = ws.cell(2, c, label)
        lab.font = GREY_FONT
        lab.fill = HEADER_FILL
        ws.column_dimensions[get_column_letter(c)].width = widths.get(key, 12)
    ws.freeze_panes = "A3"


def _bands_text(raw: dict) -> tuple[str, str]:
    zh = "；".join(f"{g['name']} ≥ {_num(g['min'])}" for g in raw["grades"])
    en = "；".join(g.get("name_en", "") for g in raw["grades"])
    return zh, en if any(g.get("name_en") for g in raw["grades"]) else ""


def write_scheme_workbook(catalog: Catalog, path: Path) -> Path:
    """Write a catalogue as an editable scheme workbook (atomically)."""
    raw = catalog.raw
    wb = Workbook()
    ws = wb.active
    ws.title = SHEETS["settings"]
    _header(ws, [("key", "项目", "", ""), ("value", "内容", "", ""), ("label", "说明", "", "")],
            {"key": 16, "value": 70, "label": 40})
    bands, bands_en = _bands_text(raw)
    values = {
        "id": raw["id"], "title": raw["title"], "title_en": raw.get("title_en"), "year": raw.get("year"),
        "source": raw.get("source"), "total_max": _num(raw["total_max"]), "bands": bands, "bands_en": bands_en,
        "grades_source": raw.get("grades_source"), "veto_excludes": "、".join(raw.get("veto_excludes", [])),
        "tie_break": raw.get("tie_break"),
    }
    r = 3
    for key, label, _meaning, _ex in SETTINGS_KEYS:
        rows = raw.get("notes", []) if key == "note" else [values.get(key)]
        for v in rows:
            ws.cell(r, 1, key)
            if isinstance(v, str):
                put_text(ws.cell(r, 2), v)
            else:
                ws.cell(r, 2, v)
            ws.cell(r, 2).alignment = WRAP
            ws.cell(r, 3, label).font = GREY_FONT
            r += 1

    dws = wb.create_sheet(SHEETS["domains"])
    _header(dws, DOMAIN_COLS, {"list": 14, "name": 22, "name_en": 28})
    r = 3
    for lid, names in raw.get("domain_lists", {}).items():
        en = raw.get("domain_lists_en", {}).get(lid) or []
        for i, name in enumerate(names):
            dws.cell(r, 1, lid)
            put_text(dws.cell(r, 2), name)
            put_text(dws.cell(r, 3), en[i] if i < len(en) else None)
            r += 1

    iws = wb.create_sheet(SHEETS["indicators"])
    _header(iws, INDICATOR_COLS, {"level": 11, "number": 7, "parent": 9, "name": 50, "name_en": 40, "max": 7,
                                  "table1_name": 30})
    r = 3
    for node in catalog.walk():
        if not hasattr(node, "level"):
            continue
        vals = [node.level, node.number, node.parent, node.name, node.name_en, _num(node.max), node.table1_name]
        for c, v in enumerate(vals, start=1):
            if isinstance(v, str):
                put_text(iws.cell(r, c), v)
            else:
                iws.cell(r, c, v)
        iws.cell(r, 4).alignment = WRAP
        r += 1
    level_dv = DataValidation(type="list", formula1='"' + ",".join(LEVELS) + '"', allow_blank=True,
                              errorTitle="level", error="primary / secondary / tertiary")
    iws.add_data_validation(level_dv)
    level_dv.add(f"A3:A{MAX_ROWS}")

    pws = wb.create_sheet(SHEETS["points"])
    _header(pws, POINT_COLS, {"number": 8, "tertiary": 9, "kind": 10, "max": 7, "unit": 9, "cap": 7, "step": 7,
                              "domains": 12, "rule": 60, "veto": 9, "requires": 10, "label": 30, "label_en": 30})
    r = 3
    raw_points = {}
    for p in raw["primary"]:
        for s in p["secondary"]:
            for t in s["tertiary"]:
                for pt in t["points"]:
                    raw_points[pt["number"]] = pt
    for n, p in catalog.points.items():
        rp = raw_points[n]
        dom = rp.get("domains")
        dom_text = dom if isinstance(dom, str) else ("、".join(dom) if dom else None)
        vals = [n, p.tertiary, p.kind, _num(p.max), _num(p.unit), _num(p.cap), _num(p.step), dom_text, p.rule,
                "yes" if p.veto else None, ", ".join(map(str, p.requires)) or None, p.label, p.label_en or None]
        for c, v in enumerate(vals, start=1):
            if isinstance(v, str):
                put_text(pws.cell(r, c), v)
            else:
                pws.cell(r, c, v)
        pws.cell(r, 9).alignment = WRAP
        r += 1
    kind_dv = DataValidation(type="list", formula1='"' + ",".join(KINDS) + '"', allow_blank=True,
                             errorTitle="kind", error=" / ".join(KINDS))
    veto_dv = DataValidation(type="list", formula1='"yes"', allow_blank=True, errorTitle="veto", error="yes")
    for dv, col in ((kind_dv, "C"), (veto_dv, "J")):
        pws.add_data_validation(dv)
        dv.add(f"{col}3:{col}{MAX_ROWS}")

    _explain_sheet(wb)
    with atomic_write(path) as tmp:
        wb.save(tmp)
    return Path(path)


def _explain_sheet(wb) -> None:
    ws = wb.create_sheet("说明")
    lines = [
        "这个工作簿是一套指标体系（方案）。修改后用 “jlip catalog-build 文件.xlsx -o 文件.json” 或 "
        "程序的 方案 › 导入方案… 检查并生成方案文件；有任何问题时列出全部问题（工作表、行、列、问题、应为），不生成文件。",
        "每张表第 1 行是列的键（不要改），第 2 行是中文说明（可删），从第 3 行起每行一项。分数用数字，可带小数。",
    ]
    for i, text in enumerate(lines, start=1):
        c = ws.cell(i, 1, text)
        c.alignment = WRAP
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=5)
        ws.row_dimensions[i].height = 45
    head = ["工作表 sheet", "列 column", "中文", "含义", "示例"]
    r = len(lines) + 2
    for c, h in enumerate(head, start=1):
        cell = ws.cell(r, c, h)
        cell.font = BOLD
        cell.fill = HEADER_FILL
    r += 1
    groups = [("settings", SETTINGS_KEYS), ("domains", DOMAIN_COLS), ("indicators", INDICATOR_COLS),
              ("points", POINT_COLS)]
    for sheet, cols in groups:
        for key, label, meaning, example in cols:
            for c, v in enumerate([f"{sheet}（{SHEET_LABELS[sheet]}）", key, label, meaning, example], start=1):
                put_text(ws.cell(r, c), v)
                ws.cell(r, c).alignment = WRAP
            r += 1
    for col, w in zip("ABCDE", (18, 14, 14, 60, 40), strict=True):
        ws.column_dimensions[col].width = w


# -- reading and linting -------------------------------------------------------

class _Lint:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, sheet: str, row: int | None, column: str | None, what: str, expected: str,
            cols: list | None = None) -> None:
        letter = None
        if column and cols:
            keys = [c[0] for c in cols]
            if column in keys:
                letter = get_column_letter(keys.index(column) + 1)
        self.problems.append(Problem(sheet, row, column, letter, what, expected))


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def _decimal(v: Any) -> Decimal | None:
    if isinstance(v, bool) or v is None or (isinstance(v, str) and not v.strip()):
        return None
    try:
        d = Decimal(str(v).strip())
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def _json_number(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


class _Sheet:
    """A sheet's data rows as {key: value} with their row numbers."""

    def __init__(self, lint: _Lint, wb, key: str, cols: list, required: bool = True):
        self.key, self.cols, self.rows = key, cols, []
        self.ok = False
        ws = wb[key] if key in wb.sheetnames else None
        if ws is None:
            for name in wb.sheetnames:  # "points 考核要点" and the like
                if name.split()[0] == key if name.split() else False:
                    ws = wb[name]
                    break
        if ws is None:
            if required:
                lint.add(key, None, None, f"the workbook has no sheet '{key}'",
                         f"a sheet named '{key}' with the column keys in row 1")
            return
        self.name = ws.title
        grid = [list(r) for r in ws.iter_rows(min_row=1, max_row=min(ws.max_row, MAX_ROWS), values_only=True)]
        header = [_text(v) for v in (grid[0] if grid else [])]
        keys = [c[0] for c in cols]
        labels = {c[1] for c in cols}
        missing = [k for k in keys if k not in header and k not in OPTIONAL_COLS]
        for k in missing:
            lint.add(key, 1, k, f"no column '{k}' in row 1", f"the column keys {', '.join(keys)} in row 1")
        unknown = [h for h in header if h and h not in keys]
        for h in unknown:
            lint.add(key, 1, h, f"unknown column key '{h}'", f"one of {', '.join(keys)}")
        if missing:
            return
        index = {k: (header.index(k) if k in header else None) for k in keys}
        for r, row in enumerate(grid[1:], start=2):
            vals = {k: (row[i] if i is not None and i < len(row) else None) for k, i in index.items()}
            texts = [_text(v) for v in vals.values() if _text(v)]
            if not texts:
                continue
            if r == 2 and all(t in labels for t in texts):
                continue  # the Chinese label row
            self.rows.append((r, vals))
        self.ok = True


def read_scheme_workbook(path: Path) -> tuple[dict | None, list[Problem]]:
    """(catalogue dict, []) if the workbook is sound, else (None, every problem)."""
    path = Path(path)
    try:
        wb = load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file", code="file.missing", file=str(path)) from None
    except Exception as e:  # noqa: BLE001 - openpyxl raises many kinds for a non-workbook
        raise BadInput(f"{path}: not an Excel workbook ({type(e).__name__})", code="scheme.not_workbook",
                       file=str(path)) from None
    lint = _Lint()
    raw = _lint_workbook(lint, wb)
    if lint.problems:
        order = ["settings", "domains", "indicators", "points"]
        return None, sorted(lint.problems, key=lambda p: (order.index(p.sheet) if p.sheet in order else 9,
                                                           p.row or 0))
    try:
        parse_catalog(json.dumps(raw, ensure_ascii=False), path.name)
    except CatalogError as e:
        return None, [Problem("workbook", None, None, None, str(e), "a catalogue the loader accepts")]
    return raw, []


def _lint_workbook(lint: _Lint, wb) -> dict:
    settings_cols = [("key", "项目", "", ""), ("value", "内容", "", ""), ("label", "说明", "", "")]
    st = _Sheet(lint, wb, "settings", settings_cols)
    dm = _Sheet(lint, wb, "domains", DOMAIN_COLS, required=False)
    ind = _Sheet(lint, wb, "indicators", INDICATOR_COLS)
    pts = _Sheet(lint, wb, "points", POINT_COLS)

    # settings
    known = {k[0] for k in SETTINGS_KEYS}
    sval: dict[str, tuple[int, Any]] = {}
    notes: list[str] = []

    def sp(row, what, expected):
        lint.add("settings", row, "value", what, expected, settings_cols)

    for r, vals in st.rows:
        k = _text(vals["key"])
        if k not in known:
            lint.add("settings", r, "key", f"unknown setting '{k}'", f"one of {', '.join(sorted(known))}",
                     settings_cols)
            continue
        if k == "note":
            if _text(vals["value"]):
                notes.append(_text(vals["value"]))
            continue
        if k in sval:
            lint.add("settings", r, "key", f"'{k}' is set twice (first in row {sval[k][0]})", "each key once",
                     settings_cols)
            continue
        sval[k] = (r, vals["value"])

    def setting(k):
        return sval.get(k, (None, None))

    cid_row, cid = setting("id")
    cid = _text(cid)
    if st.ok and not cid:
        sp(cid_row, "the id is missing", "a row 'id' with a safe file name such as jilin-2022")
    elif cid and not SAFE_ID.match(cid):
        sp(cid_row, f"the id '{cid}' is not a safe file name",
           "lower-case letters, digits, '.', '_' or '-', starting with a letter or digit (such as jilin-2022)")
    title_row, title = setting("title")
    if st.ok and not _text(title):
        sp(title_row, "the Chinese title is missing", "the scheme's name in Chinese")
    year_row, year_v = setting("year")
    year = _decimal(year_v)
    if st.ok and (year is None or year != year.to_integral_value() or not 1900 <= year <= 2200):
        sp(year_row, f"the year {_text(year_v) or '(empty)'} is not a year", "a whole year such as 2022")
        year = None
    tm_row, tm_v = setting("total_max")
    total_max = _decimal(tm_v)
    if st.ok and (total_max is None or total_max <= 0):
        sp(tm_row, f"total_max {_text(tm_v) or '(empty)'} is not a positive number", "the full score, such as 100")
        total_max = None

    grades = _lint_bands(lint, sp, setting, st.ok)
    grade_names = [g["name"] for g in grades] if grades else []
    ve_row, ve_v = setting("veto_excludes")
    veto_excludes = [x for x in SPLIT.split(_text(ve_v)) if x]
    for x in veto_excludes:
        if grades is not None and x not in grade_names:
            sp(ve_row, f"veto_excludes names the grade '{x}', which is not among the bands",
               f"grade names from bands ({'、'.join(grade_names)})")

    # domain lists
    lists: dict[str, list[str]] = {}
    lists_en: dict[str, list[str]] = {}
    first_seen: dict[tuple[str, str], int] = {}
    for r, vals in dm.rows:
        lid, name, name_en = _text(vals["list"]), _text(vals["name"]), _text(vals["name_en"])
        if not lid:
            lint.add("domains", r, "list", "the list id is missing", "the id of the domain list this name belongs to",
                     DOMAIN_COLS)
            continue
        if not name:
            lint.add("domains", r, "name", f"domain list '{lid}' has a row without a name",
                     "a domain name in Chinese", DOMAIN_COLS)
            continue
        if (lid, name) in first_seen:
            lint.add("domains", r, "name", f"domain list '{lid}' repeats '{name}' (first in row {first_seen[lid, name]})",
                     "each name once in a list", DOMAIN_COLS)
            continue
        first_seen[lid, name] = r
        lists.setdefault(lid, []).append(name)
        lists_en.setdefault(lid, []).append(name_en)

    # indicators
    nodes: dict[str, dict[int, dict]] = {lv: {} for lv in LEVELS}
    node_rows: dict[tuple[str, int], int] = {}
    for r, vals in ind.rows:
        def ip(col, what, expected, r=r):
            lint.add("indicators", r, col, what, expected, INDICATOR_COLS)

        level = _text(vals["level"])
        if level not in LEVELS:
            ip("level", f"unknown level '{level}'", "primary, secondary or tertiary")
            continue
        number = _whole(vals["number"])
        if number is None:
            ip("number", f"the number {_text(vals['number']) or '(empty)'} is not a whole number from 1",
               f"the {level} indicator's number")
            continue
        if number in nodes[level]:
            ip("number", f"{level} indicator {number} appears twice (first in row {node_rows[level, number]})",
               "each number once per level")
            continue
        parent = _whole(vals["parent"]) if _text(vals["parent"]) else None
        if level == "primary" and parent is not None:
            ip("parent", f"primary indicator {number} has a parent ({parent})", "an empty parent for a primary indicator")
        if level != "primary" and parent is None:
            above = LEVELS[LEVELS.index(level) - 1]
            ip("parent", f"{level} indicator {number} has no parent", f"the number of a {above} indicator")
        name = _text(vals["name"])
        if not name:
            ip("name", f"{level} indicator {number} has no Chinese name", "the indicator's name in Chinese")
        mx = _decimal(vals["max"])
        if mx is None or mx <= 0:
            ip("max", f"{level} indicator {number} has maximum {_text(vals['max']) or '(empty)'}", "a positive number")
            mx = None
        node_rows[level, number] = r
        nodes[level][number] = {"row": r, "parent": parent, "name": name, "name_en": _text(vals["name_en"]),
                                "max": mx, "table1_name": _text(vals["table1_name"]), "children": []}
    for level in LEVELS:
        _lint_numbering(lint, "indicators", f"{level} indicators", nodes[level], INDICATOR_COLS)
    for level in ("secondary", "tertiary"):
        above = LEVELS[LEVELS.index(level) - 1]
        for n, node in nodes[level].items():
            if node["parent"] is None:
                continue
            if node["parent"] not in nodes[above]:
                lint.add("indicators", node["row"], "parent",
                         f"{level} indicator {n} is under {above} indicator {node['parent']}, which does not exist",
                         f"the number of a {above} indicator in this sheet", INDICATOR_COLS)
            else:
                nodes[above][node["parent"]]["children"].append(n)

    # points
    points: dict[int, dict] = {}
    for r, vals in pts.rows:
        pt = _lint_point(lint, r, vals, nodes["tertiary"], lists, points)
        if pt is not None:
            points[pt["number"]] = pt
    _lint_numbering(lint, "points", "points", points, POINT_COLS)
    for n, pt in points.items():
        if pt["tertiary"] in nodes["tertiary"]:
            nodes["tertiary"][pt["tertiary"]]["children"].append(n)
    if pts.ok and not any(pt["veto"] is not False for pt in points.values()) and veto_excludes:
        sp(ve_row, "veto_excludes is set but no point carries a veto", "'yes' in the veto column of a point, "
           "or an empty veto_excludes")
    _lint_requires(lint, points)

    # the tree: every indicator has children, maxima add up at every level
    child_level = {"primary": "secondary", "secondary": "tertiary", "tertiary": "point"}
    for level in LEVELS if ind.ok and pts.ok else ():
        for n, node in nodes[level].items():
            kids = node["children"]
            if not kids:
                lint.add("indicators", node["row"], "number", f"{level} indicator {n} has no {child_level[level]}s",
                         f"at least one {child_level[level]} under it", INDICATOR_COLS)
                continue
            src = points if level == "tertiary" else nodes[child_level[level]]
            parts = [src[k]["max"] for k in kids]
            if node["max"] is None or any(p is None for p in parts):
                continue
            total = sum(parts, Decimal(0))
            if total != node["max"]:
                what = "points" if level == "tertiary" else f"{child_level[level]} indicators"
                lint.add("indicators", node["row"], "max",
                         f"{level} indicator {n} has maximum {_fmt(node['max'])} but its {what} "
                         f"({', '.join(map(str, kids))}) add up to {_fmt(total)}",
                         "the maximum to equal the sum of its parts", INDICATOR_COLS)
    if total_max is not None and nodes["primary"] and all(p["max"] is not None for p in nodes["primary"].values()):
        total = sum((p["max"] for p in nodes["primary"].values()), Decimal(0))
        if total != total_max:
            sp(tm_row, f"total_max is {_fmt(total_max)} but the primary indicators add up to {_fmt(total)}",
               "total_max to equal the sum of the primary indicators' maxima")

    tb_row, tb_v = setting("tie_break")
    tie_break = None
    if _text(tb_v):
        tie_break = _whole(tb_v)
        if tie_break is None or (ind.ok and tie_break not in nodes["primary"]):
            sp(tb_row, f"tie_break names primary indicator {_text(tb_v)}, which does not exist",
               f"the number of a primary indicator ({', '.join(map(str, sorted(nodes['primary'])))}) or nothing")

    if lint.problems:
        return {}
    return _assemble(sval, notes, grades, veto_excludes, tie_break, year, total_max, lists, lists_en, nodes, points)


def _fmt(d: Decimal) -> str:
    return format(d.normalize(), "f")


def _whole(v: Any) -> int | None:
    d = _decimal(v)
    if d is None or d != d.to_integral_value() or d < 1:
        return None
    return int(d)


def _lint_numbering(lint: _Lint, sheet: str, what: str, items: dict[int, dict], cols: list) -> None:
    """Numbers run 1..N without gaps; a gap is reported at the row after it."""
    if not items:
        return
    have = sorted(items)
    missing = [n for n in range(1, have[-1] + 1) if n not in items]
    for m in missing:
        after = min(n for n in have if n > m)
        lint.add(sheet, items[after]["row"], "number", f"{what} skip number {m} (numbered up to {have[-1]})",
                 f"{what} numbered 1 to {len(have)} without gaps", cols)


def _lint_bands(lint: _Lint, sp, setting, ok: bool) -> list[dict] | None:
    row, v = setting("bands")
    text = _text(v)
    if not text:
        if ok:
            sp(row, "the grade bands are missing", "bands such as 优秀 ≥ 85；良好 ≥ 70；一般 ≥ 60；较差 ≥ 0")
        return None
    grades = []
    for part in [x.strip() for x in re.split(r"[;；\n]+", text) if x.strip()]:
        m = re.fullmatch(r"(.+?)\s*(?:≥|>=|=|:|：)?\s*(\d+(?:\.\d+)?)", part)
        if not m or not m.group(1).strip():
            sp(row, f"the band '{part}' is not a name and a minimum", "each band as 名称 ≥ 最低分, separated by ；")
            return None
        grades.append({"name": m.group(1).strip(), "min": Decimal(m.group(2))})
    mins = [g["min"] for g in grades]
    if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins) or mins[-1] != 0:
        shown = "；".join(f"{g['name']} ≥ {_fmt(g['min'])}" for g in grades)
        sp(row, f"the bands are out of order ({shown})", "minima falling strictly from the best band, the last ≥ 0")
    names = [g["name"] for g in grades]
    if len(set(names)) != len(names):
        sp(row, "a band name is used twice", "each grade name once")
    en_row, en_v = setting("bands_en")
    en = [x.strip() for x in re.split(r"[;；\n]+", _text(en_v)) if x.strip()]
    if en and len(en) != len(grades):
        lint.add("settings", en_row, "value", f"bands_en has {len(en)} names for {len(grades)} bands",
                 "one English name per band, in the same order", [("key",), ("value",)])
    for g, e in zip(grades, en or [""] * len(grades), strict=False):
        g["name_en"] = e
    return grades


def _lint_point(lint: _Lint, r: int, vals: dict, tertiary: dict, lists: dict, points: dict) -> dict | None:
    def pp(col, what, expected):
        lint.add("points", r, col, what, expected, POINT_COLS)

    number = _whole(vals["number"])
    if number is None:
        pp("number", f"the point number {_text(vals['number']) or '(empty)'} is not a whole number from 1",
           "the point's number")
        return None
    if number in points:
        pp("number", f"point ({number}) appears twice (first in row {points[number]['row']})", "each number once")
        return None
    w = f"point ({number})"
    ter = _whole(vals["tertiary"])
    if ter is None or ter not in tertiary:
        pp("tertiary", f"{w} is under tertiary indicator {_text(vals['tertiary']) or '(empty)'}, which does not exist",
           "the number of a tertiary indicator in the indicators sheet")
    kind = _text(vals["kind"])
    if kind not in KINDS:
        pp("kind", f"{w} has the unknown kind '{kind}'", ", ".join(KINDS))
    mx = _decimal(vals["max"])
    if mx is None or mx <= 0:
        pp("max", f"{w} has maximum {_text(vals['max']) or '(empty)'}", "a positive number")
        mx = None
    unit, cap, step = _decimal(vals["unit"]), _decimal(vals["cap"]), _decimal(vals["step"])
    for col, d in (("unit", unit), ("cap", cap), ("step", step)):
        if _text(vals[col]) and (d is None or d <= 0):
            pp(col, f"{w} has {col} {_text(vals[col])}", "a positive number")
    dom: Any = None
    if kind in ("count", "domains"):
        if unit is None:
            pp("unit", f"{w} ({kind}) has no unit", "the points per event or domain, such as 0.2")
        if cap is None:
            pp("cap", f"{w} ({kind}) has no cap", "the most it can earn, equal to its maximum")
        if unit and cap and unit > 0 and cap > 0:
            if cap % unit != 0:
                pp("cap", f"{w}: cap {_fmt(cap)} is not reachable in whole units of {_fmt(unit)}",
                   f"a cap that is a multiple of the unit {_fmt(unit)}")
            if mx is not None and cap != mx:
                pp("cap", f"{w}: cap {_fmt(cap)} differs from its maximum {_fmt(mx)}", "the cap to equal the maximum")
    elif _text(vals["unit"]) or _text(vals["cap"]):
        pp("unit" if _text(vals["unit"]) else "cap", f"{w} is {kind or 'a point'} but has a unit or cap",
           "unit and cap only for count and domains points")
    if kind == "graded":
        if step is None:
            pp("step", f"{w} (graded) has no step", "the unit of the assessor's score, such as 0.5")
        elif step > 0 and mx is not None and mx % step != 0:
            pp("step", f"{w}: step {_fmt(step)} does not divide its maximum {_fmt(mx)}",
               f"a step that divides {_fmt(mx)}, such as 0.5 or 1")
    elif _text(vals["step"]):
        pp("step", f"{w} is {kind or 'a point'} but has a step", "a step only for graded points")
    dtext = _text(vals["domains"])
    if kind == "domains":
        if dtext in lists:
            dom = dtext
            names = lists[dtext]
        else:
            names = [x for x in re.split(r"[,，、;；\n]+", dtext) if x.strip()]
            names = [x.strip() for x in names]
            dom = names
            if len(names) == 1 and re.fullmatch(r"[A-Za-z0-9._-]+", names[0]):
                pp("domains", f"{w} names the domain list '{dtext}', which the domains sheet does not have",
                   "a list id from the domains sheet, or domain names separated by 、")
                names = None
        if names is not None and not names:
            pp("domains", f"{w} has an empty domain list", "a list id from the domains sheet, or names separated by 、")
        elif names:
            dup = sorted({x for x in names if names.count(x) > 1})
            if dup:
                pp("domains", f"{w}'s domain list repeats {'、'.join(dup)}", "each domain once")
            elif unit and cap and unit * len(names) < cap:
                pp("cap", f"{w}: cap {_fmt(cap)} is out of reach with {len(names)} domains of {_fmt(unit)}",
                   f"a cap of at most {_fmt(unit * len(names))}")
    elif dtext:
        pp("domains", f"{w} is {kind or 'a point'} but has a domain list", "a domain list only for domains points")
    rule, label = _text(vals["rule"]), _text(vals["label"])
    if not rule:
        pp("rule", f"{w} has no rule text", "the rule's wording from the scheme")
    if not label:
        pp("label", f"{w} has no Chinese name", "a short Chinese name for the point")
    veto_t = _text(vals["veto"]).lower()
    if veto_t not in YES_WORDS | NO_WORDS:
        pp("veto", f"{w} has veto '{_text(vals['veto'])}'", "yes, or empty for no veto")
    req_t = _text(vals["requires"])
    requires = []
    for x in [x for x in SPLIT.split(req_t) if x]:
        n = _whole(x.strip("()（）"))
        if n is None:
            pp("requires", f"{w} requires '{x}', which is not a point number", "point numbers separated by commas")
        else:
            requires.append(n)
    return {"row": r, "number": number, "tertiary": ter, "kind": kind, "max": mx, "unit": unit, "cap": cap,
            "step": step, "domains": dom, "rule": rule, "label": label, "label_en": _text(vals["label_en"]),
            "veto": True if veto_t in YES_WORDS else (False if veto_t in NO_WORDS else None), "requires": requires}


def _lint_requires(lint: _Lint, points: dict[int, dict]) -> None:
    ok = True
    for n, pt in sorted(points.items()):
        for r in pt["requires"]:
            if r == n:
                lint.add("points", pt["row"], "requires", f"point ({n}) requires itself", "other points' numbers",
                         POINT_COLS)
                ok = False
            elif r not in points:
                lint.add("points", pt["row"], "requires", f"point ({n}) requires point ({r}), which does not exist",
                         "numbers of points in this sheet", POINT_COLS)
                ok = False
    if ok:
        cycle = requires_cycle({n: tuple(p["requires"]) for n, p in points.items()})
        if cycle:
            shown = " → ".join(f"({n})" for n in cycle)
            lint.add("points", points[cycle[0]]["row"], "requires", f"requires rules form a cycle: {shown}",
                     "requires rules that never lead back to the same point", POINT_COLS)


def _assemble(sval, notes, grades, veto_excludes, tie_break, year, total_max, lists, lists_en, nodes, points) -> dict:
    def s(k):
        return _text(sval.get(k, (None, None))[1])

    raw: dict[str, Any] = {"format": CATALOG_FORMAT, "id": s("id"), "title": s("title")}
    if s("title_en"):
        raw["title_en"] = s("title_en")
    raw["year"] = int(year)
    if s("source"):
        raw["source"] = s("source")
    if notes:
        raw["notes"] = notes
    if lists:
        raw["domain_lists"] = lists
        if all(all(x for x in v) for v in lists_en.values()):
            raw["domain_lists_en"] = lists_en
    raw["grades"] = [{"name": g["name"], **({"name_en": g["name_en"]} if g["name_en"] else {}),
                      "min": _json_number(g["min"])} for g in grades]
    if s("grades_source"):
        raw["grades_source"] = s("grades_source")
    if veto_excludes:
        raw["veto_excludes"] = veto_excludes
    if tie_break is not None:
        raw["tie_break"] = tie_break
    raw["total_max"] = _json_number(total_max)

    def node(level, n):
        nd = nodes[level][n]
        out: dict[str, Any] = {"number": n, "name": nd["name"]}
        if nd["name_en"]:
            out["name_en"] = nd["name_en"]
        out["max"] = _json_number(nd["max"])
        if nd["table1_name"]:
            out["table1_name"] = nd["table1_name"]
        return out

    def point(n):
        pt = points[n]
        out: dict[str, Any] = {"number": n, "kind": pt["kind"], "label": pt["label"]}
        if pt["label_en"]:
            out["label_en"] = pt["label_en"]
        out["rule"] = pt["rule"]
        out["max"] = _json_number(pt["max"])
        if pt["kind"] in ("count", "domains"):
            out["unit"] = _json_number(pt["unit"])
            out["cap"] = _json_number(pt["cap"])
        if pt["kind"] == "domains":
            out["domains"] = pt["domains"]
        if pt["kind"] == "graded":
            out["step"] = _json_number(pt["step"])
        if pt["veto"]:
            out["veto"] = True
        if pt["requires"]:
            out["requires"] = pt["requires"]
        return out

    raw["primary"] = []
    for pn in sorted(nodes["primary"]):
        p = node("primary", pn)
        p["secondary"] = []
        for sn in sorted(nodes["primary"][pn]["children"]):
            sx = node("secondary", sn)
            sx["tertiary"] = []
            for tn in sorted(nodes["secondary"][sn]["children"]):
                t = node("tertiary", tn)
                t["points"] = [point(n) for n in sorted(nodes["tertiary"][tn]["children"])]
                sx["tertiary"].append(t)
            p["secondary"].append(sx)
        raw["primary"].append(p)
    return raw


def catalog_text(raw: dict) -> str:
    """The catalogue file's text, formatted like the shipped files."""
    return json.dumps(raw, ensure_ascii=False, indent=1)


def build_scheme(path: Path, output: Path) -> Path:
    """Lint a scheme workbook and write its catalogue JSON; SchemeProblems lists every problem."""
    path = Path(path)
    raw, problems = read_scheme_workbook(path)
    if problems:
        raise SchemeProblems(path, problems)
    with atomic_write(output) as tmp:
        tmp.write_text(catalog_text(raw), encoding="utf-8")
    return Path(output)
