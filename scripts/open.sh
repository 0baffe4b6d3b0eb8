#!/usr/bin/env bash
# Installs what is missing, builds dist/guanxi.html and opens it (or prints its path when
# there is no display).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
page="$PWD/dist/guanxi.html"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v xdg-open >/dev/null; then
  xdg-open "$page" >/dev/null 2>&1 &
  echo "opened $page"
elif [ "$(uname)" = Darwin ]; then
  open "$page"
else
  echo "no display here; open this file in a browser: $page"
fi
