"""The `jlip` command line.

Exit status: 0 on success; 2 on bad input, with one line on stderr and
nothing changed; 1 on an internal error.  Output that other tools read
(`--json`) is UTF-8 JSON on stdout.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .core.errors import BadInput

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing on every start (see core/records.py)
if TYPE_CHECKING:
    from typing import Any

    from .core.catalog import Catalog
    from .core.scorecache import ScoreSummary

# The scheme and scoring modules are loaded by the verbs that use them, not on every run: `jlip list`
# reads stored summaries and needs neither (bench/bench_scale.py measures its start).


class UsageError(BadInput):
    pass


def _columns() -> int:
    """shutil.get_terminal_size().columns: $COLUMNS, else the width of stdout's terminal, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, its width found without loading shutil (and with it zlib, bz2 and lzma):
    argparse makes a formatter for every argument added, so the default one loads those on every run."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # one line, exit 2
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _out(text: str = "") -> None:
    if sys.stdout is None:
        raise BadInput("standard output is closed; nothing can be printed")
    try:
        sys.stdout.write(text)  # not text + "\n": a listing of a country is megabytes
        sys.stdout.write("\n")
    except BrokenPipeError:
        raise
    except OSError as e:  # redirected to a full disk, a file that went away
        raise BadInput(f"standard output: can't write ({e.strerror or e})") from None


def _flush_stdout() -> None:
    """Output still buffered is written now, so that a failure is reported, not lost at exit."""
    if sys.stdout is not None:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as e:
            sys.stdout = None  # nothing more can go there; don't fail again at exit
            raise BadInput(f"standard output: can't write ({getattr(e, 'strerror', None) or e})") from None


def _json(obj: Any) -> None:
    _out(json.dumps(obj, ensure_ascii=False, indent=2))


def _read_json_file(path: str) -> Any:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BadInput(f"{p}: no such file") from None
    except IsADirectoryError:
        raise BadInput(f"{p}: is a folder, not a file") from None
    except UnicodeDecodeError:
        raise BadInput(f"{p}: not UTF-8 text") from None
    except OSError as e:
        raise BadInput(f"{p}: can't read it ({e.strerror or e})") from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as e:
        raise BadInput(f"{p}: not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})") from None
    except RecursionError:
        raise BadInput(f"{p}: nested too deeply to be an answers file") from None
    except _DuplicateKey as e:
        raise BadInput(f"{p}: the key {e.key!r} appears twice in one object; each key may appear once") from None
    except ValueError:  # a number of thousands of digits
        raise BadInput(f"{p}: holds a number too long to be an answer") from None


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise _DuplicateKey(k)
        out[k] = v
    return out


def _store(args, create: bool = False, read_only: bool | None = False):
    """The database of --db.  Verbs that only read pass read_only=None: a file
    or folder that can't be written is then opened read-only."""
    from .core.store import Store

    return Store(args.db, create=create, read_only=read_only)


def _point_arg(cat: Catalog, text: str) -> int:
    from .core.scoring import AnswerError

    t = text.strip().strip("()（）")
    if not (t.isascii() and t.isdigit()) or int(t) not in cat.points:
        raise AnswerError(f"unknown point {text!r}: expected a point number from 1 to {max(cat.points)}")
    return int(t)


def _value_arg(point: int, text: str) -> Any:
    """VALUE as in the answers JSON (set, review --value); null is returned as None."""
    from .core.scoring import AnswerError

    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # not JSON, a number of thousands of digits, nested too deeply
        raise AnswerError(
            f"point ({point}): {text[:40]!r}{'…' if len(text) > 40 else ''} is not a value as in the answers JSON "
            "(true, false, 3, 4.5, '[\"专利\",\"商标\"]')",
            point,
        ) from None


def _year_arg(text: str) -> int:
    try:
        y = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a year such as 2021, got {text!r}") from None
    if not 1900 <= y <= 2200:
        raise argparse.ArgumentTypeError(f"expected a year such as 2021, got {text!r}")
    return y


def _id_arg(text: str) -> int:
    try:
        i = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an assessment id (a whole number from 1), got {text!r}") from None
    if not 1 <= i <= 2**63 - 1:  # SQLite's INTEGER
        raise argparse.ArgumentTypeError(f"expected an assessment id (a whole number from 1), got {text!r}")
    return i


