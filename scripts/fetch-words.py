#!/usr/bin/env python3
"""Regenerates data/words.tsv from jieba 0.42.1's dict.txt (PyPI, MIT licence).

Keeps words of 2-6 characters with frequency >= 30 and a coarse part of speech
(nr person, ns place, nt organisation, n noun, v verb, x other). The recogniser uses them as
word-boundary features: where dictionary words start and end says much about where names do.
Usage: python3 scripts/fetch-words.py   (needs pip; writes data/words.tsv)
"""
import os, subprocess, sys, tarfile, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                    "jieba==0.42.1", "-d", tmp], check=True)
    with tarfile.open(os.path.join(tmp, "jieba-0.42.1.tar.gz")) as tar:
        lines = tar.extractfile("jieba-0.42.1/jieba/dict.txt").read().decode("utf-8").splitlines()

def coarse(pos):
    if pos.startswith("nr"): return "r"
    if pos.startswith("ns"): return "s"
    if pos.startswith("nt"): return "t"
    if pos.startswith("n"): return "n"
    if pos.startswith("v"): return "v"
    return "x"

out = []
for line in lines:
    parts = line.split()
    if len(parts) != 3:
        continue
    word, freq, pos = parts
    if 2 <= len(word) <= 6 and int(freq) >= 30 and all("\u4e00" <= c <= "\u9fff" for c in word):
        out.append(f"{word}\t{coarse(pos)}")
with open(os.path.join(ROOT, "data", "words.tsv"), "w", encoding="utf-8") as f:
    f.write("# Words from jieba 0.42.1 dict.txt (MIT), freq >= 30. Regenerate: python3 scripts/fetch-words.py\n")
    f.write("\n".join(out) + "\n")
print(f"wrote {len(out)} words")
