/// A `\x` escape without two hexadecimal digits.
struct InvalidHexEscape: SyntaxRule {
    static let description = RuleDescription(
        id: "invalid-hex-escape", severity: .error, domain: .haproxySyntax,
        summary: "A `\\x` escape is not followed by two hexadecimal digits.",
        rationale: """
            Outside single quotes HAProxy reads `\\xHH` as the byte with that hexadecimal value. When the two digits \
            are missing or not hexadecimal it refuses the line ("truncated or invalid hexadecimal sequence", an \
            ALERT of haproxy -c). A Windows path or a regular expression written without single quotes is the usual \
            cause.
            """,
        fix: "Write two hexadecimal digits, or put the word in single quotes so the backslash is literal.",
        triggering: [
            .haproxy("""
                global
                    setenv SEPARATOR ↓\\x4g

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    setenv SEPARATOR \\x41
                    setenv PATTERN '\\x4g'

                """),
        ])
}
