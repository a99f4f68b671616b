#!/usr/bin/env python3
"""Opens COUNT keep-alive connections to 127.0.0.1:PORT, sends one request on
each and reads its response, then holds them all idle until stdin closes.
Prints 'ready' once every connection has had its response.
Usage: idle-connections.py PORT COUNT"""
import socket, sys

port, count = int(sys.argv[1]), int(sys.argv[2])
held = []
for _ in range(count):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET / HTTP/1.1\r\nHost: bench\r\n\r\n")
    data = b""
    while b"hello" not in data:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
    held.append(s)
print("ready", flush=True)
sys.stdin.read()
