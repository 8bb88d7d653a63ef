"""What the store hands out: frozen records of regions, assessments, evidence and history rows.

The records are named tuples made with collections.namedtuple: typing.NamedTuple
(or dataclasses) would load typing (or inspect) and build each class through
annotations, about 6 ms (or 15 ms) of every start of `jlip`.
"""

from __future__ import annotations

import json
from collections import namedtuple
from datetime import datetime
from functools import lru_cache
from pathlib import Path

_REGIONS_FILE = Path(__file__).resolve().parent.parent / "regions.json"


class Region(namedtuple("Region", "code name short name_en parent level")):
    """code (GB/T 2260), name, short, name_en: str; parent: the parent's code, None for the province;
    level: province | prefecture | county."""

    __slots__ = ()

    def display(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name


class Assessment(namedtuple("Assessment", "id region year catalog status assessor created_at updated_at submitted_at "
                                         "imported source_file source_revision export_revision")):
    """id, year, export_revision: int; region (code), catalog (scheme id), status, assessor, created_at,
    updated_at: str; submitted_at: str | None; imported: bool; source_file: str | None; source_revision:
    int | None."""

    __slots__ = ()


class Evidence(namedtuple("Evidence", "id assessment_id point filename sha256 size added_at")):
    """id, assessment_id, point, size: int; filename, sha256, added_at: str."""

    __slots__ = ()


class AuditEntry(namedtuple("AuditEntry", "id assessment_id at who action point old new detail")):
    """id, assessment_id: int; at, who, action: str; point: int | None; old, new, detail: str | None."""

    __slots__ = ()


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
