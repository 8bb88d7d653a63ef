"""The database schema, one frozen block of SQL per version.

The schema version is SQLite's `user_version`.  `MIGRATIONS[n]` is the SQL
that takes a database at version n to n + 1; version 0 is an empty file, so a
new database is made by running every step, and a new database and a
migrated one end up with the same tables, written the same way.

Never edit a step once it has shipped: add a new one (and bump
`SCHEMA_VERSION`).  Steps are plain SQL run statement by statement inside the
caller's transaction (`migrate`), with foreign keys off for the duration, as
SQLite's table-rebuild procedure asks (https://sqlite.org/lang_altertable.html,
"other kinds of table schema changes"); `migrate` runs `foreign_key_check`
before it returns, so a step that leaves a dangling reference is rolled back.

Schema 1 is the DDL that sqlite-utils 3.x generated at run time for
jlip-desktop 0.1, kept here verbatim (dumped from a fresh database) so that
"schema 1" no longer depends on a library release.

Schema 2:
- `assessments`, `evidence` and `audit` ids are AUTOINCREMENT: an id is never
  given again after a delete, so a new assessment never inherits the history
  of a deleted one.  The sequence of assessments starts above every id the
  history (audit) mentions, even one deleted under schema 1.
- `answers` and `evidence` reference their assessment with ON DELETE CASCADE;
  rows of schema 1 whose assessment no longer exists (none are made by 0.1)
  are not carried over.
- `audit.assessment_id` has no foreign key on purpose: the history of a
  deleted assessment (its "delete" row included) stays in the file.
- An index on `assessments(year)` (the dashboard and `jlip list --year`).

Schema 3 (the province's review, core/review.py):
- `reviews`: one row per reviewed assessment: origin (`local`, the review
  made here of an imported assessment; `received`, a review imported from a
  review workbook onto the county's own assessment), status (pending /
  approved / returned), the decision's comment, who and when, the revision
  reviewed.
- `review_points`: a verdict per scoring point (accept / adjust / issue),
  the verified value of an adjustment (answers-JSON text), a comment.
- Both go with their assessment (ON DELETE CASCADE); the history of a
  review is in `audit`.

Schema 4 (evidence that travels, exchange/package.py):
- `evidence_expected`: the evidence files an imported workbook lists (point,
  name, size, SHA-256).  A package brings the files too (rows in
  `evidence`); a plain workbook brings only this list, so the province can
  see what exists but was not received (core/evidence.py matches the two).
  Goes with its assessment (ON DELETE CASCADE).

Schema 5 (scale: `jlip list` of a 2,800-region year, core/scorecache.py):
- `score_cache`: each assessment's self-assessed total, grade, veto and
  answered counts, its review status, and the verified total of a started
  review, as the
  scoring of this release (`engine`) made them from the answers and verdicts
  now in the file.  Derived data only: the store refreshes it in the
  transaction that changes an assessment; triggers delete a row as soon as
  its answers, verdicts, review or scheme change by any other way (another
  program's SQL included), and a reader that finds no current row scores the
  assessment itself.  Goes with its assessment (ON DELETE CASCADE).
  (Queries by region use the unique index on `assessments(region, year)`.)
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 5

V1 = """
CREATE TABLE [meta] (
   [key] TEXT PRIMARY KEY,
   [value] TEXT
);
CREATE TABLE [regions] (
   [code] TEXT PRIMARY KEY,
   [name] TEXT,
   [short] TEXT,
   [name_en] TEXT,
   [parent] TEXT,
   [level] TEXT,
   [sort] INTEGER
);
CREATE TABLE [catalogues] (
   [id] TEXT PRIMARY KEY,
   [sha256] TEXT,
   [text] TEXT,
   [added_at] TEXT
);
CREATE TABLE [assessments] (
   [id] INTEGER PRIMARY KEY,
   [region] TEXT NOT NULL REFERENCES [regions]([code]),
   [year] INTEGER NOT NULL,
   [catalog] TEXT NOT NULL REFERENCES [catalogues]([id]),
   [status] TEXT NOT NULL DEFAULT 'draft',
   [assessor] TEXT DEFAULT '',
   [created_at] TEXT NOT NULL,
   [updated_at] TEXT NOT NULL,
   [submitted_at] TEXT,
   [imported] INTEGER DEFAULT 0,
   [source_file] TEXT,
   [source_revision] INTEGER,
   [export_revision] INTEGER DEFAULT 0
);
CREATE UNIQUE INDEX idx_assessments_region_year ON assessments(region, year);
CREATE TABLE [answers] (
   [assessment_id] INTEGER REFERENCES [assessments]([id]),
   [point] INTEGER,
   [value] TEXT,
   [note] TEXT DEFAULT '',
   [updated_at] TEXT,
   PRIMARY KEY ([assessment_id], [point])
);
CREATE TABLE [evidence] (
   [id] INTEGER PRIMARY KEY,
   [assessment_id] INTEGER REFERENCES [assessments]([id]),
   [point] INTEGER,
   [filename] TEXT,
   [sha256] TEXT,
   [size] INTEGER,
   [data] BLOB,
   [added_at] TEXT
);
CREATE INDEX idx_evidence_assessment ON evidence(assessment_id, point);
CREATE TABLE [audit] (
   [id] INTEGER PRIMARY KEY,
   [assessment_id] INTEGER,
   [at] TEXT,
   [who] TEXT,
   [action] TEXT,
   [point] INTEGER,
   [old] TEXT,
   [new] TEXT,
   [detail] TEXT
);
CREATE INDEX idx_audit_assessment ON audit(assessment_id);
"""

V2 = """
CREATE TABLE assessments_v2 (
   id INTEGER PRIMARY KEY AUTOINCREMENT,
   region TEXT NOT NULL REFERENCES regions(code),
   year INTEGER NOT NULL,
   catalog TEXT NOT NULL REFERENCES catalogues(id),
   status TEXT NOT NULL DEFAULT 'draft',
   assessor TEXT NOT NULL DEFAULT '',
   created_at TEXT NOT NULL,
   updated_at TEXT NOT NULL,
   submitted_at TEXT,
   imported INTEGER NOT NULL DEFAULT 0,
   source_file TEXT,
   source_revision INTEGER,
   export_revision INTEGER NOT NULL DEFAULT 0
);
INSERT INTO assessments_v2(id, region, year, catalog, status, assessor, created_at, updated_at,
                           submitted_at, imported, source_file, source_revision, export_revision)
   SELECT id, region, year, catalog, status, COALESCE(assessor, ''), created_at, updated_at,
          submitted_at, COALESCE(imported, 0), source_file, source_revision, COALESCE(export_revision, 0)
   FROM assessments;

