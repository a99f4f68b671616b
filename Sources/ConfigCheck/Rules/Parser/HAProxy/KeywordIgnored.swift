/// A keyword in a section where HAProxy accepts it but ignores it.
struct KeywordIgnored: SyntaxRule {
    static let description = RuleDescription(
        id: "keyword-ignored", severity: .warning, domain: .haproxySyntax,
        summary: "A keyword is accepted in its section but has no effect there.",
        rationale: """
            Some keywords are allowed in every proxy section but only act where the proxy has the matching side: \
            `maxconn` limits a frontend's connections and does nothing in a backend (HAProxy's WARNING says "Maybe \
            you want 'fullconn' instead ?"), `log-format` and `backlog` are frontend settings, `balance` and \
            `cookie` backend ones. HAProxy warns and goes on, so the limit or format the author wanted is not \
            applied.
            """,
        fix: "Move the line to where it acts: `fullconn` (or per-server `maxconn`) in a backend, `maxconn` in the frontend.",
        triggering: [
            .haproxy("""
                backend app
                    ↓maxconn 2000
                    server a 127.0.0.1:8080 maxconn 500

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    bind :80
                    maxconn 2000
                    default_backend app
                backend app
                    fullconn 2000
                    server a 127.0.0.1:8080 maxconn 500

                """),
        ])
}
