#!/usr/bin/env python3
"""Writes Grammar/haproxy-versions.tsv: the HAProxy versions that know each
keyword, from HAProxy's own sources at each release tag.

    python3 Grammar/tools/haproxy_versions.py GIT_DIR > Grammar/haproxy-versions.tsv

GIT_DIR is a clone (or bare mirror) of haproxy/haproxy that has the tags
v2.4.0 to v3.3.0; nothing is downloaded. At each tag the script reads, with
`git grep` and `git show`, the keyword registrations of src/*.c and
addons/*.c (OpenTracing, Prometheus, device detection: packaged builds
include some of them):

- `cfg_kw_list` entries of the global section (CFG_GLOBAL) and of proxies
  (CFG_LISTEN), and the keywords cfg_parse_global (cfgparse-global.c) and
  cfg_parse_listen (cfgparse-listen.c) compare `args[0]` with;
- `bind_kw_list` and `srv_kw_list` entries (bind and server options);
- `sample_fetch_kw_list` and `sample_conv_kw_list` entries;
- proxy options: the `cfg_opts` and `cfg_opts2` tables (proxy.c) and the
  names the `option` branch of cfg_parse_listen compares `args[1]` with;
- the actions of `http-request`, `http-response` and `http-after-response`
  rules, and of `tcp-request` and `tcp-response` rules: the `action_kw_list`
  entries registered for them, and for TCP rules also the actions that
  tcp_parse_request_rule and tcp_parse_response_rule (tcp_rules.c) compare
  the action word with;
- the steps of `tcp-check` and `http-check` rules: the words that
  proxy_parse_tcpcheck and proxy_parse_httpcheck (tcpcheck.c) compare, and
  the check actions registered with tcp_check_keywords_register;
- ACL keywords: the `acl_kw_list` entries.

A keyword whose branch only says it is no longer supported ("not supported
anymore", "has been removed") is absent from that version; one whose branch
or table entry warns that it is deprecated is present and deprecated.

Output: `kind  name  first  last  deprecated`, sorted by kind then name;
`kind` is global, proxy, option, bind, server, fetch, converter, acl, an HTTP
or TCP rule family for its actions (tcp-request covers its connection,
session and content rule sets), or http-check/tcp-check for their steps.
`first` is the first version of the scan that has the keyword (the oldest
one, 2.4, means "2.4 or earlier"; BACKPORTS below adds what a maintenance
release brought to an older branch), `last` the last one (empty: still in the
newest version scanned), `deprecated` the first version that warns about it
(empty: none does).
"""

from __future__ import annotations

import re
import subprocess
import sys

TAGS = ["v2.4.0", "v2.5.0", "v2.6.0", "v2.7.0", "v2.8.0", "v2.9.0", "v3.0.0", "v3.1.0", "v3.2.0", "v3.3.0"]
KINDS = ["acl", "bind", "converter", "fetch", "global", "http-after-response", "http-check", "http-request",
         "http-response", "option", "proxy", "server", "tcp-check", "tcp-request", "tcp-response"]
# The action lists of HTTP and TCP rules, by the function that registers them. TCP rules also have actions
# parsed by a chain of comparisons in tcp_rules.c (TCP_CHAINS below).
ACTION_FAMILY = {"http_req_keywords_register": ("http-request",), "http_res_keywords_register": ("http-response",),
                 "http_after_res_keywords_register": ("http-after-response",),
                 "tcp_req_conn_keywords_register": ("tcp-request",), "tcp_req_sess_keywords_register": ("tcp-request",),
                 "tcp_req_cont_keywords_register": ("tcp-request",), "tcp_res_cont_keywords_register": ("tcp-response",),
                 # The actions of check rulesets (set-var, unset-var), looked up by http-check and tcp-check alike.
                 "tcp_check_keywords_register": ("tcp-check", "http-check")}
