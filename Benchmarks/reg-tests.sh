#!/usr/bin/env bash
# On-demand conformance measure (not part of the test suite): HAProxy's own
# regression tests (reg-tests/*.vtc of a haproxy source tree, run by VTest),
# once with the real haproxy and once with weir's haproxy command line (a link
# named haproxy to the weir binary), and a table per directory side by side.
#
# The user provides VTest and the haproxy tree; this script downloads, builds
# and commits nothing (the README says how to get both).
#
# Usage: bash Benchmarks/reg-tests.sh VTEST HAPROXY_TREE [DIRECTORY…]
#   VTEST         the vtest binary            (or env VTEST_PROGRAM)
#   HAPROXY_TREE  a haproxy source tree, v2.6.0 (or env HAPROXY_TREE)
#   DIRECTORY…    reg-tests directories to run (default: all of them)
# Environment:
#   HAPROXY       the real haproxy              (default: /usr/sbin/haproxy)
#   WEIR          the weir binary               (default: .build/release/weir, else .build/debug/weir)
#   TEST_TIMEOUT  seconds per test, VTest's -t   (default: 10, as HAProxy's runner)
#   RESULTS       directory for per-test results (default: a new temporary directory)
#
# Tests are selected the way HAProxy's scripts/run-regtests.sh selects them by
# default, against the real haproxy's `-vv`: #REGTEST_TYPE default, bug, devel or slow (not broken);
# #REQUIRE_VERSION / _BELOW; #REQUIRE_OPTION(S); #REQUIRE_SERVICE(S);
# #EXCLUDE_TARGET(S). Both runs get the same list. A test VTest skips (its
# `feature` lines, exit 77) counts as skipped; any other non-zero exit, or the
# timeout, as failed.
set -euo pipefail
cd "$(dirname "$0")/.."

vtest=${1:-${VTEST_PROGRAM:-}}
tree=${2:-${HAPROXY_TREE:-}}
shift $(( $# < 2 ? $# : 2 ))
haproxy=${HAPROXY:-/usr/sbin/haproxy}
timeout_seconds=${TEST_TIMEOUT:-10}
if [[ -z ${WEIR:-} ]]; then
    for candidate in .build/release/weir .build/debug/weir; do
        [[ -x $candidate ]] && { WEIR=$candidate; break; }
    done
fi
weir=${WEIR:-}

fail() { echo "error: $*" >&2; exit 2; }
[[ -n $vtest && -n $tree ]] || fail "usage: bash Benchmarks/reg-tests.sh VTEST HAPROXY_TREE [DIRECTORY…] (see the README)"
[[ -x $vtest ]] || fail "VTest binary '$vtest' is not executable"
[[ -d $tree/reg-tests ]] || fail "'$tree' has no reg-tests directory: give the root of a haproxy source tree"
[[ -x $haproxy ]] || fail "haproxy '$haproxy' is not executable (set HAPROXY)"
[[ -n $weir && -x $weir ]] || fail "no weir binary: build it (swift build -c release) or set WEIR"
command -v timeout >/dev/null || fail "timeout (coreutils) is not installed"
vtest=$(realpath "$vtest"); tree=$(realpath "$tree"); weir=$(realpath "$weir"); haproxy=$(realpath "$haproxy")

results=${RESULTS:-$(mktemp -d)}
mkdir -p "$results"
links=$(mktemp -d)
trap 'rm -rf "$links"' EXIT
ln -s "$weir" "$links/haproxy"

# What the real haproxy says it is, as run-regtests.sh reads it from -vv.
build=$("$haproxy" -vv)
version=$(sed -n 's/^HA-\{0,1\}Proxy version \([^ ]*\).*/\1/p' <<<"$build" | head -1)
version=${version%%-*}
target=$(sed -n 's/^ *TARGET *= *//p' <<<"$build" | head -1)
features=" $(sed -n 's/^Feature list : //p' <<<"$build") "
services=" $(sed -n 's/^Available services : //p' <<<"$build") "

# "2.6.12" -> 2006012, comparable as an integer (dev/rc suffixes ignored).
version_number() {
    local major minor patch
    IFS=. read -r major minor patch _ <<<"${1%%-*}"
    major=${major//[!0-9]/}; minor=${minor//[!0-9]/}; patch=${patch//[!0-9]/}
    echo $(( ${major:-0} * 1000000 + ${minor:-0} * 1000 + ${patch:-0} ))
}
have_version=$(version_number "$version")

# 0 when run-regtests.sh would select the test for the real haproxy.
selected() {
    local file=$1 line key value type=default options="" services_wanted="" excluded=""
    while IFS= read -r line; do
        key=${line%%=*}; value=${line#*=}
        case $key in
            "#REQUIRE_VERSION") (( have_version >= $(version_number "$value") )) || return 1 ;;
            "#REQUIRE_VERSION_BELOW") (( have_version < $(version_number "$value") )) || return 1 ;;
            "#REQUIRE_OPTIONS"|"#REQUIRE_OPTION") options+=",$value" ;;
            "#REQUIRE_SERVICES"|"#REQUIRE_SERVICE") services_wanted+=",$value" ;;
            "#EXCLUDE_TARGETS"|"#EXCLUDE_TARGET") excluded+=",$value" ;;
            "#REGTEST_TYPE") type=$value ;;
        esac
    done < <(grep -E '^#[0-9A-Z_]+=' "$file" || true)
    [[ ,default,bug,devel,slow, == *",$type,"* ]] || return 1
    local item alternative found
    IFS=, read -ra items <<<"$excluded"
    for item in "${items[@]}"; do [[ -n $item && $item == "$target" ]] && return 1; done
    IFS=, read -ra items <<<"$options"
    for item in "${items[@]}"; do
        [[ -n $item ]] || continue
        found=
        IFS='|' read -ra alternatives <<<"$item"
        for alternative in "${alternatives[@]}"; do [[ $features == *" +$alternative "* ]] && found=1; done
        [[ -n $found ]] || return 1
    done
    IFS=, read -ra items <<<"$services_wanted"
    for item in "${items[@]}"; do
        [[ -n $item ]] || continue
        found=
        IFS='|' read -ra alternatives <<<"$item"
        for alternative in "${alternatives[@]}"; do [[ $services == *" $alternative "* ]] && found=1; done
        [[ -n $found ]] || return 1
    done
    return 0
}

