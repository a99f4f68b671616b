import ConfigDiagnostics
import HAProxyConfig

/// A rule placed after an unconditional rule that ends its list's evaluation.
struct RuleUnreachable: HAProxyRule {
    static let description = RuleDescription(
        id: "rule-unreachable", severity: .warning, domain: .haproxy,
        summary: "A rule follows an unconditional `deny`, `redirect`, `use_backend`… of the same list, so it never runs.",
        rationale: """
            Each list of rules of a proxy is evaluated in file order until a final action applies: `allow`, \
            `deny`, `tarpit`, `auth`, `redirect` and `return` end the `http-request` (and `http-response`, \
            `http-after-response`) rules; `accept`, `reject` and `close` end the `tcp-request`/`tcp-response` \
            rules of their stage; the first matching `use_backend` picks the backend, and the first matching \
            `redirect` answers. When such a rule has no condition (or `if TRUE`), the rules after it in the same \
            list never run, and a `default_backend` after an unconditional `use_backend` is never used. For the \
            HTTP lists haproxy warns ("previous 'http-request' action is final and has no condition attached, \
            further entries are NOOP"); for the others it says nothing. Rules of different lists do not block \
            each other: all `http-request` rules run before any `use_backend`, wherever they are written.
            """,
        fix: "Add the missing condition to the final rule, or move it after the rules it hides.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    http-request deny
                    http-request ↓deny if { path_beg /admin }
                    default_backend app
                backend app
                    mode http
                    server a 127.0.0.1:8080

                """),
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    use_backend app
                    ↓use_backend api if { path_beg /api/ }
                    ↓default_backend api
                backend app
                    mode http
                    server a 127.0.0.1:8080
                backend api
                    mode http
                    server a 127.0.0.1:8081

                """),
            .haproxy("""
                frontend db_in
                    mode tcp
                    bind :3306
                    tcp-request inspect-delay 5s
                    tcp-request content accept
                    tcp-request content ↓reject if { src 10.0.0.0/8 }
                    default_backend db
                backend db
                    mode tcp
                    server a 127.0.0.1:3306

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    http-request redirect scheme https unless { ssl_fc }
                    http-request deny if { path_beg /admin }
                    use_backend api if { path_beg /api/ }
                    use_backend %[req.hdr(x-pool)]
                    default_backend app
                backend app
                    mode http
                    server a 127.0.0.1:8080
                backend api
                    mode http
                    server a 127.0.0.1:8081

                """),
        ])

    static func message(_ keyword: String, _ final: String, _ line: Int) -> String {
        "this '\(keyword)' never runs: the unconditional '\(final)' at line \(line) ends the list before it"
    }

    /// Actions that end their list of rules, by hook.
    static func isFinal(_ rule: ActionRule) -> Bool {
        if rule.hook.hasPrefix("tcp-") { return ["accept", "reject", "close"].contains(rule.action) }
        switch rule.action {
        case "allow", "deny", "tarpit", "auth", "return": return true
        case "redirect": return !rule.arguments.contains("ignore-empty")
        default: return false
        }
    }

    static func isUnconditional(_ condition: Condition?) -> Bool {
        guard let condition else { return true }
        return condition.terms == [condition.polarity == .if ? "TRUE" : "FALSE"]
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.configuration.proxies {
            var finals: [String: (action: String, line: Int)] = [:]
            for rule in proxy.rules where rule.hook != "tcp-request inspect-delay" {
                if let final = finals[rule.hook] {
                    findings.report(Self.message(rule.hook, rule.hook + " " + final.action, final.line), at: rule.actionRange)
                } else if Self.isFinal(rule), Self.isUnconditional(rule.condition) {
                    finals[rule.hook] = (rule.action, rule.range.start.line)
                }
            }
            var finalUse: UseBackendRule? = nil
            for use in proxy.useBackends {
                if let final = finalUse {
                    findings.report(Self.message("use_backend", "use_backend " + final.backend, final.range.start.line),
                                    at: keywordRange(use.range, "use_backend"))
                } else if Self.isUnconditional(use.condition), !use.backend.contains("%[") {
                    finalUse = use
                }
            }
            if let final = finalUse, let line = proxy.directives("default_backend").last {
                findings.report(Self.message("default_backend", "use_backend " + final.backend, final.range.start.line),
                                at: keywordRange(line.range, "default_backend"))
            }
            var finalRedirect: Directive? = nil
            for line in proxy.directives("redirect") {
                if let final = finalRedirect {
                    findings.report(Self.message("redirect", "redirect", final.range.start.line),
                                    at: keywordRange(line.range, "redirect"))
                } else if !line.arguments.contains("if"), !line.arguments.contains("unless") {
                    finalRedirect = line
                }
            }
        }
    }

    private func keywordRange(_ line: SourceRange, _ keyword: String) -> SourceRange {
        var range = line
        range.end = range.start
        range.end.offset += keyword.utf8.count
        range.end.column += keyword.utf8.count
        return range
    }
}
