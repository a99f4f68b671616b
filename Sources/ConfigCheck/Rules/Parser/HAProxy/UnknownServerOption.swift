/// An option of a `server` line that HAProxy does not know.
struct UnknownServerOption: SyntaxRule {
    static let description = RuleDescription(
        id: "unknown-server-option", severity: .error, domain: .haproxySyntax,
        summary: "A `server`, `default-server` or `server-template` line has an option HAProxy does not know.",
        rationale: """
            After its name and address, a server line takes options (`check`, `inter 2s`, `weight 10`, `ssl`…). \
            HAProxy refuses an unknown one ("unknown keyword 'chek'", an ALERT of haproxy -c) and stops reading the \
            line there, so weir reports only the first unknown option of a line and suggests the closest known one.
            """,
        fix: "Correct the option's spelling (the fix-it proposes the closest one).",
        triggering: [
            .haproxy("""
                backend app
                    server a 127.0.0.1:8080 ↓chek inter 2s

                """),
        ],
        nonTriggering: [
            .haproxy("""
                backend app
                    server a 127.0.0.1:8080 check inter 2s

                """),
        ])
}
