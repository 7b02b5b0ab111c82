#!/usr/bin/env python3
"""newsidx on an OpenSearch test cluster (issue 22): push throughput and
query latency, beside the local index.

usage: python3 benches/cluster.py [--nodes 3] [--bbc DIR | --no-bbc] [--scale DIR | --no-scale]
                                  [--work DIR] [--bin PATH] [--repeat 3] [--heap 512m]
                                  [--serve-only | --browse-only]

Builds newsidx in release mode (unless --bin), starts a cluster of --nodes
nodes with tests/cluster/cluster.sh (stopped at the end), and for each
corpus (bbc, then the 100,000-article scale corpus that
`python3 ../shared/corpora/make_scale.py /tmp/scale` makes):

  - indexes it into WORK/CORPUS-idx (kept and reused by later runs: the
    index is not what is measured here);
  - pushes it into an empty cluster index (`push --name bench-CORPUS`,
    3 shards, 1 replica) and times it: statements per second is the
    statements sent over the push's whole wall time (reading the index,
    creating the cluster indexes, every _bulk request, the final refresh);
  - pushes again with nothing changed (reads and hashes the index only);
  - times the queries of benches/queries.tsv (3 passes by default):
    the whole `newsidx search QUERY FILTERS` process on the local index,
    and the same words and filters as one `_search` request over the
    cluster's statement records (dfs_query_then_fetch, top 10), timed
    from this script (round trip) and by the cluster (`took`). With a
    binary whose `quotes` has `--engine`: the speakers of the speaker
    queries as whole `newsidx quotes --speaker S` processes, and `speakers` and
    `sources`, each from the local index and from the cluster;
  - with a binary whose `serve` has `--engine`: the page's search
    (`GET /api/search`, with facets and timeline, top 10) for the same
    queries and filters, from `serve` on the index and from
    `serve --engine` on the cluster, each running for the whole pass,
    timed from this script (round trip). `--serve-only` skips the other
    query timings; `--browse-only` times only `speakers` and `sources`
    (each apart, local and `--engine`).

Prints a markdown table per corpus with the load average before and after
and the commit; raw figures go to WORK/cluster-results.json. Python
standard library only; not run by CI.
"""
import argparse
import atexit
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLUSTER_SH = os.path.join(REPO, "tests", "cluster", "cluster.sh")

# The same query list and log lines as the local benchmark.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import log, read_queries  # noqa: E402


def load():
    return "%.1f" % os.getloadavg()[0]


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def timed(cmd, ok=(0,)):
    """Runs cmd; its wall time and stdout. Exit codes outside `ok` stop the
    script."""
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True)
    wall = time.perf_counter() - started
    if proc.returncode not in ok:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.decode(errors='replace')}")
    return wall, proc.stdout


