/// An environment variable that is not set where the configuration is read.
struct UnsetVariable: SyntaxRule {
    static let description = RuleDescription(
        id: "unset-variable", severity: .warning, domain: .haproxySyntax,
        summary: "An environment variable used in the configuration is not set, and has no default.",
        rationale: """
            HAProxy expands an unset `${NAME}` to an empty string without a word of warning, so `bind "${ADDR}:443"` \
            quietly becomes `bind ":443"` and listens on every address. Weir reads the same environment as HAProxy \
            would (and values given with --env), and warns when a variable without a `${NAME-default}` is missing.
            """,
        fix: "Set the variable where HAProxy runs, or give a default with `${NAME-default}`.",
        triggering: [
            .haproxy("""
                frontend web
                    bind "↓${WEIR_EXAMPLE_ADDR}:80"

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    bind "${WEIR_EXAMPLE_ADDR-127.0.0.1}:80"

                """),
        ])
}
