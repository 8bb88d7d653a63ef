"""The SQLite store: assessments, answers, notes, evidence and their history.

Every change is one transaction (BEGIN IMMEDIATE … COMMIT) in WAL mode, so a
value the UI shows as saved is on disk, and a refused change leaves nothing
behind.  Changes are plain SQL inside our own transaction.

Where things live:
- core/schema.py: the schema, one frozen block of SQL per version, and the
  migrations (SQLite's `user_version`; a newer database is refused, an older
  one backed up, then migrated).
- core/database.py: opening the file (read-write or read-only), the
  integrity check, backups and restoring one, network drives, and the one
  mapping from sqlite3 errors to `StoreError` codes.
- core/changes.py: the change notification.  `store.subscribe(callback)`
  returns a handle (call it to unsubscribe); the callback gets a small frozen
  `Change(kind, assessment_id, point)` after every committed change.  GUI
  views subscribe to it instead of being refreshed by hand.

Every error a Store method raises about the file (disk full, read-only,
another program writing, damaged) is a `StoreError` (a `BadInput`) with a
code from `database.CODES`; field limits (`LIMITS`) are refused with
`field.*` codes naming the field and the limit.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import schema, scorecache
from .changes import Change, ChangeHub, Listener, Subscription
from .database import (
    BACKUPS_KEPT,
    StoreError,
    backup_database,
    backup_is_current,
    check_is_current,
    connect,
    damaged_error,
    db_error,
    integrity_problem,
    is_network_path,
    newest_good_backup,
    read_only_error,
    record_check,
    restore_backup,
)
from .fields import EVIDENCE_MAX_BYTES, LIMITS, check_text
from .records import Assessment, AuditEntry, Evidence, Region, builtin_regions, current_user, now

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing on every start (see core/records.py)
if TYPE_CHECKING:  # loaded on first use: `jlip list` of a scored year needs neither
    from typing import Any

    from .catalog import Catalog
    from .scoring import Score, Value

__all__ = [
    "APP_ID", "SCHEMA_VERSION", "BACKUPS_KEPT", "STATUSES", "UNCHANGED", "LIMITS", "Store", "StoreError",
    "IncompleteError", "Region", "Assessment", "Evidence", "AuditEntry", "Change", "Subscription",
    "backup_database", "newest_good_backup", "restore_backup", "open_store", "builtin_regions", "check_text",
    "current_user", "now", "EVIDENCE_MAX_BYTES",
]

APP_ID = "jlip-desktop"
SCHEMA_VERSION = schema.SCHEMA_VERSION
STATUSES = ("draft", "submitted")
UNCHANGED: Any = object()


class IncompleteError(StoreError):
    """Submitting with unanswered points; `.missing` lists them."""

    def __init__(self, message: str, missing: list[int]):
        super().__init__(message, code="store.incomplete", missing=", ".join(f"({n})" for n in missing),
                         count=len(missing))
        self.missing = missing


def _map_sqlite_errors(cls):
    """Every public Store method turns sqlite3 errors into StoreErrors (db_error)."""
    for name, attr in list(vars(cls).items()):
        if name.startswith("_") or name == "transaction" or not callable(attr) or isinstance(attr, type):
            continue

        def wrap(f):
            @functools.wraps(f)
            def guarded(self, *args, **kw):
                try:
                    return f(self, *args, **kw)
                except sqlite3.Error as e:
                    raise self._error(e) from None
            return guarded

        setattr(cls, name, wrap(attr))
    return cls


@_map_sqlite_errors
class Store:
    """One open database.  Pass it in; nothing in the app reaches for a global.

    read_only: False (the default) refuses a file that can't be written with
    `db.read_only`; True opens it for reading only; None opens it for writing
    when it can and for reading otherwise (`store.read_only`,
    `store.read_only_reason` say which).  Writing to a read-only store raises
    `db.read_only`.  `store.journal_note` is None, or says why the database
    is not in WAL mode (a network drive).
    """

    def __init__(self, path: str | Path, *, create: bool = False, backup: bool = False, check: bool = True,
                 read_only: bool | None = False):
        self.path = Path(path)
        self.read_only = False
        self.read_only_reason: str | None = None
        self.journal_mode = "wal"
        self._journal_ready = False
        self.journal_note: str | None = None
        self.backup_error: StoreError | None = None  # the routine backup at open failed (disk full, …)
        self._hub = ChangeHub()
        self._years: tuple[int, ...] | None = None
        self._years_version: int | None = None
        self._seen_version: int | None = None  # PRAGMA data_version when external_changes last looked
        # The name history rows, verdicts and exports carry when a write names nobody; None: the OS login
        # (a shared office PC's login says little, so the app lets its user give a name: gui settings).
        self.user: str | None = None
        self._hub.subscribe(self._invalidate_caches)
        f = str(self.path)
        if not self.path.exists():
            if not create or read_only:
                raise StoreError(f"{f}: no such database (create it with 'jlip init --db {f}')",
                                 code="db.missing", file=f)
            if not self.path.parent.exists():
                raise StoreError(f"{f}: the folder {self.path.parent} does not exist",
                                 code="db.folder_missing", file=f, folder=str(self.path.parent))
        elif self.path.is_dir():
            raise StoreError(f"{f}: is a folder, not a database file", code="db.is_folder", file=f)
        elif self.path.stat().st_size == 0 and (not create or read_only):
            raise StoreError(f"{f}: an empty file, not a jlip database (create it with 'jlip init --db {f}')",
                             code="db.empty", file=f)
        fresh = not self.path.exists() or self.path.stat().st_size == 0
        try:
            opened = connect(self.path, read_only=read_only)
        except sqlite3.Error as e:
            raise db_error(self.path, e) from None
        self.conn = opened.conn
        self.read_only = opened.read_only
        self.read_only_reason = opened.read_only_reason
        self._catalogs: dict[str, Catalog] = {}
        try:
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._check_identity(fresh, create)
            if check and not fresh and not check_is_current(self.path):
                problem = integrity_problem(self.conn)
                if problem is not None:
                    raise damaged_error(self.path, problem)
                record_check(self.path)
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            if version > schema.SCHEMA_VERSION:
                raise StoreError(
                    f"{f}: made by a newer jlip-desktop (schema {version}, this one knows up to "
                    f"{schema.SCHEMA_VERSION}); open it with the newer version",
                    code="db.newer", file=f, version=version, known=schema.SCHEMA_VERSION,
                )
            if version < schema.SCHEMA_VERSION and self.read_only:
                raise StoreError(
                    f"{f}: made by an older jlip-desktop (schema {version}); it must be upgraded before use, "
                    f"and {read_only_error(self.path, self.read_only_reason or 'requested').args[0].split(': ', 1)[1]}",
                    code="db.read_only", file=f, reason=self.read_only_reason or "requested",
                )
            if backup and not fresh and not self.read_only:
                try:
                    # An unchanged file whose newest copy is current is not copied again.
                    if version < schema.SCHEMA_VERSION or not backup_is_current(self.path):
                        backup_database(self.path)
                except StoreError as e:
                    # The routine copy at open: the database still opens (the
                    # GUI says so from backup_error); before a migration, below,
                    # a failed copy stops the migration.
                    self.backup_error = e
                    if version < schema.SCHEMA_VERSION:
                        raise
            if version < schema.SCHEMA_VERSION:
                if not fresh and not backup:
                    backup_database(self.path)
                self._migrate(version)
            self._set_journal_mode()
            if not self.read_only and self.meta("score_engine") != scorecache.ENGINE_PREFIX:
                # a file upgraded, or scored by another release: its score summaries made anew, once
                try:
                    with self.transaction() as c:
                        scorecache.refresh(self, [r[0] for r in c.execute("SELECT id FROM assessments")])
                        c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('score_engine', ?)",
                                  (scorecache.ENGINE_PREFIX,))
                except StoreError:
                    pass  # another program writing, a full disk: the file opens; readers score it themselves
            self._seen_version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as e:
            self.conn.close()
            raise db_error(self.path, e) from None
        except BaseException:
            self.conn.close()
            raise

    def _set_journal_mode(self) -> None:
        # On a network drive, a rollback journal at once (WAL's shared memory
        # does not work there).  Elsewhere WAL, switched on by the first write
        # (_ensure_wal), so that only reading a file never changes it.
        self.conn.execute("PRAGMA synchronous = FULL")
        if is_network_path(self.path):
            self.journal_note = ("the database is on a network drive: it is kept with a rollback journal "
                                 "instead of WAL, and other programs wait while it is being written")
            if not self.read_only:
                self.conn.execute("PRAGMA journal_mode = DELETE")
            self._journal_ready = True
        else:
            self._journal_ready = self.read_only
        self.journal_mode = str(self.conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()

    def _ensure_wal(self) -> None:
        self.journal_mode = str(self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
        self._journal_ready = True

    def _error(self, e: sqlite3.Error) -> StoreError:
        return db_error(self.path, e, read_only_reason=self.read_only_reason)

    def _check_identity(self, fresh: bool, create: bool) -> None:
        if fresh:
            return
        f = str(self.path)
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            if not create:
                raise StoreError(f"{f}: an empty SQLite database, not a jlip one "
                                 f"(make it one with 'jlip init --db {f}')", code="db.empty", file=f)
            return
        if "meta" not in tables:
            raise StoreError(f"{f}: an SQLite database, but not one of jlip-desktop", code="db.not_jlip", file=f)
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()
        if not row or row[0] != APP_ID:
            raise StoreError(f"{f}: an SQLite database, but not one of jlip-desktop", code="db.not_jlip", file=f)

    def _migrate(self, version: int) -> None:
        # The table-rebuild procedure: foreign keys off (outside the
        # transaction, where the pragma takes effect), then everything in one
        # transaction that foreign_key_check ends.
        from .catalog import DEFAULT_CATALOG_ID, get_catalog
        self.conn.execute("PRAGMA foreign_keys = OFF")
        try:
            with self.transaction():
                try:
                    schema.migrate(self.conn, version, schema.SCHEMA_VERSION, schema.MIGRATIONS)
                except schema.MigrationError as e:
                    raise StoreError(f"{self.path}: can't upgrade the database to schema {schema.SCHEMA_VERSION} "
                                     f"({e}); nothing was changed", code="db.migration_failed",
                                     file=str(self.path), detail=str(e)) from None
                self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('app', ?)", (APP_ID,))
                self.conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('created_at', ?)", (now(),))
                self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                                  (str(schema.SCHEMA_VERSION),))
                if self.conn.execute("SELECT COUNT(*) FROM regions").fetchone()[0] == 0:
                    self._load_regions()  # a new file; a file's own list (regions-import) is never replaced
                self._ensure_catalog(get_catalog(DEFAULT_CATALOG_ID))
                self.conn.execute("DELETE FROM meta WHERE key = 'score_engine'")  # summaries made anew below
                self.notify("meta")
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")

    def _load_regions(self) -> None:
        for i, r in enumerate(builtin_regions()):
            self.conn.execute(
                "INSERT OR REPLACE INTO regions(code, name, short, name_en, parent, level, sort) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (r.code, r.name, r.short, r.name_en, r.parent, r.level, i),
            )

    def close(self) -> None:
        self.checkpoint()
        self.conn.close()

    def checkpoint(self) -> None:
        """Copy what the WAL holds into the database file.  PASSIVE: never waits for another program's
        transaction; what it could not copy is left for the next checkpoint."""
        if not self.read_only:
            try:
                self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error:
                pass

    def defer_checkpoints(self, pages: int = 10_000) -> None:
        """Let the WAL grow to `pages` pages (4 KiB each) before a commit copies it into the database file.

        With SQLite's default (1,000 pages, about 4 MB) one commit in a few hundred does that copy and
        takes tens of milliseconds longer than the others.  A caller that runs `checkpoint()` itself
        when idle (the GUI) defers it; `pages` still bounds the WAL if it never is.  The command line
        keeps the default.
        """
        self.conn.execute(f"PRAGMA wal_autocheckpoint = {int(pages)}")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All of the block or none of it; listeners hear of it after COMMIT.

        An sqlite3 error inside the block (or at BEGIN/COMMIT) is rolled back
        and raised as a StoreError with the code of database.db_error.
        """
        if self.conn.in_transaction:
            yield self.conn
            return
        if self.read_only:
            raise read_only_error(self.path, self.read_only_reason or "requested")
        try:
            if not self._journal_ready:
                self._ensure_wal()
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise self._error(e) from None
        try:
            yield self.conn
            # the score summaries of what this transaction touched, committed with it (core/scorecache.py)
            scorecache.refresh(self, self._hub.touched_assessments())
        except BaseException as exc:
            self._rollback()
            if isinstance(exc, sqlite3.Error):
                raise self._error(exc) from None
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as e:
            self._rollback()
            raise self._error(e) from None
        self._hub.deliver()

    def _rollback(self) -> None:
        self._hub.discard()
        if self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    # -- change notification ------------------------------------------------
    def subscribe(self, listener: Listener) -> Subscription:
        """Call `listener(change)` after every committed change; returns the unsubscribe handle."""
        return self._hub.subscribe(listener)

    def notify(self, kind: str, assessment_id: int | None = None, point: int | None = None) -> None:
        """Say what a change made through `store.conn` changed (delivered at COMMIT)."""
        self._hub.queue(Change(kind, None if assessment_id is None else int(assessment_id), point))
        if not self.conn.in_transaction:
            self._hub.deliver()

    def external_changes(self) -> bool:
        """Whether another connection (`jlip` in a console, another window, another program) has committed to
        the file since it was opened or this was last asked; if so, an "external" change is published, so that
        every open view reads the database again.

        SQLite's `PRAGMA data_version` changes with another connection's commits, never with this one's.
        Not inside a transaction of this store's (the answer is False and nothing is published).
        """
        if self.conn.in_transaction:
            return False
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        seen, self._seen_version = self._seen_version, version
        if seen is None or seen == version:
            return False
        self.notify("external")
        return True

    def _invalidate_caches(self, change: Change) -> None:
        if change.kind not in ("answer", "note", "evidence", "status", "assessor", "history"):
            self._years = None

    # -- meta -------------------------------------------------------------
    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as c:
            c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))
            self.notify("meta")

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
        from .catalog import CatalogError, get_catalog, parse_catalog
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
            raise StoreError(f"no assessment with id {assessment_id}", code="store.no_assessment",
                             id=assessment_id)
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

    def assessments_by_id(self, ids) -> list[Assessment]:
        """The assessments with these ids that exist, in id order."""
        ids = sorted({int(i) for i in ids})
        out: list[Assessment] = []
        for start in range(0, len(ids), 500):  # SQLite's limit on parameters
            chunk = ids[start:start + 500]
            out += [self._row_to_assessment(r) for r in self.conn.execute(
                f"SELECT {self._ASSESSMENT_COLS} FROM assessments WHERE id IN ({','.join('?' * len(chunk))}) "
                "ORDER BY id", chunk)]
        return out

    def years(self) -> list[int]:
        """The years that have assessments, newest first (cached; the change
        notification and another program's commits invalidate it)."""
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        if self._years is None or self._years_version != version:
            self._years = tuple(
                r[0] for r in self.conn.execute("SELECT DISTINCT year FROM assessments ORDER BY year DESC")
            )
            self._years_version = version
        return list(self._years)

    def _check_new(self, region: str, year: Any, catalog_id: str) -> tuple[Region, int, Catalog]:
        reg = self.region(str(region))
        if reg is None:
            raise StoreError(f"unknown region code {region!r}: expected a GB/T 2260 code of Jilin such as 220100",
                             code="store.unknown_region", region=str(region))
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
            raise StoreError(f"year must be a whole year such as 2021, got {year!r}", code="store.bad_year",
                             year=str(year))
        existing = self.find_assessment(reg.code, year)
        if existing:
            raise StoreError(f"{reg.name} {year} already has an assessment (id {existing.id})",
                             code="store.exists", region=reg.code, year=year, id=existing.id)
        return reg, year, self._resolve_catalog(catalog_id)

    def _resolve_catalog(self, catalog_id: str) -> Catalog:
        from .catalog import CatalogError, get_catalog
        try:
            return get_catalog(catalog_id)
        except CatalogError:
            return self.catalog(catalog_id)

    def new_assessment(
        self,
        region: str,
        year: int,
        assessor: str = "",
        catalog_id: str | None = None,  # None: the newest installed scheme whose year fits
        who: str | None = None,
        answers: dict[int, Value] | None = None,
        notes: dict[int, str] | None = None,
        detail: str | None = None,
    ) -> int:
        """Create an assessment (optionally with answers); returns its id."""
        from .catalog import DEFAULT_CATALOG_ID
        check_text("assessor", assessor or "")
        with self.transaction() as c:
            if catalog_id is None:
                from .schemes import default_catalog_id

                catalog_id = default_catalog_id(self, year) if isinstance(year, int) else DEFAULT_CATALOG_ID
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
            self.notify("assessment_created", aid)
        return aid

    def _write_answers(self, aid: int, cat: Catalog, answers: dict, notes: dict, t: str) -> None:
        from .scoring import AnswerError, parse_value, value_to_json
        for n in sorted(set(answers) | set(notes)):
            if n not in cat.points:
                raise AnswerError(f"unknown point {n!r}: expected a point number from 1 to {max(cat.points)}")
            value = answers.get(n)
            if value is not None:
                value = parse_value(cat.points[n], value_to_json(value))
            note = check_text("note", notes.get(n, "") or "", point=n)
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
            # answers and evidence go with it (ON DELETE CASCADE); its
            # history stays, and its id is never given to another one.
            c.execute("DELETE FROM assessments WHERE id = ?", (a.id,))
            self._audit(a.id, who, "delete", None, f"{a.region} {a.year}", None, None)
            self.notify("assessment_deleted", a.id)

    def _editable(self, assessment_id: int) -> Assessment:
        a = self.assessment(assessment_id)
        if a.status == "submitted":
            raise StoreError(f"assessment {a.id} ({a.region} {a.year}) is submitted and locked; reopen it to edit",
                             code="store.locked", id=a.id, region=a.region, year=a.year)
        if a.imported:
            raise StoreError(f"assessment {a.id} ({a.region} {a.year}) was imported: the county's answers are not "
                             "edited here (review it instead)", code="store.imported", id=a.id)
        return a

    def answers(self, assessment_id: int) -> dict[int, Value]:
        from .scoring import parse_value
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
        from .scoring import score
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
        from .scoring import AnswerError, parse_value, value_to_json
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
            new_note = old_note if note is UNCHANGED else check_text("note", note or "", point=point)
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
            self.notify("answer", a.id, point)
        return old, new

    def set_note(self, assessment_id: int, point: int, note: str, who: str | None = None) -> None:
        """Change only the note of a point (its answer stays as it is)."""
        from .scoring import AnswerError
        with self.transaction() as c:
            a = self._editable(assessment_id)
            cat = self.catalog(a.catalog)
            if point not in cat.points:
                raise AnswerError(f"unknown point {point!r}: expected a point number from 1 to {max(cat.points)}")
            check_text("note", note, point=point)
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
            self.notify("note", a.id, point)

    def set_assessor(self, assessment_id: int, assessor: str, who: str | None = None) -> None:
        check_text("assessor", assessor)
        with self.transaction() as c:
            a = self._editable(assessment_id)
            if a.assessor == assessor:
                return
            c.execute("UPDATE assessments SET assessor = ?, updated_at = ? WHERE id = ?", (assessor, now(), a.id))
            self._audit(a.id, who, "assessor", None, a.assessor, assessor, None)
            self.notify("assessor", a.id)

    def submit(self, assessment_id: int, who: str | None = None) -> None:
        from .scoring import check_submittable
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
            self.notify("status", a.id)

    def reopen(self, assessment_id: int, reason: str, who: str | None = None) -> None:
        if not isinstance(reason, str) or not reason.strip():
            raise StoreError("reopening a submitted assessment needs a reason", code="store.reason_missing")
        check_text("reason", reason.strip())
        with self.transaction() as c:
            a = self.assessment(assessment_id)
            if a.status != "submitted":
                raise StoreError(f"assessment {a.id} is not submitted", code="store.not_submitted", id=a.id)
            if a.imported:
                raise StoreError(f"assessment {a.id} ({a.region} {a.year}) was imported: return it to the county "
                                 "instead (review-decide --return)", code="store.imported", id=a.id)
            c.execute("UPDATE assessments SET status = 'draft', updated_at = ? WHERE id = ?", (now(), a.id))
            self._audit(a.id, who, "reopen", None, "submitted", "draft", reason.strip())
            self.notify("status", a.id)

    # -- evidence ---------------------------------------------------------
    def add_evidence(self, assessment_id: int, point: int, filename: str, data: bytes,
                     who: str | None = None) -> int:
        from .scoring import AnswerError
        with self.transaction() as c:
            a = self._editable(assessment_id)
            if point not in self.catalog(a.catalog).points:
                raise AnswerError(f"unknown point {point!r}")
            name = Path(filename).name if isinstance(filename, str) else filename
            if not name:
                raise StoreError("an evidence file needs a name", code="field.missing", field="evidence file name")
            check_text("evidence file name", name, point=point)
            if len(data) > EVIDENCE_MAX_BYTES:
                raise StoreError(
                    f"{name}: {len(data):,} bytes; an evidence file may have at most {EVIDENCE_MAX_BYTES:,}",
                    code="field.too_large", field="evidence file", limit=EVIDENCE_MAX_BYTES, size=len(data),
                    file=name, point=point,
                )
            import hashlib

            digest = hashlib.sha256(data).hexdigest()
            t = now()
            cur = c.execute(
                "INSERT INTO evidence(assessment_id, point, filename, sha256, size, data, added_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (a.id, point, name, digest, len(data), sqlite3.Binary(data), t),
            )
            c.execute("UPDATE assessments SET updated_at = ? WHERE id = ?", (t, a.id))
            self._audit(a.id, who, "evidence-add", point, None, name, digest)
            self.notify("evidence", a.id, point)
            return cur.lastrowid

    def add_evidence_file(self, assessment_id: int, point: int, path: str | Path, who: str | None = None) -> int:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as e:
            raise StoreError(f"{path}: can't read the file ({e.strerror or e})", code="file.unreadable",
                             file=str(path), detail=str(e.strerror or e)) from None
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
            raise StoreError(f"no evidence file with id {evidence_id}", code="store.no_evidence", id=evidence_id)
        return bytes(row[0])

    def remove_evidence(self, evidence_id: int, who: str | None = None) -> None:
        with self.transaction() as c:
            row = c.execute(
                "SELECT assessment_id, point, filename, sha256 FROM evidence WHERE id = ?", (evidence_id,)
            ).fetchone()
            if row is None:
                raise StoreError(f"no evidence file with id {evidence_id}", code="store.no_evidence", id=evidence_id)
            self._editable(row[0])
            c.execute("DELETE FROM evidence WHERE id = ?", (evidence_id,))
            c.execute("UPDATE assessments SET updated_at = ? WHERE id = ?", (now(), row[0]))
            self._audit(row[0], who, "evidence-remove", row[1], row[2], None, row[3])
            self.notify("evidence", row[0], row[1])

    # -- history ----------------------------------------------------------
    def _audit(self, aid: int, who: str | None, action: str, point: int | None,
               old: str | None, new: str | None, detail: str | None) -> None:
        self.conn.execute(
            "INSERT INTO audit(assessment_id, at, who, action, point, old, new, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (aid, now(), self.who_for(who), action, point, old, new, detail),
        )

    def who_for(self, who: str | None = None) -> str:
        """Who a change is recorded as: `who` when the caller names someone, else the store's user, else
        the OS login."""
        return who or self.user or current_user()

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
            self.notify("history", assessment_id)

    # -- exchange support (Excel import/export) ---------------------------
    def next_export_revision(self, assessment_id: int, who: str | None = None) -> int:
        with self.transaction() as c:
            a = self.assessment(assessment_id)
            rev = a.export_revision + 1
            c.execute("UPDATE assessments SET export_revision = ? WHERE id = ?", (rev, a.id))
            self._audit(a.id, who, "export", None, None, str(rev), None)
            self.notify("history", a.id)
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
        """Write an imported assessment in one transaction; returns its id.

        With replace, an assessment already there for the region and year is
        updated in place: it keeps its id and its history (a "replaced" row,
        then the "import" row), its answers and notes become the imported
        ones and its evidence files are removed (the workbook carries none).
        """
        if status not in STATUSES:
            raise StoreError(f"status must be one of {', '.join(STATUSES)}, got {status!r}",
                             code="store.bad_status", status=str(status))
        check_text("assessor", assessor or "")
        with self.transaction() as c:
            old = self.find_assessment(str(region), year)
            t = now()
            if old is not None:
                if not replace:
                    raise StoreError(f"{region} {year} already has an assessment (id {old.id})",
                                     code="store.exists", region=str(region), year=year, id=old.id)
                from . import review

                earlier_review = review.snapshot(self, old.id)
                cat = self._resolve_catalog(catalog_id)
                self._ensure_catalog(cat)
                n_evidence = c.execute("SELECT count(*) FROM evidence WHERE assessment_id = ?",
                                       (old.id,)).fetchone()[0]
                c.execute("DELETE FROM evidence WHERE assessment_id = ?", (old.id,))
                c.execute("DELETE FROM answers WHERE assessment_id = ?", (old.id,))
                c.execute(
                    "UPDATE assessments SET catalog = ?, status = ?, assessor = ?, updated_at = ?, submitted_at = ?, "
                    "imported = 1, source_file = ?, source_revision = ? WHERE id = ?",
                    (cat.id, status, assessor or "", t, t if status == "submitted" else None, source_file,
                     revision, old.id),
                )
                detail = f"replaced by import of {source_file}"
                if n_evidence:
                    detail += f"; {n_evidence} evidence file(s) removed"
                self._audit(old.id, who, "replaced", None,
                            None if old.source_revision is None else str(old.source_revision),
                            None if revision is None else str(revision), detail)
                aid = old.id
            else:
                reg, year, cat = self._check_new(region, year, catalog_id)
                self._ensure_catalog(cat)
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
            if old is not None:
                review.archive(self, aid, earlier_review, who)
            self.notify("imported", aid)
        return aid


def _dump(value: Value) -> str:
    from .scoring import value_to_json
    return json.dumps(value_to_json(value), ensure_ascii=False)


def open_store(path: str | Path, create: bool = False, **kw) -> Store:
    return Store(path, create=create, **kw)
