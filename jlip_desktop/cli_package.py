"""`jlip` verbs for evidence and packages: evidence-add, evidence-list, export-package, import-package."""

from __future__ import annotations

from pathlib import Path

from .cli import _id_arg, _json, _out, _point_arg, _store, print_import_results
from .core.errors import BadInput


def _read_evidence(path: Path, limit: int) -> bytes:
    if not path.exists():
        raise BadInput(f"{path}: no such file", code="file.missing", file=str(path))
    if path.is_dir():
        raise BadInput(f"{path}: is a folder, not a file", code="file.is_folder", file=str(path))
    size = path.stat().st_size
    if size > limit:
        raise BadInput(f"{path}: {size:,} bytes; an evidence file may have at most {limit:,}",
                       code="field.too_large", field="evidence file", file=str(path), size=size, limit=limit)
    try:
        return path.read_bytes()
    except OSError as e:
        raise BadInput(f"{path}: can't read the file ({e.strerror or e})", code="file.unreadable",
                       file=str(path)) from None


def cmd_evidence_add(args) -> int:
    from .exchange.package import MAX_EVIDENCE_FILE

    with _store(args) as st:
        a = st.assessment(args.id)
        point = _point_arg(st.catalog(a.catalog), args.point)
        files = [(Path(f), _read_evidence(Path(f), MAX_EVIDENCE_FILE)) for f in args.files]
        with st.transaction():  # all the files or none
            ids = [st.add_evidence(a.id, point, p.name, data) for p, data in files]
        for e in st.evidence(a.id, point):
            if e.id in ids:
                _out(f"added   ({e.point}) {e.filename}  {e.size} bytes  sha256 {e.sha256}")
    return 0


def cmd_evidence_list(args) -> int:
    from .core.evidence import evidence_status

    with _store(args, read_only=None) as st:
        st.assessment(args.id)
        items = evidence_status(st, args.id)
    if args.json:
        _json([i.to_json() for i in items])
        return 0
    if not items:
        _out("no evidence files")
    for i in items:
        state = "" if i.received else "   未收到 (not received)"
        _out(f"({i.point:>2}) {i.name}  {i.size} bytes  sha256 {i.sha256}{state}")
    return 0


def cmd_export_package(args) -> int:
    from .exchange.package import export_package

    with _store(args) as st:
        path = export_package(st, args.id, Path(args.output))
    _out(str(path))
    return 0


def cmd_import_package(args) -> int:
    from .exchange.importer import import_workbooks

    with _store(args) as st:
        results = import_workbooks(st, [Path(f) for f in args.files], replace=args.replace)
    return print_import_results(results)


def register(verb, db) -> None:
    sp = verb("evidence-add", cmd_evidence_add, "attach evidence files to a scoring point (all or none)")
    db(sp)
    sp.add_argument("--id", required=True, type=_id_arg)
    sp.add_argument("point", metavar="POINT")
    sp.add_argument("files", nargs="+", metavar="FILE")

    sp = verb("evidence-list", cmd_evidence_list, "list an assessment's evidence files (received or not)")
    db(sp)
    sp.add_argument("--id", required=True, type=_id_arg)
    sp.add_argument("--json", action="store_true", help='print [{"point", "name", "size", "sha256", "received"}]')

    sp = verb("export-package", cmd_export_package,
              "write the package for the province: workbook, PDF, evidence files and a manifest in one .zip")
    db(sp)
    sp.add_argument("--id", required=True, type=_id_arg)
    sp.add_argument("-o", "--output", required=True, metavar="FILE.zip")

    sp = verb("import-package", cmd_import_package, "import packages (.zip) and exchange workbooks (.xlsx)")
    db(sp)
    sp.add_argument("files", nargs="+", metavar="FILE")
    sp.add_argument("--replace", action="store_true", help="replace a region-year with a newer revision")
