#!/usr/bin/env python3
"""Writes Grammar/haproxy-diagnostics.tsv: every ALERT and WARNING that
HAProxy 2.6's configuration code can print, from its own sources.

    python3 Grammar/tools/haproxy_diagnostics.py GIT_DIR > Grammar/haproxy-diagnostics.tsv

GIT_DIR is a clone (or bare mirror) of haproxy/haproxy with the tag v2.6.0;
nothing is downloaded. In the files that read or check a configuration
(FILES below) the script finds, with `git grep` and `git show`, every call of

- `ha_alert(...)`, `ha_warning(...)`, `ha_diag_warning(...)` and
  `ha_notice(...)`: HAProxy prints these itself;
- `memprintf(err, ...)` and `memprintf(errmsg, ...)`: the messages keyword
  parsers hand back to the section parser, which prints them as an ALERT
  (or a WARNING where the parser returns `ERR_WARN` right after).

A call whose format is not a string literal (`ha_alert("%s", *err)`) only
relays a message built by another call and is left out.

Which weir rule mirrors a message, and the configuration that triggers it,
come from two inputs kept next to the table:

- Grammar/haproxy-diagnostics-mirrors.tsv: `pattern  rule  why`, a Python
  regular expression searched in `ID<TAB>MESSAGE`; the first that matches
  names the rule or rules (empty: weir does not mirror it; `-`: no
  configuration text causes it by itself; `why` says why);
- Fixtures/haproxy-diagnostics/triggers.tsv: `file  diagnostic`, a
  configuration of that directory and the row it triggers.

Output columns: `id  source  function  severity  message  rule  why  trigger`.
`id` is the source file's stem, the function, the keyword whose branch prints
the message (when a `strcmp(args[…], "keyword")` precedes it closely) and
the message's first words, numbered when still ambiguous; stable while the tag is; `source` is `file:line` at the tag; `severity` is
alert, warning, diag or notice; `message` the format with its `%s`/`%d`
placeholders, tabs and newlines written as `\\t` and `\\n`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

TAG = "v2.6.0"
FILES = ["src/backend.c", "src/cfgparse.c", "src/cfgparse-global.c", "src/cfgparse-listen.c", "src/cfgparse-ssl.c",
         "src/cfgparse-tcp.c", "src/cfgparse-unix.c", "src/cfgparse-quic.c", "src/cfgcond.c", "src/proxy.c",
         "src/server.c", "src/tools.c", "src/http_rules.c", "src/tcp_rules.c", "src/sample.c", "src/acl.c",
         "src/log.c", "src/ssl_sock.c", "src/ssl_ckch.c", "src/ssl_crtlist.c", "src/check.c", "src/tcpcheck.c",
         "src/stick_table.c", "src/listener.c", "src/http_htx.c", "src/http_act.c", "src/tcp_act.c",
         "src/action.c", "src/arg.c", "src/vars.c", "src/peers.c", "src/resolvers.c", "src/cache.c",
         "src/flt_http_comp.c", "src/filters.c", "src/uri_auth.c", "src/auth.c", "src/mailers.c",
         "src/http_fetch.c", "src/tcp_sample.c", "src/pattern.c", "src/regex.c", "src/errors.c", "src/thread.c"]
CALL = re.compile(r"\b(ha_alert|ha_warning|ha_diag_warning|ha_notice|memprintf)\s*\(")
SEVERITY = {"ha_alert": "alert", "ha_warning": "warning", "ha_diag_warning": "diag", "ha_notice": "notice"}
FUNCTION = re.compile(r"^[a-zA-Z_][\w \t\*]*?\b(\w+)\s*\([^;]*$")
LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')
PREFIX = re.compile(r"^(?:parsing \[%s:%d\]\s*:\s*|config\s*:\s*|%s\s*:\s*)")
KEYWORD = re.compile(r'strcmp\(args\[[01]\],\s*"([^"]+)"\)')
RELAY_WORDS = {"parsing", "proxy", "config", "at", "line", "of", "file", "in", "on", "for", "global", "statement",
               "address", "acl", "expression"}
FORMAT = re.compile(r"%[-+ #0]*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcsp%]")


def git(git_dir, *args):
    return subprocess.run(["git", "--git-dir", git_dir, *args], capture_output=True, text=True,
                          check=True).stdout


def call_text(text, start):
    """The argument text of the call whose `(` is at `start`, parentheses matched outside strings."""
    depth, i, in_string, in_char = 0, start, False, False
    while i < len(text):
        c = text[i]
        if in_string or in_char:
            if c == "\\":
                i += 1
            elif c == '"' and in_string:
                in_string = False
            elif c == "'" and in_char:
                in_char = False
        elif c == '"':
            in_string = True
        elif c == "'":
            in_char = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return text[start + 1:i]
        i += 1
    return text[start + 1:]


def arguments(text):
    """The top-level comma-separated arguments of a call's text."""
    parts, depth, current, in_string, i = [], 0, [], False, 0
    while i < len(text):
        c = text[i]
        if in_string:
            current.append(c)
            if c == "\\":
                current.append(text[i + 1] if i + 1 < len(text) else "")
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            current.append(c)
        elif c in "([{":
            depth += 1
            current.append(c)
        elif c in ")]}":
            depth -= 1
            current.append(c)
        elif c == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(c)
        i += 1
    parts.append("".join(current))
    return [p.strip() for p in parts]


def message_of(format_argument):
    """The concatenated string literals of a format argument, or None when it holds none."""
    literals = LITERAL.findall(re.sub(r"/\*.*?\*/", " ", format_argument, flags=re.S))
    if not literals:
        return None
    text = "".join(literals)
    return text.replace("\\n", "\n").replace("\\t", "\t").replace('\\"', '"').replace("\\\\", "\\")


