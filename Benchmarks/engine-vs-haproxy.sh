#!/usr/bin/env bash
# On-demand benchmark (not part of the test suite): wrk through `weir run` and
# through haproxy, the same number of threads, to the same backend (a separate
# haproxy answering every request itself with `http-request return`, so the
# backend costs both proxies the same). Prints requests/s, p99 latency, CPU
# seconds per 100,000 requests, peak RSS, memory per idle keep-alive
# connection, and the engine/haproxy ratios.
#
# Usage: bash Benchmarks/engine-vs-haproxy.sh [SECONDS] [CONNECTIONS] [THREADS] [IDLE]
#        (defaults: 10 s, 50 connections, 1 proxy thread, 2000 idle connections)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
connections=${2:-50}
threads=${3:-1}
idle=${4:-2000}
scratch=${SCRATCH:-.build}
for tool in wrk haproxy python3; do
    command -v "$tool" >/dev/null || { echo "error: $tool is not installed" >&2; exit 1; }
done
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
# haproxy wants two descriptors per connection and a few of its own.
maxconn=$(( ($(ulimit -n) - 100) / 2 ))
(( maxconn > 20000 )) && maxconn=20000
(( maxconn > idle + connections )) || { echo "error: the descriptor limit allows only $maxconn connections" >&2; exit 1; }

swift build -c release --scratch-path "$scratch" --product weir >/dev/null
weir=$(swift build -c release --scratch-path "$scratch" --show-bin-path)/weir
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Three free ports below the ephemeral range, so that the thousands of client
# connections the benchmark opens cannot take a proxy's port in between.
read -r backend_port haproxy_port weir_port < <(python3 - <<'PY'
import random, socket
found = []
for port in random.sample(range(20000, 30000), 200):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
    found.append(port)
    if len(found) == 3:
        break
print(*found)
PY
)

cat >"$work/backend.cfg" <<CFG
global
    nbthread 1
    maxconn $maxconn
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend backend
    bind 127.0.0.1:$backend_port
    http-request return status 200 content-type text/plain string hello
CFG
proxy_cfg() {
    cat <<CFG
global
    nbthread $threads
    maxconn $maxconn
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    timeout http-keep-alive 30s
frontend bench
    bind 127.0.0.1:$1
    default_backend pool
backend pool
    balance roundrobin
    server s1 127.0.0.1:$backend_port
CFG
}
proxy_cfg "$haproxy_port" >"$work/haproxy.cfg"
proxy_cfg "$weir_port" >"$work/weir.cfg"

wait_port() {
    for _ in $(seq 1 100); do
        python3 -c "import socket; socket.create_connection(('127.0.0.1', $1)).close()" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "error: nothing listens on $1" >&2
    exit 1
}

haproxy -db -f "$work/backend.cfg" >/dev/null 2>&1 & pids+=($!)
wait_port "$backend_port"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
peak_kib() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }

# Runs wrk against one proxy; prints "rps p99_ms cpu_s_per_100k peak_kib idle_bytes_per_conn".
measure() {
    local pid=$1 target_port=$2 name=$3
    wait_port "$target_port"
    wrk -t1 -c"$connections" -d2s "http://127.0.0.1:$target_port/" >/dev/null 2>&1
    local ticks_before ticks_after hz
    hz=$(getconf CLK_TCK)
    ticks_before=$(cpu_ticks "$pid")
    wrk -t1 -c"$connections" -d"${duration}s" --latency "http://127.0.0.1:$target_port/" >"$work/$name.wrk"
    ticks_after=$(cpu_ticks "$pid")
    local requests p99 rps
    requests=$(awk '/requests in/ {print $1}' "$work/$name.wrk")
    rps=$(awk '/Requests\/sec/ {print $2}' "$work/$name.wrk")
    p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub("us","",v); v/=1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v*=1000}; print v}' "$work/$name.wrk")
    local cpu
    cpu=$(awk -v a="$ticks_before" -v b="$ticks_after" -v hz="$hz" -v n="$requests" 'BEGIN {printf "%.3f", (b - a) / hz / n * 100000}')
    local before after
    sleep 1
    before=$(rss_kib "$pid")
    mkfifo "$work/$name.hold"
    python3 Benchmarks/idle-connections.py "$target_port" "$idle" <"$work/$name.hold" >"$work/$name.idle" &
    local holder=$!
    exec 9>"$work/$name.hold"
    for _ in $(seq 1 300); do grep -q ready "$work/$name.idle" 2>/dev/null && break; sleep 0.1; done
    after=$(rss_kib "$pid")
    exec 9>&-
    wait "$holder" 2>/dev/null || true
    local per_conn
    per_conn=$(awk -v a="$before" -v b="$after" -v n="$idle" 'BEGIN {printf "%.0f", (b - a) * 1024 / n}')
    echo "$rps $p99 $cpu $(peak_kib "$pid") $per_conn"
}

haproxy -db -f "$work/haproxy.cfg" >/dev/null 2>&1 & haproxy_pid=$!; pids+=($haproxy_pid)
read -r h_rps h_p99 h_cpu h_peak h_idle < <(measure "$haproxy_pid" "$haproxy_port" haproxy)
kill "$haproxy_pid"

"$weir" run --threads "$threads" "$work/weir.cfg" >/dev/null 2>&1 & weir_pid=$!; pids+=($weir_pid)
read -r w_rps w_p99 w_cpu w_peak w_idle < <(measure "$weir_pid" "$weir_port" weir)
kill "$weir_pid"

echo "wrk: 1 thread, $connections connections, ${duration} s; proxies: $threads thread(s); $idle idle connections"
printf '%-8s %12s %10s %16s %14s %16s\n' proxy "requests/s" "p99 ms" "CPU s/100k req" "peak RSS KiB" "B/idle conn"
printf '%-8s %12s %10s %16s %14s %16s\n' haproxy "$h_rps" "$h_p99" "$h_cpu" "$h_peak" "$h_idle"
printf '%-8s %12s %10s %16s %14s %16s\n' weir "$w_rps" "$w_p99" "$w_cpu" "$w_peak" "$w_idle"
awk -v hr="$h_rps" -v wr="$w_rps" -v hp="$h_p99" -v wp="$w_p99" -v hc="$h_cpu" -v wc="$w_cpu" -v hm="$h_peak" -v wm="$w_peak" \
    -v hi="$h_idle" -v wi="$w_idle" 'BEGIN {
    printf "weir/haproxy: requests/s %.2fx, p99 %.2fx, CPU per request %.2fx, peak RSS %.2fx, memory per idle connection %.2fx\n",
        wr/hr, wp/hp, wc/hc, wm/hm, (hi > 0 ? wi/hi : 0) }'
