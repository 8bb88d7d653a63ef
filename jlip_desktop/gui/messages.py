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

from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
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
}

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


def describe(exc: BaseException) -> Wording:
    """The error worded in the UI language, from its code and params."""
    code = getattr(exc, "code", None) if isinstance(exc, BadInput) else None
    technical = str(exc) or type(exc).__name__
    template = ERROR_TEXTS.get(code) if code and code != "bad_input" else None
    if template is not None:
        params = _Params({k: _param(v) for k, v in getattr(exc, "params", {}).items()})
        try:
            return Wording(_err(template).format_map(params))
        except (KeyError, IndexError, ValueError):
            pass  # a template that needs a param the error doesn't carry: fall through to the generic text
    generic = GENERIC if isinstance(exc, BadInput) else INTERNAL
    details = technical if code in (None, "bad_input") else f"{technical}\n[{code}]"
    return Wording(_err(generic), details)


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
