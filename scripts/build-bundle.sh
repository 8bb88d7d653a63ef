#!/usr/bin/env bash
# Builds the application folder dist/jlip-desktop/ (PyInstaller, build.spec)
# and checks it the way a county PC would run it: the bundle's own
# `jlip-desktop --self-test` and `jlip --version`, with a scrubbed
# environment (no PYTHONPATH, no user folders, no display) from another
# folder.  On Linux it also checks that every shared library in the folder
# resolves.  Slow (a few minutes): not part of scripts/test.sh.
#   scripts/build-bundle.sh            build, then check
#   scripts/build-bundle.sh --check    only check an existing dist/jlip-desktop/
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
app="${JLIP_BUNDLE:-$root/dist/jlip-desktop}"  # JLIP_BUNDLE: check a folder built elsewhere
case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*) exe=".exe" ;; *) exe="" ;; esac

if [ "${1:-}" != "--check" ]; then
  [ -x .venv/bin/python ] || scripts/setup.sh --app
  .venv/bin/python -m pip install -q -e ".[build]" 2>&1 | grep -v "^WARNING: Location" || true
  start=$(date +%s)
  .venv/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec
  echo "build-bundle: built in $(( $(date +%s) - start )) s"
fi
[ -x "$app/jlip-desktop$exe" ] || { echo "build-bundle: $app/jlip-desktop$exe is missing" >&2; exit 1; }

echo "build-bundle: $(du -sh "$app" | cut -f1) in $app; the largest parts:"
du -sh "$app"/_internal/* | sort -h | tail -8 | sed 's/^/  /'

fail=0
if [ "$(uname -s)" = Linux ]; then
  libs="$app/_internal:$app/_internal/PySide6/Qt/lib"
  missing=$(find "$app" -type f \( -name "*.so*" -o -name "jlip-desktop" -o -name "jlip" \) -print0 \
    | xargs -0 -n 20 env LD_LIBRARY_PATH="$libs" ldd 2>/dev/null | grep "not found" | sort -u || true)
  if [ -n "$missing" ]; then
    echo "build-bundle: FAIL shared libraries that do not resolve:" >&2
    echo "$missing" >&2
    fail=1
  else
    echo "build-bundle: every shared library resolves"
  fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
scrubbed=(env -i "PATH=/usr/bin:/bin" "HOME=$tmp" "QT_QPA_PLATFORM=offscreen")
if (cd "$tmp" && "${scrubbed[@]}" "$app/jlip$exe" --version); then :; else
  echo "build-bundle: FAIL jlip --version" >&2; fail=1
fi
if (cd "$tmp" && "${scrubbed[@]}" "$app/jlip-desktop$exe" --self-test); then :; else
  echo "build-bundle: FAIL jlip-desktop --self-test" >&2; fail=1
fi
# With a display (Xvfb here) the self-test runs on the xcb platform plugin, the one a Linux desktop uses.
if [ "$(uname -s)" = Linux ] && command -v xvfb-run >/dev/null 2>&1; then
  # shellcheck disable=SC2016  # expanded by the inner shell, where xvfb-run has set DISPLAY
  if (cd "$tmp" && xvfb-run -a -s "-screen 0 1366x800x24" sh -c \
      'env -i PATH=/usr/bin:/bin HOME="$1" DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" "$2" --self-test' \
      sh "$tmp" "$app/jlip-desktop$exe" 2>/dev/null | grep -F "platform plugin 'xcb'" >/dev/null \
      && [ "${PIPESTATUS[0]}" = 0 ]); then
    echo "build-bundle: the self-test also passes on a display (xcb)"
  else
    echo "build-bundle: FAIL jlip-desktop --self-test on a display (xvfb-run, xcb)" >&2; fail=1
  fi
fi

# Portable mode: with a `portable` file beside the programs, data and settings go to ./data.
if [ ! -e "$app/portable" ] && [ ! -e "$app/data" ]; then
  touch "$app/portable"
  out=$(cd "$tmp" && "${scrubbed[@]}" "$app/jlip-desktop$exe" --self-test 2>/dev/null || true)
  rm -rf "$app/portable" "$app/data"
  if grep -qF "data folder: $app/data (portable" <<<"$out" && grep -qF "settings: $app/data/settings.ini" <<<"$out"; then
    echo "build-bundle: portable mode keeps data and settings in $app/data"
  else
    echo "build-bundle: FAIL portable mode:" >&2
    grep -F -e "data folder:" -e "settings:" <<<"$out" >&2 || true
    fail=1
  fi
fi
[ "$fail" = 0 ] && echo "build-bundle: the bundle passed its checks"
exit "$fail"
