#!/usr/bin/env bash
# Re-records the oracle part of every Fixtures/article/*.expect sidecar by
# running the real tools: `haproxy -c` for *.cfg, `keepalived -t` for *.conf.
# Each sidecar keeps its `why:` line and its `weir:` section; the lines in
# between (tool, command, exit, verdict, oracle) are rewritten.
#
# Usage: Fixtures/record-oracle.sh        (needs root: unshare -n / -m)
set -euo pipefail

readonly ARTICLE_DIR="$(cd "$(dirname "$0")/article" && pwd)"
readonly CERT_ERROR="unable to stat SSL certificate from file '([^']+)'"
readonly MISSING_WHY="has no 'why:' line; write one before recording"

WORK_DIR="$(mktemp -d)"
readonly WORK_DIR
trap 'rm -rf "$WORK_DIR"' EXIT

haproxy_version() { haproxy -v | sed -nE '1s/^HAProxy version ([0-9.]+).*/\1/p'; }
keepalived_version() { keepalived -v 2>&1 | sed -nE '1s/^Keepalived v([0-9.]+).*/\1/p'; }

# The command line recorded in the sidecar and run as it reads.
haproxy_command() { printf 'haproxy -c -f %s' "$1"; }
keepalived_command() {
    # A private network namespace with its own eth0, so the result does not
    # depend on the recording host's interfaces. Kernels without the dummy
    # driver get a bridge, which is just as good for `interface eth0`.
    printf "unshare -n sh -c 'ip link add eth0 type dummy 2>/dev/null || ip link add eth0 type bridge; ip link set eth0 up; keepalived -t -f %s'" "$1"
}

# Drops the process id haproxy prints after the severity tag.
strip_pids() { sed -E 's/^(\[[A-Z]+\] +)\([0-9]+\) /\1/'; }

# A self-signed certificate and key in one PEM file, as `crt` expects.
make_certificate() {
    local pem="$WORK_DIR/oracle.pem"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -keyout "$WORK_DIR/oracle.key" -out "$WORK_DIR/oracle.crt" \
        -subj /CN=weir-oracle -days 2 2>/dev/null
    cat "$WORK_DIR/oracle.crt" "$WORK_DIR/oracle.key" >"$pem"
    printf '%s' "$pem"
}

# Succeeds when haproxy accepts FIXTURE once every certificate that OUTPUT
# reports missing exists (in a private mount namespace, nothing on the host
# changes). That is what makes a rejection `env` rather than `invalid`.
passes_with_certificates() {
    local fixture=$1 output=$2 pem
    local -a paths
    mapfile -t paths < <(grep -oE "$CERT_ERROR" <<<"$output" | sed -E "s/$CERT_ERROR/\1/" | sort -u)
    ((${#paths[@]} > 0)) || return 1
    pem=$(make_certificate)
    unshare -m bash -c '
        work=$1 pem=$2 fixture=$3; shift 3
        for path in "$@"; do
            ancestor=$(dirname "$path")
            while [[ ! -d $ancestor ]]; do ancestor=$(dirname "$ancestor"); done
            [[ $ancestor != / ]] || exit 1
            copy=$(mktemp -d -p "$work")
            cp -a "$ancestor/." "$copy/"
            mount --bind "$copy" "$ancestor"
            mkdir -p "$(dirname "$path")"
            cp "$pem" "$path"
        done
        haproxy -c -f "$fixture" >/dev/null 2>&1 && exit 0
        [[ $? -eq 2 ]]' _ "$WORK_DIR" "$pem" "$fixture" "${paths[@]}"
}

# valid: exit 0, or 2 ("no listener"); env: rejected only for a missing file.
haproxy_verdict() {
    local fixture=$1 status=$2 output=$3
    if [[ $status -eq 0 || $status -eq 2 ]]; then
        echo valid
    elif passes_with_certificates "$fixture" "$output"; then
        echo env
    else
        echo invalid
    fi
}

# keepalived -t exits 0 only when it reported nothing about the config.
keepalived_verdict() { if [[ $2 -eq 0 ]]; then echo valid; else echo invalid; fi; }

record() {
    local fixture=$1 kind=$2 expect="$1.expect" why weir command output status verdict
    why=$(grep -m1 '^why:' "$expect" 2>/dev/null) || { echo "$expect $MISSING_WHY" >&2; return 1; }
    weir=$(sed -n '/^weir:/,$p' "$expect")
    command=$("${kind}_command" "$fixture")
    status=0
    output=$(eval "$command" 2>&1) || status=$?
    output=$(strip_pids <<<"$output")
    verdict=$("${kind}_verdict" "$fixture" "$status" "$output")
    {
        printf '%s\n' "$why"
        printf 'tool: %s %s\n' "$kind" "$("${kind}_version")"
        printf 'command: %s\n' "$command"
        printf 'exit: %s\n' "$status"
        printf 'verdict: %s\n' "$verdict"
        printf 'oracle:\n'
        [[ -z $output ]] || sed 's/^/  /' <<<"$output"
        [[ -z $weir ]] || printf '%s\n' "$weir"
    } >"$expect.new"
    mv "$expect.new" "$expect"
    printf '%-32s exit %s  %s\n' "$fixture" "$status" "$verdict"
}

cd "$ARTICLE_DIR"
for fixture in *.cfg *.conf; do
    case $fixture in
        *.cfg) record "$fixture" haproxy ;;
        *.conf) record "$fixture" keepalived ;;
    esac
done
