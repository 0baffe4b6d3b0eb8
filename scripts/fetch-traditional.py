#!/usr/bin/env python3
"""Regenerates src/text/normal/traditional.rs from OpenCC's TSCharacters.txt (PyPI
opencc-python-reimplemented 0.1.7, Apache-2.0 licence).

Reading maps each traditional character to its simplified form, one char for one char, so that
the recogniser (trained on simplified print), the word list and the gazetteer read 美國總統 as
美国总统 while every offset still points into the printed text. Kept: pairs whose first
candidate is one simplified character other than the character itself. Left out, so that
simplified text reads exactly as before: characters that are simplified characters too (keys of
STCharacters.txt) and characters that may stand for themselves (乾 in 乾隆, 於 the surname:
their candidates include the character).
Usage: python3 scripts/fetch-traditional.py   (needs pip; writes src/text/normal/traditional.rs)
"""
import os, subprocess, sys, tempfile, zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WHEEL = "opencc_python_reimplemented-0.1.7-py2.py3-none-any.whl"
with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                    "opencc-python-reimplemented==0.1.7", "-d", tmp], check=True)
    with zipfile.ZipFile(os.path.join(tmp, WHEEL)) as z:
        ts = z.read("opencc/dictionary/TSCharacters.txt").decode("utf-8").splitlines()
        st = z.read("opencc/dictionary/STCharacters.txt").decode("utf-8").splitlines()

simplified = {line.split("\t")[0] for line in st if "\t" in line}
pairs = []
for line in ts:
    if "\t" not in line:
        continue
    t, cands = line.split("\t", 1)
    cands = cands.split()
    s = cands[0] if cands else t
    if len(t) == 1 and len(s) == 1 and s != t and t not in simplified and t not in cands:
        pairs.append((t, s))
pairs.sort()
out = os.path.join(ROOT, "src", "text", "normal", "traditional.rs")
with open(out, "w", encoding="utf-8") as f:
    f.write("//! Traditional characters and the simplified ones reading maps them to, sorted by the\n")
    f.write("//! traditional one. Generated from OpenCC's TSCharacters.txt (opencc-python-reimplemented\n")
    f.write("//! 0.1.7, Apache-2.0) by scripts/fetch-traditional.py; do not edit by hand.\n\n")
    f.write("#[rustfmt::skip]\n")
    f.write(f"pub(super) static TRADITIONAL: [(char, char); {len(pairs)}] = [\n")
    for i in range(0, len(pairs), 8):
        f.write("    " + " ".join(f"('{t}', '{s}')," for t, s in pairs[i:i + 8]) + "\n")
    f.write("];\n")
print(f"wrote {len(pairs)} pairs to {out}")
