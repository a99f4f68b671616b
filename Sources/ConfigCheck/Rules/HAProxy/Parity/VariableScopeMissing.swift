import ConfigDiagnostics
import HAProxyConfig

/// A variable name without its scope (`txn.`, `sess.`…).
struct VariableScopeMissing: HAProxyRule {
    static let description = RuleDescription(
        id: "variable-scope-missing", severity: .error, domain: .haproxy,
        summary: "A variable of `set-var`, `unset-var`, `set-var-fmt` or `var()` is named without its scope (`txn.`, `sess.`, `req.`, `res.`, `proc.`, `check.`).",
        rationale: """
            A variable name starts with its scope, which says how long the value lives: `proc` (the whole \
            process), `sess` (the connection), `txn` (the request and its response), `req` or `res` (one \
            direction), `check` (a health check). HAProxy refuses a name without one (\"A variable name must be \
            start by its scope\") and a name with characters other than letters, digits, `_` and `.`.
            """,
        fix: "Prefix the name with its scope, usually `txn.` (`set-var(txn.user)`).",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :80
                    http-request ↓set-var(user) req.hdr(x-user)
                    http-request deny if { ↓var(usr) -m str root }
                    default_backend app
                backend app
                    server a 127.0.0.1:8080

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
                    bind :80
                    http-request set-var(txn.user) req.hdr(x-user)
                    http-request set-var-fmt(txn.who) "%[var(txn.user)]"
                    http-request deny if { var(txn.user) -m str root }
                    http-request unset-var(txn.user)
                    default_backend app
                backend app
                    server a 127.0.0.1:8080

                """),
        ])

    static let scopes = ["proc.", "sess.", "txn.", "req.", "res.", "check."]
    static let actions = ["set-var(", "unset-var(", "set-var-fmt("]

    /// What HAProxy says of a variable name it refuses, or nil.
    static func problem(_ name: some StringProtocol) -> String? {
        guard scopes.contains(where: { name.hasPrefix($0) && name.count > $0.count }) else {
            return "variable '\(name)' has no scope: start it with proc., sess., txn., req., res. or check."
        }
        guard let bad = name.first(where: { !($0.isASCII && ($0.isLetter || $0.isNumber)) && $0 != "_" && $0 != "." }) else { return nil }
        return "variable '\(name)' has the character '\(bad)', which a name cannot have"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.configuration.proxies {
            for rule in proxy.rules {
                guard let prefix = Self.actions.first(where: rule.action.hasPrefix) else { continue }
                let name = rule.action.dropFirst(prefix.count).prefix { $0 != "," && $0 != ")" }
                if let problem = Self.problem(name) { findings.report(problem, at: rule.actionRange) }
            }
            for call in context.calls(of: proxy) where call.name == "var" {
                if let name = call.arguments.first, let problem = Self.problem(name) { findings.report(problem, at: call.range) }
            }
        }
    }
}
