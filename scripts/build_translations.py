"""Update i18n/*.ts from the GUI sources and compile them to .qm.

    python scripts/build_translations.py          # lupdate + lrelease
    python scripts/build_translations.py --release-only
    python scripts/build_translations.py --check  # exit 1 if an entry is unfinished

The update round-trips: pyside6-lupdate does not recognise a plural
(`QCoreApplication.translate(ctx, "%n …", "", n)`) in Python sources and would
turn its numerus entry into an unfinished plain one, so numerus entries are
read before lupdate runs and put back after.

Uses pyside6-lupdate / pyside6-lrelease from the same environment as this
Python.  The .ts files are the sources (translators edit them with Qt
Linguist); the .qm files are committed so a checkout runs without the tools.
"""

from __future__ import annotations

import argparse
import re
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


NUMERUS = re.compile(r'<message numerus="yes">\s*<source>([^<]*)</source>\s*<translation>(.*?)</translation>',
                     re.S)
MESSAGE = re.compile(r'<message>(\s*<source>([^<]*)</source>\s*)<translation type="unfinished">.*?</translation>', re.S)


def numerus_entries(text: str) -> dict[str, str]:
    """source -> the <translation> body of every numerus entry (sources are unique enough across contexts)."""
    return {m.group(1): m.group(2) for m in NUMERUS.finditer(text)}


def restore_numerus(text: str, saved: dict[str, str]) -> str:
    """Turn plain entries that were numerus before lupdate back into numerus ones, translations kept."""

    def fix(m: re.Match) -> str:
        body = saved.get(m.group(2))
        if body is None:
            return m.group(0)
        return f'<message numerus="yes">{m.group(1)}<translation>{body}</translation>'

    return MESSAGE.sub(fix, text)


def unfinished(text: str) -> list[str]:
    return re.findall(r'<source>([^<]*)</source>\s*<translation type="unfinished"', text, re.S)


def update(ts: Path) -> None:
    """lupdate the .ts from the GUI sources, keeping plural entries."""
    saved = numerus_entries(ts.read_text(encoding="utf-8")) if ts.exists() else {}
    subprocess.run([tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources(),
                    "-ts", str(ts)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    ts.write_text(restore_numerus(ts.read_text(encoding="utf-8"), saved), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--release-only", action="store_true", help="only compile .ts to .qm")
    ap.add_argument("--check", action="store_true", help="only report unfinished entries (exit 1 if any)")
    args = ap.parse_args(argv)
    status = 0
    for loc in LOCALES:
        ts = I18N / f"jlip_{loc}.ts"
        if args.check:
            for src in unfinished(ts.read_text(encoding="utf-8")):
                print(f"{ts.name}: unfinished: {src}")
                status = 1
            continue
        if not args.release_only:
            update(ts)
            for src in unfinished(ts.read_text(encoding="utf-8")):
                print(f"{ts.name}: unfinished: {src}")
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    return status


if __name__ == "__main__":
    sys.exit(main())
