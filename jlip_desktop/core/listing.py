"""Every assessment of a year (or of the database) with its score and review state, read set-wise.

`jlip list` used to ask the store for each row's region, answers, score and
review one assessment at a time (about ten queries a row: 28,000 queries for a
2,800-region year).  Here each kind of row is read once for the whole set, and
the scores come from the summaries the store keeps (core/scorecache.py), so
listing a year parses no answers; the results are the ones the
per-assessment functions give (store.score, review.review_state,
review.verified_total_json): tests/test_listing.py pins that.
"""

from __future__ import annotations

import json
import sqlite3
from collections import namedtuple

from .scorecache import summaries


class ListRow(namedtuple("ListRow", "assessment region_name score")):
    """assessment: store.Assessment; region_name: str; score: ScoreSummary (total, grade, vetoed, answered,
    unanswered, review status, verified total)."""

    __slots__ = ()

    @property
    def verified_total(self) -> float | None:
        return self.score.verified_total

    @property
    def review_status(self) -> str:
        return self.score.review_status


def answers_of(store, assessments) -> dict:
    """store.answers of many assessments in one query (assessment id -> answers, in point order)."""
    from .scoring import parse_value

    by_id = {a.id: a for a in assessments}
    out: dict[int, dict] = {aid: {} for aid in by_id}
    if not by_id:
        return out
    cats = {c: store.catalog(c) for c in {a.catalog for a in by_id.values()}}
    parsed: dict[tuple, object] = {}  # the same few stored values recur: parse each once
    ids = ",".join(str(int(i)) for i in by_id)
    for aid, point, value in store.conn.execute(
        f"SELECT assessment_id, point, value FROM answers WHERE assessment_id IN ({ids}) AND value IS NOT NULL "
        "ORDER BY assessment_id, point"
    ):
        cid = by_id[aid].catalog
        key = (cid, point, value)
        v = parsed.get(key, parsed)
        if v is parsed:
            v = parsed[key] = parse_value(cats[cid].points[point], json.loads(value))
        out[aid][point] = v
    return out


def list_rows(store, year: int | None = None) -> list[ListRow]:
    """The rows of `jlip list` (store.list_assessments order) with self-score, review status and verified total."""
    assessments = store.list_assessments(year=year)
    names = dict(store.conn.execute("SELECT code, name FROM regions"))
    scores = summaries(store, assessments)
    return [ListRow(a, names.get(a.region, a.region), scores[a.id]) for a in assessments]


# The object cli._row_json makes of a row, made by SQLite from the stored summary (json_object: C, no
# Python object per field); tests/test_listing.py pins the two equal, field by field, for every row.
_JSON_ROW = """
SELECT a.id, a.catalog, c.engine, json_object(
   'id', a.id, 'region', a.region, 'region_name', COALESCE(r.name, a.region), 'year', a.year,
   'catalog', a.catalog, 'status', a.status, 'assessor', COALESCE(a.assessor, ''),
   'total', c.total_1dp, 'grade', c.grade, 'vetoed', json(CASE WHEN c.vetoed THEN 'true' ELSE 'false' END),
   'answered', c.answered, 'unanswered', c.unanswered,
   'created_at', a.created_at, 'updated_at', a.updated_at, 'submitted_at', a.submitted_at,
   'imported', json(CASE WHEN a.imported THEN 'true' ELSE 'false' END),
   'source_file', a.source_file, 'source_revision', a.source_revision,
   'review_status', c.review_status, 'verified_total', CAST(c.verified_total AS REAL))
FROM assessments a LEFT JOIN regions r ON r.code = a.region LEFT JOIN score_cache c ON c.assessment_id = a.id
{where}
ORDER BY a.year DESC, r.sort, a.id
"""


def list_json(store, year: int | None = None) -> list[tuple[int, str | None]] | None:
    """(id, the row's JSON text) in list_rows order, the text None where the stored summary is not current.

    None when this SQLite has no JSON functions (the caller then makes every row itself)."""
    from .scorecache import engines

    where, args = ("WHERE a.year = ?", (int(year),)) if year is not None else ("", ())
    try:
        rows = store.conn.execute(_JSON_ROW.format(where=where), args).fetchall()
    except sqlite3.OperationalError as e:
        if "json" in str(e):
            return None
        raise
    current = engines(store)
    return [(aid, text if engine is not None and engine == current.get(cid) else None)
            for aid, cid, engine, text in rows]
