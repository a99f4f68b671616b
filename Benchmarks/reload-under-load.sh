#!/usr/bin/env bash
# Reloads under load: wrk sends requests at a fixed rate (a Lua delay per
# connection), each on a new connection (`Connection: close`), through a
# proxy on 127.0.0.1 while it is reloaded N times in a row the way haproxy
# is (`-D -p PIDFILE -sf OLD`, with `-x SOCKET` for the socket transfer),
# then prints what wrk counted: requests, the rate reached, connections
# refused or reset (wrk's socket errors) and answers other than 2xx.
#
# Usage: Benchmarks/reload-under-load.sh [--proxy weir|haproxy] [--transfer x|sf] [--rate N]
#                                        [--reloads N] [--interval SECONDS] [--weir PATH]
# Last line: RESULT proxy=… transfer=… target_rate=… rate=… requests=… connect_errors=… read_errors=…
#            write_errors=… timeouts=… non_2xx=…
# Everything runs on 127.0.0.1 and is stopped on exit; wrk is bounded by --reloads × --interval + 3 s.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
proxy=weir transfer=x rate=5000 reloads=10 interval=1
weir="$root/.build/release/weir"
[ -x "$weir" ] || weir="$root/.build/debug/weir"
while [ $# -gt 0 ]; do
    case "$1" in
        --proxy) proxy=$2; shift ;;
        --transfer) transfer=$2; shift ;;
        --rate) rate=$2; shift ;;
        --reloads) reloads=$2; shift ;;
        --interval) interval=$2; shift ;;
        --weir) weir=$2; shift ;;
        *) echo "usage: $0 [--proxy weir|haproxy] [--transfer x|sf] [--rate N] [--reloads N] [--interval S] [--weir PATH]" >&2; exit 2 ;;
    esac
    shift
done
for tool in haproxy wrk python3; do
    command -v "$tool" >/dev/null || { echo "reload-under-load: $tool is not installed" >&2; exit 2; }
done
if [ "$proxy" = weir ]; then
    [ -x "$weir" ] || { echo "reload-under-load: no weir binary (swift build -c release, or --weir PATH)" >&2; exit 2; }
    run=("$weir" haproxy)
else
    run=(haproxy)
fi

work=$(mktemp -d /tmp/weir-reload-load.XXXXXX)
cleanup() {
    for file in "$work"/*.pid; do [ -f "$file" ] && kill -9 "$(cat "$file")" 2>/dev/null || true; done
    for pid in $(cat "$work/started" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port) backend_port=$(free_port)

cat > "$work/backend.cfg" <<EOF
global
    nbthread 1
defaults
    mode http
    timeout connect 1s
    timeout client 5s
    timeout server 5s
frontend answer
    bind 127.0.0.1:$backend_port
    http-request return status 200 content-type text/plain string "from-backend"
EOF
haproxy -D -p "$work/backend.pid" -f "$work/backend.cfg"

cat > "$work/proxy.cfg" <<EOF
global
    nbthread 1
    hard-stop-after 10s
    stats socket $work/admin.sock mode 600 level admin expose-fd listeners
defaults
    mode http
    timeout connect 1s
    timeout client 5s
    timeout server 5s
frontend web
    bind 127.0.0.1:$port
    default_backend app
backend app
    server s1 127.0.0.1:$backend_port
EOF
"${run[@]}" -D -q -p "$work/proxy.pid" -f "$work/proxy.cfg"
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done

connections=100
# Each connection waits so that the connections together send at most `rate` requests a second
# (wrk 4 has no fixed-rate mode: the rate reached is printed, it is lower when answers are slow).
cat > "$work/rate.lua" <<EOF
wrk.headers["Connection"] = "close"
function delay() return math.floor(1000 * $connections / $rate) end
EOF
duration=$(( reloads * interval + 3 ))
wrk -t 2 -c "$connections" -d "${duration}s" --timeout 2s -s "$work/rate.lua" "http://127.0.0.1:$port/" > "$work/wrk.out" 2>&1 &
wrk_pid=$!
sleep 1
for round in $(seq 1 "$reloads"); do
    old=$(cat "$work/proxy.pid")
    extra=()
    [ "$transfer" = x ] && extra=(-x "$work/admin.sock")
    "${run[@]}" -D -q -p "$work/proxy.pid" -f "$work/proxy.cfg" "${extra[@]}" -sf "$old" || echo "reload $round failed" >&2
    echo "$old" >> "$work/started"
    sleep "$interval"
done
wait "$wrk_pid" || true
cat "$work/wrk.out"

awk -v proxy="$proxy" -v transfer="$transfer" -v target="$rate" '
    /requests in/ { requests = $1 }
    /Requests\/sec/ { achieved = $2 }
    /Socket errors/ { gsub(",", ""); connect = $4; read = $6; write = $8; timeout = $10 }
    /Non-2xx or 3xx/ { non2xx = $5 }
    END {
        printf "RESULT proxy=%s transfer=%s target_rate=%d rate=%s requests=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d non_2xx=%d\n",
            proxy, transfer, target, achieved, requests, connect + 0, read + 0, write + 0, timeout + 0, non2xx + 0
    }' "$work/wrk.out"
