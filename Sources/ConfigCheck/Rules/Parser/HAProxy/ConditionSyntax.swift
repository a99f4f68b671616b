/// A `.if` or `.elif` condition that does not parse.
struct ConditionSyntax: SyntaxRule {
    static let description = RuleDescription(
        id: "condition-syntax", severity: .error, domain: .haproxySyntax,
        summary: "A `.if` or `.elif` condition cannot be evaluated.",
        rationale: """
            HAProxy evaluates `.if` and `.elif` conditions while it reads the file: a term, `defined(NAME)`, \
            `feature(NAME)`, `streq(A,B)`, `strneq(A,B)`, `version_atleast(V)` or `version_before(V)`, combined with \
            `!`, `&&`, `||` and parentheses. A predicate it does not know, a wrong number of arguments or a missing \
            parenthesis is an ALERT of haproxy -c, and the whole block becomes undecidable.
            """,
        fix: "Correct the expression; quote arguments that contain spaces or commas.",
        triggering: [
            .haproxy("""
                global
                .if ↓streq(a)
                    daemon
                .endif

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                .if streq("${WEIR_EXAMPLE_ROLE-primary}",primary)
                    daemon
                .endif

                """),
        ])
}
