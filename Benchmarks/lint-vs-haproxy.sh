#!/usr/bin/env bash
# On-demand benchmark (not part of the test suite): time and peak memory of
# `weir lint` against `haproxy -c` on the same generated configs, at several
# sizes to show how both grow. Prints a table with the ratios of wall time,
# CPU time (user + system) and memory, and the load average before and after.
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

# Runs a command 3 times; prints the best wall time (s), the CPU time (user + system, s) of
# the run with the least CPU time, and the best run's peak RSS (KiB). On a shared machine the
# wall time waits for a core; the CPU time is the work done.
measure() {
    local best_time="" best_rss="" best_cpu=""
    for _ in 1 2 3; do
        /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$@" >/dev/null 2>&1 || true
        read -r seconds rss user system <"$work/time"
        local cpu
        cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')
        if [[ -z $best_time ]] || awk "BEGIN{exit !($seconds < $best_time)}"; then
            best_time=$seconds best_rss=$rss
        fi
        if [[ -z $best_cpu ]] || awk "BEGIN{exit !($cpu < $best_cpu)}"; then best_cpu=$cpu; fi
    done
    echo "$best_time $best_cpu $best_rss"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-7s %-8s %-10s %-7s %-8s %-10s %-7s %-9s %-11s %-7s\n' \
    backends lines weir_s haproxy_s time_x weir_cpu haproxy_cpu cpu_x weir_MiB haproxy_MiB mem_x
for size in "${sizes[@]}"; do
    config="$work/bench-$size.cfg"
    python3 Benchmarks/generate-config.py "$size" >"$config"
    lines=$(wc -l <"$config")
    read -r wt wc wm < <(measure "$weir" lint --haproxy --format json "$config")
    read -r ht hc hm < <(measure haproxy -c -f "$config")
    awk -v s="$size" -v l="$lines" -v wt="$wt" -v ht="$ht" -v wc="$wc" -v hc="$hc" -v wm="$wm" -v hm="$hm" 'BEGIN {
        printf "%-8d %-7d %-8.2f %-10.2f %-7.2f %-8.2f %-10.2f %-7.2f %-9.1f %-11.1f %-7.2f\n",
            s, l, wt, ht, wt/ht, wc, hc, wc/hc, wm/1024, hm/1024, wm/hm }'
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
