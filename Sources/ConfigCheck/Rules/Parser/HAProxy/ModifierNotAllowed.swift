/// A `no` or `default` prefix on a keyword that has no such form.
struct ModifierNotAllowed: SyntaxRule {
    static let description = RuleDescription(
        id: "modifier-not-allowed", severity: .error, domain: .haproxySyntax,
        summary: "A keyword is prefixed with `no` or `default`, which only options, `log` and a few global flags accept.",
        rationale: """
            `no option dontlognull` turns off an option inherited from defaults, and `default option dontlognull` \
            restores the default; `log` and a few global flags accept the prefixes too. Other keywords have no such \
            form (`no timeout client` does not unset the timeout), and HAProxy refuses them (an ALERT of haproxy \
            -c).
            """,
        fix: "Remove the prefix, and set the keyword to the value wanted instead.",
        triggering: [
            .haproxy("""
                defaults
                    timeout client 30s
                frontend web
                    bind :80
                    ↓no timeout client

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    option dontlognull
                frontend web
                    bind :80
                    no option dontlognull

                """),
        ])
}
