/// A `.alert` line the parser reached.
struct AlertDirective: SyntaxRule {
    static let description = RuleDescription(
        id: "alert-directive", severity: .error, domain: .haproxySyntax,
        summary: "A `.alert` directive is reached while reading the file.",
        rationale: """
            `.alert "message"` makes HAProxy print the message as an ALERT and refuse to start. Authors use it \
            inside a `.if` to stop a configuration from running where it does not belong (the wrong version, a \
            missing feature). Weir reports it the same way when the directive is outside any block or in a branch \
            that is taken.
            """,
        fix: "Check the condition guarding the `.alert`; it is working as designed when it stops an unsupported setup.",
        triggering: [
            .haproxy("""
                global
                ↓.alert "this configuration needs HAProxy 2.6"

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                .if !version_atleast(2.6)
                .alert "this configuration needs HAProxy 2.6"
                .endif

                """),
        ])
}
