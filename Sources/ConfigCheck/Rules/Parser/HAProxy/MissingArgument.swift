/// A keyword without an argument it requires.
struct MissingArgument: SyntaxRule {
    static let description = RuleDescription(
        id: "missing-argument", severity: .error, domain: .haproxySyntax,
        summary: "A keyword lacks a required argument.",
        rationale: """
            Most keywords need a value: `timeout connect` a time, `mode` one of http, tcp or log, `balance` an \
            algorithm. HAProxy refuses the line when it is missing ("'timeout connect' expects an integer value" and \
            similar ALERTs of haproxy -c). The finding points at the keyword and says what is expected.
            """,
        fix: "Add the value.",
        triggering: [
            .haproxy("""
                defaults
                    ↓timeout connect

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    timeout connect 5s

                """),
        ])
}
