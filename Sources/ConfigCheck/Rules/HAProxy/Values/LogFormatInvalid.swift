/// A log format HAProxy cannot parse.
struct LogFormatInvalid: SyntaxRule {
    static let description = RuleDescription(
        id: "log-format-invalid", severity: .error, domain: .plan,
        summary: "A `log-format` (or `log-format-sd`, `error-log-format`, `unique-id-format`) string HAProxy cannot parse.",
        rationale: """
            HAProxy parses a log format when it reads the configuration and refuses it at an unknown variable \
            (`%zz`), an unclosed `%{…}` or `%[…]`, or a flag it does not know, with `failed to parse log- \
            format`. The plan reads the same language, so a format that would stop haproxy stops the plan at its \
            line.
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
}
