"""Where file dialogs open: Documents the first time, then the folder the user last used."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from .settings import app_settings

KEY = "last_folder"


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def start_folder(settings=None) -> Path:
    """The folder a file dialog opens in: the last one used if it still exists, else Documents."""
    settings = settings if settings is not None else app_settings()
    last = settings.value(KEY, "")
    if last and Path(str(last)).is_dir():
        return Path(str(last))
    return documents_folder()


def remember_folder(folder: Path, settings=None) -> None:
    settings = settings if settings is not None else app_settings()
    settings.setValue(KEY, str(folder))
