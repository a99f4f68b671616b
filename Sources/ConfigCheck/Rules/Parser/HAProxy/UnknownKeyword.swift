/// A keyword HAProxy 2.6 does not know in its section.
struct UnknownKeyword: SyntaxRule {
    static let description = RuleDescription(
        id: "unknown-keyword", severity: .error, domain: .haproxySyntax,
        summary: "A keyword is unknown in its section, often a misspelling.",
        rationale: """
            HAProxy refuses any keyword it does not know ("unknown keyword 'bnid' in 'frontend' section", an ALERT \
            of haproxy -c), and for two-word keywords it checks the second word too (`timeout conect`, `option \
            http-keep-alive2`). Weir reads the keyword tables of HAProxy 2.6 and suggests the closest known keyword. \
            A keyword from a newer HAProxy is unknown too: the target version is 2.6.
            """,
        fix: "Correct the spelling (the fix-it proposes the closest keyword), or move the line to the section it belongs in.",
        triggering: [
            .haproxy("""
                frontend web
                    ↓bnid :80
                    ↓timeout conect 5s

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    bind :80
                    timeout client 5s

                """),
        ])
}
