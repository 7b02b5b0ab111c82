#!/usr/bin/env python3
"""Grouping quality (issue 16): copy groups against exact word-shingle
Jaccard similarity, computed by brute force.

Reads every passage of an index (`newsidx search --all --json`: one JSON
hit per line, with its text and copy group), keeps a deterministic sample of at
least --sample passages (a hash of path and passage number under a
threshold, so the sample does not depend on segments or build order), cuts
each into word 3-shingles the way grouping does (`syndication::units`:
letters and digits lower-cased, apostrophes inside a word dropped, anything
else separates; passages of fewer than 3 words are never compared), and
finds every pair of sampled passages sharing at least one shingle through
an inverted index of the shingles. Pairs sharing none have similarity 0,
so the exact Jaccard of every pair is known without comparing all of them.

- pair recall: of the pairs with Jaccard >= 0.6, the share in one group;
- pair precision: of the pairs in one group, the share with Jaccard >= 0.6.

usage: python3 benches/grouping_quality.py --index IDX [--sample 20000] [--bin target/release/newsidx]
Standard library only; not run by CI.
"""

import argparse
import hashlib
import json
import subprocess
import sys
from collections import defaultdict

SIMILARITY = 0.6
SHINGLE_WORDS = 3
MIN_PASSAGE_WORDS = 3
APOSTROPHES = {"'", "\u2019", "\u02bc", "\u2018"}


def words(text):
    """The normalized words of `text`, as `units::word_hashes` reads them."""
    out, word = [], []
    for c in text:
        if c.isalnum():
            word.append(c.lower())
        elif c in APOSTROPHES and word:
            continue
        elif word:
            out.append("".join(word))
            word = []
    if word:
        out.append("".join(word))
    return out


def shingles(ws):
    k = min(SHINGLE_WORDS, len(ws))
    return frozenset(" ".join(ws[i:i + k]) for i in range(len(ws) - k + 1))


def sampled(path, passage, share):
    h = hashlib.blake2b(f"{path}\x00{passage}".encode(), digest_size=8).digest()
    return int.from_bytes(h, "big") < share * 2**64


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", required=True)
    ap.add_argument("--sample", type=int, default=20000)
    ap.add_argument("--bin", default="target/release/newsidx")
    args = ap.parse_args()

    run = subprocess.run(
        [args.bin, "-q", "--index", args.index, "search", "--all", "--json",
         "--limit", "100000000", "--also", "0"],
        check=True, capture_output=True)
    hits = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    total = len(hits)
    share = min(1.0, args.sample * 1.1 / max(total, 1))
    sample = []
    for h in hits:
        if share < 1.0 and not sampled(h["path"], h["passage"], share):
            continue
        ws = words(h["text"])
        if len(ws) < MIN_PASSAGE_WORDS:
            continue
        sample.append((shingles(ws), h["group"]))
    n = len(sample)

    postings = defaultdict(list)
    for i, (s, _) in enumerate(sample):
        for sh in s:
            postings[sh].append(i)
    similar = similar_grouped = grouped_dissimilar = near_miss = 0
    for i, (si, gi) in enumerate(sample):
        shared = defaultdict(int)
        for sh in si:
            for j in postings[sh]:
                if j > i:
                    shared[j] += 1
        for j, common in shared.items():
            sj, gj = sample[j]
            jac = common / (len(si) + len(sj) - common)
            if jac >= SIMILARITY:
                similar += 1
                similar_grouped += gi == gj
            elif gi == gj:
                grouped_dissimilar += 1
                near_miss += jac >= 0.5
    sizes = defaultdict(int)
    for _, g in sample:
        sizes[g] += 1
    grouped = sum(s * (s - 1) // 2 for s in sizes.values())
    sharing_nothing = grouped - similar_grouped - grouped_dissimilar
    recall = similar_grouped / similar if similar else 1.0
    precision = similar_grouped / grouped if grouped else 1.0
    print(f"index {args.index}: {total} passages, sample {n}")
    print(f"pairs with word-{SHINGLE_WORDS}-shingle Jaccard >= {SIMILARITY}: {similar}; "
          f"pairs in one group: {grouped}")
    print(f"grouped but Jaccard < {SIMILARITY}: {grouped_dissimilar + sharing_nothing} "
          f"({near_miss} of them >= 0.5, {sharing_nothing} sharing no shingle)")
    print(f"pair recall {recall:.4f} ({'met' if recall >= 0.98 else 'MISSED'}: >= 0.98), "
          f"pair precision {precision:.4f} ({'met' if precision >= 0.99 else 'MISSED'}: >= 0.99)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
