"""The 上报材料包: one .zip with the exchange workbook, the assessment PDF, the evidence files and a manifest.

Layout (names in UTF-8, with the zip's UTF-8 flag, so Windows Explorer shows
the Chinese right):

    长春市 2021 评估表（第3版）.xlsx        the exchange workbook (jlip-xlsx/1)
    长春市 2021 评估结果.pdf                the assessment PDF, to print, sign and stamp
    证据材料/（N）<point label>/<file>    each evidence file, in a folder per point
    manifest.json                          format jlip-package/1: every other entry with its size and SHA-256

The workbook is the trust anchor: its checksummed data lists every evidence
file (point, name, size, SHA-256).  Importing a package runs every check
before anything is written: the zip itself (core/safezip: sizes, ratios,
links, encryption, paths, duplicates), the manifest against the entries
(missing, extra), the workbook's own checks, then every evidence file
against the workbook's list (missing, extra, altered), inflating each in
bounded chunks and stopping at its declared size.  Any failure refuses the
whole package, naming the entry.

Size limits (named constants below; exceeding one is a BadInput with a code
and the figures, for the GUI to word):
  MAX_EVIDENCE_FILE   100 MiB per evidence file (the store's own limit)
  MAX_PACKAGE_BYTES   1 GiB for all entries together, and for the .zip itself
  MAX_PACKAGE_FILES   2,000 evidence files
  PACKAGE_RATIO       500: no entry over 1 MiB may inflate more than 500 times
                      its packed size (scanned pages and PDFs pack 1-10 times;
                      a blank bitmap a few hundred; a bomb about a thousand)
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import __version__
from ..core import safezip
from ..core.errors import BadInput
from ..core.fileio import check_output_path
from ..core.store import EVIDENCE_MAX_BYTES, now
from .importer import Checked
from .outfile import write_recorded
from .xlsx_common import strict_json
from .xlsx_import import Refused, parse_workbook

PACKAGE_FORMAT = "jlip-package/1"
MANIFEST = "manifest.json"
EVIDENCE_FOLDER = "证据材料"

MiB = 1024 * 1024
MAX_EVIDENCE_FILE = EVIDENCE_MAX_BYTES
MAX_PACKAGE_BYTES = 1024 * MiB
MAX_PACKAGE_FILES = 2000
PACKAGE_RATIO = 500
MAX_MANIFEST_BYTES = 4 * MiB

PACKAGE_LIMITS = safezip.ZipLimits(
    file_size=MAX_PACKAGE_BYTES, entries=MAX_PACKAGE_FILES + 3, entry_size=MAX_EVIDENCE_FILE,
    total_size=MAX_PACKAGE_BYTES, ratio=PACKAGE_RATIO, ratio_floor=1 * MiB,
)

# Formats that are compressed already: stored as they are (deflating them again only costs time).
_STORED_SUFFIXES = {
    ".pdf", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".zip", ".rar", ".7z", ".gz", ".xlsx", ".docx", ".pptx",
    ".ofd", ".mp4", ".mov", ".mp3", ".heic", ".wps", ".et",
}
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def _safe_component(text: str, limit: int = 120) -> str:
    """A file or folder name Windows accepts (no reserved characters, no trailing dot or space)."""
    text = _UNSAFE.sub("_", text).strip().rstrip(". ")
    if not text:
        text = "_"
    if len(text) > limit:
        stem, dot, ext = text.rpartition(".")
        text = (stem[: limit - len(ext) - 1] + "." + ext) if dot and len(ext) <= 10 else text[:limit]
    if text.split(".")[0].rstrip(" ").upper() in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                                      *(f"LPT{i}" for i in range(1, 10))}:
        text = "_" + text
    return text


def point_folder(catalog, point: int) -> str:
    p = catalog.points.get(point)
    label = _safe_component(p.label, 40) if p is not None else ""
    return f"{EVIDENCE_FOLDER}/（{point}）{label}"


def _unique(path: str, taken: set[str]) -> str:
    if path.casefold() not in taken:
        taken.add(path.casefold())
        return path
    stem, dot, ext = path.rpartition(".")
    if not dot or "/" in ext:
        stem, ext = path, ""
    i = 2
    while True:
        cand = f"{stem} ({i}){'.' + ext if ext else ''}"
        if cand.casefold() not in taken:
            taken.add(cand.casefold())
            return cand
        i += 1


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _too_large(what: str, size: int, limit: int, **params) -> BadInput:
    return BadInput(f"{what}: {size:,} bytes, more than the {limit:,} bytes a package may hold",
                    code=params.pop("code"), size=size, limit=limit, size_mb=f"{size / MiB:.1f}",
                    limit_mb=f"{limit / MiB:.0f}", **params)


def _zipinfo(name: str, compress: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=datetime.now().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.external_attr = 0o100644 << 16  # a plain file, readable (zipfile sets the UTF-8 flag for non-ASCII names)
    return info


# -- export ------------------------------------------------------------------------

def export_package(store, assessment_id: int, path: Path, who: str | None = None,
                   progress: Callable[[int, int], None] | None = None) -> Path:
    """Write the package of one assessment; like an export, it takes the next revision number.

    Size limits are checked before anything is written (BadInput
    package.evidence_too_large / package.too_large / package.too_many_files).
    The revision and the "export" history row are recorded only once the
    .zip is on disk (exchange/outfile.py).  `progress(done, total)` is
    called as the workbook, the PDF and each evidence file are written.
    """
    from ..reports.pdf import assessment_pdf
    from .xlsx import build_exchange_workbook, record_export

    path = check_output_path(Path(path))
    a = store.assessment(assessment_id)
    cat = store.catalog(a.catalog)
    region = store.region(a.region)
    region_name = region.name if region else a.region
    evidence = store.evidence(a.id)
    if len(evidence) > MAX_PACKAGE_FILES:
        raise BadInput(f"{len(evidence)} evidence files, more than the {MAX_PACKAGE_FILES} a package may hold",
                       code="package.too_many_files", count=len(evidence), limit=MAX_PACKAGE_FILES)
    total = 0
    for e in evidence:
        if e.size > MAX_EVIDENCE_FILE:
            raise _too_large(f"evidence file {e.filename} of point ({e.point})", e.size, MAX_EVIDENCE_FILE,
                             code="package.evidence_too_large", point=e.point, name=e.filename)
        total += e.size
    if total > MAX_PACKAGE_BYTES:
        raise _too_large("the evidence files together", total, MAX_PACKAGE_BYTES, code="package.too_large")

    revision = a.export_revision + 1
    items = sorted(({"point": e.point, "name": e.filename, "size": e.size, "sha256": e.sha256, "id": e.id}
                    for e in evidence), key=lambda d: (d["point"], d["name"], d["sha256"]))
    listed = [{k: d[k] for k in ("point", "name", "size", "sha256")} for d in items]
    wb, _ = build_exchange_workbook(store, a.id, revision, evidence=listed, who=who)
    base = _safe_component(f"{region_name} {a.year}", 60)
    workbook_name = f"{base} 评估表（第{revision}版）.xlsx"
    pdf_name = f"{base} 评估结果.pdf"

    steps = len(items) + 3
    report = progress or (lambda done, total: None)
    report(1, steps)
    # A file held open by a virus scanner on Windows must not fail an export that is done: cleanup is best effort.
    with tempfile.TemporaryDirectory(prefix="jlip-package-", ignore_cleanup_errors=True) as tmp:
        wb_path = Path(tmp) / "workbook.xlsx"
        wb.save(wb_path)
        report(2, steps)
        pdf_path = assessment_pdf(store, a.id, Path(tmp) / "assessment.pdf")
        report(3, steps)

        def save(target: Path) -> None:
            taken: set[str] = {MANIFEST.casefold(), workbook_name.casefold(), pdf_name.casefold()}
            entries: list[dict[str, Any]] = []
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
                for name, src, role in ((workbook_name, wb_path, "workbook"), (pdf_name, pdf_path, "pdf")):
                    data = src.read_bytes()
                    zf.writestr(_zipinfo(name, compress=False), data)
                    entries.append({"path": name, "role": role, "size": len(data), "sha256": _sha(data)})
                for d in items:
                    data = store.evidence_data(d["id"])
                    if _sha(data) != d["sha256"] or len(data) != d["size"]:
                        raise BadInput(f"evidence file {d['name']} of point ({d['point']}) is damaged in the "
                                       "database (its SHA-256 does not match)", code="package.evidence_damaged",
                                       point=d["point"], name=d["name"])
                    entry = _unique(f"{point_folder(cat, d['point'])}/{_safe_component(d['name'])}", taken)
                    compress = Path(d["name"]).suffix.lower() not in _STORED_SUFFIXES
                    zf.writestr(_zipinfo(entry, compress), data)
                    entries.append({"path": entry, "role": "evidence", "point": d["point"], "name": d["name"],
                                    "size": d["size"], "sha256": d["sha256"]})
                    del data
                    report(3 + len(entries) - 2, steps)
                manifest = {
                    "format": PACKAGE_FORMAT, "app_version": __version__, "created_at": now(),
                    "region": a.region, "region_name": region_name, "year": a.year, "revision": revision,
                    "status": a.status, "workbook": workbook_name, "pdf": pdf_name, "entries": entries,
                }
                zf.writestr(_zipinfo(MANIFEST, compress=True),
                            json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))

        write_recorded(store, path, save, lambda: record_export(store, a.id, revision, who, detail="package"))
    return path


# -- import --------------------------------------------------------------------------

def _refuse(code: str, message: str, **params) -> Refused:
    return Refused(message, code=f"package.{code}", **params)


@dataclass
class CheckedPackage:
    """A package that passed every check; `store_evidence` writes its files (checking each again)."""

    path: Path
    evidence: list[tuple[str, dict[str, Any]]]  # (entry, {"point","name","size","sha256"})

    def store_evidence(self, store, assessment_id: int, who: str | None = None) -> int:
        """Insert every evidence file, inside the caller's transaction; the zip is read (and checked) again."""
        with _open_package(self.path) as (zf, infos):
            by_name = {i.filename: i for i in infos}
            t = now()
            for entry, item in self.evidence:
                info = by_name.get(entry)
                if info is None:
                    raise _refuse("changed", f"the entry {entry!r} is gone (the file changed while it was being "
                                  "imported)", entry=entry)
                data = safezip.read_entry(zf, info, self.path.name, MAX_EVIDENCE_FILE)
                if len(data) != item["size"] or _sha(data) != item["sha256"]:
                    raise _refuse("changed", f"the entry {entry!r} changed while the package was being imported",
                                  entry=entry)
                store.conn.execute(
                    "INSERT INTO evidence(assessment_id, point, filename, sha256, size, data, added_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (assessment_id, item["point"], item["name"], item["sha256"], item["size"], data, t),
                )
            if self.evidence:
                store.log(assessment_id, "evidence-received", f"{len(self.evidence)} file(s) from {self.path.name}",
                          who)
        return len(self.evidence)


