"""Each assessment's score summary kept in the file, so that listing a year does not score it again.

`jlip list --year` of a 2,800-region year used to parse 123,000 stored
answers and score 2,800 assessments on every run; the table `score_cache`
(schema 5) keeps, per assessment, what a listing shows of its score: the
self-assessed total, grade, veto and answered counts, its review status, and
the verified total of a started review.

It is derived data, and never trusted beyond what made it:

- Triggers (core/schema.py, V5) delete an assessment's row in the same
  statement that changes its answers, verdicts or review, or its scheme —
  whoever makes the change, another program's SQL included.
- The store refreshes the rows of the assessments a transaction touched just
  before it commits (`refresh`, called from `Store.transaction`), so the
  file never holds a committed change without its summary unless the change
  came from outside the store.
- A row records the scoring `engine` (this release) and the scheme's SHA-256:
  a row made by another release or for another text of the scheme is not
  used.
- `summaries` returns current rows; for an assessment without one the reader
  scores it itself and writes nothing (only reading a file never changes it).

tests/test_scorecache.py pins that a summary always equals `store.score` /
the verified score, after every kind of write, and after SQL from outside.
"""

from __future__ import annotations

from collections import namedtuple

from .. import __version__

ENGINE_PREFIX = f"jlip-desktop {__version__}"


class ScoreSummary(namedtuple("ScoreSummary", "total grade vetoed answered unanswered review_status verified_total")):
    """What a listing shows of a score (the fields of Score that `jlip list` prints).

    total: Decimal; grade: str; vetoed: bool; answered, unanswered: int; review_status: none | pending |
    approved | returned (core/review.py); verified_total: float, None until the province's review has started.
    """

    __slots__ = ()

    @property
    def total_1dp(self) -> float:
        """The total as `jlip list --json` and `show --json` print it."""
        from .scoring import ONE_DECIMAL

        return float(self.total.quantize(ONE_DECIMAL))

    @classmethod
    def of(cls, score, review_status: str = "none", verified_total: float | None = None) -> ScoreSummary:
        return cls(score.total, score.grade.name, score.vetoed, score.answered, score.unanswered, review_status,
                   verified_total)


def engine_key(catalog_sha: str | None) -> str:
    return f"{ENGINE_PREFIX} {catalog_sha or ''}"


def engines(store) -> dict[str, str]:
    """Scheme id -> the `engine` a current row of an assessment on that scheme carries."""
    return {cid: engine_key(sha) for cid, sha in store.conn.execute("SELECT id, sha256 FROM catalogues")}


def summary_of(store, assessment, answers, state) -> ScoreSummary:
    """The summary computed from the answers and review state (the definition the cache must agree with)."""
    from .review import _verified_answers
    from .scoring import ONE_DECIMAL, score

    cat = store.catalog(assessment.catalog)
    sc = score(cat, answers)
    verified = None
    if state.started:
        verified = float(score(cat, _verified_answers(answers, state)).total.quantize(ONE_DECIMAL))
    return ScoreSummary.of(sc, state.status, verified)


def _computed(store, assessments, states=None, *, skip_unscorable: bool = False) -> dict[int, ScoreSummary]:
    """summary_of each assessment, its answers and review read set-wise; with skip_unscorable, an assessment
    whose stored answers can't be scored is left out instead of raising."""
    from .errors import BadInput
    from .listing import answers_of
    from .review import review_states

    answers = answers_of(store, assessments)
    states = review_states(store, assessments) if states is None else states
    out = {}
    for a in assessments:
        try:
            out[a.id] = summary_of(store, a, answers[a.id], states[a.id])
        except (BadInput, ValueError, KeyError):
            if not skip_unscorable:
                raise
    return out


def _ids(ids) -> str:
    return ",".join(str(int(i)) for i in ids)


def summaries(store, assessments, states=None) -> dict[int, ScoreSummary]:
    """The summary of each assessment (id -> ScoreSummary): the cached row when it is current, else computed."""
    by_id = {a.id: a for a in assessments}
    if not by_id:
        return {}
    from decimal import Decimal

    current = engines(store)
    out: dict[int, ScoreSummary] = {}
    for aid, engine, total, grade, vetoed, answered, unanswered, status, verified in store.conn.execute(
        "SELECT assessment_id, engine, total, grade, vetoed, answered, unanswered, review_status, verified_total "
        f"FROM score_cache WHERE assessment_id IN ({_ids(by_id)})"
    ):
        if engine == current.get(by_id[aid].catalog):
            out[aid] = ScoreSummary(Decimal(total), grade, bool(vetoed), answered, unanswered, status,
                                    None if verified is None else float(verified))
    missing = [a for aid, a in by_id.items() if aid not in out]
    if missing:
        out.update(_computed(store, missing, states))
    return out


def refresh(store, assessment_ids) -> int:
    """Write the summary of each of these assessments that has no current row (inside the caller's transaction).

    Returns how many rows were written.  Assessments that no longer exist are skipped, and so are
    those whose stored answers can't be scored (no row: the reader says why when it scores them).
    """
    ids = sorted({int(i) for i in assessment_ids if i is not None})
    if not ids:
        return 0
    current = engines(store)
    fresh = {aid for aid, engine, cid in store.conn.execute(
        "SELECT c.assessment_id, c.engine, a.catalog FROM score_cache c JOIN assessments a "
        f"ON a.id = c.assessment_id WHERE c.assessment_id IN ({_ids(ids)})") if engine == current.get(cid)}
    todo = [i for i in ids if i not in fresh]
    rows = []
    for start in range(0, len(todo), 2000):  # bounded memory for a transaction that touched a whole country
        assessments = store.assessments_by_id(todo[start:start + 2000])
        by_id = {a.id: a for a in assessments}
        for aid, s in _computed(store, assessments, skip_unscorable=True).items():
            rows.append((aid, current.get(by_id[aid].catalog, engine_key(None)), str(s.total), s.total_1dp, s.grade,
                         int(s.vetoed), s.answered, s.unanswered, s.review_status,
                         None if s.verified_total is None else repr(s.verified_total)))
    store.conn.executemany(
        "INSERT OR REPLACE INTO score_cache(assessment_id, engine, total, total_1dp, grade, vetoed, answered, "
        "unanswered, review_status, verified_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)
