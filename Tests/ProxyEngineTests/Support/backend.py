#!/usr/bin/env python3
"""A test backend: answers every request with its name, keeps HTTP/1.1
connections alive, answers /health with 200 (or 503 when told to), sleeps
on /slow?ms=N. Usage: backend.py NAME PORT [PORT...]"""
import sys, threading, time, urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def make_handler(name):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            url = urllib.parse.urlparse(self.path)
            if url.path == "/slow":
                ms = int(urllib.parse.parse_qs(url.query).get("ms", ["0"])[0])
                time.sleep(ms / 1000.0)
            body = (name + "\n" + "xff=" + str(self.headers.get("X-Forwarded-For")) + "\n"
                    + "conn=" + str(self.headers.get("Connection")) + "\n"
                    + "upgrade=" + str(self.headers.get("Upgrade")) + "\n").encode()
            if url.path == "/hello":
                body = b"hello\n"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Server", name)
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_GET
        do_HEAD = do_GET

        def log_message(self, *args):
            pass

    return Handler


def main():
    name = sys.argv[1]
    servers = []
    for port in sys.argv[2:]:
        server = ThreadingHTTPServer(("127.0.0.1", int(port)), make_handler(name if len(sys.argv) == 3 else f"{name}-{port}"))
        server.daemon_threads = True
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print("ready", flush=True)
    threading.Event().wait()


main()
