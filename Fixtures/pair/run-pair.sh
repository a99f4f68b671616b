#!/usr/bin/env bash
# The article's active-passive pair, for real: two nodes and a client in
# network namespaces joined by a bridge, each node running the engine (as
# `haproxy`, the article's production config with its addresses moved into
# the namespace network) and the real keepalived with the article's
# keepalived.conf for that node. The client sends requests to the VIP; the
# MASTER's engine is killed (or, with --cut-link, its link cut); the script
# prints the timeline.
#
# Usage (as root): Fixtures/pair/run-pair.sh [--fixed] [--cut-link] [--after SECONDS] [--weir PATH]
#   as written: node A priority 101, vrrp_script weight 2 (103 while the engine runs, 101 once it dies),
#               node B priority 100 without the script: the VIP does not move.
#   --fixed:    the weight `weir lint --node` proposes for node A (-2: 101 -> 99 < 100): the VIP moves.
#   --cut-link: instead of killing the engine, node A's cable is pulled: its veth's end on the bridge is set
#               down (node A's eth0 loses its carrier, its keepalived goes to FAULT; node B stops hearing adverts).
# Each node's engine is a peer of the other (the article's 10-peers.cfg section, `-L` naming the node): the
# frontend's request-rate table and web_pool's persistence table (`stick on src`) are shared, and the client's
# entries are read on both nodes before the failure and on node B after it.
# Last line: RESULT variant=… failure=engine|link failover=yes|no vip_moved_after_s=… requests=… failed=… failed_after_move=…
#            peers_rate=yes|no peers_persistence=yes|no (node B held the client's rate and A's server before the failure)
# Only namespaces and processes the script creates are touched; they are removed on exit, also on failure.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
variant=as-written
failure_kind=engine
after=12
weir="$root/.build/debug/weir"
while [ $# -gt 0 ]; do
    case "$1" in
        --fixed) variant=fixed ;;
        --cut-link) failure_kind=link ;;
        --after) after=$2; shift ;;
        --weir) weir=$2; shift ;;
        *) echo "usage: $0 [--fixed] [--cut-link] [--after SECONDS] [--weir PATH]" >&2; exit 2 ;;
    esac
    shift
done
[ "$(id -u)" = 0 ] || { echo "run-pair: needs root (network namespaces)" >&2; exit 2; }
for tool in ip unshare keepalived killall curl python3; do
    command -v "$tool" >/dev/null || { echo "run-pair: $tool is not installed" >&2; exit 2; }
done
[ -x "$weir" ] || { echo "run-pair: no weir binary at $weir (swift build first, or --weir PATH)" >&2; exit 2; }

id=$$
ns_a="weir-pair-$id-a" ns_b="weir-pair-$id-b" ns_c="weir-pair-$id-c"
work=$(mktemp -d /tmp/weir-pair.XXXXXX)
vip=10.10.0.10

