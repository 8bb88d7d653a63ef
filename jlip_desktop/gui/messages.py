"""Message boxes and simple prompts in one place, so tests can answer them.

Refusals from the core (`BadInput`) are worded here in the UI language from
their `code` and `params` (`describe`), never from their English text, which
is the command line's.  `ERROR_TEXTS` is the one table of wordings: a
translatable template per code, with `{name}` placeholders filled from the
error's params.  A code without a wording (or a template whose params are
missing) gets a generic sentence in the UI language, and the English text
goes into the box's details, where support can read it.

To word a new code: add `"area.what": QT_TRANSLATE_NOOP("errors", "…{param}…")`
below and run scripts/build_translations.py; translate the new entry in
i18n/jlip_zh_CN.ts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from ..core.errors import BadInput

# code -> template (English source; the translation comes from i18n/*.ts, context "errors").
ERROR_TEXTS: dict[str, str] = {
    # the database file (core/database.py)
    "db.missing": QT_TRANSLATE_NOOP("errors", "The database {file} does not exist."),
    "db.folder_missing": QT_TRANSLATE_NOOP("errors", "The folder {folder} does not exist."),
    "db.is_folder": QT_TRANSLATE_NOOP("errors", "{file} is a folder, not a database file."),
    "db.empty": QT_TRANSLATE_NOOP("errors", "{file} is an empty file, not a jlip database."),
    "db.not_jlip": QT_TRANSLATE_NOOP("errors", "{file} is a database of another program, not of jlip-desktop."),
    "db.not_a_database": QT_TRANSLATE_NOOP("errors", "{file} is not a jlip database (not a database file, "
                                                     "or encrypted)."),
    "db.newer": QT_TRANSLATE_NOOP("errors", "{file} was made by a newer version of jlip-desktop (database version "
                                            "{version}; this one knows up to {known}). Open it with the newer "
                                            "version."),
    "db.damaged": QT_TRANSLATE_NOOP("errors", "The database {file} is damaged; nothing was changed."),
    "db.read_only": QT_TRANSLATE_NOOP("errors", "The database {file} can only be read (the file or its folder is "
                                                "read-only); nothing was changed."),
    "db.unmerged_wal": QT_TRANSLATE_NOOP("errors", "The database {file} is in a read-only folder and its last "
                                                   "changes are still in {wal}; copy the folder to a writable place "
                                                   "and open it there."),
    "db.busy": QT_TRANSLATE_NOOP("errors", "The database {file} is busy: another program is writing to it; "
                                           "nothing was changed. Try again when it has finished."),
    "db.full": QT_TRANSLATE_NOOP("errors", "The disk of {file} is full; nothing was changed. Free some space and "
                                           "try again."),
    "db.io_error": QT_TRANSLATE_NOOP("errors", "The disk or network failed to read or write the database {file}; "
                                               "nothing was changed."),
    "db.cant_open": QT_TRANSLATE_NOOP("errors", "The database file {file} can't be opened."),
    "db.migration_failed": QT_TRANSLATE_NOOP("errors", "The database {file} could not be upgraded to this "
                                                       "version; nothing was changed."),
    "db.error": QT_TRANSLATE_NOOP("errors", "The database {file} reported an error; nothing was changed."),
    "db.backup_failed": QT_TRANSLATE_NOOP("errors", "No backup copy of {file} could be made."),
    "db.restore_failed": QT_TRANSLATE_NOOP("errors", "The backup copy could not be put back in place of {file}; "
                                                     "the file is unchanged."),
    # catalogues and submission rules (core/catalog.py, core/scoring.py)
    "catalog.bad_id": QT_TRANSLATE_NOOP("errors", "The indicator system's id {id} is not a valid name."),
    "catalog.requires_missing": QT_TRANSLATE_NOOP("errors", "In the indicator system, point ({point}) requires "
                                                            "point ({requires}), which does not exist."),
    "catalog.requires_cycle": QT_TRANSLATE_NOOP("errors", "In the indicator system, the points that require each "
                                                          "other form a cycle: {cycle}."),
    "submit.requires": QT_TRANSLATE_NOOP("errors", "Not submitted: point(s) {points} earn marks, but the point(s) "
                                                   "they require ({requires}) earn none. Check these answers."),
    "catalog.conflict": QT_TRANSLATE_NOOP("errors", "A different scheme with the id {id} is already installed; "
                                                    "give the new scheme an id of its own."),
    "scheme.problems": QT_TRANSLATE_NOOP("errors", "The scheme workbook {file} has {count} problem(s); "
                                                   "nothing was written."),
    # assessments and their fields (core/store.py); {at_point} is "Point (n): " or nothing, {field} a field's name
    "store.no_assessment": QT_TRANSLATE_NOOP("errors", "There is no assessment {id} (it may have been deleted)."),
    "store.unknown_region": QT_TRANSLATE_NOOP("errors", "Unknown region code {region}: expected a code of Jilin "
                                                        "such as 220100."),
    "store.bad_year": QT_TRANSLATE_NOOP("errors", "The year must be a whole year such as 2021 (got {year})."),
    "store.exists": QT_TRANSLATE_NOOP("errors", "{region} {year} already has an assessment (number {id}). Open it "
                                                "in the navigator instead of creating another."),
    "store.locked": QT_TRANSLATE_NOOP("errors", "The assessment {region} {year} is submitted and locked; reopen it "
                                                "to edit."),
    "store.incomplete": QT_TRANSLATE_NOOP("errors", "Not submitted: {count} point(s) are unanswered: {missing}."),
    "store.reason_missing": QT_TRANSLATE_NOOP("errors", "Reopening a submitted assessment needs a reason."),
    "store.not_submitted": QT_TRANSLATE_NOOP("errors", "Assessment {id} is not submitted, so it needs no "
                                                       "reopening."),
    "store.no_evidence": QT_TRANSLATE_NOOP("errors", "The evidence file (number {id}) is no longer in the "
                                                     "database."),
    "store.bad_status": QT_TRANSLATE_NOOP("errors", "Unknown status {status}."),
    "field.not_text": QT_TRANSLATE_NOOP("errors", "{at_point}The {field} must be text."),
    "field.too_long": QT_TRANSLATE_NOOP("errors", "{at_point}The {field} is {length} characters long; at most "
                                                  "{limit} are accepted."),
    "field.invalid_character": QT_TRANSLATE_NOOP("errors", "{at_point}The {field} holds an invalid character "
                                                           "({char})."),
    "field.control_character": QT_TRANSLATE_NOOP("errors", "{at_point}The {field} holds a control character "
                                                           "({char}), which is not accepted."),
    "field.missing": QT_TRANSLATE_NOOP("errors", "The {field} is missing."),
    "field.too_large": QT_TRANSLATE_NOOP("errors", "{at_point}The {field} is too large ({size} bytes; at most "
                                                   "{limit})."),
    # files written and read (core/fileio.py, exchange/)
    "file.disk_full": QT_TRANSLATE_NOOP("errors", "{file} was not written: the disk is full."),
    "file.read_only": QT_TRANSLATE_NOOP("errors", "{file} was not written: the disk is read-only."),
    "file.not_writable": QT_TRANSLATE_NOOP("errors", "{file} was not written: it is open in another program (such "
                                                     "as Excel), or the folder can't be written. Close it, or "
                                                     "choose another folder."),
    "file.write_failed": QT_TRANSLATE_NOOP("errors", "{file} was not written ({reason})."),
    "file.missing": QT_TRANSLATE_NOOP("errors", "The file {file} does not exist."),
    "file.unreadable": QT_TRANSLATE_NOOP("errors", "The file {file} can't be read."),
    "export.not_recorded": QT_TRANSLATE_NOOP("errors", "{file} was not exported: the database could not record "
                                                       "the export, so no file was left."),
    "export.concurrent": QT_TRANSLATE_NOOP("errors", "Assessment {id} was exported by another window meanwhile; "
                                                     "export it again."),
    # importing workbooks and packages (exchange/)
    "import.no_file": QT_TRANSLATE_NOOP("errors", "The file does not exist."),
    "import.is_folder": QT_TRANSLATE_NOOP("errors", "This is a folder, not a file."),
    "import.not_workbook": QT_TRANSLATE_NOOP("errors", "Not an Excel workbook, or the file is damaged or "
                                                       "incomplete."),
    "import.not_jlip": QT_TRANSLATE_NOOP("errors", "Not a workbook of this program (exported assessment or fill-in "
                                                   "template)."),
    "import.format_version": QT_TRANSLATE_NOOP("errors", "Made by another version of this program (format "
                                                         "{format}); export it again with the same version."),
    "import.unknown_catalog": QT_TRANSLATE_NOOP("errors", "It uses an indicator system this program does not "
                                                          "have ({catalog})."),
    "import.unknown_region": QT_TRANSLATE_NOOP("errors", "Its region ({region}) is not a region of Jilin."),
    "import.bad_year": QT_TRANSLATE_NOOP("errors", "Its year ({year}) is not a year such as 2021."),
    "import.checksum": QT_TRANSLATE_NOOP("errors", "The workbook was edited after it was exported (its checksum does "
                                                   "not match), so it can't be trusted. Ask for a fresh export."),
    "import.damaged": QT_TRANSLATE_NOOP("errors", "The workbook's data sheet is damaged ({reason})."),
    "import.layout": QT_TRANSLATE_NOOP("errors", "The workbook's layout is damaged ({what})."),
    "import.template_moved": QT_TRANSLATE_NOOP("errors", "Rows or cells of the fill-in template were moved or "
                                                         "deleted; fill in a fresh template."),
    "import.bad_answer": QT_TRANSLATE_NOOP("errors", "The answer to point ({point}) breaks its rule."),
    "import.unreadable": QT_TRANSLATE_NOOP("errors", "The file can't be read: its contents are damaged."),
    "import.refused": QT_TRANSLATE_NOOP("errors", "The file can't be imported."),
    "import.imported": QT_TRANSLATE_NOOP("errors", "{region} {year} imported as assessment {id}."),
    "import.replaced": QT_TRANSLATE_NOOP("errors", "{region} {year}: the assessment already present was replaced "
                                                   "(assessment {id})."),
    "import.duplicate": QT_TRANSLATE_NOOP("errors", "{region} {year}: revision {revision} is already in the "
                                                    "database (assessment {id}); skipped."),
    "import.stale": QT_TRANSLATE_NOOP("errors", "{region} {year}: this file is revision {revision}, older than "
                                                "revision {existing_revision} in the database; not imported."),
    "import.exists": QT_TRANSLATE_NOOP("errors", "{region} {year} is already in the database (assessment {id}); "
                                                 "the replacement was not confirmed, so it was kept."),
    # zip packages (core/safezip.py)
    "zip.not_zip": QT_TRANSLATE_NOOP("errors", "Not a zip package, or the file is truncated or damaged."),
    "zip.too_large": QT_TRANSLATE_NOOP("errors", "The package is too large to open."),
    "zip.file_too_large": QT_TRANSLATE_NOOP("errors", "The file is larger than this program accepts."),
    "zip.too_many_entries": QT_TRANSLATE_NOOP("errors", "The package holds too many files."),
    "zip.duplicate": QT_TRANSLATE_NOOP("errors", "The package holds the file {entry} twice."),
    "zip.bad_path": QT_TRANSLATE_NOOP("errors", "The package holds a file with an unsafe name ({entry})."),
    "zip.link": QT_TRANSLATE_NOOP("errors", "The package holds a link ({entry}) instead of a file."),
    "zip.encrypted": QT_TRANSLATE_NOOP("errors", "The package holds an encrypted file ({entry})."),
    "zip.unexpected": QT_TRANSLATE_NOOP("errors", "The package holds something unexpected ({entry})."),
    "zip.method": QT_TRANSLATE_NOOP("errors", "The package uses a compression method this program does not "
                                              "support ({entry})."),
    "zip.entry_too_large": QT_TRANSLATE_NOOP("errors", "A file in the package ({entry}) unpacks to more than this "
                                                       "program accepts."),
    "zip.ratio": QT_TRANSLATE_NOOP("errors", "A file in the package ({entry}) unpacks to far more than its packed "
                                             "size (a zip bomb); refused."),
    "zip.damaged_entry": QT_TRANSLATE_NOOP("errors", "A file in the package ({entry}) is damaged."),
    # packages (exchange/package.py)
    "package.evidence_too_large": QT_TRANSLATE_NOOP("errors", "Not exported: the evidence file {name} of point "
                                                              "({point}) is {size_mb} MB; a package takes at most "
                                                              "{limit_mb} MB per file."),
    "package.too_large": QT_TRANSLATE_NOOP("errors", "Not exported: the evidence files come to {size_mb} MB; a "
                                                     "package takes at most {limit_mb} MB."),
    "package.too_many_files": QT_TRANSLATE_NOOP("errors", "Not exported: {count} evidence files; a package takes "
                                                          "at most {limit}."),
    "package.evidence_damaged": QT_TRANSLATE_NOOP("errors", "Not exported: the evidence file {name} of point "
                                                            "({point}) is damaged in the database."),
    "package.no_manifest": QT_TRANSLATE_NOOP("errors", "Not a package of this program (it has no manifest.json)."),
    "package.manifest": QT_TRANSLATE_NOOP("errors", "The package's list of contents (manifest.json) is damaged "
                                                    "({reason})."),
    "package.format": QT_TRANSLATE_NOOP("errors", "Made by another version of this program (package format "
                                                  "{format})."),
    "package.missing": QT_TRANSLATE_NOOP("errors", "A file the package should hold is missing: {entry}."),
    "package.extra": QT_TRANSLATE_NOOP("errors", "The package holds a file its workbook does not list: {entry}."),
    "package.altered": QT_TRANSLATE_NOOP("errors", "A file in the package was changed after export: {entry}."),
    "package.not_export": QT_TRANSLATE_NOOP("errors", "The package holds a fill-in template ({entry}), not an "
                                                      "exported assessment."),
    "package.changed": QT_TRANSLATE_NOOP("errors", "The package changed while it was being imported ({entry}); "
                                                   "nothing was imported."),
    # schemes and report settings
    "catalog.unreadable": QT_TRANSLATE_NOOP("errors", "The indicator system file {file} can't be read."),
    "scheme.not_workbook": QT_TRANSLATE_NOOP("errors", "{file} is not a scheme workbook."),
    "report.year": QT_TRANSLATE_NOOP("errors", "The year must be a whole year such as 2021."),
    "report.too_long": QT_TRANSLATE_NOOP("errors", "The report setting is too long."),
    "report.order": QT_TRANSLATE_NOOP("errors", "Unknown order of the report's regions."),
    "report.field": QT_TRANSLATE_NOOP("errors", "Unknown report setting."),
    # the province's review (core/review.py, exchange/review_xlsx.py)
    "store.imported": QT_TRANSLATE_NOOP("errors", "Assessment {id} was imported: the county's answers are not "
                                                  "edited here; review it instead."),
    "review.not_imported": QT_TRANSLATE_NOOP("errors", "Assessment {id} was made in this database; only imported "
                                                       "assessments are reviewed."),
    "review.open_issues": QT_TRANSLATE_NOOP("errors", "Not approved: point(s) {points} still carry an open issue. "
                                                      "Accept or adjust them, or return the assessment."),
    "review.incomplete": QT_TRANSLATE_NOOP("errors", "Not approved: point(s) {points} are unanswered. Return the "
                                                     "assessment to the county, or adjust them."),
    "review.requires": QT_TRANSLATE_NOOP("errors", "Not approved: the verified answers of point(s) {points} break "
                                                   "a rule (a point they require earns nothing)."),
    "review.draft": QT_TRANSLATE_NOOP("errors", "Not approved: the county sent assessment {id} as a draft (not "
                                                "submitted). Return it, or wait for the submitted revision."),
    "review.no_value": QT_TRANSLATE_NOOP("errors", "Point ({point}): an adjustment needs the verified value."),
    "review.undecided": QT_TRANSLATE_NOOP("errors", "Approve or return assessment {id} before exporting its "
                                                    "review."),
    "review_file.edited": QT_TRANSLATE_NOOP("errors", "The review workbook {file} was edited after export; "
                                                      "nothing was changed."),
    "review_file.other_revision": QT_TRANSLATE_NOOP("errors", "The review workbook {file} reviews revision "
                                                              "{revision}, but the latest export is revision "
                                                              "{latest}; nothing was changed."),
    "review_file.no_assessment": QT_TRANSLATE_NOOP("errors", "The review workbook {file} is for {region} {year}, "
                                                             "which has no assessment in this database."),
    "review_file.not_workbook": QT_TRANSLATE_NOOP("errors", "{file} is not an Excel workbook, or it is damaged; "
                                                            "nothing was changed."),
    "review_file.not_review": QT_TRANSLATE_NOOP("errors", "{file} is not a review workbook of jlip-desktop."),
    # region list import (core/regions.py)
    "regions.bad_line": QT_TRANSLATE_NOOP("errors", "The region list {file} was not imported; nothing was changed. "
                                                    "Line {line}: {reason}"),
    "regions.in_use": QT_TRANSLATE_NOOP("errors", "The region list {file} was not imported; nothing was changed: "
                                                  "region {region} has {count} assessment(s) and is not in the file. "
                                                  "A region with assessments can't be removed."),
    "regions.empty": QT_TRANSLATE_NOOP("errors", "The file {file} lists no regions; nothing was changed."),
    # answers files, region lists and reviews (core/bulk.py, core/regions.py, core/review.py, exchange/review_xlsx.py)
    "answers.bad_entry": QT_TRANSLATE_NOOP("errors", "{file}: entry {entry} can't be imported ({reason})."),
    "answers.empty": QT_TRANSLATE_NOOP("errors", "{file} holds no assessment: nothing to import."),
    "answers.not_list": QT_TRANSLATE_NOOP("errors", "{file} is not an answers file of this program."),
    "answers.too_many": QT_TRANSLATE_NOOP("errors", "{file} holds too many assessments for one import."),
    "file.folder": QT_TRANSLATE_NOOP("errors", "{file} is a folder, not a file."),
    "file.is_folder": QT_TRANSLATE_NOOP("errors", "{file} is a folder, not a file."),
    "file.not_utf8": QT_TRANSLATE_NOOP("errors", "{file} is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in Excel)."),
    "review.bad_comment": QT_TRANSLATE_NOOP("errors", "Point ({point}): the review comment must be text."),
    "review.bad_decision": QT_TRANSLATE_NOOP("errors", "Unknown review decision {decision}: approve or return."),
    "review.bad_verdict": QT_TRANSLATE_NOOP("errors", "{at_point}The verdict {verdict} is not one of the review's "
                                                      "verdicts, or it carries no value."),
    "review_file.catalog": QT_TRANSLATE_NOOP("errors", "The review workbook {file} uses another indicator system "
                                                       "than the assessment."),
    "review_file.damaged": QT_TRANSLATE_NOOP("errors", "The review workbook {file} is damaged."),
    "review_file.imported": QT_TRANSLATE_NOOP("errors", "The review workbook {file} is about {region} {year}, which "
                                                        "was imported here; a review goes back to the database the "
                                                        "assessment was made in."),
    "review_file.unreadable": QT_TRANSLATE_NOOP("errors", "The review workbook {file} can't be read."),
    "review_file.version": QT_TRANSLATE_NOOP("errors", "The review workbook {file} was made by another version of "
                                                       "this program."),
}

# Names of fields in `field` params (core/store.py LIMITS), worded in the UI language.
FIELD_NAMES: dict[str, str] = {
    "assessor": QT_TRANSLATE_NOOP("errors", "assessor"),
    "note": QT_TRANSLATE_NOOP("errors", "note"),
    "reason": QT_TRANSLATE_NOOP("errors", "reason"),
    "evidence file name": QT_TRANSLATE_NOOP("errors", "evidence file name"),
    "evidence file": QT_TRANSLATE_NOOP("errors", "evidence file"),
    "user name": QT_TRANSLATE_NOOP("errors", "your name"),
}
AT_POINT = QT_TRANSLATE_NOOP("errors", "Point ({0}): ")

GENERIC = QT_TRANSLATE_NOOP("errors", "This could not be done; nothing was changed. "
                                      "The technical details are below (for support).")
INTERNAL = QT_TRANSLATE_NOOP("errors", "An unexpected error occurred; nothing was changed. "
                                       "The technical details are below (for support).")


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def _err(text: str) -> str:
    return QCoreApplication.translate("errors", text)


@dataclass(frozen=True)
class Wording:
    """What a message box shows for an error: the sentence, and details (technical) if any."""

    text: str
    details: str | None = None


def _param(value: object) -> str:
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, (list, tuple)):
        return "、".join(_param(v) for v in value)
    return str(value)


class _Params(dict):
    def __missing__(self, key):
        raise KeyError(key)


def _region_name(code: str) -> str:
    """A region code as its name in the UI language (the code itself if unknown)."""
    from ..core.store import builtin_regions

    for r in builtin_regions():
        if r.code == code:
            english = QLocale().language() != QLocale.Language.Chinese
            return (r.name_en or r.name) if english else r.name
    return code


def word(code: str | None, params: dict | None, technical: str, *, internal: bool = False) -> Wording:
    """A code and its params in the UI language; the generic sentence (technical text as details) otherwise."""
    template = ERROR_TEXTS.get(code) if code and code != "bad_input" else None
    if template is not None:
        raw = dict(params or {})
        values = _Params({k: _param(v) for k, v in raw.items()})
        if re.fullmatch(r"\d{6}", str(raw.get("region", ""))):
            values["region"] = _region_name(str(raw["region"]))
        if "field" in raw:
            values["field"] = _err(FIELD_NAMES.get(str(raw["field"]), str(raw["field"])))
        values["at_point"] = _err(AT_POINT).format(raw["point"]) if raw.get("point") is not None else ""
        try:
            return Wording(_err(template).format_map(values))
        except (KeyError, IndexError, ValueError):
            pass  # a template that needs a param the error doesn't carry: fall through to the generic text
    details = technical if code in (None, "bad_input") else f"{technical}\n[{code}]"
    return Wording(_err(INTERNAL if internal else GENERIC), details)


def describe(exc: BaseException) -> Wording:
    """The error worded in the UI language, from its code and params."""
    if isinstance(exc, BadInput):
        return word(exc.code, exc.params, str(exc) or type(exc).__name__)
    return word(None, None, f"{type(exc).__name__}: {exc}", internal=True)


def error_text(exc: BaseException) -> str:
    """One line or paragraph for a label or a list: the wording, with the technical text only when unworded."""
    w = describe(exc)
    return w.text if w.details is None else f"{w.text}\n{w.details}"


def warn(parent: QWidget | None, title: str, text: str | BaseException, details: str | None = None) -> None:
    """A warning box; given an exception, it is worded by `describe` (technical text in the details)."""
    if isinstance(text, BaseException):
        w = describe(text)
        text, details = w.text, (w.details if details is None else details)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def get_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


def get_item(parent: QWidget | None, title: str, label: str, items: list[str]) -> str | None:
    value, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
    return value if ok else None
