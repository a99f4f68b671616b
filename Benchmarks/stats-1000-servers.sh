#!/usr/bin/env bash
# On-demand benchmark (not part of the test suite): the runtime API's
# `show stat` and the stats page (HTML and ;csv) of the engine for 1,000
# servers (20 backends of 50), against the real haproxy on the same
# configuration. Each answer is asked RUNS times (default 20) over a fresh
# connection; prints the median and the worst, in milliseconds.
# Target: both answer within 100 ms.
#
# Usage: bash Benchmarks/stats-1000-servers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-20}

# WEIR=path runs another build (e.g. the debug one) instead of building the release one.
if [ -z "${WEIR:-}" ]; then
    swift build -c release --product weir >/dev/null
    weir=$(swift build -c release --show-bin-path)/weir
else
    weir=$WEIR
fi
work=$(mktemp -d)
pids=()
trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"' EXIT

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

config() { # $1 side, $2 stats port
    printf 'global\n    stats socket %s/%s.sock level admin\n' "$work" "$1"
    printf 'defaults\n    mode http\n    timeout connect 1s\n    timeout client 5s\n    timeout server 5s\n'
    printf 'listen stats\n    bind 127.0.0.1:%s\n    stats uri /stats\n' "$2"
    for backend in $(seq 1 20); do
        printf 'backend b%s\n' "$backend"
        for server in $(seq 1 50); do printf '    server s%s 127.0.0.1:%s\n' "$server" $((20000 + server)); done
    done
}

haproxy_port=$(port)
engine_port=$(port)
config haproxy "$haproxy_port" >"$work/haproxy.cfg"
config engine "$engine_port" >"$work/engine.cfg"
haproxy -db -f "$work/haproxy.cfg" >/dev/null 2>&1 & pids+=($!)
"$weir" run "$work/engine.cfg" --quiet >/dev/null 2>&1 & pids+=($!)
for _ in $(seq 1 100); do
    [ -S "$work/haproxy.sock" ] && [ -S "$work/engine.sock" ] && break
    sleep 0.1
done
sleep 0.5

python3 - "$work" "$haproxy_port" "$engine_port" "$runs" <<'PY'
import socket, statistics, sys, time, urllib.request
work, haproxy_port, engine_port, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])

def cli(path):
    s = socket.socket(socket.AF_UNIX); s.connect(path); s.sendall(b"show stat\n")
    data = b""
    while chunk := s.recv(1 << 16): data += chunk
    return data

def page(port, suffix):
    return urllib.request.urlopen(f"http://127.0.0.1:{port}/stats{suffix}", timeout=10).read()

def measure(ask):
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter(); size = len(ask()); times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times), size

print(f"{'answer':<22}{'haproxy median/worst ms':>26}{'engine median/worst ms':>26}{'rows':>7}")
for name, h, e in [
    ("show stat", lambda: cli(f"{work}/haproxy.sock"), lambda: cli(f"{work}/engine.sock")),
    ("stats page (HTML)", lambda: page(haproxy_port, ""), lambda: page(engine_port, "")),
    ("stats page ;csv", lambda: page(haproxy_port, ";csv"), lambda: page(engine_port, ";csv")),
]:
    hm, hw, _ = measure(h); em, ew, _ = measure(e)
    rows = cli(f"{work}/engine.sock").count(b"\n") - 2 if name == "show stat" else ""
    print(f"{name:<22}{hm:>15.1f} / {hw:>7.1f}{em:>15.1f} / {ew:>7.1f}{rows:>7}")
PY
