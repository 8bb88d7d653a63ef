"""Write each region's pinyin initials into jlip_desktop/regions.json ("initials": "dhs" for 德惠市).

Run once when regions.json changes: `pip install pypinyin && python scripts/region_initials.py`.
pypinyin is needed only here, never at run time; the navigator's region search reads the field.
Characters read differently in place names are fixed by hand in FIXES.
"""

from __future__ import annotations

import json
from pathlib import Path

from pypinyin import Style, lazy_pinyin

REGIONS = Path(__file__).resolve().parent.parent / "jlip_desktop" / "regions.json"
FIXES = {"长": "c"}  # 长春, 长白, 长岭: cháng, never zhǎng in these names


def initials(name: str) -> str:
    out = []
    for ch, letter in zip(name, lazy_pinyin(name, style=Style.FIRST_LETTER, errors=lambda s: list(s)), strict=True):
        out.append(FIXES.get(ch, letter).lower())
    return "".join(c for c in out if c.isascii() and c.isalnum())


def main() -> None:
    doc = json.loads(REGIONS.read_text(encoding="utf-8"))
    for r in doc["regions"]:
        r["initials"] = initials(r["name"])
    REGIONS.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(doc['regions'])} regions: {', '.join(r['name'] + ' ' + r['initials'] for r in doc['regions'][:4])} …")


if __name__ == "__main__":
    main()
