# Shared setup of the weir-against-haproxy benchmarks (sourced, not run):
#   require TOOL...          fails unless every tool is installed
#   weir_binary              prints the weir binary to measure: $WEIR, or a release build
#   free_ports N             prints N free loopback ports
#   wait_port PORT           waits (10 s at most) until something listens on PORT
#   cpu_seconds PID          user + system CPU seconds of a process so far
#   start_background CMD...  runs CMD in the background, killed when the script exits;
#                            its pid is in $last_pid
#   backend_cfg PORT ...     the backend behind both proxies (backend-config.sh)
# Sets $work, a scratch directory removed when the script exits.
source "$(dirname "${BASH_SOURCE[0]}")/backend-config.sh"
scratch=${SCRATCH:-.build}
work=$(mktemp -d)
bench_pids=()
bench_cleanup() {
    for pid in "${bench_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap bench_cleanup EXIT

require() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "error: $tool is not installed (h2load: nghttp2-client)" >&2; exit 1; }
    done
}

weir_binary() {
    if [[ -n ${WEIR:-} ]]; then
        echo "$WEIR"
    else
        swift build -c release --scratch-path "$scratch" --product weir >/dev/null
        echo "$(swift build -c release --scratch-path "$scratch" --show-bin-path)/weir"
    fi
}

free_ports() {
    python3 - "$1" <<'PY'
import random, socket, sys
found = []
for port in random.sample(range(20000, 30000), 400):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
    found.append(port)
    if len(found) == int(sys.argv[1]):
        break
print(*found)
PY
}

wait_port() {
    for _ in $(seq 1 100); do
        python3 -c "import socket; socket.create_connection(('127.0.0.1', $1)).close()" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "error: nothing listens on $1" >&2
    return 1
}

bench_hz=$(getconf CLK_TCK)
cpu_seconds() { awk -v hz="$bench_hz" '{printf "%.3f", ($14 + $15) / hz}' "/proc/$1/stat"; }

start_background() {
    "$@" >/dev/null 2>&1 &
    last_pid=$!
    bench_pids+=("$last_pid")
}

