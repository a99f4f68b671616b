#!/usr/bin/env python3
"""Writes a large haproxy.cfg for the lint benchmark: N backends of 4 servers
each, and one frontend with N ACLs and N use_backend rules."""
import sys


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    out = sys.stdout
    out.write("global\n    maxconn 100000\n\n")
    out.write("defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\n")
    out.write("frontend main\n    bind 127.0.0.1:8080\n")
    for index in range(count):
        out.write(f"    acl is_app{index} path_beg /app{index}/\n")
    for index in range(count):
        out.write(f"    use_backend app{index} if is_app{index}\n")
    out.write("    default_backend app0\n\n")
    for index in range(count):
        out.write(f"backend app{index}\n    balance roundrobin\n")
        for server in range(4):
            address = f"127.{(index >> 8) & 255}.{index & 255}.{server + 1}"
            out.write(f"    server s{server} {address}:8080 check inter 2s rise 2 fall 3\n")
        out.write("\n")


if __name__ == "__main__":
    main()
