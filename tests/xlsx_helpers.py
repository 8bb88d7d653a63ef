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

from jlip_desktop.catalog import Catalog
from jlip_desktop.scoring import Value


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
