#!/usr/bin/env bash
# Builds dist/guanxi.html: one self-contained file (wasm inlined, no fetch, no ES module) that
# works from file://. Assumes the tools from scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/guanxi-web
mkdir -p "$out" dist
# The demo page's extraction and settled layout, by the same core natively (the page then
# opens without loading the recogniser or laying out first; tests check the wasm core agrees).
cargo build --release --bin guanxi
(cd data && ../target/release/guanxi prepare seed-page.txt) > "$out/seed-prepared.json"
# The recogniser and lexicons go into the page after the code (see `guanxi bundle`).
GUANXI_EXTERNAL_ASSETS=1 GUANXI_PRECOMPUTED="$PWD/$out/seed-prepared.json" \
  cargo build --release --target wasm32-unknown-unknown --lib
wasm-bindgen --target no-modules --no-typescript --out-dir "$out" \
  target/wasm32-unknown-unknown/release/guanxi.wasm
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd \
  "$out/guanxi_bg.wasm" -o "$out/guanxi_bg.opt.wasm"
cargo run --release --quiet --bin guanxi -- bundle index.html "$out/guanxi.js" \
  "$out/guanxi_bg.opt.wasm" dist/guanxi.html
