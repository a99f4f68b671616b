/// A quote that is never closed on its line.
struct UnmatchedQuote: SyntaxRule {
    static let description = RuleDescription(
        id: "unmatched-quote", severity: .error, domain: .haproxySyntax,
        summary: "A single or double quote opens a word that is never closed on its line.",
        rationale: """
            HAProxy quotes words with single or double quotes, and a quoted word ends on its own line: there is no \
            multi-line string. An opening quote without its closing one makes HAProxy refuse the line ("unmatched \
            quote", an ALERT of haproxy -c).
            """,
        fix: "Close the quote on the same line; escape a literal quote with a backslash.",
        triggering: [
            .haproxy("""
                global
                    setenv GREETING ↓"hello world

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    setenv GREETING "hello world"
                    setenv QUOTE "say \\"hi\\""

                """),
        ])
}
