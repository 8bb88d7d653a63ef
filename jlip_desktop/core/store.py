"""The SQLite store: assessments, answers, notes, evidence and their history.

Every change is one transaction (BEGIN IMMEDIATE … COMMIT) in WAL mode, so a
value the UI shows as saved is on disk, and a refused change leaves nothing
behind.  sqlite-utils creates and inspects the schema; changes are plain SQL
inside our own transaction, because sqlite-utils' writers commit on their
own.

The schema version is SQLite's `user_version`.  A database from a newer
version is refused; an older one is backed up, then migrated.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlite_utils

from .catalog import DEFAULT_CATALOG_ID, Catalog, CatalogError, get_catalog, parse_catalog
from .errors import BadInput
from .scoring import AnswerError, Score, Value, check_submittable, parse_value, score, value_to_json

APP_ID = "jlip-desktop"
SCHEMA_VERSION = 1
BACKUPS_KEPT = 5
STATUSES = ("draft", "submitted")
UNCHANGED: Any = object()

_REGIONS_FILE = Path(__file__).resolve().parent.parent / "regions.json"


class StoreError(BadInput):
    """A database or assessment operation that was refused."""


class IncompleteError(StoreError):
    """Submitting with unanswered points; `.missing` lists them."""

    def __init__(self, message: str, missing: list[int]):
        super().__init__(message)
        self.missing = missing


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    short: str
    name_en: str
    parent: str | None
    level: str  # province | prefecture | county

    def display(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name


@dataclass(frozen=True)
class Assessment:
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


@dataclass(frozen=True)
class Evidence:
    id: int
    assessment_id: int
    point: int
    filename: str
    sha256: str
    size: int
    added_at: str


@dataclass(frozen=True)
class AuditEntry:
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


# -- schema -------------------------------------------------------------------

def _create_v1(db: sqlite_utils.Database) -> None:
    # create_table_sql writes the DDL; we run it inside our own transaction.
    def table(name: str, columns: dict, **kw) -> None:
        db.execute(db.create_table_sql(name, columns, **kw))

    table("meta", {"key": str, "value": str}, pk="key")
    table(
        "regions",
        {"code": str, "name": str, "short": str, "name_en": str, "parent": str, "level": str, "sort": int},
        pk="code",
    )
    table("catalogues", {"id": str, "sha256": str, "text": str, "added_at": str}, pk="id")
    table(
        "assessments",
        {
            "id": int, "region": str, "year": int, "catalog": str, "status": str, "assessor": str,
            "created_at": str, "updated_at": str, "submitted_at": str, "imported": int,
            "source_file": str, "source_revision": int, "export_revision": int,
        },
        pk="id",
        foreign_keys=[("region", "regions", "code"), ("catalog", "catalogues", "id")],
        not_null={"region", "year", "catalog", "status", "created_at", "updated_at"},
        defaults={"status": "draft", "assessor": "", "imported": 0, "export_revision": 0},
    )
    db.execute("CREATE UNIQUE INDEX idx_assessments_region_year ON assessments(region, year)")
    table(
        "answers",
        {"assessment_id": int, "point": int, "value": str, "note": str, "updated_at": str},
        pk=("assessment_id", "point"),
        foreign_keys=[("assessment_id", "assessments", "id")],
        defaults={"note": ""},
    )
    table(
        "evidence",
        {"id": int, "assessment_id": int, "point": int, "filename": str, "sha256": str, "size": int,
         "data": bytes, "added_at": str},
        pk="id",
        foreign_keys=[("assessment_id", "assessments", "id")],
    )
    db.execute("CREATE INDEX idx_evidence_assessment ON evidence(assessment_id, point)")
    table(
        "audit",
        {"id": int, "assessment_id": int, "at": str, "who": str, "action": str, "point": int,
         "old": str, "new": str, "detail": str},
        pk="id",
    )
    db.execute("CREATE INDEX idx_audit_assessment ON audit(assessment_id)")


# MIGRATIONS[n] takes a database at version n to n + 1.
MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {0: _create_v1}


def backup_database(path: Path, keep: int = BACKUPS_KEPT) -> Path | None:
    """Copy the database to backups/ beside it, keeping the newest `keep`."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return None
    folder = path.parent / "backups"
    folder.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{path.stem}-{stamp}{path.suffix or '.sqlite'}"
    src = sqlite3.connect(str(path))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    olds = sorted(folder.glob(f"{path.stem}-*{path.suffix or '.sqlite'}"))
    for old in olds[:-keep] if keep > 0 else olds:
        try:
            old.unlink()
        except OSError:
            pass
    return target


