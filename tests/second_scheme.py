"""A second scheme, deliberately unlike jilin-2021, for tests that nothing in the code knows jilin-2021.

Three primary indicators, 120 points in all, nine scoring points, the veto on
point (5) (excluding grade 甲), the tie-break on primary indicator 2, graded
points in steps of 1, its own domain list, three grade bands, and "9 requires 8".
"""

from __future__ import annotations

import json
from pathlib import Path

SECOND_ID = "test-scheme-2023"


def second_raw(cid: str = SECOND_ID, year: int = 2023) -> dict:
    def yn(n, mx, label, **kw):
        return {"number": n, "kind": "yesno", "label": label, "label_en": f"Point {n}",
                "rule": f"{label}的，得{mx}分。", "max": mx, **kw}

    return {
        "format": "jlip-catalog/1",
        "id": cid,
        "title": f"测试方案（{year}）",
        "title_en": f"Test scheme ({year})",
        "year": year,
        "notes": ["A scheme for tests only."],
        "domain_lists": {"fields": ["专利", "商标", "版权"]},
        "domain_lists_en": {"fields": ["Patents", "Trademarks", "Copyright"]},
        "grades": [{"name": "甲", "name_en": "Grade A", "min": 100}, {"name": "乙", "name_en": "Grade B", "min": 80},
                   {"name": "丙", "name_en": "Grade C", "min": 0}],
        "grades_source": "test",
        "veto_excludes": ["甲"],
        "tie_break": 2,
        "total_max": 120,
        "primary": [
            {"number": 1, "name": "组织保障", "name_en": "Organisation", "max": 30, "secondary": [
                {"number": 1, "name": "机构与制度", "name_en": "Bodies and rules", "max": 30, "tertiary": [
                    {"number": 1, "name": "机构建设", "name_en": "Bodies", "max": 20, "points": [
                        yn(1, 10, "设立专门机构"),
                        {"number": 2, "kind": "count", "label": "召开联席会议", "label_en": "Joint meetings",
                         "rule": "每召开1次联席会议得1分，最多得5分。", "max": 5, "unit": 1, "cap": 5},
                        yn(3, 5, "制定年度计划"),
                    ]},
                    {"number": 2, "name": "制度执行", "name_en": "Rules applied", "max": 10, "points": [
                        {"number": 4, "kind": "graded", "label": "制度执行情况", "label_en": "Rules applied",
                         "rule": "制度执行情况，得10分。", "max": 10, "step": 1},
                    ]},
                ]},
            ]},
            {"number": 2, "name": "执法成效", "name_en": "Enforcement", "max": 50, "secondary": [
                {"number": 2, "name": "行政执法", "name_en": "Administrative enforcement", "max": 30, "tertiary": [
                    {"number": 3, "name": "专项行动", "name_en": "Campaigns", "max": 30, "points": [
                        yn(5, 15, "完成年度执法任务", veto=True),
                        {"number": 6, "kind": "domains", "label": "专项行动领域", "label_en": "Campaign fields",
                         "rule": "每个领域得5分，最多得15分。", "max": 15, "unit": 5, "cap": 15, "domains": "fields"},
                    ]},
                ]},
                {"number": 3, "name": "案件办理", "name_en": "Cases", "max": 20, "tertiary": [
                    {"number": 4, "name": "办案质量", "name_en": "Case quality", "max": 20, "points": [
                        {"number": 7, "kind": "graded", "label": "办案质量", "label_en": "Case quality",
                         "rule": "办案质量，得20分。", "max": 20, "step": 1},
                    ]},
                ]},
            ]},
            {"number": 3, "name": "社会共治", "name_en": "Co-governance", "max": 40, "secondary": [
                {"number": 4, "name": "调解与援助", "name_en": "Mediation and aid", "max": 40, "tertiary": [
                    {"number": 5, "name": "调解组织", "name_en": "Mediation bodies", "max": 40, "points": [
                        yn(8, 15, "成立调解组织"),
                        yn(9, 25, "调解组织运行良好", requires=[8]),
                    ]},
                ]},
            ]},
        ],
    }


def second_text(**kw) -> str:
    return json.dumps(second_raw(**kw), ensure_ascii=False, indent=1)


def write_second(folder: Path, name: str = "测试 方案.json", **kw) -> Path:
    path = Path(folder) / name
    path.write_text(second_text(**kw), encoding="utf-8")
    return path
