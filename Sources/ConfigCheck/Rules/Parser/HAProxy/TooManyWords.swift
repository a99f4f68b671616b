/// A line with more words than HAProxy reads.
struct TooManyWords: SyntaxRule {
    static let description = RuleDescription(
        id: "too-many-words", severity: .error, domain: .haproxySyntax,
        summary: "A line has more than 64 words.",
        rationale: """
            HAProxy splits a line into at most 64 words and refuses a longer one ("too many words, truncating after \
            word 64", an ALERT of haproxy -c). Long lists (ACL values, `http-request` rules with many headers) hit \
            the limit; the words after it would otherwise be lost.
            """,
        fix: "Split the list over several lines (several `acl` lines with the same name are ORed), or move the values to a file (`-f file`).",
        triggering: [
            .haproxy("global\n    setenv LIST " + (1...62).map { "w\($0)" }.joined(separator: " ") + " ↓w63\n"),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    bind :80
                    acl blocked src 10.0.0.1 10.0.0.2
                    acl blocked src 10.0.0.3 10.0.0.4

                """),
        ])
}
