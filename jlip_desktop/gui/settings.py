"""QSettings in one place (INI format, so tests can point it at a temporary folder)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANISATION = "jlip-desktop"
APPLICATION = "jlip-desktop"


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)
