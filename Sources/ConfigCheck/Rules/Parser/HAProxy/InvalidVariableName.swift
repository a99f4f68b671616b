/// A `$` inside double quotes not followed by a valid variable name.
struct InvalidVariableName: SyntaxRule {
    static let description = RuleDescription(
        id: "invalid-variable-name", severity: .error, domain: .haproxySyntax,
        summary: "An environment variable reference inside double quotes has an invalid name.",
        rationale: """
            Inside double quotes HAProxy expands `$NAME` and `${NAME}` from the environment. The name must start \
            with a letter, `_` or `.`; `.FILE`, `.LINE` and `.SECTION` are the only internal names. Anything else is \
            refused ("forbidden first char in environment variable name", an ALERT of haproxy -c). A literal dollar \
            sign inside double quotes must be escaped as `\\$` or written in single quotes.
            """,
        fix: "Escape a literal dollar sign (`\\$`), use single quotes, or correct the name.",
        triggering: [
            .haproxy("""
                global
                    setenv PRICE "$↓5 per month"

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    setenv PRICE "\\$5 per month"
                    setenv PATTERN '$5'
                    setenv FROM "${WEIR_EXAMPLE_ORIGIN-home}"

                """),
        ])
}
