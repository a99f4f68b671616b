#!/usr/bin/env bash
# On-demand benchmark (not part of the test suite): TLS termination, `weir
# run` against haproxy, one thread each, the same configuration, the same
# backend (a haproxy answering with `http-request return`, see
# Benchmarks/lib/proxy-bench.sh). Certificates are made here with openssl:
# RSA-2048 and ECDSA P-256. In one run, for each proxy:
#   keep-alive  wrk over HTTPS (TLS 1.3, ECDSA), 1 thread, 10 keep-alive
#               connections: requests/s and CPU seconds per 100,000 requests
#   handshakes  `openssl s_time -new` (never resumes: a full handshake and an
#               HTTP/1.0 request per connection) for RSA-2048 and ECDSA P-256,
#               TLS 1.2 and 1.3: handshakes/s, and CPU ms per handshake of the
#               proxy (the figure that does not depend on the client's speed)
#   h2          h2load over TLS (ALPN h2), 10 connections x 10 streams:
#               requests/s and CPU seconds per 100,000 requests
# Each phase runs SECONDS s after a short warm-up, bounded by `timeout`. The
# load average is printed before and after: CPU figures taken on a busy
# machine are indicative only.
#
# Usage: bash Benchmarks/tls-vs-haproxy.sh [SECONDS]   (default 10;
#        WEIR=path uses that weir binary instead of building a release one)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
source Benchmarks/lib/proxy-bench.sh
require wrk h2load haproxy openssl python3 timeout
weir=$(weir_binary)
read -r backend_port h_rsa h_ec w_rsa w_ec < <(free_ports 5)

openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=bench.test -keyout "$work/rsa.key" -out "$work/rsa.crt" 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj /CN=bench.test \
    -keyout "$work/ec.key" -out "$work/ec.crt" 2>/dev/null
cat "$work/rsa.crt" "$work/rsa.key" >"$work/rsa.pem"
cat "$work/ec.crt" "$work/ec.key" >"$work/ec.pem"
backend_cfg "$backend_port" >"$work/backend.cfg"

# proxy_cfg RSA_PORT EC_PORT: the same frontends for both proxies, ALPN h2 offered on each bind.
proxy_cfg() {
    cat <<CFG
global
    nbthread 1
    maxconn 4000
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    timeout http-keep-alive 30s
frontend rsa
    bind 127.0.0.1:$1 ssl crt $work/rsa.pem alpn h2,http/1.1
    default_backend pool
frontend ec
    bind 127.0.0.1:$2 ssl crt $work/ec.pem alpn h2,http/1.1
    default_backend pool
backend pool
    server s1 127.0.0.1:$backend_port
CFG
}
proxy_cfg "$h_rsa" "$h_ec" >"$work/haproxy.cfg"
proxy_cfg "$w_rsa" "$w_ec" >"$work/weir.cfg"
haproxy -c -q -f "$work/haproxy.cfg"

start_background haproxy -db -f "$work/backend.cfg"
wait_port "$backend_port"
start_background haproxy -db -f "$work/haproxy.cfg"; haproxy_pid=$last_pid
start_background "$weir" run "$work/weir.cfg" --threads 1 --quiet; weir_pid=$last_pid
for port in "$h_rsa" "$h_ec" "$w_rsa" "$w_ec"; do wait_port "$port"; done

# keepalive PID PORT: "rps cpu_s_per_100k"
keepalive_phase() {
    local pid=$1 port=$2 before after
    timeout 30 wrk -t1 -c10 -d2s "https://127.0.0.1:$port/" >/dev/null 2>&1
    before=$(cpu_seconds "$pid")
    timeout $((duration + 30)) wrk -t1 -c10 -d"${duration}s" "https://127.0.0.1:$port/" >"$work/wrk.out"
    after=$(cpu_seconds "$pid")
    awk -v b="$before" -v a="$after" '/requests in/ {n = $1} /Requests\/sec/ {r = $2} END {printf "%s %.3f\n", r, (a - b) / n * 100000}' "$work/wrk.out"
}

# handshake PID PORT VERSION: "handshakes_per_s cpu_ms_per_handshake"
handshake_phase() {
    local pid=$1 port=$2 version=$3 before after
    timeout 30 openssl s_time -connect "127.0.0.1:$port" -new -"$version" -time 1 -www / >/dev/null 2>&1 || true
    before=$(cpu_seconds "$pid")
    timeout $((duration + 30)) openssl s_time -connect "127.0.0.1:$port" -new -"$version" -time "$duration" -www / >"$work/s_time.out" 2>&1
    after=$(cpu_seconds "$pid")
    grep -q 'connections in' "$work/s_time.out" || { echo "error: s_time failed on $port" >&2; cat "$work/s_time.out" >&2; exit 1; }
    awk -v b="$before" -v a="$after" -v d="$duration" '/connections in [0-9.]+ real/ {n = $1}
        END {printf "%.0f %.3f\n", n / d, (a - b) / n * 1000}' "$work/s_time.out"
}

# h2 PID PORT: "rps cpu_s_per_100k"
h2_phase() {
    local pid=$1 port=$2 before after
    timeout 60 h2load -c10 -m10 -D 2 "https://127.0.0.1:$port/" >/dev/null 2>&1
    before=$(cpu_seconds "$pid")
    timeout $((duration + 30)) h2load -c10 -m10 -D "$duration" "https://127.0.0.1:$port/" >"$work/h2load.out"
    after=$(cpu_seconds "$pid")
    grep -q 'Application protocol: h2' "$work/h2load.out" || { echo "error: no h2 negotiated on $port" >&2; exit 1; }
    grep -q ' 0 failed' "$work/h2load.out" || { echo "error: failed HTTP/2 requests on $port" >&2; cat "$work/h2load.out" >&2; exit 1; }
    awk -v b="$before" -v a="$after" '/^finished in/ {r = $4} /^requests:/ {n = $8} END {printf "%s %.3f\n", r, (a - b) / n * 100000}' "$work/h2load.out"
}

row() { awk -v n="$1" -v h="$2" -v w="$3" -v f="$4" 'BEGIN {printf "%-36s " f " " f " %7.2fx\n", n, h, w, w / h}'; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
printf '%-36s %12s %12s %8s\n' measure haproxy weir ratio
read -r h_r h_c < <(keepalive_phase "$haproxy_pid" "$h_ec")
read -r w_r w_c < <(keepalive_phase "$weir_pid" "$w_ec")
row "keep-alive req/s (ECDSA)" "$h_r" "$w_r" "%12.0f"
row "keep-alive CPU-s per 100k" "$h_c" "$w_c" "%12.3f"
for cert in ec rsa; do
    for version in tls1_2 tls1_3; do
        hp=h_$cert wp=w_$cert
        read -r h_r h_c < <(handshake_phase "$haproxy_pid" "${!hp}" "$version")
        read -r w_r w_c < <(handshake_phase "$weir_pid" "${!wp}" "$version")
        row "handshakes/s $cert $version" "$h_r" "$w_r" "%12.0f"
        row "  CPU ms per handshake" "$h_c" "$w_c" "%12.3f"
    done
done
read -r h_r h_c < <(h2_phase "$haproxy_pid" "$h_ec")
read -r w_r w_c < <(h2_phase "$weir_pid" "$w_ec")
row "h2 over TLS req/s (10 x 10)" "$h_r" "$w_r" "%12.0f"
row "h2 over TLS CPU-s per 100k" "$h_c" "$w_c" "%12.3f"
echo "load average (1, 5, 15 min): $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after, on $(nproc) CPUs"
