#!/usr/bin/env python3
"""Self instructions of a callgrind dump, per object and per function, divided
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


def main():
    path, requests = sys.argv[1], float(sys.argv[2])
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    functions, objects = self_costs(path)
    total = sum(objects.values())
    print(f"{total / requests:12,.0f}          instructions per request")
    for obj, cost in objects.most_common(8):
        print(f"{cost / requests:12,.0f} {100 * cost / total:5.1f}%   {obj}")
    print()
    for (obj, function), cost in functions.most_common(top):
        print(f"{cost / requests:12,.0f} {100 * cost / total:5.1f}%   {function[:140]}  [{(obj or '').rsplit('/', 1)[-1]}]")


if __name__ == "__main__":
    main()