def http(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def rest_query(q):
    """The query's words and filters as an OpenSearch query over the
    statement records (text is analysed with the `english` analyzer; the
    speaker filter takes a surname, as `--speaker` does)."""
    must, filters = [], []
    text = q["query"]
    if text.startswith('"') and text.endswith('"'):
        must.append({"match_phrase": {"text": text.strip('"')}})
    elif text:
        must.append({"match": {"text": {"query": text, "operator": "and"}}})
    f = q["filters"]
    for flag, value in zip(f[::2], f[1::2]):
        if flag == "--speaker":
            filters.append({"wildcard": {"speaker": {"value": f"*{value}", "case_insensitive": True}}})
        elif flag == "--source":
            filters.append({"term": {"source": value}})
        elif flag == "--since":
            filters.append({"range": {"published_at": {"gte": value + "T00:00:00Z"}}})
        elif flag == "--until":
            filters.append({"range": {"published_at": {"lte": value + "T23:59:59Z"}}})
        else:
            sys.exit(f"queries.tsv: no REST form for {flag}")
    return {"size": 10, "query": {"bool": {"must": must or [{"match_all": {}}], "filter": filters}}}


class Bench:
    def __init__(self, args):
        self.args = args
        self.work = os.path.abspath(args.work)
        os.makedirs(self.work, exist_ok=True)
        self.bin = args.bin or self.build()
        self.engine = b"--engine" in subprocess.run(
            [self.bin, "quotes", "--help"], capture_output=True).stdout
        self.search_engine = b"--engine" in subprocess.run(
            [self.bin, "search", "--help"], capture_output=True).stdout
        self.serve_engine = b"--engine" in subprocess.run(
            [self.bin, "serve", "--help"], capture_output=True).stdout
        self.commit = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                                     capture_output=True, text=True).stdout.strip()

    def build(self):
        log("cargo build --release")
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
        return os.path.join(target, "release", "newsidx")

    def start_cluster(self):
        self.cluster_dir = os.path.join(self.work, "cluster")
        shutil.rmtree(self.cluster_dir, ignore_errors=True)
        log(f"starting a {self.args.nodes}-node cluster in {self.cluster_dir}")
        env = dict(os.environ, NEWSIDX_CLUSTER_HEAP=self.args.heap)
        out = subprocess.run(["bash", CLUSTER_SH, "start", str(self.args.nodes), self.cluster_dir],
                             capture_output=True, text=True, env=env)
        if out.returncode != 0:
            sys.exit(f"the cluster did not start:\n{out.stderr}")
        atexit.register(self.stop_cluster)
        self.address = out.stdout.strip()
        log(f"cluster at {self.address} ({self.args.heap} heap per node)")

    def stop_cluster(self):
        subprocess.run(["bash", CLUSTER_SH, "stop", self.cluster_dir], capture_output=True)
        shutil.rmtree(self.cluster_dir, ignore_errors=True)

    def newsidx(self, idx, *args):
        return [self.bin, "--index", idx, *args]

    def corpus(self, name, path):
        res = {"corpus": name, "load_before": load(), "nodes": self.args.nodes}
        idx = os.path.join(self.work, f"{name}-idx")
        if not os.path.isdir(idx):
            log(f"indexing {path} into {idx}")
            res["index_s"], _ = timed(self.newsidx(idx, "index", "--quiet", path))
        stats = json.loads(timed(self.newsidx(idx, "stats", "--json"))[1])
        res["statements"], res["articles"] = stats["statements"], stats["articles"]
        cluster_name = f"bench-{name}"
        for state in os.listdir(os.path.dirname(idx)):
            if state.startswith(os.path.basename(idx) + ".push-"):
                os.remove(os.path.join(os.path.dirname(idx), state))
        http("DELETE", f"{self.address}/{cluster_name}-statements,{cluster_name}-articles?ignore_unavailable=true")
        push = self.newsidx(idx, "push", "--json", "--quiet", "--to", self.address,
                            "--name", cluster_name, "--shards", "3", "--replicas", "1")
        log(f"{name}: first push of {res['statements']} statements and {res['articles']} articles")
        res["push_load_before"] = load()
        res["push_s"], out = timed(push)
        res["push_load_after"] = load()
        res["push"] = json.loads(out)
        log(f"{name}: first push {res['push_s']:.1f} s, load {res['push_load_before']} -> "
            f"{res['push_load_after']}: {json.dumps(res['push'])}")
        log(f"{name}: second push (nothing changed)")
        res["push_again_s"], out = timed(push)
        res["push_again"] = json.loads(out)
        count = http("GET", f"{self.address}/{cluster_name}-statements/_count")[1]["count"]
        if count != res["statements"]:
            sys.exit(f"{name}: the cluster holds {count} statements, stats says {res['statements']}")

        queries = read_queries()
        res["local_ms"], res["rest_ms"], res["rest_took_ms"] = [], [], []
        for key in ["quotes_local_ms", "quotes_engine_ms", "browse_local_ms", "browse_engine_ms",
                    "search_engine_ms", "api_local_ms", "api_engine_ms"]:
            res[key] = []
        engine = ["--engine", self.address, "--engine-name", cluster_name]
        if self.serve_engine and not self.args.browse_only:
            log(f"{name}: /api/search latency, {self.args.repeat} passes")
            res["api_local_ms"] = self.api_latency(self.newsidx(idx, "serve"), queries)
            res["api_engine_ms"] = self.api_latency(self.newsidx(idx, "serve", *engine), queries)
        if self.args.serve_only:
            res["load_after"] = load()
            return res
        if self.args.browse_only:
            log(f"{name}: speakers and sources, {self.args.repeat} passes")
            for _ in range(self.args.repeat):
                self.browse(idx, engine, res)
            res["load_after"] = load()
            return res
        log(f"{name}: query latency, {self.args.repeat} passes")
        url = f"{self.address}/{cluster_name}-statements/_search?search_type=dfs_query_then_fetch"
        for _ in range(self.args.repeat):
            for q in queries:
                local = self.newsidx(idx, "search", q["query"], *q["filters"], "--json")
                # Exit 1: no results (bbc has no Outlet07, scale no Blair).
                res["local_ms"].append(timed(local, ok=(0, 1))[0] * 1000)
                if self.search_engine:
                    res["search_engine_ms"].append(timed(local + engine, ok=(0, 1))[0] * 1000)
                body = rest_query(q)
                started = time.perf_counter()
                status, answer = http("POST", url, body)
                res["rest_ms"].append((time.perf_counter() - started) * 1000)
                if status != 200:
                    sys.exit(f"_search {json.dumps(body)}: HTTP {status}: {answer}")
                res["rest_took_ms"].append(answer["took"])
                if self.engine and q["kind"] == "speaker":
                    # The speaker queries' speakers as `quotes --speaker S`
                    # (every statement, folded), from the index and from the
                    # cluster (--engine takes no QUERY yet).
                    quotes = self.newsidx(idx, "quotes", *q["filters"], "--json")
                    res["quotes_local_ms"].append(timed(quotes, ok=(0, 1))[0] * 1000)
                    res["quotes_engine_ms"].append(timed(quotes + engine, ok=(0, 1))[0] * 1000)
            if self.engine:
                self.browse(idx, engine, res)
        res["load_after"] = load()
        return res

    def browse(self, idx, engine, res):
        """Times `speakers` and `sources` once each, from the index and
        from the cluster (`--engine`), into res (both together, and each
        apart)."""
        for command in (["speakers", "--json"], ["sources", "--json"]):
            browse = self.newsidx(idx, *command)
            local = timed(browse)[0] * 1000
            remote = timed(browse + engine)[0] * 1000
            res["browse_local_ms"].append(local)
            res["browse_engine_ms"].append(remote)
            res.setdefault(f"{command[0]}_local_ms", []).append(local)
            res.setdefault(f"{command[0]}_engine_ms", []).append(remote)

    def api_latency(self, serve, queries):
        """Starts `serve` on a free port and times GET /api/search (as the
        page asks: top 10, facets, timeline) for each query and its
        filters, --repeat passes; the round trips in ms."""
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen(serve + ["--addr", f"127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    if http("GET", f"{base}/health")[0] == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.1)
            else:
                sys.exit(f"{' '.join(serve)} did not answer /health")
            times = []
            for _ in range(self.args.repeat):
                for q in queries:
                    params = [("q", q["query"]), ("limit", "10")]
                    f = q["filters"]
                    params += [(flag.lstrip("-"), value) for flag, value in zip(f[::2], f[1::2])]
                    url = f"{base}/api/search?{urllib.parse.urlencode(params)}"
                    started = time.perf_counter()
                    status, answer = http("GET", url)
                    times.append((time.perf_counter() - started) * 1000)
                    if status != 200:
                        sys.exit(f"GET {url}: HTTP {status}: {answer}")
            return times
        finally:
            server.terminate()
            server.wait()


def table(r, commit):
    push, again = r["push"], r["push_again"]
    records = push["statements_sent"] + push["articles_sent"] + push.get("passages_sent", 0)
    lines = [
        f"### {r['corpus']}: {r['statements']:,} statements, {r['articles']:,} articles; "
        f"{r['nodes']}-node cluster, commit {commit}, load {r['load_before']} -> {r['load_after']}",
        "",
        "| run | wall | records sent | throughput |",
        "| --- | ---: | ---: | ---: |",
        f"| first push (creates its indexes, 3 shards, 1 replica; load {r['push_load_before']} -> {r['push_load_after']}) "
        f"| {r['push_s']:.1f} s | {records:,} | {push['statements_sent'] / r['push_s']:,.0f} statements/s "
        f"({records / r['push_s']:,.0f} records/s) |",
        f"| second push, nothing changed | {r['push_again_s']:.1f} s "
        f"| {again['statements_sent'] + again['articles_sent'] + again.get('passages_sent', 0):,} "
        f"({again['unchanged']:,} unchanged) | reads and hashes the index only |",
        "",
        "| query latency (benches/queries.tsv) | p50 | p99 |",
        "| --- | ---: | ---: |",
    ]
    rows = [
        ("local: whole `newsidx search` process", r["local_ms"]),
        ("cluster: one REST `_search` over the statements, round trip", r["rest_ms"]),
        ("cluster: the same, as the cluster reports it (`took`)", r["rest_took_ms"]),
    ]
    if r.get("search_engine_ms"):
        rows.append(("cluster: whole `newsidx search --engine` process (passages, folded, snippets)",
                     r["search_engine_ms"]))
    if r.get("api_engine_ms"):
        rows += [
            ("local: `serve`'s `/api/search` (top 10, facets, timeline), round trip", r["api_local_ms"]),
            ("cluster: `serve --engine`'s `/api/search`, the same", r["api_engine_ms"]),
        ]
    if r["quotes_engine_ms"] or r["browse_engine_ms"]:
        rows += [
            ("local: whole `newsidx quotes --speaker S` process (the 7 speakers of queries.tsv)", r["quotes_local_ms"]),
            ("cluster: the same with `--engine`", r["quotes_engine_ms"]),
            ("local: whole `newsidx speakers` / `sources` process", r["browse_local_ms"]),
            ("cluster: the same with `--engine`", r["browse_engine_ms"]),
        ]
    for command in ("speakers", "sources"):
        if r.get(f"{command}_engine_ms"):
            rows += [
                (f"local: whole `newsidx {command}` process", r[f"{command}_local_ms"]),
                ("cluster: the same with `--engine`", r[f"{command}_engine_ms"]),
            ]
    for label, values in rows:
        if not values:  # not timed (--serve-only)
            continue
        lines.append(f"| {label} | {percentile(values, 50):.1f} ms | {percentile(values, 99):.1f} ms |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", type=int, default=3)
    ap.add_argument("--bbc", default=os.path.join(REPO, "..", "shared", "corpora", "bbc"))
    ap.add_argument("--scale", default="/tmp/scale")
    ap.add_argument("--no-scale", action="store_true")
    ap.add_argument("--no-bbc", action="store_true", help="the scale corpus only")
    ap.add_argument("--work", default="/tmp/newsidx-cluster-bench")
    ap.add_argument("--bin", help="a built newsidx (default: cargo build --release)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--serve-only", action="store_true",
                    help="after the pushes, time only /api/search of serve and serve --engine")
    ap.add_argument("--browse-only", action="store_true",
                    help="after the pushes, time only speakers and sources, local and --engine")
    ap.add_argument("--heap", default="512m",
                    help="heap per node (512m trips the cluster's memory breaker "
                         "on search --engine from about 20,000 articles)")
    args = ap.parse_args()
    corpora = [] if args.no_bbc else [("bbc", args.bbc)]
    if not args.no_scale:
        if not os.path.isdir(args.scale):
            sys.exit(f"no scale corpus in {args.scale}: python3 ../shared/corpora/make_scale.py {args.scale} (or --no-scale)")
        corpora.append(("scale", args.scale))
    bench = Bench(args)
    bench.start_cluster()
    results = []
    for name, path in corpora:
        results.append(bench.corpus(name, os.path.abspath(path)))
        with open(os.path.join(bench.work, "cluster-results.json"), "w") as out:
            json.dump(results, out, indent=1)
        print(table(results[-1], bench.commit) + "\n", flush=True)
    print(f"{os.cpu_count()} cores; {time.strftime('%Y-%m-%d')}; binary {bench.bin}")


if __name__ == "__main__":
    main()
