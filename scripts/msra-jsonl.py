#!/usr/bin/env python3
"""The MSRA NER corpus text as JSON Lines articles, for timing and memory of `guanxi extract`.

    python3 scripts/msra-jsonl.py corpora/dh_msra.txt corpora/msra-4x.jsonl 4

Sentences (blank-line separated, one `char<TAB>tag` per line, as scripts/train-ner.sh fetches
the corpus into corpora/) are grouped 25 to an article (msra::DOC_SENTENCES) and joined with no
separator, as scripts/eval-extract.py does; the whole corpus is written COPIES times over, with
distinct titles (2,212 articles and 7.0 MB per copy). Writes nothing into the repository.
"""
import json, sys


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    src, out, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
    sentences, current = [], []
    for line in open(src, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if current:
                sentences.append("".join(current))
                current = []
            continue
        current.append(line.split("\t")[0])
    if current:
        sentences.append("".join(current))
    n = 0
    with open(out, "w", encoding="utf-8") as f:
        for c in range(copies):
            for i in range(0, len(sentences), 25):
                n += 1
                article = {"title": f"msra {c}-{i // 25}", "source": "msra",
                           "text": "".join(sentences[i:i + 25])}
                f.write(json.dumps(article, ensure_ascii=False) + "\n")
    print(f"{out}: {n} articles", file=sys.stderr)


if __name__ == "__main__":
    main()
