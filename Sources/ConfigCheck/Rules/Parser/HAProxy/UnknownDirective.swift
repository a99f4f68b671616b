/// A line starting with a dot that is not a directive HAProxy knows.
struct UnknownDirective: SyntaxRule {
    static let description = RuleDescription(
        id: "unknown-directive", severity: .error, domain: .haproxySyntax,
        summary: "A line starts with a dot-directive HAProxy does not know.",
        rationale: """
            Lines starting with a dot are directives of the configuration language itself: `.if`, `.elif`, `.else`, \
            `.endif`, `.diag`, `.notice`, `.warning` and `.alert`. Any other (`.include`, `.ifdef`, `.info` borrowed \
            from other tools) is an ALERT of haproxy -c ("unknown directive"). HAProxy 2.6 has no include directive: \
            pass several files with repeated -f options instead.
            """,
        fix: "Use one of the known directives, or pass the other file with another -f.",
        triggering: [
            .haproxy("""
                global
                ↓.ifdef WEIR_EXAMPLE_DEBUG
                    daemon

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                .if defined(WEIR_EXAMPLE_DEBUG)
                    daemon
                .endif

                """),
        ])
}
