#!/usr/bin/env bash
# On-demand benchmark (not part of the test suite): `weir convert` in both
# directions against `weir lint` on the same generated config, best of 3.
# The target is a conversion no slower than two lints.
#
# Usage: bash Benchmarks/convert-vs-lint.sh [BACKENDS]   (default: 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-10000}
swift build -c release --product weir >/dev/null
weir=$(swift build -c release --show-bin-path)/weir
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 Benchmarks/generate-config.py "$size" >"$work/bench.cfg"

best() {
    local best=""
    for _ in 1 2 3; do
        /usr/bin/time -f '%e' -o "$work/time" "$@" >/dev/null 2>&1 || true
        local seconds
        seconds=$(cat "$work/time")
        if [[ -z $best ]] || awk "BEGIN{exit !($seconds < $best)}"; then best=$seconds; fi
    done
    echo "$best"
}

"$weir" convert "$work/bench.cfg" -o "$work/bench.yaml"
lint=$(best "$weir" lint --format json "$work/bench.cfg")
to_yaml=$(best "$weir" convert "$work/bench.cfg" -o "$work/out.yaml")
to_cfg=$(best "$weir" convert "$work/bench.yaml" -o "$work/out.cfg")
awk -v l="$lint" -v a="$to_yaml" -v b="$to_cfg" -v s="$size" 'BEGIN {
    printf "backends %d: lint %.2f s, cfg->yaml %.2f s (%.2fx lint), yaml->cfg %.2f s (%.2fx lint)\n", s, l, a, a/l, b, b/l }'