cleanup() {
    for ns in "$ns_a" "$ns_b" "$ns_c"; do
        if ip netns list | grep -qw "$ns"; then
            for pid in $(ip netns pids "$ns"); do kill -9 "$pid" 2>/dev/null || true; done
        fi
    done
    sleep 0.2
    for ns in "$ns_a" "$ns_b" "$ns_c"; do ip netns del "$ns" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

start=$(date +%s.%N)
stamp() { awk -v now="$(date +%s.%N)" -v start="$start" 'BEGIN { printf "%7.3f", now - start }'; }
say() { echo "t=$(stamp)s $*"; }

# The network: a bridge in the client's namespace, one veth (eth0, as the article's keepalived.conf names it) per node.
ip netns add "$ns_a"; ip netns add "$ns_b"; ip netns add "$ns_c"
ip -n "$ns_c" link add br0 type bridge mcast_snooping 0
ip -n "$ns_c" link set lo up
ip -n "$ns_c" link set br0 up
ip -n "$ns_c" addr add 10.10.0.100/24 dev br0
node_address() { [ "$1" = a ] && echo 10.10.0.11 || echo 10.10.0.12; }
for node in a b; do
    ns="weir-pair-$id-$node"
    ip link add eth0 netns "$ns" type veth peer name "v$node" netns "$ns_c"
    ip -n "$ns_c" link set "v$node" master br0 up
    ip -n "$ns" link set lo up
    ip -n "$ns" link set eth0 up
    ip -n "$ns" addr add "$(node_address "$node")/24" dev eth0
done

# The engine as `haproxy`, so that the article's `killall -0 haproxy` finds it.
mkdir -p "$work/bin" "$work/empty"
ln -s "$weir" "$work/bin/haproxy"
article="$root/Fixtures/article"
# maxconn 50000 needs 100,000 descriptors (HAProxy's arithmetic, which the engine applies too); where the hard
# limit is lower and cannot be raised (a container), the largest maxconn it allows.
hard=$(ulimit -Hn)
maxconn=50000
if [ "$hard" != unlimited ] && [ "$hard" -lt 100100 ]; then maxconn=$(( (hard - 100) / 2 )); fi
for node in a b; do
    mkdir -p "$work/$node"
    # The production config (Fixtures/engine/production-loopback.cfg: the article's, with loopback addresses, no TLS):
    # frontends on every address of the node (so on the VIP once it arrives), the pools on the node's loopback,
    # user/group/chroot that exist on any machine, and a stats socket of the node's own (the namespaces share
    # one file system: two engines binding the same socket path at once could make one of them fail to start).
    sed -e 's/bind 127\.0\.0\.1:/bind :/' -e "s|stats socket /tmp/weir-production-loopback-admin.sock|stats socket $work/$node/admin.sock|" -e 's/^    user haproxy/    user nobody/' -e 's/^    group haproxy/    group nogroup/' \
        -e "s|^    chroot /var/lib/haproxy|    chroot $work/empty|" -e "s/^    maxconn 50000/    maxconn $maxconn/" "$root/Fixtures/engine/production-loopback.cfg" > "$work/$node/haproxy.cfg"
    # Stick tables shared through peers, as the article's 10-peers.cfg: its section (the nodes' names and addresses),
    # the frontend's rate table in it, and web_pool's persistence (`stick on src`) in a table of its own there.
    cat >> "$work/$node/haproxy.cfg" <<PEERS

peers haproxy_peers
    peer sw-infrarunbook-01 10.10.0.11:1024
    peer sw-infrarunbook-02 10.10.0.12:1024
PEERS
    sed -i -e 's/^\(    stick-table type ip size 100k expire 60s store http_req_rate(10s)\)$/\1 peers haproxy_peers/' \
        -e 's/^\(backend web_pool\)$/\1\n    stick-table type ip size 200k expire 10m peers haproxy_peers\n    stick on src/' "$work/$node/haproxy.cfg"
    source_conf=$([ "$node" = a ] && echo 13-keepalived-primary.conf || echo 14-keepalived-standby.conf)
    # auth_pass within VRRP's 8 characters (keepalived truncates the article's 11).
    sed -e 's/auth_pass stn2024vrrp/auth_pass stn2024v/' "$article/$source_conf" > "$work/$node/keepalived.conf"
done
if [ "$variant" = fixed ]; then
    sed -i 's/^    weight 2$/    weight -2/' "$work/a/keepalived.conf"
fi
priority_line=$(grep -E 'weight' "$work/a/keepalived.conf" | tr -s ' ')
echo "pair ($variant, failure: $failure_kind): node A priority 101,$priority_line; node B priority 100, no vrrp_script"

# Each node in its own PID namespace: its keepalived sees its own haproxy only.
for node in a b; do
    ns="weir-pair-$id-$node"
    cat > "$work/$node/node.sh" <<NODE
#!/usr/bin/env bash
cd "$work/$node"
for server in web01:19101 web02:19102 web03:19103 api01:19201 api02:19202 ws01:19301 ws02:19302; do
    python3 "$root/Tests/ProxyEngineTests/Support/backend.py" "\${server%:*}" "\${server#*:}" >/dev/null 2>&1 &
done
sleep 0.5
PATH="$work/bin:\$PATH" haproxy -D -q -L $([ "$node" = a ] && echo sw-infrarunbook-01 || echo sw-infrarunbook-02) -f haproxy.cfg -p haproxy.pid 2> engine.log
keepalived -n -l -D -f keepalived.conf -p keepalived.pid -r vrrp.pid -c checkers.pid > keepalived.log 2>&1 &
wait
NODE
    chmod +x "$work/$node/node.sh"
    ip netns exec "$ns" unshare --pid --fork --mount-proc "$work/$node/node.sh" >/dev/null 2>&1 &
    disown
done

# What a node's engine holds for the client 10.10.0.100: its request rate (https_in) and its server (web_pool),
# read on the node's stats socket (a path: reachable from any network namespace).
client_entry() {
    python3 - "$work/$1/admin.sock" <<'READ'
import re, socket, sys
def ask(command):
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(2)
    try:
        s.connect(sys.argv[1]); s.sendall(command.encode() + b"\n"); s.shutdown(socket.SHUT_WR)
        data = b""
        while True:
            part = s.recv(65536)
            if not part: break
            data += part
        return data.decode()
    except OSError:
        return ""
rate = re.search(r"key=10\.10\.0\.100 .*http_req_rate\(10000\)=(\d+)", ask("show table https_in"))
server = re.search(r"key=10\.10\.0\.100 .*server_id=(\d+)", ask("show table web_pool"))
print("rate=%s server_id=%s" % (rate.group(1) if rate else "none", server.group(1) if server else "none"))
READ
}

has_vip() { ip -n "weir-pair-$id-$1" -4 addr show dev eth0 2>/dev/null | grep -q " $vip/"; }
engine_pids() {
    for pid in $(ip netns pids "weir-pair-$id-$1"); do
        [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = haproxy ] && echo "$pid"
    done
    return 0
}

# Bounded waits: the VIP on A, the engine answering on it.
for _ in $(seq 1 100); do has_vip a && break; sleep 0.1; done
has_vip a || { echo "run-pair: node A never took the VIP"; tail -5 "$work/a/engine.log" "$work/a/keepalived.log"; exit 1; }
say "VIP $vip on node A (MASTER)"
answered=no
for _ in $(seq 1 60); do
    if [ "$(ip netns exec "$ns_c" curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://$vip:18443/index.html" || true)" = 200 ]; then
        answered=yes
        break
    fi
    sleep 0.25
done
if [ "$answered" = no ]; then
    echo "run-pair: the engine on node A does not answer 200 on the VIP"
    ip netns exec "$ns_c" curl -si --max-time 1 "http://$vip:18443/index.html" | head -5 || true
    tail -5 "$work/a/engine.log"
    exit 1
fi
say "engine on node A answers on the VIP"

# The client: one request every 100 ms, bounded by the run's length.
requests="$work/requests.log"
total_rounds=$(awk -v s="$after" 'BEGIN { printf "%d", (s + 4) * 10 }')
(
    for _ in $(seq 1 "$total_rounds"); do
        sent=$(date +%s.%N)
        code=$(ip netns exec "$ns_c" curl -s -o /dev/null -w '%{http_code}' --max-time 0.5 "http://$vip:18443/index.html" || true)
        echo "$sent $code" >> "$requests"
        sleep 0.1
    done
) &
client=$!
sleep 3

read -r a_rate a_server <<<"$(client_entry a)"
read -r b_rate b_server <<<"$(client_entry b)"
say "stick tables before the failure: node A $a_rate $a_server; node B, through peers, $b_rate $b_server"

failure=$(date +%s.%N)
if [ "$failure_kind" = link ]; then
    ip -n "$ns_c" link set va down
    say "link of node A cut (its veth on the bridge set down)"
else
    for pid in $(engine_pids a); do kill -9 "$pid"; done
    say "engine on node A killed (SIGKILL)"
fi
moved=""
for _ in $(seq 1 $((after * 10))); do
    if has_vip b; then moved=$(date +%s.%N); break; fi
    sleep 0.1
done
if [ -n "$moved" ]; then
    say "VIP $vip on node B ($(awk -v m="$moved" -v f="$failure" 'BEGIN { printf "%.1f", m - f }') s after the failure)"
    read -r moved_rate moved_server <<<"$(client_entry b)"
    say "stick tables on node B once it holds the VIP: $moved_rate $moved_server"
else
    say "VIP still on node A $after s after the failure: no failover"
fi
wait "$client" || true

# A request counts as sent after the move when it started after the VIP was seen on node B.
# Peers kept the data when node B held the client's rate and the same server as node A before the failure.
kept_rate=no kept_server=no
[ "${b_rate#rate=}" != none ] && [ "${b_rate#rate=}" -gt 0 ] && kept_rate=yes
[ "${a_server#server_id=}" != none ] && [ "$b_server" = "$a_server" ] && kept_server=yes
awk -v f="$failure" -v m="${moved:-0}" -v variant="$variant" -v kind="$failure_kind" -v kept_rate="$kept_rate" -v kept_server="$kept_server" '
    { total++; if ($2 != "200") { failed++; if (m > 0 && $1 > m) late++ } }
    END {
        printf "requests: %d, failed: %d", total, failed
        if (m > 0) printf ", failed among those sent after the VIP moved: %d", late + 0
        printf "\n"
        printf "RESULT variant=%s failure=%s failover=%s vip_moved_after_s=%s requests=%d failed=%d failed_after_move=%d peers_rate=%s peers_persistence=%s\n",
            variant, kind, (m > 0 ? "yes" : "no"), (m > 0 ? sprintf("%.1f", m - f) : "none"), total, failed + 0, late + 0, kept_rate, kept_server
    }' "$requests"
