#!/usr/bin/env bash
# Sets up what the application needs, then starts it. With no --db it opens
# the default database in the user's data folder, created from sample_db/ on
# first run. Extra arguments go to jlip-desktop (e.g. --db FILE, --lang en).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --app
exec .venv/bin/jlip-desktop "$@"
