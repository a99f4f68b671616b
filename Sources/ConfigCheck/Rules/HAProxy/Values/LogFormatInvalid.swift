import ConfigDiagnostics
import HAProxyConfig

/// A log format HAProxy cannot parse.
struct LogFormatInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "log-format-invalid", severity: .error, domain: .haproxy,
        summary: "A `log-format` (or `log-format-sd`, `error-log-format`, `unique-id-format`) string HAProxy cannot parse.",
        rationale: """
            HAProxy parses a log format when it checks the configuration and refuses it at an unknown variable \
            (`%zz`), a `%` at the end or before a digit or a space, an unclosed `%{…}` or `%[…]`, or `%{…}` \
            with no variable after it, with `failed to parse log-format`. It parses the format in force in each \
            frontend and listen section (a `defaults` line that no frontend inherits, or that a later `option \
            httplog` replaces, is never parsed; a backend ignores log formats). Weir reads the format once, the \
            way HAProxy does, for the checker and for the plan.
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
        // A defaults section's line is parsed in each frontend that inherits it: reported once.
        var reported = Set<SourceRange>()
        for proxy in context.proxies {
            for line in SemanticFindings.logFormatLines(of: proxy) where reported.insert(line.range).inserted {
                if let diagnostic = SemanticFindings.logFormat(line) { findings.report(diagnostic.message, at: diagnostic.range) }
            }
        }
    }
}
