/// An argument of the wrong type or out of range.
struct InvalidArgument: SyntaxRule {
    static let description = RuleDescription(
        id: "invalid-argument", severity: .error, domain: .haproxySyntax,
        summary: "An argument is not a valid value for its keyword: a time with a wrong unit, a number out of range, an unknown choice, a bad address.",
        rationale: """
            HAProxy parses typed arguments when it reads the line and refuses a value it cannot parse (ALERTs of \
            haproxy -c): times take a number with an optional us, ms, s, m, h or d unit (`5x` is not a time), sizes \
            a k, m or g suffix, choices one of a fixed list, addresses a valid host and port. Where a likely intent \
            is clear, the fix-it proposes it.
            """,
        fix: "Write the value in the form the message gives.",
        triggering: [
            .haproxy("""
                defaults
                    timeout connect ↓5x
                    mode ↓https

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    timeout connect 5s
                    mode http

                """),
        ])
}
