#!/usr/bin/env python3
"""Growth (issue 16): build cost per article and query latency as the
corpus grows from 25,000 to 50,000 to 100,000 articles.

usage: python3 benches/growth.py [--scale /tmp/scale] [--work DIR]
                                 [--steps 25000,50000,100000] [--no-build]

The corpora are the first N articles of the scale corpus
(`make_scale.py` draws articles one after another from one seeded
generator, so its first N articles are what `--articles N` makes), hard
links in WORK/scale-N, made once. For each size it builds a fresh index
with full extraction and attribution (`newsidx index`), then measures
in-process query latency over benches/queries.tsv with the
`query_latency` bench (default folded search, as `compare.py`), and
prints per size: wall and CPU time of the build (user + system, children
included), CPU per 1,000 articles, peak RSS, index size, and the p50/p99
latency. Two checks close the table:

- build cost per article stays flat: the largest CPU per article is
  within 15% of the smallest;
- p50 grows sub-linearly: p50 at the largest size over p50 at the
  smallest is below the ratio of their article counts.

Standard library only; not run by CI (it takes minutes and a quiet
machine).
"""
import argparse
import datetime
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import (QUERIES, REPO, article_files, du, fmt_ms, fmt_s,  # noqa: E402
                     log, percentile, read_queries)

FLAT_WITHIN = 1.15


def subset(scale, n, work):
    """WORK/scale-N: the first n articles of the scale corpus, hard-linked."""
    out = os.path.join(work, f"scale-{n}")
    files = article_files(scale)
    if len(files) < n:
        sys.exit(f"{scale} holds {len(files)} articles, fewer than {n}: "
                 f"make it with python3 ../shared/corpora/make_scale.py {scale}")
    if os.path.isdir(out) and len(article_files(out)) == n:
        return out
    log(f"linking the first {n} articles of {scale} into {out}")
    subprocess.run(["rm", "-rf", out], check=True)
    for path in files[:n]:
        target = os.path.join(out, os.path.relpath(path, scale))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.link(path, target)
    return out


def timed_build(newsidx, corpus, index_dir):
    """Builds a fresh index; (wall s, CPU s, peak RSS bytes)."""
    subprocess.run(["rm", "-rf", index_dir], check=True)
    cmd = [newsidx, "--index", index_dir, "-q", "index", corpus]
    started = datetime.datetime.now()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = (datetime.datetime.now() - started).total_seconds()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"build failed: {' '.join(cmd)}\n{stderr.decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def latencies(latency, index_dir, repeat, rounds):
    """In-process latencies in milliseconds (the bench prints microseconds)."""
    out = []
    for _ in range(rounds):
        text = subprocess.run([latency, "--index", index_dir, "--queries", QUERIES,
                               "--repeat", str(repeat)], capture_output=True, text=True,
                              check=True).stdout
        out += [float(line.split("\t")[1]) / 1000 for line in text.splitlines()
                if not line.startswith("summary")]
    return out


def build_tools(no_build):
    target_dir = os.environ.get("CARGO_TARGET_DIR") or os.path.join(REPO, "target")
    if not no_build:
        log("building newsidx and the latency bench (release)")
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    out = subprocess.run(["cargo", "bench", "--bench", "query_latency", "--no-run",
                          "--message-format=json", "--quiet"], cwd=REPO, check=True,
                         capture_output=True, text=True).stdout
    messages = [json.loads(line) for line in out.splitlines() if '"executable"' in line]
    latency = next(m["executable"] for m in messages
                   if m.get("executable") and m.get("target", {}).get("name") == "query_latency")
    return os.path.join(target_dir, "release", "newsidx"), latency


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", default="/tmp/scale")
    ap.add_argument("--work", default="/tmp/newsidx-growth")
    ap.add_argument("--steps", default="25000,50000,100000", help="article counts, comma-separated")
    ap.add_argument("--repeat", type=int, default=5, help="passes over the query list per latency run")
    ap.add_argument("--latency-rounds", type=int, default=3)
    ap.add_argument("--no-build", action="store_true", help="use the release binaries already built")
    args = ap.parse_args()
    steps = sorted(int(s) for s in args.steps.split(","))
    newsidx, latency = build_tools(args.no_build)
    os.makedirs(args.work, exist_ok=True)
    load_before = os.getloadavg()

    rows = []
    for n in steps:
        corpus = subset(args.scale, n, args.work)
        index_dir = os.path.join(args.work, f"index-{n}")
        log(f"{n} articles: building")
        wall, cpu, rss = timed_build(newsidx, corpus, index_dir)
        log(f"{n} articles: query latency")
        lat = latencies(latency, index_dir, args.repeat, args.latency_rounds)
        rows.append({"articles": n, "input_bytes": sum(os.path.getsize(f) for f in article_files(corpus)),
                     "wall": wall, "cpu": cpu, "rss": rss, "size": du(index_dir),
                     "p50": percentile(lat, 50), "p99": percentile(lat, 99)})

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                            capture_output=True, text=True).stdout.strip()
    load_after = os.getloadavg()
    lines = [
        f"newsidx growth, {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit}",
        f"machine: {os.cpu_count()} cores, load average before {load_before[0]:.2f} / after {load_after[0]:.2f}",
        f"latency: {len(read_queries())} queries x {args.repeat} repeats x {args.latency_rounds} runs, "
        "in process, folded (default)",
        "",
        "| articles | input | build wall | build CPU | CPU per 1,000 articles | peak RSS | index / input "
        "| query p50 | query p99 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['articles']:,} | {r['input_bytes'] / 1e6:.1f} MB | {fmt_s(r['wall'])} | {fmt_s(r['cpu'])} "
            f"| {fmt_s(r['cpu'] / r['articles'] * 1000)} | {r['rss'] / 1e6:.0f} MB "
            f"| {r['size'] / r['input_bytes']:.2f}x | {fmt_ms(r['p50'])} | {fmt_ms(r['p99'])} |")
    per_article = [r["cpu"] / r["articles"] for r in rows]
    spread = max(per_article) / min(per_article)
    growth = rows[-1]["p50"] / rows[0]["p50"]
    size_growth = rows[-1]["articles"] / rows[0]["articles"]
    lines += [
        "",
        f"- {'met' if spread <= FLAT_WITHIN else 'MISSED'}: build CPU per article flat within "
        f"{FLAT_WITHIN - 1:.0%} (largest / smallest: {spread:.2f}x)",
        f"- {'met' if growth < size_growth else 'MISSED'}: query p50 grows sub-linearly "
        f"({growth:.2f}x for {size_growth:.0f}x the articles)",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    with open(os.path.join(args.work, "growth.json"), "w") as f:
        json.dump({"header": lines[:3], "rows": rows}, f, indent=1)


if __name__ == "__main__":
    main()
