/// A known keyword in a section where it is not allowed.
struct KeywordWrongSection: SyntaxRule {
    static let description = RuleDescription(
        id: "keyword-wrong-section", severity: .error, domain: .haproxySyntax,
        summary: "A keyword is used in a section that does not accept it.",
        rationale: """
            Each keyword belongs to some sections only: `default_backend` to frontend, listen and defaults sections, \
            `server` to backends, `daemon` to global. HAProxy refuses a keyword outside its sections (an ALERT of \
            haproxy -c), and since 2.5 refuses `http-request`, `http-response`, `tcp-request` and `acl` lines in a \
            defaults section without a name, because only a named defaults section can be inherited explicitly with \
            its rules.
            """,
        fix: "Move the line to a section that accepts it (the note lists them), or name the defaults section.",
        triggering: [
            .haproxy("""
                global
                    ↓default_backend app
                defaults
                    ↓http-request deny if { src 10.0.0.0/8 }

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults base
                    mode http
                    http-request deny if { src 10.0.0.0/8 }
                frontend web from base
                    bind :80
                    default_backend app
                defaults
                    mode http
                backend app
                    server a 127.0.0.1:8080

                """),
        ])
}
