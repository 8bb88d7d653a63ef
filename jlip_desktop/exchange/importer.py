"""Importing a batch of exchange workbooks, templates and packages: check everything, then write.

Two phases, so that a caller (the GUI) can ask "replace?" before anything is
written and never from inside a progress dialog:

    plan = check_files(store, paths)          # reads and checks every file; writes nothing
    plan.questions                             # ImportCandidate per file that would replace an assessment
    results = apply_plan(store, plan, replace) # writes; `replace`: the paths the user confirmed (or a bool)

`import_workbooks` does both per file (the command line's way).  Each file
is all or nothing: one transaction writes the assessment (and a package's
evidence files); a file that fails a check is "refused" with a reason code
and parameters, the database untouched, and the batch goes on.

Region-year already in the database (its revision is the imported file's
revision, or for an assessment made here, its last export revision):
  same revision   -> "duplicate", skipped
  higher revision -> "replaced" when confirmed, else "exists"
  lower revision  -> "stale", refused
A template has no revision: it counts as newer than anything, so it replaces
only when confirmed.  Which file is what: `.zip` is a package
(exchange/package.py), anything else a workbook.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import BadInput
from ..core.evidence import set_expected_evidence
from ..core.scoring import ONE_DECIMAL, score
from .xlsx_import import Parsed, Refused, parse_workbook, read_path

OUTCOMES = ("imported", "replaced", "duplicate", "refused", "stale", "exists")
UNREADABLE = "import.unreadable"  # a check failed in a way no other code names (the fuzz test keeps this at 0)


@dataclass(frozen=True)
class ImportResult:
    """What happened to one file.  `code`/`params` word a refusal in the UI language."""

    path: Path
    outcome: str  # one of OUTCOMES
    message: str  # English, without the file name
    assessment_id: int | None = None
    code: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    status: str | None = None  # "draft" | "submitted" (of the file read)
    answered: int | None = None
    points_total: int | None = None
    evidence_listed: int | None = None  # evidence files the workbook lists
    evidence_received: int | None = None  # of them, stored with this import (0 for a plain workbook)

    @property
    def draft(self) -> bool:
        return self.status == "draft"

    @property
    def incomplete(self) -> bool:
        return self.answered is not None and self.points_total is not None and self.answered < self.points_total


@dataclass(frozen=True)
class ImportCandidate:
    """What a replace question is about: a file whose region-year is already present."""

    path: Path
    kind: str  # "export" | "template" (a package carries an export)
    region: str
    region_name: str
    year: int
    revision: int | None  # None for a template
    existing_id: int | None  # None when an earlier file of the same batch holds the region-year
    existing_revision: int | None
    existing_status: str | None = None
    existing_total: float | None = None
    status: str | None = None
    total: float | None = None
    answered: int | None = None
    points_total: int | None = None


@dataclass
class Checked:
    """A file that passed every check, not written yet."""

    path: Path
    parsed: Parsed
    package: Any = None  # exchange.package.CheckedPackage for a .zip


@dataclass
class PlanItem:
    path: Path
    checked: Checked | None = None
    result: ImportResult | None = None  # already final: refused, duplicate or stale
    candidate: ImportCandidate | None = None  # set when importing it replaces an assessment


@dataclass
class Plan:
    items: list[PlanItem]

    @property
    def questions(self) -> list[ImportCandidate]:
        """The files that would replace an assessment: ask about these before apply_plan."""
        return [i.candidate for i in self.items if i.candidate is not None and i.result is None]


def _total(catalog, answers) -> float:
    return float(score(catalog, answers).total.quantize(ONE_DECIMAL))


def _facts(p: Parsed, listed: int | None = None, received: int | None = None) -> dict[str, Any]:
    return {"status": p.status, "answered": len(p.answers), "points_total": p.points_total,
            "evidence_listed": len(p.evidence) if listed is None else listed, "evidence_received": received}


def _where(p: Parsed) -> str:
    return f"{p.region_name} {p.year}"


def _existing_revision(existing) -> int | None:
    return existing.source_revision if existing.imported else existing.export_revision


def _refused(path: Path, e: BadInput) -> ImportResult:
    return ImportResult(path, "refused", " ".join(str(e).split()), code=e.code, params=dict(e.params))


def _read(store, path: Path) -> Checked:
    if path.suffix.lower() == ".zip":
        from .package import check_package

        return check_package(store, path)
    return Checked(path, parse_workbook(store, read_path(path), path.name))


def check_file(store, path: Path) -> Checked | ImportResult:
    """Every check of one file, nothing written: a Checked, or a refusal."""
    path = Path(path)
    try:
        return _read(store, path)
    except BadInput as e:
        return _refused(path, e)
    except Exception as e:  # noqa: BLE001 — a crafted file must end in a refusal, never an internal error
        return ImportResult(path, "refused", f"can't be read: its contents are damaged ({type(e).__name__})",
                            code=UNREADABLE, params={"error": type(e).__name__})


def _decide(store, checked: Checked, batch: dict[tuple[str, int], tuple[int | None, Path]] | None = None
            ) -> tuple[ImportResult | None, ImportCandidate | None, int | None]:
    """(final result, replace question, id to replace) for a checked file against the database now."""
    p = checked.parsed
    path = checked.path
    existing = store.find_assessment(p.region, p.year)
    facts = _facts(p)
    if existing is None:
        if batch is not None and (p.region, p.year) in batch:
            prev_rev, prev_path = batch[(p.region, p.year)]
            return None, ImportCandidate(path, p.kind, p.region, p.region_name, p.year, p.revision, None, prev_rev,
                                         status=p.status, total=_total(store.catalog(p.catalog_id), p.answers),
                                         answered=len(p.answers), points_total=p.points_total), None
        return None, None, None
    old_rev = _existing_revision(existing)
    where = _where(p)
    if p.revision is not None and old_rev is not None and p.revision == old_rev:
        return ImportResult(path, "duplicate", f"{where} revision {p.revision} is already in the database "
                            f"(assessment {existing.id}); skipped", existing.id, code="import.duplicate",
                            params={"region": p.region_name, "year": p.year, "revision": p.revision,
                                    "id": existing.id}, **facts), None, existing.id
    if p.revision is not None and old_rev is not None and p.revision < old_rev:
        return ImportResult(path, "stale", f"{where}: this file is revision {p.revision}, older than revision "
                            f"{old_rev} already in the database (assessment {existing.id}); not imported",
                            existing.id, code="import.stale",
                            params={"region": p.region_name, "year": p.year, "revision": p.revision,
                                    "existing_revision": old_rev, "id": existing.id}, **facts), None, existing.id
    cand = ImportCandidate(
        path, p.kind, p.region, p.region_name, p.year, p.revision, existing.id, old_rev,
        existing_status=existing.status, existing_total=float(store.score(existing.id).total.quantize(ONE_DECIMAL)),
        status=p.status, total=_total(store.catalog(p.catalog_id), p.answers), answered=len(p.answers),
        points_total=p.points_total,
    )
    return None, cand, existing.id


def check_files(store, paths: Sequence[Path], progress: Callable[[int, int, Path], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> Plan:
    """Phase 1: read and check every file; nothing is written.  Ask `plan.questions` before apply_plan."""
    paths = [Path(p) for p in paths]
    items: list[PlanItem] = []
    batch: dict[tuple[str, int], tuple[int | None, Path]] = {}
    for i, path in enumerate(paths, start=1):
        if cancelled is not None and cancelled():
            break
        got = check_file(store, path)
        if isinstance(got, ImportResult):
            items.append(PlanItem(path, result=got))
        else:
            result, cand, _ = _decide(store, got, batch)
            items.append(PlanItem(path, checked=got, result=result, candidate=cand))
            if result is None:
                batch[(got.parsed.region, got.parsed.year)] = (got.parsed.revision, path)
        if progress is not None:
            progress(i, len(paths), path)
    return Plan(items)


Replace = bool | Callable[[ImportCandidate], bool] | Collection[Path]


def _allowed(replace: Replace, cand: ImportCandidate) -> bool:
    if isinstance(replace, bool):
        return replace
    if callable(replace):
        return bool(replace(cand))
    return Path(cand.path) in {Path(p) for p in replace}


def _write(store, checked: Checked, replace_id: int | None, who: str | None) -> ImportResult:
    p = checked.parsed
    do_replace = replace_id is not None
    with store.transaction():
        aid = store.import_assessment(
            p.region, p.year, p.catalog_id, p.answers, p.notes, status=p.status, assessor=p.assessor,
            source_file=checked.path.name, revision=p.revision, replace=do_replace, who=who,
        )
        if checked.package is not None:
            received = checked.package.store_evidence(store, aid, who)
        else:
            received = 0
        set_expected_evidence(store, aid, p.evidence)
    what = f"revision {p.revision}" if p.revision is not None else "template"
    verb = "replaced" if do_replace else "imported"
    notes = []
    if p.status == "draft" and p.kind == "export":
        notes.append("a draft, not submitted")
    if len(p.answers) < p.points_total:
        notes.append(f"incomplete: {p.points_total - len(p.answers)} point(s) unanswered")
    if p.evidence and received < len(p.evidence):
        notes.append(f"{len(p.evidence) - received} evidence file(s) not received")
    notes += [p_.message for p_ in store.score(aid).problems]  # broken requires rules: imported, flagged
    extra = f"; {'; '.join(notes)}" if notes else ""
    return ImportResult(checked.path, verb, f"{_where(p)} {verb} ({what}, {len(p.answers)} of {p.points_total} "
                        f"points answered) as assessment {aid}{extra}", aid, code=f"import.{verb}",
                        params={"region": p.region_name, "year": p.year, "revision": p.revision, "id": aid},
                        **_facts(p, received=received))


def apply_plan(store, plan: Plan, replace: Replace = False, progress: Callable[[int, int, Path], None] | None = None,
               who: str | None = None, cancelled: Callable[[], bool] | None = None) -> list[ImportResult]:
    """Phase 2: write the checked files, one transaction each, in order; one result per file.

    Each file is decided again against the database as it is now (an earlier
    file of the batch may have imported the same region-year).  `replace` is
    a bool for every file, the collection of paths the user confirmed, or a
    function asked per file.  `cancelled()` is checked between files; files
    not reached get no result.
    """
    results: list[ImportResult] = []
    for i, item in enumerate(plan.items, start=1):
        if cancelled is not None and cancelled():
            break
        if item.result is not None:
            results.append(item.result)
        else:
            results.append(_apply_one(store, item.checked, replace, who))
        if progress is not None:
            progress(i, len(plan.items), item.path)
    return results


def _apply_one(store, checked: Checked, replace: Replace, who: str | None) -> ImportResult:
    p = checked.parsed
    try:
        result, cand, existing_id = _decide(store, checked)
        if result is not None:
            return result
        if cand is not None and not _allowed(replace, cand):
            newer = f"revision {p.revision}" if p.revision is not None else "a filled-in template"
            state = "submitted, " if cand.existing_status == "submitted" else ""
            old = cand.existing_revision if cand.existing_revision is not None else "none"
            return ImportResult(checked.path, "exists", f"{_where(p)} already has an assessment (id "
                                f"{cand.existing_id}, {state}revision {old}); this file is {newer}: confirm the "
                                "replacement (--replace on the command line) to import it", cand.existing_id,
                                code="import.exists", params={"region": p.region_name, "year": p.year,
                                                              "revision": p.revision, "existing_revision": old,
                                                              "id": cand.existing_id}, **_facts(p))
        return _write(store, checked, existing_id if cand is not None else None, who)
    except BadInput as e:
        return _refused(checked.path, e)


def import_workbooks(
    store,
    paths: Sequence[Path],
    replace: Replace = False,
    progress: Callable[[int, int, Path], None] | None = None,
    who: str | None = None,
) -> list[ImportResult]:
    """Check and import each file on its own, in order; one result per file."""
    paths = [Path(p) for p in paths]
    results: list[ImportResult] = []
    for i, path in enumerate(paths, start=1):
        results += apply_plan(store, check_files(store, [path]), replace, who=who)
        if progress is not None:
            progress(i, len(paths), path)
    return results


def results_summary(results: Sequence[ImportResult]) -> dict[str, int]:
    """How many files ended in each outcome (for a batch's closing line)."""
    out = {k: 0 for k in OUTCOMES}
    for r in results:
        out[r.outcome] += 1
    return out


__all__ = [
    "OUTCOMES", "Checked", "ImportCandidate", "ImportResult", "Plan", "PlanItem", "Refused", "apply_plan",
    "check_file", "check_files", "import_workbooks", "results_summary",
]
