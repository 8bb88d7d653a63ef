"""The region list: built-in data (regions.json) and, later, its maintenance."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

REGIONS_FILE = Path(__file__).resolve().parent.parent / "regions.json"


@lru_cache(maxsize=1)
def builtin_initials() -> dict[str, str]:
    """Region code -> pinyin initials of its name (德惠市: dhs), from regions.json."""
    doc = json.loads(REGIONS_FILE.read_text(encoding="utf-8"))
    return {r["code"]: r.get("initials", "") for r in doc["regions"]}
