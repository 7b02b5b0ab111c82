#!/usr/bin/env bash
# Fault benchmark (issue 21): SIGKILLs at random moments of `index`,
# `index --rebuild` and `watch`, and writers racing on a new index
# directory. After every kill the index must open and answer a search
# (else "unusable"), and the next `index` run must leave it equal to a
# fresh build of the same files (else "different"). After every race the
# index must open and equal a fresh build (else "corrupt"), and each writer
# must have finished (exit 0) or been refused as "in use" (exit 3).
#
#   benches/faults.sh [CORPUS_DIR] [KILLS] [RACES]
#
# Defaults: the first 300 files of ../shared/corpora/bbc (else samples/),
# 105 kills (35 per command), 60 races. Set NEWSIDX_BIN to test another
# binary (e.g. one built before the fix). Not part of CI (minutes; figures
# depend on the machine); tests/crash.rs and tests/hostile.rs run short
# versions on every CI run.
set -uo pipefail
cd "$(dirname "$0")/.."

src="${1:-../shared/corpora/bbc}"
kills="${2:-105}"
races="${3:-60}"
if [ -z "${NEWSIDX_BIN:-}" ]; then
  cargo build --release --locked --quiet || exit 1
  bin="$PWD/target/release/newsidx"
else
  bin="$NEWSIDX_BIN"
fi

work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
corpus="$work/corpus"
mkdir -p "$corpus"
if [ -d "$src" ]; then
  find "$src" -name '*.txt' -type f | sort | head -300 | while read -r f; do
    cp "$f" "$corpus/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
else
  cp samples/* "$corpus/"
fi
originals="$work/originals"
cp -r "$corpus" "$originals"

nx() { "$bin" --color=never "$@"; }
# What an index holds, in a form two builds of the same files agree on.
holds() { nx stats --index "$1" --json 2>/dev/null | python3 -c '
import json, sys
s = json.load(sys.stdin)
print(s["files"], s["articles"], s["passages"], s["attributed_passages"], s["copies"]["grouped_passages"])'; }
usable() {
  holds "$1" >/dev/null && { nx search --index "$1" said -n 1 >/dev/null 2>&1; [ $? -le 1 ]; }
}
# Edits a few files (so that a run has work to do), restored afterwards.
mutate() {
  local n=0
  for f in $(ls "$corpus" | shuf -n 12); do
    case $((n % 3)) in
      0) echo "The minister said the talks would resume on Monday." >>"$corpus/$f" ;;
      1) mv "$corpus/$f" "$corpus/moved-$f" ;;
      2) rm "$corpus/$f" ;;
    esac
    n=$((n + 1))
  done
}
restore() { rm -rf "$corpus"; cp -r "$originals" "$corpus"; }
ms() { date +%s%3N; }

fresh="$work/fresh"
t0=$(ms)
nx index --index "$fresh" "$corpus" >/dev/null 2>&1 || { echo "fresh build failed"; exit 1; }
build_ms=$(( $(ms) - t0 ))
expected="$(holds "$fresh")"
echo "corpus: $(ls "$corpus" | wc -l) files; fresh build ${build_ms} ms; holds: $expected"

index="$work/index"
cp -r "$fresh" "$index"
unusable=0; different=0; grouped=0; killed=0; completed=0
declare -A per
for i in $(seq 1 "$kills"); do
  cmd=$(( i % 3 ))
  delay=$(( RANDOM % (build_ms * 3 / 2 + 20) ))
  case $cmd in
    0) name=index;   mutate; "$bin" index --index "$index" "$corpus" >/dev/null 2>&1 & ;;
    1) name=rebuild; mutate; "$bin" index --rebuild --index "$index" "$corpus" >/dev/null 2>&1 & ;;
    2) name=watch;   "$bin" watch --index "$index" --debounce 50 "$corpus" >/dev/null 2>&1 &
       sleep 0.$(( RANDOM % 5 )); mutate ;;
  esac
  pid=$!
  sleep "$(awk "BEGIN{print $delay/1000}")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"; killed=$((killed + 1)); per[$name]=$(( ${per[$name]:-0} + 1 ))
  else
    completed=$((completed + 1))
  fi
  wait "$pid" 2>/dev/null
  if ! usable "$index"; then
    unusable=$((unusable + 1)); echo "round $i ($name): unusable"
    nx stats --index "$index" 2>&1 | head -2
  fi
  restore
  nx index --index "$index" "$corpus" >/dev/null 2>&1
  got="$(holds "$index")"
  # Files, articles, passages and attributed passages must equal a fresh
  # build. Copy groups are compared apart: grouping is incremental and
  # groups are never merged after the fact (README, "Copies"), so an index
  # that went through other file sets can group differently with no kill.
  if [ "${got% *}" != "${expected% *}" ]; then
    different=$((different + 1)); echo "round $i ($name): holds $got, fresh $expected"
  elif [ "$got" != "$expected" ]; then
    grouped=$((grouped + 1))
  fi
done
echo "kills: $killed killed (index ${per[index]:-0}, rebuild ${per[rebuild]:-0}, watch ${per[watch]:-0}), $completed finished before the kill; unusable $unusable, different from a fresh build $different (copy groups alone differed after $grouped rounds)"

corrupt=0; refused=0; bad_exit=0
for i in $(seq 1 "$races"); do
  r="$work/race-$i"
  case $(( i % 3 )) in
    0) other=(index) ;;
    1) other=(index --rebuild) ;;
    2) other=(watch --debounce 50) ;;
  esac
  # Started directly (not through a shell function), so that $! is the
  # newsidx process itself.
  "$bin" index --rebuild --index "$r" "$corpus" >"$work/a.out" 2>&1 & a=$!
  "$bin" "${other[@]}" --index "$r" "$corpus" >"$work/b.out" 2>&1 & b=$!
  wait "$a"; ca=$?
  if [ "${other[0]}" = watch ]; then
    # Stopped once its first batch is reported (or it has exited).
    for _ in $(seq 300); do
      kill -0 "$b" 2>/dev/null && ! grep -q added "$work/b.out" || break
      sleep 0.1
    done
    kill -TERM "$b" 2>/dev/null
  fi
  wait "$b"; cb=$?
  for c in $ca $cb; do
    case $c in
      0) ;;
      3) refused=$((refused + 1)) ;;
      *) bad_exit=$((bad_exit + 1)); echo "race $i: exit $c"; cat "$work/a.out" "$work/b.out" | head -3 ;;
    esac
  done
  got="$(holds "$r")"
  if [ "$got" != "$expected" ]; then
    corrupt=$((corrupt + 1)); echo "race $i (rebuild vs ${other[*]}): holds '$got'"
    nx stats --index "$r" 2>&1 | head -2
  fi
  rm -rf "$r" "$work"/.race-*
done
echo "races: $races on a new directory; corrupt $corrupt; loser refused (exit 3) $refused; other exits $bad_exit"
[ "$unusable" -eq 0 ] && [ "$different" -eq 0 ] && [ "$corrupt" -eq 0 ] && [ "$bad_exit" -eq 0 ]
