/// The last line of the file has no newline.
struct MissingFinalNewline: SyntaxRule {
    static let description = RuleDescription(
        id: "missing-final-newline", severity: .error, domain: .haproxySyntax,
        summary: "The file does not end with a newline.",
        rationale: """
            HAProxy takes a last line without its newline as a sign that the file was cut short while being written, \
            and refuses it ("Missing LF on last line, file might have been truncated", an ALERT of haproxy -c). \
            Editors and templating tools that strip the final newline cause it.
            """,
        fix: "End the file with a newline (the fix-it adds it).",
        triggering: [
            .haproxy("global\n    daemon↓"),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    daemon

                """),
        ])
}
