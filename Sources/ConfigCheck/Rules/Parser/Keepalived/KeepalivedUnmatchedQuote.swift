/// A double quote is never closed on its line.
struct KeepalivedUnmatchedQuote: SyntaxRule {
    static let description = RuleDescription(
        id: "keepalived-unmatched-quote", severity: .error, domain: .keepalivedSyntax,
        summary: "A double quote is never closed on its line.",
        rationale: """
            keepalived reads a quoted string up to the closing quote on the same line. Without it, the rest of the \
            line is part of the string, and a script path or notify command is not what it seems.
            """,
        fix: "Close the quote on the same line.",
        triggering: [
            .keepalived("""
                vrrp_script chk_haproxy {
                    script ↓"/usr/bin/pgrep -x haproxy
                    interval 2
                }

                """),
        ],
        nonTriggering: [
            .keepalived("""
                vrrp_script chk_haproxy {
                    script "/usr/bin/pgrep -x haproxy"
                    interval 2
                }

                """),
        ])
}