# -- verbs ----------------------------------------------------------------------

def cmd_catalog(args) -> int:
    from .core.catalog import get_catalog
    from .core.scoring import fmt

    cat = get_catalog(args.catalog)
    if args.json:
        _json(cat.raw)
        return 0
    _out(f"{cat.id}  {cat.title}  ({fmt(cat.total_max)} points)")
    for node in cat.walk():
        if hasattr(node, "level"):
            indent = {"primary": "", "secondary": "  ", "tertiary": "    "}[node.level]
            _out(f"{indent}{node.number}. {node.name}  [{fmt(node.max)}]")
        else:
            _out(f"      ({node.number}) {node.kind:<7} max {fmt(node.max):<3} {node.rule}")
    bands = ", ".join(f"{g.name} ≥ {fmt(g.min)}" for g in cat.grades)
    _out(f"grades ({cat.grades_source or 'catalogue'}): {bands}")
    return 0


def _print_score(sc) -> None:
    from .core.scoring import fmt, one_decimal

    cat = sc.catalog
    _out(f"total   {one_decimal(sc.total)} / {fmt(sc.max)}")
    vetoed = "、".join(f"({n})" for n in cat.veto_points)
    grade = sc.grade.name + (f"  (veto: point {vetoed} not done, can't be {'、'.join(cat.veto_excludes)})"
                             if sc.vetoed else "")
    _out(f"grade   {grade}")
    _out(f"answered {sc.answered}/{sc.answered + sc.unanswered}")
    for p in sc.problems:
        _out(f"problem {p.message}")
    for n, node in cat.primary.items():
        _out(f"  {n}. {node.name}  {one_decimal(sc.primary[n])} / {fmt(node.max)}")


def cmd_score(args) -> int:
    from .core.scoring import parse_answers_doc, score

    doc = parse_answers_doc(_read_json_file(args.answers))
    sc = score(doc.catalog, doc.answers)
    if args.json:
        _json(sc.to_json())
    else:
        _print_score(sc)
    return 0


def cmd_init(args) -> int:
    existed = Path(args.db).exists()
    with _store(args, create=True) as st:
        _out(f"{st.path}: {'already a jlip database' if existed else 'created'}")
    return 0


def cmd_new(args) -> int:
    with _store(args) as st:
        reg = st.find_region(args.region)
        if reg is None:
            raise BadInput(f"unknown region {args.region!r}: expected a GB/T 2260 code of Jilin such as 220100")
        aid = st.new_assessment(reg.code, args.year, args.assessor or "", args.catalog)
        _out(str(aid))
    return 0


def cmd_set(args) -> int:
    from .core.scoring import AnswerError
    from .core.store import UNCHANGED

    with _store(args) as st:
        a = st.assessment(args.id)
        cat = st.catalog(a.catalog)
        point = _point_arg(cat, args.point)
        if args.clear and args.value is not None:
            raise BadInput("give either a VALUE or --clear, not both")
        if args.value is None and not args.clear:
            if args.note is None:
                raise BadInput("give a VALUE (as in the answers JSON: true, 3, 4.5, '[\"专利\"]') or --clear")
            st.set_note(a.id, point, args.note)
            return 0
        if args.clear:
            value = None
        else:
            value = _value_arg(point, args.value)
            if value is None:
                raise AnswerError(f"point ({point}): use --clear to make it unanswered", point)
        st.set_answer(a.id, point, value, args.note if args.note is not None else UNCHANGED)
    return 0


def _assessment_json(st, a) -> dict[str, Any]:
    from .core.scorecache import ScoreSummary

    reg = st.region(a.region)
    sc = st.score(a.id)
    return _row_json(a, reg.name if reg else a.region, ScoreSummary.of(sc), _review_fields(st, a)), sc


def _row_json(a, region_name: str, sc: ScoreSummary, review_fields: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": a.id,
        "region": a.region,
        "region_name": region_name,
        "year": a.year,
        "catalog": a.catalog,
        "status": a.status,
        "assessor": a.assessor,
        "total": sc.total_1dp,
        "grade": sc.grade,
        "vetoed": sc.vetoed,
        "answered": sc.answered,
        "unanswered": sc.unanswered,
        "created_at": a.created_at,
        "updated_at": a.updated_at,
        "submitted_at": a.submitted_at,
        "imported": a.imported,
        "source_file": a.source_file,
        "source_revision": a.source_revision,
        **review_fields,
    }


