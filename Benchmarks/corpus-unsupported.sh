#!/usr/bin/env bash
# On-demand measure (not part of the test suite): the README's corpus figure.
# Runs `weir compile` over every config of the corpus that haproxy 2.6 accepts
# (manifest verdict `valid`), counts those whose plan lists nothing under
# `unsupported`, and tallies the unsupported lines by directive keyword (the
# first word, with the action for rule keywords) and by feature, most dropped
# first, so that the next thing to implement is the top of the list.
#
# Usage: bash Benchmarks/corpus-unsupported.sh [CORPUS]   (default: ../shared/corpus)
# Environment:
#   WEIR     the weir binary (default: .build/release/weir, else .build/debug/weir)
#   TOP      how many rows of each tally to print (default: 40)
#   DETAIL   a keyword ("http-request auth"): also print the configs and lines that drop it
#   PLANS    keep the plans (NAME.json) and compile errors (NAME.err) in this directory
# Configs naming certificates, maps or error files expect the reg-tests' support
# files under /tmp/haproxy-corpus (the corpus README says how to copy them);
# the script copies them there when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$(realpath "${1:-../shared/corpus}")
top=${TOP:-40}
if [[ -z ${WEIR:-} ]]; then
    for candidate in .build/release/weir .build/debug/weir; do
        [[ -x $candidate ]] && { WEIR=$candidate; break; }
    done
fi
[[ -n ${WEIR:-} && -x $WEIR ]] || { echo "error: no weir binary: build it or set WEIR" >&2; exit 2; }
[[ -r $corpus/manifest.tsv ]] || { echo "error: no manifest.tsv in $corpus" >&2; exit 2; }
if [[ ! -d /tmp/haproxy-corpus/reg-tests ]]; then
    mkdir -p /tmp/haproxy-corpus && cp -r "$corpus/haproxy-files/reg-tests" /tmp/haproxy-corpus/
fi

if [[ -n ${PLANS:-} ]]; then
    plans=$PLANS
    mkdir -p "$plans"
else
    plans=$(mktemp -d)
    trap 'rm -rf "$plans"' EXIT
fi
while IFS=$'\t' read -r path tool _ _ verdict _; do
    [[ $tool == haproxy && $verdict == valid ]] || continue
    name=${path#haproxy/}
    if ! "$WEIR" compile -q --no-project-file "$corpus/$path" >"$plans/$name.json" 2>"$plans/$name.err"; then
        rm -f "$plans/$name.json"
    fi
done <"$corpus/manifest.tsv"

python3 - "$plans" "$top" "${DETAIL:-}" <<'PYTHON'
import collections, json, os, sys

plans, top, detail = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rule_keywords = {"http-request", "http-response", "http-after-response", "tcp-request", "tcp-response",
                 "http-check", "tcp-check", "option", "timeout", "stick", "http-error", "redirect"}
names = sorted(n[:-4] for n in os.listdir(plans) if n.endswith(".err"))
compiled, clean = 0, 0
by_keyword, by_feature, configs_by_keyword = collections.Counter(), collections.Counter(), collections.defaultdict(set)
blockers = collections.Counter()
for name in names:
    try:
        with open(os.path.join(plans, name + ".json")) as f:
            plan = json.load(f)
    except (FileNotFoundError, json.JSONDecodeError):
        continue
    compiled += 1
    items = plan.get("unsupported", [])
    if not items:
        clean += 1
        continue
    keywords = set()
    for item in items:
        words = item.get("directive", "").split()
        key = " ".join(words[:2]) if words and words[0] in rule_keywords and len(words) > 1 else (words[0] if words else "?")
        if words[:2] in (["tcp-request", "content"], ["tcp-request", "connection"], ["tcp-request", "session"],
                         ["tcp-response", "content"]) and len(words) > 2:
            key = " ".join(words[:3])
        by_keyword[key] += 1
        by_feature[item.get("feature", "?")] += 1
        configs_by_keyword[key].add(name)
        keywords.add(key)
        if detail and key == detail:
            print(f"{name}:{item.get('source', {}).get('line')}: {item.get('directive')}")
    if len(keywords) == 1:
        blockers[next(iter(keywords))] += 1

print(f"{len(names)} configs haproxy accepts; {compiled} compile; {clean} with nothing under unsupported")
print(f"\nunsupported lines by keyword (lines, configs; top {top}):")
for key, count in by_keyword.most_common(top):
    print(f"  {count:5d} {len(configs_by_keyword[key]):4d}  {key}")
print(f"\nby feature (top {top}):")
for key, count in by_feature.most_common(top):
    print(f"  {count:5d}  {key}")
print("\nconfigs held back by one keyword alone:")
for key, count in blockers.most_common(top):
    print(f"  {count:5d}  {key}")
PYTHON
