"""The region list: built-in data (regions.json) and its maintenance from a CSV file.

`import_regions(store, path)` replaces a database's region list with a CSV file's
(columns code, name, parent; optional name_en, short, was), all or nothing:

- a code is six digits shaped like GB/T 2260: a top-level region (no parent) ends
  in 0000; a region under a top-level one starts with its parent's first two digits,
  one under a second-level region with its parent's first four, and is not its
  parent's code;
- a parent is a region earlier in the file (a file that lists a region before its
  parent is refused, which also rules out cycles);
- a code that is already in the database keeps its assessments whatever its new
  name or parent (renames and moves); `was` names the code a region had before
  (a division renumbered: 公主岭市 220381 → 220184), and the assessments of the old
  code move to the new one;
- **the file is the complete list**: a region of the database that is absent from it
  (and not named in a `was`) is removed, unless it has assessments, which refuses the
  whole import — a region with assessments is never removed;
- any problem (bad code, name, unknown or later parent, prefix mismatch, duplicate
  code, a region with assessments left out) refuses the whole file with BadInput
  naming the line; the database is unchanged.

Levels follow the tree: a region without parent is "province", its children
"prefecture", theirs "county".  The file's order is the display order.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import BadInput

REGIONS_FILE = Path(__file__).resolve().parent.parent / "regions.json"
LEVELS = ("province", "prefecture", "county")
_CODE = re.compile(r"^[0-9]{6}$")
MAX_NAME = 60
MAX_ROWS = 10000


@lru_cache(maxsize=1)
def builtin_initials() -> dict[str, str]:
    """Region code -> pinyin initials of its name (德惠市: dhs), from regions.json."""
    doc = json.loads(REGIONS_FILE.read_text(encoding="utf-8"))
    return {r["code"]: r.get("initials", "") for r in doc["regions"]}


@dataclass(frozen=True)
class RegionRow:
    line: int
    code: str
    name: str
    parent: str | None
    name_en: str
    short: str
    was: str | None
    level: str


@dataclass(frozen=True)
class RegionsResult:
    added: int
    renamed: int
    moved: int
    renumbered: int
    removed: int
    unchanged: int

    def summary(self) -> str:
        return (f"{self.added} added, {self.renamed} renamed, {self.moved} moved, {self.renumbered} renumbered, "
                f"{self.removed} removed, {self.unchanged} unchanged")


def _bad(path, line: int, message: str, **params) -> BadInput:
    return BadInput(f"{path}: line {line}: {message}", code="regions.bad_line", file=str(path), line=line,
                    reason=message, **params)


def read_regions_csv(path: str | Path) -> list[RegionRow]:
    """Parse and check a regions CSV (UTF-8, with or without BOM; comma-separated, header row)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BadInput(f"{p}: no such file", code="file.missing", file=str(p)) from None
    except IsADirectoryError:
        raise BadInput(f"{p}: is a folder, not a file", code="file.folder", file=str(p)) from None
    except UnicodeDecodeError:
        raise BadInput(f"{p}: not UTF-8 text (save the CSV as UTF-8)", code="file.not_utf8", file=str(p)) from None
    except OSError as e:
        raise BadInput(f"{p}: can't read it ({e.strerror or e})", code="file.unreadable", file=str(p)) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise BadInput(f"{p}: empty file: expected a header row code,name,parent", code="regions.empty",
                       file=str(p)) from None
    except csv.Error as e:
        raise _bad(p, 1, f"not a CSV row ({e})") from None
    cols = [h.strip().lower() for h in header]
    for need in ("code", "name", "parent"):
        if need not in cols:
            raise _bad(p, 1, f"the header has no column {need!r}: expected code,name,parent "
                             "(and optionally name_en, short, was)")
    unknown = [c for c in cols if c not in ("code", "name", "parent", "name_en", "short", "was")]
    if unknown:
        raise _bad(p, 1, f"unknown column {unknown[0]!r}: expected code, name, parent, name_en, short, was")
    if len(set(cols)) != len(cols):
        raise _bad(p, 1, "a column appears twice in the header")
    all_parents = _all_parents(text, cols)
    rows: list[RegionRow] = []
    seen: dict[str, int] = {}
    was_seen: dict[str, int] = {}
    levels: dict[str, str] = {}
    try:
        for fields in reader:
            line = reader.line_num
            if not any(f.strip() for f in fields):
                continue
            if len(rows) >= MAX_ROWS:
                raise _bad(p, line, f"more than {MAX_ROWS} regions")
            if len(fields) != len(cols):
                raise _bad(p, line, f"{len(fields)} fields, expected {len(cols)} as in the header")
            rec = {c: f.strip() for c, f in zip(cols, fields, strict=True)}
            code, name, parent = rec["code"], rec["name"], rec["parent"] or None
            if not _CODE.match(code):
                raise _bad(p, line, f"bad code {code!r}: expected six digits (GB/T 2260), such as 220183",
                           code_value=code)
            if code in seen:
                raise _bad(p, line, f"duplicate code {code}: already on line {seen[code]}", code_value=code)
            if not name or len(name) > MAX_NAME or any(ord(ch) < 32 for ch in name):
                raise _bad(p, line, f"bad name for {code}: expected 1 to {MAX_NAME} characters, no control characters")
            if parent is None:
                if not code.endswith("0000"):
                    raise _bad(p, line, f"{code} has no parent, so it is a top-level region: its code must end "
                                        "in 0000 (GB/T 2260)", code_value=code)
                level = "province"
            else:
                if not _CODE.match(parent):
                    raise _bad(p, line, f"bad parent code {parent!r} for {code}: expected six digits")
                if parent == code:
                    raise _bad(p, line, f"{code} is its own parent (a cycle)", code_value=code)
                if parent not in levels:
                    cycle = _cycle(all_parents, code)
                    if cycle:
                        raise _bad(p, line, f"a cycle of parents: {' → '.join(cycle)}", code_value=code)
                    where = "later in the file" if parent in all_parents else "not in the file"
                    raise _bad(p, line, f"unknown parent {parent} of {code}: {where}; a parent must come earlier "
                                        "in the file", code_value=code)
                plevel = levels[parent]
                if plevel == "county":
                    raise _bad(p, line, f"parent {parent} of {code} is a county-level region; regions go three "
                                        "levels deep at most", code_value=code)
                prefix = parent[:2] if plevel == "province" else parent[:4]
                if not code.startswith(prefix):
                    raise _bad(p, line, f"code {code} doesn't agree with its parent {parent}: it must start with "
                                        f"{prefix} (GB/T 2260)", code_value=code)
                level = "prefecture" if plevel == "province" else "county"
            was = rec.get("was") or None
            if was is not None:
                if not _CODE.match(was):
                    raise _bad(p, line, f"bad previous code {was!r} for {code}: expected six digits")
                if was in was_seen:
                    raise _bad(p, line, f"previous code {was} is already given on line {was_seen[was]}")
                was_seen[was] = line
                if was == code:
                    was = None
            seen[code] = line
            levels[code] = level
            rows.append(RegionRow(line, code, name, parent, rec.get("name_en") or name, rec.get("short") or name,
                                  was, level))
    except csv.Error as e:
        raise _bad(p, reader.line_num, f"not a CSV row ({e})") from None
    if not rows:
        raise BadInput(f"{p}: no regions in the file", code="regions.empty", file=str(p))
    for r in rows:
        if r.was is not None and r.was in seen:
            raise _bad(p, r.line, f"previous code {r.was} of {r.code} is also listed as a region of its own "
                                  f"(line {seen[r.was]})")
    return rows