CREATE TABLE answers_v2 (
   assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
   point INTEGER NOT NULL,
   value TEXT,
   note TEXT NOT NULL DEFAULT '',
   updated_at TEXT,
   PRIMARY KEY (assessment_id, point)
);
INSERT INTO answers_v2(assessment_id, point, value, note, updated_at)
   SELECT assessment_id, point, value, COALESCE(note, ''), updated_at FROM answers
   WHERE assessment_id IN (SELECT id FROM assessments);

CREATE TABLE evidence_v2 (
   id INTEGER PRIMARY KEY AUTOINCREMENT,
   assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
   point INTEGER NOT NULL,
   filename TEXT NOT NULL,
   sha256 TEXT NOT NULL,
   size INTEGER NOT NULL,
   data BLOB NOT NULL,
   added_at TEXT
);
INSERT INTO evidence_v2(id, assessment_id, point, filename, sha256, size, data, added_at)
   SELECT id, assessment_id, point, filename, sha256, size, data, added_at FROM evidence
   WHERE assessment_id IN (SELECT id FROM assessments);

CREATE TABLE audit_v2 (
   id INTEGER PRIMARY KEY AUTOINCREMENT,
   assessment_id INTEGER NOT NULL,
   at TEXT,
   who TEXT,
   action TEXT NOT NULL,
   point INTEGER,
   old TEXT,
   new TEXT,
   detail TEXT
);
INSERT INTO audit_v2(id, assessment_id, at, who, action, point, old, new, detail)
   SELECT id, assessment_id, at, who, action, point, old, new, detail FROM audit;

DROP TABLE answers;
DROP TABLE evidence;
DROP TABLE audit;
DROP TABLE assessments;
ALTER TABLE assessments_v2 RENAME TO assessments;
ALTER TABLE answers_v2 RENAME TO answers;
ALTER TABLE evidence_v2 RENAME TO evidence;
ALTER TABLE audit_v2 RENAME TO audit;

CREATE UNIQUE INDEX idx_assessments_region_year ON assessments(region, year);
CREATE INDEX idx_assessments_year ON assessments(year);
CREATE INDEX idx_evidence_assessment ON evidence(assessment_id, point);
CREATE INDEX idx_audit_assessment ON audit(assessment_id);

DELETE FROM sqlite_sequence WHERE name IN ('assessments', 'evidence', 'audit');
INSERT INTO sqlite_sequence(name, seq) SELECT 'assessments',
   MAX(COALESCE((SELECT MAX(id) FROM assessments), 0), COALESCE((SELECT MAX(assessment_id) FROM audit), 0));