# Functions whose `strcmp(args[arg], "…")` chain names rule actions or check steps: (file, function, kind).
# The words of a rule that are not actions (conditions, options of an action) are left out by CHAIN_WORDS.
TCP_CHAINS = [("src/tcp_rules.c", "tcp_parse_request_rule", "tcp-request"),
              ("src/tcp_rules.c", "tcp_parse_response_rule", "tcp-response"),
              ("src/tcpcheck.c", "proxy_parse_tcpcheck", "tcp-check"),
              ("src/tcpcheck.c", "proxy_parse_httpcheck", "http-check")]
CHAIN_WORDS = {"if", "unless", "len", "table", "content", "connection", "session", "inspect-delay"}
CHAIN_ENTRY = re.compile(r"\bstrn?cmp\(args\[(?:arg|\*arg|cur_arg)\],\s*\"([^\"]+)\"")
ACTION_BLOCK = re.compile(r"struct\s+action_kw_list\s+(\w+)\s*=\s*\{")
ACTION_REGISTRATION = re.compile(r"INITCALL1\(\s*STG_REGISTER\s*,\s*(\w+)\s*,\s*&(\w+)\s*\)")
LIST_KIND = {"bind_kw_list": "bind", "srv_kw_list": "server", "sample_fetch_kw_list": "fetch",
             "sample_conv_kw_list": "converter", "acl_kw_list": "acl"}
# Keywords that came to a branch in one of its maintenance releases (2.6.x), which the tags of
# haproxy/haproxy do not carry: (kind, name) -> the branch. Each was checked against the keyword
# inventory of haproxy 2.6.12 (`haproxy -dKall`); a test compares the table with that inventory.
BACKPORTS = {("converter", "host_only"): "2.6", ("converter", "port_only"): "2.6",
             ("converter", "table_expire"): "2.6", ("converter", "table_idle"): "2.6",
             ("global", "tune.peers.max-updates-at-once"): "2.6"}
SECTION_WORDS = {"global", "defaults", "frontend", "backend", "listen", "no", "default"}
REMOVED = re.compile(r"not supported any ?more|no longer supported|has been removed|was removed")
DEPRECATED = re.compile(r"\bdeprecated\b", re.IGNORECASE)
BLOCK = re.compile(r"struct\s+(cfg_kw_list|bind_kw_list|srv_kw_list|sample_fetch_kw_list|sample_conv_kw_list|acl_kw_list)"
                   r"\s+\w+\s*=\s*\{")
CFG_ENTRY = re.compile(r"\{\s*(CFG_GLOBAL|CFG_LISTEN)\s*,\s*\"([^\"]+)\"\s*,\s*(\w+)")
NAMED_ENTRY = re.compile(r"\{\s*\"([^\"]+)\"\s*,\s*(\w+)")


def git(git_dir, *args):
    return subprocess.run(["git", "--git-dir", git_dir, *args], capture_output=True, text=True,
                          check=True).stdout


def strip_comments(text):
    """The C text without its comments, so that commented-out entries do not count."""
    return re.sub(r"/\*.*?\*/|//[^\n]*", " ", text, flags=re.S)


def block_text(text, start):
    """The text of the initializer that opens at `start` (its first `{`), braces matched."""
    depth, i, in_string = 0, text.index("{", start), False
    begin = i
    while i < len(text):
        c = text[i]
        if in_string:
            if c == "\\":
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return text[begin:i + 1]
        i += 1
    return text[begin:]


def function_body(text, name):
    """The body of the C function `name` defined in `text`, or ''."""
    m = re.search(r"^[a-z][^\n;]*\b" + re.escape(name) + r"\s*\([^;{]*\)\s*\{", text, flags=re.M)
    return block_text(text, m.end() - 1) if m else ""


