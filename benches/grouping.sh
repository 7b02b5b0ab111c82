#!/usr/bin/env bash
# Measures copy grouping on a corpus: indexes it from scratch with grouping
# on and off (alternating, ROUNDS times, in the same run), and prints the
# indexing time of each, the extra time and memory grouping costs, and how
# many groups formed.
#
# usage: benches/grouping.sh CORPUS_DIR [ROUNDS]   (uses target/release/newsidx)
set -euo pipefail
corpus=${1:?usage: benches/grouping.sh CORPUS_DIR [ROUNDS]}
rounds=${2:-1}
bin="$(dirname "$0")/../target/release/newsidx"
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() { # MODE ROUND -> "wall_seconds user_seconds peak_kb"
    local idx="$work/$1-$2" flag=()
    [ "$1" = off ] && flag=(--no-grouping)
    /usr/bin/time -f "%U %M" -o "$work/rss" "$bin" -q --index "$idx" index --json "${flag[@]}" "$corpus" >"$work/out" 2>/dev/null || true
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seconds"])' "$work/out" | tr -d '\n'
    echo " $(tail -1 "$work/rss")"
}

printf "%-6s %-5s %10s %10s %12s\n" round mode wall_s cpu_user_s peak_rss_MB
declare -A total=([on]=0 [off]=0) cpu=([on]=0 [off]=0) peak=([on]=0 [off]=0)
for r in $(seq 1 "$rounds"); do
    for mode in off on; do
        read -r secs user rss < <(run "$mode" "$r")
        printf "%-6s %-5s %10.2f %10.2f %12.1f\n" "$r" "$mode" "$secs" "$user" "$(echo "$rss / 1024" | bc -l)"
        total[$mode]=$(echo "${total[$mode]} + $secs" | bc -l)
        cpu[$mode]=$(echo "${cpu[$mode]} + $user" | bc -l)
        [ "$rss" -gt "${peak[$mode]}" ] && peak[$mode]=$rss
    done
done
on=$(echo "${total[on]} / $rounds" | bc -l)
off=$(echo "${total[off]} / $rounds" | bc -l)
con=$(echo "${cpu[on]} / $rounds" | bc -l)
coff=$(echo "${cpu[off]} / $rounds" | bc -l)
printf "\nmean wall: off %.2fs, on %.2fs, extra %.2fs (%+.1f%%)\n" \
    "$off" "$on" "$(echo "$on - $off" | bc -l)" "$(echo "($on - $off) * 100 / $off" | bc -l)"
printf "mean CPU (user): off %.2fs, on %.2fs, extra %.2fs (%+.1f%%)\n" \
    "$coff" "$con" "$(echo "$con - $coff" | bc -l)" "$(echo "($con - $coff) * 100 / $coff" | bc -l)"
printf "peak RSS: off %d MB, on %d MB\n" $((peak[off] / 1024)) $((peak[on] / 1024))
"$bin" --index "$work/on-1" stats --json | python3 -c '
import json, sys
s = json.load(sys.stdin)
c = s["copies"]
n = s["passages"]
print("passages %d, distinct %d, copy groups %d (largest %d), passages in copy groups %d (%.1f%%)"
      % (n, c["groups"], c["copy_groups"], c["largest"], c["grouped_passages"], 100.0 * c["grouped_passages"] / max(n, 1)))'
