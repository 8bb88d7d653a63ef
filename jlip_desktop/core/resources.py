"""Finding shipped files (font, translations, sample database, icons).

The one place that knows whether we run from a checkout, an installed wheel
or a frozen (PyInstaller) bundle.  In a checkout the folders sit at the top
of the repository; the wheel and the bundle carry them under
jlip_desktop/_data/.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent.parent  # the jlip_desktop package
TOP_LEVEL = ("resources", "i18n", "sample_db")


@cache
def _roots() -> tuple[Path, ...]:
    roots = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        roots.append(Path(frozen) / "jlip_desktop" / "_data")
    roots.append(_PKG / "_data")  # installed wheel
    roots.append(_PKG.parent)  # checkout or editable install
    return tuple(roots)


def resource_path(*parts: str) -> Path:
    """The path of a shipped file, e.g. resource_path("resources", "fonts", "x.ttf")."""
    if not parts or parts[0] not in TOP_LEVEL:
        raise ValueError(f"resource paths start with one of {TOP_LEVEL}, got {parts!r}")
    for root in _roots():
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    return _roots()[-1].joinpath(*parts)


def cjk_font_path() -> Path:
    return resource_path("resources", "fonts", "DroidSansFallbackFull.ttf")
