"""`jlip` verbs for the province report's per-year settings: issuer and date on the cover,
the editor's notes for chapter 4, and the order of the regions' sections."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from .cli import _json, _out, _store, _year_arg
from .core.errors import BadInput
from .core.report_meta import ORDERS, report_meta, set_report_meta


def cmd_report_meta(args) -> int:
    notes = args.notes
    if args.notes_file is not None:
        if notes is not None:
            raise BadInput("give --notes or --notes-file, not both")
        try:
            notes = Path(args.notes_file).read_text(encoding="utf-8")
        except OSError as e:
            raise BadInput(f"{args.notes_file}: can't read it ({e.strerror or e})") from None
        except UnicodeDecodeError:
            raise BadInput(f"{args.notes_file}: not UTF-8 text") from None
    values = {"issuer": args.issuer, "date": args.date, "notes": notes, "order": args.order}
    setting = any(v is not None for v in values.values())
    with _store(args, read_only=None if not setting else False) as st:
        if setting:
            meta = set_report_meta(st, args.year, **values)
        else:
            meta = report_meta(st, args.year)
    if args.json:
        _json(asdict(meta))
    else:
        _out(f"year: {meta.year}")
        _out(f"issuer: {meta.issuer}")
        _out(f"date: {meta.date}")
        _out(f"order: {meta.order}")
        _out(f"notes: {len(meta.notes)} characters")
    return 0


def register(verb, db) -> None:
    sp = verb("report-meta", cmd_report_meta,
              "show or set a year's province report settings: cover issuer and date, chapter 4 notes, "
              "order of the regions (an empty value resets a setting)")
    db(sp)
    sp.add_argument("--year", required=True, type=_year_arg)
    sp.add_argument("--issuer", help="the issuing body on the cover (default 吉林省知识产权保护中心)")
    sp.add_argument("--date", help="the date on the cover, as printed (default: this month, e.g. 2021年9月)")
    sp.add_argument("--order", choices=[*ORDERS, ""], help="regions in the region list's order or by rank")
    sp.add_argument("--notes", help="free text appended to chapter 4's problem analysis")
    sp.add_argument("--notes-file", metavar="FILE.txt", help="the notes from a UTF-8 text file")
    sp.add_argument("--json", action="store_true")
