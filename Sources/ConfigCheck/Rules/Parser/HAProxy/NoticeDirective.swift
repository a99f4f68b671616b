/// A `.notice` or `.diag` line the parser reached.
struct NoticeDirective: SyntaxRule {
    static let description = RuleDescription(
        id: "notice-directive", severity: .note, domain: .haproxySyntax,
        summary: "A `.notice` or `.diag` directive is reached while reading the file.",
        rationale: """
            `.notice "message"` makes HAProxy print the message as a NOTICE at start-up, and `.diag` does the same \
            when diagnostic mode (-dD) is on. Neither changes the verdict; weir shows them as notes so that what \
            HAProxy would print is visible in the lint output too.
            """,
        triggering: [
            .haproxy("""
                global
                ↓.notice "loading the edge configuration"
                    daemon

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    daemon

                """),
        ])
}