directories=("$@")
if (( ${#directories[@]} == 0 )); then
    mapfile -t directories < <(cd "$tree/reg-tests" && find . -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)
fi
tests=()
for directory in "${directories[@]}"; do
    [[ -d $tree/reg-tests/$directory ]] || fail "no reg-tests/$directory in $tree"
    while IFS= read -r file; do
        selected "$tree/$file" && tests+=("$file")
    done < <(cd "$tree" && find "reg-tests/$directory" -name '*.vtc' | sort)
done
echo "haproxy tree: $tree ($(cat "$tree/VERSION" 2>/dev/null || echo "version unknown")); real haproxy $version ($haproxy); weir $weir"
echo "${#tests[@]} tests selected in ${#directories[@]} directories; per-test timeout ${timeout_seconds}s; results in $results"

# Runs one test with one haproxy program; prints passed, failed or skipped.
run_test() {
    local program=$1 file=$2 log=$3 status=0
    (cd "$tree" && HAPROXY_PROGRAM=$program TMPDIR=$(mktemp -d) \
        timeout $(( timeout_seconds + 5 )) "$vtest" -b $((2 << 20)) -t "$timeout_seconds" -v "$file") >"$log" 2>&1 || status=$?
    case $status in
        0) echo passed ;;
        77) echo skipped ;;
        *) echo failed ;;
    esac
}

: >"$results/results.tsv"
for file in "${tests[@]}"; do
    name=${file#reg-tests/}
    mkdir -p "$results/haproxy/$(dirname "$name")" "$results/weir/$(dirname "$name")"
    real=$(run_test "$haproxy" "$file" "$results/haproxy/$name.log")
    ours=$(run_test "$links/haproxy" "$file" "$results/weir/$name.log")
    printf '%s\t%s\t%s\n' "$name" "$real" "$ours" >>"$results/results.tsv"
    printf '  %-60s haproxy %-8s weir %s\n' "$name" "$real" "$ours"
done

# The table (directories in the order run): per directory, passed/failed/skipped for each, and how many of
# the tests the real haproxy passes weir passes too.
awk -F'\t' '
    { split($1, path, "/"); d = path[1]; if (!(d in seen)) { seen[d] = 1; order[++n] = d }
      real[d, $2]++; ours[d, $3]++; if ($2 == "passed") { both[d, "base"]++; if ($3 == "passed") both[d, "kept"]++ } }
    END {
        printf "\n| directory | haproxy passed/failed/skipped | weir passed/failed/skipped | weir passes of haproxy'"'"'s passes |\n"
        printf "|---|---|---|---|\n"
        for (i = 1; i <= n; i++) {
            d = order[i]
            printf "| %s | %d/%d/%d | %d/%d/%d | %d of %d |\n", d, real[d, "passed"], real[d, "failed"], real[d, "skipped"],
                ours[d, "passed"], ours[d, "failed"], ours[d, "skipped"], both[d, "kept"], both[d, "base"]
            tp += real[d, "passed"]; tf += real[d, "failed"]; ts += real[d, "skipped"]
            wp += ours[d, "passed"]; wf += ours[d, "failed"]; ws += ours[d, "skipped"]
            kept += both[d, "kept"]; base += both[d, "base"]
        }
        printf "| **total** | %d/%d/%d | %d/%d/%d | %d of %d |\n", tp, tf, ts, wp, wf, ws, kept, base
    }' "$results/results.tsv"
