import ConfigDiagnostics
import HAProxyConfig

/// An `http-check` or `tcp-check` step, or the options of `option mysql-check` / `option pgsql-check`, that
/// HAProxy 2.6 refuses.
struct CheckStepInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "check-step-invalid", severity: .error, domain: .haproxy,
        summary: "An `http-check` or `tcp-check` step HAProxy does not have, or whose arguments it refuses (a keyword without its value, an unknown option, a bad status or pattern).",
        rationale: """
            Health-check steps have a grammar of their own: `connect` takes `port`, `addr`, `send-proxy`, \
            `via-socks4`, `ssl`, `sni`, `alpn`, `proto`, `linger`, `default` and `comment`; `send` (HTTP) takes \
            `meth`, `uri`, `uri-lf`, `ver`, `hdr <name> <value>`, `body`, `body-lf` and `comment`; the TCP `send*` \
            steps their data and `comment`; `expect` one matching pattern (`string`, `rstring`, `string-lf`, \
            `binary`, `rbinary`, `binary-lf` in TCP; `status`, `rstatus`, `hdr`, `fhdr`, `string`, `rstring`, \
            `string-lf` in HTTP) with `min-recv`, `comment`, `on-success`, `on-error`, `status-code` and the \
            `ok-status` (L4OK, L6OK, L7OK, L7OKC), `error-status` (L4CON, L6RSP, L7RSP, L7STS) and \
            `tout-status` (L4TOUT, L6TOUT, L7TOUT) overrides. HAProxy refuses the configuration on anything \
            else, on a keyword without its value, a port outside 1-65535, a binary pattern that is not hex, \
            a `tcp-check connect` that comes after another step when the first step (not counting `comment`, \
            `set-var` and `unset-var`) is not a `connect`, an `http-check` step out of order once `option \
            httpchk` is set (`send` after `connect`, `expect` after `send` or `expect`, `connect` after \
            `expect`), a `proto` that is not a MUX of the check's kind (`none` for `tcp-check`; `h1`, `h2`, \
            `fcgi` for `http-check`), a second `Host` header in one `send`, a status list of `expect status` \
            that is not numbers and ranges separated by commas, a log-format argument (`-lf`, `hdr` values, `on-success`, `on-error`) \
            HAProxy cannot parse or used with `-m reg`, and on `option mysql-check` or `option pgsql-check` options other than `user <name>` \
            (and `post-41`/`pre-41` for MySQL). Step names are checked for every target version; their \
            arguments as HAProxy 2.6 reads them, so only with the default `--target-version 2.6`.
            """,
        fix: "Write the step as the manual's `http-check`/`tcp-check` section lists it.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    default_backend app
                backend app
                    option httpchk
                    http-check send meth GET ↓url /health
                    http-check expect ↓stat 200
                    http-check expect status 200 ok-status ↓L7FINE
                    server a 127.0.0.1:9000 check
                backend db
                    option tcp-check
                    tcp-check ↓sendd PING
                    tcp-check send-binary ↓zz
                    ↓tcp-check connect port ↓70000
                    server b 127.0.0.1:6379 check
                backend web-checks
                    option httpchk
                    http-check send hdr Host a hdr ↓host b
                    http-check expect status ↓500-400
                    http-check expect status ↓200;300
                    http-check expect string-lf ↓%[src
                    http-check expect hdr name-lf -m ↓reg x-a
                    ↓http-check send meth GET
                    server c 127.0.0.1:9002 check
                backend tcp-checks
                    option tcp-check
                    tcp-check connect proto ↓h2
                    tcp-check send-lf ↓%[src
                    server d 127.0.0.1:9003 check

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    default_backend app
                backend app
                    option httpchk
                    http-check connect port 8081 sni example.com alpn h2,http/1.1
                    http-check send meth GET uri /health ver HTTP/1.1 hdr Host example.com
                    http-check expect status 200-399 comment "healthy"
                    http-check expect ! string error
                    http-check expect !rstring ^5
                    server a 127.0.0.1:9000 check
                backend db
                    option tcp-check
                    tcp-check comment "ping the server"
                    tcp-check connect port 6379
                    tcp-check send-binary 50494e470d0a
                    tcp-check expect min-recv 5 string +PONG tout-status L7TOUT
                    server b 127.0.0.1:6379 check

                """),
        ])

    /// The options of `connect`, and whether each takes a value.
    static let connectOptions: [String: Bool] = [
        "comment": true, "port": true, "addr": true, "send-proxy": false, "via-socks4": false, "ssl": false,
        "sni": true, "alpn": true, "proto": true, "linger": false, "default": false,
    ]
    /// The options of `http-check send` that take a value.
    static let httpSendOptions: Set<String> = ["comment", "meth", "uri", "uri-lf", "ver", "body", "body-lf"]
    /// The patterns of `expect`, by family.
    static let tcpPatterns: Set<String> = ["string", "rstring", "string-lf", "binary", "rbinary", "binary-lf"]
    static let httpPatterns: Set<String> = ["status", "rstatus", "hdr", "fhdr", "string", "rstring", "string-lf"]
    /// The status overrides of `expect` and the values each takes.
    static let statusOverrides: [String: [String]] = [
        "ok-status": ["L4OK", "L6OK", "L7OK", "L7OKC"], "error-status": ["L4CON", "L6RSP", "L7RSP", "L7STS"],
        "tout-status": ["L4TOUT", "L6TOUT", "L7TOUT"],
    ]
    /// The steps that may precede the first `connect`.
    static let preConnectSteps: Set<String> = ["comment", "set-var", "set-var-fmt", "unset-var"]

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let checksArguments = context.environment.targetVersion == .standard
        for proxy in context.allProxies {
            var tcpSteps: [String] = []
            var httpOrder = HTTPStepOrder()
            for line in proxy.directives {
                if line.keyword == "option httpchk" { httpOrder.implicitSend() }
                guard line.keyword.hasPrefix("http-check") || line.keyword.hasPrefix("tcp-check")
                        || line.keyword == "option mysql-check" || line.keyword == "option pgsql-check" else { continue }
                let words = line.keyword.split(separator: " ").map(String.init) + line.arguments
                guard let family = words.first, family == "http-check" || family == "tcp-check"
                        || line.keyword == "option mysql-check" || line.keyword == "option pgsql-check" else { continue }
                let ranges = Array(repeating: line.range, count: words.count - line.arguments.count) + line.argumentRanges
                let step = Step(words: words, ranges: ranges, line: line.range)
                if line.keyword.hasPrefix("option ") {
                    if checksArguments { checkDatabaseOption(step, mysql: line.keyword.hasSuffix("mysql-check"), &findings) }
                    continue
                }
                guard words.count >= 2 else { continue }
                let name = String(words[1].prefix { $0 != "(" })
                guard let kind = KeywordVersions.Kind(rawValue: family) else { continue }
                if KeywordVersions.standard.span(of: name, kind) == nil {
                    findings.report(Self.unknownStep(family, words[1]), at: step.ranges[1])
                    continue
                }
                guard checksArguments else { continue }
                if family == "tcp-check" {
                    if name == "connect", let first = tcpSteps.first(where: { !Self.preConnectSteps.contains($0) }), first != "connect" {
                        findings.report("first step MUST also be a 'connect', optionally preceded by a 'set-var', an 'unset-var' "
                                        + "or a 'comment', when there is a 'connect' step in the tcp-check ruleset", at: line.range)
                    }
                    tcpSteps.append(name)
                } else if let problem = httpOrder.add(name) {
                    findings.report(problem, at: line.range)
                }
                switch name {
                case "comment" where words.count < 3: findings.report("'\(family) comment' expects a string as argument", at: step.ranges[1])
                case "connect": checkConnect(step, &findings)
                case "send" where family == "http-check": checkHTTPSend(step, &findings)
                case "send", "send-lf", "send-binary", "send-binary-lf": checkTCPSend(step, &findings)
                case "expect": checkExpect(step, http: family == "http-check", &findings)
                default: break
                }
            }
        }
    }

    /// The words of a check line (its keyword split, then its arguments) and where each is.
    struct Step {
        let words: [String]
        let ranges: [SourceRange]
        let line: SourceRange

        /// The value after the keyword at `index`, or nil at the end of the line.
        func value(after index: Int) -> String? { index + 1 < words.count ? words[index + 1] : nil }
    }

    /// The order HAProxy requires between `http-check connect`, `send` and `expect` steps (tcpcheck_add_http_rule):
    /// a `send` follows a `connect`, an `expect` a `send` or an `expect`, a `connect` an `expect`. HAProxy checks
    /// it only once `option httpchk` is set (its implicit send may precede anything); `comment`, `set-var` and
    /// `unset-var` steps do not count. An `option httpchk` inherited from `defaults` is not followed here.
    struct HTTPStepOrder {
        private var previous: String?
        private var count = 0
        private var judged = false

        /// `option httpchk` turns the check on and adds a send step that any explicit step may follow.
        mutating func implicitSend() {
            judged = true
            if previous == nil { previous = "implicit" }
        }

        /// Adds a step; returns HAProxy's message when it refuses it there.
        mutating func add(_ step: String) -> String? {
            guard ["connect", "send", "expect"].contains(step) else { return nil }
            count += 1
            defer { previous = step }
            guard judged, let previous, previous != "implicit" else { return nil }
            if step == "send", previous != "connect" {
                return "unable to add http-check send rule at step \(count) (missing connect rule)."
            }
            if step == "expect", previous != "send", previous != "expect" {
                return "unable to add http-check expect rule at step \(count) (missing send rule)."
            }
            if step == "connect", previous != "expect" {
                return "unable to add http-check connect rule at step \(count) (missing expect rule)."
            }
            return nil
        }
    }

    static func unknownStep(_ family: String, _ word: String) -> String {
        family == "http-check"
            ? "'http-check' only supports 'disable-on-404', 'send-state', 'comment', 'connect', 'send', 'expect', 'set-var', 'set-var-fmt' and 'unset-var', but got '\(word)'"
            : "'tcp-check' only supports 'comment', 'connect', 'send', 'send-lf', 'send-binary', 'send-binary-lf', 'expect', 'set-var', 'set-var-fmt' and 'unset-var', but got '\(word)'"
    }

    private func checkConnect(_ step: Step, _ findings: inout Findings) {
        var index = 2
        while index < step.words.count {
            let word = step.words[index]
            guard let takesValue = Self.connectOptions[word] else {
                findings.report("expects 'comment', 'port', 'addr', 'send-proxy', 'ssl', 'sni', 'alpn' or 'via-socks4', "
                                + "'linger', 'default' but got '\(word)' as argument", at: step.ranges[index])
                return
            }
            guard takesValue else { index += 1; continue }
            guard let value = step.value(after: index) else {
                let what = switch word {
                case "port": "a port number or a sample expression"
                case "addr": "<ipv4|ipv6>"
                case "proto": "a MUX protocol"
                default: "a string"
                }
                findings.report("'\(word)' expects \(what) as argument", at: step.ranges[index])
                return
            }
            if word == "proto", let problem = Self.muxProblem(value, family: step.words[0]) {
                findings.report(problem, at: step.ranges[index + 1])
                return
            }
            if word == "port", let port = Int(value), !(1...65535).contains(port) {
                findings.report("expects a valid TCP port (from range 1 to 65535) or a sample expression, got \(value)",
                                at: step.ranges[index + 1])
                return
            }
            index += 2
        }
    }

    private func checkHTTPSend(_ step: Step, _ findings: inout Findings) {
        var index = 2
        var host: String?
        while index < step.words.count {
            let word = step.words[index]
            if word == "hdr" {
                guard index + 2 < step.words.count else {
                    findings.report("'hdr' expects <name> and <value> as arguments", at: step.ranges[index])
                    return
                }
                if step.words[index + 1].lowercased() == "host" {
                    if let previous = host {
                        findings.report("'host' header already defined (previous value is '\(previous)')",
                                        at: step.ranges[index + 1])
                        return
                    }
                    host = step.words[index + 2]
                }
                if let problem = Self.logFormatProblem(step.words[index + 2]) {
                    findings.report("'hdr' invalid log-format string (\(problem))", at: step.ranges[index + 2])
                    return
                }
                index += 3
            } else if Self.httpSendOptions.contains(word) {
                guard let value = step.value(after: index) else {
                    findings.report("'\(word)' expects a string as argument", at: step.ranges[index])
                    return
                }
                if word.hasSuffix("-lf"), let problem = Self.logFormatProblem(value) {
                    findings.report("'\(word)' invalid log-format string (\(problem))", at: step.ranges[index + 1])
                    return
                }
                index += 2
            } else {
                findings.report("expects 'comment', 'meth', 'uri', 'uri-lf', 'ver', 'hdr', 'body' or 'body-lf' but got "
                                + "'\(word)' as argument", at: step.ranges[index])
                return
            }
        }
    }

    private func checkTCPSend(_ step: Step, _ findings: inout Findings) {
        let name = step.words[1]
        guard step.words.count >= 3 else {
            findings.report("'\(name)' expects a \(name.hasPrefix("send-binary") ? "binary string" : "string") as argument",
                            at: step.ranges[1])
            return
        }
        if name == "send-binary", !Self.isHex(step.words[2]) {
            findings.report("'\(name)' invalid binary string (\(step.words[2]))", at: step.ranges[2])
            return
        }
        if name.hasSuffix("-lf"), let problem = Self.logFormatProblem(step.words[2]) {
            findings.report("'\(name)' invalid log-format string (\(problem))", at: step.ranges[2])
            return
        }
        var index = 3
        while index < step.words.count {
            guard step.words[index] == "comment" else {
                findings.report("expects 'comment' but got '\(step.words[index])' as argument", at: step.ranges[index])
                return
            }
            guard step.value(after: index) != nil else {
                findings.report("'comment' expects a string as argument", at: step.ranges[index])
                return
            }
            index += 2
        }
    }

    private func checkExpect(_ step: Step, http: Bool, _ findings: inout Findings) {
        guard step.words.count > 2 else {
            findings.report("expects at least a matching pattern as arguments", at: step.ranges[1])
            return
        }
        let patterns = http ? Self.httpPatterns : Self.tcpPatterns
        var index = 2, pattern: String?
        while index < step.words.count {
            var word = step.words[index]
            // `!` negates the next word, alone or glued to it (`!string`); only a pattern can be negated.
            var negated = false
            while word.hasPrefix("!") {
                negated = true
                word.removeFirst()
                if word.isEmpty {
                    index += 1
                    guard index < step.words.count else { break }
                    word = step.words[index]
                }
            }
            if word.isEmpty { break }
            if patterns.contains(word) {
                guard pattern == nil else {
                    findings.report("only on pattern expected", at: step.ranges[index])
                    return
                }
                pattern = word
                guard let value = step.value(after: index) else {
                    findings.report("'\(word)' expects a <pattern> as argument", at: step.ranges[index])
                    return
                }
                if word == "hdr" || word == "fhdr" {
                    guard value == "name" || value == "name-lf" else {
                        findings.report("'\(word)' expects at the name keyword as first argument followed by a pattern",
                                        at: step.ranges[index])
                        return
                    }
                    guard let end = headerMatchEnd(step, from: index + 1, &findings) else { return }
                    index = end
                    continue
                }
                if word == "binary", !Self.isHex(value) {
                    findings.report("invalid binary string (\(value))", at: step.ranges[index + 1])
                    return
                }
                if word == "status", http, let problem = Self.statusListProblem(value) {
                    findings.report(problem, at: step.ranges[index + 1])
                    return
                }
                if word.hasSuffix("-lf"), let problem = Self.logFormatProblem(value) {
                    findings.report("'\(word)' invalid log-format string (\(problem))", at: step.ranges[index + 1])
                    return
                }
                index += 2
                continue
            }
            guard ["min-recv", "comment", "on-success", "on-error", "status-code"].contains(word)
                    || Self.statusOverrides[word] != nil else {
                let list = http
                    ? "min-recv, [!]string', '[!]rstring', '[!]string-lf', '[!]status', '[!]rstatus', [!]hdr, [!]fhdr or comment"
                    : "min-recv, '[!]binary', '[!]string', '[!]rstring', '[!]string-lf''[!]rbinary', '[!]binary-lf' or comment"
                findings.report("'\(step.words[0]) expect' only supports \(list) but got '\(word)' as argument", at: step.ranges[index])
                return
            }
            if negated {
                findings.report("[!] not supported with '\(word)'", at: step.ranges[index])
                return
            }
            guard let value = step.value(after: index) else {
                let what = word == "min-recv" ? "a integer" : word == "status-code" ? "an expression" : "a string"
                findings.report("'\(word)' expects \(what) as argument", at: step.ranges[index])
                return
            }
            if word == "min-recv", Int(value).map({ $0 < -1 }) ?? true {
                findings.report("'min-recv' expects -1 or an integer from 0 to INT_MAX", at: step.ranges[index + 1])
                return
            }
            if word == "on-success" || word == "on-error", let problem = Self.logFormatProblem(value) {
                findings.report("'\(value)' invalid log-format string (\(problem))", at: step.ranges[index + 1])
                return
            }
            if let allowed = Self.statusOverrides[word], !allowed.contains(value) {
                findings.report("'\(word)' only supports \(Self.quotedList(allowed)) status (got '\(value)')",
                                at: step.ranges[index + 1])
                return
            }
            index += 2
        }
        if pattern == nil { findings.report("pattern not found", at: step.ranges[1]) }
    }

    /// Reads `name [-m <method>] <pattern> [value [-m <method>] <pattern>]` from `start` (the `name` keyword);
    /// returns where the next argument starts, or nil after reporting a mistake.
    private func headerMatchEnd(_ step: Step, from start: Int, _ findings: inout Findings) -> Int? {
        let header = step.words[start - 1]
        var index = start
        for part in [["name", "name-lf"], ["value", "value-lf"]] {
            guard index < step.words.count, part.contains(step.words[index]) else { return index }
            guard index + 1 < step.words.count else {
                findings.report(part[0] == "value" ? "'\(header)' expect a pattern with the value keyword"
                                    : "'\(header)' expects at the name keyword as first argument followed by a pattern",
                                at: step.ranges[index])
                return nil
            }
            let logFormat = step.words[index].hasSuffix("-lf")
            index += 1
            if logFormat, step.words[index] == "-m", step.value(after: index) == "reg" {
                findings.report("'\(header)': log-format string is not supported with a regex matching method",
                                at: step.ranges[index + 1])
                return nil
            }
            if step.words[index] == "-m" {
                guard let method = step.value(after: index) else {
                    findings.report("'\(header)' : '-m' expects at a matching pattern ('str', 'beg', 'end', 'sub' or 'reg')",
                                    at: step.ranges[index])
                    return nil
                }
                guard ["str", "beg", "end", "sub", "reg"].contains(method) else {
                    findings.report("'\(header)' : '-m' only supports 'str', 'beg', 'end', 'sub' or 'reg' (got '\(method)')",
                                    at: step.ranges[index + 1])
                    return nil
                }
                index += 2
            }
            if logFormat, index < step.words.count, let problem = Self.logFormatProblem(step.words[index]) {
                findings.report("'\(header)' invalid log-format string (\(problem))", at: step.ranges[index])
                return nil
            }
            index += 1
        }
        return index
    }

    /// Why HAProxy refuses the MUX protocol of a `connect` step (`get_mux_proto`), or nil: `none` is the only TCP
    /// one, `h1`, `h2` and `fcgi` are HTTP ones.
    static func muxProblem(_ name: String, family: String) -> String? {
        let http: Set<String> = ["h1", "h2", "fcgi"]
        guard name == "none" || http.contains(name) else { return "'proto' : unknown MUX protocol '\(name)'." }
        if family == "tcp-check", http.contains(name) { return "'proto' : invalid MUX protocol '\(name)' for tcp-check" }
        if family == "http-check", name == "none" { return "'proto' : invalid MUX protocol '\(name)' for http-check" }
        return nil
    }

    /// Why HAProxy refuses the status list of `http-check expect status` (`200`, `200-399`, `200,301-302`), or nil.
    static func statusListProblem(_ list: String) -> String? {
        var rest = Substring(list)
        func number() -> Int {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            rest = rest.dropFirst(digits.count)
            return Int(digits.prefix(9)) ?? 0
        }
        while true {
            let low = number()
            var high = low
            if rest.first == "-" {
                rest = rest.dropFirst()
                high = number()
            }
            if low > high { return "invalid range of status codes '\(list)'" }
            guard let next = rest.first else { return nil }
            guard next == "," else { return "invalid character '\(next)' in the list of status codes" }
            rest = rest.dropFirst()
        }
    }

    /// The parse error of a log-format argument, or nil.
    static func logFormatProblem(_ text: String) -> String? {
        if case .failure(let failure) = LogFormatString.parse(text) { return failure.message }
        return nil
    }

    private func checkDatabaseOption(_ step: Step, mysql: Bool, _ findings: inout Findings) {
        let option = "option \(mysql ? "mysql-check" : "pgsql-check")"
        let words = Array(step.words.dropFirst(2))
        guard let first = words.first else { return }
        if !mysql, words.count < 2 {
            findings.report("'\(option)' expects 'user <username>' as argument", at: step.ranges[2])
            return
        }
        guard first == "user" else {
            findings.report("'\(option)' only supports optional values: 'user'", at: step.ranges[2])
            return
        }
        guard words.count >= 2 else {
            findings.report("'\(option) user' expects <username> as argument", at: step.ranges[2])
            return
        }
        if mysql, words.count >= 3, words[2] != "post-41", words[2] != "pre-41" {
            findings.report("keyword '\(words[2])' only supports 'post-41' and 'pre-41'", at: step.ranges[4])
        }
    }

    static func quotedList(_ values: [String]) -> String {
        let quoted = values.map { "'\($0)'" }
        return quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
    }

    /// An even number of hexadecimal digits.
    static func isHex(_ text: String) -> Bool {
        !text.isEmpty && text.count.isMultiple(of: 2) && text.allSatisfy(\.isHexDigit)
    }
}
