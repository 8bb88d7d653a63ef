#!/usr/bin/env bash
# Sets up what the application needs, then starts it on the bundled sample
# database: a working copy (jlip-sample.sqlite in the user's data folder, made
# on first use), so the committed sample is never changed. Arguments, if any,
# go to jlip-desktop instead (e.g. --db FILE, --lang en); with none it runs
# `jlip-desktop --sample`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --app
if [ "$#" -eq 0 ]; then
  set -- --sample
fi
exec .venv/bin/jlip-desktop "$@"
