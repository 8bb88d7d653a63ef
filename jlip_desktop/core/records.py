"""What the store hands out: frozen records of regions, assessments, evidence and history rows."""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

_REGIONS_FILE = Path(__file__).resolve().parent.parent / "regions.json"


class Region(NamedTuple):
    code: str
    name: str
    short: str
    name_en: str
    parent: str | None
    level: str  # province | prefecture | county

    def display(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name


class Assessment(NamedTuple):
    id: int
    region: str
    year: int
    catalog: str
    status: str
    assessor: str
    created_at: str
    updated_at: str
    submitted_at: str | None
    imported: bool
    source_file: str | None
    source_revision: int | None
    export_revision: int


class Evidence(NamedTuple):
    id: int
    assessment_id: int
    point: int
    filename: str
    sha256: str
    size: int
    added_at: str


class AuditEntry(NamedTuple):
    id: int
    assessment_id: int
    at: str
    who: str
    action: str
    point: int | None
    old: str | None
    new: str | None
    detail: str | None


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def current_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # getuser raises different things on different systems
        return "unknown"


@lru_cache(maxsize=1)
def builtin_regions() -> tuple[Region, ...]:
    doc = json.loads(_REGIONS_FILE.read_text(encoding="utf-8"))
    return tuple(
        Region(r["code"], r["name"], r.get("short", r["name"]), r["name_en"], r["parent"], r["level"])
        for r in doc["regions"]
    )
