/// `.elif`, `.else` or `.endif` without its `.if`, or a `.if` never closed.
struct ConditionUnbalanced: SyntaxRule {
    static let description = RuleDescription(
        id: "condition-unbalanced", severity: .error, domain: .haproxySyntax,
        summary: "A conditional block is unbalanced: `.elif`, `.else` or `.endif` without a `.if`, or a `.if` without `.endif`.",
        rationale: """
            Conditional blocks nest like parentheses. HAProxy refuses a `.elif`, `.else` or `.endif` that closes \
            nothing, a `.elif` or `.else` after the block's `.else`, and a file that ends while a `.if` is still \
            open (ALERTs of haproxy -c). A block left open usually means a `.endif` was lost when lines were moved, \
            so everything after it depends on the condition.
            """,
        fix: "Add the missing `.if` or `.endif`, or remove the stray one.",
        triggering: [
            .haproxy("""
                global
                    daemon
                ↓.endif

                """),
            .haproxy("""
                global
                ↓.if defined(WEIR_EXAMPLE_DEBUG)
                    log stdout local0 debug

                """),
        ],
        nonTriggering: [
            .haproxy("""
                .if defined(WEIR_EXAMPLE_DEBUG)
                global
                    log stdout local0 debug
                .else
                global
                    log stdout local0 info
                .endif

                """),
        ])
}
