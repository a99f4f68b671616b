/// A `${` that is never closed by `}`.
struct UnmatchedVariableBrace: SyntaxRule {
    static let description = RuleDescription(
        id: "unmatched-variable-brace", severity: .error, domain: .haproxySyntax,
        summary: "A `${NAME` environment variable reference is never closed by `}`.",
        rationale: """
            `${NAME}` and `${NAME-default}` must end with a closing brace before the end of the quoted word. Without \
            it HAProxy refuses the line ("unmatched brace in environment variable name", an ALERT of haproxy -c).
            """,
        fix: "Close the brace.",
        triggering: [
            .haproxy("""
                global
                    setenv ROOT "$↓{WEIR_EXAMPLE_ROOT/srv"

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    setenv ROOT "${WEIR_EXAMPLE_ROOT-/srv}"

                """),
        ])
}
