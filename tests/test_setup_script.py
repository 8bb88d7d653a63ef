"""scripts/setup.sh on a fresh Debian machine, with the system's tools stubbed: what it asks apt for."""

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _stub(folder: Path, name: str, body: str) -> None:
    p = folder / name
    p.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    p.chmod(0o755)


def test_a_python_without_ensurepip_gets_python3_venv_installed(tmp_path):
    repo = tmp_path / "新 机器"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "setup.sh", repo / "scripts" / "setup.sh")
    stubs = tmp_path / "stubs"
    stubs.mkdir()
    _stub(stubs, "dpkg-query", "exit 1")  # nothing installed
    _stub(stubs, "id", "echo 1000")  # not root
    _stub(stubs, "sudo", 'echo "sudo $*" >&2; exit 1')
    _stub(stubs, "python3", 'case "$*" in *ensurepip*) exit 1;; esac; exit 1')  # Debian's python3 alone
    env = {**os.environ, "PATH": f"{stubs}{os.pathsep}{os.environ['PATH']}"}
    env.pop("PYTHON", None)
    r = subprocess.run(["bash", str(repo / "scripts" / "setup.sh")], capture_output=True, text=True, env=env,
                       timeout=60)
    assert r.returncode != 0
    asked = r.stdout + r.stderr
    assert "libreoffice-calc-nogui" in asked and "python3-venv" in asked, asked