class Store:
    """One open database.  Pass it in; nothing in the app reaches for a global."""

    def __init__(self, path: str | Path, *, create: bool = False, backup: bool = False, check: bool = False):
        self.path = Path(path)
        if not self.path.exists():
            if not create:
                raise StoreError(f"{self.path}: no such database (create it with 'jlip init --db {self.path}')")
            if not self.path.parent.exists():
                raise StoreError(f"{self.path}: the folder {self.path.parent} does not exist")
        elif self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a database file")
        elif self.path.stat().st_size == 0 and not create:
            raise StoreError(f"{self.path}: an empty file, not a jlip database (create it with 'jlip init --db {self.path}')")
        fresh = not self.path.exists() or self.path.stat().st_size == 0
        try:
            self.conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=10)
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: can't open the database ({e})") from None
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.db = sqlite_utils.Database(self.conn)
        try:
            self._check_identity(fresh, create)
            if check and not fresh:
                result = self.conn.execute("PRAGMA quick_check").fetchone()[0]
                if result != "ok":
                    raise StoreError(f"{self.path}: the database is damaged ({result}); restore a copy from backups/")
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path}: made by a newer jlip-desktop (schema {version}, this one knows up to "
                    f"{SCHEMA_VERSION}); open it with the newer version"
                )
            if backup and not fresh:
                backup_database(self.path)
            if version < SCHEMA_VERSION:
                if not fresh and not backup:
                    backup_database(self.path)
                self._migrate(version)
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.DatabaseError as e:
            self.conn.close()
            raise StoreError(f"{self.path}: not a jlip database ({e})") from None
        except BaseException:
            self.conn.close()
            raise
        self._catalogs: dict[str, Catalog] = {}

    def _check_identity(self, fresh: bool, create: bool) -> None:
        if fresh:
            return
        tables = set(self.db.table_names())
        if not tables:
            if not create:
                raise StoreError(f"{self.path}: an empty SQLite database, not a jlip one "
                                 f"(make it one with 'jlip init --db {self.path}')")
            return
        if "meta" not in tables:
            raise StoreError(f"{self.path}: an SQLite database, but not one of jlip-desktop")
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()
        if not row or row[0] != APP_ID:
            raise StoreError(f"{self.path}: an SQLite database, but not one of jlip-desktop")

    def _migrate(self, version: int) -> None:
        with self.transaction():
            while version < SCHEMA_VERSION:
                MIGRATIONS[version](self.db)
                version += 1
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('app', ?)", (APP_ID,))
            self.conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('created_at', ?)", (now(),))
            self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                              (str(SCHEMA_VERSION),))
            self._load_regions()
            self._ensure_catalog(get_catalog(DEFAULT_CATALOG_ID))

    def _load_regions(self) -> None:
        for i, r in enumerate(builtin_regions()):
            self.conn.execute(
                "INSERT OR REPLACE INTO regions(code, name, short, name_en, parent, level, sort) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (r.code, r.name, r.short, r.name_en, r.parent, r.level, i),
            )

    def close(self) -> None:
        try:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All of the block or none of it."""
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    # -- meta -------------------------------------------------------------
    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as c:
            c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- regions ----------------------------------------------------------
    def regions(self) -> list[Region]:
        rows = self.conn.execute(
            "SELECT code, name, short, name_en, parent, level FROM regions ORDER BY sort, code"
        ).fetchall()
        return [Region(*r) for r in rows]

    def region(self, code: str) -> Region | None:
        row = self.conn.execute(
            "SELECT code, name, short, name_en, parent, level FROM regions WHERE code = ?", (str(code),)
        ).fetchone()
        return Region(*row) if row else None

    def find_region(self, text: str) -> Region | None:
        """A region by code, full name or short name."""
        text = str(text).strip()
        r = self.region(text)
        if r:
            return r
        for r in self.regions():
            if text in (r.name, r.short, r.name_en):
                return r
        return None

    # -- catalogues -------------------------------------------------------
    def _ensure_catalog(self, cat: Catalog) -> None:
        row = self.conn.execute("SELECT sha256 FROM catalogues WHERE id = ?", (cat.id,)).fetchone()
        if row is None:
            self.conn.execute(
                "INSERT INTO catalogues(id, sha256, text, added_at) VALUES (?, ?, ?, ?)",
                (cat.id, cat.sha256, cat.text, now()),
            )

    def catalog(self, catalog_id: str) -> Catalog:
        """The catalogue an assessment was scored with: the copy kept in the database."""
        cat = self._catalogs.get(catalog_id)
        if cat is None:
            row = self.conn.execute("SELECT text FROM catalogues WHERE id = ?", (catalog_id,)).fetchone()
            if row is None:
                cat = get_catalog(catalog_id)
            else:
                try:
                    cat = get_catalog(catalog_id)
                    if cat.text != row[0]:
                        kept = parse_catalog(row[0], f"catalogue {catalog_id} in {self.path.name}")
                        # A shipped revision that scores alike (wording, notes, requires rules) is used instead.
                        cat = cat if cat.scoring_key() == kept.scoring_key() else kept
                except CatalogError:
                    cat = parse_catalog(row[0], f"catalogue {catalog_id} in {self.path.name}")
            self._catalogs[catalog_id] = cat
        return cat

    # -- assessments ------------------------------------------------------
    _ASSESSMENT_COLS = (
        "id, region, year, catalog, status, assessor, created_at, updated_at, submitted_at, imported, "
        "source_file, source_revision, export_revision"
    )

    def _row_to_assessment(self, row) -> Assessment:
        a = list(row)
        a[9] = bool(a[9])
        a[5] = a[5] or ""
        a[12] = a[12] or 0
        return Assessment(*a)

    def assessment(self, assessment_id: int) -> Assessment:
        row = self.conn.execute(
            f"SELECT {self._ASSESSMENT_COLS} FROM assessments WHERE id = ?", (int(assessment_id),)
        ).fetchone()
        if row is None:
            raise StoreError(f"no assessment with id {assessment_id}")
        return self._row_to_assessment(row)

    def find_assessment(self, region: str, year: int) -> Assessment | None:
        row = self.conn.execute(
            f"SELECT {self._ASSESSMENT_COLS} FROM assessments WHERE region = ? AND year = ?", (region, int(year))
        ).fetchone()
        return self._row_to_assessment(row) if row else None

    def list_assessments(self, year: int | None = None, region: str | None = None) -> list[Assessment]:
        sql = f"SELECT {self._ASSESSMENT_COLS} FROM assessments a"
        where, args = [], []
        if year is not None:
            where.append("year = ?")
            args.append(int(year))
        if region is not None:
            where.append("region = ?")
            args.append(region)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY year DESC, (SELECT sort FROM regions r WHERE r.code = a.region), id"
        return [self._row_to_assessment(r) for r in self.conn.execute(sql, args)]

    def years(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT year FROM assessments ORDER BY year DESC")]

    def _check_new(self, region: str, year: Any, catalog_id: str) -> tuple[Region, int, Catalog]:
        reg = self.region(str(region))
        if reg is None:
            raise StoreError(f"unknown region code {region!r}: expected a GB/T 2260 code of Jilin such as 220100")
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
            raise StoreError(f"year must be a whole year such as 2021, got {year!r}")
        existing = self.find_assessment(reg.code, year)
        if existing:
            raise StoreError(f"{reg.name} {year} already has an assessment (id {existing.id})")
        try:
            cat = get_catalog(catalog_id)
        except CatalogError:
            cat = self.catalog(catalog_id)
        return reg, year, cat

    def new_assessment(
        self,
        region: str,
        year: int,
        assessor: str = "",
        catalog_id: str = DEFAULT_CATALOG_ID,
        who: str | None = None,
        answers: dict[int, Value] | None = None,
        notes: dict[int, str] | None = None,
        detail: str | None = None,
    ) -> int:
        """Create an assessment (optionally with answers); returns its id."""
        with self.transaction() as c:
            reg, year, cat = self._check_new(region, year, catalog_id)
            self._ensure_catalog(cat)
            t = now()
            cur = c.execute(
                "INSERT INTO assessments(region, year, catalog, status, assessor, created_at, updated_at, "
                "imported, export_revision) VALUES (?, ?, ?, 'draft', ?, ?, ?, 0, 0)",
                (reg.code, year, cat.id, assessor or "", t, t),
            )
            aid = cur.lastrowid
            self._write_answers(aid, cat, answers or {}, notes or {}, t)
            self._audit(aid, who, "create", None, None, f"{reg.code} {year}", detail)
        return aid

    def _write_answers(self, aid: int, cat: Catalog, answers: dict, notes: dict, t: str) -> None:
        for n in sorted(set(answers) | set(notes)):
            if n not in cat.points:
                raise AnswerError(f"unknown point {n!r}: expected a point number from 1 to {max(cat.points)}")
            value = answers.get(n)
            if value is not None:
                value = parse_value(cat.points[n], value_to_json(value))
            note = notes.get(n, "") or ""
            self.conn.execute(
                "INSERT INTO answers(assessment_id, point, value, note, updated_at) VALUES (?, ?, ?, ?, ?)",
                (aid, n, None if value is None else _dump(value), note, t),
            )

    def duplicate_assessment(self, source_id: int, year: int, who: str | None = None) -> int:
        """A new draft for another year, carrying the source's answers (not notes or evidence)."""
        src = self.assessment(source_id)
        return self.new_assessment(
            src.region, year, src.assessor, src.catalog, who,
            answers=self.answers(source_id), detail=f"copied from assessment {source_id} ({src.year})",
        )

    def delete_assessment(self, assessment_id: int, who: str | None = None) -> None:
        a = self.assessment(assessment_id)
        with self.transaction() as c:
            c.execute("DELETE FROM evidence WHERE assessment_id = ?", (a.id,))
            c.execute("DELETE FROM answers WHERE assessment_id = ?", (a.id,))
            c.execute("DELETE FROM assessments WHERE id = ?", (a.id,))
            self._audit(a.id, who, "delete", None, f"{a.region} {a.year}", None, None)

    def _editable(self, assessment_id: int) -> Assessment:
        a = self.assessment(assessment_id)
        if a.status == "submitted":
            raise StoreError(f"assessment {a.id} ({a.region} {a.year}) is submitted and locked; reopen it to edit")
        return a

    def answers(self, assessment_id: int) -> dict[int, Value]:
        a = self.assessment(assessment_id)
        cat = self.catalog(a.catalog)
        out: dict[int, Value] = {}
        for point, value in self.conn.execute(
            "SELECT point, value FROM answers WHERE assessment_id = ? AND value IS NOT NULL ORDER BY point",
            (a.id,),
        ):
            out[point] = parse_value(cat.points[point], json.loads(value))
        return out

    def notes(self, assessment_id: int) -> dict[int, str]:
        return {
            p: n
            for p, n in self.conn.execute(
                "SELECT point, note FROM answers WHERE assessment_id = ? AND note != '' ORDER BY point",
                (int(assessment_id),),
            )
        }

    def score(self, assessment_id: int) -> Score:
        a = self.assessment(assessment_id)
        return score(self.catalog(a.catalog), self.answers(a.id))

    def set_answer(
        self,
        assessment_id: int,
        point: int,
        value: Any,
        note: Any = UNCHANGED,
        who: str | None = None,
        *,
        raw: bool = True,
    ) -> tuple[Value | None, Value | None]:
        """Set (or, with None, clear) one point's answer; one audit entry.

        With raw=True the value is JSON-shaped (as in an answers file) and is
        checked against the point's rule; a refused value changes nothing.
        Returns (old, new).
        """
        with self.transaction() as c:
            a = self._editable(assessment_id)
            cat = self.catalog(a.catalog)
            if isinstance(point, bool) or point not in cat.points:
                raise AnswerError(f"unknown point {point!r}: expected a point number from 1 to {max(cat.points)}")
            p = cat.points[point]
            new = None if value is None else parse_value(p, value if raw else value_to_json(value))
            row = c.execute(
                "SELECT value, note FROM answers WHERE assessment_id = ? AND point = ?", (a.id, point)
            ).fetchone()
            old = None if row is None or row[0] is None else parse_value(p, json.loads(row[0]))
            old_note = "" if row is None else (row[1] or "")
            new_note = old_note if note is UNCHANGED else (note or "")
            if not isinstance(new_note, str):
                raise StoreError(f"point ({point}): the note must be text")
            t = now()
            c.execute(
                "INSERT INTO answers(assessment_id, point, value, note, updated_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(assessment_id, point) DO UPDATE SET value = excluded.value, note = excluded.note, "
                "updated_at = excluded.updated_at",
                (a.id, point, None if new is None else _dump(new), new_note, t),
            )
            c.execute("UPDATE assessments SET updated_at = ? WHERE id = ?", (t, a.id))
            detail = None
            if new_note != old_note:
                detail = json.dumps({"note_old": old_note, "note_new": new_note}, ensure_ascii=False)
            self._audit(
                a.id, who, "set" if new is not None else "clear", point,
                None if old is None else _dump(old), None if new is None else _dump(new), detail,
            )
        return old, new

    def set_note(self, assessment_id: int, point: int, note: str, who: str | None = None) -> None:
        """Change only the note of a point (its answer stays as it is)."""
        with self.transaction() as c:
            a = self._editable(assessment_id)
            cat = self.catalog(a.catalog)
            if point not in cat.points:
                raise AnswerError(f"unknown point {point!r}: expected a point number from 1 to {max(cat.points)}")
            if not isinstance(note, str):
                raise StoreError(f"point ({point}): the note must be text")
            row = c.execute(
                "SELECT note FROM answers WHERE assessment_id = ? AND point = ?", (a.id, point)
            ).fetchone()
            old = "" if row is None else (row[0] or "")
            if old == note:
                return
            t = now()
            c.execute(
                "INSERT INTO answers(assessment_id, point, value, note, updated_at) VALUES (?, ?, NULL, ?, ?) "
                "ON CONFLICT(assessment_id, point) DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at",
                (a.id, point, note, t),
            )
            c.execute("UPDATE assessments SET updated_at = ? WHERE id = ?", (t, a.id))
            self._audit(a.id, who, "note", point, old, note, None)

    def set_assessor(self, assessment_id: int, assessor: str, who: str | None = None) -> None:
        with self.transaction() as c:
            a = self._editable(assessment_id)
            if a.assessor == assessor:
                return
            c.execute("UPDATE assessments SET assessor = ?, updated_at = ? WHERE id = ?", (assessor, now(), a.id))
            self._audit(a.id, who, "assessor", None, a.assessor, assessor, None)

    def submit(self, assessment_id: int, who: str | None = None) -> None:
        with self.transaction() as c:
            a = self._editable(assessment_id)
            sc = self.score(a.id)
            missing = sc.unanswered_points
            if missing:
                shown = "、".join(f"({n})" for n in missing)
                raise IncompleteError(
                    f"can't submit: {len(missing)} point(s) unanswered: {shown}", missing
                )
            check_submittable(sc)  # broken requires rules: RequiresError naming the points
            t = now()
            c.execute(
                "UPDATE assessments SET status = 'submitted', submitted_at = ?, updated_at = ? WHERE id = ?",
                (t, t, a.id),
            )
            self._audit(a.id, who, "submit", None, "draft", "submitted", None)

    def reopen(self, assessment_id: int, reason: str, who: str | None = None) -> None:
        if not isinstance(reason, str) or not reason.strip():
            raise StoreError("reopening a submitted assessment needs a reason")
        with self.transaction() as c:
            a = self.assessment(assessment_id)
            if a.status != "submitted":
                raise StoreError(f"assessment {a.id} is not submitted")
            c.execute("UPDATE assessments SET status = 'draft', updated_at = ? WHERE id = ?", (now(), a.id))
            self._audit(a.id, who, "reopen", None, "submitted", "draft", reason.strip())

    # -- evidence ---------------------------------------------------------
    def add_evidence(self, assessment_id: int, point: int, filename: str, data: bytes,
                     who: str | None = None) -> int:
        with self.transaction() as c:
            a = self._editable(assessment_id)
            if point not in self.catalog(a.catalog).points:
                raise AnswerError(f"unknown point {point!r}")
            name = Path(filename).name
            if not name:
                raise StoreError("an evidence file needs a name")
            digest = hashlib.sha256(data).hexdigest()
            t = now()
            cur = c.execute(
                "INSERT INTO evidence(assessment_id, point, filename, sha256, size, data, added_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (a.id, point, name, digest, len(data), sqlite3.Binary(data), t),
            )
            c.execute("UPDATE assessments SET updated_at = ? WHERE id = ?", (t, a.id))
            self._audit(a.id, who, "evidence-add", point, None, name, digest)
            return cur.lastrowid

    def add_evidence_file(self, assessment_id: int, point: int, path: str | Path, who: str | None = None) -> int:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as e:
            raise StoreError(f"{path}: can't read the file ({e.strerror or e})") from None
        return self.add_evidence(assessment_id, point, path.name, data, who)

    def evidence(self, assessment_id: int, point: int | None = None) -> list[Evidence]:
        sql = ("SELECT id, assessment_id, point, filename, sha256, size, added_at FROM evidence "
               "WHERE assessment_id = ?")
        args: list[Any] = [int(assessment_id)]
        if point is not None:
            sql += " AND point = ?"
            args.append(point)
        return [Evidence(*r) for r in self.conn.execute(sql + " ORDER BY point, id", args)]

    def evidence_data(self, evidence_id: int) -> bytes:
        row = self.conn.execute("SELECT data FROM evidence WHERE id = ?", (evidence_id,)).fetchone()
        if row is None:
            raise StoreError(f"no evidence file with id {evidence_id}")
        return bytes(row[0])

    def remove_evidence(self, evidence_id: int, who: str | None = None) -> None:
        with self.transaction() as c:
            row = c.execute(
                "SELECT assessment_id, point, filename, sha256 FROM evidence WHERE id = ?", (evidence_id,)
            ).fetchone()
            if row is None:
                raise StoreError(f"no evidence file with id {evidence_id}")
            self._editable(row[0])
            c.execute("DELETE FROM evidence WHERE id = ?", (evidence_id,))
            c.execute("UPDATE assessments SET updated_at = ? WHERE id = ?", (now(), row[0]))
            self._audit(row[0], who, "evidence-remove", row[1], row[2], None, row[3])

    # -- history ----------------------------------------------------------
    def _audit(self, aid: int, who: str | None, action: str, point: int | None,
               old: str | None, new: str | None, detail: str | None) -> None:
        self.conn.execute(
            "INSERT INTO audit(assessment_id, at, who, action, point, old, new, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (aid, now(), who or current_user(), action, point, old, new, detail),
        )

    def audit(self, assessment_id: int) -> list[AuditEntry]:
        return [
            AuditEntry(*r)
            for r in self.conn.execute(
                "SELECT id, assessment_id, at, who, action, point, old, new, detail FROM audit "
                "WHERE assessment_id = ? ORDER BY id",
                (int(assessment_id),),
            )
        ]

    def log(self, assessment_id: int, action: str, detail: str | None = None, who: str | None = None,
            old: str | None = None, new: str | None = None) -> None:
        """An audit entry for something done outside the store (an export, an import)."""
        with self.transaction():
            self._audit(assessment_id, who, action, None, old, new, detail)

    # -- exchange support (Excel import/export) ---------------------------
    def next_export_revision(self, assessment_id: int, who: str | None = None) -> int:
        with self.transaction() as c:
            a = self.assessment(assessment_id)
            rev = a.export_revision + 1
            c.execute("UPDATE assessments SET export_revision = ? WHERE id = ?", (rev, a.id))
            self._audit(a.id, who, "export", None, None, str(rev), None)
        return rev

    def import_assessment(
        self,
        region: str,
        year: int,
        catalog_id: str,
        answers: dict[int, Value],
        notes: dict[int, str],
        *,
        status: str = "draft",
        assessor: str = "",
        source_file: str | None = None,
        revision: int | None = None,
        replace: bool = False,
        who: str | None = None,
    ) -> int:
        """Write an imported assessment in one transaction; with replace, the old one goes."""
        if status not in STATUSES:
            raise StoreError(f"status must be one of {', '.join(STATUSES)}, got {status!r}")
        with self.transaction() as c:
            old = self.find_assessment(str(region), year)
            if old is not None:
                if not replace:
                    raise StoreError(f"{region} {year} already has an assessment (id {old.id})")
                c.execute("DELETE FROM evidence WHERE assessment_id = ?", (old.id,))
                c.execute("DELETE FROM answers WHERE assessment_id = ?", (old.id,))
                c.execute("DELETE FROM assessments WHERE id = ?", (old.id,))
                self._audit(old.id, who, "replaced", None, None, None, f"replaced by import of {source_file}")
            reg, year, cat = self._check_new(region, year, catalog_id)
            self._ensure_catalog(cat)
            t = now()
            cur = c.execute(
                "INSERT INTO assessments(region, year, catalog, status, assessor, created_at, updated_at, "
                "submitted_at, imported, source_file, source_revision, export_revision) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 0)",
                (reg.code, year, cat.id, status, assessor or "", t, t, t if status == "submitted" else None,
                 source_file, revision),
            )
            aid = cur.lastrowid
            self._write_answers(aid, cat, answers, notes, t)
            self._audit(aid, who, "import", None, None, str(revision) if revision is not None else None,
                        source_file)
        return aid


def _dump(value: Value) -> str:
    return json.dumps(value_to_json(value), ensure_ascii=False)


def open_store(path: str | Path, create: bool = False, **kw) -> Store:
    return Store(path, create=create, **kw)
