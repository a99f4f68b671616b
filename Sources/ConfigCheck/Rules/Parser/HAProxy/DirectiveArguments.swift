/// A dot-directive with words it does not take.
struct DirectiveArguments: SyntaxRule {
    static let description = RuleDescription(
        id: "directive-arguments", severity: .error, domain: .haproxySyntax,
        summary: "`.else` or `.endif` has arguments, or a message directive has more than one word.",
        rationale: """
            `.else` and `.endif` take nothing, and `.alert`, `.warning`, `.notice` and `.diag` take exactly one \
            word: the message, quoted when it has spaces. HAProxy refuses the extra words (ALERTs of haproxy -c); an \
            unquoted message is the usual cause.
            """,
        fix: "Quote the message, or remove the words after `.else`/`.endif`.",
        triggering: [
            .haproxy("""
                global
                .notice loading ↓the edge configuration

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                .notice "loading the edge configuration"

                """),
        ])
}
