"""`jlip` verbs for schemes (indicator catalogues): show, list, write as a workbook, build, install."""

from __future__ import annotations

import sys
from pathlib import Path

from .cli import _json, _out, _store
from .core.catalog import DEFAULT_CATALOG_ID
from .core.scoring import fmt


def cmd_catalogs(args) -> int:
    from .core.schemes import installed

    with _store(args, read_only=None) as st:
        rows = installed(st)
    if args.json:
        _json([r.to_json() for r in rows])
        return 0
    for r in rows:
        _out(f"{r.id}  {r.year or '-'}  {r.title}  ({r.points} points, {fmt(r.total_max)} in all; "
             f"{r.assessments} assessment(s))")
    return 0


def cmd_catalog_xlsx(args) -> int:
    from .core.catalog import get_catalog
    from .exchange.scheme_xlsx import write_scheme_workbook

    if args.db:
        with _store(args, read_only=None) as st:
            cat = st.catalog(args.id)
    else:
        cat = get_catalog(args.id)
    _out(str(write_scheme_workbook(cat, Path(args.output))))
    return 0


def cmd_catalog_build(args) -> int:
    from .exchange.scheme_xlsx import SchemeProblems, build_scheme

    try:
        path = build_scheme(Path(args.workbook), Path(args.output))
    except SchemeProblems as e:
        for p in e.problems:
            sys.stderr.write(f"jlip: {' '.join(str(p).split())}\n")
        return 2
    _out(str(path))
    return 0


def cmd_catalog_install(args) -> int:
    from .core.schemes import install_file

    with _store(args) as st:
        cat, added = install_file(st, Path(args.file))
    _out(f"{cat.id}: {'installed' if added else 'already installed, same content'}")
    return 0


def register(verb, db) -> None:
    sp = verb("catalogs", cmd_catalogs, "list the schemes (catalogues) installed in a database")
    db(sp)
    sp.add_argument("--json", action="store_true")

    sp = verb("catalog-xlsx", cmd_catalog_xlsx, "write a scheme as an editable workbook")
    sp.add_argument("--id", default=DEFAULT_CATALOG_ID, help="the scheme's id (default: %(default)s)")
    sp.add_argument("--db", help="take the scheme from this database (else a shipped one)")
    sp.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")

    sp = verb("catalog-build", cmd_catalog_build,
              "check a scheme workbook and write its catalogue JSON (every problem listed, one per line)")
    sp.add_argument("workbook", metavar="FILE.xlsx")
    sp.add_argument("-o", "--output", required=True, metavar="FILE.json")

    sp = verb("catalog-install", cmd_catalog_install, "install a catalogue JSON into a database")
    db(sp)
    sp.add_argument("file", metavar="FILE.json")



