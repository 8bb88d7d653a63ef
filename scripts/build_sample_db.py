"""Build the bundled sample database from sample_db/answers.json.

    python scripts/build_sample_db.py [--source FILE] [--out FILE] [--check]

The source is the readable file: per region, the answers to the 44 scoring
points, the notes, and a comment quoting the sentences of the 2021 province
report (chapter 3) that the answers follow.  This script only goes through the
store API (Store, new_assessment, add_evidence, submit, set_meta), so the
database is exactly what the app itself would write.

The same source always gives the same content.  The store stamps times with
now(), so "the same" is defined on content: canonical_dump() lists regions,
assessments (region, year, status, assessor, catalogue), answers, notes and
evidence checksums, and leaves out timestamps, ids and the audit trail.
`--check` compares a fresh build with the existing file that way.

The output is written atomically: built beside the target under a temporary
name, then moved over it.  Exit status: 0 ok, 1 --check found a difference,
2 bad input (one line on stderr, nothing written).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a plain script from a checkout
    sys.path.insert(0, str(ROOT))

from jlip_desktop.core.catalog import get_catalog  # noqa: E402
from jlip_desktop.core.errors import BadInput  # noqa: E402
from jlip_desktop.core.fileio import atomic_write  # noqa: E402
from jlip_desktop.core.report_meta import set_report_meta  # noqa: E402
from jlip_desktop.core.scoring import one_decimal, score, validate_answers  # noqa: E402
from jlip_desktop.core.store import Store  # noqa: E402

SOURCE = ROOT / "sample_db" / "answers.json"
OUTPUT = ROOT / "sample_db" / "jlip-sample.sqlite"
SOURCE_FORMAT = "jlip-sample/1"
LEVELS = ("primary", "secondary", "tertiary", "point")


def load_source(path: str | Path = SOURCE) -> dict[str, Any]:
    """The source file, checked: known regions and catalogue, valid answers, notes on real points."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise BadInput(f"{path}: can't read it ({e.strerror or e})") from None
    except json.JSONDecodeError as e:
        raise BadInput(f"{path}: not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})") from None
    if not isinstance(doc, dict) or doc.get("format") != SOURCE_FORMAT:
        raise BadInput(f"{path}: expected a JSON object with \"format\": \"{SOURCE_FORMAT}\"")
    for key in ("catalog", "description", "who", "assessments"):
        if key not in doc:
            raise BadInput(f"{path}: {key!r} is missing")
    try:
        cat = get_catalog(doc["catalog"])
    except (ValueError, BadInput) as e:
        raise BadInput(f"{path}: 'catalog': {e}") from None
    seen = set()
    for i, a in enumerate(doc["assessments"], start=1):
        where = f"{path}: assessment {i} ({a.get('name', a.get('region'))} {a.get('year')})"
        for key in ("region", "year", "status", "answers"):
            if key not in a:
                raise BadInput(f"{where}: {key!r} is missing")
        if (a["region"], a["year"]) in seen:
            raise BadInput(f"{where}: region and year given twice")
        seen.add((a["region"], a["year"]))
        if a["status"] not in ("draft", "submitted"):
            raise BadInput(f"{where}: status must be draft or submitted, got {a['status']!r}")
        try:
            validate_answers(cat, a["answers"])
        except BadInput as e:
            raise BadInput(f"{where}: {e}") from None
        for key in a.get("notes", {}):
            if not key.isdigit() or int(key) not in cat.points:
                raise BadInput(f"{where}: note on unknown point {key!r}")
        for ev in a.get("evidence", []):
            if int(ev.get("point", 0)) not in cat.points or not ev.get("filename") or "text" not in ev:
                raise BadInput(f"{where}: evidence needs a point, a filename and a text")
        for key in ("report_strengths", "report_weaknesses"):
            for ref in a.get(key, []):
                if not (isinstance(ref, list) and len(ref) == 2 and isinstance(ref[0], str)):
                    raise BadInput(f"{where}: {key} entries must be [level, number], got {ref!r}")
                level, number = ref
                nodes = cat.points if level == "point" else cat.level(level) if level in LEVELS else {}
                if number not in nodes:
                    raise BadInput(f"{where}: {key} names unknown {level} {number}")
    return doc


def populate(store: Store, doc: dict[str, Any]) -> list[int]:
    """Write every assessment of the source into an empty store; returns their ids in source order."""
    cat = get_catalog(doc["catalog"])
    who = doc["who"]
    store.set_meta("description", doc["description"])
    for year, values in doc.get("report_settings", {}).items():  # the province report's cover, per year
        set_report_meta(store, int(year), **values)
    ids = []
    for a in doc["assessments"]:
        answers = validate_answers(cat, a["answers"])
        notes = {int(k): v for k, v in a.get("notes", {}).items()}
        aid = store.new_assessment(
            a["region"], a["year"], a.get("assessor", ""), cat.id, who=who, answers=answers, notes=notes,
            detail="sample data",
        )
        for ev in a.get("evidence", []):
            store.add_evidence(aid, int(ev["point"]), ev["filename"], ev["text"].encode("utf-8"), who=who)
        if a["status"] == "submitted":
            store.submit(aid, who=who)
        ids.append(aid)
    return ids


