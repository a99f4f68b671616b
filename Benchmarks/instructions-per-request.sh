#!/usr/bin/env bash
# On-demand measurement (not part of the test suite): user-space instructions
# and system calls per request of `weir run` and of haproxy, the same
# configuration and backend as Benchmarks/engine-vs-haproxy.sh, one thread each.
# Unlike CPU seconds, both counts do not depend on what else loads the machine,
# so two builds can be compared on a busy machine (this 2-core machine has no
# hardware performance counters for `perf stat -e instructions`).
#   instructions  each proxy runs under valgrind's callgrind; its counts are
#                 zeroed while it is idle, a wrk run of SECONDS loads it (1
#                 thread, CG_CONNECTIONS keep-alive connections, default 4),
#                 and the counts are dumped once it is idle again: instructions
#                 executed (Ir) / requests the backend answered in between (its
#                 CumReq, read through its stats socket).
#   system calls  each proxy runs natively under wrk (CONNECTIONS connections);
#                 `perf stat -e raw_syscalls:sys_enter` counts its system calls
#                 from before to after a wrk run of SECONDS, and /proc/PID/stat
#                 its CPU time (CPU s per 100k requests: this one depends on
#                 the machine's load).
# Runs: http (bare proxy), http-l7 (forwardfor, set-header, ten ACLs and
# use_backend rules), tcp (mode tcp), http-log (option httplog to UDP syslog).
# KEEP=DIR keeps the callgrind files (callgrind_annotate reads them).
# With TOP=N, the N functions of weir's bare http run with the most
# instructions (self) are printed.
#
# Usage: [TOP=N] [WEIR=path] bash Benchmarks/instructions-per-request.sh [SECONDS] [CONNECTIONS] [RUNS...]
#        (defaults: 5 s, 50 connections, every run)
set -euo pipefail
source "$(dirname "$0")/lib/engine-bench-config.sh"
cd "$(dirname "$0")/.."
duration=${1:-5}
connections=${2:-50}
shift 2 2>/dev/null || shift $#
runs=("$@")
# Under callgrind a proxy answers about 50 times slower: with few connections each still sees its next
# request within milliseconds (with 50, weir would park every connection idle for 100 ms between two requests).
cg_connections=${CG_CONNECTIONS:-4}
(( ${#runs[@]} )) || runs=(http http-l7 tcp http-log)
for tool in wrk haproxy python3 timeout valgrind vgdb perf objcopy; do
    command -v "$tool" >/dev/null || { echo "error: $tool is not installed" >&2; exit 1; }
done
if [ -z "${WEIR:-}" ]; then
    swift build -c release --product weir >/dev/null
    weir=$(swift build -c release --show-bin-path)/weir
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

read -r backend_port http_port l7_port tcp_port log_port syslog_port < <(python3 - <<'PY'
import random, socket
found = []
for port in random.sample(range(20000, 30000), 400):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
    found.append(port)
    if len(found) == 6:
        break
print(*found)
PY
)
declare -A port_of=([http]=$http_port [http-l7]=$l7_port [tcp]=$tcp_port [http-log]=$log_port)

backend_cfg "$backend_port" 16384 "" "$work/backend.sock" >"$work/backend.cfg"

engine_proxy_cfg 1000 "$backend_port" "$syslog_port" "$http_port" "$l7_port" "$tcp_port" "$log_port" >"$work/proxy.cfg"
haproxy -c -q -f "$work/proxy.cfg" || { echo "error: haproxy refuses the configuration" >&2; exit 1; }

wait_port() {
    for _ in $(seq 1 600); do
        python3 -c "import socket; socket.create_connection(('127.0.0.1', $1)).close()" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "error: nothing listens on $1" >&2
    return 1
}

haproxy -db -f "$work/backend.cfg" >/dev/null 2>&1 & pids+=($!)
python3 -c "
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('127.0.0.1', $syslog_port))
while True:
    s.recv(65536)
" & pids+=($!)
wait_port "$backend_port"

# served: the requests the backend has answered since it started (its CumReq).
served() {
    python3 - "$work/backend.sock" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(b"show info\n")
data = b""
while chunk := s.recv(65536):
    data += chunk
print(next(line.split(":")[1].strip() for line in data.decode().splitlines() if line.startswith("CumReq:")))
PY
}

# window PORT NAME CONNECTIONS COMMAND...: a wrk run of SECONDS on PORT between `COMMAND start` and
# `COMMAND stop`, both while the proxy is idle (so nothing is counted half); prints the requests the
# backend answered in between.
window() {
    local port=$1 name=$2 clients=$3
    shift 3
    timeout 60 wrk -t1 -c"$clients" -d2s "http://127.0.0.1:$port/" >/dev/null 2>&1
    sleep 0.5
    local before after
    "$@" start
    before=$(served)
    timeout $((duration + 90)) wrk -t1 -c"$clients" -d"${duration}s" "http://127.0.0.1:$port/" >"$work/$name.wrk"
    after=$(served)
    sleep 0.5
    "$@" stop
    echo $((after - before))
}

# callgrind_window PID start|stop: zero the counts at the start, dump them at the stop (vgdb reaches a
# process blocked in epoll_wait, which callgrind_control's command file does not).
callgrind_window() {
    if [[ $2 == start ]]; then vgdb --pid="$1" zero >/dev/null; else vgdb --pid="$1" dump >/dev/null; fi
}

# syscall_window PID start|stop: counts the system calls and CPU ticks of PID in between.
syscall_window() {
    if [[ $2 == start ]]; then
        perf stat -x, -e raw_syscalls:sys_enter -p "$1" -o "$work/window.stat" &
        echo $! >"$work/window.perf"
        awk '{print $14, $15}' "/proc/$1/stat" >"$work/window.ticks"
        sleep 0.5
    else
        awk '{print $14, $15}' "/proc/$1/stat" >>"$work/window.ticks"
        kill -INT "$(cat "$work/window.perf")"
        wait "$(cat "$work/window.perf")" 2>/dev/null || true
    fi
}

# instructions PROXY COMMAND...: "RUN INSTRUCTIONS_PER_REQUEST" for each run, the proxy under callgrind.
instructions() {
    local proxy=$1
    shift
    valgrind --tool=callgrind --callgrind-out-file="$work/$proxy.cg" "$@" >"$work/$proxy.valgrind.log" 2>&1 &
    local pid=$!
    pids+=($pid)
    for run in "${runs[@]}"; do
        wait_port "${port_of[$run]}"
        local count
        count=$(window "${port_of[$run]}" "$proxy-$run-cg" "$cg_connections" callgrind_window "$pid")
        local file
        file=$(ls -t "$work/$proxy.cg".* | head -1)
        mv "$file" "$work/$proxy-$run.cg"
        [[ -z "${KEEP:-}" ]] || cp "$work/$proxy-$run.cg" "$KEEP/"
        echo "$count" >"$work/$proxy-$run.requests"
        awk -v r="$count" -v run="$run" '/^summary:/ {printf "%s %.0f\n", run, $2 / r}' "$work/$proxy-$run.cg"
    done
    kill "$pid"
    wait "$pid" 2>/dev/null || true
}

# syscalls PROXY COMMAND...: "RUN SYSCALLS_PER_REQUEST CPU_S_PER_100K" for each run, the proxy native.
syscalls() {
    local proxy=$1
    shift
    "$@" >"$work/$proxy.native.log" 2>&1 &
    local pid=$!
    pids+=($pid)
    local hz
    hz=$(getconf CLK_TCK)
    for run in "${runs[@]}"; do
        wait_port "${port_of[$run]}"
        local count
        count=$(window "${port_of[$run]}" "$proxy-$run-sys" "$connections" syscall_window "$pid")
        local calls cpu
        calls=$(awk -F, '/raw_syscalls/ {print $1}' "$work/window.stat")
        cpu=$(awk -v hz="$hz" 'NR == 1 {u = $1; s = $2} NR == 2 {printf "%.3f", ($1 - u + $2 - s) / hz}' "$work/window.ticks")
        awk -v c="$calls" -v r="$count" -v cpu="$cpu" -v run="$run" 'BEGIN {printf "%s %.2f %.3f\n", run, c / r, cpu / r * 100000}'
    done
    kill "$pid"
    wait "$pid" 2>/dev/null || true
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
instructions haproxy haproxy -db -f "$work/proxy.cfg" >"$work/haproxy.instructions"
# valgrind 3.19 cannot read the DWARF 5 of a Swift build: callgrind runs a copy without it (symbols kept).
objcopy --strip-debug "$weir" "$work/weir"
instructions weir "$work/weir" run --threads 1 "$work/proxy.cfg" >"$work/weir.instructions"
syscalls haproxy haproxy -db -f "$work/proxy.cfg" >"$work/haproxy.syscalls"
syscalls weir "$weir" run --threads 1 "$work/proxy.cfg" >"$work/weir.syscalls"

echo "wrk: 1 thread, $connections keep-alive connections, ${duration} s per run; proxies: 1 thread each"
echo "load average (1, 5, 15 min): $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after, on $(nproc) CPUs"
printf "%-8s %14s %14s %7s %13s %13s %7s %12s %12s\n" run "haproxy instr" "weir instr" ratio "haproxy sysc" "weir sysc" ratio \
    "haproxy CPU" "weir CPU"
for run in "${runs[@]}"; do
    hi=$(awk -v r="$run" '$1 == r {print $2}' "$work/haproxy.instructions")
    wi=$(awk -v r="$run" '$1 == r {print $2}' "$work/weir.instructions")
    hs=$(awk -v r="$run" '$1 == r {print $2}' "$work/haproxy.syscalls")
    ws=$(awk -v r="$run" '$1 == r {print $2}' "$work/weir.syscalls")
    hc=$(awk -v r="$run" '$1 == r {print $3}' "$work/haproxy.syscalls")
    wc=$(awk -v r="$run" '$1 == r {print $3}' "$work/weir.syscalls")
    awk -v run="$run" -v hi="$hi" -v wi="$wi" -v hs="$hs" -v ws="$ws" -v hc="$hc" -v wc="$wc" \
        'BEGIN {printf "%-8s %14s %14s %6.2fx %13s %13s %6.2fx %12s %12s\n", run, hi, wi, wi / hi, hs, ws, ws / hs, hc, wc}'
done
if [[ -n "${TOP:-}" && -s "$work/weir-http.cg" ]]; then
    printf "\nweir, bare http, instructions per request (self), by object and by function:\n"
    python3 Benchmarks/callgrind-self.py "$work/weir-http.cg" "$(cat "$work/weir-http.requests")" "$TOP"
fi
