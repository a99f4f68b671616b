/// An option of a `bind` line that HAProxy does not know.
struct UnknownBindOption: SyntaxRule {
    static let description = RuleDescription(
        id: "unknown-bind-option", severity: .error, domain: .haproxySyntax,
        summary: "A `bind` line has an option HAProxy does not know.",
        rationale: """
            After its addresses, a `bind` line takes options (`ssl`, `crt FILE`, `alpn LIST`, `accept-proxy`…). \
            HAProxy refuses an unknown one ("unknown keyword 'acept-proxy'", an ALERT of haproxy -c) and stops \
            reading the line there, so weir reports only the first unknown option of a line and suggests the closest \
            known one.
            """,
        fix: "Correct the option's spelling (the fix-it proposes the closest one).",
        triggering: [
            .haproxy("""
                frontend web
                    bind :80 ↓acept-proxy

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    bind :80 accept-proxy defer-accept

                """),
        ])
}
