#!/usr/bin/env python3
"""Load test of `newsidx serve`'s connection limits, on 127.0.0.1 only.

Builds nothing: give the binary and an index (or let it index samples/).

  benches/serve_hold.py [--bin target/release/newsidx] [--corpus DIR]
                        [--idle 1000] [--slow 50] [--queries 200]

Phase 1 (long timeouts, so the held clients stay): opens IDLE connections
that send nothing and SLOW ones that send one header byte a second, then
sends QUERIES searches at once, each on its own connection, and reports how
many were answered 200, p50/p99/max latency, and how many held connections
were still open. Phase 2 (default timeouts): opens the same idle and slow
connections and reports how many the server closed within 12 s. Every
count and wait is bounded; the server is stopped at the end.
"""

import argparse
import asyncio
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

QUERIES = ["government", "minister said", "\"prime minister\"", "market", "police", "election",
           "the", "president", "war OR peace", "health"]


def raise_file_limit(needed):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(needed, soft)), hard))
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        sys.exit(f"serve_hold: needs {needed} open files, the limit is {soft}; raise it with ulimit -n")


def start(bin_path, index, extra):
    proc = subprocess.Popen([bin_path, "serve", "--index", index, "--addr", "127.0.0.1:0", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        proc.kill()
        sys.exit(f"serve_hold: serve did not start: {line!r}")
    return proc, int(match.group(1))


async def hold_idle(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    return reader, writer


async def hold_slow(port, stop):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 200
    for byte in head:
        if stop.is_set() or reader.at_eof():
            break
        try:
            writer.write(bytes([byte]))
            await writer.drain()
        except (ConnectionError, OSError):
            break
        try:
            await asyncio.wait_for(reader.read(1), 1.0)
            break  # the server answered or closed
        except asyncio.TimeoutError:
            pass
    return reader, writer


async def query(port, q):
    started = time.perf_counter()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 30)
        path = "/api/search?q=" + q.replace(" ", "%20").replace('"', "%22") + "&limit=10"
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        data = await asyncio.wait_for(reader.read(), 60)
        writer.close()
        status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.1 ") else 0
    except (OSError, asyncio.TimeoutError, ValueError, IndexError):
        status = 0
    return status, time.perf_counter() - started


async def still_open(reader):
    if reader.at_eof():
        return False
    try:
        data = await asyncio.wait_for(reader.read(1), 0.01)
        return data != b""
    except asyncio.TimeoutError:
        return True
    except (ConnectionError, OSError):
        return False


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


async def phase_one(port, idle, slow, queries):
    stop = asyncio.Event()
    held = await asyncio.gather(*[hold_idle(port) for _ in range(idle)])
    slow_tasks = [asyncio.create_task(hold_slow(port, stop)) for _ in range(slow)]
    await asyncio.sleep(2)
    results = await asyncio.gather(*[query(port, QUERIES[i % len(QUERIES)]) for i in range(queries)])
    open_idle = sum(await asyncio.gather(*[still_open(r) for r, _ in held]))
    stop.set()
    slow_held = await asyncio.gather(*slow_tasks)
    for _, w in held + list(slow_held):
        w.close()
    ok = [t for s, t in results if s == 200]
    statuses = {}
    for s, _ in results:
        statuses[s] = statuses.get(s, 0) + 1
    ms = [t * 1000 for t in ok] or [0.0]
    print(f"phase 1: {queries} parallel queries with {idle} idle and {slow} slow connections held")
    print(f"  answered 200: {len(ok)} of {queries}  (statuses {statuses})")
    print(f"  latency ms: p50 {statistics.median(ms):.1f}  p99 {percentile(ms, 99):.1f}  max {max(ms):.1f}")
    print(f"  idle connections still open after the queries: {open_idle} of {idle}")
    return len(ok) == queries


async def phase_two(port, idle, slow):
    stop = asyncio.Event()
    held = await asyncio.gather(*[hold_idle(port) for _ in range(idle)])
    slow_tasks = [asyncio.create_task(hold_slow(port, stop)) for _ in range(slow)]
    await asyncio.sleep(12)
    open_idle = sum(await asyncio.gather(*[still_open(r) for r, _ in held]))
    slow_done = sum(t.done() for t in slow_tasks)
    stop.set()
    for r, w in held + list(await asyncio.gather(*slow_tasks)):
        w.close()
    print(f"phase 2 (default timeouts): after 12 s, {idle - open_idle} of {idle} idle and "
          f"{slow_done} of {slow} slow connections were closed by the server")
    return open_idle == 0 and slow_done == slow


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/newsidx")
    ap.add_argument("--corpus", default="../shared/corpora/bbc")
    ap.add_argument("--idle", type=int, default=1000)
    ap.add_argument("--slow", type=int, default=50)
    ap.add_argument("--queries", type=int, default=200)
    a = ap.parse_args()
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    for n in (a.idle, a.slow, a.queries):
        if not 0 <= n <= 5000:
            sys.exit("serve_hold: counts are bounded to 5000")
    raise_file_limit(a.idle + a.slow + a.queries + 100)
    corpus = a.corpus if os.path.isdir(a.corpus) else "samples"
    with tempfile.TemporaryDirectory() as work:
        index = os.path.join(work, "index")
        subprocess.run([a.bin, "index", "--quiet", "--index", index, corpus], check=False)
        print(f"index of {corpus}; {os.cpu_count()} cores")
        ok = True
        proc, port = start(a.bin, index, ["--idle-timeout", "120", "--header-timeout", "120"])
        try:
            ok &= asyncio.run(asyncio.wait_for(phase_one(port, a.idle, a.slow, a.queries), 300))
        finally:
            proc.kill()
            proc.wait()
        proc, port = start(a.bin, index, [])
        try:
            ok &= asyncio.run(asyncio.wait_for(phase_two(port, a.idle, a.slow), 120))
        finally:
            proc.kill()
            proc.wait()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
