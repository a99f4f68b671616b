#!/usr/bin/env bash
# On-demand benchmark (not part of the test suite): time and peak memory of
# `weir lint` against `haproxy -c` on the same generated configs, at several
# sizes to show how both grow. Prints a table with the ratios.
#
# Usage: bash Benchmarks/lint-vs-haproxy.sh [SIZES...]   (default: 2500 5000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
((${#sizes[@]})) || sizes=(2500 5000 10000)

swift build -c release --product weir >/dev/null
weir=$(swift build -c release --show-bin-path)/weir
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs a command 3 times; prints the best wall time (s) and its peak RSS (KiB).
measure() {
    local best_time="" best_rss=""
    for _ in 1 2 3; do
        /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>&1 || true
        read -r seconds rss <"$work/time"
        if [[ -z $best_time ]] || awk "BEGIN{exit !($seconds < $best_time)}"; then
            best_time=$seconds best_rss=$rss
        fi
    done
    echo "$best_time $best_rss"
}

printf '%-8s %-7s %-10s %-10s %-9s %-11s %-11s %-9s\n' backends lines weir_s haproxy_s time_x weir_MiB haproxy_MiB mem_x
for size in "${sizes[@]}"; do
    config="$work/bench-$size.cfg"
    python3 Benchmarks/generate-config.py "$size" >"$config"
    lines=$(wc -l <"$config")
    read -r wt wm < <(measure "$weir" lint --haproxy --format json "$config")
    read -r ht hm < <(measure haproxy -c -f "$config")
    awk -v s="$size" -v l="$lines" -v wt="$wt" -v ht="$ht" -v wm="$wm" -v hm="$hm" 'BEGIN {
        printf "%-8d %-7d %-10.2f %-10.2f %-9.2f %-11.1f %-11.1f %-9.2f\n", s, l, wt, ht, wt/ht, wm/1024, hm/1024, wm/hm }'
done
