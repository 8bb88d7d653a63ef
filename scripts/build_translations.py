"""Update i18n/*.ts from the GUI sources and compile them to .qm.

    python scripts/build_translations.py          # lupdate + lrelease
    python scripts/build_translations.py --release-only

Uses pyside6-lupdate / pyside6-lrelease from the same environment as this
Python.  The .ts files are the sources (translators edit them with Qt
Linguist); the .qm files are committed so a checkout runs without the tools.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUI = ROOT / "jlip_desktop" / "gui"
I18N = ROOT / "i18n"
LOCALES = ("zh_CN",)


def tool(name: str) -> str:
    here = Path(sys.executable).parent
    for cand in (here / name, here / f"{name}.exe"):
        if cand.exists():
            return str(cand)
    found = shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install PySide6 (it ships {name})")
    return found


# Modules whose texts come from elsewhere (the chart modules keep their own
# zh/en tables), so lupdate would only pick up noise from them.
SKIP = {"__init__.py", "charts.py", "dashboard.py", "selftest.py"}


def sources() -> list[str]:
    return [str(p.relative_to(ROOT)) for p in sorted(GUI.glob("*.py")) if p.name not in SKIP]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--release-only", action="store_true", help="only compile .ts to .qm")
    args = ap.parse_args(argv)
    for loc in LOCALES:
        ts = I18N / f"jlip_{loc}.ts"
        if not args.release_only:
            subprocess.run([tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources(),
                            "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
