/// A `${NAME[...]}` suffix other than `[*]`.
struct InvalidWordExpansion: SyntaxRule {
    static let description = RuleDescription(
        id: "invalid-word-expansion", severity: .error, domain: .haproxySyntax,
        summary: "An environment variable reference has a `[...]` suffix other than `[*]`.",
        rationale: """
            `${NAME[*]}` asks HAProxy to split the variable's value into several words; it is the only suffix the \
            syntax has. Any other bracket (`[0]`, `[@]` from shell habits) is refused ("truncated or invalid word \
            expansion sequence", an ALERT of haproxy -c).
            """,
        fix: "Write `${NAME[*]}` to split the value into words, or `${NAME}` to keep it as one.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    acl internal src "${WEIR_EXAMPLE_NETWORKS↓[0]}"

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    acl internal src 10.0.0.0/8 "${WEIR_EXAMPLE_NETWORKS[*]-172.16.0.0/12 192.168.0.0/16}"
                    http-request deny if !internal

                """),
        ])
}
