"""The evidence list of an exchange workbook: in its checksummed data, and on the 佐证材料 sheet.

Each evidence file is listed as {"point", "name", "size", "sha256"}; the list
travels inside the workbook's checksummed data, so a package's files can be
checked against it, and a plain workbook still tells the province which
files exist (they are then "not received").
"""

from __future__ import annotations

import re
from typing import Any

from ..core.catalog import Catalog
from ..core.errors import BadInput
from ..core.store import LIMITS, check_text
from .xlsx_common import BOLD, BORDER, HEADER_FILL, WRAP, put_text

SHEET_EVIDENCE = "佐证材料"
MAX_EVIDENCE_ITEMS = 5000
MAX_NAME_CHARS = LIMITS["evidence file name"]
_SHA = re.compile(r"[0-9a-f]{64}")


def evidence_list(store, assessment_id: int) -> list[dict[str, Any]]:
    """The assessment's evidence files as the workbook lists them, in a stable order."""
    items = [{"point": e.point, "name": e.filename, "size": e.size, "sha256": e.sha256}
             for e in store.evidence(assessment_id)]
    return sorted(items, key=lambda d: (d["point"], d["name"], d["sha256"]))


def write_evidence_sheet(ws, catalog: Catalog, evidence: list[dict[str, Any]]) -> None:
    headers = ("要点", "考核要点", "文件名", "大小（字节）", "SHA-256")
    widths = (7, 30, 40, 13, 68)
    for i, (h, w) in enumerate(zip(headers, widths, strict=True), start=1):
        c = ws.cell(1, i, h)
        c.font = BOLD
        c.fill = HEADER_FILL
        c.border = BORDER
        ws.column_dimensions[c.column_letter].width = w
    for r, item in enumerate(evidence, start=2):
        p = catalog.points.get(item["point"])
        ws.cell(r, 1, item["point"]).number_format = '"("0")"'
        put_text(ws.cell(r, 2), p.label if p is not None else "")
        put_text(ws.cell(r, 3), item["name"])
        ws.cell(r, 4, item["size"]).number_format = "#,##0"
        put_text(ws.cell(r, 5), item["sha256"])
        for col in range(1, 6):
            ws.cell(r, col).border = BORDER
            ws.cell(r, col).alignment = WRAP
    if not evidence:
        put_text(ws.cell(2, 1), "（无佐证材料）")
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def name_problem(name: Any) -> str | None:
    """Why a listed evidence file name can't be one the store holds (None when it can)."""
    if not isinstance(name, str) or not name.strip():
        return "an empty name"
    if len(name) > MAX_NAME_CHARS:
        return f"a name longer than {MAX_NAME_CHARS} characters"
    if name in (".", "..") or "/" in name:
        return "a name that is not a plain file name"
    try:
        check_text("evidence file name", name)
    except BadInput:
        return "a name that is not a plain file name (a control or invalid character)"
    return None


def parse_evidence(catalog: Catalog, raw: Any) -> list[dict[str, Any]]:
    """The data sheet's evidence list, checked; ValueError with the reason when it is not valid."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ValueError("the data sheet's evidence must be a list")
    if len(raw) > MAX_EVIDENCE_ITEMS:
        raise ValueError(f"the data sheet lists more than {MAX_EVIDENCE_ITEMS} evidence files")
    out = []
    for i, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or set(item) != {"point", "name", "size", "sha256"}:
            raise ValueError(f"evidence entry {i} of the data sheet must have point, name, size and sha256")
        point, name, size, digest = item["point"], item["name"], item["size"], item["sha256"]
        if isinstance(point, bool) or not isinstance(point, int) or point not in catalog.points:
            raise ValueError(f"evidence entry {i} of the data sheet names an unknown point {point!r}")
        problem = name_problem(name)
        if problem:
            raise ValueError(f"evidence entry {i} (point ({point})) of the data sheet has {problem}")
        if isinstance(size, bool) or not isinstance(size, int) or not 0 <= size < 2**53:
            raise ValueError(f"evidence entry {i} ({name}) of the data sheet has a bad size {size!r}")
        if not isinstance(digest, str) or not _SHA.fullmatch(digest):
            raise ValueError(f"evidence entry {i} ({name}) of the data sheet has a bad SHA-256")
        out.append({"point": point, "name": name, "size": size, "sha256": digest})
    return out
