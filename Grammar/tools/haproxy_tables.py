#!/usr/bin/env python3
"""Builds and checks Weir's HAProxy grammar tables (Grammar/haproxy-*.tsv).

Subcommands:
  generate   rebuild every haproxy-*.tsv from the installed haproxy binary
             (`haproxy -dKall`), from doc/configuration.txt in a git mirror of
             haproxy (for the `since` column and the keyword inventory), from
             empirical `haproxy -c` probes (for the `sections` and `ignored`
             columns) and from the curated signatures and summaries below.
  probe      only run the section probes and print what was found.
  check      coverage check: every keyword, bind option and server option
             used by a valid corpus config or by an article fixture must be
             in the tables for the section where it is used, and no such line
             may violate the argument signature given for it.

Only the Python standard library is used. Run from anywhere:
  python3 Grammar/tools/haproxy_tables.py generate
  python3 Grammar/tools/haproxy_tables.py check
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GRAMMAR = ROOT / "Grammar"
MIRROR = Path(os.environ.get("HAPROXY_GIT", "/work/.mirror/haproxy+haproxy/repo"))
CORPUS = Path(os.environ.get("WEIR_CORPUS", "/work/shared/corpus"))
FIXTURES = ROOT / "Fixtures" / "article"
HAPROXY = os.environ.get("HAPROXY", "haproxy")
DOC_TAG = "v2.6.0"
SINCE_TAGS = ["v1.3.23", "v1.4.0", "v1.5.0", "v1.6.0", "v1.7.0", "v1.8.0", "v1.9.0", "v2.0.0", "v2.1.0", "v2.2.0",
              "v2.3.0", "v2.4.0", "v2.5.0", "v2.6.0"]
# Versions before the oldest tag checked are reported as this one.
OLDEST = "1.3"

SECTIONS = ["global", "defaults", "frontend", "listen", "backend", "peers", "userlist", "resolvers",
            "mailers", "program", "http-errors", "ring", "cache", "fcgi-app", "log-forward"]
PROXY_SECTIONS = ["defaults", "frontend", "listen", "backend"]


# --------------------------------------------------------------------------
# Lexing haproxy.cfg the way HAProxy 2.6 does (see Grammar/haproxy.ebnf)
# --------------------------------------------------------------------------

class Line:
    __slots__ = ("number", "words", "quoted", "continued", "malformed")

    def __init__(self, number):
        self.number = number
        self.words = []
        self.quoted = []
        self.continued = False   # ends with an unescaped backslash
        self.malformed = False


def lex_line(text, number, env=None):
    """Splits one physical line into words; returns a Line."""
    env = os.environ if env is None else env
    line = Line(number)
    cur, started, quoted = [], False, False
    in_s = in_d = False
    i, n = 0, len(text)

    def finish():
        nonlocal cur, started, quoted
        if started:
            line.words.append("".join(cur))
            line.quoted.append(quoted)
        cur, started, quoted = [], False, False

    while i < n:
        c = text[i]
        if c == "\0":
            break
        if c == "#" and not in_s and not in_d:
            break
        if c == '"' and not in_s:
            started = quoted = True
            in_d = not in_d
            i += 1
            continue
        if c == "'" and not in_d:
            started = quoted = True
            in_s = not in_s
            i += 1
            continue
        if c == "\\" and not in_s:
            started = True
            nxt = text[i + 1] if i + 1 < n else None
            if nxt in (" ", "\\", "#", "'", '"'):
                cur.append(nxt); i += 2
            elif nxt == "t":
                cur.append("\t"); i += 2
            elif nxt == "n":
                cur.append("\n"); i += 2
            elif nxt == "r":
                cur.append("\r"); i += 2
            elif nxt == "$" and in_d:
                cur.append("$"); i += 2
            elif nxt == "x":
                h = text[i + 2:i + 4]
                if len(h) == 2 and all(ch in "0123456789abcdefABCDEF" for ch in h):
                    cur.append(chr(int(h, 16))); i += 4
                else:
                    line.malformed = True
                    return line
            elif nxt is None:
                line.continued = True
                cur.append("\\"); i += 1
            else:
                cur.append("\\"); i += 1
            continue
        if c in " \t\r\n\v\f" and not in_s and not in_d:
            finish()
            while i < n and text[i] in " \t\r\n\v\f":
                i += 1
            continue
        if c == "$" and in_d:
            started = True
            m = re.match(r"\$(\{)?([A-Za-z_.][A-Za-z0-9_]*)(\[\*\])?(-[^}]*)?(\})?", text[i:])
            if not m or (m.group(1) and not m.group(5)):
                line.malformed = True
                return line
            name, default = m.group(2), m.group(4)
            value = env.get(name)
            if value is None and default is not None:
                value = default[1:]
            cur.append(value or "")
            i += m.end()
            continue
        started = True
        cur.append(c)
        i += 1
    if in_s or in_d:
        line.malformed = True
        return line
    finish()
    return line


class Statement:
    __slots__ = ("file", "line", "section", "modifier", "words")

    def __init__(self, file, line, section, modifier, words):
        self.file, self.line, self.section, self.modifier, self.words = file, line, section, modifier, words


def _condition(expr):
    """A small evaluator for the `.if` predicates seen in practice."""
    version = haproxy_version()
    ssl = openssl_version()

    def cmp(a, b):
        pa = [int(x) for x in re.findall(r"\d+", a)]
        pb = [int(x) for x in re.findall(r"\d+", b)]
        return (pa > pb) - (pa < pb)

    def term(t):
        t = t.strip()
        if t.startswith("!"):
            return not term(t[1:])
        m = re.fullmatch(r"([a-z_]+)\((.*)\)", t)
        if not m:
            return t not in ("", "0")
        name, arg = m.group(1), m.group(2).strip()
        if name == "defined":
            return arg in os.environ
        if name == "feature":
            return arg in haproxy_features()
        if name == "version_atleast":
            return cmp(version, arg) >= 0
        if name == "version_before":
            return cmp(version, arg) < 0
        if name == "openssl_version_atleast":
            return cmp(ssl, arg) >= 0
        if name == "openssl_version_before":
            return cmp(ssl, arg) < 0
        if name == "streq":
            a, b = arg.split(",", 1)
            return a.strip() == b.strip()
        if name == "strneq":
            a, b = arg.split(",", 1)
            return a.strip() != b.strip()
        if name == "ssllib_name_startswith":
            return "openssl".startswith(arg.lower())
        return False

    return any(all(term(t) for t in part.split("&&")) for part in expr.split("||"))


def read_statements(path, section_names):
    """Yields the active statements of a config file, continuation lines
    joined to the previous statement (as Weir's parser does)."""
    text = Path(path).read_text(errors="replace")
    section = None
    stack = []  # (active, taken)
    prev_continued = False
    out = []
    for number, raw in enumerate(text.split("\n"), 1):
        line = lex_line(raw, number)
        if line.malformed or not line.words:
            prev_continued = False
            continue
        first = line.words[0]
        if first.startswith(".") and not line.quoted[0] and not prev_continued:
            args = " ".join(line.words[1:])
            active = all(a for a, _ in stack)
            if first == ".if":
                v = active and _condition(args)
                stack.append((v, v))
            elif first == ".elif" and stack:
                _, taken = stack[-1]
                outer = all(a for a, _ in stack[:-1])
                v = outer and not taken and _condition(args)
                stack[-1] = (v, taken or v)
            elif first == ".else" and stack:
                _, taken = stack[-1]
                outer = all(a for a, _ in stack[:-1])
                stack[-1] = (outer and not taken, True)
            elif first == ".endif" and stack:
                stack.pop()
            continue
        if not all(a for a, _ in stack):
            continue
        words = list(line.words)
        if line.continued:
            if words[-1] == "\\":
                words.pop()
            else:
                words[-1] = words[-1][:-1]
        if prev_continued and out:
            out[-1].words += words
            prev_continued = line.continued
            continue
        prev_continued = line.continued
        if not words:
            continue
        modifier = None
        if len(words) > 1 and words[0] in ("no", "default") and not line.quoted[0]:
            modifier = words.pop(0)
        if modifier is None and words[0] in section_names:
            section = words[0]
            continue
        if section is None:
            continue
        out.append(Statement(str(path), number, section, modifier, words))
    return out


_CACHE = {}


def haproxy_vv():
    if "vv" not in _CACHE:
        _CACHE["vv"] = subprocess.run([HAPROXY, "-vv"], capture_output=True, text=True).stdout
    return _CACHE["vv"]


def haproxy_version():
    m = re.search(r"HAProxy version (\d+\.\d+(?:\.\d+)?)", haproxy_vv())
    return m.group(1) if m else "2.6"


def openssl_version():
    m = re.search(r"Running on OpenSSL version : OpenSSL (\S+)", haproxy_vv())
    return m.group(1) if m else "3.0.0"


def haproxy_features():
    m = re.search(r"Feature list : (.*)", haproxy_vv())
    return {w[1:] for w in (m.group(1).split() if m else []) if w.startswith("+")}


# --------------------------------------------------------------------------
# HAProxy's own inventory: `haproxy -dKall`
# --------------------------------------------------------------------------

class Inventory:
    """What `haproxy -dKall -q -c -f /dev/null` lists."""

    def __init__(self, text):
        self.acl = []          # (keyword, fetch, match)
        self.global_kw = []    # registered global keywords
        self.listen_kw = []    # registered proxy keywords
        self.userlist_kw = []
        self.peers_kw = []
        self.bind = {}         # option -> (nargs, needs_ssl)
        self.server = {}       # option -> nargs (-1: optional argument)
        self.options = {}      # option name -> flags ("FE BE HTTP")
        self.actions = collections.defaultdict(list)  # family -> [action]
        self.crt_list = {}
        self.converters = []   # (name, args, in, out)
        self.fetches = []      # (name, args, out, usage)
        self.filters = []
        self.services = []
        part = None
        group = None
        for raw in text.splitlines():
            if raw.startswith("# List of registered"):
                part = raw.split("registered", 1)[1].strip().rstrip(":")
                continue
            if raw.startswith("#") or not raw.strip():
                continue
            if part == "ACL keywords":
                m = re.match(r"(\S+) = (\S+)(?: -m (\S+))?", raw)
                self.acl.append((m.group(1), m.group(2), m.group(3) or ""))
            elif part == "configuration keywords":
                if not raw.startswith("\t"):
                    group = raw.strip()
                    continue
                entry = raw.strip()
                if group == "global":
                    self.global_kw.append(entry)
                elif group == "userlist":
                    self.userlist_kw.append(entry)
                elif group == "peers":
                    self.peers_kw.append(entry)
                elif group == "crt-list":
                    w = entry.split()
                    self.crt_list[w[0]] = 1 if len(w) > 1 else 0
                elif group == "listen":
                    self._listen(entry)
            elif part == "sample converter functions":
                m = re.match(r"([^(:]+)(?:\((.*)\))?: (\S+) => (\S+)$", raw)
                self.converters.append((m.group(1), m.group(2) or "", m.group(3), m.group(4)))
            elif part == "sample fetch functions":
                m = re.match(r"\[ ((?:[Y.] )+)\] ([^(:]+)(?:\((.*)\))?: (\S+)$", raw)
                usage = m.group(1).replace(" ", "")
                self.fetches.append((m.group(2), m.group(3) or "", m.group(4), usage))
            elif part == "filter names":
                self.filters.append(raw.split()[0])
            elif part == "service names":
                self.services.append(raw.split()[0])

    def _listen(self, entry):
        w = entry.split()
        if w[0] == "bind":
            ssl = w[2] == "ssl"
            name = w[3] if ssl else w[2]
            rest = w[4:] if ssl else w[3:]
            self.bind[name] = (int(rest[0].lstrip("+")) if rest else 0, ssl)
        elif w[0] == "server":
            name, rest = w[3], w[4:]
            if not rest:
                n = 0
            elif rest[0] == "+-1":
                n = -1
            else:
                n = int(rest[0].lstrip("+"))
            self.server[name] = n
        elif w[0] == "option":
            m = re.match(r"option (\S+)(?: \[ (.*) \])?", entry)
            self.options[m.group(1)] = m.group(2) or ""
        elif w[0] in ("tcp-request", "tcp-response") and len(w) > 2:
            self.actions[" ".join(w[:2])].append(w[2])
        elif w[0] in ("http-request", "http-response", "http-after-response") and len(w) > 1:
            self.actions[w[0]].append(w[1])
        else:
            self.listen_kw.append(entry)


def inventory():
    if "inv" not in _CACHE:
        out = subprocess.run([HAPROXY, "-dKall", "-q", "-c", "-f", "/dev/null"], capture_output=True,
                             text=True, cwd=tempfile.gettempdir(), timeout=60)
        _CACHE["inv"] = Inventory(out.stdout + out.stderr)
    return _CACHE["inv"]


# --------------------------------------------------------------------------
# doc/configuration.txt
# --------------------------------------------------------------------------

def doc_text(tag):
    key = "doc:" + tag
    if key not in _CACHE:
        r = subprocess.run(["git", "-C", str(MIRROR), "show", f"{tag}:doc/configuration.txt"],
                           capture_output=True, text=True, errors="replace")
        _CACHE[key] = r.stdout if r.returncode == 0 else ""
    return _CACHE[key]


HEADING = re.compile(r"^(\d+(?:\.\d+)*)\.\s+(\S.*)$")
DEF_WORD = re.compile(r"^[a-z0-9][a-z0-9_.+-]*(\(\S*\))?$")


def normalize_word(word):
    """`set-var(<var-name>[,<cond>])` -> `set-var()`."""
    if "(" in word:
        return word[:word.index("(")] + "()"
    return word


# Keywords whose second (or third) word selects a sub-keyword with its own row.
FAMILIES = {
    "option", "timeout", "stats", "http-check", "tcp-check", "compression", "stick", "email-alert",
    "external-check", "monitor", "rate-limit", "declare", "capture", "http-request", "http-response",
    "http-after-response", "tcp-request", "tcp-response", "hold",
}
THREE_WORDS = {
    ("tcp-request", "connection"), ("tcp-request", "session"), ("tcp-request", "content"),
    ("tcp-response", "content"), ("capture", "request"), ("capture", "response"),
}


def keyword_of(words):
    """The keyword (with its sub-keywords) that a statement's words start
    with, parameterized actions normalized: `set-var(txn.x)` -> `set-var()`."""
    if not words:
        return ""
    first = words[0]
    if first not in FAMILIES or len(words) < 2:
        return first
    second = normalize_word(words[1])
    if (first, second) in THREE_WORDS and len(words) > 2:
        third = normalize_word(words[2])
        if first == "capture":
            return " ".join((first, second, third))
        return " ".join((first, second, third))
    return first + " " + second


def definition_key(line):
    """The keyword a definition line of configuration.txt defines."""
    words = []
    for w in line.split():
        if w[0] in "<[{|\"'(":
            break
        words.append(w)
    if not words:
        return None
    if words[0] in ("no", "default") and len(words) > 1:
        words = words[1:]
    key = keyword_of(words)
    parts = key.split()
    if len(parts) > len(words) or not all(DEF_WORD.match(p.replace("()", "")) for p in parts):
        return None
    return key


class Doc:
    """Definition lines of one configuration.txt, grouped by chapter."""

    def __init__(self, text):
        self.text = text
        self.defs = []        # (chapter, line, keys, block text)
        self.matrix = {}      # proxy keyword -> {section: True/False}
        self.global_list = set()
        lines = text.split("\n")
        chapter = ""
        i = 0
        in_matrix = False
        in_global_list = False
        starts = []
        for i, line in enumerate(lines):
            m = HEADING.match(line)
            if m and i + 1 < len(lines) and re.match(r"^-{3,}\s*$", lines[i + 1]):
                chapter = m.group(1)
                in_matrix = chapter == "4.1"
                in_global_list = chapter == "3"
                continue
            if in_global_list:
                g = re.match(r"^\s+- ([a-z0-9][a-z0-9_.-]*)", line)
                if g:
                    self.global_list.add(g.group(1))
            if in_matrix:
                mm = re.match(r"^([a-z][a-z0-9_ .-]*?)\s{2,}(\(.*?\)\s+)?([X-])(?: \(!\))?\s+([X-])\s+([X-])\s+([X-])\s*$", line)
                if mm:
                    key = " ".join(mm.group(1).split())
                    self.matrix[key] = dict(zip(PROXY_SECTIONS, (mm.group(3) == "X", mm.group(4) == "X",
                                                                 mm.group(5) == "X", mm.group(6) == "X")))
                continue
            if not line or line[0] in " \t-=" or not DEF_WORD.match(normalize_word(line.split()[0])):
                continue
            prev = lines[i - 1] if i else ""
            if prev.strip() and not (starts and starts[-1][0] == i - 1):
                continue
            # the definition group must end with an indented description
            j = i + 1
            while j < len(lines) and lines[j] and lines[j][0] not in " \t":
                j += 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j >= len(lines) or not lines[j].startswith("  "):
                continue
            starts.append((i, chapter, line))
        for k, (i, chapter, line) in enumerate(starts):
            end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
            block = "\n".join(lines[i:end])
            key = definition_key(line)
            if key:
                self.defs.append((chapter, line, key, block))

    def keys(self, chapters=None):
        out = collections.OrderedDict()
        for chapter, line, key, block in self.defs:
            if chapters and not any(chapter == c or chapter.startswith(c + ".") for c in chapters):
                continue
            out.setdefault(key, []).append((chapter, line, block))
        return out


def doc(tag):
    key = "Doc:" + tag
    if key not in _CACHE:
        _CACHE[key] = Doc(doc_text(tag))
    return _CACHE[key]


# --------------------------------------------------------------------------
# Corpus and article usage
# --------------------------------------------------------------------------

def corpus_files():
    """Valid haproxy corpus configs, then the article fixtures."""
    files = []
    manifest = CORPUS / "manifest.tsv"
    if manifest.exists():
        for row in manifest.read_text().splitlines()[1:]:
            f = row.split("\t")
            if len(f) > 4 and f[1] == "haproxy" and f[4] == "valid":
                files.append(CORPUS / f[0])
    files += sorted(FIXTURES.glob("*.cfg"))
    return files


def usage(section_names=None):
    """[(keyword, Statement)] for every active statement of the corpus."""
    names = set(section_names or SECTIONS)
    out = []
    for f in corpus_files():
        for st in read_statements(f, names):
            out.append((keyword_of(st.words), st))
    return out


# --------------------------------------------------------------------------
# Keyword candidates
# --------------------------------------------------------------------------

# Sub-keywords that the doc describes inside one entry, not as entries.
EXTRA_CANDIDATES = {
    "resolvers": ["hold nx", "hold other", "hold refused", "hold timeout", "hold valid", "hold obsolete",
                  "timeout resolve", "timeout retry"],
    "global": ["stats socket", "stats timeout", "stats maxconn", "stats bind-process"],
}
# Chapters of configuration.txt (2.x numbering) that hold section keywords.
CHAPTER_SECTIONS = {
    "3.1": "global", "3.2": "global", "3.3": "global", "3.4": "userlist", "3.5": "peers", "3.6": "mailers",
    "3.7": "program", "3.8": "http-errors", "3.9": "ring", "3.10": "log-forward", "4.2": "proxy",
    "5.3.2": "resolvers", "6.2.1": "cache", "6.2.2": "proxy", "10.1.1": "fcgi-app", "10.1.2": "proxy",
}


def candidates():
    """Every keyword that might exist in 2.6, from every source we have;
    the probes decide which ones do and where."""
    inv = inventory()
    found = collections.OrderedDict()

    def add(key, origin):
        if not key or key in SECTIONS:
            return
        found.setdefault(key, set()).add(origin)

    for tag in SINCE_TAGS:
        d = doc(tag)
        for chapter, line, key, block in d.defs:
            base = ".".join(chapter.split(".")[:2]) if not chapter.startswith(("5.3", "6.2", "10.1")) else chapter
            if base in CHAPTER_SECTIONS or chapter in CHAPTER_SECTIONS:
                add(key, "doc")
        for key in d.matrix:
            add(key, "doc")
        for key in d.global_list:
            add(key, "doc")
    for kw in inv.global_kw:
        if kw != "stats":
            add(kw, "dkall")
    for kw in inv.listen_kw:
        if kw not in FAMILIES:
            add(kw, "dkall")
    for opt in inv.options:
        add("option " + opt, "dkall")
    for family, actions in inv.actions.items():
        for action in actions:
            if action.endswith("*"):
                stem = action[:-1]
                if stem == "track-sc":
                    for i in range(3):
                        add(f"{family} track-sc{i}", "dkall")
                else:
                    add(f"{family} {stem}()", "dkall")
            else:
                add(f"{family} {action}", "dkall")
    for section, keys in EXTRA_CANDIDATES.items():
        for key in keys:
            add(key, "doc")
    for key, st in usage():
        if not key.split()[-1].startswith("lua."):
            add(key, "corpus")
    # "log global" and similar argument forms are not keywords of their own
    for key in list(found):
        if key.startswith(("log ", "balance ", "redirect ", "persist ", "log-stderr ", "http-error ",
                           "stick-table ", "source ", "use-server ", "bind ")):
            del found[key]
    return found


# --------------------------------------------------------------------------
# Probing the real binary
# --------------------------------------------------------------------------

SECTION_HEADERS = {
    "global": "global", "defaults": "defaults probe_defaults", "frontend": "frontend probe_fe",
    "listen": "listen probe_li", "backend": "backend probe_be", "peers": "peers probe_peers",
    "userlist": "userlist probe_ul", "resolvers": "resolvers probe_dns", "mailers": "mailers probe_mail",
    "program": "program probe_prog", "http-errors": "http-errors probe_errs", "ring": "ring probe_ring",
    "cache": "cache probe_cache", "fcgi-app": "fcgi-app probe_fcgi", "log-forward": "log-forward probe_lf",
}
SENTINEL = "zz-probe-sentinel"
# Probed alone: `quiet` would hide the warnings of every later line.
SOLO = {"quiet"}
# Never given example arguments: loading a script would run it.
NO_EXAMPLE = {"lua-load", "lua-load-per-thread", "lua-prepend-path", "setenv", "presetenv", "resetenv",
              "unsetenv", "default-path", "chroot"}


def quote_word(word):
    """Writes a word back so that HAProxy reads it unchanged."""
    if word != "" and not re.search(r"[\s#'\"\\$\x00-\x1f\x7f]", word):
        return word
    out = []
    for ch in word:
        if ch in '\\"$':
            out.append("\\" + ch)
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 32 or ord(ch) == 127:
            out.append("\\x%02x" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def examples():
    """keyword -> {section: words} from the corpus (first use wins)."""
    ex = collections.defaultdict(dict)
    for key, st in usage():
        if st.modifier:
            continue
        ex[key].setdefault(st.section, st.words)
        ex[key].setdefault("*", st.words)
    return ex


PLACEHOLDERS = [
    (r"time|timeout|delay|period|interval", "5s"),
    (r"dir|path|base", "/tmp"),
    (r"file", "/dev/null"),
    (r"addr|address|ip|host", "127.0.0.1:8080"),
    (r"size|length|len", "1024"),
    (r"name|id|table|backend|server|var|group|user", "probe"),
    (r"fmt|format|string|str|text|value|expr|sample|key|header|uri|url|prefix|realm|hdr", "x"),
]


def synthesize(line):
    """Turns a doc synopsis into a plausible argument list."""
    out = []
    depth = 0
    for word in line.split():
        if depth or word.startswith("["):
            depth += word.count("[") - word.count("]")
            continue
        if word in ("{", "}", "|") or word.startswith(("{", "|")):
            if word.startswith("{") and len(word) > 1:
                word = word[1:].split("|")[0].rstrip("}")
                if word and not word.startswith("<"):
                    out.append(word)
            continue
        if word.startswith("<"):
            label = word.strip("<>.,").lower()
            value = "1"
            for pattern, v in PLACEHOLDERS:
                if re.search(pattern, label):
                    value = v
                    break
            out.append(value)
        elif word == "...":
            continue
        else:
            out.append(word)
    return out


def probe_lines(key, section, ex):
    """The test lines for one keyword in one section: with the arguments of
    a real use when we have one, with arguments made from the doc synopsis,
    with a single `1`, and bare."""
    words = key.replace("()", "(probe)").split()
    if words[-1].endswith("(probe)"):
        stem = words[-1][:-len("(probe)")]
        arg = {"set-var": "(txn.probe)", "set-var-fmt": "(txn.probe)", "unset-var": "(txn.probe)",
               "sc-inc-gpc": "(0,0)", "sc-set-gpt": "(0,0)", "sc-inc-gpc0": "(0)", "sc-inc-gpc1": "(0)",
               "sc-set-gpt0": "(0)", "do-resolve": "(txn.probe,probe_dns)"}.get(stem, "(/dev/null)")
        if words[0] in ("http-check", "tcp-check") and "var" in stem:
            arg = "(check.probe)"
        words[-1] = stem + arg
    head = " ".join(quote_word(w) for w in words)
    lines = []
    if key.split()[0] not in NO_EXAMPLE:
        sample = ex.get(key, {}).get(section) or ex.get(key, {}).get("*")
        if sample:
            lines.append(" ".join(quote_word(w) for w in sample))
        for chapter, line, block in doc(DOC_TAG).keys().get(key, [])[:1]:
            rest = synthesize(line)[len(key.split()):]
            if rest:
                lines.append(head + " " + " ".join(quote_word(w) for w in rest))
        lines.append(head + " 1")
    lines.append(head)
    seen = set()
    return [l for l in lines if not (l in seen or seen.add(l))]


PRELUDE = "global\n    expose-experimental-directives\n"


def run_haproxy(texts, workdir):
    """Runs `haproxy -c` on config files holding `texts` (in that order);
    returns the output and the file names used."""
    paths = []
    for text in texts:
        fd, path = tempfile.mkstemp(suffix=".cfg", dir=workdir)
        with os.fdopen(fd, "w") as fh:
            fh.write(text)
        paths.append(path)
    cmd = [HAPROXY, "-c"]
    for path in paths:
        cmd += ["-f", path]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=workdir, errors="replace")
        out = r.stdout + r.stderr
        if r.returncode < 0:
            out += "\nkilled by signal %d\n" % -r.returncode
    except subprocess.TimeoutExpired:
        out = "[ALERT] timeout\nkilled by signal 9\n"
    finally:
        for path in paths:
            os.unlink(path)
    return out, [os.path.basename(p) for p in paths]


def parse_messages(out):
    """(file name, line number) -> [(level, text)] from haproxy's output.
    Messages are split at their level tags, not at newlines: some quote a
    control character of the line they complain about."""
    msgs = collections.defaultdict(list)
    parts = re.split(r"\[(ALERT|WARNING|NOTICE)\]\s+\(\d+\) : ", out)
    for level, text in zip(parts[1::2], parts[2::2]):
        text = text.strip()
        if text.startswith("config : "):
            text = text[len("config : "):]
        lm = re.search(r"\[(?:[^\]:]*/)?([^\]/:]*\.cfg):(\d+)\]", text)
        if lm:
            msgs[(lm.group(1), int(lm.group(2)))].append((level, text))
    return msgs


# HAProxy stops reading a file after 50 fatal errors: each probe line and its
# sentinel may cost two.
CHUNK = 24


def build_probe(section, items, serial):
    """items: [(key, line)]; returns (text, {line number: index in items})."""
    header = SECTION_HEADERS[section]
    out = [header + (f"_{serial}" if " " in header else "")]
    where = {}
    for i, (key, line) in enumerate(items):
        out.append("    " + line)
        where[len(out)] = i
        out.append("    " + SENTINEL)
    return "\n".join(out) + "\n", where


def probe(sections=None, keys=None, workdir=None, verbose=False):
    """Runs every candidate in every section; returns
    {(key, section): [(probe line, [(level, message)])]} and the probe
    lines whose sentinel never answered (not classified)."""
    keys = list(keys or candidates())
    sections = sections or SECTIONS
    ex = examples()
    workdir = workdir or tempfile.mkdtemp(prefix="weir-probe-")
    setup_corpus_files()
    jobs = []
    for section in sections:
        items = []
        for key in keys:
            for line in probe_lines(key, section, ex):
                items.append((key, line))
        jobs.append((section, [it for it in items if it[0] not in SOLO]))
        for it in items:
            if it[0] in SOLO:
                jobs.append((section, [it]))
    results = collections.defaultdict(list)
    unreached = []
    runs = [0]

    def run(job):
        section, items = job
        chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
        texts, wheres = [], []
        prelude = [PRELUDE]
        for n, chunk in enumerate(chunks):
            text, where = build_probe(section, chunk, n)
            texts.append(text)
            wheres.append(where)
        out, names = run_haproxy(prelude + texts, workdir)
        runs[0] += 1
        return section, chunks, wheres, names[len(prelude):], parse_messages(out)

    # A line that makes HAProxy abort ends the run: its own messages still
    # count, and the lines after it go to another run.
    pending = jobs
    while pending:
        retry = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            for section, chunks, wheres, names, msgs in pool.map(run, pending):
                flat = [(chunk, where, name) for chunk, where, name in zip(chunks, wheres, names)]
                stop = None
                for c, (chunk, where, name) in enumerate(flat):
                    for lineno, idx in sorted(where.items()):
                        if stop is not None:
                            break
                        key, line = chunk[idx]
                        answered = any(SENTINEL in t for _, t in msgs.get((name, lineno + 1), []))
                        if answered or msgs.get((name, lineno)):
                            results[(key, section)].append((line, msgs.get((name, lineno), [])))
                        else:
                            unreached.append((section, key, line))
                        if not answered:
                            stop = (c, idx)
                if stop is not None:
                    c, idx = stop
                    rest = flat[c][0][idx + 1:] + [it for chunk, _, _ in flat[c + 1:] for it in chunk]
                    if rest:
                        retry.append((section, rest))
        pending = retry
    # Lines that never answered: once more, each alone and without sentinel.
    def solo(item):
        section, key, line = item
        text, where = build_probe(section, [(key, line)], 0)
        text = "\n".join(l for l in text.split("\n") if SENTINEL not in l)
        out, names = run_haproxy([PRELUDE, text], workdir)
        runs[0] += 1
        crashed = "killed by signal" in out
        return item, names[1], out, crashed

    still = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for (section, key, line), name, out, crashed in pool.map(solo, unreached):
            msgs = parse_messages(out).get((name, 2), [])
            if crashed and not msgs:
                still.append((section, key, line))
            else:
                results[(key, section)].append((line, msgs))
    unreached = still
    if verbose:
        print(f"{runs[0]} haproxy runs", file=sys.stderr)
    return results, unreached


def setup_corpus_files():
    """The reg-tests' support files where the corpus configs expect them."""
    src = CORPUS / "haproxy-files" / "reg-tests"
    dst = Path("/tmp/haproxy-corpus/reg-tests")
    if src.exists() and not dst.exists():
        subprocess.run(["cp", "-r", str(src), str(dst.parent)], check=False)
        Path("/tmp/haproxy-corpus/run").mkdir(parents=True, exist_ok=True)


INVALID_PATTERNS = [
    r"not allowed in", r"not allowed because",
    r"is only allowed in", r"only available in", r"not available in default", r"is not supported in '",
    r"not supported any ?more", r"never appeared in a stable release", r"is not allowed in a",
    r"proxy '[^']*' has no (frontend|backend) capability", r"doesn't exist anymore",
]
IGNORED_PATTERNS = [
    r"ignored because", r"will be ignored because", r"directive is ignored in", r"ignored in '[^']*' section",
    r"has no effect",
]


def classify_line(key, line, msgs):
    """'invalid', 'ignored', 'clean' (no complaint at all) or 'valid' (only
    complaints about the arguments) for one probe line."""
    words = line.split()
    kw = key.split()
    sub = words[len(kw) - 1] if len(kw) > 1 else None
    state = "clean"
    for level, text in msgs:
        if SENTINEL in text:
            continue
        m = re.search(r"unknown (?:keyword|statement) '([^']*)'", text)
        if m and (m.group(1) in kw + words[:len(kw)] or m.group(1).split()[:1] == kw[:1]):
            return "invalid"
        if not m and any(re.search(p, text) for p in INVALID_PATTERNS):
            return "invalid"
        if sub is not None:
            q = re.escape(sub)
            if re.search(r"got '" + q + r"'|unknown [a-z ]*'" + q + r"'|invalid or incomplete action '" + q + "'"
                         r"|unexpected argument '" + q + "'", text):
                return "invalid"
        if level == "WARNING" and any(re.search(p, text) for p in IGNORED_PATTERNS):
            state = "ignored"
        elif level == "ALERT" and state == "clean":
            state = "valid"
    return state


def classify(results):
    """{key: {section: 'valid'|'ignored'}} from probe results. A line that
    HAProxy takes without complaint proves the keyword; one it rejects for
    the section disproves it; one with only argument errors proves it when
    nothing else says otherwise."""
    out = collections.defaultdict(dict)
    for (key, section), lines in results.items():
        states = {classify_line(key, line, msgs) for line, msgs in lines}
        if key in FAMILIES:
            # a family word alone is only a keyword where HAProxy takes it as is
            states &= {"clean", "ignored"}
        if "ignored" in states:
            out[key][section] = "ignored"
        elif "clean" in states:
            out[key][section] = "valid"
        elif "invalid" in states:
            continue
        elif "valid" in states:
            out[key][section] = "valid"
    return out


# --------------------------------------------------------------------------
# Since which version
# --------------------------------------------------------------------------

def tag_version(tag):
    m = re.match(r"v(\d+)\.(\d+)", tag)
    return f"{m.group(1)}.{m.group(2)}"


def doc_keys(tag):
    """Every keyword form one configuration.txt defines."""
    key = "keys:" + tag
    if key not in _CACHE:
        d = doc(tag)
        keys = set(d.matrix) | set(d.global_list)
        for chapter, line, k, block in d.defs:
            keys.add(k)
        _CACHE[key] = keys
    return _CACHE[key]


def family_blocks(tag, family):
    """The text of the definition blocks of a family keyword (`http-request`)."""
    return "\n".join(block for chapter, line, key, block in doc(tag).defs
                     if key == family or key.startswith(family + " "))


def since(key):
    """The first version whose configuration.txt knows the keyword."""
    words = key.split()
    for i, tag in enumerate(SINCE_TAGS):
        keys = doc_keys(tag)
        found = key in keys
        if not found and len(words) > 1 and " ".join(words[:-1]) in FAMILY_LABEL:
            # old manuals list a rule family's actions inside its own entry
            family = " ".join(words[:-1])
            sub = re.escape(words[-1].replace("()", ""))
            blocks = family_blocks(tag, family)
            # listed as an alternative ("{ allow | deny |") or as a bullet ('- "deny" :')
            found = bool(blocks) and re.search(r"(?m)[{|]\s*" + sub + r"(?![\w-])|^\s*-\s*\"?" + sub
                                               + r"(?![\w-])", blocks) is not None
        if found:
            return OLDEST if i == 0 else tag_version(tag)
    # not in any keyword list: the first doc that mentions it at all
    for i, tag in enumerate(SINCE_TAGS):
        if re.search(r"(?<![\w.-])" + re.escape(key.replace("()", "(")) , doc_text(tag)):
            return OLDEST if i == 0 else tag_version(tag)
    return tag_version(SINCE_TAGS[-1])


def option_since(name, kind):
    """Since when a bind ('bind') or server ('server') option exists."""
    for i, tag in enumerate(SINCE_TAGS):
        d = doc(tag)
        text = "\n".join(block for chapter, line, key, block in d.defs
                         if key == name and (chapter.startswith("5") or chapter.startswith("4.2")))
        if not text:
            blocks = family_blocks(tag, kind) + "\n" + family_blocks(tag, "default-server")
            chapter5 = re.search(r"\n5\.[^\n]*\n-+\n(.*?)\n6\.", doc_text(tag), re.S)
            hay = blocks + (chapter5.group(1) if chapter5 else "")
            if re.search(r"(?m)^\s*" + re.escape(name) + r"(?![\w-])", hay) is None:
                continue
        return OLDEST if i == 0 else tag_version(tag)
    return tag_version(SINCE_TAGS[-1])


# --------------------------------------------------------------------------
# bind and server options
# --------------------------------------------------------------------------

SERVER_LINES = ("server", "default-server", "server-template")


def option_arity():
    """option -> number of words after it, from `haproxy -dKall` (-1: the
    `source` option, which takes an address and optional `usesrc` and
    `interface` clauses)."""
    inv = inventory()
    bind = {name: n for name, (n, ssl) in inv.bind.items()}
    bind["ssl"] = 0
    for name, n in inv.crt_list.items():
        bind.setdefault(name, n)
    server = dict(inv.server)
    return bind, server


def split_options(words, start, arity):
    """Yields (option, [args]) for the option words of a bind/server line."""
    i = start
    while i < len(words):
        name = words[i]
        n = arity.get(name, 0)
        if n == -1:
            j = i + 2
            while j + 1 < len(words) and words[j] in ("usesrc", "interface"):
                j += 2
            yield name, words[i + 1:j]
            i = j
            continue
        yield name, words[i + 1:i + 1 + n]
        i += 1 + n


def positional_count(keyword, words):
    """How many words after the keyword are positional on these lines."""
    if keyword == "bind":
        return 1
    if keyword == "server":
        # a peers-section server may have no address
        return 2 if len(words) > 2 else 1
    if keyword == "server-template":
        return 3
    return 0


def option_usage():
    """[(kind, option, args, Statement)] for the bind/server lines of the corpus."""
    bind, server = option_arity()
    out = []
    for key, st in usage():
        w = st.words
        if w[0] in ("bind", "default-bind"):
            start = 2 if w[0] == "bind" else 1
            out += [("bind", n, a, st) for n, a in split_options(w, start, bind)]
        elif w[0] == "stats" and len(w) > 2 and w[1] == "socket":
            out += [("bind", n, a, st) for n, a in split_options(w, 3, bind)]
        elif w[0] in SERVER_LINES:
            start = 1 + positional_count(w[0], w)
            out += [("server", n, a, st) for n, a in split_options(w, start, server)]
        elif w[0] == "peer":
            out += [("server", n, a, st) for n, a in split_options(w, 3, server)]
    return out


def probe_options(kind, names, workdir=None):
    """Which options HAProxy 2.6 knows on a bind or server line:
    {option: True/False}."""
    bind, server = option_arity()
    arity = bind if kind == "bind" else server
    examples = {}
    for k, name, args, st in option_usage():
        if k == kind:
            examples.setdefault(name, args)
    items = []
    for name in names:
        n = arity.get(name, 1)
        args = examples.get(name) or (["1"] * max(n, 0) if n >= 0 else ["127.0.0.1"])
        words = [name] + args
        if kind == "bind":
            line = "bind 127.0.0.1:8443 " + " ".join(quote_word(w) for w in words)
        else:
            line = "server probe 127.0.0.1:8080 " + " ".join(quote_word(w) for w in words)
        items.append((name, line))
    section = "frontend" if kind == "bind" else "backend"
    results, unreached = probe_raw(section, items, workdir)
    known = {}
    for name, line in items:
        msgs = results.get((name, line), [])
        bad = any(re.search(r"unknown keyword '" + re.escape(name) + "'", t) or
                  re.search(r"'" + re.escape(name) + r"' (?:option|keyword) is not supported|not supported anymore", t)
                  for _, t in msgs)
        known[name] = not bad and (name, line) not in unreached
    return known


def probe_raw(section, items, workdir=None):
    """Runs probe lines (name, line) in one section, with sentinels;
    returns ({(name, line): messages}, set of unreached items)."""
    workdir = workdir or tempfile.mkdtemp(prefix="weir-probe-")
    setup_corpus_files()
    results, unreached = {}, set()
    pending = list(items)
    while pending:
        chunks = [pending[i:i + CHUNK] for i in range(0, len(pending), CHUNK)]
        texts, wheres = [], []
        for n, chunk in enumerate(chunks):
            text, where = build_probe(section, chunk, n)
            texts.append(text)
            wheres.append(where)
        out, names = run_haproxy([PRELUDE] + texts, workdir)
        msgs = parse_messages(out)
        pending = []
        stop = False
        for chunk, where, name in zip(chunks, wheres, names[1:]):
            for lineno, idx in sorted(where.items()):
                item = chunk[idx]
                if stop:
                    pending.append(item)
                    continue
                answered = any(SENTINEL in t for _, t in msgs.get((name, lineno + 1), []))
                results[item] = msgs.get((name, lineno), [])
                if not answered:
                    if not results[item]:
                        unreached.add(item)
                    stop = True
    return results, unreached


# --------------------------------------------------------------------------
# Assembling the keyword rows
# --------------------------------------------------------------------------

# In a ring section HAProxy silently skips every `timeout X` other than
# these two; the others are not listed there.
RING_TIMEOUTS = {"timeout connect", "timeout server"}
# Family words whose unlisted sub-keywords (parameterized actions such as
# `set-var(txn.x)`, Lua-registered actions `lua.<name>`) fall back on a
# row of their own.
FALLBACK_FAMILIES = ["http-request", "http-response", "http-after-response", "tcp-request connection",
                     "tcp-request session", "tcp-request content", "tcp-response content", "http-check",
                     "tcp-check"]


def takes_no_argument(key, results):
    """True when HAProxy refused an extra `1` with 'unexpected argument'."""
    saw = False
    for (k, section), lines in results.items():
        if k != key:
            continue
        for line, msgs in lines:
            if line.endswith(" 1") and any("cannot handle unexpected argument '1'" in t or
                                           "unexpected argument '1'" in t for _, t in msgs):
                saw = True
    return saw


def keyword_sections(results):
    """{key: (sections, ignored)} for every keyword HAProxy 2.6 accepts."""
    cl = classify(results)
    rows = {}
    for key, where in cl.items():
        words = key.split()
        if key in FAMILIES - {"external-check"}:
            continue
        if words[0] in ("tcp-request", "tcp-response") and len(words) == 2 and words[1] in (
                "connection", "session", "content"):
            continue
        if words[0] == "timeout" and "ring" in where and key not in RING_TIMEOUTS:
            where = {s: v for s, v in where.items() if s != "ring"}
        if words[0] in ("http-check", "tcp-check") and words[-1] in ("set-var", "unset-var"):
            continue
        sections = [s for s in SECTIONS if where.get(s) == "valid"]
        ignored = [s for s in SECTIONS if where.get(s) == "ignored"]
        if sections or ignored:
            rows[key] = (sections, ignored)
    # the catch-all rows of the rule families
    for family in FALLBACK_FAMILIES:
        secs, ign = set(), set()
        for key, (s, i) in rows.items():
            if key.startswith(family + " ") and len(key.split()) == len(family.split()) + 1:
                secs |= set(s)
                ign |= set(i)
        rows[family] = ([s for s in SECTIONS if s in secs], [s for s in SECTIONS if s in ign - secs])
    return rows


# --------------------------------------------------------------------------
# Curated: argument signatures and summaries (our own words)
# --------------------------------------------------------------------------
# key <TAB> args <TAB> summary. `-` as args: derive it (empty when HAProxy
# rejects any argument, `*` otherwise).

KEYWORD_DATA = """
accepted_payload_size	<int>	largest DNS response (EDNS0 payload) the resolvers accept, in bytes
acl	<name> *	declares a named condition: a criterion, flags and the values to match
backlog	<atol>	length of the kernel queue of not-yet-accepted connections
balance	[{roundrobin|static-rr|leastconn|first|source|uri|url_param|hdr()|random|random()|rdp-cookie|rdp-cookie()|hash} *]	load-balancing algorithm of the servers, with its parameters
bind	<addr> *	listening address(es) and port(s) of a frontend, followed by bind options
bind-process	*	former process binding; has no effect since 2.5
busy-polling	-	keeps threads spinning on the poller instead of sleeping
ca-base	<file>	directory that relative CA and CRL file names are looked up in
capture cookie	<string> len <int>	logs the value of a request or response cookie
capture request header	<string> len <int>	logs the value of a request header
capture response header	<string> len <int>	logs the value of a response header
chroot	<file>	directory the process jails itself into after start-up
clitcpka-cnt	<int>	number of unanswered TCP keepalive probes before dropping a client
clitcpka-idle	<time:s>	idle time before the first TCP keepalive probe on client connections
clitcpka-intvl	<time:s>	interval between TCP keepalive probes on client connections
close-spread-time	<time|infinite>	window over which idle connections are closed after a soft stop
cluster-secret	<string>	secret shared by cluster nodes (used for QUIC tokens)
command	<string> *	command line that the master process runs for this program
compression algo	<string>...	compression algorithms offered, in order of preference
compression offload	-	strips Accept-Encoding so that only HAProxy compresses
compression type	<string>...	MIME types of the responses to compress
cookie	<name> *	cookie used for server persistence, with its insertion mode
cpu-map	*	pins processes or threads to CPUs
crt-base	<file>	directory that relative certificate file names are looked up in
daemon	-	runs in the background, detached from the terminal
declare capture	{request|response} len <int>	reserves a capture slot filled by capture actions
default-bind	*	default options of the bind line of a peers section
default-path	{current|config|parent|origin} [<file>]	what relative file names in the configuration are relative to
default-server	*	default options for the servers that follow
default_backend	<string>	backend used when no use_backend rule matches
description	*	free text describing the instance or section, shown on the stats page
dgram-bind	<addr> *	UDP address on which a log-forward section receives syslog messages
disabled	-	disables the section (proxy or peers) without removing it
dispatch	<addr>	fixed server address for a backend without servers (legacy)
docroot	<file>	document root passed to the FastCGI application
dynamic-cookie-key	<string>	secret used to build dynamic persistence cookies
email-alert from	<string>	sender address of email alerts
email-alert level	<string>	minimum syslog level of the events that send an email alert
email-alert mailers	<name>	mailers section used to send email alerts
email-alert myhostname	<string>	host name announced to the mail server
email-alert to	<string>	recipient address of email alerts
enabled	-	re-enables a section disabled in its defaults
error-log-format	<string>	log format of connection-level errors (failed handshakes)
errorfile	<int> <file>	serves the content of a file instead of the built-in error page for a status
errorfiles	<name> *	imports error pages from an http-errors section
errorloc	<int> <string>	answers a status with a 302 redirect to a URL
errorloc302	<int> <string>	answers a status with a 302 redirect to a URL
errorloc303	<int> <string>	answers a status with a 303 redirect to a URL
expose-experimental-directives	-	allows keywords marked experimental
external-check	-	allows external checks to run programs
external-check command	<string>	program run by external checks
external-check path	<string>	PATH given to external check programs
fd-hard-limit	<atol>	upper bound on the number of file descriptors HAProxy will try to use
filter	<string> *	attaches a filter (compression, cache, spoe, trace, fcgi-app) to the proxy
force-persist	*	condition under which persistence is kept even on a down server
format	{iso|local|raw|rfc3164|rfc5424|short|priority|timed}	message format of a ring buffer
fullconn	<atol>	backend load at which servers reach their maxconn (dynamic minconn)
gid	<int>	numeric group ID the process switches to
grace	<time>	delay before listeners are closed on a soft stop
group	<name> *	group to run as (global, program), or a user group (userlist)
h1-accept-payload-with-any-method	-	accepts an HTTP/1 body on GET, HEAD and DELETE requests
h1-case-adjust	<string> <string>	rewrites an HTTP/1 header name to a given letter case
h1-case-adjust-file	<file>	file of header names whose HTTP/1 letter case is rewritten
h2-workaround-bogus-websocket-clients	-	hides HTTP/2 WebSocket support from broken clients
hard-stop-after	<time>	deadline after which a stopping process is killed
hash-balance-factor	<int>	load factor limit of consistent hashing, in percent
hash-type	*	hash function and mapping used by hash-based balancing
hold nx	<time>	how long an NXDOMAIN answer is kept
hold obsolete	<time>	how long a vanished DNS record is kept
hold other	<time>	how long other DNS error answers are kept
hold refused	<time>	how long a refused DNS answer is kept
hold timeout	<time>	how long a DNS timeout result is kept
hold valid	<time>	how long a valid DNS answer is kept
http-error	*	defines the response returned for a given status
http-reuse	{never|safe|aggressive|always}	how idle server connections are shared between requests
http-send-name-header	[<string>]	adds a header carrying the chosen server's name
httpclient.resolvers.id	<name>	resolvers section used by the internal HTTP client
httpclient.resolvers.prefer	{ipv4|ipv6}	address family the internal HTTP client prefers
httpclient.ssl.ca-file	<file>	CA file the internal HTTP client verifies servers with
httpclient.ssl.verify	{none|required}	whether the internal HTTP client verifies server certificates
id	<int>	numeric ID of the proxy (stats, SNMP)
ignore-persist	*	condition under which persistence is ignored
index	<string>	script name appended to URIs ending with a slash (FastCGI)
insecure-fork-wanted	-	allows forking processes (Lua, external checks) despite the risk
insecure-setuid-wanted	-	allows setuid programs to be run
issuers-chain-path	<file>	directory of issuer chains completing certificates
load-server-state-from-file	{global|local|none}	where server states are reloaded from at start-up
localpeer	<name>	name of this instance in peers sections
log	*	where and how to send logs (address, facility, level), or "global"
log-format	<string>	format of traffic logs
log-format-sd	<string>	RFC5424 structured-data part of traffic logs
log-send-hostname	[<string>]	adds the host name field to syslog headers
log-stderr	*	where the FastCGI application's stderr messages are logged
log-tag	<string>	tag (program name) written in syslog headers
lua-load	<file> *	loads a Lua script shared by all threads
lua-load-per-thread	<file> *	loads a Lua script into each thread separately
lua-prepend-path	<string> [{path|cpath}]	prepends a search path for Lua modules
mailer	<name> <addr>	SMTP server of a mailers section
master-worker	[no-exit-on-failure]	starts in master-worker mode
max-age	<int>	longest time an object stays cached, in seconds
max-keep-alive-queue	<sint>	queue length above which idle server connections are not reused
max-object-size	<int>	largest object the cache stores, in bytes
max-secondary-entries	<int>	largest number of variants cached for one URL
max-session-srv-conns	<atol>	idle server connections kept per client session
max-spread-checks	*	upper bound on the delay added to spread checks
maxcompcpuusage	<atol:0-100>	CPU usage above which compression is disabled
maxcomprate	<atol>	compression input rate limit, in kB/s
maxconn	<atol>	maximum number of concurrent connections
maxconnrate	<atol>	maximum number of connections accepted per second
maxlen	<int>	longest message stored in a ring
maxpipes	<atol>	maximum number of kernel pipes used for splicing
maxsessrate	<atol>	maximum number of sessions created per second
maxsslconn	<atol>	maximum number of concurrent TLS connections
maxsslrate	<atol>	maximum number of TLS handshakes per second
maxzlibmem	<atol>	memory limit of compression, in MB
mode	{tcp|http}	proxy mode: plain TCP or HTTP analysis
monitor fail	*	condition that makes the monitor URI report a failure
monitor-uri	<string>	URI answered with a health status for external monitors
mworker-max-reloads	<atol>	reloads after which an old worker is killed
nameserver	<name> <addr?> *	DNS server queried by a resolvers section
nbthread	<int>	number of worker threads
no-memory-trimming	-	does not give freed memory back to the system on reload
node	<string>	node name shown on the stats page
noepoll	-	disables the epoll poller
noevports	-	disables the event ports poller
nogetaddrinfo	-	resolves names without getaddrinfo()
nokqueue	-	disables the kqueue poller
nopoll	-	disables the poll poller
noreuseport	-	disables SO_REUSEPORT on listeners
nosplice	-	disables kernel splicing
numa-cpu-mapping	*	binds threads to the CPUs of one NUMA node
option abortonclose	-	drops queued requests whose client has closed
option accept-invalid-http-request	-	lets malformed HTTP requests through
option accept-invalid-http-response	-	lets malformed HTTP responses through
option allbackups	-	uses all backup servers at once when the active ones are down
option checkcache	-	blocks cacheable responses that set a cookie
option clitcpka	-	enables TCP keepalive on client connections
option contstats	-	updates traffic counters continuously, not only at the end
option disable-h2-upgrade	-	refuses HTTP/1 to HTTP/2 upgrades
option dontlog-normal	-	logs only failed or abnormal sessions
option dontlognull	-	does not log connections that sent no data
option external-check	-	checks servers by running an external program
option forwardfor	*	adds the client address in an X-Forwarded-For header
option get-values	-	asks the FastCGI application for its connection limits
option h1-case-adjust-bogus-client	-	rewrites response header names for broken HTTP/1 clients
option h1-case-adjust-bogus-server	-	rewrites request header names for broken HTTP/1 servers
option http-buffer-request	-	waits for the request body before evaluating rules
option http-ignore-probes	-	does not log or report empty connections on HTTP frontends
option http-keep-alive	-	keeps client and server connections open between requests
option http-no-delay	-	sends HTTP data without waiting to coalesce packets
option http-pretend-keepalive	-	tells the server keep-alive while closing the connection
option http-restrict-req-hdr-names	*	what to do with request header names holding unusual characters
option http-server-close	-	closes the server connection after each response, keeps the client one
option http-use-proxy-header	-	reads the Proxy-Connection header like Connection
option httpchk	*	checks servers with an HTTP request (method, URI, version)
option httpclose	-	closes connections after each HTTP exchange
option httplog	[{clf}]	detailed HTTP log format
option httpslog	*	detailed HTTP log format with TLS fields
option idle-close-on-response	-	keeps idle front connections open until a response is sent during a soft stop
option independent-streams	-	tracks read and write inactivity separately
option keep-conn	-	keeps FastCGI connections open between requests
option ldap-check	-	checks servers with an LDAPv3 bind
option log-health-checks	-	logs server health state changes in detail
option log-separate-errors	-	raises the log level of failed sessions
option logasap	-	logs at the start of a session instead of its end
option max-reqs	<int>	largest number of concurrent requests on a FastCGI connection
option mpxs-conns	-	multiplexes requests on FastCGI connections
option mysql-check	*	checks servers with a MySQL handshake
option nolinger	-	drops unsent data at close (SO_LINGER off)
option originalto	*	adds the original destination in an X-Original-To header
option persist	-	keeps sending to a down server when persistence points to it
option pgsql-check	*	checks servers with a PostgreSQL startup message
option prefer-last-server	-	tries the server of the previous request first
option redis-check	-	checks servers with a Redis PING
option redispatch	*	lets a request move to another server when its persistent one fails
option smtpchk	*	checks servers with an SMTP greeting (HELO or EHLO)
option socket-stats	-	keeps statistics per listening socket
option splice-auto	-	lets the kernel splice data when it looks worth it
option splice-request	-	splices client-to-server data in the kernel
option splice-response	-	splices server-to-client data in the kernel
option spop-check	-	checks SPOE agents with a HELLO handshake
option srvtcpka	-	enables TCP keepalive on server connections
option ssl-hello-chk	-	checks servers with an SSLv3 client hello
option start-on-reload	-	restarts the program on each reload
option tcp-check	-	checks servers with tcp-check rules
option tcp-smart-accept	-	delays the accept until data arrives
option tcp-smart-connect	-	sends the first data with the connection's ACK
option tcpka	-	enables TCP keepalive on both sides
option tcplog	-	detailed TCP log format
option transparent	-	connects to the client's original destination
parse-resolv-conf	-	adds the name servers of /etc/resolv.conf
pass-header	<string> *	passes a request header to the FastCGI application as a parameter
path-info	<string>	regex splitting the URI into script name and path info
peer	<name> [<addr>] *	member of a peers section (name and address)
persist	{rdp-cookie|rdp-cookie()}	persistence based on the RDP cookie
pidfile	<file>	file receiving the process IDs
pp2-never-send-local	-	never sends PROXY v2 LOCAL headers on health checks
presetenv	<name> <string>	sets an environment variable unless it is already set
process-vary	{on|off}	whether the cache stores variants according to Vary
profiling.tasks	{auto|on|off}	per-task CPU profiling
quiet	-	prints nothing at start-up
rate-limit sessions	<int>	new sessions accepted per second on a frontend
redirect	*	HTTP redirection rule
resetenv	*	empties the environment except the listed variables
resolve_retries	<int>	queries sent before giving up on a name
retries	<atol>	connection retries to a server before giving up
retry-on	<string>...	failures on which a request is retried
server	<name> [<addr?>] *	server of a backend, peer of a peers section or ring target, followed by server options
server-state-base	<file>	directory of relative server state files
server-state-file	<file>	file from which server states are reloaded
server-state-file-name	*	server state file of this backend
server-template	<name> <string> <addr?> *	declares a numbered set of servers filled from DNS
set-dumpable	-	allows core dumps after changing user
set-param	<string> <string> *	sets a FastCGI parameter
set-var	<string> *	sets a process-wide variable at start-up
set-var-fmt	<string> *	sets a process-wide variable from a format string
setenv	<name> <string>	sets an environment variable
size	<size>	size of the ring buffer
source	*	source address of connections to servers
spread-checks	<atol:0-50>	random spread added to check intervals, in percent
srvtcpka-cnt	<int>	number of unanswered TCP keepalive probes before dropping a server
srvtcpka-idle	<time:s>	idle time before the first TCP keepalive probe on server connections
srvtcpka-intvl	<time:s>	interval between TCP keepalive probes on server connections
ssl-default-bind-ciphers	<string>	default TLS 1.2 cipher list of bind lines
ssl-default-bind-ciphersuites	<string>	default TLS 1.3 cipher suites of bind lines
ssl-default-bind-curves	<string>	default ECDHE curves of bind lines
ssl-default-bind-options	*	default TLS options of bind lines (versions, tickets)
ssl-default-server-ciphers	<string>	default TLS 1.2 cipher list of server lines
ssl-default-server-ciphersuites	<string>	default TLS 1.3 cipher suites of server lines
ssl-default-server-options	*	default TLS options of server lines
ssl-dh-param-file	<file>	file with Diffie-Hellman parameters
ssl-load-extra-del-ext	*	strips the extension of certificate names before looking for companion files
ssl-load-extra-files	*	which companion files (key, ocsp, issuer, sctl) are loaded with a certificate
ssl-mode-async	*	enables asynchronous TLS engine operations
ssl-propquery	<string>	OpenSSL property query for algorithm fetching
ssl-provider	<string>	OpenSSL provider to load
ssl-provider-path	<file>	directory OpenSSL providers are loaded from
ssl-server-verify	{none|required}	default server certificate verification
ssl-skip-self-issued-ca	*	does not send self-signed CAs in the certificate chain
stats admin	*	condition that unlocks the admin actions of the stats page
stats auth	<string>	user:password allowed on the stats page
stats bind-process	*	former process binding of the stats socket; has no effect
stats enable	-	enables the stats page with default settings
stats hide-version	-	hides the HAProxy version on the stats page
stats http-request	*	access rule of the stats page
stats maxconn	<atol>	concurrent connections allowed on the stats socket
stats realm	<string>	authentication realm of the stats page
stats refresh	<time>	auto-refresh interval of the stats page
stats scope	<string>	limits the stats page to some proxies
stats show-desc	*	shows a description on the stats page
stats show-legends	-	shows extra details on the stats page
stats show-modules	-	shows the statistics of extra modules on the stats page
stats show-node	[<string>]	shows the node name on the stats page
stats socket	*	CLI socket (address or path) with its bind options
stats timeout	<time>	idle timeout of the CLI socket
stats uri	<string>	URI prefix that serves the stats page
stick match	*	matches a request against a stick table to pick a server
stick on	*	stick-table key both learned and matched
stick store-request	*	stores a request sample in a stick table
stick store-response	*	stores a response sample in a stick table
stick-table	*	declares the stick table of this proxy (type, size, expire, stored data)
strict-limits	-	refuses to start when a resource limit cannot be set
table	<name> *	stick table shared by a peers section
tcp-request inspect-delay	<time>	longest wait for data before tcp-request content rules run
tcp-response inspect-delay	<time>	longest wait for data before tcp-response content rules run
thread-group	*	binds a thread group to a set of threads
thread-groups	<int>	number of thread groups
timeout check	<time>	extra timeout for a health check once connected
timeout client	<time>	inactivity timeout on the client side
timeout client-fin	<time>	inactivity timeout on a half-closed client connection
timeout connect	<time>	time allowed to establish a server connection
timeout http-keep-alive	<time>	idle time allowed between two HTTP requests
timeout http-request	<time>	time allowed to receive a complete HTTP request header
timeout mail	<time>	time allowed to send an email alert
timeout queue	<time>	longest time a request waits in a queue
timeout resolve	<time>	interval between DNS resolutions
timeout retry	<time>	time before an unanswered DNS query is sent again
timeout server	<time>	inactivity timeout on the server side
timeout server-fin	<time>	inactivity timeout on a half-closed server connection
timeout tarpit	<time>	how long a tarpitted request is held
timeout tunnel	<time>	inactivity timeout of tunnels (WebSocket, CONNECT)
total-max-size	<int>	size of the cache, in MB
transparent	-	connects to the client's original destination (old form of option transparent)
tune.buffers.limit	<atol>	maximum number of buffers allocated
tune.buffers.reserve	<atol>	buffers kept in reserve for critical tasks
tune.bufsize	<atol>	size of a buffer, in bytes
tune.comp.maxlevel	<atol:1-9>	highest compression level
tune.fail-alloc	*	makes a share of memory allocations fail (debugging)
tune.fd.edge-triggered	*	uses edge-triggered polling (experimental)
tune.h2.header-table-size	<int>	HPACK table size of HTTP/2
tune.h2.initial-window-size	<atol>	initial HTTP/2 flow-control window
tune.h2.max-concurrent-streams	<atol>	concurrent HTTP/2 streams per connection
tune.h2.max-frame-size	<int>	largest HTTP/2 frame advertised
tune.http.cookielen	<atol>	longest captured cookie
tune.http.logurilen	<atol>	longest URI kept for logs
tune.http.maxhdr	<atol>	largest number of headers in a message
tune.idle-pool.shared	{on|off}	shares idle server connections between threads
tune.idletimer	<int>	delay after which a splice-capable idle stream stops reading
tune.listener.multi-queue	{on|off}	spreads accepted connections over threads with per-thread queues
tune.lua.forced-yield	<int>	Lua instructions run before a forced yield
tune.lua.maxmem	<int>	memory limit of Lua, in MB
tune.lua.service-timeout	<time>	time limit of a Lua service
tune.lua.session-timeout	<time>	time limit of a Lua action or fetch
tune.lua.task-timeout	<time>	time limit of a Lua task
tune.maxaccept	<sint>	connections accepted at once per listener
tune.maxpollevents	<atol>	events processed per poller call
tune.maxrewrite	<atol>	buffer space reserved for header rewriting
tune.pattern.cache-size	<atol>	entries of the pattern matching cache
tune.peers.max-updates-at-once	<atol>	stick-table updates sent per peers wake-up
tune.pipesize	<atol>	size of the kernel pipes used for splicing
tune.pool-high-fd-ratio	<atol>	share of file descriptors above which idle connections are closed
tune.pool-low-fd-ratio	<atol>	share of file descriptors above which idle connections are not kept
tune.rcvbuf.client	<atol>	kernel receive buffer size on client sockets
tune.rcvbuf.server	<atol>	kernel receive buffer size on server sockets
tune.recv_enough	<atol>	amount of data considered enough to stop reading
tune.runqueue-depth	<atol>	tasks processed per scheduler round
tune.sched.low-latency	{on|off}	favours latency over throughput in the scheduler
tune.sndbuf.client	<atol>	kernel send buffer size on client sockets
tune.sndbuf.server	<atol>	kernel send buffer size on server sockets
tune.ssl.cachesize	<atol>	number of entries of the TLS session cache
tune.ssl.capture-buffer-size	<atol>	bytes of the client hello captured for fetches
tune.ssl.capture-cipherlist-size	<int>	old name of tune.ssl.capture-buffer-size
tune.ssl.default-dh-param	<int>	size of the Diffie-Hellman parameters generated by default
tune.ssl.force-private-cache	-	disables the TLS session cache sharing
tune.ssl.hard-maxrecord	<atol>	hard limit of a TLS record size
tune.ssl.keylog	{on|off}	keeps TLS secrets available for key-log fetches
tune.ssl.lifetime	<time:s>	lifetime of cached TLS sessions
tune.ssl.maxrecord	<atol>	initial TLS record size
tune.ssl.ssl-ctx-cache-size	<atol>	number of generated certificates kept in cache
tune.vars.check-max-size	<int>	memory allowed for check-scoped variables
tune.vars.global-max-size	<int>	memory allowed for all variables
tune.vars.proc-max-size	<int>	memory allowed for process-scoped variables
tune.vars.reqres-max-size	<int>	memory allowed for request/response variables
tune.vars.sess-max-size	<int>	memory allowed for session variables
tune.vars.txn-max-size	<int>	memory allowed for transaction variables
uid	<int>	numeric user ID the process switches to
ulimit-n	<atol>	maximum number of file descriptors per process
unique-id-format	<string>	format of the unique ID of each request
unique-id-header	<string>	header that carries the unique ID to servers
unix-bind	*	default ownership and permissions of UNIX sockets
unsetenv	<name>...	removes environment variables
use-fcgi-app	<name>	FastCGI application used by the backend
use-server	<string> *	server chosen when a condition matches, bypassing balancing
use_backend	<string> *	backend chosen when a condition matches
user	<name> *	user to run as (global, program), or a user with password and groups (userlist)
zero-warning	-	treats any warning as a fatal error
"""

# Rule actions, shared by the rule families: action -> (args, summary).
ACTION_DATA = """
accept	*	stops evaluating rules and accepts
add-acl()	*	adds a key to an ACL file loaded in memory
add-header	<string> *	appends a header
allow	*	stops evaluating rules and lets the message through
auth	*	asks the client to authenticate (401/407)
cache-store	<name> *	stores the response in a cache
cache-use	<name> *	serves the response from a cache
capture	*	captures a sample into a capture slot
close	*	closes the server connection
comment	*	comment shown when the check fails
connect	*	opens a new connection for the health check
del-acl()	*	removes a key from an ACL file loaded in memory
del-header	<string> *	removes a header
del-map()	*	removes a key from a map file loaded in memory
deny	*	rejects with an error status
disable-l7-retry	*	disables layer-7 retries for this request
disable-on-404	-	puts a server in maintenance when it answers 404
do-resolve()	*	resolves a name and stores the address in a variable
early-hint	<string> *	sends a 103 Early Hints header
expect	*	what the health check response must match
expect-netscaler-cip	*	decodes a NetScaler Client IP header
expect-proxy	*	decodes a PROXY protocol header
normalize-uri	*	normalizes the request URI
ot-group	*	runs an OpenTracing group
redirect	*	answers with a redirection
reject	*	closes the connection without a response
replace-header	*	rewrites a header's value with a regex
replace-path	*	rewrites the path with a regex
replace-pathq	*	rewrites the path and query string with a regex
replace-uri	*	rewrites the URI with a regex
replace-value	*	rewrites comma-separated header values with a regex
return	*	answers with a custom response
sc-inc-gpc()	*	increments a general purpose counter of a tracked entry
sc-inc-gpc0()	*	increments counter gpc0 of a tracked entry
sc-inc-gpc1()	*	increments counter gpc1 of a tracked entry
sc-set-gpt()	*	sets a general purpose tag of a tracked entry
sc-set-gpt0()	*	sets tag gpt0 of a tracked entry
send	*	request line, headers and body sent by the health check
send-binary	*	hexadecimal data sent by the health check
send-binary-lf	*	hexadecimal data sent by the health check, from a format string
send-lf	*	data sent by the health check, from a format string
send-spoe-group	*	sends a group of SPOE messages
send-state	-	adds a header with the server state to checks
set-dst	*	changes the destination address
set-dst-port	*	changes the destination port
set-header	<string> *	sets a header, replacing existing ones
set-log-level	*	changes the log level of the stream
set-map()	*	sets a key in a map file loaded in memory
set-mark	*	sets the netfilter mark of the connection
set-method	*	changes the request method
set-nice	*	changes the scheduling priority of the stream
set-path	*	changes the request path
set-pathq	*	changes the request path and query string
set-priority-class	*	changes the queue priority class
set-priority-offset	*	changes the queue priority offset
set-query	*	changes the query string
set-src	*	changes the source address
set-src-port	*	changes the source port
set-status	*	changes the response status
set-timeout	*	changes the server or tunnel timeout of the stream
set-tos	*	sets the TOS/DSCP field of the connection
set-uri	*	changes the request URI
set-var()	*	sets a variable from a sample expression
set-var-fmt()	*	sets a variable from a format string
silent-drop	*	drops the connection without telling the client
strict-mode	{on|off} *	whether failed rewrites are errors
switch-mode	*	upgrades a TCP stream to HTTP
tarpit	*	holds the request then answers with an error
track-sc0	*	tracks a key in stick counter 0
track-sc1	*	tracks a key in stick counter 1
track-sc2	*	tracks a key in stick counter 2
unset-var()	*	removes a variable
use-service	*	hands the stream to a service (Lua or built-in)
wait-for-body	*	waits for the message body before going on
wait-for-handshake	*	waits for the end of the TLS handshake (0-RTT)
"""
FAMILY_LABEL = {
    "http-request": "HTTP request rule", "http-response": "HTTP response rule",
    "http-after-response": "rule on every HTTP response, errors included",
    "tcp-request connection": "TCP rule on a new connection", "tcp-request session": "TCP rule on a new session",
    "tcp-request content": "TCP rule on request content", "tcp-response content": "TCP rule on response content",
    "http-check": "HTTP health check step", "tcp-check": "TCP health check step",
}

BIND_DATA = """
accept-netscaler-cip	<int>	accepts NetScaler Client IP headers with this magic number
accept-proxy	-	requires a PROXY protocol header on each connection
allow-0rtt	-	accepts TLS 1.3 early data
alpn	<string>	ALPN protocols offered, comma-separated
backlog	<atol>	length of the kernel accept queue
ca-file	<file>	CA certificates used to verify client certificates
ca-ignore-err	<string>	CA verification errors to ignore
ca-sign-file	<file>	CA used to sign generated certificates
ca-sign-pass	<string>	passphrase of the signing CA key
ca-verify-file	<file>	CA certificates used only to verify, not sent to clients
ciphers	<string>	TLS 1.2 cipher list
ciphersuites	<string>	TLS 1.3 cipher suites
crl-file	<file>	certificate revocation list
crt	<file>	certificate file or directory
crt-ignore-err	<string>	certificate verification errors to ignore
crt-list	<file>	file listing certificates with per-certificate options
curves	<string>	ECDHE curves offered
defer-accept	-	accepts a connection only once data arrives
ecdhe	<string>	named curve used for ECDHE
expose-fd	<string>	exposes listening sockets on this CLI socket ('listeners')
force-sslv3	-	accepts SSLv3 only
force-tlsv10	-	accepts TLSv1.0 only
force-tlsv11	-	accepts TLSv1.1 only
force-tlsv12	-	accepts TLSv1.2 only
force-tlsv13	-	accepts TLSv1.3 only
generate-certificates	-	generates certificates for unknown SNI names
gid	<int>	group ID of a UNIX socket
group	<name>	group of a UNIX socket
id	<int>	numeric ID of the listening socket
interface	<string>	network interface the socket is bound to
level	{user|operator|admin}	privilege level of a CLI socket
maxconn	<atol>	concurrent connections on this socket
mode	<string>	octal permissions of a UNIX socket
mss	<string>	TCP maximum segment size
name	<string>	name of the listening socket
namespace	<string>	network namespace of the socket
nice	<sint>	scheduling priority of the connections
no-ca-names	-	does not send the CA names in certificate requests
no-sslv3	-	refuses SSLv3
no-tls-tickets	-	disables TLS session tickets
no-tlsv10	-	refuses TLSv1.0
no-tlsv11	-	refuses TLSv1.1
no-tlsv12	-	refuses TLSv1.2
no-tlsv13	-	refuses TLSv1.3
npn	<string>	NPN protocols offered
prefer-client-ciphers	-	follows the client's cipher preference
process	<string>	process or threads the socket belongs to
proto	<string>	forces the multiplexer protocol (h1, h2, ...)
severity-output	{none|number|string}	how a CLI socket prefixes messages with their severity
shards	<string>	number of sockets the bind line is split into
ssl	-	enables TLS on the socket
ssl-max-ver	{SSLv3|TLSv1.0|TLSv1.1|TLSv1.2|TLSv1.3}	highest TLS version accepted
ssl-min-ver	{SSLv3|TLSv1.0|TLSv1.1|TLSv1.2|TLSv1.3}	lowest TLS version accepted
strict-sni	-	refuses handshakes whose SNI matches no certificate
tcp-ut	<time>	TCP user timeout of the connections
tfo	-	enables TCP Fast Open
thread	<string>	threads the socket belongs to
tls-ticket-keys	<file>	file of TLS ticket keys
transparent	-	binds a foreign address (transparent proxy)
uid	<int>	user ID of a UNIX socket
user	<name>	owner of a UNIX socket
v4v6	-	accepts both IPv4 and IPv6 on an IPv6 socket
v6only	-	accepts only IPv6 on an IPv6 socket
verify	{none|optional|required}	client certificate verification
"""

SERVER_DATA = """
addr	<string>	address used for health checks
agent-addr	<string>	address of the agent check
agent-check	-	enables the agent check
agent-inter	<time>	interval of agent checks
agent-port	<atol:0-65535>	TCP port of the agent check
agent-send	<string>	string sent to the agent
allow-0rtt	-	sends TLS 1.3 early data
alpn	<string>	ALPN protocols offered to the server
backup	-	uses the server only when all active ones are down
ca-file	<file>	CA certificates used to verify the server
check	-	enables health checks
check-alpn	<string>	ALPN protocols offered on health checks
check-proto	<string>	multiplexer protocol of health checks
check-send-proxy	-	sends a PROXY header on health checks
check-sni	<string>	SNI sent on TLS health checks
check-ssl	-	uses TLS for health checks
check-via-socks4	-	sends health checks through the SOCKS4 proxy
ciphers	<string>	TLS 1.2 cipher list
ciphersuites	<string>	TLS 1.3 cipher suites
cookie	<string>	persistence cookie value of the server
crl-file	<file>	certificate revocation list
crt	<file>	client certificate presented to the server
disabled	-	starts the server in maintenance
downinter	<time>	check interval while the server is down
enabled	-	starts the server enabled
error-limit	<int>	consecutive errors that trigger on-error
fall	<atol>	failed checks before the server is marked down
fastinter	<time>	check interval while the server changes state
force-sslv3	-	uses SSLv3 only
force-tlsv10	-	uses TLSv1.0 only
force-tlsv11	-	uses TLSv1.1 only
force-tlsv12	-	uses TLSv1.2 only
force-tlsv13	-	uses TLSv1.3 only
id	<atol>	numeric ID of the server
init-addr	<string>	how the address is found at start-up (last, libc, none, IP)
inter	<time>	interval between health checks
log-proto	{legacy|octet-count}	framing of logs sent to a ring server
max-reuse	<sint>	requests sent over one connection before closing it
maxconn	<atol>	concurrent connections sent to the server
maxqueue	<atol>	requests queued for the server
minconn	<atol>	connection limit when the backend is lightly loaded
namespace	<string>	network namespace of the connections
no-agent-check	-	disables an inherited agent check
no-backup	-	cancels an inherited backup flag
no-check	-	disables inherited health checks
no-check-send-proxy	-	cancels an inherited check-send-proxy
no-check-ssl	-	cancels an inherited check-ssl
no-send-proxy	-	cancels an inherited send-proxy
no-send-proxy-v2	-	cancels an inherited send-proxy-v2
no-send-proxy-v2-ssl	-	cancels an inherited send-proxy-v2-ssl
no-send-proxy-v2-ssl-cn	-	cancels an inherited send-proxy-v2-ssl-cn
no-ssl	-	cancels an inherited ssl
no-ssl-reuse	-	does not reuse TLS sessions
no-sslv3	-	refuses SSLv3
no-tfo	-	cancels an inherited tfo
no-tls-tickets	-	disables TLS session tickets
no-tlsv10	-	refuses TLSv1.0
no-tlsv11	-	refuses TLSv1.1
no-tlsv12	-	refuses TLSv1.2
no-tlsv13	-	refuses TLSv1.3
non-stick	-	does not store this server in stick tables
npn	<string>	NPN protocols offered to the server
observe	{none|layer4|layer7}	watches live traffic to detect failures
on-error	{fastinter|fail-check|sudden-death|mark-down}	reaction to errors seen on traffic
on-marked-down	{shutdown-sessions}	action when the server goes down
on-marked-up	{shutdown-backup-sessions}	action when the server comes back
pool-low-conn	<atol>	idle connections kept before reusing them across threads
pool-max-conn	<sint>	idle connections kept for reuse
pool-purge-delay	<time>	interval at which idle connections are closed
port	<atol:0-65535>	TCP port of health checks
proto	<string>	forces the multiplexer protocol (h1, h2, fcgi)
proxy-v2-options	<string>	extra fields of PROXY v2 headers
redir	<string>	prefix of redirections sent instead of proxying
resolve-net	<string>	preferred networks for resolved addresses
resolve-opts	<string>	DNS resolution options
resolve-prefer	{ipv4|ipv6}	preferred address family when resolving
resolvers	<name>	resolvers section used to resolve the server name
rise	<atol>	successful checks before the server is marked up
send-proxy	-	sends a PROXY v1 header
send-proxy-v2	-	sends a PROXY v2 header
send-proxy-v2-ssl	-	sends a PROXY v2 header with TLS details
send-proxy-v2-ssl-cn	-	sends a PROXY v2 header with TLS details and the client CN
slowstart	<time>	ramp-up time after the server comes back
sni	<string>	sample expression giving the SNI sent to the server
socks4	<addr>	SOCKS4 proxy used to reach the server
source	<string> [usesrc <string>] [interface <string>]	source address of connections to the server
ssl	-	uses TLS to the server
ssl-max-ver	{SSLv3|TLSv1.0|TLSv1.1|TLSv1.2|TLSv1.3}	highest TLS version used
ssl-min-ver	{SSLv3|TLSv1.0|TLSv1.1|TLSv1.2|TLSv1.3}	lowest TLS version used
ssl-reuse	-	cancels an inherited no-ssl-reuse
stick	-	cancels an inherited non-stick
tcp-ut	<time>	TCP user timeout of the connections
tfo	-	uses TCP Fast Open
tls-tickets	-	cancels an inherited no-tls-tickets
track	<string>	follows the state of another server ([backend/]server)
usesrc	*	only valid after source
verify	{none|required}	server certificate verification
verifyhost	<string>	host name expected in the server certificate
weight	<atol:0-256>	relative weight in load balancing
ws	{auto|h1|h2}	protocol used for WebSocket streams
"""


def parse_data(text):
    out = {}
    for line in text.strip("\n").split("\n"):
        if not line.strip():
            continue
        key, args, summary = line.split("\t")
        out[key] = (args, summary)
    return out


SECTION_SUMMARIES = {
    "global": "process-wide settings",
    "defaults": "default settings inherited by the proxies that follow (or that name it)",
    "frontend": "proxy that accepts client connections",
    "listen": "proxy that is both a frontend and a backend",
    "backend": "proxy holding the servers that connections are sent to",
    "peers": "instances that synchronize stick tables",
    "userlist": "users and groups for HTTP authentication",
    "resolvers": "DNS servers used to resolve server names at run time",
    "mailers": "SMTP servers used for email alerts",
    "program": "external program started and watched by the master process",
    "http-errors": "named set of error pages",
    "ring": "in-memory ring buffer for logs or traces, optionally forwarded",
    "cache": "small HTTP object cache",
    "fcgi-app": "FastCGI application that backends can use",
    "log-forward": "syslog relay receiving and forwarding log messages",
}


def section_name_rules(workdir=None):
    """section -> required/optional/none. A header HAProxy refuses without a
    name needs one; `global` takes none (HAProxy ignores words after it)."""
    workdir = workdir or tempfile.mkdtemp(prefix="weir-probe-")
    rules = {"global": "none"}
    for section in SECTIONS[1:]:
        out, _ = run_haproxy([f"global\n    master-worker\n{section}\n"], workdir)
        rules[section] = "required" if re.search(r"missing|expects", out) else "optional"
    return rules


def write_tsv(path, header, rows, comment=None):
    rows = sorted(rows, key=lambda r: r[0])
    lines = []
    if comment:
        lines += ["# " + c for c in comment]
    lines.append("\t".join(header))
    for r in rows:
        assert not any("\t" in f or "\n" in f for f in r), r
        lines.append("\t".join(r).rstrip("\t"))
    Path(path).write_text("\n".join(lines) + "\n")


def keyword_rows(results):
    kdata = parse_data(KEYWORD_DATA)
    adata = parse_data(ACTION_DATA)
    rows = []
    for key, (sections, ignored) in keyword_sections(results).items():
        words = key.split()
        family = " ".join(words[:-1])
        if key in kdata:
            args, summary = kdata[key]
        elif family in FAMILY_LABEL and words[-1] in adata:
            args, summary = adata[words[-1]]
            summary = f"{FAMILY_LABEL[family]}: {summary}"
        elif key in FAMILY_LABEL:
            args = "*"
            if key in ("http-check", "tcp-check"):
                summary = (f"{FAMILY_LABEL[key]} with no row of its own: parameterized forms such as "
                           "set-var(check.<name>)")
            else:
                summary = (f"{FAMILY_LABEL[key]} whose action has no row of its own: parameterized "
                           "forms such as set-var(<var>) or sc-inc-gpc0(<n>), and actions registered by Lua")
        else:
            args, summary = "-", key.replace("tune.", "tuning: ").replace(".", " ")
        if args == "-":
            args = "" if takes_no_argument(key, results) else "*"
        rows.append((key, ",".join(sections), args, since(key), summary, ",".join(ignored)))
    # a family row is as old as its oldest action
    vkey = lambda v: tuple(int(x) for x in v.split("."))
    oldest = {}
    for r in rows:
        for family in FAMILY_LABEL:
            if r[0].startswith(family + " ") and len(r[0].split()) == len(family.split()) + 1:
                if family not in oldest or vkey(r[3]) < vkey(oldest[family]):
                    oldest[family] = r[3]
    rows = [(r[0], r[1], r[2], min(r[3], oldest[r[0]], key=vkey) if r[0] in oldest else r[3], r[4], r[5])
            for r in rows]
    return rows


def option_rows(kind):
    data = parse_data(BIND_DATA if kind == "bind" else SERVER_DATA)
    bind, server = option_arity()
    arity = bind if kind == "bind" else server
    known = probe_options(kind, sorted(arity))
    rows = []
    for name in sorted(arity):
        if not known.get(name):
            continue
        args, summary = data.get(name, ("*", name))
        if args == "-":
            args = ""
        rows.append((name, args, option_since(name, kind), summary))
    return rows


def generate(args):
    out = Path(args.out) if args.out else GRAMMAR
    inv = inventory()
    keys = [k for k in candidates()]
    results, unreached = probe(keys=keys, verbose=True)
    if unreached:
        print("never answered:", unreached, file=sys.stderr)
    rules = section_name_rules()
    write_tsv(out / "haproxy-sections.tsv", ["section", "name", "summary"],
              [(s, rules[s], SECTION_SUMMARIES[s]) for s in SECTIONS])
    write_tsv(out / "haproxy-keywords.tsv", ["keyword", "sections", "args", "since", "summary", "ignored"],
              keyword_rows(results))
    write_tsv(out / "haproxy-bind-options.tsv", ["option", "args", "since", "summary"], option_rows("bind"))
    write_tsv(out / "haproxy-server-options.tsv", ["option", "args", "since", "summary"], option_rows("server"))
    write_tsv(out / "haproxy-fetches.tsv", ["fetch", "args", "output", "usage"],
              [(n, a, o, u) for n, a, o, u in inv.fetches])
    write_tsv(out / "haproxy-converters.tsv", ["converter", "args", "input", "output"],
              [(n, a, i, o) for n, a, i, o in inv.converters])
    write_tsv(out / "haproxy-acl-keywords.tsv", ["keyword", "fetch", "match"], inv.acl)
    print(f"wrote tables to {out}", file=sys.stderr)


# --------------------------------------------------------------------------
# The coverage check (mirrors Weir's KeywordValidator and ArgumentMatcher)
# --------------------------------------------------------------------------

def read_table(path):
    lines = [l for l in Path(path).read_text().split("\n") if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for l in lines[1:]:
        f = l.split("\t")
        f += [""] * (len(header) - len(f))
        rows.append(dict(zip(header, f)))
    return header, rows


def parse_signature(text):
    """The signature notation of Grammar/README.md -> nested lists:
    ('value', type, opt) | ('choice', [..]) | ('optional', [..]) | ('repeated', el) | ('rest',)."""
    tokens, cur, depth = [], "", 0
    for ch in text:
        if ch in "<{":
            depth += 1; cur += ch
        elif ch in ">}":
            depth -= 1; cur += ch
        elif ch in "[]" and depth == 0:
            if cur:
                tokens.append(cur); cur = ""
            tokens.append(ch)
        elif ch == " " and depth == 0:
            if cur:
                tokens.append(cur); cur = ""
        else:
            cur += ch
    if cur:
        tokens.append(cur)
    pos = [0]

    def element(t):
        if t == "*":
            return ("rest",)
        if t.startswith("{") and t.endswith("}"):
            return ("choice", t[1:-1].split("|"))
        if not (t.startswith("<") and t.endswith(">")):
            return ("choice", [t])
        label = t[1:-1]
        kind, _, opt = label.partition(":")
        return ("value", kind, opt)

    def seq(closing):
        els = []
        while pos[0] < len(tokens):
            t = tokens[pos[0]]; pos[0] += 1
            if t == closing:
                break
            if t == "[":
                els.append(("optional", seq("]")))
                continue
            if t in ("...", "...]"):
                if els:
                    els.append(("repeated", els.pop()))
                continue
            rep = t.endswith("...")
            if rep:
                t = t[:-3]
            e = element(t)
            els.append(("repeated", e) if rep else e)
        return els

    return seq(None)


UNITS_US = {"us": 1, "ms": 1000, "s": 1000000, "m": 60000000, "h": 3600000000, "d": 86400000000}
INT32_MAX = 2147483647


def check_time(text, unit):
    m = re.match(r"[0-9]*", text)
    digits = m.group(0)
    if not digits:
        return "not a time"
    suffix = text[len(digits):]
    u = UNITS_US.get(suffix or unit)
    if u is None:
        return f"bad time unit '{suffix}'"
    if int(digits) * u // 1000 > INT32_MAX:
        return "time overflow"
    return None


def parse_port(text, allow_range, allow_offset):
    def number(p):
        return int(p) if p and p.isascii() and p.isdigit() and int(p) <= 65535 else None
    if text[:1] in "+-" and text:
        return None if allow_offset and number(text[1:]) is not None else "invalid port"
    bounds = text.split("-")
    if len(bounds) == 2:
        lo, hi = number(bounds[0]), number(bounds[1])
        if lo is None or hi is None or lo > hi:
            return "invalid port"
        return None if allow_range else "port range not allowed"
    return None if number(text) is not None else "invalid port"


def check_address(text, port_required, allow_range, allow_offset):
    if not text:
        return "empty address"
    rest, prefix = text, None
    if "@" in rest:
        name = rest[:rest.index("@")]
        if name in ("unix", "abns", "fd", "sockpair"):
            return None
        if name not in ("ipv4", "ipv6", "udp", "udp4", "udp6", "quic4", "quic6", "tcp", "tcp4", "tcp6",
                        "stream", "dgram"):
            return f"unknown prefix '{name}'"
        prefix, rest = name, rest[rest.index("@") + 1:]
    if prefix is None and rest.startswith("/"):
        return None
    port = None
    if rest.startswith("[") and "]" in rest:
        close = rest.index("]")
        host, after = rest[1:close], rest[close + 1:]
        port = after[1:] if after.startswith(":") else (after or None)
    elif ":" in rest:
        host, port = rest[:rest.rindex(":")], rest[rest.rindex(":") + 1:]
    else:
        host = rest
    if port:
        err = parse_port(port, allow_range, allow_offset)
        if err:
            return err
    elif port_required:
        return "missing port"
    if host in ("", "*"):
        return None
    if ":" in host:
        return None if all(c in "0123456789abcdefABCDEF:.%" or c.isalnum() for c in host) else "invalid host"
    if all(c.isascii() and (c.isdigit() or c == ".") for c in host):
        octets = host.split(".")
        if len(octets) != 4 or not all(o and len(o) <= 3 and int(o) <= 255 for o in octets):
            return "invalid IPv4 address"
        return None
    ok = all(c.isascii() and (c.isalnum() or c in "-._") for c in host)
    return None if ok else "invalid host"


def check_word(el, word):
    if el[0] == "choice":
        if word in el[1]:
            return None
        if any(c.endswith("()") and word.startswith(c[:-1]) and word.endswith(")") for c in el[1]):
            return None
        return f"'{word}' is not one of {el[1]}"
    if el[0] != "value":
        return None
    kind, opt = el[1], el[2]
    if kind == "time":
        return check_time(word, opt or "ms")
    if kind == "int":
        if not re.fullmatch(r"[+-]?[0-9]+", word) or int(word) < 0:
            return f"'{word}' is not a non-negative integer"
        if opt:
            lo, _, hi = opt.partition("-")
            if lo.isdigit() and hi.isdigit() and not int(lo) <= int(word) <= int(hi):
                return f"'{word}' out of range {opt}"
        return None
    if kind == "sint":
        return None if re.fullmatch(r"[+-]?[0-9]+", word) else f"'{word}' is not an integer"
    if kind == "size":
        m = re.match(r"[0-9]*", word)
        return None if m.group(0) and word[len(m.group(0)):].lower() in ("", "k", "m", "g") else f"'{word}' is not a size"
    if kind in ("addr", "addr?"):
        req = kind == "addr"
        for part in word.split(","):
            err = check_address(part, req, req, not req)
            if err:
                return f"{err} in '{part}'"
        return None
    return None


class Matcher:
    def __init__(self):
        self.errors = []

    def accepts(self, el, word):
        if el[0] == "rest":
            return True
        if el[0] == "optional":
            return self.accepts(el[1][0], word) if el[1] else True
        if el[0] == "repeated":
            return self.accepts(el[1], word)
        return check_word(el, word) is None

    def match_el(self, el, words, pos):
        if el[0] == "rest":
            return len(words)
        if el[0] == "optional":
            if pos < len(words) and el[1] and self.accepts(el[1][0], words[pos]):
                for e in el[1]:
                    pos = self.match_el(e, words, pos)
            return pos
        if el[0] == "repeated":
            nxt = self.match_el(el[1], words, pos)
            while nxt < len(words) and self.accepts(el[1], words[nxt]):
                nxt = self.match_el(el[1], words, nxt)
            return nxt
        if pos >= len(words):
            self.errors.append("missing argument")
            return len(words)
        err = check_word(el, words[pos])
        if err:
            self.errors.append(err)
        return pos + 1

    def match(self, sig, words, pos, allow_trailing=False):
        for el in sig:
            pos = self.match_el(el, words, pos)
        if pos < len(words) and not allow_trailing:
            self.errors.append(f"extra argument '{words[pos]}'")
        return pos


def check(args):
    g = Path(args.grammar) if args.grammar else GRAMMAR
    _, krows = read_table(g / "haproxy-keywords.tsv")
    _, srows = read_table(g / "haproxy-sections.tsv")
    _, brows = read_table(g / "haproxy-bind-options.tsv")
    _, orows = read_table(g / "haproxy-server-options.tsv")
    table = {r["keyword"]: r for r in krows}
    sections = {r["section"] for r in srows}
    bind_opts = {r["option"]: parse_signature(r["args"]) for r in brows}
    srv_opts = {r["option"]: parse_signature(r["args"]) for r in orows}
    maxw = max(len(k.split()) for k in table)
    problems = collections.Counter()
    examples = {}
    checked = 0
    files = corpus_files()
    for f in files:
        for st in read_statements(f, sections):
            checked += 1
            words = st.words
            info = None
            for n in range(min(maxw, len(words)), 0, -1):
                info = table.get(" ".join(words[:n]))
                if info:
                    break
            where = f"{Path(st.file).name}:{st.line}"
            if not info:
                key = ("unknown", keyword_of(words), st.section)
                problems[key] += 1
                examples.setdefault(key, where)
                continue
            kw = info["keyword"]
            secs = set(filter(None, info["sections"].split(",")))
            ign = set(filter(None, info.get("ignored", "").split(",")))
            if st.section not in secs | ign:
                key = ("section", kw, st.section)
                problems[key] += 1
                examples.setdefault(key, where)
                continue
            if st.modifier:
                continue
            sig = parse_signature(info["args"])
            m = Matcher()
            n = len(kw.split())
            if kw in ("bind", "server", "default-server", "server-template"):
                positional = sig[:-1] if sig and sig[-1] == ("rest",) else sig
                i = m.match(positional, words, n, allow_trailing=True)
                opts = bind_opts if kw == "bind" else srv_opts
                while i < len(words):
                    osig = opts.get(words[i])
                    if osig is None:
                        m.errors.append(f"unknown {'bind' if kw == 'bind' else 'server'} option '{words[i]}'")
                        i += 1
                        continue
                    i = m.match(osig, words, i + 1, allow_trailing=True)
            else:
                m.match(sig, words, n)
            for err in m.errors:
                key = ("args", kw + " " + info["args"], err)
                problems[key] += 1
                examples.setdefault(key, where)
    for key, count in sorted(problems.items()):
        print(f"{key[0]}: {key[1]} | {key[2]} | {count}x, e.g. {examples[key]}")
    print(f"checked {checked} statements in {len(files)} files: {sum(problems.values())} problems")
    return 1 if problems else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate", help="rebuild the haproxy-*.tsv tables")
    g.add_argument("--out", help="directory to write to (default: Grammar/)")
    c = sub.add_parser("check", help="coverage and signature check against the corpus and article")
    c.add_argument("--grammar", help="directory holding the tables (default: Grammar/)")
    p = sub.add_parser("probe", help="print the sections HAProxy accepts each keyword in")
    p.add_argument("keywords", nargs="*")
    a = ap.parse_args()
    if a.cmd == "generate":
        generate(a)
        return 0
    if a.cmd == "check":
        return check(a)
    if a.cmd == "probe":
        keys = a.keywords or list(candidates())
        results, unreached = probe(keys=keys, verbose=True)
        for key, (secs, ign) in sorted(keyword_sections(results).items()):
            print(f"{key}\t{','.join(secs)}\t{','.join(ign)}")
        return 0


if __name__ == "__main__":
    sys.exit(main())