def build(out: str | Path = OUTPUT, source: str | Path = SOURCE) -> Path:
    """Build the database from the source into `out` (atomically; an existing file is replaced)."""
    doc = load_source(source)
    out = Path(out)
    with atomic_write(out) as tmp:
        store = Store(tmp, create=True)
        try:
            populate(store, doc)
        finally:
            store.close()
        # A single self-contained file: no WAL beside it, no free pages.
        conn = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("VACUUM")
        finally:
            conn.close()
        tmp.chmod(0o644)  # mkstemp makes it private; the sample is an ordinary readable file
    # Side files of a store that had the old file open belong to the old content.
    for suffix in ("-wal", "-shm", "-journal"):
        out.with_name(out.name + suffix).unlink(missing_ok=True)
    return out


def _connect_readonly(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise BadInput(f"{path}: no such database")
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)


def canonical_dump(path: str | Path) -> dict[str, Any]:
    """The content of a database with ids, timestamps and the audit trail left out (read-only)."""
    conn = _connect_readonly(Path(path))
    try:
        q = conn.execute
        description = q("SELECT value FROM meta WHERE key = 'description'").fetchone()
        report = dict(q("SELECT key, value FROM meta WHERE key LIKE 'report.%' ORDER BY key").fetchall())
        regions = [list(r) for r in q("SELECT code, name, short, name_en, parent, level FROM regions ORDER BY code")]
        catalogues = [list(r) for r in q("SELECT id, sha256 FROM catalogues ORDER BY id")]
        assessments = []
        rows = q("SELECT id, region, year, catalog, status, assessor, imported, source_file, source_revision "
                 "FROM assessments ORDER BY region, year").fetchall()
        for aid, region, year, catalog, status, assessor, imported, source_file, source_revision in rows:
            answers = {str(p): json.loads(v) for p, v in q(
                "SELECT point, value FROM answers WHERE assessment_id = ? AND value IS NOT NULL ORDER BY point",
                (aid,))}
            notes = {str(p): n for p, n in q(
                "SELECT point, note FROM answers WHERE assessment_id = ? AND note != '' ORDER BY point", (aid,))}
            evidence = [list(r) for r in q(
                "SELECT point, filename, sha256, size FROM evidence WHERE assessment_id = ? "
                "ORDER BY point, filename, sha256", (aid,))]
            assessments.append({
                "region": region, "year": year, "catalog": catalog, "status": status, "assessor": assessor or "",
                "imported": bool(imported), "source_file": source_file, "source_revision": source_revision,
                "answers": answers, "notes": notes, "evidence": evidence,
            })
        return {
            "description": description[0] if description else None,
            "report_settings": report,
            "regions": regions,
            "catalogues": catalogues,
            "assessments": assessments,
        }
    finally:
        conn.close()


def summary(path: str | Path) -> list[str]:
    """One line per assessment: region, year, status, answered, total and grade (from the scoring core)."""
    lines = []
    with tempfile.TemporaryDirectory() as d:
        # Open a copy: opening a store switches the file to WAL mode, and the built file stays as built.
        copy = Path(d) / "summary.sqlite"
        copy.write_bytes(Path(path).read_bytes())
        store = Store(copy)
        try:
            for a in sorted(store.list_assessments(), key=lambda a: (a.year, a.region)):
                reg = store.region(a.region)
                sc = score(store.catalog(a.catalog), store.answers(a.id))
                lines.append(f"{a.year}  {a.region}  {reg.short if reg else a.region:<6}  {a.status:<9}  "
                             f"{sc.answered:>2}/44  {one_decimal(sc.total):>5}  {sc.grade.name}")
        finally:
            store.close()
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build the sample database from sample_db/answers.json.")
    ap.add_argument("--source", default=str(SOURCE), help="the answers source (default: %(default)s)")
    ap.add_argument("--out", default=str(OUTPUT), help="the database to write (default: %(default)s)")
    ap.add_argument("--check", action="store_true",
                    help="build into a temporary file and compare its content with --out; write nothing")
    args = ap.parse_args(argv)
    try:
        if args.check:
            with tempfile.TemporaryDirectory() as d:
                fresh = build(Path(d) / "fresh.sqlite", args.source)
                same = canonical_dump(fresh) == canonical_dump(args.out)
            print(f"{args.out}: {'up to date' if same else 'differs from the source; rebuild it'}")
            return 0 if same else 1
        out = build(args.out, args.source)
    except BadInput as e:
        print(f"build_sample_db: {e}", file=sys.stderr)
        return 2
    for line in summary(out):
        print(line)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