def _all_parents(text: str, cols: list[str]) -> dict[str, str | None]:
    """code -> parent for every row of the file (first occurrence), for cycle messages."""
    out: dict[str, str | None] = {}
    ci, pi = cols.index("code"), cols.index("parent")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        next(reader)
        for fields in reader:
            if len(fields) == len(cols):
                out.setdefault(fields[ci].strip(), fields[pi].strip() or None)
    except csv.Error:
        pass
    return out


def _cycle(parents: dict[str, str | None], code: str) -> list[str]:
    """The chain code → parent → … back to code, if the file's parents make one."""
    chain = [code]
    cur = parents.get(code)
    while cur is not None and len(chain) <= len(parents):
        chain.append(cur)
        if cur == code:
            return chain
        if cur in chain[:-1]:
            return []
        cur = parents.get(cur)
    return []


def import_regions(store, path: str | Path) -> RegionsResult:
    """Replace the database's region list with a CSV file's (see the module docstring)."""
    p = Path(path)
    rows = read_regions_csv(p)
    with store.transaction() as c:
        old = {r[0]: r for r in c.execute("SELECT code, name, short, name_en, parent, level, sort FROM regions")}
        counts = dict(c.execute("SELECT region, COUNT(*) FROM assessments GROUP BY region").fetchall())
        listed = {r.code for r in rows}
        renumbered_from = {r.was: r for r in rows if r.was is not None}
        for code in old:
            if code not in listed and code not in renumbered_from and counts.get(code):
                raise BadInput(f"{p}: {old[code][1]} ({code}) has {counts[code]} assessment(s) and is not in the "
                               "file: a region with assessments can't be removed (list it, or give its new code "
                               "in the 'was' column)", code="regions.in_use", file=str(p), region=code,
                               count=counts[code])
        for was, r in renumbered_from.items():
            if was not in old:
                raise _bad(p, r.line, f"previous code {was} of {r.code} is not a region of the database")
        added = renamed = moved = renumbered = unchanged = 0
        c.execute("PRAGMA defer_foreign_keys = ON")  # parents and children change in one go
        for i, r in enumerate(rows):
            before = old.get(r.code)
            c.execute("INSERT INTO regions(code, name, short, name_en, parent, level, sort) VALUES (?,?,?,?,?,?,?) "
                      "ON CONFLICT(code) DO UPDATE SET name=excluded.name, short=excluded.short, "
                      "name_en=excluded.name_en, parent=excluded.parent, level=excluded.level, sort=excluded.sort",
                      (r.code, r.name, r.short, r.name_en, r.parent, r.level, i))
            if r.was is not None:
                taken = c.execute("SELECT a.year FROM assessments a WHERE a.region = ? AND a.year IN "
                                  "(SELECT year FROM assessments WHERE region = ?)", (r.was, r.code)).fetchone()
                if taken:
                    raise _bad(p, r.line, f"{r.code} and its previous code {r.was} both have an assessment for "
                                          f"{taken[0]}")
                c.execute("UPDATE assessments SET region = ? WHERE region = ?", (r.code, r.was))
                renumbered += 1
            elif before is None:
                added += 1
            elif (before[1], before[2], before[3]) != (r.name, r.short, r.name_en):
                renamed += 1
                if before[4] != r.parent:
                    moved += 1
            elif before[4] != r.parent:
                moved += 1
            else:
                unchanged += 1
        gone = [code for code in old if code not in listed]
        for code in gone:
            c.execute("DELETE FROM regions WHERE code = ?", (code,))
        store.notify("meta")
    return RegionsResult(added, renamed, moved, renumbered, len(gone), unchanged)
