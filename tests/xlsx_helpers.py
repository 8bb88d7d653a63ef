"""Helpers for the Excel tests: varied answers, database dumps, LibreOffice recalculation."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from jlip_desktop.core.catalog import Catalog
from jlip_desktop.core.scoring import Value


def varied_answers(catalog: Catalog, seed: int, unanswered: float = 0.15) -> dict[int, Value]:
    """Answers of every kind, some points left unanswered, reproducible from the seed."""
    rnd = random.Random(seed)
    out: dict[int, Value] = {}
    for n, p in catalog.points.items():
        if rnd.random() < unanswered:
            continue
        if p.kind == "yesno":
            out[n] = rnd.random() < 0.7
        elif p.kind == "count":
            out[n] = rnd.randint(0, 8)
        elif p.kind == "domains":
            out[n] = tuple(d for d in p.domains if rnd.random() < 0.4)
        else:
            steps = int(p.max / p.step)
            out[n] = (p.step * rnd.randint(0, steps)).normalize()
    return out


def db_dump(store) -> str:
    """Every row of every table, to compare a database before and after."""
    return "\n".join(store.conn.iterdump())


def soffice() -> str:
    """The LibreOffice binary; a clear failure (not a skip) when it is missing."""
    for name in ("soffice", "soffice.exe", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("LibreOffice (soffice) is needed for the Excel recalculation tests: "
                "install it with scripts/setup.sh (Debian package libreoffice-calc-nogui)")


def recalc(files: list[Path], outdir: Path, profile: Path) -> dict[Path, Path]:
    """Open each workbook in LibreOffice headless, recalculate, save as xlsx into outdir (one soffice run)."""
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [soffice(), f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
           "--convert-to", "xlsx", "--outdir", str(outdir), *[str(f) for f in files]]
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    out = {f: outdir / f.name for f in files}
    missing = [str(f) for f, o in out.items() if not o.exists()]
    if missing:
        pytest.fail(f"soffice did not convert {missing}: exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return out


def values(path: Path, sheet: str) -> openpyxl.worksheet.worksheet.Worksheet:
    """A sheet with the cached (computed) values, as LibreOffice left them."""
    return openpyxl.load_workbook(path, data_only=True)[sheet]


def dec(v) -> Decimal:
    """A computed cell as a Decimal to one decimal place (formulas run in binary floating point)."""
    return Decimal(str(v)).quantize(Decimal("0.1"))


def data_payload(path: Path) -> dict:
    """The decoded data sheet of a workbook."""
    import json

    from jlip_desktop.exchange.xlsx_common import DATA_SHEET

    wb = openpyxl.load_workbook(path)
    parts: dict[str, str] = {}
    for key, text in wb[DATA_SHEET].iter_rows(min_row=2, values_only=True):
        parts[key] = parts.get(key, "") + text
    return {k: json.loads(v) for k, v in parts.items()}


def rewrite_data(path: Path, out: Path, changes: dict, *, reseal: bool) -> Path:
    """A copy of a workbook with data-sheet values changed; reseal=True recomputes the checksum."""
    from jlip_desktop.exchange.xlsx_common import DATA_SHEET, checksum, write_data_sheet

    payload = data_payload(path)
    payload.update(changes)
    if reseal:
        payload["sha256"] = checksum(payload)
    wb = openpyxl.load_workbook(path)
    del wb[DATA_SHEET]
    write_data_sheet(wb, payload)
    wb.save(out)
    return out


def fill_template(template: Path, out: Path, catalog: Catalog, answers: dict, *, region="220100 长春市",
                  year=2021, assessor="李四", notes: dict | None = None) -> Path:
    """Type answers into a template's cells the way a person would (是/否, numbers, domain ticks)."""
    from jlip_desktop.exchange.xlsx_points import COL

    layout = data_payload(template)["layout"]
    wb = openpyxl.load_workbook(template)
    ws = wb["评分表"]
    ws[layout["region_cell"]] = region
    ws[layout["year_cell"]] = year
    ws[layout["assessor_cell"]] = assessor
    for n, p in catalog.points.items():
        row = layout["points"][str(n)]
        if n in (notes or {}):
            cell = ws.cell(row, COL["note"], notes[n])
            cell.data_type = "s"  # typed into a text-formatted cell: stays text
        if n not in answers:
            continue
        v = answers[n]
        if p.kind == "domains":
            for dom, drow in layout["domains"][str(n)].items():
                ws.cell(drow, COL["answer"], "是" if dom in v else "否")
        elif p.kind == "yesno":
            ws.cell(row, COL["answer"], "是" if v else "否")
        elif p.kind == "graded":
            ws.cell(row, COL["answer"], float(v) if v != int(v) else int(v))
        else:
            ws.cell(row, COL["answer"], v)
    wb.save(out)
    return out


def county_workbooks(folder: Path, count: int, seed: int = 100) -> tuple[Path, list[Path]]:
    """`count` exchange workbooks of distinct region-years (several years, all regions), exported from one database."""
    from jlip_desktop.core.store import Store
    from jlip_desktop.exchange import xlsx

    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "来源 县库.sqlite"
    paths = []
    with Store(db, create=True) as st:
        regions = st.regions()
        cat = st.catalog("jilin-2021")
        for i in range(count):
            reg = regions[i % len(regions)]
            year = 2020 + i // len(regions)
            aid = st.new_assessment(reg.code, year, f"填表人{i}", answers=varied_answers(cat, seed + i),
                                    notes={1 + i % 44: f"备注 {i}"})
            paths.append(xlsx.export_assessment(st, aid, folder / f"{reg.short} {year}.xlsx"))
    return db, paths


def openpyxl_rows(source) -> dict[str, list[tuple]]:
    """Every worksheet's rows as openpyxl reads them for the import (read-only, cached values, no dimensions)."""
    import io
    import warnings

    with warnings.catch_warnings():  # openpyxl warns of a date outside the calendar
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(io.BytesIO(source) if isinstance(source, bytes) else source, read_only=True,
                                    data_only=True)
        try:
            out = {}
            for ws in wb.worksheets:
                ws.reset_dimensions()
                out[ws.title] = [tuple(r) for r in ws.iter_rows(values_only=True)]
            return out
        finally:
            wb.close()


def cell_rows(source) -> dict[str, list[tuple]]:
    """Every worksheet's rows as exchange/xlsx_cells reads them."""
    import io
    import zipfile

    from jlip_desktop.exchange.xlsx_cells import WorkbookCells

    with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as zf:
        book = WorkbookCells(zf)
        return {name: book.rows(name) for name in book.sheetnames}


def assert_same_rows(source) -> dict[str, list[tuple]]:
    """xlsx_cells gives exactly openpyxl's rows for every sheet: the same rows, values and types."""
    want, got = openpyxl_rows(source), cell_rows(source)
    assert list(got) == list(want)
    for name in want:
        typed = [[(type(v), v) for v in row] for row in got[name]]
        assert typed == [[(type(v), v) for v in row] for row in want[name]], name
    return got
