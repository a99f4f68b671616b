#!/usr/bin/env python3
"""Derives Grammar/keepalived-keywords.tsv from keepalived's own keyword
registrations (install_keyword_root / install_keyword / install_sublevel calls
in its *_parser.c files) read from a bare git clone.

Usage: keepalived_tables.py GIT_DIR TAG > Grammar/keepalived-keywords.tsv

The block of a keyword is the keyword that opened the enclosing sub-level
(`top` for roots). A keyword whose handler reads a block of raw values
(addresses, script names) gets `{values}` as its signature. Argument
signatures for the keywords Weir checks closely are set in SIGNATURES below;
the rest are `*`.
"""
import re
import subprocess
import sys

FILES = [
    "keepalived/core/global_parser.c",
    "keepalived/vrrp/vrrp_parser.c",
    "keepalived/check/check_parser.c",
    "keepalived/bfd/bfd_parser.c",
]

# Checker files: their blocks (TCP_CHECK, HTTP_GET, …) live in a real_server,
# and each also takes the common checker keywords of check_api.c.
CHECKER_FILES = [
    "keepalived/check/check_tcp.c", "keepalived/check/check_http.c", "keepalived/check/check_misc.c",
    "keepalived/check/check_smtp.c", "keepalived/check/check_dns.c", "keepalived/check/check_udp.c",
    "keepalived/check/check_ping.c", "keepalived/check/check_file.c", "keepalived/check/check_bfd.c",
]
COMMON_CHECKER_FUNCTION = "install_checker_common_keywords"

# Our own argument signatures for the keywords whose values we check.
SIGNATURES = {
    ("vrrp_instance", "virtual_router_id"): "<int:1-255>",
    ("vrrp_instance", "priority"): "<int:1-255>",
    ("vrrp_instance", "state"): "{MASTER|BACKUP}",
    ("vrrp_instance", "advert_int"): "<number>",
    ("vrrp_instance", "interface"): "<name>",
    ("vrrp_instance", "nopreempt"): "",
    ("vrrp_instance", "preempt_delay"): "<number>",
    ("vrrp_instance", "version"): "{2|3}",
    ("vrrp_instance", "unicast_src_ip"): "<string>",
    ("authentication", "auth_type"): "{PASS|AH}",
    ("authentication", "auth_pass"): "<string>",
    ("vrrp_script", "script"): "<string> *",
    ("vrrp_script", "interval"): "<number>",
    ("vrrp_script", "timeout"): "<number>",
    ("vrrp_script", "weight"): "<sint> *",
    ("vrrp_script", "rise"): "<int>",
    ("vrrp_script", "fall"): "<int>",
    ("virtual_server", "lb_kind"): "{NAT|DR|TUN}",
    ("virtual_server", "protocol"): "{TCP|UDP|SCTP}",
    ("virtual_server", "delay_loop"): "<number>",
    ("virtual_server", "persistence_timeout"): "[<int>]",
    ("real_server", "weight"): "<sint>",
    ("global_defs", "enable_script_security"): "",
    ("global_defs", "router_id"): "<string>",
}

# One-line summaries, in our words, for the keywords the article uses and
# the ones Weir checks closely.
SUMMARIES = {
    ("top", "global_defs"): "process-wide settings: router id, notification, script security",
    ("top", "vrrp_script"): "a health-check script whose result can change VRRP priorities",
    ("top", "vrrp_instance"): "one VRRP router: the virtual IPs it owns and how it elects a master",
    ("top", "vrrp_sync_group"): "VRRP instances that change state together",
    ("top", "virtual_server"): "an IPVS virtual service and its real servers",
    ("top", "include"): "reads further configuration files matching a pattern",
    ("global_defs", "router_id"): "name of this node in notifications",
    ("global_defs", "enable_script_security"): "refuses scripts that a non-root user could modify",
    ("global_defs", "script_user"): "user (and group) that runs scripts by default",
    ("vrrp_script", "script"): "command to run; exit status 0 means healthy",
    ("vrrp_script", "interval"): "seconds between two runs",
    ("vrrp_script", "timeout"): "seconds after which a run counts as failed",
    ("vrrp_script", "weight"): "priority change while the script fails (negative) or succeeds (positive)",
    ("vrrp_script", "rise"): "successes needed before the script counts as up",
    ("vrrp_script", "fall"): "failures needed before the script counts as down",
    ("vrrp_instance", "state"): "initial state, MASTER or BACKUP; the election decides the rest",
    ("vrrp_instance", "interface"): "network interface the instance runs VRRP on",
    ("vrrp_instance", "virtual_router_id"): "VRRP router id (1-255), the same on every node of the pair",
    ("vrrp_instance", "priority"): "election priority; the highest becomes master",
    ("vrrp_instance", "advert_int"): "seconds between advertisements",
    ("vrrp_instance", "authentication"): "VRRPv2 authentication block",
    ("vrrp_instance", "virtual_ipaddress"): "addresses the master holds, one per line",
    ("vrrp_instance", "virtual_ipaddress_excluded"): "addresses held but left out of advertisements",
    ("vrrp_instance", "track_script"): "vrrp_script names whose state changes the priority",
    ("vrrp_instance", "track_interface"): "interfaces whose failure puts the instance in FAULT",
    ("vrrp_instance", "unicast_src_ip"): "source address of unicast advertisements",
    ("vrrp_instance", "unicast_peer"): "peers to send unicast advertisements to, one per line",
    ("vrrp_instance", "nopreempt"): "a recovered higher-priority node does not take the master role back",
    ("vrrp_instance", "notify_master"): "script run on becoming master",
    ("vrrp_instance", "notify_backup"): "script run on becoming backup",
    ("vrrp_instance", "notify_fault"): "script run on entering fault state",
    ("authentication", "auth_type"): "PASS (clear text) or AH",
    ("authentication", "auth_pass"): "password, at most 8 characters (longer ones are cut)",
    ("virtual_server", "real_server"): "one backend server of the virtual service",
    ("virtual_server", "lb_algo"): "IPVS scheduler (rr, wrr, lc, wlc, sh, …)",
    ("virtual_server", "lb_kind"): "forwarding method: NAT, DR or TUN",
    ("real_server", "TCP_CHECK"): "health check by TCP connect",
    ("real_server", "HTTP_GET"): "health check by HTTP request",
    ("real_server", "SSL_GET"): "health check by HTTPS request",
    ("real_server", "MISC_CHECK"): "health check by running a program",
}

