/// A backslash at the end of a haproxy.cfg line.
struct LineContinuation: SyntaxRule {
    static let description = RuleDescription(
        id: "line-continuation", severity: .error, domain: .haproxySyntax,
        summary: "A line ends with a backslash, which HAProxy does not read as a continuation.",
        rationale: """
            Unlike a shell, HAProxy has no line continuation: a backslash before the newline escapes nothing \
            useful and the next line is read as a statement of its own, so the split options become an unknown \
            keyword and haproxy refuses the file. Weir reports the backslash, joins the lines and checks the \
            joined statement.
            """,
        fix: "Join the lines into one (the fix-it does it).",
        triggering: [
            .haproxy("""
                global
                    ssl-default-bind-options ssl-min-ver TLSv1.2 ↓\\
                        no-tls-tickets

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    ssl-default-bind-options ssl-min-ver TLSv1.2 no-tls-tickets

                """),
        ])
}
