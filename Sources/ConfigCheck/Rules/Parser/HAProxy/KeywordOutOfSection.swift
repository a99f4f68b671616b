/// A keyword before the first section header.
struct KeywordOutOfSection: SyntaxRule {
    static let description = RuleDescription(
        id: "keyword-out-of-section", severity: .error, domain: .haproxySyntax,
        summary: "A keyword appears before any section header.",
        rationale: """
            Every keyword of haproxy.cfg belongs to the section opened by the last header (`global`, `defaults`, \
            `frontend`, …). A keyword written before the first header belongs to none, and HAProxy refuses it \
            ("unknown keyword ... out of section", an ALERT of haproxy -c). It usually means a header line was \
            deleted, or a fragment meant to be appended to another file was given on its own.
            """,
        fix: "Add the section header above it.",
        triggering: [
            .haproxy("""
                ↓maxconn 4096
                global
                    daemon

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    maxconn 4096
                    daemon

                """),
        ])
}
