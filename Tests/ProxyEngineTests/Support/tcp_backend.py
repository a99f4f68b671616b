#!/usr/bin/env python3
"""A TCP test backend, one behaviour per run. Prints 'ready' once listening.
  halfclose: reads until the client shuts its write side, then answers
             'received N bytes' and, 200 ms later, 'bye', and closes.
  flood N:   sends N bytes as fast as the connection takes them (a 64 KiB send
             buffer), prints 'stalled at S' when a send has waited 500 ms
             (S: bytes sent so far), 'sent N' at the end, and closes.
  trickle:   sends one byte every 300 ms and closes when the client's side ends.
  silent:    sends nothing and closes when the client's side ends.
  finfirst:  shuts its write side at once, reads until the proxy's side ends,
             then prints 'ended after MS ms' and closes.
  holdopen:  sends nothing, reads until the proxy shuts its write side, then
             keeps the connection open (silent) for 8 s and closes.
Usage: tcp_backend.py PORT MODE [N]"""
import socket, sys, threading, time

port, mode = int(sys.argv[1]), sys.argv[2]


def halfclose(conn):
    total = 0
    while True:
        data = conn.recv(65536)
        if not data:
            break
        total += len(data)
    conn.sendall(f"received {total} bytes\n".encode())
    time.sleep(0.2)
    conn.sendall(b"bye\n")
    conn.close()


def flood(conn):
    size = int(sys.argv[3])
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)
    conn.settimeout(0.5)
    chunk = b"z" * 65536
    sent, reported = 0, False
    while sent < size:
        try:
            sent += conn.send(chunk[: min(len(chunk), size - sent)])
        except socket.timeout:
            if not reported:
                print(f"stalled at {sent}", flush=True)
                reported = True
    print(f"sent {sent}", flush=True)
    conn.close()


def waits_for_end(conn, trickle):
    conn.settimeout(0.3)
    while True:
        try:
            if not conn.recv(4096):
                break
        except socket.timeout:
            pass
        except OSError:
            break
        if trickle:
            try:
                conn.send(b".")
            except OSError:
                break
    conn.close()


def finfirst(conn):
    start = time.monotonic()
    conn.shutdown(socket.SHUT_WR)
    try:
        while conn.recv(4096):
            pass
    except OSError:
        pass
    print(f"ended after {int((time.monotonic() - start) * 1000)} ms", flush=True)
    conn.close()


def holdopen(conn):
    try:
        while conn.recv(4096):
            pass
    except OSError:
        pass
    time.sleep(8)
    conn.close()


handlers = {"halfclose": halfclose, "flood": flood, "finfirst": finfirst, "holdopen": holdopen,
            "trickle": lambda c: waits_for_end(c, True), "silent": lambda c: waits_for_end(c, False)}
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", port))
listener.listen(16)
print("ready", flush=True)
while True:
    conn, _ = listener.accept()
    threading.Thread(target=handlers[mode], args=(conn,), daemon=True).start()