def _review_fields(st, a) -> dict[str, Any]:
    from .core import review

    return {"review_status": review.review_state(st, a.id).status,
            "verified_total": review.verified_total_json(st, a.id)}


def cmd_show(args) -> int:
    from .core.scoring import answers_to_json, fmt, one_decimal

    with _store(args, read_only=None) as st:
        a = st.assessment(args.id)
        obj, sc = _assessment_json(st, a)
        if args.json:
            obj["answers"] = answers_to_json(st.answers(a.id))
            obj["notes"] = {str(k): v for k, v in st.notes(a.id).items()}
            obj["evidence"] = [
                {"id": e.id, "point": e.point, "filename": e.filename, "sha256": e.sha256, "size": e.size}
                for e in st.evidence(a.id)
            ]
            obj["score"] = sc.to_json()
            from .core import review

            obj["review"] = review.review_json(st, a.id)
            _json(obj)
            return 0
        _out(f"#{a.id}  {obj['region_name']} ({a.region})  {a.year}  {a.status}  assessor: {a.assessor or '-'}")
        _print_score(sc)
        if obj["review_status"] != "none":
            verified = obj["verified_total"]
            _out(f"review  {obj['review_status']}" + (f", verified total {verified:.1f}" if verified is not None else ""))
        from .core import review

        verdicts = review.review_state(st, a.id).points
        answers = st.answers(a.id)
        notes = st.notes(a.id)
        for n, p in sc.catalog.points.items():
            v = answers_to_json({n: answers[n]})[str(n)] if n in answers else "—"
            shown = json.dumps(v, ensure_ascii=False) if n in answers else "unanswered"
            line = f"  ({n:>2}) {one_decimal(sc.points[n]):>4} / {fmt(p.max):<3} {shown}"
            if n in notes:
                line += f"   note: {notes[n]}"
            if n in verdicts:
                vd = verdicts[n]
                line += f"   review: {vd.verdict}" + (f" {json.dumps(vd.to_json()['value'], ensure_ascii=False)}"
                                                     if vd.verdict == "adjust" else "")
                line += f" — {vd.comment}" if vd.comment else ""
            _out(line)
    return 0


def cmd_list(args) -> int:
    with _store(args, read_only=None) as st:
        from .core.listing import list_json, list_rows

        # --json: SQLite writes each row from the stored score summary; a row without a current one
        # (changed by another program, or scored by another release) sends the whole list the long way
        texts = list_json(st, args.year) if args.json else None
        if texts is not None and all(t is not None for _, t in texts):
            lines = [t for _, t in texts]
        else:
            rows = [_row_json(r.assessment, r.region_name, r.score,
                              {"review_status": r.review_status, "verified_total": r.verified_total})
                    for r in list_rows(st, args.year)]
            lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows] if args.json else None
    if args.json:  # an array, one object a line
        _out("[\n  " + ",\n  ".join(lines) + "\n]" if lines else "[]")  # 2,800 rows: one join, no copy per row
        return 0
    if not rows:
        _out("no assessments")
    for r in rows:
        _out(f"{r['id']:>4}  {r['year']}  {r['region']}  {r['region_name']:<12} {r['status']:<9} "
             f"{r['total']:>5.1f}  {r['grade']}")
    return 0


def cmd_delete(args) -> int:
    with _store(args) as st:
        st.delete_assessment(args.id)
    return 0


def cmd_export_xlsx(args) -> int:
    from .exchange import xlsx

    with _store(args) as st:
        path = xlsx.export_assessment(st, args.id, Path(args.output))
    _out(str(path))
    return 0


def print_import_results(results) -> int:
    """Imported files on stdout; one stderr line per file not imported (file and reason); exit 2 if any."""
    not_imported = 0
    for r in results:
        line = f"{r.path}: {' '.join(r.message.split())}"
        if r.outcome in ("imported", "replaced", "duplicate"):
            _out(f"{r.outcome:<9} {line}")
        else:
            not_imported += 1
            sys.stderr.write(f"jlip: {r.outcome}: {line}\n")
    return 2 if not_imported else 0


