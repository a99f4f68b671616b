#!/usr/bin/env bash
# On-demand benchmark (not part of the test suite): HTTP/2 and gzip, `weir
# run` against haproxy, one thread each, the same configuration, the same
# backend (a separate haproxy answering with `http-request return`). In one run:
#   gzip  a 100 KB JSON response compressed with gzip (`compression algo gzip`,
#         `compression type application/json`), wrk with 1 thread and 10
#         keep-alive connections sending `Accept-Encoding: gzip`: requests/s and
#         CPU seconds per 1,000 responses. haproxy 2.6.12 on Debian compresses
#         with libslz, weir with zlib at level 1 (tune.comp.maxlevel's default).
#   h2    a small response over HTTP/2 by prior knowledge, h2load with 10
#         connections x 10 concurrent streams: requests/s and CPU seconds per
#         100,000 requests.
# Each load phase runs SECONDS s after a 2 s warm-up, bounded by `timeout`.
#
# Usage: bash Benchmarks/h2-gzip-vs-haproxy.sh [SECONDS]   (default 10;
#        WEIR=path uses that weir binary instead of building a release one)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
source Benchmarks/lib/proxy-bench.sh
require wrk h2load haproxy python3 timeout
weir=$(weir_binary)
read -r backend_port h_port w_port < <(free_ports 3)

# 100 KB of JSON records, as an API would answer.
python3 - "$work/100k.json" <<'PY'
import json, sys
items, size = [], 0
while size < 100_000:
    items.append({"id": len(items), "name": f"item {len(items)}", "price": len(items) * 1.25, "tags": ["a", "b", "c"]})
    size += len(json.dumps(items[-1])) + 1
open(sys.argv[1], "w").write(json.dumps({"items": items}))
PY

# The whole 100 KB answer must fit in one buffer of the backend haproxy.
backend_cfg "$backend_port" 262144 \
    "    http-request return status 200 content-type application/json file $work/100k.json if { path /json }" >"$work/backend.cfg"

proxy_cfg() {
    cat <<CFG
global
    nbthread 1
    maxconn 2000
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    timeout http-keep-alive 30s
frontend f
    bind 127.0.0.1:$1
    compression algo gzip
    compression type application/json
    default_backend pool
backend pool
    server s1 127.0.0.1:$backend_port
CFG
}
proxy_cfg "$h_port" >"$work/haproxy.cfg"
proxy_cfg "$w_port" >"$work/weir.cfg"
haproxy -c -q -f "$work/haproxy.cfg"

start_background haproxy -db -f "$work/backend.cfg"
wait_port "$backend_port"
start_background haproxy -db -f "$work/haproxy.cfg"; haproxy_pid=$last_pid
start_background "$weir" run "$work/weir.cfg" --threads 1 --quiet; weir_pid=$last_pid
wait_port "$h_port"
wait_port "$w_port"

# gzip PID PORT NAME: "rps cpu_s_per_1000"
gzip_phase() {
    local pid=$1 port=$2 name=$3 before after
    curl -s -H 'Accept-Encoding: gzip' -D - -o "$work/$name.gz" "http://127.0.0.1:$port/json" | grep -qi '^content-encoding: gzip' \
        || { echo "error: $name does not compress" >&2; exit 1; }
    gzip -dc "$work/$name.gz" | cmp -s - "$work/100k.json" || { echo "error: $name's gzip body differs" >&2; exit 1; }
    timeout $((duration + 30)) wrk -t1 -c10 -d2s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port/json" >/dev/null 2>&1
    before=$(cpu_seconds "$pid")
    timeout $((duration + 30)) wrk -t1 -c10 -d"${duration}s" -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port/json" >"$work/$name.wrk"
    after=$(cpu_seconds "$pid")
    awk -v b="$before" -v a="$after" '/requests in/ {n = $1} /Requests\/sec/ {r = $2} END {printf "%s %.3f\n", r, (a - b) / n * 1000}' "$work/$name.wrk"
}

# h2 PID PORT NAME: "rps cpu_s_per_100k"
h2_phase() {
    local pid=$1 port=$2 name=$3 before after
    timeout 60 h2load -c10 -m10 -D 2 "http://127.0.0.1:$port/" >/dev/null 2>&1
    before=$(cpu_seconds "$pid")
    timeout $((duration + 30)) h2load -c10 -m10 -D "$duration" "http://127.0.0.1:$port/" >"$work/$name.h2load"
    after=$(cpu_seconds "$pid")
    grep -q ' 0 failed' "$work/$name.h2load" || { echo "error: $name had failed HTTP/2 requests" >&2; cat "$work/$name.h2load" >&2; exit 1; }
    awk -v b="$before" -v a="$after" '/^finished in/ {r = $4} /^requests:/ {n = $8} END {printf "%s %.3f\n", r, (a - b) / n * 100000}' "$work/$name.h2load"
}

read -r hg_rps hg_cpu < <(gzip_phase "$haproxy_pid" "$h_port" haproxy-gzip)
read -r wg_rps wg_cpu < <(gzip_phase "$weir_pid" "$w_port" weir-gzip)
read -r hh_rps hh_cpu < <(h2_phase "$haproxy_pid" "$h_port" haproxy-h2)
read -r wh_rps wh_cpu < <(h2_phase "$weir_pid" "$w_port" weir-h2)

printf '%-28s %12s %12s %8s\n' measure haproxy weir ratio
awk -v h="$hg_rps" -v w="$wg_rps" 'BEGIN {printf "%-28s %12.0f %12.0f %7.2fx\n", "gzip 100 KB JSON req/s", h, w, w / h}'
awk -v h="$hg_cpu" -v w="$wg_cpu" 'BEGIN {printf "%-28s %12.3f %12.3f %7.2fx\n", "gzip CPU-s per 1,000", h, w, w / h}'
awk -v h="$hh_rps" -v w="$wh_rps" 'BEGIN {printf "%-28s %12.0f %12.0f %7.2fx\n", "h2 req/s (10 x 10 streams)", h, w, w / h}'
awk -v h="$hh_cpu" -v w="$wh_cpu" 'BEGIN {printf "%-28s %12.3f %12.3f %7.2fx\n", "h2 CPU-s per 100k", h, w, w / h}'
