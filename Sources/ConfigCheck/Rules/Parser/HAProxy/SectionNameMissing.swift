/// A section header without the name its section needs.
struct SectionNameMissing: SyntaxRule {
    static let description = RuleDescription(
        id: "section-name-missing", severity: .error, domain: .haproxySyntax,
        summary: "A section that needs a name has none.",
        rationale: """
            Frontends, backends, listen, peers, userlist, resolvers and similar sections are known by their name: \
            use_backend, stats and logs refer to it. HAProxy refuses such a header without one ("'backend' expects \
            an <id> argument", an ALERT of haproxy -c). Only global and defaults may be anonymous.
            """,
        fix: "Name the section.",
        triggering: [
            .haproxy("""
                ↓backend
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                backend app
                    server a 127.0.0.1:8080

                """),
        ])
}
