/// A file weir fmt leaves as it is, because formatting it would change what HAProxy reads.
struct FormatRefused: SyntaxRule {
    static let description = RuleDescription(
        id: "format-refused", severity: .error, domain: .io,
        summary: "weir fmt leaves a file as it is because formatting it would change what HAProxy reads.",
        rationale: """
            `weir fmt` changes layout, never meaning: after formatting, it reads the result again and compares \
            every line's words and comments with the original's. When they differ, the file is left untouched and \
            this error says so (exit status 1). A haproxy.cfg with a NUL byte or without a final newline is \
            refused before that, with the lexer's own error (`stray-nul-byte`, `missing-final-newline`): HAProxy \
            refuses such a file, and formatting must not turn it into one HAProxy accepts. Its examples describe \
            the situation; they cannot be run as configurations.
            """,
        fix: "Fix the errors `weir lint` reports for the file, then format it.",
        triggering: [
            .haproxy("""
                # weir fmt haproxy.cfg, where a line holds a NUL byte or the file has no final newline

                """),
        ],
        nonTriggering: [
            .haproxy("""
                # weir fmt haproxy.cfg, a file HAProxy can read

                """),
        ])
}
