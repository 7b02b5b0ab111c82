#!/usr/bin/env python3
"""Time and peak memory against the size of a hostile HTML page (issue 21).

Writes pages of one pathological shape each, at several sizes, and runs
`newsidx analyze --json` on each, printing wall time, CPU time (user +
system), CPU time per MB, peak RSS (from `wait4`) and whether the page's
last words came out. Linear work doubles the CPU time when the size doubles.
The shapes:

- `attrs`: one `<div>` with as many attributes as fill the page
  (`a0=1 a1=1 ...`), then a paragraph;
- `div`, `span`, `b`: that element nested as deep as fills the page, a
  paragraph innermost, then the closing tags;
- `table`: `<table><tr><td>` nested the same way;
- `fmt`: paragraphs `<p><b class=cK>w</p>`, each `<b>` different, so that
  each stays in the tree builder's list of active formatting elements, to
  be re-created in every later paragraph.

    python3 benches/hostile_html.py [--bin target/release/newsidx]
        [--sizes 1,2,4,8] [--shapes attrs,div,span,b,table,fmt]
        [--timeout 120] [--work /tmp/newsidx-hostile]

Standard library only; not run by CI (figures from a shared machine).
"""

import argparse
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MB = 1024 * 1024
TEXT = "<p>The quokka ferry left Tamsby at dawn, the harbour master said.</p>"
LAST = "quokka ferry left Tamsby"

OPEN = {
    "div": ("<div>", "</div>"),
    "span": ("<span>", "</span>"),
    "b": ("<b>", "</b>"),
    "table": ("<table><tr><td>", "</td></tr></table>"),
}


def make(path, shape, size_mb):
    """Writes a page of about `size_mb` MB of the shape."""
    want = int(size_mb * MB)
    head = "<html><head><title>Hostile page</title></head><body>"
    tail = "</body></html>"
    with open(path, "w", encoding="utf-8") as w:
        w.write(head)
        if shape == "attrs":
            w.write("<div")
            n, i = 0, 0
            while n < want:
                a = f" a{i}=1"
                w.write(a)
                n += len(a)
                i += 1
            w.write(">" + TEXT + "</div>")
        elif shape == "fmt":
            n, i = 0, 0
            while n < want:
                p = f"<p><b class=c{i}>w</p>"
                w.write(p)
                n += len(p)
                i += 1
            w.write(TEXT)
        else:
            start, end = OPEN[shape]
            depth = want // (len(start) + len(end))
            w.write(start * depth + TEXT + end * depth)
        w.write(tail)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "newsidx"))
    ap.add_argument("--sizes", default="1,2,4,8")
    ap.add_argument("--shapes", default="attrs,div,span,b,table,fmt")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--work", default="/tmp/newsidx-hostile")
    args = ap.parse_args()

    os.makedirs(args.work, exist_ok=True)
    print(f"newsidx {args.bin}; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print()
    print("| shape | MB | wall s | CPU s | CPU s per MB | peak RSS MB | text found |")
    print("|---|---|---|---|---|---|---|")
    for shape in args.shapes.split(","):
        for size in [float(s) for s in args.sizes.split(",") if s]:
            page = os.path.join(args.work, f"{shape}-{size:g}mb.html")
            if not os.path.exists(page):
                make(page, shape, size)
            argv = [args.bin, "analyze", "--json", page]
            # Output to a file, not a pipe: a parent that grew holding it
            # would lend its peak RSS to the next child it forks.
            out_path = page + ".json"
            started = time.monotonic()
            with open(out_path, "wb") as out_file:
                proc = subprocess.Popen(argv, stdout=out_file, stderr=subprocess.DEVNULL)
            deadline = started + args.timeout
            killed = False
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() > deadline and not killed:
                    proc.send_signal(signal.SIGKILL)
                    killed = True
                time.sleep(0.01)
            with open(out_path, "rb") as f:
                out = f.read()
            wall = time.monotonic() - started
            cpu = usage.ru_utime + usage.ru_stime
            rss = usage.ru_maxrss / 1024
            if killed:
                print(f"| {shape} | {size:g} | >{args.timeout:g} | >{cpu:.2f} | | {rss:.0f} | killed |")
                break  # larger sizes of this shape would only take longer
            found = LAST in out.decode(errors="replace")
            print(f"| {shape} | {size:g} | {wall:.2f} | {cpu:.2f} | {cpu / size:.3f} | {rss:.0f} | {'yes' if found else 'NO'} |")
            sys.stdout.flush()
    print()
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
