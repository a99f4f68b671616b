import ConfigDiagnostics
import HAProxyConfig

/// An `http-request`, `http-response`, `http-after-response`, `tcp-request` or `tcp-response` rule whose action
/// no HAProxy version has, or whose arguments HAProxy 2.6 refuses.
struct RuleActionInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "rule-action-invalid", severity: .error, domain: .haproxy,
        summary: "A rule's action is unknown, or its arguments are not the ones HAProxy takes (a word too many, one missing, a value it refuses).",
        rationale: """
            HAProxy reads a rule as its action, the action's arguments, then optionally `if` or `unless` and a \
            condition; anything else refuses the configuration: an action no version has (`http-request foo`), a \
            word left over after the arguments (`http-request set-header X-A b c`: "expects either 'if' or \
            'unless' followed by a condition but found 'c'"), an argument missing (`add-header` takes a name and a \
            value), or a value the action refuses: `set-timeout` takes `server` or `tunnel` and a non-zero time (or a sample expression), \
            and only in a section with a backend (not a `frontend`), `track-sc` counters go from 0 to 2, \
            `set-mark` and `set-tos` an integer or hex value, `capture` an expression with `len` (or `id` in \
            HTTP), `wait-for-body` `time <time> [at-least <bytes>]`, `del-header` a `-m` method among `str`, `beg`, `end`, `sub` and `reg`, `expect-proxy` only `layer4` and only in \
            `tcp-request connection` rules, where `capture` is not allowed. Action names are checked for every \
            target version (a name some version has is keyword-version's business); the arguments as HAProxy \
            2.6 reads them, so only with the default `--target-version 2.6`. Actions registered by Lua \
            (`lua.*`) and those with a free-form syntax (`deny`, `return`, `redirect`, `use-service`, \
            `switch-mode`) are left out here (`return` is http-reply-invalid's, `redirect` http-request-invalid's).
            """,
        fix: "Give the action the arguments its documentation lists, and start the condition with `if` or `unless`.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    http-request ↓set-headr X-A b
                    http-request set-header X-A b ↓c
                    http-request ↓add-header X-B
                    http-request capture req.hdr(host) len ↓0
                    tcp-request connection ↓capture src len 10
                    tcp-request content accept ↓foo
                    http-request ↓set-timeout server 5s
                    http-request ↓track-sc5 src
                    default_backend app
                backend app
                    http-request set-timeout ↓client 5s
                    server a 127.0.0.1:9000

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
                    tcp-request inspect-delay 5s
                    tcp-request connection expect-proxy layer4 if { src 10.0.0.0/8 }
                    tcp-request content capture req.payload(0,8) len 8
                    http-request set-header X-A b if { path /a }
                    http-request add-header X-B %[src]
                    http-request set-mark 0x10
                    http-request capture req.hdr(host) len 32
                    http-request wait-for-body time 1s at-least 1k
                    http-request track-sc0 src table app
                    http-response set-status 503 reason "Try later" if { status 500 }
                    http-request deny deny_status 403 if { path /admin }
                    default_backend app
                backend app
                    stick-table type ip size 1k
                    http-request set-timeout server 5s
                    server a 127.0.0.1:9000

                """),
        ])

    /// How many words an action takes before its `if`/`unless`, as HAProxy 2.6 reads them.
    struct Arity {
        let minimum: Int
        let maximum: Int
    }

    /// The actions that name a variable in parentheses.
    static let variableActions: Set<String> = ["set-var", "set-var-fmt", "unset-var"]

    /// The actions of the HTTP rules with a fixed number of words.
    static let httpArities: [String: Arity] = {
        var table: [String: Arity] = [:]
        for (names, minimum, maximum) in [
            (["allow", "reject", "disable-l7-retry", "wait-for-handshake", "silent-drop", "unset-var", "sc-inc-gpc",
              "sc-inc-gpc0", "sc-inc-gpc1"], 0, 0),
            (["set-method", "set-path", "set-pathq", "set-query", "set-uri", "set-src", "set-dst", "set-src-port",
              "set-dst-port", "set-log-level", "set-nice", "set-priority-class", "set-priority-offset", "set-mark",
              "set-tos", "strict-mode", "cache-use", "cache-store", "add-acl", "del-acl", "del-map", "set-var",
              "set-var-fmt", "sc-set-gpt", "sc-set-gpt0"], 1, 1),
            (["add-header", "set-header", "replace-uri", "replace-path", "replace-pathq", "set-timeout", "set-map",
              "early-hint"], 2, 2),
            (["replace-header", "replace-value", "capture"], 3, 3),
            (["auth"], 0, 2),
            (["del-header"], 1, 3),
            (["track-sc"], 1, 3),
        ] as [([String], Int, Int)] {
            for name in names { table[name] = Arity(minimum: minimum, maximum: maximum) }
        }
        return table
    }()

    /// The actions of the TCP rules with a fixed number of words.
    static let tcpArities: [String: Arity] = {
        var table: [String: Arity] = [:]
        for (names, minimum, maximum) in [
            (["accept", "reject", "close", "silent-drop", "unset-var", "sc-inc-gpc", "sc-inc-gpc0", "sc-inc-gpc1"], 0, 0),
            (["expect-proxy", "expect-netscaler-cip", "set-var", "set-var-fmt", "sc-set-gpt", "sc-set-gpt0", "set-src",
              "set-dst", "set-src-port", "set-dst-port", "set-mark", "set-tos", "set-log-level", "set-nice",
              "set-priority-class", "set-priority-offset", "do-resolve"], 1, 1),
            (["capture"], 3, 3),
            (["track-sc"], 1, 3),
        ] as [([String], Int, Int)] {
            for name in names { table[name] = Arity(minimum: minimum, maximum: maximum) }
        }
        return table
    }()

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let versions = KeywordVersions.standard
        let checksArguments = context.environment.targetVersion == .standard
        for proxy in context.allProxies {
            for rule in proxy.rules where !rule.action.isEmpty && rule.hook != "tcp-request inspect-delay" {
                guard let family = Self.family(rule.hook) else { continue }
                let name = Self.registeredName(rule.action)
                guard !SampleKeywords.isDynamic(name) else { continue }
                if versions.span(of: name, family) == nil, versions.span(of: Self.unnumbered(name), family) == nil {
                    findings.report("'\(rule.hook)' has no action '\(rule.action)' in any HAProxy version", at: rule.actionRange)
                    continue
                }
                if Self.variableActions.contains(name), !rule.action.hasSuffix(")") {
                    findings.report(rule.action.contains("(")
                                        ? "incomplete argument after action '\(rule.action)'; expects '\(name)(<var-name>)'"
                                        : "invalid or incomplete action '\(rule.action)'; expects '\(name)(<var-name>)'",
                                    at: rule.actionRange)
                    continue
                }
                guard checksArguments else { continue }
                if name == "set-timeout", proxy.kind == .frontend {
                    // parse_http_set_timeout: the timeouts it sets are a backend's.
                    findings.report("'\(rule.hook) set-timeout': proxy '\(proxy.name ?? "")' has no backend capability",
                                    at: rule.actionRange)
                    continue
                }
                if name.hasPrefix("track-sc"), let counter = Int(name.dropFirst("track-sc".count)), counter > 2 {
                    findings.report("\(counter) track-sc number exceeding 2 (MAX_SESS_STKCTR-1) value", at: rule.actionRange)
                    continue
                }
                if family == .tcpRequest || family == .tcpResponse {
                    checkTCP(rule, name: Self.unnumbered(name), &findings)
                } else {
                    checkHTTP(rule, name: Self.unnumbered(name), &findings)
                }
            }
        }
    }

    /// The version table's family of a rule hook.
    static func family(_ hook: String) -> KeywordVersions.Kind? {
        if hook.hasPrefix("tcp-request ") { return .tcpRequest }
        if hook.hasPrefix("tcp-response ") { return .tcpResponse }
        return KeywordVersions.Kind(rawValue: hook)
    }

    /// `set-var(txn.x)` is registered as `set-var`.
    static func registeredName(_ action: String) -> String { String(action.prefix { $0 != "(" }) }

    /// `track-sc0` is registered as `track-sc`.
    static func unnumbered(_ name: String) -> String {
        let stripped = String(name.reversed().drop(while: \.isNumber).reversed())
        return stripped == "sc-inc-gpc" || stripped == "sc-set-gpt" ? name : stripped
    }

    private func checkHTTP(_ rule: ActionRule, name: String, _ findings: inout Findings) {
        let words = rule.arguments
        let label = "'\(rule.hook) \(rule.action)'"
        var maximum: Int
        switch name {
        case "set-status":
            guard !words.isEmpty else {
                findings.report("\(label) expects 1 argument: <status>; or 3 arguments: <status> reason <fmt>", at: rule.actionRange)
                return
            }
            guard let status = Int(words[0]), (100...999).contains(status) else {
                findings.report("\(label) expects an integer status code between 100 and 999", at: rule.argumentRanges[0])
                return
            }
            maximum = words.count >= 3 && words[1] == "reason" ? 3 : 1
        case "wait-for-body":
            guard words.first == "time", words.count >= 2 else {
                findings.report("\(label) expects time <time> [ at-least <bytes> ]", at: rule.actionRange)
                return
            }
            if let problem = Self.timeProblem(words[1], zeroAllowed: true) {
                findings.report("\(label): \(problem) in '\(words[1])'", at: rule.argumentRanges[1])
                return
            }
            if words.count == 3, words[2] == "at-least" {
                findings.report("\(label): missing argument for 'at-least'", at: rule.argumentRanges[2])
                return
            }
            maximum = words.count >= 3 && words[2] == "at-least" ? 4 : 2
        default:
            guard let arity = Self.httpArities[name] else { return }
            if words.count < arity.minimum, !(words.isEmpty && name != "capture") {
                findings.report(Self.tooFew(label, name: name, arity, hook: rule.hook), at: rule.actionRange)
                return
            }
            maximum = arity.maximum
            if name == "auth", let first = words.first {
                guard first == "realm" else { return report(extra: 0, rule, label: label, http: true, &findings) }
                if words.count == 1 { return findings.report("\(label): missing realm value", at: rule.argumentRanges[0]) }
            }
            if name == "del-header", words.count >= 3, words[1] == "-m", !["str", "beg", "end", "sub", "reg"].contains(words[2]) {
                return findings.report("\(label): -m with unsupported matching method '\(words[2])'", at: rule.argumentRanges[2])
            }
            if name == "track-sc", words.count >= 2, words[1] != "table" { maximum = 1 }
            if name == "track-sc", words.count == 2 { return }  // `table` without its name: stick-table-missing
            guard checkValues(name, rule, label: label, &findings) else { return }
        }
        if words.count > maximum { report(extra: maximum, rule, label: label, http: true, &findings) }
    }

    private func checkTCP(_ rule: ActionRule, name: String, _ findings: inout Findings) {
        guard let arity = Self.tcpArities[name] else { return }
        let words = rule.arguments
        let label = "'\(rule.hook) \(rule.action)'"
        let shown = ([rule.action] + words.prefix(1)).joined(separator: " ")
        var maximum = arity.maximum
        switch name {
        case "capture":
            // Captures are taken from the request's contents: not in connection or session rules.
            guard rule.hook == "tcp-request content" else {
                if rule.hook.hasPrefix("tcp-request") {
                    findings.report("'\(shown)' is not allowed in '\(rule.hook)' rules", at: rule.actionRange)
                }
                return
            }
            guard words.count >= 2, words[1] == "len" else {
                findings.report("\(label): a positive 'len' argument is mandatory", at: rule.actionRange)
                return
            }
            guard words.count >= 3, let length = Int(words[2]), length > 0 else {
                findings.report("\(label): length must be > 0", at: rule.argumentRanges[words.count >= 3 ? 2 : 1])
                return
            }
        case "expect-proxy", "expect-netscaler-cip":
            guard words.first == "layer4" else {
                findings.report("\(label) only supports 'layer4' (got '\(words.first ?? "")')",
                                at: words.isEmpty ? rule.actionRange : rule.argumentRanges[0])
                return
            }
            // The PROXY header comes before anything else: only connection rules can expect it.
            guard rule.hook == "tcp-request connection" else {
                findings.report("'\(shown)' is not allowed in '\(rule.hook)' rules", at: rule.actionRange)
                return
            }
        case "track-sc":
            if words.count == 2 { return }  // `table` without its name: stick-table-missing
            if words.count >= 2, words[1] != "table" { maximum = 1 }
        case "set-mark", "set-tos":
            guard checkValues(name, rule, label: label, &findings) else { return }
        default:
            if words.count < arity.minimum, !words.isEmpty {
                findings.report(Self.tooFew(label, name: name, arity, hook: rule.hook), at: rule.actionRange)
                return
            }
        }
        if words.count > maximum { report(extra: maximum, rule, label: label, http: false, &findings) }
    }

    /// Checks the values of the actions that take a number, a time or a keyword; false when one was reported.
    private func checkValues(_ name: String, _ rule: ActionRule, label: String, _ findings: inout Findings) -> Bool {
        let words = rule.arguments
        switch name {
        case "set-mark", "set-tos":
            guard let value = words.first else { return true }
            if !Self.isIntegerOrHex(value) {
                findings.report("\(label): invalid character starting at '\(value)' (integer/hex value expected)",
                                at: rule.argumentRanges[0])
                return false
            }
        case "set-timeout":
            guard words.count >= 2 else { return true }
            guard words[0] == "server" || words[0] == "tunnel" else {
                findings.report("'set-timeout' rule supports 'server'/'tunnel' (got '\(words[0])')", at: rule.argumentRanges[0])
                return false
            }
            // A value that is not a time is read as a sample expression (`int(3),mul(1000)`); a fetch name
            // never starts with a digit.
            if words[1].first?.isNumber == true, let problem = Self.timeProblem(words[1], zeroAllowed: false) {
                findings.report("\(label): \(problem) in '\(words[1])'", at: rule.argumentRanges[1])
                return false
            }
        case "capture":
            let response = rule.hook != "http-request"
            guard words.count >= 2, words[1] == "id" || (words[1] == "len" && !response) else {
                let expected = response ? "'id'" : "'len' or 'id'"
                let found = words.count >= 2 ? ", found '\(words[1])'" : ""
                findings.report("\(label) expects \(expected)\(found)", at: words.count >= 2 ? rule.argumentRanges[1] : rule.actionRange)
                return false
            }
            guard words.count >= 3 else { return true }
            let number = Int(words[2])
            if words[1] == "len", (number ?? 0) <= 0 {
                findings.report("\(label): length must be > 0", at: rule.argumentRanges[2])
                return false
            }
            if words[1] == "id", number == nil {
                findings.report("\(label): cannot parse id '\(words[2])'", at: rule.argumentRanges[2])
                return false
            }
        default: break
        }
        return true
    }

    private func report(extra index: Int, _ rule: ActionRule, label: String, http: Bool, _ findings: inout Findings) {
        let word = rule.arguments[index]
        let message = http ? "\(label) expects either 'if' or 'unless' followed by a condition but found '\(word)'"
            : "\(label) only accepts 'if' or 'unless' (got '\(word)')"
        findings.report(message, at: rule.argumentRanges[index])
    }

    static func tooFew(_ label: String, name: String, _ arity: Arity, hook: String) -> String {
        switch name {
        case "capture" where hook == "http-request": "\(label) expects <expression> [ 'len' <length> | id <idx> ]"
        case "capture": "\(label) expects <expression> id <idx>"
        default:
            "\(label) expects \(arity.minimum == arity.maximum ? "exactly" : "at least") \(arity.minimum) "
                + (arity.minimum == 1 ? "argument" : "arguments")
        }
    }

    /// What HAProxy refuses in a time value, or nil.
    static func timeProblem(_ text: String, zeroAllowed: Bool) -> String? {
        switch Duration.parse(text) {
        case .failure(.overflow): "timer overflow (maximum value is 2147483647 ms or ~24.8 days)"
        case .failure(.notANumber): "unexpected character '\(text.first.map(String.init) ?? "")'"
        case .failure(.badUnit(let suffix)): "unexpected character '\(suffix.first.map(String.init) ?? "")'"
        case .success(let duration) where !zeroAllowed && duration.microseconds == 0: "null value is not valid"
        case .success(let duration) where duration.microseconds > 0 && duration.microseconds < 1_000:
            "timer underflow (minimum non-null value is 1 ms)"
        case .success: nil
        }
    }

    /// A number as `strtoul` with base 0 reads it whole: decimal, `0x` hex.
    static func isIntegerOrHex(_ text: String) -> Bool {
        if text.hasPrefix("0x") || text.hasPrefix("0X") {
            let digits = text.dropFirst(2)
            return !digits.isEmpty && digits.allSatisfy(\.isHexDigit)
        }
        return !text.isEmpty && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber)
    }
}
