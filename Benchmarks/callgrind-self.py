#!/usr/bin/env python3
"""Self instructions of a callgrind dump, per object, per kind of work
(reference counting, exclusivity checks, SwiftNIO, weir...) and per function, divided
by a request count (Benchmarks/instructions-per-request.sh prints it with TOP=N).

Usage: callgrind-self.py FILE REQUESTS [TOP]

callgrind_annotate 3.19 misreads the dumps of a Swift process (it shows every
cost under `clone`); this reads the format itself: a cost line after `calls=`
is the callee's inclusive cost and is not the caller's own.
"""
import collections
import re
import sys


def self_costs(path):
    """(costs per (object, function), costs per object) of the file's Ir."""
    names = {"fn": {}, "ob": {}, "fl": {}}

    def name(kind, text):
        match = re.match(r"\((\d+)\)(?: (.*))?", text)
        if not match:
            return text
        if match.group(2) is not None:
            names[kind][match.group(1)] = match.group(2)
        return names[kind].get(match.group(1), text)

    functions, objects = collections.Counter(), collections.Counter()
    function = obj = None
    callee_cost_follows = False
    kinds = {"ob=": "ob", "fn=": "fn", "fl=": "fl", "fi=": "fl", "fe=": "fl",
             "cob=": "ob", "cfi=": "fl", "cfl=": "fl", "cfn=": "fn"}
    with open(path, errors="replace") as lines:
        for line in lines:
            line = line.rstrip("\n")
            key = line[:line.find("=") + 1] if "=" in line[:5] else ""
            if key in kinds:
                value = name(kinds[key], line[len(key):])
                if key == "ob=":
                    obj = value
                elif key == "fn=":
                    function = value
                continue
            if line.startswith("calls="):
                callee_cost_follows = True
                continue
            if line and (line[0].isdigit() or line[0] in "+-*"):
                fields = line.split()
                if len(fields) < 2:
                    continue
                if callee_cost_follows:
                    callee_cost_follows = False
                    continue
                cost = int(fields[1])
                functions[(obj, function)] += cost
                objects[obj] += cost
    return functions, objects


# What each function is, for the summary by kind (first match wins).
KINDS = [
    ("reference counting", r"^(swift_(retain|release|bridgeObject(Retain|Release)|isUniquelyReferenced|unknownObject)|.*RefCounts)"),
    ("exclusivity checks", r"^(swift_(begin|end)Access|swift::runtime::(AccessSet|SwiftTLSContext)|__tls_get_addr)"),
    ("generic metadata and casts", r"(Metadata|getCache|swift_dynamicCast|swift_conformsTo|ConcurrentMap|ConcurrentReadableHashMap|__swift_instantiate)"),
    ("allocation", r"^(malloc|free|_int_(malloc|free)|cfree|swift_(allocObject|deallocObject|slowAlloc|slowDealloc)|malloc_consolidate|tcache)"),
    ("memory copies", r"^__mem(cpy|move|set|cmp)"),
    ("SwiftNIO", r"^\$s(8NIOPosix|7NIOCore|17_NIODataStructures|20NIOConcurrencyHelpers)"),
    ("weir (engine, plan)", r"^\$s(11ProxyEngine|11RuntimePlan)"),
    ("Swift standard library", r"^\$s"),
]


def kind_of(function):
    for name, pattern in KINDS:
        if re.search(pattern, function or ""):
            return name
    return "other (libc, system call wrappers)"


def main():
    path, requests = sys.argv[1], float(sys.argv[2])
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    functions, objects = self_costs(path)
    total = sum(objects.values())
    print(f"{total / requests:12,.0f}          instructions per request")
    for obj, cost in objects.most_common(8):
        print(f"{cost / requests:12,.0f} {100 * cost / total:5.1f}%   {obj}")
    print()
    kinds = collections.Counter()
    for (obj, function), cost in functions.items():
        kinds[kind_of(function)] += cost
    for kind, cost in kinds.most_common():
        print(f"{cost / requests:12,.0f} {100 * cost / total:5.1f}%   {kind}")
    print()
    for (obj, function), cost in functions.most_common(top):
        print(f"{cost / requests:12,.0f} {100 * cost / total:5.1f}%   {function[:140]}  [{(obj or '').rsplit('/', 1)[-1]}]")


if __name__ == "__main__":
    main()
