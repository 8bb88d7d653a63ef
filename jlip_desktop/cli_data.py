"""`jlip regions-import` and `jlip import-answers`: the province's data maintenance."""

from __future__ import annotations

from .cli import _json, _out, _read_json_file, _store


def cmd_regions_import(args) -> int:
    from .core.regions import import_regions

    with _store(args) as st:
        result = import_regions(st, args.file)
    _out(result.summary())
    return 0


def cmd_import_answers(args) -> int:
    from .core.bulk import import_answers

    docs = _read_json_file(args.file)
    with _store(args) as st:
        done = import_answers(st, docs, submit=args.submit, source=args.file)
    if args.json:
        _json([{"entry": d.entry, "id": d.assessment_id, "region": d.region, "year": d.year} for d in done])
    else:
        _out(f"{len(done)} assessment(s) imported{' and submitted' if args.submit else ''}: ids "
             f"{done[0].assessment_id}–{done[-1].assessment_id}" if len(done) > 1 else
             f"1 assessment imported{' and submitted' if args.submit else ''}: id {done[0].assessment_id}")
    return 0


def register(verb, db) -> None:
    sp = verb("regions-import", cmd_regions_import,
              "replace the region list with a CSV file (code,name,parent; optional name_en, short, was): "
              "renames and moves keep assessments; regions absent from the file are removed, "
              "unless they have assessments (then nothing changes)")
    db(sp)
    sp.add_argument("file", metavar="FILE.csv")

    sp = verb("import-answers", cmd_import_answers,
              "import one jlip-answers/1 object or a list of them, all in one transaction")
    db(sp)
    sp.add_argument("file", metavar="FILE.json")
    sp.add_argument("--submit", action="store_true", help="store them submitted (every point must be answered)")
    sp.add_argument("--json", action="store_true", help="print the new ids as JSON")
