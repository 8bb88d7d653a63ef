#!/usr/bin/env bash
# The wheel test: builds the wheel, installs it into a fresh virtual
# environment (its dependencies come from the package index), and runs
# `jlip --version`, `jlip catalog --json`, `jlip score` and
# `jlip-desktop --self-test` there, from another folder with a scrubbed
# environment; also checks the wheel carries every shipped file.
# Slow (it downloads the dependencies): not part of scripts/test.sh.
#   scripts/test-packaging.sh [pytest options]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || scripts/setup.sh
.venv/bin/python -m pip install -q -e ".[test,build]" 2>&1 | grep -v "^WARNING: Location" || true
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m pytest -p no:cacheprovider -o testpaths=tests_packaging tests_packaging "$@"