def branches(text, index):
    """name -> text of each branch `strcmp(args[index], "name")`: up to the next such comparison, without
    the branches it holds for the next word. Names compared in one condition share the branch."""
    pattern = re.compile(r"strcmp\(args\[" + str(index) + r"\],\s*\"([^\"]+)\"\)")
    found = list(pattern.finditer(text))
    result = {}
    pending = []
    for n, m in enumerate(found):
        end = found[n + 1].start() if n + 1 < len(found) else min(len(text), m.end() + 3000)
        body = text[m.end():end]
        pending.append(m.group(1))
        if n + 1 < len(found) and "{" not in body and ";" not in body:
            continue
        nested = body.find(f"strcmp(args[{index + 1}]")
        body = body if nested < 0 else body[:nested]
        for name in pending:
            result[name] = result.get(name, "") + body
        pending = []
    return result


def git_grep_define(git_dir, tag, macro):
    """The string a `#define MACRO "string"` of the tag gives, or None."""
    found = subprocess.run(["git", "--git-dir", git_dir, "grep", "-h", "-E", f"#define[[:space:]]+{macro}[[:space:]]+\"",
                            tag, "--", "*.h", "*.c"], capture_output=True, text=True).stdout
    m = re.search(r"#define\s+\w+\s+\"([^\"]+)\"", found)
    return m.group(1) if m else None


def status(branch_text):
    if REMOVED.search(branch_text):
        return "removed"
    if DEPRECATED.search(branch_text):
        return "deprecated"
    return "present"


def scan(git_dir, tag):
    """(kind, name) -> 'present' or 'deprecated' at one tag."""
    seen = {}

    def note(kind, name, state):
        if state == "removed" or name in SECTION_WORDS and kind in ("global", "proxy"):
            return
        if seen.get((kind, name)) != "deprecated":
            seen[(kind, name)] = state

    patterns = [arg for kind in ("cfg_kw_list", "action_kw_list", *LIST_KIND) for arg in ("-e", f"struct {kind} ")]
    files = git(git_dir, "grep", "-l", "-F", *patterns, tag, "--", "src/*.c", "addons/*.c").split()
    for ref in files:
        text = strip_comments(git(git_dir, "show", ref))
        registered = {}
        # A parser may hand the keyword to a helper that compares args[0]: its branch is in the file.
        file_branches = branches(text, 0)
        for m in BLOCK.finditer(text):
            block = block_text(text, m.end() - 1)
            if m.group(1) == "cfg_kw_list":
                for entry in CFG_ENTRY.finditer(block):
                    kind = "global" if entry.group(1) == "CFG_GLOBAL" else "proxy"
                    registered.setdefault(entry.group(3), []).append((kind, entry.group(2)))
            elif m.group(1) == "acl_kw_list":
                # `{ "name", "fetch" or NULL, parse, index, match }`: ACL keywords, no parser of their own.
                for entry in re.finditer(r"\{\s*\"([^\"]+)\"\s*,", block):
                    note("acl", entry.group(1), "present")
            else:
                for entry in NAMED_ENTRY.finditer(block):
                    registered.setdefault(entry.group(2), []).append((LIST_KIND[m.group(1)], entry.group(1)))
        families = {}
        for fn, var in ACTION_REGISTRATION.findall(text):
            families.setdefault(var, []).extend(ACTION_FAMILY.get(fn, ()))
        for m in ACTION_BLOCK.finditer(text):
            for family in families.get(m.group(1), []):
                block = block_text(text, m.end() - 1)
                for entry in NAMED_ENTRY.finditer(block):
                    note(family, entry.group(1), "present")
                # An addon may name its action with a macro (`{ FLT_OT_ACTION_GROUP, flt_ot_group_parse }`).
                for macro in re.findall(r"\{\s*([A-Z][A-Z0-9_]+)\s*,\s*\w+", block):
                    definition = git_grep_define(git_dir, tag, macro)
                    if definition:
                        note(family, definition, "present")
        for function, keywords in registered.items():
            body = function_body(text, function)
            own = branches(body, 0)
            for kind, name in keywords:
                if name in own:
                    state = status(own[name])
                elif name in file_branches:
                    state = status(file_branches[name])
                elif len(keywords) == 1:
                    state = status(body.split("strcmp(args[1]", 1)[0])
                else:
                    state = "present"
                note(kind, name, state)

    global_text = strip_comments(git(git_dir, "show", f"{tag}:src/cfgparse-global.c"))
    for name, text in branches(function_body(global_text, "cfg_parse_global"), 0).items():
        note("global", name, status(text))
    listen_text = strip_comments(git(git_dir, "show", f"{tag}:src/cfgparse-listen.c"))
    listen = function_body(listen_text, "cfg_parse_listen")
    for name, text in branches(listen, 0).items():
        note("proxy", name, status(text))
    option_start = re.search(r"strcmp\(args\[0\],\s*\"option\"\)[^{]*\{", listen)
    option_branch = block_text(listen, option_start.end() - 1)
    for name, text in branches(option_branch, 1).items():
        note("option", name, status(text))
    for name in re.findall(r"strcmp\(cfg_opts2?\[optnum\]\.name,\s*\"([^\"]+)\"\)[^;]*?\{[^}]*?deprecated",
                           option_branch, flags=re.S):
        note("option", name, "deprecated")

    for path, function, kind in TCP_CHAINS:
        body = function_body(strip_comments(git(git_dir, "show", f"{tag}:{path}")), function)
        for name in CHAIN_ENTRY.findall(body):
            if name in CHAIN_WORDS:
                continue
            if name == "track-sc":
                # `strncmp(args[arg], "track-sc", 8)`: track-sc0 to track-sc2 in every version scanned.
                for number in range(3):
                    note(kind, f"track-sc{number}", "present")
            else:
                note(kind, name, "present")

    raw_proxy = git(git_dir, "show", f"{tag}:src/proxy.c")
    for table in ("cfg_opts", "cfg_opts2"):
        m = re.search(r"struct cfg_opt " + table + r"\[\]\s*=\s*\{", raw_proxy)
        for line in block_text(raw_proxy, m.end() - 1).splitlines():
            entry = re.match(r"\s*\{\s*\"([^\"]+)\"", line)
            if entry:
                note("option", entry.group(1), "deprecated" if "deprecated" in line else "present")
    return seen


