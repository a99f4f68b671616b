#!/usr/bin/env python3
"""A test backend. Answers every request with its name on the first line,
then one 'name: value' line per request header (names in lower case), then
'max-inflight: N' (the most requests it has handled at once) and
'peer-port: N' (the port of the connection the request came on) and
'body: …' (the request body). Keeps HTTP/1.1
connections alive; /slow?ms=N waits N ms first; /hello answers 'hello';
/echo with an Upgrade header answers 101 (with the Sec-WebSocket-Accept
that RFC 6455 derives from the request's Sec-WebSocket-Key, when it has one
and the query is not ?accept=no) and then echoes what it receives, each piece prefixed with 'NAME:'
(with ?hold=1 it then keeps the connection open, silent, for 8 s after the client's end).
Usage: backend.py NAME PORT"""
import base64, hashlib, sys, threading, time, urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
inflight = 0
max_inflight = 0


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        global inflight, max_inflight
        with lock:
            inflight += 1
            max_inflight = max(max_inflight, inflight)
        try:
            url = urllib.parse.urlparse(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            received = self.rfile.read(length) if length else b""
            if url.path == "/echo" and self.headers.get("Upgrade"):
                self.send_response(101)
                self.send_header("Upgrade", self.headers.get("Upgrade"))
                self.send_header("Connection", "Upgrade")
                key = self.headers.get("Sec-WebSocket-Key")
                if key and url.query != "accept=no":
                    digest = hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()
                    self.send_header("Sec-WebSocket-Accept", base64.b64encode(digest).decode())
                self.end_headers()
                self.wfile.flush()
                self.close_connection = True
                while True:
                    data = self.rfile.read1(4096)
                    if not data:
                        if url.query == "hold=1":
                            time.sleep(8)
                        return
                    self.wfile.write(NAME.encode() + b":" + data)
                    self.wfile.flush()
            if url.path == "/slow":
                time.sleep(int(urllib.parse.parse_qs(url.query).get("ms", ["0"])[0]) / 1000.0)
            if url.path == "/hello":
                body = b"hello\n"
            else:
                lines = [NAME] + [f"{k.lower()}: {v}" for k, v in self.headers.items()] + [f"max-inflight: {max_inflight}", f"peer-port: {self.client_address[1]}",
                                                                                 f"body: {received.decode()}"]
                body = ("\n".join(lines) + "\n").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Server", NAME)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        finally:
            with lock:
                inflight -= 1

    do_POST = do_GET
    do_HEAD = do_GET
    do_PUT = do_GET

    def log_message(self, *args):
        pass


NAME = sys.argv[1]
server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), Handler)
server.daemon_threads = True
print("ready", flush=True)
server.serve_forever()
