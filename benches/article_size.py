#!/usr/bin/env python3
"""Time and peak memory against the size of one article (issue 21, section 4).

Makes one plain-text article of short paragraphs at 1, 8 and 32 MB, and one
file of a single line at 10 and 30 MB, from the paragraphs of
../shared/corpora/bbc (a fixed shuffle, so every run reads the same bytes),
then runs `newsidx index` (a new index each time) and `newsidx analyze` on
each and prints wall time, CPU time (user + system), time per MB and peak RSS
(from `wait4`, the process's own high-water mark). Exits non-zero if the
8 MB article's `index` goes over 120 MB.

    python3 benches/article_size.py [--bin target/release/newsidx]
        [--sizes 1,8,32] [--lines 10,30] [--work /tmp/newsidx-size]

Standard library only; not run by CI (figures from a shared machine).
"""

import argparse
import glob
import os
import random
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BBC = os.path.join(ROOT, "..", "shared", "corpora", "bbc")
MB = 1024 * 1024
LIMIT_8MB = 120  # MB of peak RSS for the 8 MB article


def paragraphs():
    out = []
    for path in sorted(glob.glob(os.path.join(BBC, "*", "*.txt"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            parts = f.read().split("\n\n")[1:]
        out += [p.strip().replace("\n", " ") for p in parts if p.strip()]
    if not out:
        sys.exit(f"no paragraphs under {BBC}")
    return out


def make(path, size_mb, one_line, paras):
    """Writes an article of `size_mb` MB: a title, then paragraphs."""
    rng = random.Random(21)
    sep = " " if one_line else "\n\n"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as w:
        w.write("A very long article\n\n")
        n, want = 0, int(size_mb * MB)
        while n < want:
            p = rng.choice(paras) + sep
            w.write(p)
            n += len(p.encode())


def run(argv):
    """Wall s, CPU s and peak RSS (MB) of one process; stdout discarded."""
    started = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # stderr is small (one summary line); read it before waiting.
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(argv)} failed: {err.decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "newsidx"))
    ap.add_argument("--sizes", default="1,8,32")
    ap.add_argument("--lines", default="10,30")
    ap.add_argument("--work", default="/tmp/newsidx-size")
    args = ap.parse_args()

    paras = paragraphs()
    cases = [(float(s), False) for s in args.sizes.split(",") if s]
    cases += [(float(s), True) for s in args.lines.split(",") if s]
    load = os.getloadavg()[0]
    print(f"newsidx {args.bin}; {os.cpu_count()} cores, load average {load:.1f}")
    print()
    print("| article | command | wall s | CPU s | CPU s per MB | peak RSS MB |")
    print("|---|---|---|---|---|---|")
    failed = False
    for size, one_line in cases:
        name = f"{'line' if one_line else 'paras'}-{size:g}mb"
        folder = os.path.join(args.work, name)
        article = os.path.join(folder, "article.txt")
        if not os.path.exists(article):
            make(article, size, one_line, paras)
        index = os.path.join(args.work, name + "-index")
        shutil.rmtree(index, ignore_errors=True)
        label = f"{size:g} MB, {'one line' if one_line else 'short paragraphs'}"
        for command, argv in [
            ("index", [args.bin, "index", "--index", index, folder]),
            ("analyze", [args.bin, "analyze", article]),
        ]:
            wall, cpu, rss = run(argv)
            print(f"| {label} | {command} | {wall:.2f} | {cpu:.2f} | {cpu / size:.3f} | {rss:.0f} |")
            if command == "index" and size == 8 and not one_line and rss > LIMIT_8MB:
                failed = True
        shutil.rmtree(index, ignore_errors=True)
    print()
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    if failed:
        sys.exit(f"the 8 MB article's index went over {LIMIT_8MB} MB")


if __name__ == "__main__":
    main()