def version(tag):
    return tag[1:].rsplit(".", 1)[0]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: haproxy_versions.py GIT_DIR  (a clone of haproxy/haproxy with tags v2.4.0 to v3.3.0)")
    git_dir = sys.argv[1]
    try:
        known = set(git(git_dir, "tag", "--list", "v*").split())
    except (OSError, subprocess.CalledProcessError) as error:
        sys.exit(f"haproxy_versions.py: {git_dir} is not a readable git directory ({error})")
    missing = [tag for tag in TAGS if tag not in known]
    if missing:
        sys.exit(f"haproxy_versions.py: {git_dir} lacks the tags {', '.join(missing)} (fetch them from haproxy/haproxy)")
    rows = {}
    for tag in TAGS:
        for key, state in scan(git_dir, tag).items():
            row = rows.setdefault(key, {"first": version(tag), "last": version(tag), "deprecated": ""})
            row["last"] = version(tag)
            if state == "deprecated" and not row["deprecated"]:
                row["deprecated"] = version(tag)
    for key, branch in BACKPORTS.items():
        rows[key]["first"] = min(rows[key]["first"], branch, key=lambda v: tuple(map(int, v.split("."))))
    newest = version(TAGS[-1])
    print("kind\tname\tfirst\tlast\tdeprecated")
    print(f"# generated by Grammar/tools/haproxy_versions.py from haproxy's sources at {', '.join(TAGS)}")
    for (kind, name), row in sorted(rows.items()):
        last = "" if row["last"] == newest else row["last"]
        print(f"{kind}\t{name}\t{row['first']}\t{last}\t{row['deprecated']}")


if __name__ == "__main__":
    main()
