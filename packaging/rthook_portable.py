"""PyInstaller runtime hook of jlip-desktop: portable mode covers the settings too.

With a file named `portable` next to the program (jlip_desktop.paths), the
database already lives in ./data; this puts Qt's settings file (INI, user
scope) there as well, so nothing is left on the PC when the USB stick goes.
"""


def _portable_settings() -> None:
    import os

    from jlip_desktop import paths

    folder = paths.portable_dir()
    if folder is None or os.environ.get("JLIP_DATA_DIR"):
        return
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))


_portable_settings()
