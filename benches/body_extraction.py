#!/usr/bin/env python3
"""Body extraction speed (pages per second) and quality on the shared half of
the trafilatura benchmark, for newsidx and, in the same run, for trafilatura
when it is installed (`pip install trafilatura`).

Usage:
  python3 benches/body_extraction.py [--pages DIR] [--gold FILE] [--bin PATH]
                                     [--rounds 3] [--no-build]

newsidx: `newsidx analyze --json --no-speakers` over all pages in one
process (reading, decoding, parsing, extraction, passage splitting and JSON
output included), timed as wall time. trafilatura: its benchmark settings
(`tests/comparison_small.py`): `extract(page_bytes, include_comments=False,
include_tables=True)`, once with its fallback extractors (the default, the
setting of its published figures) and once `fast=True` (no fallbacks), in
this one Python process, pages read into memory before timing. Wall and
CPU time (newsidx: the child's user+sys; trafilatura: process time) are
both shown: on a loaded machine CPU time is the fairer figure. Rounds
alternate the systems (A B A B ...) so load from other processes falls on
all; the median round is shown. Quality is scored by
../shared/eval/score_body.py on the same output. Standard library only (and
trafilatura when present); not run by CI.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))


def score(gold, jsonl):
    out = subprocess.run(
        [sys.executable, os.path.join(SHARED, "eval", "score_body.py"), gold],
        input=jsonl, capture_output=True, text=True, check=True,
    ).stdout.strip().splitlines()
    fields = dict(kv.split("=") for kv in out[-1].split()[1:])
    return {k: fields[k] for k in ("precision", "recall", "f1")}


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_newsidx(binary, files):
    start, cpu = time.perf_counter(), children_cpu()
    out = subprocess.run(
        [binary, "analyze", "--json", "--no-speakers", *files],
        capture_output=True, text=True,
    )
    elapsed, cpu = time.perf_counter() - start, children_cpu() - cpu
    if not out.stdout:
        sys.exit(f"{binary} analyze printed nothing: {out.stderr[-2000:]}")
    return (elapsed, cpu), out.stdout


def run_trafilatura(extract, pages, fast):
    start, cpu = time.perf_counter(), time.process_time()
    lines = []
    for path, data in pages:
        text = extract(data, fast=fast, include_comments=False, include_tables=True) or ""
        lines.append(json.dumps({"path": path, "passages": [{"text": text}]}))
    return (time.perf_counter() - start, time.process_time() - cpu), "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", default=os.path.join(SHARED, "corpora", "trafilatura-eval", "articles"))
    ap.add_argument("--gold", default=os.path.join(SHARED, "corpora", "trafilatura-eval", "gold.jsonl"))
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "newsidx"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-build", action="store_true", help="use --bin as it is")
    args = ap.parse_args()
    if not os.path.isdir(args.pages):
        sys.exit(f"--pages {args.pages}: no such directory (the shared corpora are in ../shared)")
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    files = sorted(os.path.join(args.pages, f) for f in os.listdir(args.pages) if f.endswith((".html", ".htm")))
    pages = []
    for f in files:
        with open(f, "rb") as fh:
            pages.append((f, fh.read()))
    try:
        import trafilatura
        from trafilatura import extract
        systems = [("trafilatura %s (default: with fallbacks)" % trafilatura.__version__, False),
                   ("trafilatura %s (fast=True)" % trafilatura.__version__, True)]
    except ImportError:
        extract = None
        systems = []
        print("trafilatura is not installed (pip install trafilatura): newsidx only", file=sys.stderr)

    times = {"newsidx": []}
    outputs = {}
    for name, _ in systems:
        times[name] = []
    for _ in range(max(args.rounds, 1)):
        t, out = run_newsidx(args.bin, files)
        times["newsidx"].append(t)
        outputs["newsidx"] = out
        for name, fast in systems:
            t, out = run_trafilatura(extract, pages, fast)
            times[name].append(t)
            outputs[name] = out

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{len(files)} pages, {os.cpu_count()} cores, load {load:.1f}, commit {commit}, "
          f"median of {args.rounds} alternated rounds\n")
    print("| system | wall s | pages/s (wall) | CPU s | pages/s (CPU) | precision | recall | F1 |")
    print("|---|---|---|---|---|---|---|---|")
    rates = {}
    for name in times:
        wall = statistics.median(t[0] for t in times[name])
        cpu = statistics.median(t[1] for t in times[name])
        rates[name] = (len(files) / wall, len(files) / cpu)
        s = score(args.gold, outputs[name])
        print(f"| {name} | {wall:.2f} | {rates[name][0]:.0f} | {cpu:.2f} | {rates[name][1]:.0f} "
              f"| {s['precision']} | {s['recall']} | {s['f1']} |")
    print()
    for name, _ in systems:
        wall = rates["newsidx"][0] / rates[name][0]
        cpu = rates["newsidx"][1] / rates[name][1]
        verdict = "met" if min(wall, cpu) >= 10 else "missed"
        print(f"newsidx / {name}: {wall:.1f}x wall, {cpu:.1f}x CPU (target >= 10x: {verdict})")


if __name__ == "__main__":
    main()
