#!/usr/bin/env bash
# Fuzzing on demand (not part of the test suite): builds the libFuzzer
# harnesses of Tests/Fuzz/ with the fuzzer and address sanitizers, seeds each from
# ../shared/corpus and Fixtures/, and runs each for a bounded time and number
# of executions. Prints, per harness, the executions reached and whether it
# found anything; a crash, leak or timeout input is copied to
# Tests/Fuzz/findings/HARNESS/ (turn each into a fixture under Fixtures/probe/ and a
# test before fixing it).
#
# Usage: bash Benchmarks/fuzz.sh [SECONDS-PER-HARNESS] [HARNESS...]
#   SECONDS defaults to 60; RUNS (environment) caps executions per harness
#   (default 10000000); JOBS (environment) runs that many workers per harness
#   (default 1: the machine is shared); TIMEOUT (environment) is the seconds one input may take
#   before it counts as a hang (default 10; raise it when the run is niced on a busy machine, where a
#   starved process can pass 10 s on an input that takes 0.6 s alone). Harnesses: FuzzHAProxyParser
#   FuzzKeepalivedParser FuzzCondition FuzzYAML FuzzFormat FuzzH1Head.
# Exit status: 0 nothing found, 1 a harness found an input, 2 build failure.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=(FuzzHAProxyParser FuzzKeepalivedParser FuzzCondition FuzzYAML FuzzFormat FuzzH1Head)
runs=${RUNS:-10000000}
jobs=${JOBS:-1}
timeout=${TIMEOUT:-10}
corpus=../shared/corpus

# Each harness's entry point hands its LLVMFuzzerTestOneInput to libFuzzer's driver (FuzzSupport).
# -enable-testing: FuzzH1Head reaches the engine's internal HTTP/1 parser through @testable import.
flags=(-c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing)
if ! swift build --package-path Tests/Fuzz "${flags[@]}" >/tmp/weir-fuzz-build.log 2>&1; then
    echo "fuzz build failed; see /tmp/weir-fuzz-build.log" >&2
    tail -20 /tmp/weir-fuzz-build.log >&2
    exit 2
fi
bin=$(swift build --package-path Tests/Fuzz "${flags[@]}" --show-bin-path)
work=Tests/Fuzz/.work
mkdir -p "$work"

# Seeds: copies, so libFuzzer can add its own inputs without touching the sources.
seed() {
    local name=$1 dir=$work/corpus-$1
    mkdir -p "$dir"
    case $name in
        FuzzHAProxyParser|FuzzCondition)
            cp -n "$corpus"/haproxy/*.cfg Fixtures/article/*.cfg Fixtures/probe/*.cfg "$dir"/ 2>/dev/null ;;
        FuzzKeepalivedParser)
            cp -n "$corpus"/keepalived/* Fixtures/article/*.conf Fixtures/probe/*.conf "$dir"/ 2>/dev/null ;;
        FuzzYAML)
            cp -n Fixtures/yaml/*.yaml Fixtures/probe/*.yaml "$dir"/ 2>/dev/null ;;
        FuzzH1Head)
            # Raw heads and bodies; the first byte picks request (even) or response (odd) and the split points.
            cp -n Tests/Fuzz/seeds/FuzzH1Head/* "$dir"/ 2>/dev/null ;;
        FuzzFormat)
            # The first byte picks the format: even for haproxy.cfg, odd for keepalived.conf.
            for f in "$corpus"/haproxy/*.cfg Fixtures/article/*.cfg; do
                [ -e "$dir/h-$(basename "$f")" ] || { printf '\0'; cat "$f"; } >"$dir/h-$(basename "$f")"
            done
            for f in "$corpus"/keepalived/* Fixtures/article/*.conf; do
                [ -e "$dir/k-$(basename "$f")" ] || { printf '\1'; cat "$f"; } >"$dir/k-$(basename "$f")"
            done ;;
    esac
    echo "$dir"
}

found=0
printf '%-22s %12s %10s  %s\n' harness executions seconds result
for harness in "${harnesses[@]}"; do
    dir=$(seed "$harness")
    findings=Tests/Fuzz/findings/$harness
    mkdir -p "$findings"
    log=$work/$harness.log
    # -rss_limit_mb: a hostile input must not take the shared machine's memory; -timeout: a hang is a finding.
    # Leaks are findings: LeakSanitizer checks every input whose mallocs and frees do not balance.
    # Tests/Fuzz/lsan.supp only suppresses what Swift's one-time global initialisers keep for the
    # life of the process (the keyword tables), which LeakSanitizer cannot follow.
    parallel=()
    [ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
    LSAN_OPTIONS=suppressions=$PWD/Tests/Fuzz/lsan.supp ASAN_OPTIONS=detect_leaks=1 "$bin/$harness" "$dir" -max_total_time="$seconds" -runs="$runs" "${parallel[@]}" \
        -rss_limit_mb=2048 -malloc_limit_mb=1024 -detect_leaks=1 -timeout="$timeout" -max_len=65536 -artifact_prefix="$findings/" -print_final_stats=1 \
        >"$log" 2>&1
    status=$?
    # With several jobs each worker writes fuzz-N.log; their totals add up.
    if [ "$jobs" -gt 1 ]; then stats=(fuzz-*.log); else stats=("$log"); fi
    # -print_final_stats=1 reports the executions at a normal end and at an interruption alike.
    executions=$(grep -h '^stat::number_of_executed_units:' "${stats[@]}" 2>/dev/null | awk '{s+=$2} END {print s+0}')
    elapsed=$(grep -h 'Done [0-9]* runs in' "$log" | sed 's/.* in \([0-9]*\) second.*/\1/' | tail -1)
    rm -f fuzz-*.log
    # 72 is libFuzzer's exit status when it was interrupted (SIGINT, SIGTERM): no input caused it.
    if [ $status -eq 0 ]; then
        result=clean
    elif [ $status -eq 72 ] && [ -z "$(ls "$findings")" ]; then
        result="interrupted, nothing found"
    else
        result="FOUND (status $status): $(ls "$findings" | head -3 | tr '\n' ' ')"; found=1
    fi
    printf '%-22s %12s %10s  %s\n' "$harness" "$executions" "${elapsed:-$seconds}" "$result"
done
exit $found