INSERT INTO sqlite_sequence(name, seq) SELECT 'evidence', COALESCE((SELECT MAX(id) FROM evidence), 0);
INSERT INTO sqlite_sequence(name, seq) SELECT 'audit', COALESCE((SELECT MAX(id) FROM audit), 0);
"""

V3 = """
CREATE TABLE reviews (
   assessment_id INTEGER PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,
   origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'received')),
   status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'returned')),
   comment TEXT NOT NULL DEFAULT '',
   revision INTEGER,
   decided_at TEXT,
   decided_by TEXT,
   source_file TEXT,
   updated_at TEXT NOT NULL
);
CREATE TABLE review_points (
   assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
   point INTEGER NOT NULL,
   verdict TEXT NOT NULL CHECK (verdict IN ('accept', 'adjust', 'issue')),
   value TEXT,
   comment TEXT NOT NULL DEFAULT '',
   at TEXT NOT NULL,
   who TEXT NOT NULL DEFAULT '',
   PRIMARY KEY (assessment_id, point)
);
"""

V4 = """
CREATE TABLE evidence_expected (
   id INTEGER PRIMARY KEY AUTOINCREMENT,
   assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
   point INTEGER NOT NULL,
   filename TEXT NOT NULL,
   size INTEGER NOT NULL,
   sha256 TEXT NOT NULL
);
CREATE INDEX idx_evidence_expected_assessment ON evidence_expected(assessment_id, point);
"""

V5 = """
CREATE TABLE score_cache (
   assessment_id INTEGER PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,
   engine TEXT NOT NULL,
   total TEXT NOT NULL,
   total_1dp REAL NOT NULL,
   grade TEXT NOT NULL,
   vetoed INTEGER NOT NULL,
   answered INTEGER NOT NULL,
   unanswered INTEGER NOT NULL,
   review_status TEXT NOT NULL,
   verified_total TEXT
);
CREATE TRIGGER score_cache_answer_insert AFTER INSERT ON answers BEGIN
   DELETE FROM score_cache WHERE assessment_id = NEW.assessment_id;
END;
CREATE TRIGGER score_cache_answer_update AFTER UPDATE ON answers BEGIN
   DELETE FROM score_cache WHERE assessment_id IN (OLD.assessment_id, NEW.assessment_id);
END;
CREATE TRIGGER score_cache_answer_delete AFTER DELETE ON answers BEGIN
   DELETE FROM score_cache WHERE assessment_id = OLD.assessment_id;
END;
CREATE TRIGGER score_cache_verdict_insert AFTER INSERT ON review_points BEGIN
   DELETE FROM score_cache WHERE assessment_id = NEW.assessment_id;
END;
CREATE TRIGGER score_cache_verdict_update AFTER UPDATE ON review_points BEGIN
   DELETE FROM score_cache WHERE assessment_id IN (OLD.assessment_id, NEW.assessment_id);
END;
CREATE TRIGGER score_cache_verdict_delete AFTER DELETE ON review_points BEGIN
   DELETE FROM score_cache WHERE assessment_id = OLD.assessment_id;
END;
CREATE TRIGGER score_cache_review_insert AFTER INSERT ON reviews BEGIN
   DELETE FROM score_cache WHERE assessment_id = NEW.assessment_id;
END;
CREATE TRIGGER score_cache_review_update AFTER UPDATE ON reviews BEGIN
   DELETE FROM score_cache WHERE assessment_id IN (OLD.assessment_id, NEW.assessment_id);
END;
CREATE TRIGGER score_cache_review_delete AFTER DELETE ON reviews BEGIN
   DELETE FROM score_cache WHERE assessment_id = OLD.assessment_id;
END;
CREATE TRIGGER score_cache_assessment_update AFTER UPDATE OF catalog, imported, source_revision ON assessments BEGIN
   DELETE FROM score_cache WHERE assessment_id IN (OLD.id, NEW.id);
END;
CREATE TRIGGER score_cache_scheme_update AFTER UPDATE ON catalogues BEGIN
   DELETE FROM score_cache;
END;
CREATE TRIGGER score_cache_scheme_delete AFTER DELETE ON catalogues BEGIN
   DELETE FROM score_cache;
END;
"""

# MIGRATIONS[n] takes a database at version n to n + 1.
MIGRATIONS: dict[int, str] = {0: V1, 1: V2, 2: V3, 3: V4, 4: V5}


class MigrationError(Exception):
    """A migration step left the database inconsistent (it is rolled back)."""


def statements(sql: str) -> list[str]:
    """Split a block of SQL into complete statements."""
    out: list[str] = []
    current = ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                out.append(current.strip())
            current = ""
    if current.strip():
        raise ValueError(f"incomplete SQL statement: {current.strip()[:60]!r}")
    return out


def migrate(conn: sqlite3.Connection, version: int, target: int = SCHEMA_VERSION,
            steps: dict[int, str] | None = None) -> None:
    """Run steps version → target in the caller's open transaction.

    Foreign keys must be off on `conn` (PRAGMA foreign_keys is a no-op inside
    a transaction, so the caller turns them off before BEGIN).  Sets
    user_version; raises MigrationError if foreign_key_check finds a problem.
    """
    if not conn.in_transaction:
        raise RuntimeError("migrate() runs inside a transaction")
    steps = MIGRATIONS if steps is None else steps
    while version < target:
        for stmt in statements(steps[version]):
            conn.execute(stmt)
        version += 1
    problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        table, rowid, parent, _ = problems[0]
        raise MigrationError(
            f"{len(problems)} dangling reference(s) after migrating, e.g. {table} row {rowid} → {parent}"
        )
    conn.execute(f"PRAGMA user_version = {int(target)}")
