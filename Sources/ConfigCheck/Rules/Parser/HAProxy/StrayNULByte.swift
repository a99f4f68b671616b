/// A NUL byte in a line.
struct StrayNULByte: SyntaxRule {
    static let description = RuleDescription(
        id: "stray-nul-byte", severity: .error, domain: .haproxySyntax,
        summary: "A line contains a NUL byte.",
        rationale: """
            A NUL byte has no place in a text configuration; HAProxy stops at it and refuses the file ("Stray NUL \
            character", an ALERT of haproxy -c). It appears when a binary file or a UTF-16 file is used by mistake, \
            or when a file was only partly written.
            """,
        fix: "Remove the byte; check the file's encoding (it must be ASCII or UTF-8).",
        triggering: [
            .haproxy("global\n    setenv NAME ab↓\u{0}cd\n"),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    setenv NAME abcd

                """),
        ])
}
