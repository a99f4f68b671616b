/// Words after the last argument a keyword takes.
struct ExtraArgument: SyntaxRule {
    static let description = RuleDescription(
        id: "extra-argument", severity: .error, domain: .haproxySyntax,
        summary: "A keyword or section header has more arguments than it takes.",
        rationale: """
            HAProxy checks the number of words on most lines and refuses extra ones ("'mode' cannot handle \
            unexpected argument 'tcp'" and similar ALERTs of haproxy -c). A section header takes a name and an \
            optional `from NAME`; an address after a frontend's name was the pre-1.5 way to listen and must now be a \
            `bind` line.
            """,
        fix: "Remove the extra words, or give each value its own line.",
        triggering: [
            .haproxy("""
                defaults
                    mode http ↓tcp
                frontend web ↓:80

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                frontend web
                    bind :80

                """),
        ])
}