def function_at(lines, index):
    """The name of the C function whose body holds line `index` (0-based)."""
    for i in range(index, -1, -1):
        line = lines[i]
        if line.startswith("{") and i > 0:
            for j in range(i - 1, max(-1, i - 6), -1):
                m = FUNCTION.match(lines[j])
                if m and not lines[j].startswith(("if", "else", "for", "while", "switch", "return")):
                    return m.group(1)
    return ""


def keyword_near(lines, index):
    """The keyword whose `strcmp(args[0|1], "…")` branch the call is in: the last one in the 15 lines before it."""
    found = KEYWORD.findall("\n".join(lines[max(0, index - 15):index + 1]))
    return found[-1] if found else ""


def is_relay(message):
    """A format that only passes on a message built elsewhere: nothing but placeholders, punctuation and
    words such as "parsing", "proxy", "at line … of file"."""
    words = re.findall(r"[A-Za-z]{2,}", FORMAT.sub(" ", message))
    return all(word.lower() in RELAY_WORDS for word in words)


def slug(message):
    """The first few words of a message, without its placeholders and parsing prefix."""
    text = PREFIX.sub("", message.strip())
    text = FORMAT.sub(" ", text)
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words[:6]) or "message"


def is_warning_return(lines, index):
    """A `memprintf(err, …)` followed by `return ERR_WARN` (or `err_code |= ERR_WARN`) is printed as a warning."""
    following = " ".join(lines[index:index + 6])
    return "ERR_WARN" in following and "ERR_ALERT" not in following


def extract(git_dir):
    rows = []
    for path in FILES:
        try:
            text = git(git_dir, "show", f"{TAG}:{path}")
        except subprocess.CalledProcessError:
            continue
        lines = text.split("\n")
        offsets, total = [], 0
        for line in lines:
            offsets.append(total)
            total += len(line) + 1
        for m in CALL.finditer(text):
            name = m.group(1)
            line_index = text.count("\n", 0, m.start())
            if lines[line_index].lstrip().startswith(("*", "/*", "//")) or re.match(r"\s*#\s*define", lines[line_index]):
                continue
            args = arguments(call_text(text, m.end() - 1))
            if name == "memprintf":
                if not args or args[0] not in ("err", "errmsg", "&errmsg", "err_msg"):
                    continue
                if len(args) < 2:
                    continue
                fmt = args[1]
                severity = "warning" if is_warning_return(lines, line_index) else "alert"
            else:
                fmt = args[0] if args else ""
                severity = SEVERITY[name]
            message = message_of(fmt)
            if message is None or is_relay(message):
                continue
            function = function_at(lines, line_index)
            stem = os.path.splitext(os.path.basename(path))[0]
            rows.append({"source": f"{path}:{line_index + 1}", "function": function, "severity": severity,
                         "message": message, "stem": stem, "keyword": keyword_near(lines, line_index)})
    seen = {}
    for row in rows:
        keyword = re.sub(r"[^a-z0-9_.-]+", "-", row["keyword"].lower()).strip(".-")
        middle = f"{row['function'] or 'file'}.{keyword}" if keyword else row["function"] or "file"
        base = f"{row['stem']}.{middle}.{slug(row['message'])}"
        seen[base] = seen.get(base, 0) + 1
        row["id"] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return rows


def read_mirrors(path):
    mirrors = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip() or line.startswith("pattern\t"):
                continue
            fields = line.rstrip("\n").split("\t")
            fields += [""] * (3 - len(fields))
            mirrors.append((re.compile(fields[0]), fields[1], fields[2]))
    return mirrors


def read_triggers(directory):
    """Row id -> the trigger configuration, from `file  diagnostic` rows of DIRECTORY/triggers.tsv."""
    triggers = {}
    path = os.path.join(directory, "triggers.tsv")
    if not os.path.exists(path):
        return triggers
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if line.startswith(("#", "file\t")) or len(fields) != 2:
                continue
            if not os.path.exists(os.path.join(directory, fields[0])):
                sys.exit(f"triggers.tsv names {fields[0]}, which does not exist")
            triggers[fields[1]] = f"Fixtures/haproxy-diagnostics/{fields[0]}"
    return triggers


def escape(text):
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    mirrors = read_mirrors(os.path.join(root, "Grammar", "haproxy-diagnostics-mirrors.tsv"))
    triggers = read_triggers(os.path.join(root, "Fixtures", "haproxy-diagnostics"))
    rows = extract(sys.argv[1])
    known = {row["id"] for row in rows}
    unknown = sorted(set(triggers) - known)
    if unknown:
        sys.exit(f"triggers name rows the table does not have: {', '.join(unknown)}")
    sys.stdout.write("id\tsource\tfunction\tseverity\tmessage\trule\twhy\ttrigger\n")
    sys.stdout.write(f"# generated by Grammar/tools/haproxy_diagnostics.py from haproxy's sources at {TAG}\n")
    for row in sorted(rows, key=lambda r: r["id"]):
        rule, why = next(((r, w) for p, r, w in mirrors if p.search(row["id"] + "\t" + row["message"])),
                         ("", "not mirrored yet"))
        if row["id"] in triggers and rule in ("", "-"):
            sys.exit(f"{row['id']} has a trigger but no mirroring rule")
        sys.stdout.write("\t".join([row["id"], row["source"], row["function"], row["severity"], escape(row["message"]),
                                    rule, "" if rule not in ("", "-") else why,
                                    triggers.get(row["id"], "")]) + "\n")


if __name__ == "__main__":
    main()
