#!/usr/bin/env bash
# Load test of `newsidx serve` on loopback: builds release, indexes a corpus,
# starts the server on a free port, sends a bounded number of requests to
# each endpoint with a fixed number of concurrent connections, prints
# requests/s, latency percentiles and failures, and stops the server.
#
#   benches/serve_load.sh [CORPUS_DIR] [REQUESTS] [CONNECTIONS]
#
# Defaults: ../shared/corpora/bbc (else samples/), 2000 requests, 16
# connections. Needs `hey` (apt-get install hey) or `oha` (cargo install oha).
# Not part of CI: figures depend on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus="${1:-../shared/corpora/bbc}"
[ -d "$corpus" ] || corpus="samples"
requests="${2:-2000}"
connections="${3:-16}"

if command -v oha >/dev/null 2>&1; then tool=oha
elif command -v hey >/dev/null 2>&1; then tool=hey
else
  echo "serve_load: needs hey (apt-get install hey) or oha (cargo install oha)" >&2
  exit 2
fi

cargo build --release --locked --quiet
bin="$PWD/target/release/newsidx"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== indexing $corpus"
# Exit code 4: some files could not be read; the others were indexed.
"$bin" index --quiet --index "$work/index" "$corpus" || [ $? -eq 4 ]
"$bin" stats --index "$work/index" | head -2

"$bin" serve --index "$work/index" --addr 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 100); do
  grep -q 'http://' "$work/serve.out" 2>/dev/null && break
  sleep 0.1
done
base="$(grep -o 'http://[0-9.:]*' "$work/serve.out" | head -1)"
[ -n "$base" ] || { echo "serve did not start:" >&2; cat "$work/serve.err" >&2; exit 1; }
echo "== $tool: $requests requests per endpoint, $connections connections, $base"

# The passages' most frequent speaker and source, to filter by.
speaker="$(curl -s "$base/api/speakers?limit=1" | sed -n 's/.*"name":"\([^"]*\)".*/\1/p')"
source="$(curl -s "$base/api/sources?limit=1" | sed -n 's/.*"name":"\([^"]*\)".*/\1/p')"
enc() { printf '%s' "$1" | sed 's/ /%20/g'; }

endpoints=(
  "/api/search?q=government"
  "/api/search?q=government&facets=false"
  "/api/search?q=%22prime%20minister%22&limit=20"
  "/api/search?q=market&source=$(enc "$source")&facets=false"
  "/api/search?speaker=$(enc "$speaker")"
  "/api/search?q=the"
  "/api/speakers"
  "/api/articles/$(curl -s "$base/api/search?q=government&limit=1&facets=false" | sed -n 's/.*"article_id":"\([^"]*\)".*/\1/p')"
  "/health"
)

printf '\n%-58s %9s %8s %8s %8s %7s\n' "endpoint" "req/s" "p50 ms" "p99 ms" "max ms" "failed"
for path in "${endpoints[@]}"; do
  url="$base$path"
  if [ "$tool" = oha ]; then
    json="$(oha --no-tui -n "$requests" -c "$connections" --output-format json "$url")"
    python3 - "$path" "$json" <<'PY'
import json, sys
path, r = sys.argv[1], json.loads(sys.argv[2])
s, p = r["summary"], r["latencyPercentiles"]
codes = r.get("statusCodeDistribution", {})
failed = sum(v for k, v in codes.items() if k != "200") + sum(r.get("errorDistribution", {}).values())
print(f"{path[:58]:<58} {s['requestsPerSec']:>9.0f} {p['p50']*1000:>8.2f} {p['p99']*1000:>8.2f} {s['slowest']*1000:>8.2f} {failed:>7}")
PY
  else
    out="$(hey -n "$requests" -c "$connections" "$url")"
    python3 - "$path" "$requests" <<PY
import re, sys
path, requests = sys.argv[1], int(sys.argv[2])
out = """$out"""
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
p50 = float(re.search(r"50% in ([\d.]+) secs", out).group(1)) * 1000
p99 = float(re.search(r"99% in ([\d.]+) secs", out).group(1)) * 1000
slowest = float(re.search(r"Slowest:\s+([\d.]+) secs", out).group(1)) * 1000
ok = sum(int(n) for n in re.findall(r"\[200\]\s+(\d+) responses", out))
print(f"{path[:58]:<58} {rps:>9.0f} {p50:>8.2f} {p99:>8.2f} {slowest:>8.2f} {requests - ok:>7}")
PY
  fi
done
echo
echo "(failed = requests not answered 200; the server process stays up: $(curl -s "$base/health"))"
