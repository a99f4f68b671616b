#!/usr/bin/env bash
# On-demand benchmark (not part of the test suite): `weir run` against
# haproxy, one thread each, the same configuration, the same backend (a
# separate haproxy answering every request itself with `http-request return`,
# so the backend costs both proxies the same). In one run, for each proxy:
#   http     a bare HTTP proxy (default_backend only)
#   http-l7  the article's L7 features: option forwardfor, two set-header,
#            ten ACLs and ten use_backend rules before the default_backend
#   tcp      mode tcp (the same HTTP requests relayed as bytes)
#   http-log the bare HTTP proxy with option httplog to a local UDP syslog
#            receiver (a python3 process that reads and drops the datagrams)
# each measured with wrk (1 thread, CONNECTIONS keep-alive connections,
# SECONDS s after a 2 s warm-up): requests/s, p99 latency, user and system CPU
# seconds per 100,000 requests; then IDLE idle keep-alive connections (one
# request each) to the http frontend and the growth of resident memory per
# connection one second after the last one was answered, and the peak RSS of the whole run. Prints the figures and the
# weir/haproxy ratios. Every wrk and idle phase is bounded by `timeout`.
# The load average is printed before and after: CPU figures taken while
# other work loads the machine are not comparable with an idle machine's.
# With PROFILE=1 (and perf installed), a last bare-http run of SECONDS under
# `perf record -g` on weir gives where its CPU time goes (perf-summary.py).
#
# Usage: [PROFILE=1] bash Benchmarks/engine-vs-haproxy.sh [SECONDS] [CONNECTIONS] [IDLE]
#        (defaults: 10 s, 50 connections, 10000 idle connections; IDLE is
#        lowered to what the descriptor limit lets haproxy hold, which needs
#        two descriptors per connection of its maxconn)
set -euo pipefail
source "$(dirname "$0")/lib/engine-bench-config.sh"
cd "$(dirname "$0")/.."
duration=${1:-10}
connections=${2:-50}
idle=${3:-10000}
scratch=${SCRATCH:-.build}
for tool in wrk haproxy python3 timeout; do
    command -v "$tool" >/dev/null || { echo "error: $tool is not installed" >&2; exit 1; }
done
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
# haproxy refuses to start unless the limit covers 2 x maxconn and a few descriptors of its own.
fits=$(( ($(ulimit -n) - 100) / 2 - connections - 100 ))
if (( idle > fits )); then
    echo "note: the descriptor limit ($(ulimit -n)) lets haproxy hold $fits idle connections, not $idle" >&2
    idle=$fits
fi
maxconn=$(( idle + connections + 100 ))

# WEIR=path runs another build (e.g. the debug one) instead of building the release one.
if [ -z "${WEIR:-}" ]; then
    swift build -c release --scratch-path "$scratch" --product weir >/dev/null
    weir=$(swift build -c release --scratch-path "$scratch" --show-bin-path)/weir
else
    weir=$WEIR
fi
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Ten free ports below the ephemeral range, so that the thousands of client
# connections the benchmark opens cannot take a proxy's port in between.
read -r backend_port h_http h_l7 h_tcp w_http w_l7 w_tcp h_log w_log syslog_port < <(python3 - <<'PY'
import random, socket
found = []
for port in random.sample(range(20000, 30000), 400):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
    found.append(port)
    if len(found) == 10:
        break
print(*found)
PY
)

backend_cfg "$backend_port" >"$work/backend.cfg"

engine_proxy_cfg "$maxconn" "$backend_port" "$syslog_port" "$h_http" "$h_l7" "$h_tcp" "$h_log" >"$work/haproxy.cfg"
engine_proxy_cfg "$maxconn" "$backend_port" "$syslog_port" "$w_http" "$w_l7" "$w_tcp" "$w_log" >"$work/weir.cfg"
haproxy -c -q -f "$work/haproxy.cfg" || { echo "error: haproxy refuses the benchmark config" >&2; exit 1; }
"$weir" compile "$work/weir.cfg" 2>/dev/null | python3 -c 'import json, sys; sys.exit(1 if json.load(sys.stdin)["unsupported"] else 0)' \
    || { echo "error: the engine does not run all of the benchmark config" >&2; exit 1; }

