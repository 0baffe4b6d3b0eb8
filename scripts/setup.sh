#!/usr/bin/env bash
# Installs every tool the project needs, idempotently: a second run only checks versions.
# Pinned versions are the ones known to work with rustc 1.95 (see README "The two commands").
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132
GECKODRIVER_VERSION=0.37.1

log() { printf '[setup] %s\n' "$*" >&2; }

# Version checks read the whole output first: `cmd | grep -q` under pipefail fails whenever
# grep stops reading before cmd has written everything (SIGPIPE), which reinstalled tools at
# random.
if ! grep -qx wasm32-unknown-unknown <<<"$(rustup target list --installed)"; then
  log "adding wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! grep -q " $WASM_BINDGEN_VERSION" <<<"$(wasm-bindgen --version 2>/dev/null || true)"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lockfile wants a webpki-roots version the registry here lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! grep -q " $TRUNK_VERSION" <<<"$(trunk --version 2>/dev/null || true)"; then
  log "installing trunk $TRUNK_VERSION"
  cargo install trunk --locked --version "$TRUNK_VERSION" --force
fi

# Firefox's WebDriver, built from crates.io (its GitHub release binaries are out of reach).
if ! grep -q "^geckodriver $GECKODRIVER_VERSION" <<<"$(geckodriver --version 2>/dev/null || true)"; then
  log "installing geckodriver $GECKODRIVER_VERSION"
  cargo install geckodriver --locked --version "$GECKODRIVER_VERSION" --force
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ]; then
  log "installing npm tools (binaryen@$BINARYEN_VERSION, playwright-core)"
  npm ci --no-audit --no-fund
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
   || ! command -v firefox-esr >/dev/null || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  log "installing chromium, chromium-driver, firefox-esr, fonts-noto-cjk"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver firefox-esr fonts-noto-cjk >/dev/null
fi
if ! python3 -c "import networkx" 2>/dev/null; then
  log "installing networkx (independent GEXF/GraphML parser for the export tests)"
  python3 -m pip install --quiet "networkx==3.6.1"
fi
log "tools ready"
