"""QSettings in one place (INI format, so tests can point it at a temporary folder)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from ..core import paths

ORGANISATION = "jlip-desktop"
APPLICATION = "jlip-desktop"


def app_settings() -> QSettings:
    """The user's settings; in portable mode a settings.ini in the data folder beside the program."""
    if paths.is_portable():
        return QSettings(str(paths.data_dir() / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)
