"""The house's layering: the core knows no Qt and nothing above it.

- Nothing outside jlip_desktop/gui imports Qt (PySide6, shiboken6) or pyqtgraph.
- jlip_desktop/core imports nothing from exchange/, reports/, gui/ or the command line.
- exchange/ and reports/ import nothing from gui/.

Checked twice: statically, over every import statement (including the ones
inside functions), and dynamically, by importing every non-GUI module in a
fresh interpreter and looking at sys.modules.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "jlip_desktop"
QT_ROOTS = {"PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6", "PySide2"}
FORBIDDEN_FOR = {
    "core": {"jlip_desktop.exchange", "jlip_desktop.reports", "jlip_desktop.gui", "jlip_desktop.cli"},
    "exchange": {"jlip_desktop.gui", "jlip_desktop.cli"},
    "reports": {"jlip_desktop.gui", "jlip_desktop.cli"},
}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module an import statement in the file names, made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    me = _module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            found.append((node.lineno, mod))
            # "from jlip_desktop import gui" names a subpackage through the alias
            found += [(node.lineno, f"{mod}.{a.name}") for a in node.names]
    return found


def _layer(path: Path) -> str:
    rel = path.relative_to(PKG)
    return rel.parts[0] if len(rel.parts) > 1 else ""


def _violations(files: list[Path]) -> list[str]:
    out = []
    for path in files:
        layer = _layer(path)
        for lineno, mod in _imports(path):
            root = mod.split(".")[0]
            where = f"{path.relative_to(PKG.parent)}:{lineno}"
            if layer != "gui" and root in QT_ROOTS:
                out.append(f"{where} imports {mod} outside jlip_desktop/gui")
            for banned in FORBIDDEN_FOR.get(layer, ()):
                if mod == banned or mod.startswith(banned + "."):
                    out.append(f"{where} ({layer}/) imports {mod}")
    return out


def test_no_qt_outside_gui_and_core_stands_alone():
    files = sorted(PKG.rglob("*.py"))
    assert len(files) > 20, "the package was not found"
    assert _violations(files) == []


@pytest.mark.parametrize(
    "layer, source, expected",
    [
        ("core", "from PySide6.QtCore import QObject\n", "imports PySide6.QtCore outside jlip_desktop/gui"),
        ("core", "def f():\n    import pyqtgraph\n", "imports pyqtgraph outside jlip_desktop/gui"),
        ("core", "from ..exchange import xlsx\n", "(core/) imports jlip_desktop.exchange"),
        ("core", "from .. import gui\n", "(core/) imports jlip_desktop.gui"),
        ("reports", "from ..gui.fonts import install_cjk_font\n", "(reports/) imports jlip_desktop.gui.fonts"),
        ("exchange", "import shiboken6\n", "imports shiboken6 outside jlip_desktop/gui"),
    ],
)
def test_the_check_catches_a_forbidden_import(tmp_path, monkeypatch, layer, source, expected):
    """The check above can fail: a planted import in a copy of the layout is found."""
    fake = tmp_path / "jlip_desktop"
    (fake / layer).mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / layer / "__init__.py").write_text("")
    planted = fake / layer / "planted.py"
    planted.write_text(source)
    monkeypatch.setattr(sys.modules[__name__], "PKG", fake)
    problems = _violations([planted])
    assert problems and all(expected in p for p in problems[:1]), problems


def test_importing_every_non_gui_module_loads_no_qt():
    modules = [_module_name(p) for p in sorted(PKG.rglob("*.py")) if _layer(p) != "gui"]
    code = (
        "import importlib, json, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(QT_ROOTS)!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
