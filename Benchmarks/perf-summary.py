#!/usr/bin/env python3
"""Summarises `perf report --no-children --sort dso,sym --stdio` (read on
stdin) into where a proxy's CPU time goes: the kernel, SwiftNIO, the Swift
runtime (with reference counting apart), libc, the engine and its plan, the
rest; then the ten hottest symbols. Used by engine-vs-haproxy.sh with PROFILE=1."""
import re
import sys

LINE = re.compile(r"^\s*([\d.]+)%\s+(\S+)\s+\[(.)\]\s+(.*)$")
REFCOUNT = ("swift_retain", "swift_release", "swift_bridgeObjectRetain", "swift_bridgeObjectRelease",
            "swift_unknownObjectRetain", "swift_unknownObjectRelease", "swift_isUniquelyReferenced")


def bucket(dso, kind, symbol):
    if kind == "k" or dso.startswith("[kernel"):
        return "kernel"
    if any(symbol.startswith(name) for name in REFCOUNT):
        return "Swift runtime: reference counting"
    if "libswift" in dso or "libFoundation" in dso or "libdispatch" in dso or symbol.startswith("swift_"):
        return "Swift runtime: other (metadata, casts, allocation)"
    if dso.startswith("libc") or dso.startswith("ld-linux") or dso.startswith("libm"):
        return "libc (malloc, memcpy, syscalls wrappers)"
    if "NIO" in symbol:
        return "SwiftNIO"
    if "ProxyEngine" in symbol or "RuntimePlan" in symbol:
        return "engine and plan"
    return "other"


def main():
    totals, symbols = {}, []
    for line in sys.stdin:
        match = LINE.match(line)
        if not match:
            continue
        percent, dso, kind, symbol = float(match.group(1)), match.group(2), match.group(3), match.group(4).strip()
        name = bucket(dso, kind, symbol)
        totals[name] = totals.get(name, 0.0) + percent
        symbols.append((percent, dso, symbol))
    whole = sum(totals.values()) or 1.0
    for name, percent in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"  {percent * 100 / whole:5.1f}%  {name}")
    print("  hottest symbols:")
    for percent, dso, symbol in sorted(symbols, reverse=True)[:10]:
        print(f"  {percent:5.2f}%  {dso}  {symbol[:110]}")


if __name__ == "__main__":
    main()