def cmd_import_xlsx(args) -> int:
    from .exchange import xlsx

    with _store(args) as st:
        results = xlsx.import_workbooks(st, [Path(f) for f in args.files], replace=args.replace)
    return print_import_results(results)


def cmd_template_xlsx(args) -> int:
    from .exchange import xlsx

    if args.db:  # a scheme installed in a database
        with _store(args) as st:
            path = xlsx.write_template(Path(args.output), catalog=st.catalog(args.catalog))
    else:
        path = xlsx.write_template(Path(args.output), args.catalog)
    _out(str(path))
    return 0


def cmd_report_pdf(args) -> int:
    from .reports import pdf

    with _store(args, read_only=None) as st:
        path = pdf.assessment_pdf(st, args.id, Path(args.output))
    _out(str(path))
    return 0


def cmd_province_xlsx(args) -> int:
    from .exchange import xlsx

    with _store(args, read_only=None) as st:
        path = xlsx.province_workbook(st, args.year, Path(args.output))
    _out(str(path))
    return 0


def cmd_province_pdf(args) -> int:
    from .reports import pdf

    with _store(args, read_only=None) as st:
        path = pdf.province_pdf(st, args.year, Path(args.output))
    _out(str(path))
    return 0


class _Unused:
    """What build_parser(only=…) gives for every other verb: takes their arguments and keeps nothing."""

    def __getattr__(self, name):
        return lambda *a, **kw: self

    def __bool__(self) -> bool:  # `if sp:` skips work that only a built sub-command needs
        return False


