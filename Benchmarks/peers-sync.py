#!/usr/bin/env python3
"""On-demand benchmark (not part of the test suite): a full resync of
100,000 stick-table entries over the peers protocol.

A teacher (haproxy 2.6 or weir) holds ENTRIES entries set through its
runtime socket; a fresh learner starts, asks it for a resync, and the time
from the learner's start until its `show table` counts every entry is
measured. Each pairing runs RUNS times; the best and median times print.
Target (issue 14): weir within 2x haproxy's time.

Usage: [RUNS=3] [PAIRINGS=weir:haproxy,...] python3 Benchmarks/peers-sync.py [WEIR_BINARY] [ENTRIES]
  (default: .build/release/weir if built, else .build/debug/weir; 100000)
"""
import os, socket, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WEIR = sys.argv[1] if len(sys.argv) > 1 else next(
    p for p in (os.path.join(ROOT, ".build/release/weir"), os.path.join(ROOT, ".build/debug/weir")) if os.path.exists(p))
ENTRIES = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
RUNS = int(os.environ.get("RUNS", "3"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def config(local, ports, sock):
    return f"""global
    localpeer {local}
    stats socket {sock} level admin
peers mesh
    peer T 127.0.0.1:{ports[0]}
    peer L 127.0.0.1:{ports[1]}
backend st
    stick-table type ip size 200k expire 10m store gpc0,http_req_rate(10s) peers mesh
"""


def ask(sock, command, timeout=30):
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(timeout)
        s.connect(sock)
        s.sendall(command.encode() + b"\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data.decode(errors="replace")


def wait_socket(sock, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            ask(sock, "show backend", 1)
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"{sock} never answered")


def fill(sock, count):
    """Sets `count` entries, as lines of `;`-separated commands within HAProxy's 16 kB buffer."""
    commands = [f"set table st key 10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255} data.gpc0 {i % 100}" for i in range(count)]
    line = []
    for command in commands + [None]:
        if command is None or sum(len(c) + 1 for c in line) + len(command) > 12_000:
            if line:
                ask(sock, ";".join(line))
            line = []
        if command is not None:
            line.append(command)


def used(sock):
    head = ask(sock, "show table").splitlines()
    for line in head:
        if "table: st," in line:
            return int(line.rsplit("used:", 1)[1])
    return 0


def start(program, local, cfg):
    if program == "haproxy":
        argv = ["haproxy", "-db", "-f", cfg]
    else:
        argv = [WEIR, "haproxy", "-db", "-f", cfg]
    return subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run(teacher, learner):
    work = tempfile.mkdtemp(prefix="weir-peers-bench-")
    ports = (free_port(), free_port())
    socks = (os.path.join(work, "t.sock"), os.path.join(work, "l.sock"))
    for name, sock, path in (("T", socks[0], "t.cfg"), ("L", socks[1], "l.cfg")):
        with open(os.path.join(work, path), "w") as f:
            f.write(config(name, ports, sock))
    t = start(teacher, "T", os.path.join(work, "t.cfg"))
    learner_process = None
    try:
        wait_socket(socks[0])
        fill(socks[0], ENTRIES)
        if used(socks[0]) != ENTRIES:
            raise SystemExit(f"{teacher} holds {used(socks[0])} entries, not {ENTRIES}")
        began = time.time()
        learner_process = start(learner, "L", os.path.join(work, "l.cfg"))
        wait_socket(socks[1])
        while used(socks[1]) < ENTRIES:
            if time.time() - began > 120:
                raise SystemExit(f"{learner} learned {used(socks[1])} of {ENTRIES} in 120 s")
            time.sleep(0.02)
        return time.time() - began
    finally:
        for p in (t, learner_process):
            if p:
                p.terminate()
                p.wait()


def main():
    print(f"{ENTRIES} entries, {RUNS} runs each, weir: {WEIR}")
    pairings = [tuple(p.split(":")) for p in os.environ["PAIRINGS"].split(",")] if "PAIRINGS" in os.environ else [
        ("haproxy", "haproxy"), ("weir", "haproxy"), ("haproxy", "weir"), ("weir", "weir")]
    for teacher, learner in pairings:
        times = sorted(run(teacher, learner) for _ in range(RUNS))
        print(f"teacher {teacher:8} learner {learner:8}  best {times[0]:.3f} s  median {statistics.median(times):.3f} s")


if __name__ == "__main__":
    main()
