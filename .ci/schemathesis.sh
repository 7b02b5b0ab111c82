#!/usr/bin/env bash
# Checks `newsidx serve` against its published contract, docs/openapi.yaml,
# with schemathesis (property-based: generated valid and invalid requests
# for every endpoint, every check, stateful links): exits 0 only when
# schemathesis reports no finding.
#
#   .ci/schemathesis.sh                 the real spec; fails on any finding
#   .ci/schemathesis.sh --wrong-spec    a copy of the spec with one response
#                                       field's type changed; fails unless
#                                       schemathesis finds the difference
#
# The index is built fresh from samples/ and ../shared/corpora/polnear-dev
# (if present). BIN picks the binary (default: target/debug/newsidx, which
# `cargo test` has just built); ST_EXAMPLES and ST_SEED tune the run.
# The server and schemathesis are stopped at the end whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-}"
bin="${BIN:-target/debug/newsidx}"
examples="${ST_EXAMPLES:-60}"
seed="${ST_SEED:-20261205}"
venv="target/ci/venv"
version="4.32.5"

if ! "$venv/bin/st" --version 2>/dev/null | grep -q "$version"; then
  echo "== installing schemathesis $version in $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
fi
[ -x "$bin" ] || cargo build --locked --quiet
mkdir -p target/ci
work="$(mktemp -d "$PWD/target/ci/schemathesis.XXXXXX")"
server_pid=""
st_pid=""
cleanup() {
  for pid in $st_pid $server_pid; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

corpora=(samples)
[ -d ../shared/corpora/polnear-dev ] && corpora+=(../shared/corpora/polnear-dev)
"$bin" index --quiet --index "$work/index" "${corpora[@]}"

"$bin" serve --index "$work/index" --addr 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 200); do
  grep -q 'http://' "$work/serve.out" 2>/dev/null && break
  sleep 0.05
done
url="$(grep -o 'http://[0-9.:]*' "$work/serve.out" | head -1 || true)"
if [ -z "$url" ]; then
  echo "schemathesis: serve did not start:" >&2
  cat "$work/serve.err" >&2
  exit 1
fi

spec="$PWD/docs/openapi.yaml"
if [ "$mode" = "--wrong-spec" ]; then
  # One deliberate lie: a hit's score is said to be a string.
  spec="$work/wrong.yaml"
  "$venv/bin/python" - docs/openapi.yaml "$spec" <<'PY'
import sys, yaml
spec = yaml.safe_load(open(sys.argv[1]))
spec["components"]["schemas"]["Hit"]["properties"]["score"] = {"type": "string"}
yaml.safe_dump(spec, open(sys.argv[2], "w"))
PY
  examples=10
elif [ -n "$mode" ]; then
  echo "usage: .ci/schemathesis.sh [--wrong-spec]" >&2
  exit 2
fi

echo "== schemathesis $version on $url ($spec, seed $seed, $examples examples per operation)"
set +e
# Run from the work directory: schemathesis keeps a cache of findings in
# ./.schemathesis, which belongs there and not in the repository.
(cd "$work" && PYTHONPATH="$OLDPWD/.ci" SCHEMATHESIS_HOOKS=schemathesis_hooks exec timeout --kill-after=10 600 \
  "$OLDPWD/$venv/bin/st" run "$spec" --url "$url" \
  --checks all --exclude-checks positive_data_acceptance \
  --seed "$seed" --max-examples "$examples" --generation-database none \
  --workers 2 --request-timeout 20 --no-color) \
  >"$work/st.out" 2>&1 &
st_pid=$!
wait "$st_pid"
status=$?
st_pid=""
set -e
if [ "$mode" = "--wrong-spec" ]; then
  if [ "$status" -eq 1 ] && grep -q "Response violates schema" "$work/st.out"; then
    echo "schemathesis: the wrong spec was caught, as it must be"
    exit 0
  fi
  cat "$work/st.out"
  echo "schemathesis: a spec with a wrong response schema passed (exit $status); the check is blind" >&2
  exit 1
fi
cat "$work/st.out"
if [ "$status" -ne 0 ]; then
  echo "schemathesis: exit $status; the server and docs/openapi.yaml disagree (see above)" >&2
  exit 1
fi