def _default_catalog() -> str:
    from .core.catalog import DEFAULT_CATALOG_ID

    return DEFAULT_CATALOG_ID


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `only`, just that verb's sub-command (the others cost ~15 ms to make
    on every run).  `parser.has_only` says whether `only` was a verb."""
    p = _Parser(prog="jlip", description="Assess and consolidate IP-protection levels (Jilin indicator system).")
    p.add_argument("--version", action="version", version=f"jlip {__version__}")
    sub = p.add_subparsers(dest="verb", metavar="VERB", parser_class=_Parser)
    p.has_only = False

    def verb(name: str, func, help: str) -> argparse.ArgumentParser:
        if only is not None and name != only:
            return _Unused()
        p.has_only = True
        sp = sub.add_parser(name, help=help, description=help)
        sp.set_defaults(func=func)
        return sp

    def db(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--db", required=True, help="the database file")

    sp = verb("catalog", cmd_catalog, "print the indicator catalogue")
    sp.add_argument("--json", action="store_true")
    if sp:
        sp.add_argument("--id", "--catalog", dest="catalog", default=_default_catalog(), help="the scheme's id")

    sp = verb("score", cmd_score, "score an answers JSON file (jlip-answers/1)")
    sp.add_argument("answers", metavar="ANSWERS.json")
    sp.add_argument("--json", action="store_true", help="print the score JSON")

    sp = verb("init", cmd_init, "create a database")
    db(sp)

    sp = verb("new", cmd_new, "create an assessment; prints its id")
    db(sp)
    sp.add_argument("--region", required=True, help="GB/T 2260 code (or name) of the region")
    sp.add_argument("--year", required=True, type=_year_arg)
    sp.add_argument("--assessor", default="")
    sp.add_argument("--catalog", help="the scheme's id (default: the newest installed one whose year fits)")

    sp = verb("set", cmd_set, "answer one scoring point")
    db(sp)
    sp.add_argument("--id", required=True, type=_id_arg)
    sp.add_argument("point", metavar="POINT")
    sp.add_argument("value", metavar="VALUE", nargs="?", help="as in the answers JSON: true, 3, 4.5, '[\"专利\"]'")
    sp.add_argument("--clear", action="store_true", help="make the point unanswered again")
    sp.add_argument("--note")

    sp = verb("show", cmd_show, "show one assessment")
    db(sp)
    sp.add_argument("--id", required=True, type=_id_arg)
    sp.add_argument("--json", action="store_true")

    sp = verb("list", cmd_list, "list assessments")
    db(sp)
    sp.add_argument("--year", type=_year_arg)
    sp.add_argument("--json", action="store_true")

    sp = verb("delete", cmd_delete, "delete an assessment (its history is kept; its id is never reused)")
    db(sp)
    sp.add_argument("--id", required=True, type=_id_arg)

    sp = verb("export-xlsx", cmd_export_xlsx, "export an assessment as an exchange workbook")
    db(sp)
    sp.add_argument("--id", required=True, type=_id_arg)
    sp.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")

    sp = verb("import-xlsx", cmd_import_xlsx, "import exchange workbooks or filled-in templates")
    db(sp)
    sp.add_argument("files", nargs="+", metavar="FILE.xlsx")
    sp.add_argument("--replace", action="store_true", help="replace a region-year with a newer revision")

    sp = verb("template-xlsx", cmd_template_xlsx, "write a fill-in template workbook")
    if sp:
        sp.add_argument("--catalog", default=_default_catalog(), help="the scheme's id (default: %(default)s)")
    sp.add_argument("--db", help="take the scheme from this database (else a shipped one)")
    sp.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")

    sp = verb("report-pdf", cmd_report_pdf, "write an assessment summary PDF")
    db(sp)
    sp.add_argument("--id", required=True, type=_id_arg)
    sp.add_argument("-o", "--output", required=True, metavar="FILE.pdf")

    sp = verb("province-xlsx", cmd_province_xlsx, "write the province workbook for a year")
    db(sp)
    sp.add_argument("--year", required=True, type=_year_arg)
    sp.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")

    sp = verb("province-pdf", cmd_province_pdf, "write the province report PDF for a year")
    db(sp)
    sp.add_argument("--year", required=True, type=_year_arg)
    sp.add_argument("-o", "--output", required=True, metavar="FILE.pdf")

    if only is None or not p.has_only:  # a verb of another module: load them (not for this module's own)
        for name in VERB_MODULES:
            importlib.import_module(f"{__package__}.{name}").register(verb, db)
    return p


# Further verbs live in modules of their own, each with
# register(verb, db) that adds its sub-commands the way build_parser does.
VERB_MODULES: tuple[str, ...] = ("cli_scheme", "cli_report", "cli_review", "cli_package", "cli_data")


def _utf8_stdio() -> None:
    # Pipes get UTF-8 whatever the console code page; a console keeps its own.
    for stream in (sys.stdout, sys.stderr):
        try:
            if not stream.isatty():
                stream.reconfigure(encoding="utf-8", errors="replace")
            else:
                stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_stdio()
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = None
    if argv and not argv[0].startswith("-"):
        parser = build_parser(only=argv[0])
        if not parser.has_only:
            parser = None  # not a verb: the whole parser says so, with the list of verbs
    parser = parser or build_parser()
    args = None
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            raise UsageError("no verb given: try 'jlip catalog', 'jlip score FILE' … (see 'jlip --help')")
        try:
            code = args.func(args)
            _flush_stdout()
            return code
        except sqlite3.Error as e:
            # A failure of the disk or file met outside the Store's own methods
            # (a module reading store.conn): the same wording and code as the
            # Store's (core/database.db_error); anything else stays internal.
            from .core.database import db_error, is_environmental

            if getattr(args, "db", None) and is_environmental(e):
                raise db_error(Path(args.db), e) from None
            raise
    except SystemExit as e:  # --help, --version
        if e.code:
            return int(e.code)
        try:
            if sys.stdout is None:  # argparse says nothing when it can't print
                raise BadInput("standard output is closed; nothing can be printed")
            _flush_stdout()
        except BadInput as err:
            sys.stderr.write(f"jlip: {err}\n")
            return 2
        return 0
    except BadInput as e:
        sys.stderr.write(f"jlip: {' '.join(str(e).split())}\n")
        return 2
    except BrokenPipeError:  # e.g. piped into `head`
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except KeyboardInterrupt:
        sys.stderr.write("jlip: interrupted\n")
        return 1
    except Exception as e:  # noqa: BLE001 — the last line of defence
        if os.environ.get("JLIP_DEBUG"):
            raise
        sys.stderr.write(f"jlip: internal error: {type(e).__name__}: {' '.join(str(e).split())}\n")
        return 1


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
