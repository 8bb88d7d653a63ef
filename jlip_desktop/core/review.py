"""The province's review: a layer of verdicts over a county's answers.

The county's answers are never edited at the province.  An imported
assessment carries a review: per scoring point a verdict

    accept   the county's answer stands;
    adjust   the province sets the verified answer (checked like any answer);
    issue    something must be fixed by the county;

each with a comment, and a decision over the whole: approve (refused while
an issue is open) or return.  The verified score is the scoring core's
score of the county's answers with the adjusted ones replaced; points
without a verdict count as accepted.

At the county, `import-review` attaches the province's review (read from a
`jlip-review/1` workbook) to the county's own assessment with origin
"received"; it is shown, never edited there.

Review status of an assessment:
    none      made in this database and no review received;
    pending   imported, awaiting the province's decision;
    approved  / returned: the decision.

Everything is written in one transaction with an audit entry (actions
`review`, `review-clear`, `review-approve`, `review-return`,
`review-archived`, `review-received`).

API for the application (all functions take the open Store):

    review_state(store, aid)           -> ReviewState (status, comment, verdicts, open issues, ...)
    can_review(store, aid)             -> bool: an imported assessment
    set_verdict(store, aid, point, verdict, value=None, comment="", *, raw=True, who=None)
    clear_verdict(store, aid, point, who=None)
    decide(store, aid, "approve" | "return", comment="", who=None)
    verified_answers(store, aid)       -> answers with adjusted ones replaced
    verified_score(store, aid)         -> Score, or None before the first verdict
    effective_score(store, aid)        -> (Score, "verified" | "self"): what outputs rank by
    review_json(store, aid)            -> the `review` object of `show --json`
    earlier_reviews(store, aid)        -> the reviews of earlier revisions (from the history), oldest first
    review_view(store, aid)            -> ReviewView: everything a review screen draws, in one call
                                          (state, self and verified answers and scores, per-point rows)

Changes are announced to the store's listeners with kind "review"
(assessment id, and the point for a verdict).

Refusals raise ReviewError (a BadInput) with a `code` for the GUI:
review.not_imported, review.received, review.bad_verdict, review.open_issues,
review.incomplete, review.requires, review.draft, review.bad_decision, review.no_value,
review.bad_comment, review.undecided (export-review before a decision).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .errors import BadInput
from .scoring import AnswerError, Score, Value, parse_value, score, value_to_json

VERDICTS = ("accept", "adjust", "issue")
DECISIONS = ("approve", "return")
REVIEW_STATUSES = ("none", "pending", "approved", "returned")
VERDICT_ZH = {"accept": "认可", "adjust": "调整", "issue": "问题"}
STATUS_ZH = {"none": "未审核", "pending": "待审核", "approved": "通过", "returned": "退回"}
BASIS_ZH = {"verified": "核定", "self": "自评"}
ACTION_ZH = {  # the review's audit actions, for history sheets and tabs
    "review": "审核意见", "review-clear": "撤销审核意见", "review-approve": "审核通过", "review-return": "审核退回",
    "review-pending": "重新审核", "review-archived": "上一版审核存档", "review-received": "收到审核结果",
    "review-export": "导出审核结果",
}

class ReviewError(BadInput):
    """A review action that was refused; nothing was changed."""


@dataclass(frozen=True)
class PointVerdict:
    point: int
    verdict: str  # accept | adjust | issue
    value: Value | None  # the verified answer of an adjust, else None
    comment: str
    at: str = ""
    who: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "value": None if self.value is None else value_to_json(self.value),
                "comment": self.comment}


@dataclass(frozen=True)
class ReviewState:
    assessment_id: int
    status: str  # none | pending | approved | returned
    comment: str = ""
    origin: str | None = None  # local | received | None (no review row yet)
    revision: int | None = None  # the revision the review is of
    decided_at: str | None = None
    decided_by: str | None = None
    source_file: str | None = None
    points: dict[int, PointVerdict] = field(default_factory=dict)

    @property
    def open_issues(self) -> list[int]:
        return sorted(n for n, v in self.points.items() if v.verdict == "issue")

    @property
    def started(self) -> bool:
        """True once the province has given a verdict or a decision: the verified score exists."""
        return bool(self.points) or self.status in ("approved", "returned")

    @property
    def received(self) -> bool:
        return self.origin == "received"


def _row(store, aid: int):
    return store.conn.execute(
        "SELECT origin, status, comment, revision, decided_at, decided_by, source_file FROM reviews "
        "WHERE assessment_id = ?", (aid,)
    ).fetchone()


def review_state(store, assessment_id: int) -> ReviewState:
    """The review of one assessment as it stands (see the module docstring for the statuses)."""
    a = store.assessment(assessment_id)
    point_rows = store.conn.execute(
        "SELECT point, verdict, value, comment, at, who FROM review_points WHERE assessment_id = ? ORDER BY point",
        (a.id,),
    )
    return _state(a, store.catalog(a.catalog), _row(store, a.id), point_rows)


def _state(a, cat, row, point_rows) -> ReviewState:
    """A ReviewState from its reviews row (or None) and its review_points rows (in point order)."""
    points: dict[int, PointVerdict] = {}
    for n, verdict, value, comment, at, who in point_rows:
        if n not in cat.points:
            continue
        v = None if value is None else parse_value(cat.points[n], json.loads(value))
        points[n] = PointVerdict(n, verdict, v, comment or "", at or "", who or "")
    if row is None:
        return ReviewState(a.id, "pending" if a.imported else "none", points=points,
                           revision=a.source_revision if a.imported else None)
    origin, status, comment, revision, decided_at, decided_by, source_file = row
    return ReviewState(a.id, status, comment or "", origin, revision, decided_at, decided_by, source_file, points)


def review_states(store, assessments) -> dict[int, ReviewState]:
    """review_state of many assessments, read in two queries (assessment id -> ReviewState)."""
    by_id = {a.id: a for a in assessments}
    rows: dict[int, tuple] = {}
    point_rows: dict[int, list] = {}
    if by_id:
        ids = ",".join(str(int(i)) for i in by_id)
        for aid, *row in store.conn.execute(
            "SELECT assessment_id, origin, status, comment, revision, decided_at, decided_by, source_file "
            f"FROM reviews WHERE assessment_id IN ({ids})"
        ):
            rows[aid] = tuple(row)
        for aid, *row in store.conn.execute(
            "SELECT assessment_id, point, verdict, value, comment, at, who FROM review_points "
            f"WHERE assessment_id IN ({ids}) ORDER BY assessment_id, point"
        ):
            point_rows.setdefault(aid, []).append(row)
    cats = {}
    out = {}
    for aid, a in by_id.items():
        cat = cats.get(a.catalog) or cats.setdefault(a.catalog, store.catalog(a.catalog))
        out[aid] = _state(a, cat, rows.get(aid), point_rows.get(aid, ()))
    return out


def can_review(store, assessment_id: int) -> bool:
    """Only an imported assessment is reviewed (the county's own is reviewed at the province)."""
    return store.assessment(assessment_id).imported


def _reviewable(store, assessment_id: int):
    a = store.assessment(assessment_id)
    if not a.imported:
        raise ReviewError(
            f"assessment {a.id} ({a.region} {a.year}) was made in this database; only imported assessments "
            "are reviewed", code="review.not_imported", id=a.id,
        )
    return a


def _ensure_row(store, a, t: str) -> None:
    store.conn.execute(
        "INSERT OR IGNORE INTO reviews(assessment_id, origin, status, comment, revision, updated_at) "
        "VALUES (?, 'local', 'pending', '', ?, ?)",
        (a.id, a.source_revision, t),
    )


def _dump(v: PointVerdict | None) -> str | None:
    return None if v is None else json.dumps(v.to_json(), ensure_ascii=False, sort_keys=True)


def _back_to_pending(store, a, state: ReviewState, who: str | None, t: str) -> None:
    if state.status in ("approved", "returned"):
        store.conn.execute(
            "UPDATE reviews SET status = 'pending', decided_at = NULL, decided_by = NULL, updated_at = ? "
            "WHERE assessment_id = ?", (t, a.id),
        )
        store._audit(a.id, who, "review-pending", None, state.status, "pending",
                     "a verdict changed after the decision")


def _notify(store, aid: int, point: int | None = None) -> None:
    """Tell the store's listeners (kind "review"); called inside the transaction, delivered on commit."""
    notify = getattr(store, "notify", None)
    if callable(notify):
        notify("review", aid, point)


def set_verdict(store, assessment_id: int, point: int, verdict: str, value: Any = None, comment: str = "",
                *, raw: bool = True, who: str | None = None) -> PointVerdict:
    """Give one point a verdict (replacing any earlier one); returns it.

    `value` is the verified answer of an "adjust" (JSON-shaped when raw, else
    a Value), checked against the point's rule like any answer; it must be
    None for "accept" and "issue".  A verdict changed after the decision sets
    the review back to pending.
    """
    from .store import now

    if verdict not in VERDICTS:
        raise ReviewError(f"unknown verdict {verdict!r}: expected one of {', '.join(VERDICTS)}",
                          code="review.bad_verdict", verdict=str(verdict))
    if comment is None:
        comment = ""
    if not isinstance(comment, str):
        raise ReviewError(f"point ({point}): the review comment must be text", code="review.bad_comment", point=point)
    from .store import check_text

    check_text("note", comment, point=point)
    with store.transaction():
        a = _reviewable(store, assessment_id)
        cat = store.catalog(a.catalog)
        if isinstance(point, bool) or point not in cat.points:
            raise AnswerError(f"unknown point {point!r}: expected a point number from 1 to {max(cat.points)}")
        state = review_state(store, a.id)
        p = cat.points[point]
        if verdict == "adjust":
            if value is None:
                raise ReviewError(f"point ({point}): an adjustment needs the verified value",
                                  code="review.no_value", point=point)
            v = parse_value(p, value if raw else value_to_json(value))
        else:
            if value is not None:
                raise ReviewError(f"point ({point}): only an adjustment carries a value ('{verdict}' does not)",
                                  code="review.bad_verdict", point=point, verdict=verdict)
            v = None
        t = now()
        new = PointVerdict(point, verdict, v, comment.strip(), t, who or "")
        old = state.points.get(point)
        if old is not None and (old.verdict, old.value, old.comment) == (new.verdict, new.value, new.comment):
            return old
        _ensure_row(store, a, t)
        store.conn.execute(
            "INSERT INTO review_points(assessment_id, point, verdict, value, comment, at, who) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(assessment_id, point) DO UPDATE SET "
            "verdict = excluded.verdict, value = excluded.value, comment = excluded.comment, at = excluded.at, "
            "who = excluded.who",
            (a.id, point, verdict, None if v is None else json.dumps(value_to_json(v), ensure_ascii=False),
             new.comment, t, store.who_for(who)),
        )
        store.conn.execute("UPDATE reviews SET updated_at = ? WHERE assessment_id = ?", (t, a.id))
        store._audit(a.id, who, "review", point, _dump(old), _dump(new), None)
        _back_to_pending(store, a, state, who, t)
        _notify(store, a.id, point)
    return new


def clear_verdict(store, assessment_id: int, point: int, who: str | None = None) -> None:
    """Remove a point's verdict (the point counts as accepted again)."""
    from .store import now

    with store.transaction():
        a = _reviewable(store, assessment_id)
        cat = store.catalog(a.catalog)
        if isinstance(point, bool) or point not in cat.points:
            raise AnswerError(f"unknown point {point!r}: expected a point number from 1 to {max(cat.points)}")
        state = review_state(store, a.id)
        old = state.points.get(point)
        if old is None:
            return
        t = now()
        store.conn.execute("DELETE FROM review_points WHERE assessment_id = ? AND point = ?", (a.id, point))
        store.conn.execute("UPDATE reviews SET updated_at = ? WHERE assessment_id = ?", (t, a.id))
        store._audit(a.id, who, "review-clear", point, _dump(old), None, None)
        _back_to_pending(store, a, state, who, t)
        _notify(store, a.id, point)


def decide(store, assessment_id: int, decision: str, comment: str = "", who: str | None = None) -> ReviewState:
    """Approve or return the whole assessment, with a comment.

    Approving is refused while a point carries an issue, or while a point is
    unanswered (by the county, and not set by an adjustment).
    """
    from .store import now

    if decision not in DECISIONS:
        raise ReviewError(f"unknown decision {decision!r}: expected approve or return",
                          code="review.bad_decision", decision=str(decision))
    comment = (comment or "").strip()
    from .store import check_text

    check_text("note", comment)
    with store.transaction():
        a = _reviewable(store, assessment_id)
        state = review_state(store, a.id)
        if decision == "approve":
            if a.status != "submitted":
                raise ReviewError(
                    f"can't approve assessment {a.id}: the county exported it as a draft (not submitted); "
                    "return it, or wait for the submitted revision", code="review.draft", id=a.id,
                )
            if state.open_issues:
                shown = "、".join(f"({n})" for n in state.open_issues)
                raise ReviewError(
                    f"can't approve assessment {a.id}: {len(state.open_issues)} point(s) carry an open issue: "
                    f"{shown}; accept or adjust them, or return the assessment",
                    code="review.open_issues", id=a.id, points=shown,
                )
            ver = _verified(store, a, state)
            missing = ver.unanswered_points
            if missing:
                shown = "、".join(f"({n})" for n in missing)
                raise ReviewError(
                    f"can't approve assessment {a.id}: {len(missing)} point(s) unanswered: {shown}; "
                    "return it to the county or adjust them",
                    code="review.incomplete", id=a.id, points=shown,
                )
            if ver.problems:
                shown = "; ".join(p.message for p in ver.problems)
                raise ReviewError(f"can't approve assessment {a.id}: the verified answers break a rule: {shown}",
                                  code="review.requires", id=a.id, points=[p.point for p in ver.problems])
        status = "approved" if decision == "approve" else "returned"
        t = now()
        _ensure_row(store, a, t)
        store.conn.execute(
            "UPDATE reviews SET status = ?, comment = ?, decided_at = ?, decided_by = ?, updated_at = ? "
            "WHERE assessment_id = ?",
            (status, comment, t, store.who_for(who), t, a.id),
        )
        store._audit(a.id, who, f"review-{decision}", None, state.status, status, comment or None)
        _notify(store, a.id)
    return review_state(store, a.id)


def _verified_answers(answers: dict[int, Value], state: ReviewState) -> dict[int, Value]:
    out = dict(answers)
    for n, v in state.points.items():
        if v.verdict == "adjust" and v.value is not None:
            out[n] = v.value
    return dict(sorted(out.items()))


def verified_answers(store, assessment_id: int) -> dict[int, Value]:
    """The county's answers with the adjusted ones replaced by the verified values."""
    return _verified_answers(store.answers(assessment_id), review_state(store, assessment_id))


def _verified(store, a, state: ReviewState) -> Score:
    return score(store.catalog(a.catalog), _verified_answers(store.answers(a.id), state))


def verified_score(store, assessment_id: int) -> Score | None:
    """The verified score (the scoring core on verified_answers), or None before the first verdict."""
    a = store.assessment(assessment_id)
    state = review_state(store, a.id)
    if not state.started:
        return None
    return _verified(store, a, state)


def effective_score(store, assessment_id: int) -> tuple[Score, str]:
    """The score outputs use: the verified one where the province approved, else the self-score.

    Returns (score, basis) with basis "verified" (核定) or "self" (自评).
    """
    a = store.assessment(assessment_id)
    state = review_state(store, a.id)
    if state.status == "approved":
        return _verified(store, a, state), "verified"
    return store.score(a.id), "self"


def review_json(store, assessment_id: int) -> dict[str, Any]:
    """The `review` object of `show --json` (PRODUCT.md)."""
    a = store.assessment(assessment_id)
    state = review_state(store, a.id)
    verified = _verified(store, a, state) if state.started else None
    return {
        "status": state.status,
        "comment": state.comment,
        "points": {str(n): v.to_json() for n, v in sorted(state.points.items())},
        "verified": None if verified is None else verified.to_json(),
        "revision": state.revision,
        "origin": state.origin,
        "decided_at": state.decided_at,
    }


def verified_total_json(store, assessment_id: int) -> float | None:
    """`verified_total` of `show --json` / `list --json`: null before the first verdict."""
    sc = verified_score(store, assessment_id)
    if sc is None:
        return None
    from .scoring import ONE_DECIMAL

    return float(sc.total.quantize(ONE_DECIMAL))


@dataclass(frozen=True)
class PointReview:
    """One point as a review screen shows it: the county's answer and score beside the province's."""

    point: int
    self_value: Value | None  # the county's answer (None: unanswered)
    self_score: Any  # Decimal
    verdict: PointVerdict | None
    verified_value: Value | None
    verified_score: Any  # Decimal
    max: Any  # Decimal

    @property
    def issue(self) -> bool:
        return self.verdict is not None and self.verdict.verdict == "issue"

    @property
    def adjusted(self) -> bool:
        return self.verdict is not None and self.verdict.verdict == "adjust"


@dataclass(frozen=True)
class ReviewView:
    state: ReviewState
    self_score: Score
    verified: Score  # always computed (equal to self_score while no point is adjusted)
    started: bool  # False: verified_total is still null for the command line
    points: dict[int, PointReview]
    can_review: bool  # an imported assessment (the province may give verdicts)
    submitted: bool = True  # the county submitted it (a draft can be returned, not approved)

    @property
    def can_approve(self) -> bool:
        return (self.can_review and self.submitted and not self.state.open_issues
                and not self.verified.unanswered_points and not self.verified.problems)


def review_view(store, assessment_id: int) -> ReviewView:
    """The review of one assessment with both scores and a row per point (for the GUI)."""
    a = store.assessment(assessment_id)
    cat = store.catalog(a.catalog)
    state = review_state(store, a.id)
    answers = store.answers(a.id)
    ver_answers = _verified_answers(answers, state)
    self_sc, ver_sc = score(cat, answers), score(cat, ver_answers)
    rows = {
        n: PointReview(n, answers.get(n), self_sc.points[n], state.points.get(n), ver_answers.get(n),
                       ver_sc.points[n], p.max)
        for n, p in cat.points.items()
    }
    return ReviewView(state, self_sc, ver_sc, state.started, rows, a.imported, a.status == "submitted")


def earlier_reviews(store, assessment_id: int) -> list[dict[str, Any]]:
    """The reviews of earlier revisions that a replacing import archived, oldest first.

    Each is the snapshot() dict (revision, status, comment, decided_at,
    decided_by, points) plus `archived_at` and `archived_by`.
    """
    out = []
    for e in store.audit(assessment_id):
        if e.action != "review-archived" or not e.detail:
            continue
        try:
            doc = json.loads(e.detail)
        except ValueError:
            continue
        if isinstance(doc, dict):
            out.append({**doc, "archived_at": e.at, "archived_by": e.who})
    return out


# -- hooks used by the store's import and by import-review --------------------------------

def snapshot(store, assessment_id: int) -> dict[str, Any] | None:
    """The review of an assessment about to be replaced, as JSON for the history (None if there is none)."""
    state = review_state(store, assessment_id)
    if state.origin is None and not state.points:
        return None
    return {
        "assessment_id": state.assessment_id,
        "revision": state.revision,
        "status": state.status,
        "comment": state.comment,
        "decided_at": state.decided_at,
        "decided_by": state.decided_by,
        "points": {str(n): v.to_json() for n, v in sorted(state.points.items())},
    }


def archive(store, new_id: int, old_review: dict[str, Any] | None, who: str | None = None) -> None:
    """After a higher revision replaced an assessment: the earlier review goes into the new one's history.

    The new assessment has no review rows, so its review is pending again.
    Called inside the import's transaction.
    """
    if old_review is None:
        return
    store.conn.execute("DELETE FROM review_points WHERE assessment_id = ?", (new_id,))
    store.conn.execute("DELETE FROM reviews WHERE assessment_id = ?", (new_id,))
    store._audit(new_id, who, "review-archived", None, old_review.get("status"), "pending",
                 json.dumps(old_review, ensure_ascii=False, sort_keys=True))
    _notify(store, new_id)


def attach_received(store, assessment_id: int, *, status: str, comment: str, revision: int,
                    points: dict[int, PointVerdict], decided_at: str | None, decided_by: str | None,
                    source_file: str | None, who: str | None = None) -> bool:
    """Store a review received from the province on the county's own assessment (one transaction).

    A returned assessment that is submitted reopens for editing.  Returns True
    when it was reopened.
    """
    from .store import now

    reopened = False
    with store.transaction() as c:
        a = store.assessment(assessment_id)
        old = snapshot(store, a.id)
        t = now()
        c.execute("DELETE FROM review_points WHERE assessment_id = ?", (a.id,))
        c.execute("DELETE FROM reviews WHERE assessment_id = ?", (a.id,))
        c.execute(
            "INSERT INTO reviews(assessment_id, origin, status, comment, revision, decided_at, decided_by, "
            "source_file, updated_at) VALUES (?, 'received', ?, ?, ?, ?, ?, ?, ?)",
            (a.id, status, comment, revision, decided_at, decided_by, source_file, t),
        )
        for n, v in sorted(points.items()):
            c.execute(
                "INSERT INTO review_points(assessment_id, point, verdict, value, comment, at, who) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (a.id, n, v.verdict, None if v.value is None else json.dumps(value_to_json(v.value),
                                                                             ensure_ascii=False),
                 v.comment, v.at or t, v.who or ""),
            )
        new = snapshot(store, a.id)
        store._audit(a.id, who, "review-received", None,
                     None if old is None else json.dumps(old, ensure_ascii=False, sort_keys=True),
                     json.dumps(new, ensure_ascii=False, sort_keys=True), source_file)
        if status == "returned" and a.status == "submitted":
            c.execute("UPDATE assessments SET status = 'draft', updated_at = ? WHERE id = ?", (t, a.id))
            store._audit(a.id, who, "reopen", None, "submitted", "draft",
                         "returned by the province" + (f": {comment}" if comment else ""))
            reopened = True
        _notify(store, a.id)
    return reopened
