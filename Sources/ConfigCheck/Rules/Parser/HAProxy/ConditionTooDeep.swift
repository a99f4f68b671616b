/// More nested `.if` blocks than HAProxy allows.
struct ConditionTooDeep: SyntaxRule {
    static let description = RuleDescription(
        id: "condition-too-deep", severity: .error, domain: .haproxySyntax,
        summary: "More than 99 `.if` blocks are nested inside each other.",
        rationale: """
            HAProxy keeps a fixed-size stack of open conditional blocks and refuses the 100th nested `.if` ("too \
            many nested '.if', max is 100", an ALERT of haproxy -c). Nesting that deep is generated text gone wrong \
            rather than intent.
            """,
        fix: "Flatten the conditions: combine them with `&&` in a single `.if`.",
        triggering: [
            .haproxy("global\n" + String(repeating: ".if 1\n", count: 99) + "↓.if 1\n" + String(repeating: ".endif\n", count: 100)),
        ],
        nonTriggering: [
            .haproxy("""
                global
                .if defined(WEIR_EXAMPLE_A) && defined(WEIR_EXAMPLE_B)
                    daemon
                .endif

                """),
        ])
}