# Keywords that open a block without taking the block's keywords as install
# sub-levels (their handlers read raw value lines).
VALUE_CALL = re.compile(r"(alloc_value_block|read_value_block)\s*\(")


def show(git_dir, tag, path):
    return subprocess.run(["git", "-C", git_dir, "show", f"{tag}:{path}"], capture_output=True, text=True,
                          check=True).stdout


def handler_bodies(source):
    """Maps a handler function name to its body text."""
    bodies = {}
    for match in re.finditer(r"^(?:static\s+)?void\s*\n?(\w+)\s*\([^)]*\)\s*\{", source, re.M):
        start = match.end()
        depth, index = 1, start
        while depth and index < len(source):
            depth += {"{": 1, "}": -1}.get(source[index], 0)
            index += 1
        bodies[match.group(1)] = source[start:index]
    return bodies


def registrations(source, default_block):
    """(keyword, block, handler) for every install_keyword* call, in order."""
    found = []
    stack = []
    root = default_block
    last_keyword = default_block
    for match in re.finditer(r"install_(keyword_root|keyword|sublevel_end_handler|sublevel_end|sublevel|checker_common_keywords)\s*\(([^;]*)\);", source):
        kind, args = match.group(1), match.group(2)
        if kind == "checker_common_keywords":
            found.append(("<common>", stack[-1] if stack else root, ""))
            continue
        named = re.match(r'\s*"([^"]+)"\s*,\s*&?(\w+)', args)
        if kind == "keyword_root" and named:
            root, stack = named.group(1), []
            last_keyword = root
            found.append((root, "top", named.group(2)))
        elif kind == "keyword" and named:
            found.append((named.group(1), stack[-1] if stack else root, named.group(2)))
            last_keyword = named.group(1)
        elif kind == "sublevel":
            stack.append(last_keyword)
        elif kind == "sublevel_end" and stack:
            stack.pop()
    return found


def main():
    git_dir, tag = sys.argv[1], sys.argv[2]
    rows = {}
    api = show(git_dir, tag, "keepalived/check/check_api.c")
    common_body = handler_bodies(api.replace(f"{COMMON_CHECKER_FUNCTION}(bool", f"void\n{COMMON_CHECKER_FUNCTION}(bool")).get(COMMON_CHECKER_FUNCTION, "")
    common = [(name, handler) for name, handler in re.findall(r'install_keyword\("([^"]+)",\s*&?(\w+)', common_body)]
    bodies = handler_bodies(api)
    for path in FILES + CHECKER_FILES:
        source = show(git_dir, tag, path)
        # HTTP_GET and SSL_GET share one registration function taking the name.
        source = source.replace("install_keyword(keyword,", 'install_keyword("HTTP_GET",')
        bodies.update(handler_bodies(source))
        is_checker = path in CHECKER_FILES
        for name, block, handler in registrations(source, "real_server" if is_checker else "top"):
            if name == "<common>":
                for common_name, common_handler in common:
                    rows.setdefault((common_name, block), common_handler)
            else:
                rows.setdefault((name, block), handler)
    for (name, block), handler in list(rows.items()):
        if block == "HTTP_GET" or name == "HTTP_GET":
            rows.setdefault((name if name != "HTTP_GET" else "SSL_GET", "SSL_GET" if block == "HTTP_GET" else block), handler)
    for key, handler in rows.items():
        rows[key] = "values" if handler in bodies and VALUE_CALL.search(bodies[handler]) else ""
    print("keyword\tblock\targs\tsummary")
    for (name, block), marker in sorted(rows.items(), key=lambda item: (item[0][1], item[0][0])):
        signature = SIGNATURES.get((block, name), "{values}" if marker == "values" else "*")
        print(f"{name}\t{block}\t{signature}\t{SUMMARIES.get((block, name), '')}")


if __name__ == "__main__":
    main()