class _open_package:
    """The package's zip, opened from its file and checked against the package limits."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        try:
            size = self.path.stat().st_size
            self.fh = self.path.open("rb")
        except FileNotFoundError:
            raise Refused("no such file", code="import.no_file") from None
        except IsADirectoryError:
            raise Refused("is a folder, not a file", code="import.is_folder") from None
        except OSError as e:
            raise Refused(f"can't read the file ({e.strerror or e}); is it open in another program?",
                          code="file.unreadable", file=self.path.name) from None
        try:
            if size > PACKAGE_LIMITS.file_size:
                raise safezip.UnsafeZip(f"{size:,} bytes, more than the {PACKAGE_LIMITS.file_size:,} a package may "
                                        "have", code="zip.file_too_large", file=self.path.name, size=size,
                                        limit=PACKAGE_LIMITS.file_size)
            self.zf = safezip.open_zip(self.fh, self.path.name)
            infos = safezip.inspect(self.zf, self.path.name, PACKAGE_LIMITS, file_size=size)
        except BaseException:
            self.fh.close()
            raise
        return self.zf, [i for i in infos if not i.is_dir()]

    def __exit__(self, *exc):
        self.zf.close()
        self.fh.close()


def _manifest(zf, infos, name: str) -> dict[str, Any]:
    found = [i for i in infos if i.filename == MANIFEST]
    if not found:
        raise _refuse("no_manifest", f"not a jlip-desktop package: it has no {MANIFEST}")
    raw = safezip.read_entry(zf, found[0], name, MAX_MANIFEST_BYTES)
    try:
        doc = strict_json(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise _refuse("manifest", f"the {MANIFEST} is damaged ({e})", reason=str(e)) from None
    if not isinstance(doc, dict) or doc.get("format") != PACKAGE_FORMAT:
        fmt = doc.get("format") if isinstance(doc, dict) else None
        raise _refuse("format", f"not a package this version reads (format {str(fmt)[:40]!r}, expected "
                      f"{PACKAGE_FORMAT})", format=str(fmt)[:40])
    entries = doc.get("entries")
    if not isinstance(entries, list):
        raise _refuse("manifest", f"the {MANIFEST} lists no entries", reason="entries")
    seen: set[str] = set()
    for e in entries:
        ok = (isinstance(e, dict) and isinstance(e.get("path"), str) and e.get("role") in ("workbook", "pdf", "evidence")
              and isinstance(e.get("size"), int) and not isinstance(e.get("size"), bool)
              and isinstance(e.get("sha256"), str))
        if not ok:
            raise _refuse("manifest", f"the {MANIFEST} has an entry it can't read: {str(e)[:80]}", reason="entry")
        if e["path"] in seen:
            raise _refuse("manifest", f"the {MANIFEST} lists {e['path']!r} twice", reason="duplicate")
        seen.add(e["path"])
    return doc


def check_package(store, path: Path) -> Checked:
    """Every check of a package, nothing written: a Checked for importer.apply_plan, or Refused/UnsafeZip."""
    path = Path(path)
    name = path.name
    with _open_package(path) as (zf, infos):
        doc = _manifest(zf, infos, name)
        listed = {e["path"]: e for e in doc["entries"]}
        present = {i.filename: i for i in infos if i.filename != MANIFEST}
        for entry in sorted(listed):
            if entry not in present:
                raise _refuse("missing", f"the entry {entry!r} listed in the manifest is missing", entry=entry)
        for entry in sorted(present):
            if entry not in listed:
                raise _refuse("extra", f"the entry {entry!r} is not in the manifest (an extra file)", entry=entry)
        workbooks = [e for e in doc["entries"] if e["role"] == "workbook"]
        if len(workbooks) != 1:
            raise _refuse("manifest", f"the {MANIFEST} must name one workbook, not {len(workbooks)}",
                          reason="workbooks")
        wb_entry = workbooks[0]["path"]
        data = safezip.read_entry(zf, present[wb_entry], name, safezip.WORKBOOK_LIMITS.file_size)
        if _sha(data) != workbooks[0]["sha256"] or len(data) != workbooks[0]["size"]:
            raise _refuse("altered", f"the entry {wb_entry!r} does not match the manifest's SHA-256 (altered)",
                          entry=wb_entry)
        try:
            parsed = parse_workbook(store, data, wb_entry)
        except BadInput as e:
            params = {**e.params, "entry": wb_entry, "file": name}
            raise Refused(f"the workbook {wb_entry!r}: {e}", code=e.code, **params) from None
        del data
        if parsed.kind != "export":
            raise _refuse("not_export", f"the workbook {wb_entry!r} is a fill-in template, not an exported "
                          "workbook", entry=wb_entry)
        if (doc.get("region"), doc.get("year"), doc.get("revision")) != (parsed.region, parsed.year, parsed.revision):
            raise _refuse("manifest", "the manifest's region, year or revision differs from the workbook's",
                          reason="identity")
        for e in doc["entries"]:
            if e["role"] == "pdf":
                _check_entry(zf, present[e["path"]], name, e["path"], e["size"], e["sha256"], "the manifest's")
        # Evidence: the workbook's list is what counts; the manifest says where each file is.
        want = Counter((d["point"], d["name"], d["size"], d["sha256"]) for d in parsed.evidence)
        evidence: list[tuple[str, dict[str, Any]]] = []
        for e in sorted((e for e in doc["entries"] if e["role"] == "evidence"), key=lambda e: e["path"]):
            key = (e.get("point"), e.get("name"), e["size"], e["sha256"])
            if want[key] <= 0:
                raise _refuse("extra", f"the entry {e['path']!r} is not among the evidence files the workbook "
                              "lists (an extra or altered file)", entry=e["path"])
            want[key] -= 1
            _check_entry(zf, present[e["path"]], name, e["path"], e["size"], e["sha256"], "the workbook's")
            evidence.append((e["path"], {"point": key[0], "name": key[1], "size": key[2], "sha256": key[3]}))
        missing = sorted(k for k, n in want.items() if n > 0)
        if missing:
            point, fname = missing[0][0], missing[0][1]
            raise _refuse("missing", f"the evidence file {fname!r} of point ({point}) that the workbook lists is "
                          "not in the package", entry=f"{point_folder(store.catalog(parsed.catalog_id), point)}/"
                          f"{fname}", point=point, name=fname)
    return Checked(path, parsed, CheckedPackage(path, evidence))


def _check_entry(zf, info, name: str, entry: str, size: int, digest: str, whose: str) -> None:
    if info.file_size != size:
        raise _refuse("altered", f"the entry {entry!r} has {info.file_size:,} bytes, not the {size:,} in "
                      f"{whose} list (altered)", entry=entry)
    h = hashlib.sha256()
    safezip.copy_entry(zf, info, name, h.update, MAX_EVIDENCE_FILE)
    if h.hexdigest() != digest:
        raise _refuse("altered", f"the entry {entry!r} does not match {whose} SHA-256 (altered)", entry=entry)
