import ConfigDiagnostics
import HAProxyConfig

/// `filter spoe` without its configuration file.
struct SpoeConfigMissing: HAProxyRule {
    static let description = RuleDescription(
        id: "spoe-config-missing", severity: .error, domain: .haproxy,
        summary: "A `filter spoe` line does not name its configuration file.",
        rationale: """
            The SPOE filter reads its agents and messages from a file of its own, given with `config FILE`; \
            without it HAProxy refuses the configuration ("'spoe' : missing config file", an ALERT of \
            haproxy -c).
            """,
        fix: "Add `config /etc/haproxy/spoe.conf` (and `engine NAME` when the file holds several engines).",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    timeout client 30s
                    ↓filter spoe engine waf

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    timeout client 30s
                    filter compression

                """),
        ])

    static let message = "'filter spoe' needs 'config FILE'"

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.configuration.proxies {
            for line in proxy.directives("filter") where line.arguments.first == "spoe" {
                let config = line.arguments.firstIndex(of: "config")
                if config == nil || config! + 1 >= line.arguments.count { findings.report(Self.message, at: line.range) }
            }
        }
    }
}
