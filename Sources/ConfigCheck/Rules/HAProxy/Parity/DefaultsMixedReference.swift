import ConfigDiagnostics
import HAProxyConfig

/// A named defaults section used both with `from` and implicitly.
struct DefaultsMixedReference: HAProxyRule {
    static let description = RuleDescription(
        id: "defaults-mixed-reference", severity: .warning, domain: .haproxy,
        summary: "A defaults section is inherited explicitly with `from` by some sections and implicitly by others.",
        rationale: """
            A proxy inherits the last defaults section above it unless it names one with `from`. When a named \
            defaults section is both named by `from` somewhere and inherited implicitly elsewhere, a reader cannot \
            tell which proxies were meant to get it, and adding a defaults section later changes the implicit \
            ones only. HAProxy warns about the mix ("defaults section 'base' is explicitly referenced by another \
            proxy and implicitly used here"; it prints it as an ALERT but still accepts the file).
            """,
        fix: "Use `from` everywhere, or add a last anonymous defaults section for the proxies that do not name one.",
        triggering: [
            .haproxy("""
                defaults base
                    mode http
                    timeout client 30s
                    timeout connect 5s
                    timeout server 30s
                frontend web from base
                    bind :80
                    default_backend app
                backend ↓app
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults base
                    mode http
                    timeout client 30s
                    timeout connect 5s
                    timeout server 30s
                frontend web from base
                    bind :80
                    default_backend app
                backend app from base
                    server a 127.0.0.1:8080

                """),
        ])

    static func message(_ name: String) -> String {
        "defaults section '\(name)' is named with 'from' elsewhere and inherited implicitly here"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let defaults = context.configuration.defaults
        var explicit = Set<Int>(), implicit = Set<Int>()
        for proxy in DefaultsRulesInheritance.inSourceOrder(context.configuration) {
            guard let index = proxy.defaultsIndex, defaults.indices.contains(index), let name = defaults[index].name else { continue }
            if proxy.defaultsName != nil { explicit.insert(index) } else { implicit.insert(index) }
            if explicit.contains(index), implicit.contains(index) {
                findings.report(Self.message(name), at: proxy.nameRange,
                                notes: [DiagnosticNote(message: "the defaults section is here", range: defaults[index].nameRange)])
            }
        }
    }
}
