#!/usr/bin/env bash
# On-demand benchmark (not part of the test suite): what the checker adds.
#  1. `weir lint` of the generated config with every semantic rule turned
#     off (only the parsers' findings) against the full lint;
#  2. the cross-node lint of two nodes running that config (`--node`)
#     against the lint of one.
# Prints the times, peak memory and the ratios. Targets: checks add at most
# 50% to parse time; two nodes take less than twice one node.
#
# Usage: bash Benchmarks/checks-overhead.sh [BACKENDS]   (default: 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-10000}
runs=${RUNS:-9}

swift build -c release --product weir >/dev/null
weir=$(swift build -c release --show-bin-path)/weir
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One timed run: appends "seconds peak-RSS-KiB" to the file named first,
# running the command from the directory named second.
timed() {
    local log=$1 directory=$2
    shift 2
    (cd "$directory" && /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>&1) || true
    cat "$work/time" >>"$log"
}

# The best time of a log, with the peak RSS of that run.
best() { sort -n "$1" | head -n 1; }

python3 Benchmarks/generate-config.py "$size" >"$work/haproxy.cfg"
cat >"$work/keepalived.conf" <<'CONF'
vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 101
    virtual_ipaddress {
        10.0.0.10/24
    }
}
CONF
sed -e 's/state MASTER/state BACKUP/' -e 's/priority 101/priority 100/' "$work/keepalived.conf" >"$work/keepalived-b.conf"
cp "$work/haproxy.cfg" "$work/haproxy-b.cfg"

# A project directory where every rule that is not the parsers' own is off.
mkdir -p "$work/parse-only"
{
    echo "disable:"
    "$weir" explain --list | awk '$3 == "haproxy" || $3 == "keepalived" || $3 == "node" || $3 == "pair" { print "  - " $1 }'
} >"$work/parse-only/.weir.yaml"

# The four runs take turns, $RUNS rounds (default 9), so that a slow spell
# of a shared machine falls on all of them alike; the best of each counts.
for _ in $(seq 1 "$runs"); do
    timed "$work/parse.log" "$work/parse-only" "$weir" lint --format json "$work/haproxy.cfg"
    timed "$work/full.log" "$work" "$weir" lint --no-project-file --format json "$work/haproxy.cfg"
    timed "$work/quiet.log" "$work" "$weir" lint --no-project-file --format json --disable server-failover-time "$work/haproxy.cfg"
    timed "$work/nodes.log" "$work" "$weir" lint --no-project-file --format json \
        --node a="$work/haproxy.cfg,$work/keepalived.conf" --node b="$work/haproxy-b.cfg,$work/keepalived-b.conf"
done
read -r pt pm < <(best "$work/parse.log")
read -r ct cm < <(best "$work/full.log")
read -r qt qm < <(best "$work/quiet.log")
read -r nt nm < <(best "$work/nodes.log")

echo "backends: $size ($(wc -l <"$work/haproxy.cfg") lines)"
awk -v pt="$pt" -v pm="$pm" -v ct="$ct" -v cm="$cm" -v qt="$qt" -v qm="$qm" -v nt="$nt" -v nm="$nm" 'BEGIN {
    printf "%-26s %8s %9s\n", "run", "seconds", "MiB"
    printf "%-26s %8.2f %9.1f\n", "parse only (rules off)", pt, pm/1024
    printf "%-26s %8.2f %9.1f\n", "full lint", ct, cm/1024
    printf "%-26s %8.2f %9.1f\n", "full lint, no failover notes", qt, qm/1024
    printf "%-26s %8.2f %9.1f\n", "two nodes (--node x2)", nt, nm/1024
    printf "checks add %.0f%% to parse time (target <= 50%%); %.0f%% without the 40,000 failover notes\n", (ct/pt - 1) * 100, (qt/pt - 1) * 100
    printf "two nodes take %.2fx one node (target < 2x)\n", nt/ct }'
