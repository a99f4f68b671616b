/// `from NAME` naming no defaults section defined before.
struct DefaultsUndefined: SyntaxRule {
    static let description = RuleDescription(
        id: "defaults-undefined", severity: .error, domain: .haproxySyntax,
        summary: "A section inherits with `from NAME` from a defaults section that is not defined before it.",
        rationale: """
            A proxy or defaults section can inherit explicitly from a named defaults section with `from NAME`. \
            HAProxy looks the name up among the defaults sections read so far and refuses the section when there is \
            none ("defaults section 'base' not found", an ALERT of haproxy -c): the named section must come first in \
            the file, or in an earlier -f file.
            """,
        fix: "Define `defaults NAME` above the section, or correct the name.",
        triggering: [
            .haproxy("""
                frontend web from ↓base
                    bind :80
                defaults base
                    mode http

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults base
                    mode http
                frontend web from base
                    bind :80

                """),
        ])
}
