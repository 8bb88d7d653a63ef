"""Words for stored codes (assessment status, history actions), in one place for Excel, PDF and the CLI.

The GUI words the same codes through Qt Linguist (self.tr), as all its text.
"""

from __future__ import annotations

STATUS = {
    "draft": {"zh": "草稿", "en": "Draft"},
    "submitted": {"zh": "已提交", "en": "Submitted"},
}

ACTIONS = {
    "create": {"zh": "新建", "en": "created"},
    "set": {"zh": "填报", "en": "answer set"},
    "clear": {"zh": "清除", "en": "answer cleared"},
    "note": {"zh": "备注", "en": "note"},
    "assessor": {"zh": "填表人", "en": "assessor"},
    "submit": {"zh": "提交", "en": "submitted"},
    "reopen": {"zh": "退回修改", "en": "reopened"},
    "evidence-add": {"zh": "添加佐证", "en": "evidence added"},
    "evidence-remove": {"zh": "删除佐证", "en": "evidence removed"},
    "evidence-received": {"zh": "收到佐证", "en": "evidence received"},
    "export": {"zh": "导出", "en": "exported"},
    "import": {"zh": "导入", "en": "imported"},
    "replaced": {"zh": "被替换", "en": "replaced"},
    "delete": {"zh": "删除", "en": "deleted"},
}


def status_label(status: str, lang: str = "zh") -> str:
    return STATUS.get(status, {}).get(lang, status)


def action_label(action: str, lang: str = "zh") -> str:
    return ACTIONS.get(action, {}).get(lang, action)
