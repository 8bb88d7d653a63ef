"""Every assessment of a year (or of the database) with its score and review state, read set-wise.

`jlip list` used to ask the store for each row's region, answers, score and
review one assessment at a time (about ten queries a row: 28,000 queries for a
2,800-region year).  Here each kind of row is read once for the whole set and
the results are the ones the per-assessment functions give (store.score,
review.review_state, review.verified_total_json): tests/test_listing.py pins
that.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .review import ReviewState, _verified_answers, review_states
from .scoring import ONE_DECIMAL, Score, Value, parse_value, score


@dataclass(frozen=True)
class ListRow:
    assessment: object  # store.Assessment
    region_name: str
    score: Score
    review: ReviewState
    verified_total: float | None


def answers_of(store, assessments) -> dict[int, dict[int, Value]]:
    """store.answers of many assessments in one query (assessment id -> answers, in point order)."""
    by_id = {a.id: a for a in assessments}
    out: dict[int, dict[int, Value]] = {aid: {} for aid in by_id}
    if not by_id:
        return out
    cats = {c: store.catalog(c) for c in {a.catalog for a in by_id.values()}}
    parsed: dict[tuple, Value] = {}  # the same few stored values recur: parse each once
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
    """The rows of `jlip list` (store.list_assessments order) with self-score, review and verified total."""
    assessments = store.list_assessments(year=year)
    names = dict(store.conn.execute("SELECT code, name FROM regions"))
    answers = answers_of(store, assessments)
    states = review_states(store, assessments)
    out = []
    for a in assessments:
        cat = store.catalog(a.catalog)
        ans = answers[a.id]
        state = states[a.id]
        verified = None
        if state.started:
            verified = float(score(cat, _verified_answers(ans, state)).total.quantize(ONE_DECIMAL))
        out.append(ListRow(a, names.get(a.region, a.region), score(cat, ans), state, verified))
    return out
