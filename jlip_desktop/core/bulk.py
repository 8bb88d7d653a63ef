"""Answers in bulk: many `jlip-answers/1` documents into a database in one transaction.

For migrating past years kept outside the app, and for scripting.  Every entry
is validated like any answers file (parse_answers_doc); an entry also needs a
region that the database knows and a year, and no region-year may already have
an assessment or appear twice.  One bad entry imports nothing: BadInput names
the entry (1-based) and what is wrong with it.  With submit=True every entry
must answer every point and keep the catalogue's requires rules (as `jlip submit`
checks), and is stored submitted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import BadInput
from .scoring import check_submittable, parse_answers_doc, score

MAX_ENTRIES = 100_000


@dataclass(frozen=True)
class ImportedAnswers:
    entry: int
    assessment_id: int
    region: str
    year: int


def _entry_error(source: str, i: int, what: str, message: str, **params) -> BadInput:
    return BadInput(f"{source}: entry {i}{what}: {message}", code="answers.bad_entry", file=source, entry=i,
                    reason=message, **params)


def import_answers(store, docs: Any, *, submit: bool = False, source: str | Path = "answers",
                   who: str | None = None) -> list[ImportedAnswers]:
    """Import one answers document (a dict) or a list of them, all or nothing; the new ids in order."""
    source = str(source)
    entries = [docs] if isinstance(docs, dict) else docs
    if not isinstance(entries, list):
        raise BadInput(f"{source}: expected a jlip-answers/1 object or a list of them", code="answers.not_list",
                       file=source)
    if not entries:
        raise BadInput(f"{source}: the list is empty: nothing to import", code="answers.empty", file=source)
    if len(entries) > MAX_ENTRIES:
        raise BadInput(f"{source}: {len(entries)} entries, at most {MAX_ENTRIES} in one file",
                       code="answers.too_many", file=source)
    parsed = []
    seen: dict[tuple[str, int], int] = {}

    for i, doc in enumerate(entries, start=1):
        what = ""
        if isinstance(doc, dict):
            what = " (" + " ".join(str(doc.get(k)) for k in ("region", "year") if doc.get(k) is not None) + ")"
            what = "" if what == " ()" else what
        try:
            d = parse_answers_doc(doc)
        except BadInput as e:
            raise _entry_error(source, i, what, str(e)) from None
        if d.region is None or d.year is None:
            raise _entry_error(source, i, what, "'region' and 'year' are needed to import answers")
        reg = store.find_region(d.region)
        if reg is None:
            raise _entry_error(source, i, what, f"unknown region {d.region!r}: not in this database's region list",
                               region=d.region)
        key = (reg.code, d.year)
        if key in seen:
            raise _entry_error(source, i, what, f"{reg.name} {d.year} is also entry {seen[key]}")
        seen[key] = i
        if submit and len(d.answers) < len(d.catalog.points):
            missing = [n for n in d.catalog.points if n not in d.answers]
            raise _entry_error(source, i, what, f"{len(missing)} point(s) unanswered ({', '.join(map(str, missing[:8]))}"
                                                f"{'…' if len(missing) > 8 else ''}): only complete answers can be "
                                                "submitted")
        if submit:  # submitted like `jlip submit`: no broken requires rule either
            try:
                check_submittable(score(d.catalog, d.answers))
            except BadInput as e:
                raise _entry_error(source, i, what, str(e)) from None
        parsed.append((i, what, reg, d))
    out: list[ImportedAnswers] = []
    name = Path(source).name
    with store.transaction():
        for i, what, reg, d in parsed:
            try:
                aid = store.import_assessment(reg.code, d.year, d.catalog.id, d.answers, {},
                                              status="submitted" if submit else "draft", source_file=name, who=who)
            except BadInput as e:
                raise _entry_error(source, i, what, str(e)) from None
            out.append(ImportedAnswers(i, aid, reg.code, d.year))
    return out
