#!/usr/bin/env bash
# Sets up everything the project needs on a fresh Debian/Ubuntu machine:
# the system libraries Qt needs, the tools the tests use (LibreOffice to
# recalculate exported workbooks, poppler for PDF checks, Xvfb for
# screenshots), and a virtual environment in .venv with the project installed.
# Safe to run again; it skips what is already there.
#   scripts/setup.sh          everything (app + tests)
#   scripts/setup.sh --app    only what the application needs
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-all}"
qt_libs="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0"
test_tools="poppler-utils xvfb xauth libreoffice-calc-nogui"
pkgs="$qt_libs"
[ "$mode" = "--app" ] || pkgs="$pkgs $test_tools"
py="${PYTHON:-python3}"
# Debian's python3 makes no virtual environment without ensurepip, which is in python3-venv.
if [ ! -x .venv/bin/python ] && ! "$py" -c "import ensurepip" >/dev/null 2>&1; then
  pkgs="$pkgs python3-venv"
fi

missing=""
if command -v dpkg-query >/dev/null 2>&1; then
  for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
fi
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else sudo="none"; fi
  if [ "$sudo" = none ]; then
    echo "setup: please install these Debian packages:$missing" >&2
  else
    echo "setup: installing system packages:$missing"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
if [ "$mode" = "--app" ]; then
  .venv/bin/python -m pip install -q -e . 2>&1 | grep -v "^WARNING: Location" || true
else
  .venv/bin/python -m pip install -q -e ".[test]" 2>&1 | grep -v "^WARNING: Location" || true
fi
.venv/bin/python -c "import jlip_desktop, PySide6, openpyxl, reportlab" \
  || { echo "setup: the virtual environment is incomplete" >&2; exit 1; }