wait_port() {
    for _ in $(seq 1 100); do
        python3 -c "import socket; socket.create_connection(('127.0.0.1', $1)).close()" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "error: nothing listens on $1" >&2
    return 1
}

haproxy -db -f "$work/backend.cfg" >/dev/null 2>&1 & pids+=($!)
# The syslog receiver of the http-log run: reads every datagram and drops it.
python3 -c "
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('127.0.0.1', $syslog_port))
while True:
    s.recv(65536)
" & pids+=($!)
wait_port "$backend_port"

hz=$(getconf CLK_TCK)
# Fields 14 and 15 of /proc/PID/stat: user and system CPU time, in ticks.
cpu_ticks() { awk '{print $14, $15}' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
peak_kib() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }

# throughput PID PORT NAME: prints "rps p99_ms user_s_per_100k sys_s_per_100k".
throughput() {
    local pid=$1 port=$2 name=$3
    wait_port "$port"
    timeout $((duration + 30)) wrk -t1 -c"$connections" -d2s "http://127.0.0.1:$port/" >/dev/null 2>&1
    local before after
    before=$(cpu_ticks "$pid")
    timeout $((duration + 30)) wrk -t1 -c"$connections" -d"${duration}s" --latency "http://127.0.0.1:$port/" >"$work/$name.wrk"
    after=$(cpu_ticks "$pid")
    awk -v before="$before" -v after="$after" -v hz="$hz" '
        /requests in/ {requests = $1}
        /Requests\/sec/ {rps = $2}
        $1 == "99%" {v = $2; if (v ~ /us$/) {sub("us", "", v); v /= 1000} else if (v ~ /ms$/) {sub("ms", "", v)} else if (v ~ /s$/) {sub("s", "", v); v *= 1000}; p99 = v}
        END {
            split(before, b, " "); split(after, a, " ")
            printf "%s %s %.3f %.3f\n", rps, p99, (a[1] - b[1]) / hz / requests * 100000, (a[2] - b[2]) / hz / requests * 100000
        }' "$work/$name.wrk"
}

# idle_bytes PID PORT NAME: resident memory growth per idle keep-alive connection.
idle_bytes() {
    local pid=$1 port=$2 name=$3
    sleep 1
    local before after
    before=$(rss_kib "$pid")
    mkfifo "$work/$name.hold"
    timeout 300 python3 Benchmarks/idle-connections.py "$port" "$idle" <"$work/$name.hold" >"$work/$name.idle" &
    local holder=$!
    exec 9>"$work/$name.hold"
    for _ in $(seq 1 2400); do
        grep -q ready "$work/$name.idle" 2>/dev/null && break
        kill -0 "$holder" 2>/dev/null || break
        sleep 0.1
    done
    grep -q ready "$work/$name.idle" || { echo "error: $name did not hold $idle idle connections" >&2; exit 1; }
    # Both proxies get the same second to settle: weir parks a connection idle for 100 ms.
    sleep 1
    after=$(rss_kib "$pid")
    exec 9>&-
    wait "$holder" 2>/dev/null || true
    awk -v a="$before" -v b="$after" -v n="$idle" 'BEGIN {printf "%.0f", (b - a) * 1024 / n}'
}

