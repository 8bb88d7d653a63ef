"""The wheel, installed into a fresh virtual environment, as a county PC with Python would have it.

Run by scripts/test-packaging.sh (not part of the normal suite: it builds a
wheel and downloads the dependencies into a new environment).  JLIP_WHEEL
names a wheel to test instead of building one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=True, text=True, encoding="utf-8", capture_output=True, **kw)


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    given = os.environ.get("JLIP_WHEEL")
    if given:
        return Path(given)
    out = tmp_path_factory.mktemp("wheel")
    try:
        _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)])
    except (subprocess.CalledProcessError, FileNotFoundError):
        _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(ROOT)])
    (found,) = out.glob("jlip_desktop-*.whl")
    return found


@pytest.fixture(scope="session")
def fresh_env(wheel, tmp_path_factory) -> dict[str, Path]:
    """A new virtual environment (in a folder with Chinese and a space) with only the wheel installed."""
    base = tmp_path_factory.mktemp("fresh") / "新 环境"
    venv.EnvBuilder(with_pip=True, clear=True).create(base)
    bindir = base / ("Scripts" if os.name == "nt" else "bin")
    exe = ".exe" if os.name == "nt" else ""
    python = bindir / f"python{exe}"
    _run([str(python), "-m", "pip", "install", "-q", str(wheel)])
    return {"python": python, "jlip": bindir / f"jlip{exe}", "jlip-desktop": bindir / f"jlip-desktop{exe}",
            "home": tmp_path_factory.mktemp("home")}


@pytest.fixture
def run_fresh(fresh_env, tmp_path):
    """Run a program of the fresh environment with a scrubbed environment, from a folder outside the checkout."""

    def run(name: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        home = fresh_env["home"]
        env = {
            "PATH": os.pathsep.join(["/usr/bin", "/bin"]) if os.name != "nt" else os.environ["PATH"],
            "HOME": str(home),
            "USERPROFILE": str(home),
            "APPDATA": str(home / "appdata"),
            "LOCALAPPDATA": str(home / "localappdata"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "QT_QPA_PLATFORM": "offscreen",
        }
        if os.name == "nt":
            env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", r"C:\Windows")
        proc = subprocess.run([str(fresh_env[name]), *args], cwd=tmp_path, env=env, text=True, encoding="utf-8",
                              capture_output=True, timeout=600)
        if check and proc.returncode != 0:
            raise AssertionError(f"{name} {' '.join(args)} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
        return proc

    return run
