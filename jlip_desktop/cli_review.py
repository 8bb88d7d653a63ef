"""`jlip` verbs of the verification loop: submit, reopen, review, review-decide, export-review, import-review."""

from __future__ import annotations

from pathlib import Path

from .cli import _id_arg, _out, _point_arg, _store, _value_arg
from .core.errors import BadInput
from .core.scoring import AnswerError


def cmd_submit(args) -> int:
    with _store(args) as st:
        st.submit(args.id)
        a = st.assessment(args.id)
        _out(f"assessment {a.id} ({a.region} {a.year}) submitted")
    return 0


def cmd_reopen(args) -> int:
    with _store(args) as st:
        st.reopen(args.id, args.reason)
        _out(f"assessment {args.id} reopened")
    return 0


def cmd_review(args) -> int:
    from .core import review

    chosen = [x for x in ("accept", "value", "issue", "clear") if getattr(args, x) not in (None, False)]
    if len(chosen) != 1:
        raise BadInput("give exactly one of --accept, --value VALUE, --issue, --clear")
    with _store(args) as st:
        a = st.assessment(args.id)
        point = _point_arg(st.catalog(a.catalog), args.point)
        if args.clear:
            if args.comment is not None:
                raise BadInput("--clear takes no --comment")
            review.clear_verdict(st, a.id, point)
            return 0
        value = None
        if args.value is not None:
            value = _value_arg(point, args.value)
            if value is None:
                raise AnswerError(f"point ({point}): an adjustment needs a value, not null", point)
        verdict = {"accept": "accept", "value": "adjust", "issue": "issue"}[chosen[0]]
        review.set_verdict(st, a.id, point, verdict, value, args.comment or "")
    return 0


def cmd_review_decide(args) -> int:
    from .core import review

    if args.approve == args.return_:
        raise BadInput("give one of --approve or --return")
    with _store(args) as st:
        state = review.decide(st, args.id, "approve" if args.approve else "return", args.comment or "")
        _out(f"assessment {args.id}: {state.status}")
    return 0


def cmd_export_review(args) -> int:
    from .exchange import review_xlsx

    with _store(args) as st:
        path = review_xlsx.export_review(st, args.id, Path(args.output))
    _out(str(path))
    return 0


def cmd_import_review(args) -> int:
    from .exchange import review_xlsx

    with _store(args) as st:
        result = review_xlsx.import_review(st, Path(args.file))
    _out(result.message)
    return 0


def register(verb, db) -> None:
    sp = verb("submit", cmd_submit, "submit an assessment (all points answered); locks it")
    db(sp)
    sp.add_argument("--id", required=True, type=_id_arg)

    sp = verb("reopen", cmd_reopen, "reopen a submitted assessment for editing")
    db(sp)
    sp.add_argument("--id", required=True, type=_id_arg)
    sp.add_argument("--reason", required=True, help="why (kept in the history)")

    sp = verb("review", cmd_review, "the province's verdict on one point of an imported assessment")
    db(sp)
    sp.add_argument("--id", required=True, type=_id_arg)
    sp.add_argument("point", metavar="POINT")
    sp.add_argument("--accept", action="store_true", help="the county's answer stands")
    sp.add_argument("--value", metavar="VALUE", help="the verified answer, as in the answers JSON (adjust)")
    sp.add_argument("--issue", action="store_true", help="raise an issue the county must fix")
    sp.add_argument("--clear", action="store_true", help="remove the point's verdict")
    sp.add_argument("--comment", metavar="TEXT")

    sp = verb("review-decide", cmd_review_decide, "approve or return an imported assessment")
    db(sp)
    sp.add_argument("--id", required=True, type=_id_arg)
    sp.add_argument("--approve", action="store_true")
    sp.add_argument("--return", dest="return_", action="store_true")
    sp.add_argument("--comment", metavar="TEXT")

    sp = verb("export-review", cmd_export_review, "write the review workbook (jlip-review/1) for the county")
    db(sp)
    sp.add_argument("--id", required=True, type=_id_arg)
    sp.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")

    sp = verb("import-review", cmd_import_review, "attach the province's review workbook to the assessment")
    db(sp)
    sp.add_argument("file", metavar="FILE.xlsx")