# measure PID HTTP_PORT L7_PORT TCP_PORT NAME LOG_PORT: one line per run, then "memory PEAK_KIB BYTES_PER_IDLE".
measure() {
    local pid=$1 name=$5
    echo "http $(throughput "$pid" "$2" "$name-http")"
    echo "http-l7 $(throughput "$pid" "$3" "$name-l7")"
    echo "tcp $(throughput "$pid" "$4" "$name-tcp")"
    echo "http-log $(throughput "$pid" "$6" "$name-log")"
    local per_idle
    per_idle=$(idle_bytes "$pid" "$2" "$name")
    echo "memory $(peak_kib "$pid") $per_idle"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 & haproxy_pid=$!; pids+=($haproxy_pid)
wait_port "$h_http" || { cat "$work/haproxy.log" >&2; exit 1; }
measure "$haproxy_pid" "$h_http" "$h_l7" "$h_tcp" haproxy "$h_log" >"$work/haproxy.results"
kill "$haproxy_pid"

"$weir" run --threads 1 "$work/weir.cfg" >"$work/weir.log" 2>&1 & weir_pid=$!; pids+=($weir_pid)
wait_port "$w_http" || { cat "$work/weir.log" >&2; exit 1; }
measure "$weir_pid" "$w_http" "$w_l7" "$w_tcp" weir "$w_log" >"$work/weir.results"
if [[ "${PROFILE:-0}" == 1 ]] && command -v perf >/dev/null; then
    timeout $((duration + 30)) perf record -F 999 -g -o "$work/weir.perf" -p "$weir_pid" -- sleep "$duration" >/dev/null 2>&1 &
    perf_pid=$!
    timeout $((duration + 30)) wrk -t1 -c"$connections" -d"${duration}s" "http://127.0.0.1:$w_http/" >/dev/null 2>&1
    wait "$perf_pid" || true
    perf report -i "$work/weir.perf" --no-children --sort dso,sym --stdio -g none 2>/dev/null \
        | python3 Benchmarks/perf-summary.py >"$work/weir.profile"
fi
kill "$weir_pid"

echo "wrk: 1 thread, $connections keep-alive connections, ${duration} s per run; proxies: 1 thread each; $idle idle connections"
echo "load average (1, 5, 15 min): $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after, on $(nproc) CPUs"
awk '
    FNR == 1 {proxy = (FILENAME ~ /haproxy/) ? "haproxy" : "weir"}
    $1 != "memory" {rps[$1, proxy] = $2; p99[$1, proxy] = $3; user[$1, proxy] = $4; sys[$1, proxy] = $5; runs[$1] = 1}
    $1 == "memory" {peak[proxy] = $2; idle[proxy] = $3}
    END {
        printf "%-8s %-8s %11s %8s %12s %12s %12s\n", "run", "proxy", "requests/s", "p99 ms", "user s/100k", "sys s/100k", "CPU s/100k"
        n = split("http http-l7 tcp http-log", order, " ")
        for (i = 1; i <= n; i++) {
            r = order[i]
            for (j = 1; j <= 2; j++) {
                p = (j == 1) ? "haproxy" : "weir"
                printf "%-8s %-8s %11s %8s %12.3f %12.3f %12.3f\n", r, p, rps[r, p], p99[r, p], user[r, p], sys[r, p], user[r, p] + sys[r, p]
            }
        }
        printf "\nweir/haproxy:\n"
        for (i = 1; i <= n; i++) {
            r = order[i]
            printf "%-8s requests/s %.2fx, p99 %.2fx, CPU per request %.2fx (user %.2fx, system %.2fx)\n", r,
                rps[r, "weir"] / rps[r, "haproxy"], p99[r, "weir"] / p99[r, "haproxy"],
                (user[r, "weir"] + sys[r, "weir"]) / (user[r, "haproxy"] + sys[r, "haproxy"]),
                user[r, "weir"] / user[r, "haproxy"], (sys[r, "haproxy"] > 0 ? sys[r, "weir"] / sys[r, "haproxy"] : 0)
        }
        printf "\n%-8s %14s %18s\n", "proxy", "peak RSS KiB", "B/idle conn"
        printf "%-8s %14s %18s\n", "haproxy", peak["haproxy"], idle["haproxy"]
        printf "%-8s %14s %18s\n", "weir", peak["weir"], idle["weir"]
        printf "weir/haproxy: peak RSS %.2fx, memory per idle connection %.2fx\n", peak["weir"] / peak["haproxy"],
            (idle["haproxy"] > 0 ? idle["weir"] / idle["haproxy"] : 0)
    }' "$work/haproxy.results" "$work/weir.results"
if [[ -s "$work/weir.profile" ]]; then
    printf "\nweir, bare http, perf (self time):\n"
    cat "$work/weir.profile"
fi
