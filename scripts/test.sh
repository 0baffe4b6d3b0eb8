#!/usr/bin/env bash
# Runs every test: native unit/integration/doc tests, the web layer under wasm-bindgen-test in
# headless Chromium, then the end-to-end tests on dist/guanxi.html opened from file://.
# Installs missing tools first (idempotent; fast when everything is there).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
echo "== native tests" >&2
cargo test --release
echo "== build dist/guanxi.html" >&2
./scripts/build.sh
echo "== web layer in headless Chromium (wasm-bindgen-test)" >&2
GUANXI_PRECOMPUTED="$PWD/target/guanxi-web/seed-prepared.json" CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --release --target wasm32-unknown-unknown --lib
echo "== end-to-end from file:// (headless Chromium)" >&2
node --test tests/e2e/
