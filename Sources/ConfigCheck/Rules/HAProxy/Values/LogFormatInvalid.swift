import HAProxyConfig

/// A log format HAProxy cannot parse.
struct LogFormatInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "log-format-invalid", severity: .error, domain: .haproxy,
        summary: "A `log-format` (or `log-format-sd`, `error-log-format`, `unique-id-format`) string HAProxy cannot parse.",
        rationale: """
            HAProxy parses a log format when it checks the configuration and refuses it at an unknown variable \
            (`%zz`), a `%` at the end or before a digit or a space, an unclosed `%{…}` or `%[…]`, or `%{…}` \
            with no variable after it, with `failed to parse log-format`. Weir reads the format once, the way \
            HAProxy does, for the checker and for the plan.
            """,
        fix: "Write `%%` for a literal percent sign, or use a variable HAProxy 2.6 defines (`%ci`, `%Tt`, `%[src]`…).",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :8080
                    log 127.0.0.1:514 local0
                    ↓log-format "%ci %zz"
                    default_backend app
                backend app
                    server a 127.0.0.1:8080

                """),
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :8080
                    log 127.0.0.1:514 local0
                    ↓log-format "%{+Q"
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
                    bind :8080
                    log 127.0.0.1:514 local0
                    log-format "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B 100%%"
                    default_backend app
                backend app
                    server a 127.0.0.1:8080

                """),
        ])

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.allProxies {
            for case let diagnostic? in proxy.directives.map({ SemanticFindings.logFormat($0) }) {
                findings.report(diagnostic.message, at: diagnostic.range)
            }
        }
    }
}
