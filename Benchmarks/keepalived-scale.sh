#!/usr/bin/env bash
# On-demand benchmark (not part of the test suite): `weir lint` on a
# keepalived.conf with many vrrp_instances, alone and as the two nodes of a
# pair (`--node`), against `keepalived -t` on the same file, best of 3.
# The target is weir no slower than keepalived -t, for one node and for two.
#
# As root, keepalived runs in a private network namespace holding the
# interfaces the config names (eth0…), so it checks them as on a real host;
# otherwise it runs as is and reports the missing interfaces (same work).
#
# Usage: bash Benchmarks/keepalived-scale.sh [INSTANCES]   (default: 5000)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-5000}
swift build -c release --product weir >/dev/null
weir=$(swift build -c release --show-bin-path)/weir
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One vrrp_script and SIZE instances, 250 VRIDs per interface; the standby differs in state and priority.
generate() {
    python3 - "$size" "$1" "$2" <<'PY'
import sys
size, state, priority = int(sys.argv[1]), sys.argv[2], sys.argv[3]
out = ["global_defs {\n    router_id LB\n    enable_script_security\n    script_user root\n}\n",
       "vrrp_script chk_haproxy {\n    script \"/bin/true\"\n    interval 2\n    weight -60\n}\n"]
for i in range(size):
    out.append(f"""vrrp_instance VI_{i} {{
    state {state}
    interface eth{i // 250}
    virtual_router_id {i % 250 + 1}
    priority {priority}
    advert_int 1
    authentication {{
        auth_type PASS
        auth_pass pw{i % 1000:05d}
    }}
    virtual_ipaddress {{
        10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}/32
    }}
    track_script {{
        chk_haproxy
    }}
}}
""")
sys.stdout.write("".join(out))
PY
}
generate MASTER 150 >"$work/primary.conf"
generate BACKUP 100 >"$work/standby.conf"
interfaces=$(( (size + 249) / 250 ))

# Runs a command 3 times; prints the best wall time and the least CPU time (user + system), in seconds.
best() {
    local best="" cpu=""
    for _ in 1 2 3; do
        /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>&1 || true
        local seconds user system used
        read -r seconds user system <"$work/time"
        used=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')
        if [[ -z $best ]] || awk "BEGIN{exit !($seconds < $best)}"; then best=$seconds; fi
        if [[ -z $cpu ]] || awk "BEGIN{exit !($used < $cpu)}"; then cpu=$used; fi
    done
    echo "$best $cpu"
}

keepalived_best() {
    if [[ $(id -u) -eq 0 ]] && command -v unshare >/dev/null; then
        # Only keepalived is timed, inside the namespace, after the links exist.
        unshare -n sh -c "
            for i in \$(seq 0 $((interfaces - 1))); do
                ip link add eth\$i type dummy 2>/dev/null || ip link add eth\$i type bridge; ip link set eth\$i up
            done
            best=''; cpu=''
            for _ in 1 2 3; do
                /usr/bin/time -f '%e %U %S' -o '$work/ktime' keepalived -t -f '$work/primary.conf' >/dev/null 2>&1 || true
                read -r s u y <'$work/ktime'
                c=\$(awk -v u=\$u -v y=\$y 'BEGIN { printf \"%.2f\", u + y }')
                if [ -z \"\$best\" ] || awk \"BEGIN{exit !(\$s < \$best)}\"; then best=\$s; fi
                if [ -z \"\$cpu\" ] || awk \"BEGIN{exit !(\$c < \$cpu)}\"; then cpu=\$c; fi
            done
            echo \$best \$cpu"
    else
        best keepalived -t -f "$work/primary.conf"
    fi
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r k kc < <(keepalived_best)
read -r o oc < <(best "$weir" lint --keepalived --format json "$work/primary.conf")
read -r t tc < <(best "$weir" lint --format json --node "a=$work/primary.conf" --node "b=$work/standby.conf")
awk -v k="$k" -v o="$o" -v t="$t" -v kc="$kc" -v oc="$oc" -v tc="$tc" -v s="$size" 'BEGIN {
    printf "vrrp_instances %d: keepalived -t %.2f s (CPU %.2f s); weir lint one node %.2f s (%.2fx, CPU %.2f s, %.2fx), two nodes %.2f s (%.2fx, CPU %.2f s, %.2fx)\n",
        s, k, kc, o, o/k, oc, oc/kc, t, t/k, tc, tc/kc }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
